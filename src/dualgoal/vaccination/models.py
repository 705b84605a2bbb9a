"""Vaccination: priority-group assignments (Resolution 21/NQ-CP), vaccination sessions (buổi tiêm) and doses.

Products, dose counts and intervals are not stored here: they come from the rules in force
(`vaccination.products`, `vaccination.dose2_mix`, `vaccination.min_age_years`) through `rulebook.py`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import Basis, SessionStatus


class PriorityAssignment(TrackedModel):
    """A person's priority group (one of the 9 groups of the rule `vaccination.priority_groups`) with its basis.
    A person has at most one current assignment; older ones stay for the record."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="priority_assignments"
    )
    group_code = models.CharField(_("priority group"), max_length=40, db_index=True)
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)
    basis_detail = models.CharField(
        _("basis details"), max_length=255, blank=True, help_text=_("e.g. the occupation or the workplace.")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_on = models.DateField(_("assigned on"))
    is_current = models.BooleanField(_("current"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = ("person__residence_unit", "person__managing_unit")

    class Meta:
        ordering = ["-assigned_on", "pk"]
        verbose_name = _("priority assignment")
        verbose_name_plural = _("priority assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(is_current=True), name="priority_one_current_per_person"
            ),
        ]

    def __str__(self) -> str:
        from .rulebook import group_label

        return f"{self.person} — {group_label(self.group_code, on=self.assigned_on)}"

    @property
    def group_label(self) -> str:
        from .rulebook import group_label

        return group_label(self.group_code, on=self.assigned_on)


class Session(TrackedModel):
    """A vaccination session (buổi tiêm): one product and lot, at one place in a commune, on one day."""

    name = models.CharField(_("name"), max_length=200)
    place = models.CharField(_("place"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="vaccination_sessions"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organising body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vaccination_sessions",
    )
    date = models.DateField(_("date"), db_index=True)
    product = models.CharField(_("vaccine"), max_length=40)
    lot_number = models.CharField(_("lot number"), max_length=40)
    lot_expiry = models.DateField(_("lot expiry date"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("planned capacity"))
    status = models.CharField(_("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "unit"

    class Meta:
        ordering = ["-date", "name"]
        verbose_name = _("vaccination session")
        verbose_name_plural = _("vaccination sessions")

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%d/%m/%Y})"

    @property
    def product_label(self) -> str:
        from .rulebook import product_label

        return product_label(self.product, on=self.date)


class Dose(TrackedModel):
    """One dose given to a person, in a session here or elsewhere (then `place` says where).
    `completes_series` is set when recorded, from the product's number of doses in the rule in force."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="doses"
    )
    session = models.ForeignKey(
        Session, verbose_name=_("session"), null=True, blank=True, on_delete=models.PROTECT, related_name="doses"
    )
    dose_number = models.PositiveSmallIntegerField(_("dose number"))
    given_on = models.DateField(_("given on"), db_index=True)
    product = models.CharField(_("vaccine"), max_length=40)
    lot_number = models.CharField(_("lot number"), max_length=40, blank=True)
    place = models.CharField(_("place given"), max_length=255, blank=True)
    reaction_notes = models.TextField(_("reactions after vaccination"), blank=True)
    completes_series = models.BooleanField(_("completes the series"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = ("person__residence_unit", "person__managing_unit")

    class Meta:
        ordering = ["-given_on", "pk"]
        verbose_name = _("dose")
        verbose_name_plural = _("doses")
        constraints = [
            models.UniqueConstraint(fields=["person", "dose_number"], name="dose_unique_number_per_person"),
            models.UniqueConstraint(
                fields=["person", "session"], condition=Q(session__isnull=False), name="dose_once_per_session"
            ),
        ]
        indexes = [models.Index(fields=["person", "given_on"], name="dose_person_given_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.dose_number} ({self.given_on:%d/%m/%Y})"

    @property
    def product_label(self) -> str:
        from .rulebook import product_label

        return product_label(self.product, on=self.given_on)
