"""Cases (F0), contacts (pairwise and group exposures), quarantine starts, and the traced F-levels."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import CaseSource, Outcome, QuarantineKind, Setting, TestKind
from .querysets import ContactQuerySet


class Case(TrackedModel):
    """A confirmed case (F0)."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="cases"
    )
    code = models.CharField(_("case code"), max_length=20, unique=True, help_text=_("e.g. BN12345"))
    sample_date = models.DateField(_("positive sample date"))
    test_kind = models.CharField(_("confirming test"), max_length=10, choices=TestKind.choices, default=TestKind.RT_PCR)
    onset_date = models.DateField(_("symptom onset"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=CaseSource.choices, default=CaseSource.LOCAL)
    notified_by = models.CharField(_("notified by"), max_length=200, blank=True)
    isolation_date = models.DateField(_("isolation date"), null=True, blank=True)
    treatment_place = models.CharField(_("treatment place"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.TREATING)
    outcome_date = models.DateField(_("outcome date"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = ("person__residence_unit", "person__managing_unit")

    class Meta:
        ordering = ["-sample_date", "code"]
        verbose_name = _("case (F0)")
        verbose_name_plural = _("cases (F0)")

    def __str__(self) -> str:
        return f"{self.code} — {self.person}"


class Contact(TrackedModel):
    """An exposure between two persons on a date (exposure can pass either way)."""

    person_a = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="contacts_a")
    person_b = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="contacts_b")
    date = models.DateField(_("date"))
    setting = models.CharField(_("setting"), max_length=16, choices=Setting.choices, default=Setting.OTHER)
    note = models.CharField(_("note"), max_length=255, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ContactQuerySet.as_manager()
    scope_unit_field = ("person_a__residence_unit", "person_a__managing_unit")

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(condition=~Q(person_a=F("person_b")), name="contact_not_with_self"),
        ]
        indexes = [models.Index(fields=["person_a", "date"]), models.Index(fields=["person_b", "date"])]

    def __str__(self) -> str:
        return f"{self.person_a} ↔ {self.person_b} ({self.date:%d/%m/%Y})"


class GroupExposure(TrackedModel):
    """An event or place over a date range (a workshop line, a market, a wedding) with its attendees:
    everyone present on the same day is in contact, without storing N² pairs."""

    name = models.CharField(_("name"), max_length=200)
    setting = models.CharField(_("setting"), max_length=16, choices=Setting.choices, default=Setting.OTHER)
    place = models.CharField(_("place"), max_length=255, blank=True)
    admin_unit = models.ForeignKey(
        "geography.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="group_exposures",
    )
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "admin_unit"

    class Meta:
        ordering = ["-date_from"]
        verbose_name = _("group exposure")
        verbose_name_plural = _("group exposures")
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=F("date_from")), name="group_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.date_from:%d/%m}–{self.date_to:%d/%m/%Y})"


class Attendance(TrackedModel):
    group = models.ForeignKey(GroupExposure, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="attendances")
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))

    scope_unit_field = "group__admin_unit"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=F("date_from")), name="attendance_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.group}"


class QuarantineStart(TrackedModel):
    """When a person entered quarantine or isolation: from then on they pass no exposure on. (The quarantine
    orders of the operations module record the rest: kind, planned end, tests.)"""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="quarantine_starts")
    kind = models.CharField(_("kind"), max_length=16, choices=QuarantineKind.choices)
    start_date = models.DateField(_("start"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    scope_unit_field = ("person__residence_unit", "person__managing_unit")

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("quarantine start")
        verbose_name_plural = _("quarantine starts")

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()} {self.start_date:%d/%m/%Y}"


class TraceState(models.Model):
    """The traced level of one person (derived; written only where it changed). Level 0 = F0."""

    # Derived rows, deleted with their person by the ORM's cascade: no database-level foreign key, whose per-row
    # check costs a first recompute of a province more than a second (1.4 million rows).
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="trace", db_constraint=False)
    level = models.PositiveSmallIntegerField(_("level"), db_index=True)
    exposed_on = models.DateField(_("exposed on"))
    path = models.JSONField(_("path"), default=list)  # [{"person": id, "contact": id|null, "group": id|null, "day"}]
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("traced level")
        verbose_name_plural = _("traced levels")

    def __str__(self) -> str:
        return f"{self.person_id}: F{self.level}"


class LevelChange(models.Model):
    """History of a person's level: from, to, when, and the change that caused it."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="level_changes")
    old_level = models.PositiveSmallIntegerField(null=True)
    new_level = models.PositiveSmallIntegerField(null=True)
    old_exposed_on = models.DateField(null=True)
    new_exposed_on = models.DateField(null=True)
    cause = models.CharField(_("cause"), max_length=255)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("level change")
        verbose_name_plural = _("level changes")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.old_level} → {self.new_level} ({self.cause})"


class TraceCursor(models.Model):
    """A single row: the generation of the stored levels. Every change to tracing inputs takes this row's lock
    and bumps the generation, so an in-process engine knows whether it is still current."""

    generation = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"generation {self.generation}"
