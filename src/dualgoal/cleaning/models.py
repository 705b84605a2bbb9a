"""Environmental cleaning (làm sạch môi trường, seed II.1.6): cleaning plans per zone, boarding house, market,
home with a case or public place, and medical-waste collections (thu gom rác thải y tế)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import Method, PlanStatus, TargetKind, WasteSource


class CleaningPlan(TrackedModel):
    """One cleaning of one target on a scheduled day (or days). "Overdue" is computed as of core.clock.today()."""

    target_kind = models.CharField(_("target"), max_length=16, choices=TargetKind.choices)
    zone = models.ForeignKey(
        "zones.Zone",
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cleaning_plans",
    )
    boarding_house = models.ForeignKey(
        "economy.BoardingHouse",
        verbose_name=_("boarding house"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cleaning_plans",
    )
    case = models.ForeignKey(
        "epidemic.Case",
        verbose_name=_("case (F0)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cleaning_plans",
    )
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    commune = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="cleaning_plans"
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.CHLORAMINE_SPRAY)
    method_detail = models.CharField(_("method details"), max_length=400, blank=True)
    in_charge = models.CharField(_("organisation in charge"), max_length=255)
    scheduled_on = models.DateField(_("scheduled for"))
    scheduled_until = models.DateField(_("scheduled until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.SCHEDULED, db_index=True
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.CharField(_("done by"), max_length=255, blank=True)
    cancel_reason = models.CharField(_("reason for cancellation"), max_length=400, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "commune"

    class Meta:
        ordering = ["scheduled_on", "pk"]
        verbose_name = _("cleaning plan")
        verbose_name_plural = _("cleaning plans")
        indexes = [models.Index(fields=["status", "scheduled_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(scheduled_until__isnull=True) | Q(scheduled_until__gte=F("scheduled_on")),
                name="cleaningplan_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.DONE) | Q(done_on__isnull=False), name="cleaningplan_done_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_name} — {self.scheduled_on:%d/%m/%Y}"

    @property
    def target_name(self) -> str:
        if self.target_kind == TargetKind.BOARDING_HOUSE and self.boarding_house_id:
            return self.boarding_house.name
        if self.target_kind == TargetKind.CASE_HOME and self.case_id:
            return _("Home of case %(code)s") % {"code": self.case.code}
        if self.target_kind == TargetKind.ZONE and self.zone_id:
            return str(self.zone)
        return self.place_name or self.get_target_kind_display()

    @property
    def last_day(self) -> dt.date:
        return self.scheduled_until or self.scheduled_on

    def is_overdue(self, day: dt.date) -> bool:
        return self.status == PlanStatus.SCHEDULED and self.last_day < day


class WasteCollection(TrackedModel):
    """One collection of medical waste: from where, how much, by whom, to which treatment."""

    source_kind = models.CharField(_("collected from"), max_length=10, choices=WasteSource.choices)
    facility = models.ForeignKey(
        "operations.QuarantineFacility",
        verbose_name=_("quarantine facility"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="waste_collections",
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    commune = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="waste_collections"
    )
    collected_on = models.DateField(_("collected on"))
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=8, decimal_places=1)
    bags = models.PositiveSmallIntegerField(_("bags"), null=True, blank=True)
    collector = models.CharField(_("collected by"), max_length=255)
    destination = models.CharField(_("destination (treatment)"), max_length=255)
    manifest_number = models.CharField(_("manifest number"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "commune"

    class Meta:
        ordering = ["-collected_on", "-pk"]
        verbose_name = _("medical waste collection")
        verbose_name_plural = _("medical waste collections")
        constraints = [models.CheckConstraint(condition=Q(weight_kg__gt=0), name="wastecollection_weight_positive")]

    def __str__(self) -> str:
        return f"{self.source_name} — {self.collected_on:%d/%m/%Y} ({self.weight_kg} kg)"

    @property
    def source_name(self) -> str:
        if self.facility_id:
            return self.facility.name
        return self.place or self.get_source_kind_display()
