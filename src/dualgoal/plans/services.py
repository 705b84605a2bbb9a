"""Writes of the plans module: import, progress, reviews, sub-plans, name mapping, reminders."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dualgoal.core.clock import today
from dualgoal.geography.models import AdminUnit
from dualgoal.organisations.models import Organisation
from dualgoal.organisations.services import alias_add

from .choices import AssignmentRole, PlanStatus, ReviewStatus
from .importing import names_in, parse_date, parse_target, resolve_names
from .models import Assignment, Plan, PlanImport, ProgressReport, Section, SubPlan, Task


@transaction.atomic
def plan_save(
    *,
    draft: dict,
    within: AdminUnit,
    source_name: str = "",
    source_text: str = "",
    mapping: dict[str, int] | None = None,
) -> Plan:
    """Create a plan with its sections, tasks, assignments and owed sub-plans from a (reviewed) draft.

    Names the user mapped (`mapping`: name -> organisation id) become aliases, so the next import knows them.
    Names nobody could resolve stay on their tasks as `unresolved_names` — never dropped.
    """
    mapping = {name: pk for name, pk in (mapping or {}).items() if pk}
    resolved = resolve_names(names_in(draft), within=within, mapping=mapping)
    for name, pk in mapping.items():
        alias_add(text=name, context_unit=within, organisation=Organisation.objects.get(pk=pk))
    subplan = draft.get("subplan") or {}
    coordinator = (resolved.get(subplan.get("to") or "") or [None])[0]
    plan = Plan.objects.create(
        number=(draft.get("number") or "")[:60],
        title=(draft.get("title") or _("Untitled plan"))[:500],
        admin_unit=within,
        issuer=_issuing_body(within),
        issuer_text=draft.get("issuer") or "",
        issued_on=parse_date(draft.get("issued_on"), _("Issue date")),
        place=draft.get("place") or "",
        signer_name=draft.get("signer_name") or "",
        signer_title=draft.get("signer_title") or "",
        cited=draft.get("cited") or [],
        coordinator=coordinator,
        subplan_due=parse_date(subplan.get("due"), _("Sub-plans due")),
        status=PlanStatus.ACTIVE,
        source_name=source_name,
        source_text=source_text,
    )
    sections = _save_sections(plan, draft["sections"])
    for order, row in enumerate(draft["tasks"], start=1):
        _save_task(plan, sections, order, row, resolved)
    if plan.subplan_due:
        owed = {o.pk: o for name in subplan.get("addressees", []) for o in resolved.get(name, [])}
        SubPlan.objects.bulk_create([SubPlan(plan=plan, organisation=o, due=plan.subplan_due) for o in owed.values()])
    return plan


def _issuing_body(within: AdminUnit) -> Organisation | None:
    return Organisation.objects.filter(admin_unit=within, kind="committee").order_by("pk").first()


def _save_sections(plan: Plan, rows: list[dict]) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    for order, row in enumerate(rows, start=1):
        code = row["code"]
        parent = sections.get(code.rsplit(".", 1)[0]) if "." in code else None
        sections[code] = Section.objects.create(
            plan=plan, code=code[:30], title=row["title"][:1000], parent=parent, order=order
        )
    return sections


def _save_task(plan: Plan, sections: dict[str, Section], order: int, row: dict, resolved: dict) -> Task:
    section = sections.get(row["section"])
    if section is None:
        raise ValidationError(
            _("Task %(n)s: section “%(code)s” does not exist in the plan.") % {"n": order, "code": row["section"]}
        )
    text = (row.get("text") or "").strip()
    if not text:
        raise ValidationError(_("Task %(n)s: the task text is empty.") % {"n": order})
    value, unit, target_text = parse_target(row.get("target"))
    task = Task.objects.create(
        plan=plan,
        section=section,
        order=order,
        text=text,
        group_text=(row.get("group") or "")[:1000],
        deadline=parse_date(row.get("deadline"), _("Task %(n)s: deadline") % {"n": order}),
        recurrence=row.get("recurrence") or "",
        day_of_month=row.get("day_of_month"),
        deadline_text=(row.get("deadline_text") or "")[:200],
        target_value=value,
        target_unit=unit[:40],
        target_text=target_text[:200],
        unresolved_names=[n for n in [*row["lead"], *row["support"]] if not resolved.get(n)],
    )
    assigned: set[int] = set()
    for role, names in ((AssignmentRole.LEAD, row["lead"]), (AssignmentRole.SUPPORT, row["support"])):
        for name in names:
            for organisation in resolved.get(name, []):
                if organisation.pk not in assigned:
                    Assignment.objects.create(task=task, organisation=organisation, role=role)
                    assigned.add(organisation.pk)
    return task


@transaction.atomic
def plan_import_commit(*, plan_import: PlanImport, draft: dict, mapping: dict[str, int]) -> Plan:
    if plan_import.plan_id:
        raise ValidationError(_("This import has already been saved as a plan."))
    plan = plan_save(
        draft=draft,
        within=plan_import.admin_unit,
        source_name=plan_import.source_name,
        source_text=plan_import.source_text,
        mapping=mapping,
    )
    plan_import.parsed = draft
    plan_import.plan = plan
    plan_import.save(update_fields=["parsed", "plan", "updated_at"])
    return plan


@transaction.atomic
def task_map_name(*, plan: Plan, name: str, organisation: Organisation, role_hint: str = AssignmentRole.LEAD) -> int:
    """Map a name the import could not resolve: assign the body to every task that names it; remember the alias."""
    alias_add(text=name, context_unit=plan.admin_unit, organisation=organisation)
    count = 0
    for task in plan.tasks.all():  # a plan has tens of tasks: filtering JSON in Python is portable and cheap
        if name not in task.unresolved_names:
            continue
        task.unresolved_names = [n for n in task.unresolved_names if n != name]
        task.save(update_fields=["unresolved_names", "updated_at"])
        Assignment.objects.get_or_create(task=task, organisation=organisation, defaults={"role": role_hint})
        count += 1
    return count


@transaction.atomic
def task_assign(*, task: Task, organisation: Organisation, role: str) -> Assignment:
    """Give a task a lead or supporting body (for tasks the text assigned to nobody, or a correction)."""
    if role not in AssignmentRole.values:
        raise ValidationError({"role": _("Choose lead or support.")})
    assignment, created = Assignment.objects.get_or_create(
        task=task, organisation=organisation, defaults={"role": role}
    )
    if not created and assignment.role != role:
        assignment.role = role
        assignment.save(update_fields=["role", "updated_at"])
    return assignment


@transaction.atomic
def task_report_progress(
    *,
    task: Task,
    organisation: Organisation,
    user,
    reported_on: dt.date,
    percent: int,
    text: str,
    period_end: dt.date | None = None,
    attachment=None,
) -> ProgressReport:
    """A body reports how far it has got with a task. Only an assigned body may report."""
    errors: dict[str, str] = {}
    if not task.assignments.filter(organisation=organisation).exists():
        errors["organisation"] = _("%(org)s is not assigned to this task.") % {"org": organisation}
    if not 0 <= percent <= 100:
        errors["percent"] = _("The percentage must be between 0 and 100.")
    if reported_on > today():
        errors["reported_on"] = _("The report date cannot be in the future.")
    elif task.plan.issued_on and reported_on < task.plan.issued_on:
        errors["reported_on"] = _("The report date is before the plan was issued (%(day)s).") % {
            "day": f"{task.plan.issued_on:%d/%m/%Y}"
        }
    if not text.strip():
        errors["text"] = _("Describe the results achieved.")
    if errors:
        raise ValidationError(errors)
    report = ProgressReport.objects.create(
        task=task,
        organisation=organisation,
        author=user,
        reported_on=reported_on,
        percent=percent,
        text=text.strip(),
        period_end=period_end,
        attachment=attachment or "",
    )
    transaction.on_commit(lambda: _tell_coordinator(report))
    return report


def _tell_coordinator(report: ProgressReport) -> None:
    from dualgoal.core.notify import notify

    from .selectors import coordinator_users

    notify(
        users=coordinator_users(report.task.plan),
        subject=_("New progress report: %(org)s, %(percent)s%%")
        % {"org": report.organisation, "percent": report.percent},
        body=report.task.text[:300],
        url=report.task.get_absolute_url(),
    )


@transaction.atomic
def progress_review(*, report: ProgressReport, user, accept: bool, reason: str = "") -> ProgressReport:
    """The coordinator accepts a report, or returns it with a reason (a returned report no longer counts)."""
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for returning the report.")})
    report.review = ReviewStatus.ACCEPTED if accept else ReviewStatus.RETURNED
    report.review_reason = "" if accept else reason.strip()
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.save(update_fields=["review", "review_reason", "reviewed_by", "reviewed_at", "updated_at"])
    if not accept:
        from dualgoal.core.notify import notify

        from .selectors import organisation_users

        transaction.on_commit(
            lambda: notify(
                users=organisation_users(report.organisation),
                subject=_("Progress report returned: %(task)s") % {"task": report.task.text[:80]},
                body=report.review_reason,
                url=report.task.get_absolute_url(),
            )
        )
    return report


@transaction.atomic
def subplan_submit(
    *, subplan: SubPlan, submitted_on: dt.date, number: str = "", document=None, note: str = ""
) -> SubPlan:
    if submitted_on > today():
        raise ValidationError({"submitted_on": _("The submission date cannot be in the future.")})
    if not (document or subplan.document or note.strip()):
        raise ValidationError({"document": _("Attach the sub-plan document or describe it in the note.")})
    subplan.submitted_on = submitted_on
    subplan.number = number
    subplan.note = note
    if document:
        subplan.document = document
    subplan.review = ReviewStatus.SUBMITTED
    subplan.save()
    return subplan


def reminders_send(*, as_of: dt.date | None = None) -> dict[str, int]:
    """Remind lead bodies N days before a deadline (N: rule plan.reminder_days_before) and when overdue.

    In-app notification plus e-mail; each reminder is sent once per task, period and kind (safe to re-run).
    """
    from dualgoal.core.notify import notify
    from dualgoal.core.rulebook import RuleNotFound, rule

    from .selectors import organisation_users, task_statuses, tasks_with_relations

    as_of = as_of or today()
    try:
        days = int(rule("plan.reminder_days_before", on=as_of).value)
    except RuleNotFound:
        days = 3
    tasks = list(tasks_with_relations(Task.objects.filter(plan__status=PlanStatus.ACTIVE)))
    statuses = task_statuses(tasks, as_of=as_of)
    sent = {"due_soon": 0, "overdue": 0}
    for task in tasks:
        judgement = statuses[task.pk]
        if judgement.due is None or judgement.completed_on is not None:
            continue
        if judgement.status == "overdue":
            kind, subject = "overdue", _("Overdue task (deadline %(day)s)")
        elif (judgement.due - as_of).days <= days:
            kind, subject = "due_soon", _("Task due on %(day)s")
        else:
            continue
        for organisation in task.leads():
            sent[kind] += notify(
                users=organisation_users(organisation),
                subject=subject % {"day": f"{judgement.due:%d/%m/%Y}"},
                body=task.text[:400],
                url=task.get_absolute_url(),
                dedupe_key=f"plans.task.{task.pk}.{judgement.due:%Y%m%d}.{kind}",
            )
    return sent
