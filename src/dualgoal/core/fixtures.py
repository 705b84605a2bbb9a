import pytest


@pytest.fixture
def world(db):
    from dualgoal.core.testing import build_world

    return build_world()


@pytest.fixture
def yen_dung(db):
    """The real district: the unit fixture, its bodies and aliases, and the seed rules."""
    from dualgoal.core.rulebook import rules_load
    from dualgoal.geography.selectors import YEN_DUNG_CODE, unit_by_code
    from dualgoal.geography.services import units_load
    from dualgoal.organisations.services import organisations_load

    units_load()
    organisations_load()
    rules_load()
    return unit_by_code(YEN_DUNG_CODE)


@pytest.fixture
def member(yen_dung):
    """member(username, role, organisation code[, unit code]) -> a user holding that membership."""
    from dualgoal.accounts.models import Membership, User
    from dualgoal.geography.selectors import unit_by_code
    from dualgoal.organisations.models import Organisation

    def make(username: str, role: str, organisation_code: str, unit_code: str | None = None):
        organisation = Organisation.objects.get(code=organisation_code)
        unit = unit_by_code(unit_code) if unit_code else organisation.admin_unit
        user = User.objects.create_user(username=username, password="Test-password-2021", email=f"{username}@x.vn")
        Membership.objects.create(user=user, organisation=organisation, admin_unit=unit, role=role)
        return user

    return make
