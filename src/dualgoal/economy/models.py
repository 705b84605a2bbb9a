"""Economic recovery: enterprises and their reopening, workers, "2 điểm, 1 đường" permits, shuttles, boarding houses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import (
    ConditionKind,
    ConditionStatus,
    DecisionKind,
    EnterpriseStatus,
    ImportStatus,
    InspectionDecision,
    ParkKind,
    PermitStatus,
    ScanResult,
)
from .querysets import EnterpriseScopedQuerySet


class IndustrialPark(TrackedModel):
    """An industrial park (KCN) or cluster (CCN)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=3, choices=ParkKind.choices)
    commune = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="parks"
    )

    scope_unit_field = "commune"
    scope_include_ancestors = False

    class Meta:
        ordering = ["name"]
        verbose_name = _("industrial park or cluster")
        verbose_name_plural = _("industrial parks and clusters")

    def __str__(self) -> str:
        return self.name


class Enterprise(TrackedModel):
    """An enterprise. Its `organisation` (kind enterprise) carries the memberships of its own users (portal)."""

    tax_code = models.CharField(_("tax code"), max_length=14, unique=True)
    name = models.CharField(_("name"), max_length=255)
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="enterprise"
    )
    park = models.ForeignKey(
        IndustrialPark,
        verbose_name=_("industrial park or cluster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    commune = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="enterprises"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    workforce = models.PositiveIntegerField(_("registered workforce"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=EnterpriseStatus.choices, default=EnterpriseStatus.SUSPENDED
    )
    flagged = models.BooleanField(_("flagged (case among workers)"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "commune"
    enterprise_field = ""  # the enterprise itself

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self) -> str:
        return self.name


class Condition(TrackedModel):
    """One reopening condition of an enterprise (safe-production plan, accommodation…) with its document."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField(_("condition"), max_length=20, choices=ConditionKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ConditionStatus.choices, default=ConditionStatus.MISSING
    )
    document = models.FileField(_("document"), upload_to="conditions/%Y/", blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "enterprise__commune"
    enterprise_field = "enterprise"

    class Meta:
        ordering = ["enterprise", "kind"]
        verbose_name = _("reopening condition")
        verbose_name_plural = _("reopening conditions")
        constraints = [models.UniqueConstraint(fields=["enterprise", "kind"], name="condition_unique_kind")]

    def __str__(self) -> str:
        return f"{self.enterprise} — {self.get_kind_display()}"


class Inspection(TrackedModel):
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="inspections")
    team = models.CharField(_("inspection team"), max_length=255)
    date = models.DateField(_("date"))
    findings = models.JSONField(_("findings per condition"), default=dict)  # {condition kind: text}
    decision = models.CharField(_("decision"), max_length=10, choices=InspectionDecision.choices)
    fix_by = models.DateField(_("fix by"), null=True, blank=True)

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "enterprise__commune"
    enterprise_field = "enterprise"

    class Meta:
        ordering = ["-date"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            models.CheckConstraint(condition=~Q(decision="fix") | Q(fix_by__isnull=False), name="inspection_fix_by"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} — {self.date:%d/%m/%Y}"


class Decision(TrackedModel):
    """A suspension, reopening or closure decision; the enterprise's status follows it."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=12, choices=DecisionKind.choices)
    number = models.CharField(_("decision number"), max_length=60, blank=True)
    date = models.DateField(_("date"))
    reason = models.TextField(_("reason"), blank=True)
    automatic = models.BooleanField(_("automatic"), default=False)

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "enterprise__commune"
    enterprise_field = "enterprise"

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} — {self.enterprise}"


class LabourConfirmation(TrackedModel):
    """The Labour department's confirmation of a list of workers eligible to return (list number, date)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="confirmations")
    number = models.CharField(_("list number"), max_length=60)
    date = models.DateField(_("date"))
    confirmed_by = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "enterprise__commune"
    enterprise_field = "enterprise"

    class Meta:
        ordering = ["-date"]
        verbose_name = _("labour confirmation")
        verbose_name_plural = _("labour confirmations")

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"


class Employment(TrackedModel):
    """A person working for an enterprise: signed commitment, confirmation, department."""

    # db_index=False: the unique (enterprise, person) index serves lookups by enterprise.
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="employments", db_index=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="employments")
    department = models.CharField(_("department"), max_length=120, blank=True)
    position = models.CharField(_("position"), max_length=120, blank=True)
    commitment_signed_on = models.DateField(_("commitment signed on"), null=True, blank=True)
    commitment_scan = models.FileField(_("signed commitment"), upload_to="commitments/%Y/", blank=True)
    confirmation = models.ForeignKey(
        LabourConfirmation,
        verbose_name=_("labour confirmation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employments",
        db_index=False,  # partial index below: imported employments are not confirmed yet
    )
    active = models.BooleanField(_("active"), default=True)

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "enterprise__commune"
    enterprise_field = "enterprise"

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        constraints = [models.UniqueConstraint(fields=["enterprise", "person"], name="employment_unique")]
        indexes = [
            models.Index(
                fields=["confirmation"], name="employment_confirmation_idx", condition=Q(confirmation__isnull=False)
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.enterprise}"


class WorkerImport(TrackedModel):
    """One upload of a worker list: its progress and its outcome (rows, imported, errors)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="worker_imports")
    file = models.FileField(_("file"), upload_to="worker-lists/%Y/")
    filename = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(_("status"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    rows = models.PositiveIntegerField(_("data rows"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    errors = models.JSONField(_("errors"), default=list)  # [{"row", "column", "message"}]
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "enterprise__commune"
    enterprise_field = "enterprise"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("worker list import")
        verbose_name_plural = _("worker list imports")

    def __str__(self) -> str:
        return self.filename


class BoardingHouse(TrackedModel):
    """A boarding house (nhà trọ): one enterprise leases it whole, or nobody does (seed II.2.2)."""

    name = models.CharField(_("name"), max_length=200)
    owner_name = models.CharField(_("owner"), max_length=150)
    owner_phone = models.CharField(_("owner's phone"), max_length=12, blank=True)
    address = models.CharField(_("address"), max_length=255)
    village = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="boarding_houses"
    )
    rooms = models.PositiveSmallIntegerField(_("rooms"))
    flagged = models.BooleanField(_("flagged (case among residents)"), default=False)

    scope_unit_field = "village"

    class Meta:
        ordering = ["name"]
        verbose_name = _("boarding house")
        verbose_name_plural = _("boarding houses")

    def __str__(self) -> str:
        return f"{self.name} — {self.address}"


class Lease(TrackedModel):
    boarding_house = models.ForeignKey(BoardingHouse, on_delete=models.CASCADE, related_name="leases")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="leases")
    rooms = models.PositiveSmallIntegerField(_("rooms leased"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "boarding_house__village"
    enterprise_field = "enterprise"

    class Meta:
        ordering = ["-start"]
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="lease_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.boarding_house} → {self.enterprise}"


class Shuttle(TrackedModel):
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="shuttles")
    plate = models.CharField(_("licence plate"), max_length=20)
    driver = models.ForeignKey(
        "people.Person", verbose_name=_("driver"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    route = models.CharField(_("route"), max_length=255)
    seats = models.PositiveSmallIntegerField(_("seats"), default=45)

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "enterprise__commune"
    enterprise_field = "enterprise"

    class Meta:
        verbose_name = _("shuttle")
        verbose_name_plural = _("shuttles")
        constraints = [models.UniqueConstraint(fields=["plate"], name="shuttle_unique_plate")]

    def __str__(self) -> str:
        return f"{self.plate} — {self.route}"


class Trip(TrackedModel):
    """One run of a shuttle, with its manifest (who rode)."""

    shuttle = models.ForeignKey(Shuttle, on_delete=models.CASCADE, related_name="trips")
    date = models.DateField(_("date"))
    departure = models.TimeField(_("departure"), null=True, blank=True)
    riders = models.ManyToManyField("people.Person", related_name="trips", verbose_name=_("riders"))

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "shuttle__enterprise__commune"
    enterprise_field = "shuttle__enterprise"

    class Meta:
        ordering = ["-date", "-departure"]
        verbose_name = _("trip")
        verbose_name_plural = _("trips")

    def __str__(self) -> str:
        return f"{self.shuttle.plate} {self.date:%d/%m/%Y}"


class Permit(TrackedModel):
    """A "2 điểm, 1 đường" travel permit: residence ⇄ workplace only, between two dates. The QR code carries a
    signed token (the permit's id), never personal data."""

    employment = models.ForeignKey(Employment, on_delete=models.PROTECT, related_name="permits")
    residence = models.CharField(_("residence"), max_length=255)
    workplace = models.CharField(_("workplace"), max_length=255)
    route = models.CharField(_("route"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    status = models.CharField(_("status"), max_length=8, choices=PermitStatus.choices, default=PermitStatus.VALID)
    revoked_on = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revocation"), max_length=255, blank=True)

    objects = EnterpriseScopedQuerySet.as_manager()
    scope_unit_field = "employment__enterprise__commune"
    enterprise_field = "employment__enterprise"

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("travel permit")
        verbose_name_plural = _("travel permits")
        constraints = [models.CheckConstraint(condition=Q(valid_to__gte=F("valid_from")), name="permit_dates")]

    def __str__(self) -> str:
        return f"GĐL-{self.pk:06d} — {self.employment.person}"


class PermitScan(models.Model):
    """Every scan at a checkpoint: which permit (if the token was genuine), where, when, and the answer."""

    permit = models.ForeignKey(Permit, null=True, on_delete=models.SET_NULL, related_name="scans")
    checkpoint = models.CharField(_("checkpoint"), max_length=120)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    result = models.CharField(_("result"), max_length=8, choices=ScanResult.choices)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("permit scan")
        verbose_name_plural = _("permit scans")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.checkpoint}: {self.result}"


class AutomaticAction(models.Model):
    """What the system did by itself, and why (a worker became F0/F1, an enterprise was suspended…)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=40)
    target = models.CharField(_("target"), max_length=255)
    enterprise = models.ForeignKey(Enterprise, null=True, on_delete=models.CASCADE, related_name="automatic_actions")
    cause = models.CharField(_("cause"), max_length=255)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("automatic action")
        verbose_name_plural = _("automatic actions")

    def __str__(self) -> str:
        return f"{self.action}: {self.target} ({self.cause})"
