"""Reads of the economic-recovery module: the dashboards' figures, workers' eligibility, inspections due.

Every function takes querysets already scoped by the caller (`Model.objects.visible_to(user)`), so a commune
officer's dashboard counts their commune and an enterprise user's counts their enterprise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum

from dualgoal.core.rulebook import RuleNotFound, rule

from .choices import ConditionStatus, EnterpriseStatus, InspectionDecision, PermitStatus
from .models import Condition, Employment, Enterprise, Inspection, Permit

OPEN_STATUSES = (EnterpriseStatus.OPERATING, EnterpriseStatus.REOPENED)
REOPEN_TARGET_RULE = "enterprise.reopen_target_percent"


def percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class ReopenFigure:
    """The seed's target "100% of enterprises reopened": reopened + operating over every registered enterprise."""

    open: int
    total: int
    target: float | None
    citation: str

    @property
    def percent(self) -> float:
        return percent(self.open, self.total)

    @property
    def met(self) -> bool:
        return self.target is not None and self.total > 0 and self.percent >= self.target

    @property
    def missing(self) -> int:
        """How many more enterprises must reopen to reach the target."""
        if self.target is None:
            return 0
        needed = -(-self.target * self.total // 100)  # ceiling
        return max(0, int(needed) - self.open)


def reopen_figure(enterprises, *, on: dt.date) -> ReopenFigure:
    counts = enterprises.aggregate(total=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATUSES)))
    try:
        found = rule(REOPEN_TARGET_RULE, on=on)
        target, citation = float(found.value), found.cite()
    except (RuleNotFound, TypeError, ValueError):
        target, citation = None, ""
    return ReopenFigure(open=counts["open"], total=counts["total"], target=target, citation=citation)


def by_status(enterprises) -> list[dict]:
    counts = dict(enterprises.order_by().values_list("status").annotate(n=Count("pk")))
    total = sum(counts.values())
    return [
        {
            "status": status,
            "label": status.label,
            "count": counts.get(status.value, 0),
            "percent": percent(counts.get(status.value, 0), total),
        }
        for status in EnterpriseStatus
    ]


@dataclass
class ParkRow:
    park: object  # IndustrialPark or None (enterprises outside parks and clusters)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def open(self) -> int:
        return sum(self.counts.get(s.value, 0) for s in OPEN_STATUSES)

    @property
    def percent(self) -> float:
        return percent(self.open, self.total)

    def cells(self) -> list[int]:
        return [self.counts.get(s.value, 0) for s in EnterpriseStatus]


def by_park(enterprises, parks) -> list[ParkRow]:
    """One row per park or cluster (in scope), then the enterprises outside any park."""
    rows = {park.pk: ParkRow(park) for park in parks}
    outside = ParkRow(None)
    for park_id, status, n in enterprises.order_by().values_list("park_id", "status").annotate(n=Count("pk")):
        row = rows.get(park_id) if park_id else outside
        if row is None:  # a park outside the user's scope holding an enterprise inside it
            row = rows.setdefault(park_id, ParkRow(parks.model.objects.get(pk=park_id)))
        row.counts[status] = row.counts.get(status, 0) + n
    result = [row for row in rows.values() if row.total or row.park is not None]
    if outside.total:
        result.append(outside)
    return result


def valid_permit_q(on: dt.date, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": PermitStatus.VALID,
            f"{prefix}valid_from__lte": on,
            f"{prefix}valid_to__gte": on,
        }
    )


@dataclass(frozen=True)
class WorkersFigure:
    returned: int  # active employments holding a permit valid today
    registered: int  # the enterprises' registered workforce
    listed: int  # active employments on the enterprises' lists

    @property
    def percent(self) -> float:
        return percent(self.returned, self.registered)


def workers_figure(enterprises, employments, *, on: dt.date) -> WorkersFigure:
    registered = enterprises.aggregate(n=Sum("workforce"))["n"] or 0
    active = employments.filter(active=True)
    holding = Permit.objects.filter(valid_permit_q(on), employment=OuterRef("pk"))
    returned = active.filter(Exists(holding)).count()
    return WorkersFigure(returned=returned, registered=registered, listed=active.count())


def permit_counts(permits, *, on: dt.date) -> dict[str, int]:
    return permits.aggregate(
        issued=Count("pk"),
        valid=Count("pk", filter=valid_permit_q(on)),
        revoked=Count("pk", filter=Q(status=PermitStatus.REVOKED)),
        expired=Count("pk", filter=Q(status=PermitStatus.VALID, valid_to__lt=on)),
    )


def inspections_due(inspections, *, on: dt.date, limit: int | None = None) -> list[dict]:
    """Each enterprise's latest inspection when it asked for fixes by a date: the re-inspections to plan."""
    latest = Inspection.objects.filter(enterprise=OuterRef("enterprise")).order_by("-date", "-pk").values("pk")[:1]
    rows = (
        inspections.filter(decision=InspectionDecision.FIX, fix_by__isnull=False)
        .filter(pk=latest)
        .select_related("enterprise__park", "enterprise__commune")
        .order_by("fix_by", "enterprise__name")
    )
    if limit:
        rows = rows[:limit]
    return [{"inspection": i, "overdue": i.fix_by < on, "days": (i.fix_by - on).days} for i in rows]


# --- one enterprise ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkersSummary:
    registered: int
    listed: int
    committed: int
    confirmed: int
    with_permit: int


def workers_summary(enterprise: Enterprise, employments, *, on: dt.date) -> WorkersSummary:
    active = employments.filter(enterprise=enterprise, active=True)
    holding = Permit.objects.filter(valid_permit_q(on), employment=OuterRef("pk"))
    counts = active.aggregate(
        listed=Count("pk"),
        committed=Count("pk", filter=Q(commitment_signed_on__isnull=False)),
        confirmed=Count("pk", filter=Q(confirmation__isnull=False)),
    )
    return WorkersSummary(
        registered=enterprise.workforce,
        listed=counts["listed"],
        committed=counts["committed"],
        confirmed=counts["confirmed"],
        with_permit=active.filter(Exists(holding)).count(),
    )


def conditions_ready(enterprise: Enterprise) -> bool:
    return not Condition.objects.filter(enterprise=enterprise).exclude(status=ConditionStatus.APPROVED).exists()


def with_current_permit(employments, *, on: dt.date):
    """Employments annotated with `has_permit` (a permit valid today) and `permit_revoked` (their latest revoked)."""
    holding = Permit.objects.filter(valid_permit_q(on), employment=OuterRef("pk"))
    revoked = Permit.objects.filter(employment=OuterRef("pk"), status=PermitStatus.REVOKED)
    return employments.annotate(has_permit=Exists(holding), permit_revoked=Exists(revoked))


def blocked_person_ids(person_ids: list[int], *, on: dt.date) -> set[int]:
    """Among `person_ids`, those tracing or quarantine keeps from a permit (F0 under treatment, F1, quarantined).

    A set-based mirror of `services.permit_refusals` for whole lists (the service remains the judge at issue)."""
    from dualgoal.epidemic.models import Case, QuarantineStart, TraceState

    from .services import _quarantine_days

    blocked: set[int] = set()
    since = on - dt.timedelta(days=_quarantine_days(on))
    for start in range(0, len(person_ids), 900):
        chunk = person_ids[start : start + 900]
        blocked.update(Case.objects.filter(person_id__in=chunk, outcome="treating").values_list("person_id", flat=True))
        blocked.update(
            QuarantineStart.objects.filter(person_id__in=chunk, start_date__lte=on, start_date__gte=since).values_list(
                "person_id", flat=True
            )
        )
        blocked.update(TraceState.objects.filter(person_id__in=chunk, level=1).values_list("person_id", flat=True))
    return blocked


def eligible_employments(employments, *, on: dt.date) -> list[Employment]:
    """Active employments that could receive a permit now and hold none valid today."""
    rows = list(
        with_current_permit(employments, on=on)
        .filter(
            active=True,
            has_permit=False,
            confirmation__isnull=False,
            commitment_signed_on__isnull=False,
            enterprise__status__in=OPEN_STATUSES,
        )
        .select_related("person__residence_unit__parent", "enterprise__park")
    )
    blocked = blocked_person_ids([e.person_id for e in rows], on=on)
    return [e for e in rows if e.person_id not in blocked]
