from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import (
    BoardingHouse,
    Decision,
    Employment,
    Enterprise,
    IndustrialPark,
    Inspection,
    LabourConfirmation,
    Lease,
    Permit,
    PermitScan,
    Shuttle,
    Trip,
)

ATTRS = {"class": "table table-sm table-hover align-middle"}
STATUS_BADGES = {
    "operating": "text-bg-success",
    "reopened": "text-bg-primary",
    "suspended": "text-bg-warning",
    "closed": "text-bg-secondary",
    "valid": "text-bg-success",
    "revoked": "text-bg-danger",
    "expired": "text-bg-secondary",
    "not_yet": "text-bg-warning",
    "unknown": "text-bg-dark",
    "missing": "text-bg-light border",
    "submitted": "text-bg-info",
    "approved": "text-bg-success",
    "rejected": "text-bg-danger",
    "pass": "text-bg-success",
    "fix": "text-bg-warning",
    "suspend": "text-bg-danger",
}


def badge(value: str, label) -> str:
    return format_html('<span class="badge {}">{}</span>', STATUS_BADGES.get(value, "text-bg-light border"), label)


def linked(**kwargs):
    return tables.Column(linkify=lambda record: record.get_absolute_url(), **kwargs)


class EnterpriseTable(tables.Table):
    name = linked(verbose_name=_("Enterprise"))
    status = tables.Column(verbose_name=_("Status"))
    flagged = tables.BooleanColumn(verbose_name=_("Flagged"), yesno="⚠,")

    class Meta:
        model = Enterprise
        fields = ["name", "tax_code", "park", "commune", "sector", "workforce", "status", "flagged"]
        attrs = {**ATTRS, "data-testid": "enterprise-table"}

    def render_status(self, record):
        return badge(record.status, record.get_status_display())


class IndustrialParkTable(tables.Table):
    name = linked(verbose_name=_("Name"))
    enterprises = tables.Column(verbose_name=_("Enterprises"), accessor="enterprise_count", orderable=False)

    class Meta:
        model = IndustrialPark
        fields = ["name", "kind", "commune", "enterprises"]
        attrs = ATTRS


class EmploymentTable(tables.Table):
    person = linked(verbose_name=_("Worker"), order_by=("person__name_folded",))
    birth_year = tables.Column(verbose_name=_("Born"), accessor="person__birth_year", orderable=False)
    commitment_signed_on = tables.DateColumn(verbose_name=_("Commitment"))
    confirmation = tables.Column(verbose_name=_("Confirmed (list)"))
    permit = tables.Column(verbose_name=_("Permit"), accessor="has_permit", orderable=False, empty_values=())

    class Meta:
        model = Employment
        fields = ["person", "birth_year", "enterprise", "department", "commitment_signed_on", "confirmation", "permit"]
        attrs = {**ATTRS, "data-testid": "employment-table"}

    def render_permit(self, record):
        if getattr(record, "has_permit", False):
            return badge("valid", _("valid"))
        if getattr(record, "permit_revoked", False):
            return badge("revoked", _("revoked"))
        return "—"


class PermitTable(tables.Table):
    number = linked(verbose_name=_("Permit"), accessor="pk", order_by=("pk",))
    worker = tables.Column(
        verbose_name=_("Worker"),
        accessor="employment__person__full_name",
        order_by=("employment__person__name_folded",),
    )
    enterprise = tables.Column(verbose_name=_("Enterprise"), accessor="employment__enterprise")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Permit
        fields = ["number", "worker", "enterprise", "valid_from", "valid_to", "status", "revoke_reason"]
        attrs = {**ATTRS, "data-testid": "permit-table"}

    def render_number(self, value):
        return f"GĐL-{value:06d}"

    def render_status(self, record):
        return badge(record.status, record.get_status_display())


class InspectionTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("Date"), linkify=lambda record: record.get_absolute_url())
    decision = tables.Column(verbose_name=_("Decision"))

    class Meta:
        model = Inspection
        fields = ["date", "enterprise", "team", "decision", "fix_by"]
        attrs = ATTRS

    def render_decision(self, record):
        return badge(record.decision, record.get_decision_display())


class DecisionTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("Date"), linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = Decision
        fields = ["date", "kind", "number", "enterprise", "reason", "automatic"]
        attrs = ATTRS


class LabourConfirmationTable(tables.Table):
    number = linked(verbose_name=_("List number"))
    workers = tables.Column(verbose_name=_("Workers"), accessor="worker_count", orderable=False)

    class Meta:
        model = LabourConfirmation
        fields = ["number", "date", "enterprise", "confirmed_by", "workers"]
        attrs = ATTRS


class BoardingHouseTable(tables.Table):
    name = linked(verbose_name=_("Boarding house"))
    flagged = tables.BooleanColumn(verbose_name=_("Flagged"), yesno="⚠,")

    class Meta:
        model = BoardingHouse
        fields = ["name", "owner_name", "address", "village", "rooms", "flagged"]
        attrs = ATTRS


class LeaseTable(tables.Table):
    boarding_house = linked(verbose_name=_("Boarding house"))

    class Meta:
        model = Lease
        fields = ["boarding_house", "enterprise", "rooms", "start", "end"]
        attrs = ATTRS


class ShuttleTable(tables.Table):
    plate = linked(verbose_name=_("Licence plate"))
    trips = tables.Column(verbose_name=_("Trips"), accessor="trip_count", orderable=False)

    class Meta:
        model = Shuttle
        fields = ["plate", "enterprise", "route", "seats", "driver", "trips"]
        attrs = ATTRS


class TripTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("Date"), linkify=lambda record: record.get_absolute_url())
    shuttle = tables.Column(verbose_name=_("Shuttle"))
    riders = tables.Column(verbose_name=_("Riders"), accessor="rider_count", orderable=False)

    class Meta:
        model = Trip
        fields = ["date", "departure", "shuttle", "riders"]
        attrs = ATTRS

    def render_shuttle(self, value):
        return value.plate


class PermitScanTable(tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("At"))
    permit = tables.Column(verbose_name=_("Permit"), linkify=lambda record: record.permit.get_absolute_url())
    result = tables.Column(verbose_name=_("Result"))

    class Meta:
        model = PermitScan
        fields = ["at", "checkpoint", "officer", "permit", "result", "reason"]
        attrs = {**ATTRS, "data-testid": "scan-table"}

    def render_permit(self, value):
        return f"GĐL-{value.pk:06d}"

    def render_result(self, record):
        return badge(record.result, record.get_result_display())
