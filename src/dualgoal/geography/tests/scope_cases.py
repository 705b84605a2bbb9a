from dualgoal.core.testing import ScopeCase, unit
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit


def make_village(world, commune):
    number = commune.children.count() + 2
    return unit(
        f"{commune.code}-{number:02d}",
        f"Thôn Mới {number} {commune.short_name}",
        "thôn",
        Level.VILLAGE,
        commune,
    )


CASES = [ScopeCase(AdminUnit, make_village, api_basename="adminunit")]
