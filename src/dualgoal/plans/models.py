"""Plans turned into tracked, accountable work: plan → sections → tasks → assignments, sub-plans, progress."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import AssignmentRole, PlanStatus, Recurrence, ReviewStatus
from .querysets import TaskQuerySet


class Plan(TrackedModel):
    """An official plan (kế hoạch) of an administrative unit, with the text it was imported from."""

    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=500)
    admin_unit = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="plans"
    )
    issuer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("issuing body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_plans",
    )
    issuer_text = models.CharField(_("issuer as written"), max_length=255, blank=True)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    place = models.CharField(_("place of issue"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    cited = models.JSONField(_("documents cited"), default=list, blank=True)
    coordinator = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated_plans",
    )
    subplan_due = models.DateField(_("sub-plans due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    source_text = models.TextField(_("source text"), blank=True)

    scope_unit_field = "admin_unit"
    scope_include_ancestors = True

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.number} — {self.title}" if self.number else self.title


class Section(TrackedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("title"), max_length=1000)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    order = models.PositiveIntegerField(_("order"), default=0)

    scope_unit_field = "plan__admin_unit"
    scope_include_ancestors = True

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="section_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Task(TrackedModel):
    """A task (nhiệm vụ): lead and supporting bodies, a deadline date or a recurrence, a target figure."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("task"))
    group_text = models.CharField(_("group heading"), max_length=1000, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    recurrence = models.CharField(_("recurrence"), max_length=12, choices=Recurrence.choices, blank=True)
    day_of_month = models.PositiveSmallIntegerField(_("day of the month"), null=True, blank=True)
    deadline_text = models.CharField(_("deadline as written"), max_length=200, blank=True)
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=3, null=True, blank=True)
    target_unit = models.CharField(_("target unit"), max_length=40, blank=True)
    target_text = models.CharField(_("target as written"), max_length=200, blank=True)
    # Names the text gave that no organisation matched: kept (never dropped) until someone maps them.
    unresolved_names = models.JSONField(_("unresolved bodies"), default=list, blank=True)
    organisations = models.ManyToManyField(
        "organisations.Organisation", through="Assignment", related_name="plan_tasks"
    )

    objects = TaskQuerySet.as_manager()
    scope_unit_field = "plan__admin_unit"
    scope_include_ancestors = True

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return f"{self.section.code} · {self.text[:80]}{'…' if len(self.text) > 80 else ''}"

    def leads(self):
        return [a.organisation for a in self.assignments.all() if a.role == AssignmentRole.LEAD]

    def supports(self):
        return [a.organisation for a in self.assignments.all() if a.role == AssignmentRole.SUPPORT]


class Assignment(TrackedModel):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=10, choices=AssignmentRole.choices)

    scope_unit_field = "task__plan__admin_unit"
    scope_include_ancestors = True

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["task", "organisation"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class SubPlan(TrackedModel):
    """An organisation's own implementing plan, due to the coordinator by the plan's date."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="subplans")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="subplans",
    )
    due = models.DateField(_("due"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    document = models.FileField(_("document"), upload_to="subplans/%Y/", blank=True)
    note = models.TextField(_("note"), blank=True)
    review = models.CharField(_("review"), max_length=10, choices=ReviewStatus.choices, blank=True)
    review_reason = models.TextField(_("reason"), blank=True)

    scope_unit_field = "organisation__admin_unit"
    scope_include_ancestors = False

    class Meta:
        ordering = ["plan", "organisation__name"]
        verbose_name = _("sub-plan")
        verbose_name_plural = _("sub-plans")
        constraints = [models.UniqueConstraint(fields=["plan", "organisation"], name="subplan_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.plan.number or self.plan.title[:40]}"

    @property
    def on_time(self) -> bool | None:
        return None if self.submitted_on is None else self.submitted_on <= self.due


class ProgressReport(TrackedModel):
    """A body's report on a task: how far (percent), what was done, for which period; reviewed by the coordinator."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    reported_on = models.DateField(_("report date"))
    period_end = models.DateField(_("period reported"), null=True, blank=True)
    percent = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("results"))
    attachment = models.FileField(_("attachment"), upload_to="progress/%Y/", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    review = models.CharField(_("review"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUBMITTED)
    review_reason = models.TextField(_("reason for return"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    scope_unit_field = "task__plan__admin_unit"
    scope_include_ancestors = True

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="progress_percent_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.reported_on:%d/%m/%Y} · {self.percent}%"


class PlanImport(TrackedModel):
    """An uploaded plan text awaiting review: the parsed structure the user corrects before anything is saved."""

    admin_unit = models.ForeignKey("geography.AdminUnit", on_delete=models.PROTECT, related_name="+")
    source_name = models.CharField(_("source file"), max_length=255)
    source_text = models.TextField(_("source text"))
    parsed = models.JSONField(_("parsed plan"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    plan = models.OneToOneField(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_record")

    scope_unit_field = "admin_unit"
    scope_include_ancestors = False

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")

    def __str__(self) -> str:
        return self.source_name
