# Shared fixtures (world, yen_dung, member) for src/ and tests/.
pytest_plugins = ["dualgoal.core.fixtures"]
