"""Reads of cleaning: what is due, what is overdue (as of a day), homes of cases with no cleaning planned."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from .choices import PlanStatus
from .models import CleaningPlan, WasteCollection

# A case's home is expected to be cleaned: cases confirmed within this many days are listed when no plan exists.
CASE_WINDOW_DAYS = 30


def overdue_q(day: dt.date) -> Q:
    """Scheduled plans whose last scheduled day is before `day`."""
    return Q(status=PlanStatus.SCHEDULED) & (
        Q(scheduled_until__lt=day) | Q(scheduled_until__isnull=True, scheduled_on__lt=day)
    )


def due_q(day: dt.date) -> Q:
    """Scheduled plans whose period includes `day`."""
    return Q(status=PlanStatus.SCHEDULED, scheduled_on__lte=day) & (
        Q(scheduled_until__gte=day) | Q(scheduled_until__isnull=True, scheduled_on=day)
    )


def plans_overdue(user, day: dt.date):
    return CleaningPlan.objects.visible_to(user).filter(overdue_q(day))


def plans_due(user, day: dt.date):
    return CleaningPlan.objects.visible_to(user).filter(due_q(day))


def cases_without_cleaning(user, day: dt.date, *, window_days: int = CASE_WINDOW_DAYS):
    """Cases (F0) in the user's scope, confirmed in the window, whose home has no plan (cancelled ones don't count)."""
    from dualgoal.epidemic.models import Case

    planned = CleaningPlan.objects.filter(case=OuterRef("pk")).exclude(status=PlanStatus.CANCELLED)
    return (
        Case.objects.visible_to(user)
        .filter(sample_date__gte=day - dt.timedelta(days=window_days), sample_date__lte=day)
        .exclude(Exists(planned))
        .select_related("person__residence_unit__parent")
        .order_by("-sample_date", "code")
    )


def cases_without_cleaning_by_commune(cases) -> list[dict]:
    counts: dict[str, int] = {}
    for case in cases:
        unit = case.person.residence_unit
        commune = unit.parent if unit is not None and unit.level == 4 and unit.parent_id else unit
        name = str(commune) if commune is not None else "—"
        counts[name] = counts.get(name, 0) + 1
    return [{"commune": name, "count": n} for name, n in sorted(counts.items())]


def waste_by_week(user, day: dt.date, *, weeks: int = 8) -> list[dict]:
    """Kilograms of medical waste collected per week (Monday–Sunday), the last `weeks` weeks up to `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    first = monday - dt.timedelta(weeks=weeks - 1)
    rows = []
    qs = WasteCollection.objects.visible_to(user).filter(collected_on__gte=first, collected_on__lte=day)
    totals: dict[dt.date, tuple[Decimal, int]] = {}
    for collected_on, weight in qs.values_list("collected_on", "weight_kg"):
        start = collected_on - dt.timedelta(days=collected_on.weekday())
        kg, n = totals.get(start, (Decimal(0), 0))
        totals[start] = (kg + weight, n + 1)
    peak = max([kg for kg, _n in totals.values()] or [Decimal(0)])
    for i in range(weeks):
        start = first + dt.timedelta(weeks=i)
        kg, n = totals.get(start, (Decimal(0), 0))
        rows.append(
            {
                "start": start,
                "end": start + dt.timedelta(days=6),
                "kg": kg,
                "collections": n,
                "percent": int(kg * 100 / peak) if peak else 0,
            }
        )
    return rows


def dashboard(user, day: dt.date) -> dict:
    monday = day - dt.timedelta(days=day.weekday())
    plans = CleaningPlan.objects.visible_to(user).select_related("boarding_house", "case", "commune")
    cases = list(cases_without_cleaning(user, day)[:500])
    by_status = plans.aggregate(
        due=Count("pk", filter=due_q(day)),
        overdue=Count("pk", filter=overdue_q(day)),
        done_week=Count("pk", filter=Q(status=PlanStatus.DONE, done_on__gte=monday, done_on__lte=day)),
    )
    waste_week = WasteCollection.objects.visible_to(user).filter(collected_on__gte=monday, collected_on__lte=day)
    return {
        "day": day,
        "monday": monday,
        "due": list(plans.filter(due_q(day))[:100]),
        "overdue": list(plans.filter(overdue_q(day)).order_by("scheduled_on")[:100]),
        "done_week": list(plans.filter(status=PlanStatus.DONE, done_on__gte=monday, done_on__lte=day)[:100]),
        "counts": by_status,
        "cases_without": cases[:50],
        "cases_without_count": len(cases),
        "cases_without_by_commune": cases_without_cleaning_by_commune(cases),
        "case_window_days": CASE_WINDOW_DAYS,
        "waste_weeks": waste_by_week(user, day),
        "waste_week_kg": waste_week.aggregate(kg=Coalesce(Sum("weight_kg"), Decimal(0)))["kg"],
    }
