"""Zones (lockdown and social distancing areas under a directive) and checkpoints with their shifts and passages."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import Direction, Directive, Outcome, StaffRole, ZoneKind, ZoneStatus
from .querysets import ZoneChildQuerySet, ZoneQuerySet


class Zone(TrackedModel):
    """A lockdown (phong tỏa) or social-distancing (giãn cách xã hội) area declared by a decision.

    `unit` is the issuing district or commune (scope); `units` are the communes or villages covered. Who and what
    is inside is never stored: it is read from the registry each time (residence, enterprise, boarding house)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=ZoneKind.choices)
    directive = models.PositiveSmallIntegerField(_("directive level"), choices=Directive.choices)
    unit = models.ForeignKey(
        "geography.AdminUnit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="issued_zones",
    )
    units = models.ManyToManyField("geography.AdminUnit", verbose_name=_("area"), related_name="zones")
    polygon = models.JSONField(_("drawn boundary (GeoJSON)"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=80)
    issued_on = models.DateField(_("issued on"))
    start_date = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"))
    lift_decision = models.CharField(_("lifting decision"), max_length=80, blank=True)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    inner_control = models.TextField(_("inner control (kiểm soát bên trong)"), blank=True)
    outer_control = models.TextField(_("outer control (kiểm soát bên ngoài)"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ZoneQuerySet.as_manager()
    scope_unit_field = "unit"

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [
            models.CheckConstraint(condition=Q(planned_end__gte=F("start_date")), name="zone_end_after_start"),
            models.CheckConstraint(
                condition=Q(lifted_on__isnull=True) | Q(lifted_on__gte=F("start_date")), name="zone_lift_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def end_on(self, day: dt.date | None = None) -> dt.date:
        """The end in force: the latest extension decided by `day` (all of them without a day)."""
        extensions = [e for e in self.extensions.all() if day is None or e.decided_on <= day]
        return max([self.planned_end, *[e.new_end for e in extensions]])

    def status_on(self, day: dt.date) -> str:
        if self.lifted_on and day >= self.lifted_on:
            return ZoneStatus.LIFTED
        if day < self.start_date:
            return ZoneStatus.PLANNED
        end = self.end_on(day)
        if day > end:
            return ZoneStatus.EXPIRED
        if end > self.planned_end:
            return ZoneStatus.EXTENDED
        return ZoneStatus.IN_FORCE

    def status_label(self, day: dt.date) -> str:
        return ZoneStatus(self.status_on(day)).label


class ZoneExtension(TrackedModel):
    """A decision extending a zone to a new end date."""

    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.CASCADE, related_name="extensions")
    decision_number = models.CharField(_("decision number"), max_length=80)
    decided_on = models.DateField(_("decided on"))
    new_end = models.DateField(_("new end date"))
    reason = models.CharField(_("reason"), max_length=400, blank=True)

    objects = ZoneChildQuerySet.as_manager()
    scope_unit_field = "zone__unit"

    class Meta:
        ordering = ["zone", "new_end"]
        verbose_name = _("zone extension")
        verbose_name_plural = _("zone extensions")

    def __str__(self) -> str:
        return f"{self.decision_number} → {self.new_end:%d/%m/%Y}"


class Checkpoint(TrackedModel):
    """A checkpoint (chốt kiểm soát) in a commune, usually at the edge of a zone."""

    name = models.CharField(_("name"), max_length=200)
    place = models.CharField(_("place"), max_length=400, blank=True)
    zone = models.ForeignKey(
        Zone, verbose_name=_("zone"), null=True, blank=True, on_delete=models.SET_NULL, related_name="checkpoints"
    )
    unit = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="checkpoints"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="checkpoints",
    )
    active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "unit"

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")

    def __str__(self) -> str:
        return self.name


class Shift(TrackedModel):
    """A shift at a checkpoint; a night shift ends the next day when its end time is not after its start."""

    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("checkpoint"), on_delete=models.CASCADE, related_name="shifts"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    scope_unit_field = "checkpoint__unit"

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")

    def __str__(self) -> str:
        night = "" if self.end_time > self.start_time else " (+1)"
        return f"{self.checkpoint} {self.date:%d/%m/%Y} {self.start_time:%H:%M}–{self.end_time:%H:%M}{night}"

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start_time)

    @property
    def ends_at(self) -> dt.datetime:
        end_day = self.date if self.end_time > self.start_time else self.date + dt.timedelta(days=1)
        return dt.datetime.combine(end_day, self.end_time)


class ShiftStaff(TrackedModel):
    """Someone on duty in a shift: a user of the system or just a name, with their role and phone."""

    shift = models.ForeignKey(Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role in the shift"), max_length=10, choices=StaffRole.choices)
    phone = models.CharField(_("phone"), max_length=12, blank=True)

    scope_unit_field = "shift__checkpoint__unit"

    class Meta:
        ordering = ["shift", "role", "name"]
        verbose_name = _("staff on duty")
        verbose_name_plural = _("staff on duty")

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_role_display()})"

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return (getattr(self.user, "full_name", "") or str(self.user)) if self.user else ""


class Passage(TrackedModel):
    """One passage through a checkpoint: who or which vehicle, which way, the permit check and the outcome."""

    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("checkpoint"), on_delete=models.PROTECT, related_name="passages"
    )
    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), null=True, blank=True, on_delete=models.SET_NULL, related_name="passages"
    )
    at = models.DateTimeField(_("time"), db_index=True)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="passages",
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    id_number = models.CharField(_("citizen ID"), max_length=12, blank=True)
    plate = models.CharField(_("vehicle plate"), max_length=20, blank=True, db_index=True)
    origin = models.CharField(_("coming from"), max_length=255, blank=True)
    origin_area = models.ForeignKey(
        "operations.OriginArea",
        verbose_name=_("epidemic area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    permit_scan = models.OneToOneField(
        "economy.PermitScan",
        verbose_name=_("permit scan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="passage",
    )
    scan_result = models.CharField(_("permit check"), max_length=8, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    reason = models.CharField(_("reason for turning back"), max_length=400, blank=True)
    arrival = models.ForeignKey(
        "operations.Arrival",
        verbose_name=_("arrival on watch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("officer"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "checkpoint__unit"

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="turned_back") | ~Q(reason=""), name="passage_turned_back_reason"
            )
        ]

    def __str__(self) -> str:
        who = self.person.full_name if self.person_id else (self.name or self.plate or "—")
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_direction_display()} {who}"

    @property
    def scan_result_label(self) -> str:
        from dualgoal.economy.choices import ScanResult

        return ScanResult(self.scan_result).label if self.scan_result in ScanResult.values else ""
