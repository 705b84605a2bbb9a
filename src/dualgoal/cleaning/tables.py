from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from dualgoal.core.clock import today

from .models import CleaningPlan, WasteCollection


class PlanTable(tables.Table):
    target = tables.Column(
        verbose_name=_("Target"), accessor="pk", orderable=False, linkify=lambda record: record.get_absolute_url()
    )
    scheduled_on = tables.DateColumn(verbose_name=_("Scheduled for"), format="d/m/Y")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = CleaningPlan
        fields = ["target", "target_kind", "commune", "method", "in_charge", "scheduled_on", "status", "done_on"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "plan-table"}

    def render_target(self, record):
        return record.target_name

    def render_status(self, record):
        if record.is_overdue(today()):
            return format_html('<span class="badge text-bg-danger">{}</span>', _("overdue"))
        return record.get_status_display()


class WasteTable(tables.Table):
    collected_on = tables.DateColumn(
        verbose_name=_("Collected on"), format="d/m/Y", linkify=lambda record: record.get_absolute_url()
    )
    source = tables.Column(verbose_name=_("Collected from"), accessor="pk", orderable=False)
    weight_kg = tables.Column(verbose_name=_("Weight (kg)"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = WasteCollection
        fields = [
            "collected_on",
            "source",
            "commune",
            "weight_kg",
            "bags",
            "collector",
            "destination",
            "manifest_number",
        ]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "waste-table"}

    def render_source(self, record):
        return record.source_name
