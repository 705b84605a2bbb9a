"""Reads of zones and checkpoints: status as of a date (in the database too), who and what is inside a zone, the
directive's measures from the rules, and counts per shift."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, DateField, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from dualgoal.core.rulebook import RuleNotFound, RuleValue

from .choices import Direction, Outcome, ZoneStatus
from .models import Checkpoint, Passage, Shift, Zone, ZoneExtension
from .services import directive_rule


def zones_with_end(queryset: QuerySet[Zone], day: dt.date) -> QuerySet[Zone]:
    """Annotate `current_end`: the end in force on `day` (the latest extension decided by then)."""
    latest = (
        ZoneExtension.objects.filter(zone=OuterRef("pk"), decided_on__lte=day)
        .order_by()
        .values("zone")
        .annotate(end=Max("new_end"))
        .values("end")
    )
    return queryset.annotate(current_end=Coalesce(Subquery(latest, output_field=DateField()), F("planned_end")))


def status_q(status: str, day: dt.date) -> Q:
    """The zones (annotated by `zones_with_end`) having `status` on `day`."""
    not_lifted = Q(lifted_on__isnull=True) | Q(lifted_on__gt=day)
    running = not_lifted & Q(start_date__lte=day, current_end__gte=day)
    return {
        ZoneStatus.LIFTED: Q(lifted_on__lte=day),
        ZoneStatus.PLANNED: not_lifted & Q(start_date__gt=day),
        ZoneStatus.EXPIRED: not_lifted & Q(start_date__lte=day, current_end__lt=day),
        ZoneStatus.EXTENDED: running & Q(current_end__gt=F("planned_end")),
        ZoneStatus.IN_FORCE: running & Q(current_end=F("planned_end")),
    }[ZoneStatus(status)]


def zones_active(queryset: QuerySet[Zone], day: dt.date) -> QuerySet[Zone]:
    return zones_with_end(queryset, day).filter(status_q(ZoneStatus.IN_FORCE, day) | status_q(ZoneStatus.EXTENDED, day))


def zone_area_q(zone: Zone, field: str) -> Q:
    """Rows whose unit (`field`) lies inside any of the zone's communes or villages (materialised path prefix)."""
    q = Q(pk__in=[])
    for path in zone.units.values_list("path", flat=True):
        q |= Q(**{f"{field}__path__startswith": path})
    return q


def zone_residents(zone: Zone) -> QuerySet:
    from dualgoal.people.models import Person

    return Person.objects.filter(zone_area_q(zone, "residence_unit")).select_related("residence_unit")


def zone_enterprises(zone: Zone) -> QuerySet:
    """Enterprises are registered by commune: a village zone holds none of them for certain."""
    from dualgoal.economy.models import Enterprise

    return Enterprise.objects.filter(zone_area_q(zone, "commune")).select_related("commune", "park")


def zone_boarding_houses(zone: Zone) -> QuerySet:
    from dualgoal.economy.models import BoardingHouse

    return BoardingHouse.objects.filter(zone_area_q(zone, "village")).select_related("village")


@dataclass
class Measures:
    directive: int
    rule: RuleValue | None
    items: list[str]

    @property
    def cite(self) -> str:
        return self.rule.cite() if self.rule else ""


def zone_measures(zone: Zone) -> Measures:
    """The directive's measures from the rule version in force on the zone's start date."""
    try:
        found = directive_rule(zone.directive, zone.start_date)
    except RuleNotFound:
        return Measures(zone.directive, None, [])
    value = found.value or {}
    items = value.get("measures", []) if isinstance(value, dict) else list(value)
    return Measures(zone.directive, found, list(items))


def shift_counts(shifts) -> dict[int, dict]:
    """Per shift: passages in / out, turned back, and permit-check results."""
    ids = [s.pk for s in shifts]
    counts: dict[int, dict] = {pk: {"in": 0, "out": 0, "turned_back": 0, "total": 0, "scans": {}} for pk in ids}
    rows = (
        Passage.objects.filter(shift_id__in=ids)
        .order_by()
        .values("shift_id", "direction", "outcome", "scan_result")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        entry = counts[row["shift_id"]]
        entry["total"] += row["n"]
        entry["in" if row["direction"] == Direction.IN else "out"] += row["n"]
        if row["outcome"] == Outcome.TURNED_BACK:
            entry["turned_back"] += row["n"]
        if row["scan_result"]:
            entry["scans"][row["scan_result"]] = entry["scans"].get(row["scan_result"], 0) + row["n"]
    return counts


def passage_totals(passages: QuerySet[Passage]) -> dict:
    agg = passages.order_by().aggregate(
        total=Count("pk"),
        inbound=Count("pk", filter=Q(direction=Direction.IN)),
        outbound=Count("pk", filter=Q(direction=Direction.OUT)),
        turned_back=Count("pk", filter=Q(outcome=Outcome.TURNED_BACK)),
        off_shift=Count("pk", filter=Q(shift__isnull=True)),
        arrivals=Count("pk", filter=Q(arrival__isnull=False)),
    )
    scans = dict(passages.exclude(scan_result="").order_by().values_list("scan_result").annotate(n=Count("pk")))
    agg["scans"] = scans
    return agg


def zone_dashboard(zone: Zone, day: dt.date) -> dict:
    """The zone's checkpoints with their passages on `day` and overall."""
    checkpoints = list(Checkpoint.objects.filter(zone=zone))
    rows = []
    for checkpoint in checkpoints:
        passages = Passage.objects.filter(checkpoint=checkpoint)
        rows.append(
            {
                "checkpoint": checkpoint,
                "today": passage_totals(passages.filter(at__date=day)),
                "all": passage_totals(passages),
                "shifts_today": Shift.objects.filter(checkpoint=checkpoint, date=day).count(),
            }
        )
    return {"rows": rows, "total": passage_totals(Passage.objects.filter(checkpoint__zone=zone))}
