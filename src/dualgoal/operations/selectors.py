"""Reads of epidemic operations: the day's follow-up lists, facility occupancy, the dashboard. Every function that
takes a user starts from their scope (visible_to)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.epidemic.models import TraceState
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit

from .choices import FollowUpOutcome, ListReason, OrderKind, OrderStatus, SampleResult
from .models import Admission, FollowUp, Pool, QuarantineFacility, QuarantineOrder, TestSample
from .rulebook import optional_rule

DAY = dt.timedelta(days=1)


@dataclass
class FollowUpRow:
    person_id: int
    name: str
    village: str
    commune: str
    reason: str
    order_id: int | None
    outcome: str = ""  # today's check, "" if not done yet

    @property
    def reason_label(self) -> str:
        return ListReason(self.reason).label

    @property
    def outcome_label(self) -> str:
        return FollowUpOutcome(self.outcome).label if self.outcome else ""


def f3_monitoring_days(day: dt.date) -> int:
    found = optional_rule("quarantine.f3.self_monitoring_days", on=day)
    return int(found.value) if found else 14


def _chunks(items: list, size: int = 900):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def followup_list(unit: AdminUnit, day: dt.date, *, f3_days: int | None = None) -> list[FollowUpRow]:
    """The persons living in `unit` (a commune, a village, a district…) to check on `day`: home quarantine and
    self-monitoring orders in force, F1 in home monitoring after the facility, and traced F3 within the
    self-monitoring period (rule quarantine.f3.self_monitoring_days), with the day's check if done.

    The residence drives every query (the units under `unit`, then their residents through the residence
    index, then each resident's orders, level and check through the person indexes), so a commune's list
    costs the same whatever the size of the province: three queries, plus one per 900 persons listed."""
    f3_days = f3_days if f3_days is not None else f3_monitoring_days(day)
    units = list(AdminUnit.objects.filter(path__startswith=unit.path).order_by().values_list("pk", flat=True))
    here = Q(person__residence_unit__in=units)
    columns = (
        "person_id",
        "person__full_name",
        "person__residence_unit__name",
        "person__residence_unit__parent__name",
        "pk",
        "kind",
        "status",
    )
    at_home = Q(
        status=OrderStatus.ACTIVE, start_date__lte=day, kind__in=(OrderKind.HOME, OrderKind.SELF_MONITORING)
    ) & (Q(planned_end__isnull=True) | Q(planned_end__gte=day))
    after_facility = Q(
        kind=OrderKind.FACILITY, status=OrderStatus.RELEASED, released_on__lte=day, monitoring_end__gte=day
    )
    rows: dict[int, FollowUpRow] = {}
    orders = QuarantineOrder.objects.filter(here).filter(at_home | after_facility).order_by().values_list(*columns)
    for person_id, name, village, commune, pk, kind, status in orders:
        if status == OrderStatus.RELEASED:
            reason = ListReason.AFTER_FACILITY
        else:
            reason = ListReason.HOME if kind == OrderKind.HOME else ListReason.SELF_MONITORING
        current = rows.get(person_id)
        if current is None or current.reason == ListReason.AFTER_FACILITY:  # an order in force wins
            rows[person_id] = FollowUpRow(person_id, name, village, commune, reason, pk)
    traced = TraceState.objects.filter(
        here, level=3, exposed_on__gt=day - dt.timedelta(days=f3_days), exposed_on__lte=day
    ).values_list(*columns[:4])
    for person_id, name, village, commune in traced.order_by():
        rows.setdefault(person_id, FollowUpRow(person_id, name, village, commune, ListReason.F3, None))
    for chunk in _chunks(list(rows)):
        for person_id, outcome in (
            FollowUp.objects.filter(person_id__in=chunk, day=day).order_by().values_list("person_id", "outcome")
        ):
            rows[person_id].outcome = outcome
    return sorted(rows.values(), key=lambda r: (r.village, r.name, r.person_id))


def communes_in_scope(user):
    units = AdminUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True)
    if not user.is_superuser:
        paths = user_scope_paths(user)
        units = units.filter(
            scope_q(paths, field="self", include_ancestors=False)
            | Q(pk__in=AdminUnit.objects.filter(path__in=paths, level=Level.VILLAGE).values("parent"))
        )
    return units.order_by("name")


def followup_units(user):
    """The units whose list the user may open: their communes, or the villages of a village-level membership."""
    if user.is_superuser:
        return list(communes_in_scope(user))
    paths = user_scope_paths(user)
    villages = list(AdminUnit.objects.filter(path__in=paths, level=Level.VILLAGE))
    communes = list(
        AdminUnit.objects.filter(level=Level.COMMUNE).filter(scope_q(paths, field="self", include_ancestors=False))
    )
    return communes + [v for v in villages if not any(v.path.startswith(c.path) for c in communes)]


def scope_roots(user) -> list[AdminUnit]:
    """The units at the root of the user's scope (the provinces for a superuser)."""
    if user.is_superuser:
        return list(AdminUnit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True))
    return list(AdminUnit.objects.filter(path__in=user_scope_paths(user)))


def followup_overdue(user, day: dt.date) -> list[dict]:
    """Per commune: persons not checked yesterday, persons not yet checked today (one list per scope root)."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"missed": 0, "pending": 0})
    for root in scope_roots(user):
        for key, when in (("missed", day - DAY), ("pending", day)):
            for row in followup_list(root, when):
                if not row.outcome:
                    table[row.commune or row.village][key] += 1
    return [{"commune": name, **counts} for name, counts in sorted(table.items())]


def occupants_on(day: dt.date):
    return Admission.objects.filter(admitted_on__lte=day).filter(
        Q(discharged_on__isnull=True) | Q(discharged_on__gt=day)
    )


def facility_occupancy(user, day: dt.date) -> list[dict]:
    facilities = list(QuarantineFacility.objects.visible_to(user).annotate(rooms_count=Count("rooms")))
    present = dict(
        occupants_on(day)
        .filter(room__facility__in=facilities)
        .values_list("room__facility")
        .annotate(n=Count("pk"))
        .values_list("room__facility", "n")
    )
    rows = []
    for facility in facilities:
        n = present.get(facility.pk, 0)
        rows.append(
            {
                "facility": facility,
                "rooms": facility.rooms_count,
                "occupied": n,
                "capacity": facility.capacity,
                "percent": round(100 * n / facility.capacity) if facility.capacity else 0,
            }
        )
    return rows


def room_occupancy(facility: QuarantineFacility, day: dt.date) -> list[dict]:
    present = defaultdict(list)
    for admission in occupants_on(day).filter(room__facility=facility).select_related("order__person"):
        present[admission.room_id].append(admission)
    return [
        {"room": room, "admissions": present.get(room.pk, []), "free": room.capacity - len(present.get(room.pk, []))}
        for room in facility.rooms.order_by("code")
    ]


def _commune_of(unit_name_parent: tuple) -> str:
    level, name, parent_name = unit_name_parent
    return parent_name if level == Level.VILLAGE and parent_name else (name or "—")


def quarantine_by_commune(user, day: dt.date) -> tuple[list[str], list[dict], dict]:
    """Active orders by commune and kind, plus F1 in home monitoring after the facility."""
    kinds = [OrderKind.FACILITY, OrderKind.HOME, OrderKind.SELF_MONITORING, "after_facility"]
    orders = QuarantineOrder.objects.visible_to(user)
    unit_columns = (
        "person__residence_unit__level",
        "person__residence_unit__name",
        "person__residence_unit__parent__name",
    )
    table: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(kinds, 0))
    for *unit, kind, n in (
        orders.filter(status=OrderStatus.ACTIVE)
        .values_list(*unit_columns, "kind")
        .annotate(n=Count("pk"))
        .values_list(*unit_columns, "kind", "n")
    ):
        table[_commune_of(tuple(unit))][kind] += n
    for *unit, n in (
        orders.filter(
            kind=OrderKind.FACILITY, status=OrderStatus.RELEASED, released_on__lte=day, monitoring_end__gte=day
        )
        .values_list(*unit_columns)
        .annotate(n=Count("pk"))
        .values_list(*unit_columns, "n")
    ):
        table[_commune_of(tuple(unit))]["after_facility"] += n
    rows = [
        {"commune": name, "cells": [counts[k] for k in kinds], "total": sum(counts.values())}
        for name, counts in sorted(table.items())
    ]
    totals = {"cells": [sum(r["cells"][i] for r in rows) for i in range(len(kinds))]}
    totals["total"] = sum(totals["cells"])
    labels = [OrderKind(k).label for k in kinds[:3]] + [ListReason.AFTER_FACILITY.label]
    return labels, rows, totals


def tests_due(user, day: dt.date):
    """Samples to take: scheduled tests and requests due on or before `day` that are not taken yet."""
    return (
        TestSample.objects.visible_to(user)
        .filter(collected=False, result=SampleResult.PENDING, taken_on__lte=day)
        .select_related("person", "order")
        .order_by("taken_on", "person__name_folded")
    )


def releases_due(user, day: dt.date):
    return (
        QuarantineOrder.objects.visible_to(user)
        .filter(status=OrderStatus.ACTIVE, planned_end__lte=day)
        .select_related("person", "facility")
        .order_by("planned_end", "person__name_folded")
    )


def pool_positivity(user, day: dt.date, *, days: int = 14) -> dict:
    pools = Pool.objects.visible_to(user).filter(result_on__gt=day - dt.timedelta(days=days), result_on__lte=day)
    counts = dict(pools.values_list("result").annotate(n=Count("pk")).values_list("result", "n"))
    positive = counts.get(SampleResult.POSITIVE, 0)
    resulted = positive + counts.get(SampleResult.NEGATIVE, 0)
    return {
        "days": days,
        "positive": positive,
        "resulted": resulted,
        "pending": Pool.objects.visible_to(user).filter(result=SampleResult.PENDING).count(),
        "percent": round(100 * positive / resulted, 1) if resulted else None,
    }


def turnaround(user, day: dt.date, *, days: int = 14) -> dict:
    """Days from sample to result over the samples resulted in the last `days` days: median, 90th percentile, by lab."""
    import statistics

    rows = (
        TestSample.objects.visible_to(user)
        .filter(result_on__gt=day - dt.timedelta(days=days), result_on__lte=day, collected=True)
        .values_list("lab", "taken_on", "result_on")
    )
    spans: dict[str, list[int]] = {}
    for lab, taken, resulted in rows:
        spans.setdefault(lab or "—", []).append((resulted - taken).days)
    every = sorted(d for values in spans.values() for d in values)

    def p90(values: list[int]) -> int:
        return sorted(values)[max(0, round(0.9 * len(values)) - 1)]

    return {
        "days": days,
        "count": len(every),
        "median": statistics.median(every) if every else None,
        "p90": p90(every) if every else None,
        "by_lab": sorted(
            ({"lab": lab, "count": len(v), "median": statistics.median(v)} for lab, v in spans.items()),
            key=lambda row: -row["count"],
        ),
    }


def dashboard(user, day: dt.date) -> dict:
    labels, rows, totals = quarantine_by_commune(user, day)
    due = tests_due(user, day)
    return {
        "day": day,
        "kind_labels": labels,
        "commune_rows": rows,
        "commune_totals": totals,
        "occupancy": facility_occupancy(user, day),
        "tests_due_today": due.filter(taken_on=day).count(),
        "tests_overdue": due.filter(taken_on__lt=day).count(),
        "tests_due": list(due[:50]),
        "followups": followup_overdue(user, day),
        "releases_due": list(releases_due(user, day)[:50]),
        "releases_due_count": releases_due(user, day).count(),
        "pools": pool_positivity(user, day),
        "turnaround": turnaround(user, day),
    }
