"""The "persons" generator step: deterministic per seed, idempotent, valid and searchable persons."""

import numpy as np
import pytest

from dualgoal.core.identity import normalise_phone, validate_id_number
from dualgoal.core.synth import STEPS, SynthContext
from dualgoal.geography.models import AdminUnit
from dualgoal.people import synth
from dualgoal.people.models import Household, Person, PersonNameToken
from dualgoal.people.selectors import person_search


@pytest.fixture
def villages(world):
    from dualgoal.core.testing import unit

    extra = unit("07708-02", "Thôn Bắc", "thôn", 4, world.commune_a)
    for village, population in ((world.village_a, 120), (world.village_b, 80), (extra, 45)):
        village.population = population
        village.save()
    return [world.village_a, world.village_b, extra]


def run(seed: int = 1) -> str:
    context = SynthContext("district", seed, np.random.default_rng(seed), "221", 245)
    return synth.persons(context)


def snapshot() -> list[tuple]:
    return list(
        Person.objects.order_by("residence_unit__code", "household__code", "id_number").values_list(
            "full_name", "birth_date", "sex", "id_number", "phone", "household__code", "residence_unit__code"
        )
    )


def test_the_step_is_registered():
    assert any(step.name == "persons" and step.order == 30 for step in STEPS)


def test_generation_is_deterministic_and_idempotent(villages):
    run(seed=1)
    first = snapshot()
    assert len(first) == 245
    assert "0 người" in run(seed=1)  # every village already generated: nothing added
    assert snapshot() == first
    Person.objects.all().delete()
    Household.objects.all().delete()
    run(seed=1)
    assert snapshot() == first
    Person.objects.all().delete()
    Household.objects.all().delete()
    run(seed=2)
    assert snapshot() != first


def test_generated_persons_are_valid_and_searchable(villages, django_user_model):
    run()
    persons = list(Person.objects.all())
    ids = [p.id_number for p in persons]
    assert len(set(ids)) == len(ids)
    for person in persons:
        assert person.birth_date.year == person.birth_year
        assert validate_id_number(person.id_number, birth_year=person.birth_year, sex=person.sex)
        assert person.name_folded and person.is_demo
        assert not person.phone or normalise_phone(person.phone) == person.phone
    assert Person.history.count() == 0  # synthetic data: no history (see people/synth.py)
    households = Household.objects.count()
    assert 245 / 5 < households < 245 / 2.5
    assert PersonNameToken.objects.count() == sum(len(p.full_name.split()) for p in persons)
    root = django_user_model.objects.create_superuser("root", password="x-Test-2021")
    sample = persons[17]
    assert sample in person_search(sample.full_name, root)
    assert sample in person_search(sample.id_number, root)


def test_ids_stay_unique_when_the_serials_wrap(world):
    village = AdminUnit(code="x", name="x")
    columns = synth._village_columns(village, 30, seed=1, first_serial=999_985)
    ids = columns["id_number"]
    assert len(set(ids)) == 30
    assert sum(i.startswith("001") for i in ids) == 15  # past the millionth serial: another birth province
    assert sum(i.startswith("024") for i in ids) == 15
