import datetime as dt
import itertools
from collections import namedtuple

import pytest

from dualgoal.epidemic.models import Case
from dualgoal.people.models import Person

D = dt.date
WEEK = D(2021, 10, 18)  # a Monday under NQ 128/NQ-CP and QĐ 4800/QĐ-BYT
PREVIOUS = WEEK - dt.timedelta(days=7)
Coverage = namedtuple("Coverage", "unit_id adults one_dose full share_one share_full")
_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _rules(db, settings):
    from dualgoal.core.rulebook import rules_load
    from dualgoal.levels.rulebook import levels_rules_load

    settings.DUALGOAL_TODAY = "2021-10-20"
    rules_load()
    levels_rules_load()


@pytest.fixture
def district(world):
    """The test world with populations: 10,000 in each commune."""
    for commune in (world.commune_a, world.commune_b):
        commune.population = 10_000
        commune.save()
    return world


@pytest.fixture
def coverage(monkeypatch):
    """coverage({unit_id: share_one}) sets what the vaccination app reports (default: 90% everywhere)."""
    shares: dict = {}

    def fake(*, on, commune_ids, min_age=None):
        assert min_age in (None, 50)  # the adjustment rule judges the coverage of people aged 50 and over
        return {
            pk: Coverage(pk, 1000, int(1000 * shares.get(pk, 0.9)), 0, shares.get(pk, 0.9), 0.0) for pk in commune_ids
        }

    monkeypatch.setattr("dualgoal.levels.selectors.coverage_by_commune", fake)

    def set_shares(values: dict):
        shares.update(values)

    return set_shares


@pytest.fixture
def cases():
    """cases(village, n, day) records n confirmed cases of residents of `village` sampled on `day`."""

    def make(village, n, day):
        for _ in range(n):
            k = next(_serial)
            person = Person.objects.create(
                full_name=f"Bệnh nhân {k}", id_number=f"02409{k:07d}", residence_unit=village
            )
            Case.objects.create(person=person, code=f"BNL{k:05d}", sample_date=day)

    return make
