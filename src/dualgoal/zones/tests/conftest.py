import datetime as dt
import itertools

import pytest
from django.test import Client

from dualgoal.people.models import Person

D = dt.date
_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _today_and_rules(settings, db):
    from dualgoal.core.rulebook import rules_load
    from dualgoal.operations.rulebook import operations_rules_load

    settings.DUALGOAL_TODAY = "2021-07-15"
    settings.LANGUAGE_CODE = "vi"
    rules_load()
    operations_rules_load()


@pytest.fixture
def person(world):
    def make(name: str | None = None, *, village=None, **fields):
        n = next(_serial)
        return Person.objects.create(
            full_name=name or f"Nguyễn Văn Dân {n}",
            id_number=f"02409{n:07d}",
            residence_unit=village or world.village_a,
            **fields,
        )

    return make


@pytest.fixture
def zone(world):
    from dualgoal.zones import services

    return services.zone_declare(
        kind="distancing",
        directive=15,
        unit=world.commune_a,
        units=[world.commune_a],
        decision_number="Quyết định số 123/QĐ-UBND",
        issued_on=D(2021, 7, 1),
        start_date=D(2021, 7, 2),
        planned_end=D(2021, 7, 16),
    )


@pytest.fixture
def checkpoint(world, zone):
    from dualgoal.zones import services

    return services.checkpoint_create(name="Chốt cầu Đông", unit=world.commune_a, zone=zone, place="Đầu cầu")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
