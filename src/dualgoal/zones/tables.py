from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from dualgoal.core.access import mask_id_number
from dualgoal.core.clock import today

from .models import Passage, Zone

STATUS_CLASS = {
    "planned": "text-bg-info",
    "in_force": "text-bg-danger",
    "extended": "text-bg-warning",
    "lifted": "text-bg-success",
    "expired": "text-bg-secondary",
}


class ZoneTable(tables.Table):
    name = tables.Column(verbose_name=_("Zone"), linkify=lambda record: record.get_absolute_url())
    area = tables.Column(verbose_name=_("Area"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=_("Status"), empty_values=(), orderable=False)
    current_end = tables.DateColumn(verbose_name=_("End in force"), format="d/m/Y", orderable=False)

    class Meta:
        model = Zone
        fields = ["name", "kind", "directive", "area", "decision_number", "start_date", "current_end", "status"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "zone-table"}

    def render_area(self, record):
        names = [u.name for u in record.units.all()]
        return ", ".join(names[:5]) + ("…" if len(names) > 5 else "")

    def render_status(self, record):
        status = record.status_on(today())
        return format_html(
            '<span class="badge {}" data-status="{}">{}</span>',
            STATUS_CLASS.get(status, ""),
            status,
            record.status_label(today()),
        )


SCAN_CLASS = {"valid": "text-bg-success", "revoked": "text-bg-danger", "unknown": "text-bg-danger"}


class PassageTable(tables.Table):
    at = tables.DateTimeColumn(
        verbose_name=_("Time"), format="d/m/Y H:i", linkify=lambda record: record.get_absolute_url()
    )
    subject = tables.Column(verbose_name=_("Who / vehicle"), empty_values=(), orderable=False)
    scan_result = tables.Column(verbose_name=_("Permit check"))
    shift = tables.Column(verbose_name=_("Shift"), empty_values=(), orderable=False)

    class Meta:
        model = Passage
        fields = ["at", "checkpoint", "shift", "direction", "subject", "origin", "scan_result", "outcome", "reason"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "passage-table"}

    def render_subject(self, record):
        parts = [record.name or (record.person.full_name if record.person_id else "")]
        if record.id_number:
            parts.append(mask_id_number(record.id_number))
        if record.plate:
            parts.append(record.plate)
        return " · ".join(p for p in parts if p)

    def render_scan_result(self, record, value):
        return format_html(
            '<span class="badge {}">{}</span>', SCAN_CLASS.get(value, "text-bg-secondary"), record.scan_result_label
        )

    def render_shift(self, record):
        if record.shift_id is None:
            return format_html('<span class="badge text-bg-light border">{}</span>', _("off shift"))
        return f"{record.shift.start_time:%H:%M}–{record.shift.end_time:%H:%M}"
