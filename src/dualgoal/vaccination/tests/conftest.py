import datetime as dt
import itertools

import pytest

from dualgoal.people.models import Person

D = dt.date
_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _today_and_rules(settings, db):
    from dualgoal.core.rulebook import rules_load

    settings.DUALGOAL_TODAY = "2021-07-15"
    rules_load()


@pytest.fixture
def person(world):
    """person("Name", birth_date=…, village=…) in commune A's village unless told; adult by default."""

    def make(name: str | None = None, *, village=None, **fields):
        n = next(_serial)
        if "birth_date" not in fields and "birth_year" not in fields:
            fields["birth_date"] = D(1980, 1, 1)
        return Person.objects.create(
            full_name=name or f"Người được tiêm {n}",
            id_number=f"02406{n:07d}",
            residence_unit=village or world.village_a,
            **fields,
        )

    return make
