import datetime as dt
import itertools

import pytest

from dualgoal.people.models import Person

D = dt.date
_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _today(settings, db):
    settings.DUALGOAL_TODAY = "2021-07-15"


@pytest.fixture
def case(world):
    """case(village=…, sample_date=…) -> a confirmed case living in that village (commune A by default)."""
    from dualgoal.epidemic.models import Case

    def make(*, village=None, sample_date=D(2021, 7, 10)):
        n = next(_serial)
        person = Person.objects.create(
            full_name=f"Bệnh nhân {n}", id_number=f"02405{n:07d}", residence_unit=village or world.village_a
        )
        return Case.objects.create(person=person, code=f"BN{90000 + n}", sample_date=sample_date)

    return make


@pytest.fixture
def market(world):
    from dualgoal.cleaning import services

    def make(*, scheduled_on=D(2021, 7, 15), scheduled_until=None, commune=None):
        return services.cleaning_plan_create(
            target_kind="market",
            place_name="Chợ Nội Hoàng",
            address="Thôn Đông, xã Nội Hoàng",
            commune=commune or world.commune_a,
            in_charge="Tổ Covid cộng đồng xã Nội Hoàng",
            scheduled_on=scheduled_on,
            scheduled_until=scheduled_until,
        )

    return make
