import pytest


@pytest.fixture
def world(db):
    from dualgoal.core.testing import build_world

    return build_world()
