"""Epidemic operations: quarantine facilities and rooms, quarantine orders, admissions, tests and pools, release
certificates, daily follow-up, incident reviews, and the risk watch (community reports, arrivals)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import (
    ActionStatus,
    AreaRisk,
    FollowUpOutcome,
    ListReason,
    OrderKind,
    OrderStatus,
    ReviewStatus,
    RiskLevel,
    SampleKind,
    SampleReason,
    SampleResult,
    Subject,
    WarningSign,
)


class QuarantineFacility(TrackedModel):
    """A centralized quarantine facility (khu cách ly tập trung)."""

    name = models.CharField(_("name"), max_length=200)
    commune = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="facilities"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (persons)"))
    staff = models.TextField(_("staff"), blank=True, help_text=_("Manager, medical staff, security, with phones."))
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "commune"

    class Meta:
        ordering = ["name"]
        verbose_name = _("quarantine facility")
        verbose_name_plural = _("quarantine facilities")

    def __str__(self) -> str:
        return self.name


class Room(TrackedModel):
    facility = models.ForeignKey(
        QuarantineFacility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="rooms"
    )
    code = models.CharField(_("room"), max_length=30)
    capacity = models.PositiveSmallIntegerField(_("capacity (persons)"))
    risk_level = models.CharField(_("risk level"), max_length=8, choices=RiskLevel.choices, default=RiskLevel.LOW)

    scope_unit_field = "facility__commune"

    class Meta:
        ordering = ["facility", "code"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [models.UniqueConstraint(fields=["facility", "code"], name="room_unique_code")]

    def __str__(self) -> str:
        return f"{self.facility} – {self.code}"


class QuarantineOrder(TrackedModel):
    """A quarantine order (quyết định cách ly): its dates come from the rules in force on the start date."""

    number = models.CharField(_("decision number"), max_length=40, blank=True)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="quarantine_orders"
    )
    subject = models.CharField(_("subject"), max_length=8, choices=Subject.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=OrderKind.choices)
    start_date = models.DateField(_("start"))
    planned_end = models.DateField(
        _("planned end"), null=True, blank=True, help_text=_("Last day; empty for an F2 waiting for the F1's result.")
    )
    monitoring_end = models.DateField(_("home monitoring until"), null=True, blank=True)
    test_days = models.JSONField(_("test days"), default=list, blank=True)
    rule_note = models.CharField(_("rules applied"), max_length=600, blank=True)
    facility = models.ForeignKey(
        QuarantineFacility,
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    carer = models.ForeignKey(
        "people.Person",
        verbose_name=_("carer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cared_orders",
    )
    source_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("F1 whose result decides"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dependent_orders",
    )
    cluster = models.CharField(_("exposure cluster"), max_length=100, blank=True)
    exposed_on = models.DateField(_("exposed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.ACTIVE)
    released_on = models.DateField(_("released on"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=400, blank=True)
    extension_note = models.CharField(_("extension"), max_length=400, blank=True)
    warning_sign = models.CharField(
        _("warning sign"), max_length=12, choices=WarningSign.choices, default=WarningSign.NOT_REQUIRED
    )
    warning_sign_on = models.DateField(_("warning sign date"), null=True, blank=True)
    quarantine_start = models.ForeignKey(
        "epidemic.QuarantineStart", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = ("person__residence_unit", "person__managing_unit")

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("quarantine order")
        verbose_name_plural = _("quarantine orders")
        indexes = [
            models.Index(fields=["status", "kind", "start_date"]),
            models.Index(fields=["kind", "monitoring_end"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()} {self.start_date:%d/%m/%Y}"

    @property
    def is_active(self) -> bool:
        return self.status == OrderStatus.ACTIVE


class Admission(TrackedModel):
    """A stay of an order's person in one room of a facility (admitted_on..discharged_on)."""

    order = models.ForeignKey(
        QuarantineOrder, verbose_name=_("quarantine order"), on_delete=models.CASCADE, related_name="admissions"
    )
    room = models.ForeignKey(Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="admissions")
    admitted_on = models.DateField(_("admitted on"))
    discharged_on = models.DateField(_("discharged on"), null=True, blank=True)
    override_reason = models.TextField(_("override reason"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_unit_field = "room__facility__commune"

    class Meta:
        ordering = ["-admitted_on", "pk"]
        verbose_name = _("admission")
        verbose_name_plural = _("admissions")
        constraints = [
            models.CheckConstraint(
                condition=Q(discharged_on__isnull=True) | Q(discharged_on__gte=F("admitted_on")),
                name="admission_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.order.person} @ {self.room.code} ({self.admitted_on:%d/%m/%Y})"


class Pool(TrackedModel):
    """A pooled sample (mẫu gộp) of up to the rule's number of persons."""

    code = models.CharField(_("pool code"), max_length=40, unique=True)
    taken_on = models.DateField(_("sampled on"))
    area = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("area"), on_delete=models.PROTECT, related_name="sample_pools"
    )
    risk_level = models.CharField(_("area risk"), max_length=8, choices=RiskLevel.choices, default=RiskLevel.LOW)
    lab = models.CharField(_("laboratory"), max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=14, choices=SampleResult.choices, default=SampleResult.PENDING)
    result_on = models.DateField(_("result date"), null=True, blank=True)
    ct_value = models.DecimalField(_("Ct value"), max_digits=4, decimal_places=1, null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "area"

    class Meta:
        ordering = ["-taken_on", "code"]
        verbose_name = _("pooled sample")
        verbose_name_plural = _("pooled samples")

    def __str__(self) -> str:
        return f"{self.code} ({self.taken_on:%d/%m/%Y})"


class TestSample(TrackedModel):
    """One person's sample (mẫu xét nghiệm). Not `collected` yet: a scheduled test or a test request."""

    __test__ = False  # not a pytest class

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="test_samples"
    )
    order = models.ForeignKey(
        QuarantineOrder,
        verbose_name=_("quarantine order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="samples",
    )
    pool = models.ForeignKey(
        Pool, verbose_name=_("pooled sample"), null=True, blank=True, on_delete=models.PROTECT, related_name="samples"
    )
    retest_of = models.ForeignKey(
        "self", verbose_name=_("retest of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="retests"
    )
    taken_on = models.DateField(_("sample date"))
    kind = models.CharField(_("test"), max_length=8, choices=SampleKind.choices, default=SampleKind.RT_PCR)
    reason = models.CharField(_("reason"), max_length=10, choices=SampleReason.choices, default=SampleReason.OTHER)
    lab = models.CharField(_("laboratory"), max_length=200, blank=True)
    collected = models.BooleanField(_("collected"), default=True)
    result = models.CharField(_("result"), max_length=14, choices=SampleResult.choices, default=SampleResult.PENDING)
    result_on = models.DateField(_("result date"), null=True, blank=True)
    ct_value = models.DecimalField(_("Ct value"), max_digits=4, decimal_places=1, null=True, blank=True)
    case = models.ForeignKey(
        "epidemic.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = ("person__residence_unit", "person__managing_unit")

    class Meta:
        ordering = ["-taken_on", "pk"]
        verbose_name = _("test sample")
        verbose_name_plural = _("test samples")
        indexes = [models.Index(fields=["taken_on", "collected"]), models.Index(fields=["result", "taken_on"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()} {self.taken_on:%d/%m/%Y}"


class ReleaseCertificate(TrackedModel):
    """The certificate of completed quarantine (giấy xác nhận hoàn thành cách ly)."""

    order = models.OneToOneField(
        QuarantineOrder, verbose_name=_("quarantine order"), on_delete=models.PROTECT, related_name="certificate"
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    signer = models.CharField(_("signer"), max_length=150, blank=True)

    scope_unit_field = ("order__person__residence_unit", "order__person__managing_unit")

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("release certificate")
        verbose_name_plural = _("release certificates")

    def __str__(self) -> str:
        return self.number


class IncidentReview(TrackedModel):
    """An F0 found inside a facility: the review (kiểm điểm) and the room contacts recorded for tracing."""

    facility = models.ForeignKey(
        QuarantineFacility, verbose_name=_("facility"), on_delete=models.PROTECT, related_name="incident_reviews"
    )
    room = models.ForeignKey(Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.SET_NULL)
    person = models.ForeignKey("people.Person", verbose_name=_("person (F0)"), on_delete=models.PROTECT)
    case = models.ForeignKey(
        "epidemic.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_on = models.DateField(_("opened on"))
    room_contacts = models.PositiveIntegerField(_("room contacts recorded"), default=0)
    findings = models.TextField(_("findings"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)

    scope_unit_field = "facility__commune"

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("incident review")
        verbose_name_plural = _("incident reviews")

    def __str__(self) -> str:
        return f"{self.facility} — {self.person} ({self.opened_on:%d/%m/%Y})"


class FollowUp(TrackedModel):
    """One day's health check (theo dõi sức khỏe) of a person at home."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="followups"
    )
    day = models.DateField(_("day"))
    order = models.ForeignKey(
        QuarantineOrder,
        verbose_name=_("quarantine order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
    )
    reason = models.CharField(_("why followed"), max_length=16, choices=ListReason.choices, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=FollowUpOutcome.choices)
    symptoms = models.JSONField(_("symptoms"), default=list, blank=True)
    temperature = models.DecimalField(_("temperature (°C)"), max_digits=3, decimal_places=1, null=True, blank=True)
    note = models.CharField(_("note"), max_length=400, blank=True)
    test_sample = models.ForeignKey(
        TestSample, verbose_name=_("test requested"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    scope_unit_field = ("person__residence_unit", "person__managing_unit")

    class Meta:
        ordering = ["-day", "pk"]
        verbose_name = _("health follow-up")
        verbose_name_plural = _("health follow-ups")
        constraints = [models.UniqueConstraint(fields=["person", "day"], name="followup_once_a_day")]
        indexes = [models.Index(fields=["day", "person"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.day:%d/%m/%Y}: {self.get_outcome_display()}"


class ViolationNote(TrackedModel):
    """A breach of quarantine written up (biên bản vi phạm) for the commune to act on."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    followup = models.ForeignKey(
        FollowUp, verbose_name=_("health follow-up"), null=True, blank=True, on_delete=models.SET_NULL
    )
    order = models.ForeignKey(
        QuarantineOrder, verbose_name=_("quarantine order"), null=True, blank=True, on_delete=models.SET_NULL
    )
    day = models.DateField(_("day"))
    description = models.TextField(_("what happened"))
    action_taken = models.CharField(_("action taken"), max_length=400, blank=True)

    scope_unit_field = ("person__residence_unit", "person__managing_unit")

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("violation note")
        verbose_name_plural = _("violation notes")

    def __str__(self) -> str:
        return f"{self.person} — {self.day:%d/%m/%Y}"


class CommunityReport(TrackedModel):
    """A report from the community (neighbours, the community Covid team) of someone with symptoms."""

    unit = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("village or commune"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(_("who and where"), max_length=255, blank=True)
    reporter_name = models.CharField(_("reported by"), max_length=150, blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=15, blank=True)
    reported_on = models.DateField(_("reported on"))
    symptoms = models.JSONField(_("symptoms"), default=list)
    required_action = models.CharField(_("required action"), max_length=600, blank=True)
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True)
    test_sample = models.ForeignKey(
        TestSample, verbose_name=_("test requested"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.PENDING)
    outcome_note = models.CharField(_("outcome"), max_length=400, blank=True)

    scope_unit_field = "unit"

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("community report")
        verbose_name_plural = _("community reports")

    def __str__(self) -> str:
        return f"{self.person or self.description or self.unit} ({self.reported_on:%d/%m/%Y})"


class OriginArea(TrackedModel):
    """An epidemic area people arrive from, with its risk level over a period (reference data)."""

    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        "geography.AdminUnit",
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    risk_level = models.CharField(_("risk level"), max_length=10, choices=AreaRisk.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=400, blank=True)

    scope_unit_field = None  # reference data: every permitted user reads it

    class Meta:
        ordering = ["-valid_from", "name"]
        verbose_name = _("epidemic area")
        verbose_name_plural = _("epidemic areas")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name="originarea_dates"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_risk_level_display()})"


class Arrival(TrackedModel):
    """A person arriving from an epidemic area, with the action the rules require and what was done."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="arrivals"
    )
    origin_area = models.ForeignKey(
        OriginArea, verbose_name=_("coming from"), on_delete=models.PROTECT, related_name="arrivals"
    )
    left_area_on = models.DateField(_("left the area on"), null=True, blank=True)
    arrived_on = models.DateField(_("arrived on"))
    required_kind = models.CharField(_("required quarantine"), max_length=16, choices=OrderKind.choices, blank=True)
    test_required = models.BooleanField(_("test required"), default=False)
    required_action = models.CharField(_("required action"), max_length=600, blank=True)
    order = models.ForeignKey(
        QuarantineOrder, verbose_name=_("quarantine order"), null=True, blank=True, on_delete=models.SET_NULL
    )
    test_sample = models.ForeignKey(
        TestSample, verbose_name=_("test requested"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.PENDING)

    scope_unit_field = ("person__residence_unit", "person__managing_unit")

    class Meta:
        ordering = ["-arrived_on", "-pk"]
        verbose_name = _("arrival")
        verbose_name_plural = _("arrivals")

    def __str__(self) -> str:
        return f"{self.person} ← {self.origin_area.name} ({self.arrived_on:%d/%m/%Y})"
