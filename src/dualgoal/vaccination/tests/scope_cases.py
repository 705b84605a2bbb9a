import datetime as dt
import itertools

from dualgoal.core.testing import ScopeCase
from dualgoal.people.models import Person
from dualgoal.vaccination.models import Dose, PriorityAssignment, Session

D = dt.date
_serial = itertools.count(1)


def village_of(world, commune):
    return world.village_a if commune == world.commune_a else world.village_b


def make_person(world, commune):
    n = next(_serial)
    return Person.objects.create(
        full_name=f"Người được tiêm {n}",
        id_number=f"02405{n:07d}",
        birth_date=D(1980, 1, 1),
        residence_unit=village_of(world, commune),
    )


def make_session(world, commune):
    return Session.objects.create(
        name=f"Buổi tiêm {next(_serial)}",
        unit=commune,
        date=D(2021, 7, 10),
        product="astrazeneca",
        lot_number="ABV5300",
        capacity=100,
    )


def make_dose(world, commune):
    session = make_session(world, commune)
    return Dose.objects.create(
        person=make_person(world, commune),
        session=session,
        dose_number=1,
        given_on=session.date,
        product=session.product,
        lot_number=session.lot_number,
    )


def make_assignment(world, commune):
    return PriorityAssignment.objects.create(
        person=make_person(world, commune), group_code="front_line", basis="occupation", assigned_on=D(2021, 7, 1)
    )


CASES = [
    ScopeCase(Session, make_session, api_basename="vaccinationsession"),
    ScopeCase(Dose, make_dose, api_basename="dose"),
    ScopeCase(PriorityAssignment, make_assignment),
]
