"""Reads of the plans module: statuses as of a date, boards, overdue lists, scorecards, sub-plan returns."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from dualgoal.accounts.models import User
from dualgoal.organisations.models import Organisation

from .choices import AssignmentRole, ReviewStatus, TaskStatus
from .models import Assignment, Plan, ProgressReport, Section, SubPlan, Task
from .status import Judgement, ReportFact, judge


def tasks_with_relations(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.select_related("plan", "section").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("organisation").order_by("role", "pk"))
    )


def task_statuses(tasks: list[Task], *, as_of: dt.date) -> dict[int, Judgement]:
    """The status class of every task on `as_of`, from one query over their reports."""
    facts: dict[int, list[ReportFact]] = defaultdict(list)
    rows = ProgressReport.objects.filter(task__in=[t.pk for t in tasks], reported_on__lte=as_of).values_list(
        "task_id", "reported_on", "percent", "period_end", "review"
    )
    for task_id, reported_on, percent, period_end, review in rows:
        facts[task_id].append(ReportFact(reported_on, percent, period_end, review == ReviewStatus.RETURNED))
    return {
        t.pk: judge(
            as_of=as_of,
            deadline=t.deadline,
            recurrence=t.recurrence,
            day_of_month=t.day_of_month,
            reports=facts[t.pk],
            starts_on=t.plan.issued_on,
        )
        for t in tasks
    }


@dataclass
class StatusCount:
    counts: Counter = field(default_factory=Counter)

    def add(self, status: TaskStatus) -> None:
        self.counts[status] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[TaskStatus.DONE_ON_TIME] + self.counts[TaskStatus.DONE_LATE]

    @property
    def overdue(self) -> int:
        return self.counts[TaskStatus.OVERDUE]

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def judged(self) -> int:
        """Tasks with a verdict: done (either way) or overdue."""
        return self.done + self.overdue

    @property
    def on_time_rate(self) -> int | None:
        return round(100 * self.counts[TaskStatus.DONE_ON_TIME] / self.judged) if self.judged else None

    def of(self, status: str) -> int:
        return self.counts[status]


def section_progress(plan: Plan, tasks: list[Task], statuses: dict[int, Judgement]) -> list[dict]:
    """The plan tree with, per section, the status counts of its tasks and of its subsections' tasks."""
    sections = list(plan.sections.order_by("order"))
    by_code: dict[str, StatusCount] = {s.code: StatusCount() for s in sections}
    for task in tasks:
        for code in by_code:
            if task.section.code == code or task.section.code.startswith(code + "."):
                by_code[code].add(statuses[task.pk].status)
    return [{"section": s, "depth": s.code.count("."), "count": by_code[s.code]} for s in sections]


def scorecard(*, plans: QuerySet[Plan], as_of: dt.date, organisations: QuerySet[Organisation]) -> list[dict]:
    """Per lead organisation: tasks, done on time, done late, in progress, overdue, on-time rate (Phòng Nội vụ)."""
    tasks = list(tasks_with_relations(Task.objects.filter(plan__in=plans)))
    statuses = task_statuses(tasks, as_of=as_of)
    allowed = set(organisations.values_list("pk", flat=True))
    cards: dict[int, dict] = {}
    for task in tasks:
        for assignment in task.assignments.all():
            if assignment.role != AssignmentRole.LEAD or assignment.organisation_id not in allowed:
                continue
            card = cards.setdefault(
                assignment.organisation_id, {"organisation": assignment.organisation, "count": StatusCount()}
            )
            card["count"].add(statuses[task.pk].status)
    return sorted(cards.values(), key=lambda c: (-(c["count"].on_time_rate or -1), c["organisation"].name))


def subplan_returns(plan: Plan, *, as_of: dt.date, subplans: QuerySet[SubPlan]) -> dict[str, list[SubPlan]]:
    """Who has submitted on time, late, and who has not (as of the date)."""
    groups: dict[str, list[SubPlan]] = {"on_time": [], "late": [], "missing": [], "pending": []}
    for sp in subplans.filter(plan=plan).select_related("organisation").order_by("organisation__name"):
        if sp.submitted_on and sp.submitted_on <= as_of:
            groups["on_time" if sp.submitted_on <= sp.due else "late"].append(sp)
        else:
            groups["missing" if as_of > sp.due else "pending"].append(sp)
    return groups


def organisation_users(organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(memberships__organisation=organisation, is_active=True).distinct()


def coordinator_users(plan: Plan) -> QuerySet[User]:
    if plan.coordinator_id:
        return organisation_users(plan.coordinator)
    return User.objects.filter(
        memberships__role="coordinator", memberships__admin_unit=plan.admin_unit, is_active=True
    ).distinct()


def section_tree(plan: Plan) -> list[Section]:
    return list(plan.sections.order_by("order"))
