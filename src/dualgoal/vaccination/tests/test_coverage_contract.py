"""The contract other modules depend on: selectors.coverage_by_commune and Coverage."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dualgoal.vaccination.models import Dose
from dualgoal.vaccination.selectors import Coverage, coverage_by_commune

D = dt.date


def dose(person, number, day, product="astrazeneca", complete=False):
    return Dose.objects.create(
        person=person, dose_number=number, given_on=day, product=product, completes_series=complete
    )


def test_coverage_counts_adults_first_doses_and_full_series(world, person):
    a1 = person(birth_date=D(1970, 5, 1))
    a2 = person(birth_year=2003)  # only the year: 18 in 2021, judged by year
    person(birth_date=D(2005, 1, 1))  # a minor: not counted
    in_commune = person(village=world.commune_a, birth_date=D(1950, 1, 1))  # residence = the commune itself
    b1 = person(village=world.village_b, birth_date=D(1960, 1, 1))
    dose(a1, 1, D(2021, 5, 10))
    dose(a1, 2, D(2021, 7, 10), complete=True)
    dose(a2, 1, D(2021, 7, 1))
    dose(b1, 1, D(2021, 7, 20))  # after the date asked

    result = coverage_by_commune(on=D(2021, 7, 15), commune_ids=[world.commune_a.pk, world.commune_b.pk])

    assert result[world.commune_a.pk] == Coverage(unit_id=world.commune_a.pk, adults=3, one_dose=2, full=1)
    assert result[world.commune_b.pk] == Coverage(unit_id=world.commune_b.pk, adults=1, one_dose=0, full=0)
    assert round(result[world.commune_a.pk].share_one, 3) == 0.667
    assert round(result[world.commune_a.pk].share_full, 3) == 0.333
    assert in_commune.pk  # the commune-level resident is one of the 3 adults

    earlier = coverage_by_commune(on=D(2021, 7, 9), commune_ids=[world.commune_a.pk])
    assert earlier[world.commune_a.pk].full == 0 and earlier[world.commune_a.pk].one_dose == 2


def test_every_commune_asked_for_is_present_with_zeros(world):
    result = coverage_by_commune(on=D(2021, 7, 15), commune_ids=[world.commune_b.pk])
    assert list(result) == [world.commune_b.pk]
    empty = result[world.commune_b.pk]
    assert (empty.adults, empty.one_dose, empty.full, empty.share_one, empty.share_full) == (0, 0, 0, 0.0, 0.0)
    everything = coverage_by_commune(on=D(2021, 7, 15))
    assert set(everything) == {world.commune_a.pk, world.commune_b.pk}


def test_query_count_does_not_grow_with_persons(world, person):
    for i in range(30):
        p = person(village=world.village_a if i % 2 else world.village_b)
        dose(p, 1, D(2021, 6, 1))
    with CaptureQueriesContext(connection) as queries:
        coverage_by_commune(on=D(2021, 7, 15))
    assert len(queries) <= 5


def test_a_minor_turning_18_is_counted_from_the_birthday(world, person):
    p = person(birth_date=D(2003, 7, 16))
    dose(p, 1, D(2021, 7, 16))
    assert coverage_by_commune(on=D(2021, 7, 15), commune_ids=[world.commune_a.pk])[world.commune_a.pk].adults == 0
    moved = coverage_by_commune(on=D(2021, 7, 16), commune_ids=[world.commune_a.pk])[world.commune_a.pk]
    assert (moved.adults, moved.one_dose) == (1, 1)


def test_coverage_of_an_age_group_counts_only_its_members(world, person):
    young = person(birth_date=D(1995, 5, 1))
    old = person(birth_date=D(1960, 5, 1))
    person(birth_year=1971)  # 50 in 2021, judged by year: counted, unvaccinated
    dose(young, 1, D(2021, 6, 1))
    everyone = coverage_by_commune(on=D(2021, 7, 15), commune_ids=[world.commune_a.pk])[world.commune_a.pk]
    fifty_plus = coverage_by_commune(on=D(2021, 7, 15), commune_ids=[world.commune_a.pk], min_age=50)
    assert (everyone.adults, everyone.one_dose) == (3, 1)
    assert (fifty_plus[world.commune_a.pk].adults, fifty_plus[world.commune_a.pk].one_dose) == (2, 0)
    dose(old, 1, D(2021, 7, 1))
    fifty_plus = coverage_by_commune(on=D(2021, 7, 15), commune_ids=[world.commune_a.pk], min_age=50)
    assert fifty_plus[world.commune_a.pk].share_one == 0.5
