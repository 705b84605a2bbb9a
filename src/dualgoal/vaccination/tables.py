from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Dose, PriorityAssignment, Session
from .rulebook import group_label, product_label

ATTRS = {"class": "table table-sm table-hover align-middle"}


class SessionTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=lambda record: record.get_absolute_url())
    product = tables.Column(verbose_name=_("Vaccine"))
    given = tables.Column(verbose_name=_("Doses given"), orderable=False, empty_values=())

    class Meta:
        model = Session
        fields = ["date", "name", "unit", "place", "product", "lot_number", "capacity", "given", "status"]
        attrs = {**ATTRS, "data-testid": "session-table"}

    def render_product(self, value):
        return product_label(value)

    def render_given(self, record):
        return getattr(record, "given", "")


class DoseTable(tables.Table):
    person = tables.Column(
        verbose_name=_("Person"), linkify=lambda record: record.get_absolute_url(), order_by=("person__name_folded",)
    )
    product = tables.Column(verbose_name=_("Vaccine"))

    class Meta:
        model = Dose
        fields = ["person", "dose_number", "given_on", "product", "lot_number", "session", "place", "completes_series"]
        attrs = {**ATTRS, "data-testid": "dose-table"}

    def render_product(self, value):
        return product_label(value)


class AssignmentTable(tables.Table):
    person = tables.Column(
        verbose_name=_("Person"), linkify=lambda record: record.get_absolute_url(), order_by=("person__name_folded",)
    )
    group_code = tables.Column(verbose_name=_("Priority group"))

    class Meta:
        model = PriorityAssignment
        fields = ["person", "group_code", "basis", "basis_detail", "organisation", "assigned_on", "is_current"]
        attrs = {**ATTRS, "data-testid": "assignment-table"}

    def render_group_code(self, value):
        return group_label(value)
