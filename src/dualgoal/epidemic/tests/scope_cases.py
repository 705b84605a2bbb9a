import datetime as dt
import itertools

from dualgoal.core.testing import ScopeCase
from dualgoal.epidemic.models import Attendance, Case, Contact, GroupExposure, QuarantineStart
from dualgoal.people.models import Person

_serial = itertools.count(1)


def village_of(world, commune):
    return world.village_a if commune == world.commune_a else world.village_b


def make_person(world, commune):
    n = next(_serial)
    return Person.objects.create(
        full_name=f"Người thử {n}", id_number=f"02409{n:07d}", residence_unit=village_of(world, commune)
    )


def make_case(world, commune):
    return Case.objects.create(
        person=make_person(world, commune), code=f"BN9{next(_serial):05d}", sample_date=dt.date(2021, 6, 1)
    )


def make_contact(world, commune):
    # both persons in the commune: the "other" contact is then wholly outside commune A
    return Contact.objects.create(
        person_a=make_person(world, commune), person_b=make_person(world, commune), date=dt.date(2021, 6, 2)
    )


def make_group(world, commune):
    return GroupExposure.objects.create(
        name=f"Chợ {commune.name}", admin_unit=commune, date_from=dt.date(2021, 6, 1), date_to=dt.date(2021, 6, 2)
    )


def make_attendance(world, commune):
    group = make_group(world, commune)
    return Attendance.objects.create(
        group=group, person=make_person(world, commune), date_from=group.date_from, date_to=group.date_to
    )


def make_quarantine(world, commune):
    return QuarantineStart.objects.create(
        person=make_person(world, commune), kind="facility", start_date=dt.date(2021, 6, 3)
    )


CASES = [
    ScopeCase(Case, make_case, api_basename="case"),
    ScopeCase(Contact, make_contact, api_basename="contact"),
    ScopeCase(GroupExposure, make_group),
    ScopeCase(Attendance, make_attendance),
    ScopeCase(QuarantineStart, make_quarantine),
]
