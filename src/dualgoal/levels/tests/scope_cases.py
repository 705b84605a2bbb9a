import datetime as dt
import itertools

from django.utils import timezone

from dualgoal.core.testing import ScopeCase
from dualgoal.levels.models import CommuneLevel, Venue

_serial = itertools.count(0)


def make_level(world, commune):
    week = dt.date(2021, 10, 11) + dt.timedelta(days=7 * next(_serial))
    return CommuneLevel.objects.create(
        commune=commune,
        week_start=week,
        level=2,
        base_level=2,
        label="Cấp 2 – Nguy cơ trung bình",
        color="yellow",
        new_cases=3,
        population=10_000,
        cases_per_100k=30,
        computed_at=timezone.now(),
    )


def make_venue(world, commune):
    return Venue.objects.create(
        name=f"Nhà văn hóa {next(_serial)}", kind="culture", commune=commune, normal_capacity=200
    )


CASES = [
    # Levels are public information for staff: a commune officer reads every commune's level (not scoped by commune).
    ScopeCase(CommuneLevel, make_level, api_basename="communelevel", scoped=False),
    ScopeCase(Venue, make_venue, api_basename="venue"),
]
