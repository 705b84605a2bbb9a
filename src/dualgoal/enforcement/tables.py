from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Violation
from .services import vnd


class ViolationTable(tables.Table):
    act_date = tables.DateColumn(
        verbose_name=_("Date of the act"), linkify=lambda record: record.get_absolute_url(), format="d/m/Y"
    )
    offender = tables.Column(verbose_name=_("Offender"), accessor="pk", orderable=False)
    act_label = tables.Column(verbose_name=_("Act"))
    fine_amount = tables.Column(verbose_name=_("Fine"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = Violation
        fields = ["act_date", "offender", "commune", "act_label", "decision_number", "fine_amount", "status"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "violation-table"}

    def render_offender(self, record):
        return str(record.offender)

    def render_fine_amount(self, value):
        return vnd(value)
