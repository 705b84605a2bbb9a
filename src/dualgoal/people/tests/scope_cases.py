from dualgoal.core.testing import ScopeCase
from dualgoal.people.models import Household, Person


def village_of(world, commune):
    return world.village_a if commune == world.commune_a else world.village_b


def make_household(world, commune):
    village = village_of(world, commune)
    return Household.objects.create(code=f"HGD-{village.code}", village=village, address=f"Số 1, {village.name}")


def make_person(world, commune):
    return Person.objects.create(
        full_name=f"Nguyễn Văn Thử {commune.name}",
        birth_year=1990,
        sex="M",
        residence_unit=village_of(world, commune),
    )


CASES = [
    ScopeCase(Person, make_person, api_basename="person"),
    ScopeCase(Household, make_household),
]
