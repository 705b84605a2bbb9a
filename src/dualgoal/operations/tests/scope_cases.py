import datetime as dt
import itertools

from dualgoal.core.testing import ScopeCase
from dualgoal.operations.models import (
    Admission,
    Arrival,
    CommunityReport,
    FollowUp,
    IncidentReview,
    OriginArea,
    Pool,
    QuarantineFacility,
    QuarantineOrder,
    ReleaseCertificate,
    Room,
    TestSample,
    ViolationNote,
)
from dualgoal.people.models import Person

D = dt.date
_serial = itertools.count(1)


def village_of(world, commune):
    return world.village_a if commune == world.commune_a else world.village_b


def make_person(world, commune):
    n = next(_serial)
    return Person.objects.create(
        full_name=f"Người cách ly {n}", id_number=f"02407{n:07d}", residence_unit=village_of(world, commune)
    )


def make_facility(world, commune):
    return QuarantineFacility.objects.create(name=f"Khu cách ly {next(_serial)}", commune=commune, capacity=50)


def make_room(world, commune):
    return Room.objects.create(facility=make_facility(world, commune), code=f"P{next(_serial)}", capacity=4)


def make_order(world, commune):
    return QuarantineOrder.objects.create(
        person=make_person(world, commune),
        subject="f1",
        kind="facility",
        start_date=D(2021, 7, 14),
        planned_end=D(2021, 7, 27),
    )


def make_admission(world, commune):
    return Admission.objects.create(
        order=make_order(world, commune), room=make_room(world, commune), admitted_on=D(2021, 7, 14)
    )


def make_pool(world, commune):
    return Pool.objects.create(code=f"G{next(_serial)}", taken_on=D(2021, 7, 20), area=commune)


def make_sample(world, commune):
    return TestSample.objects.create(person=make_person(world, commune), taken_on=D(2021, 7, 20))


def make_certificate(world, commune):
    order = make_order(world, commune)
    return ReleaseCertificate.objects.create(
        order=order, number=f"{next(_serial)}/2021/GXN-CL", issued_on=D(2021, 7, 28)
    )


def make_review(world, commune):
    return IncidentReview.objects.create(
        facility=make_facility(world, commune), person=make_person(world, commune), opened_on=D(2021, 7, 20)
    )


def make_followup(world, commune):
    return FollowUp.objects.create(person=make_person(world, commune), day=D(2021, 7, 20), outcome="well")


def make_violation(world, commune):
    return ViolationNote.objects.create(
        person=make_person(world, commune), day=D(2021, 7, 20), description="Ra khỏi nhà"
    )


def make_report(world, commune):
    return CommunityReport.objects.create(
        unit=village_of(world, commune), description="Nhà số 5", reported_on=D(2021, 7, 20), symptoms=["fever"]
    )


def make_area(world, commune):
    return OriginArea.objects.create(
        name=f"Vùng dịch {next(_serial)}", risk_level="very_high", valid_from=D(2021, 6, 1)
    )


def make_arrival(world, commune):
    return Arrival.objects.create(
        person=make_person(world, commune), origin_area=make_area(world, commune), arrived_on=D(2021, 6, 10)
    )


CASES = [
    ScopeCase(QuarantineFacility, make_facility, api_basename="quarantinefacility"),
    ScopeCase(Room, make_room),
    ScopeCase(QuarantineOrder, make_order, api_basename="quarantineorder"),
    ScopeCase(Admission, make_admission),
    ScopeCase(Pool, make_pool, api_basename="pool"),
    ScopeCase(TestSample, make_sample, api_basename="testsample"),
    ScopeCase(ReleaseCertificate, make_certificate),
    ScopeCase(IncidentReview, make_review),
    ScopeCase(FollowUp, make_followup, api_basename="followup"),
    ScopeCase(ViolationNote, make_violation),
    ScopeCase(CommunityReport, make_report),
    ScopeCase(OriginArea, make_area, scoped=False),
    ScopeCase(Arrival, make_arrival),
]
