from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import QuarantineOrder, TestSample


class OrderTable(tables.Table):
    person = tables.Column(
        verbose_name=_("Person"), linkify=lambda record: record.get_absolute_url(), order_by=("person__name_folded",)
    )
    commune = tables.Column(verbose_name=_("Commune"), accessor="person__residence_unit", orderable=False)

    class Meta:
        model = QuarantineOrder
        fields = ["person", "commune", "subject", "kind", "start_date", "planned_end", "facility", "status"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "order-table"}

    def render_commune(self, value):
        commune = value.parent if value.level == 4 and value.parent_id else value
        return str(commune)


class SampleTable(tables.Table):
    taken_on = tables.DateColumn(verbose_name=_("Sample date"), linkify=lambda record: record.get_absolute_url())
    person = tables.Column(verbose_name=_("Person"), order_by=("person__name_folded",))

    class Meta:
        model = TestSample
        fields = ["taken_on", "person", "kind", "reason", "collected", "pool", "result", "result_on"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "sample-table"}
