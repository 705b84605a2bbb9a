"""Administrative violations of the epidemic rules (vi phạm hành chính) and their sanctioning decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import OffenderKind, ViolationStatus


class Violation(TrackedModel):
    """One act by one offender (a person or an enterprise — exactly one), from the record to the paid fine.

    The act is chosen from the versioned rule `enforcement.acts` (Decree 117/2020/NĐ-CP); its label and legal basis
    are copied at recording time so that the record still reads the same when the rules change.
    Scope: the offender's residence commune (persons) or the enterprise's commune.
    """

    offender_kind = models.CharField(_("offender"), max_length=10, choices=OffenderKind.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="violations",
    )
    enterprise = models.ForeignKey(
        "economy.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="violations",
    )
    act_code = models.CharField(_("act code"), max_length=40, db_index=True)
    act_label = models.CharField(_("act"), max_length=400)
    legal_basis = models.CharField(_("legal basis"), max_length=600)
    act_date = models.DateField(_("date of the act"))
    place = models.CharField(_("place of the act"), max_length=255)
    commune = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="violations"
    )
    description = models.TextField(_("details"), blank=True)
    record_number = models.CharField(_("record number (biên bản)"), max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    violation_note = models.ForeignKey(
        "operations.ViolationNote",
        verbose_name=_("quarantine breach note"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_number = models.CharField(_("decision number"), max_length=40, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    authority = models.CharField(_("sanctioning authority"), max_length=255, blank=True)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    fine_amount = models.PositiveBigIntegerField(_("fine (VND)"), null=True, blank=True)
    fine_rule = models.CharField(_("fine range applied"), max_length=600, blank=True)
    other_measures = models.CharField(_("other measures"), max_length=600, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ViolationStatus.choices, default=ViolationStatus.RECORDED, db_index=True
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=40, blank=True)
    appeal_note = models.CharField(_("complaint"), max_length=600, blank=True)
    cancel_reason = models.CharField(_("reason for cancellation"), max_length=600, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "commune"

    class Meta:
        ordering = ["-act_date", "-pk"]
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        indexes = [
            models.Index(fields=["status", "decision_date"]),
            models.Index(fields=["commune", "act_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(offender_kind=OffenderKind.PERSON, person__isnull=False, enterprise__isnull=True)
                    | Q(offender_kind=OffenderKind.ENTERPRISE, person__isnull=True, enterprise__isnull=False)
                ),
                name="violation_exactly_one_offender",
            ),
            models.CheckConstraint(
                condition=Q(status=ViolationStatus.RECORDED)
                | Q(status=ViolationStatus.CANCELLED)
                | Q(decision_date__isnull=False, fine_amount__isnull=False),
                name="violation_decided_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(status=ViolationStatus.PAID) | Q(paid_on__isnull=False),
                name="violation_paid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offender} — {self.act_date:%d/%m/%Y}"

    @property
    def offender(self):
        return self.person if self.offender_kind == OffenderKind.PERSON else self.enterprise

    @property
    def is_decided(self) -> bool:
        return self.status in (ViolationStatus.DECIDED, ViolationStatus.PAID, ViolationStatus.APPEALED)
