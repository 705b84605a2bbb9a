import datetime as dt
import itertools

import pytest

from dualgoal.epidemic import tracing_service
from dualgoal.people.models import Person

D = dt.date
_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _today_and_rules(settings, db):
    from dualgoal.core.rulebook import rules_load
    from dualgoal.operations.rulebook import operations_rules_load

    settings.DUALGOAL_TODAY = "2021-08-20"
    tracing_service.forget_engine()
    rules_load()
    operations_rules_load()
    yield
    tracing_service.forget_engine()


@pytest.fixture
def person(world):
    """person("Name", birth_date=…, village=…) in commune A's village unless told."""

    def make(name: str | None = None, *, village=None, **fields):
        n = next(_serial)
        return Person.objects.create(
            full_name=name or f"Người cách ly {n}",
            id_number=f"02408{n:07d}",
            residence_unit=village or world.village_a,
            **fields,
        )

    return make


@pytest.fixture
def facility(world):
    from dualgoal.operations import services

    facility = services.facility_save(
        name="Khu cách ly Trường Chính trị", commune=world.commune_a, capacity=20, staff="BS. Lê Văn A"
    )
    services.room_save(facility=facility, code="P101", capacity=2)
    services.room_save(facility=facility, code="P102", capacity=4)
    services.room_save(facility=facility, code="P103", capacity=4, risk_level="high")
    return facility
