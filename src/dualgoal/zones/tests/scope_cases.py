import datetime as dt
import itertools

from django.utils import timezone

from dualgoal.core.testing import ScopeCase
from dualgoal.zones.models import Checkpoint, Passage, Shift, ShiftStaff, Zone, ZoneExtension

D = dt.date
_serial = itertools.count(1)


def make_zone(world, commune):
    zone = Zone.objects.create(
        name=f"Vùng giãn cách {next(_serial)}",
        kind="distancing",
        directive=15,
        unit=commune,
        decision_number=f"{next(_serial)}/QĐ-UBND",
        issued_on=D(2021, 7, 1),
        start_date=D(2021, 7, 1),
        planned_end=D(2021, 7, 21),
    )
    zone.units.set([commune])
    return zone


def make_extension(world, commune):
    return ZoneExtension.objects.create(
        zone=make_zone(world, commune), decision_number="9/QĐ-UBND", decided_on=D(2021, 7, 20), new_end=D(2021, 8, 4)
    )


def make_checkpoint(world, commune):
    return Checkpoint.objects.create(name=f"Chốt {next(_serial)}", unit=commune)


def make_shift(world, commune):
    return Shift.objects.create(
        checkpoint=make_checkpoint(world, commune), date=D(2021, 7, 15), start_time=dt.time(6), end_time=dt.time(14)
    )


def make_staff(world, commune):
    return ShiftStaff.objects.create(shift=make_shift(world, commune), name="Nguyễn Văn Chốt", role="police")


def make_passage(world, commune):
    return Passage.objects.create(
        checkpoint=make_checkpoint(world, commune),
        at=timezone.make_aware(dt.datetime(2021, 7, 15, 9, 30)),
        direction="in",
        name="Trần Văn Qua",
        plate="98A-123.45",
        outcome="allowed",
    )


CASES = [
    ScopeCase(Zone, make_zone, api_basename="zone"),
    ScopeCase(ZoneExtension, make_extension),
    ScopeCase(Checkpoint, make_checkpoint, api_basename="checkpoint"),
    ScopeCase(Shift, make_shift),
    ScopeCase(ShiftStaff, make_staff),
    ScopeCase(Passage, make_passage, permitted_role="checkpoint", api_basename="passage"),
]
