from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dualgoal.core.access import mask_id_number

from .models import Case, Contact


class CaseTable(tables.Table):
    code = tables.Column(verbose_name=_("Case code"), linkify=True)
    person = tables.Column(
        verbose_name=_("Person"),
        linkify=lambda record: reverse("epidemic:why", args=[record.person_id]),
        order_by=("person__name_folded",),
    )
    id_number = tables.Column(verbose_name=_("Citizen ID"), accessor="person__id_number", orderable=False)
    commune = tables.Column(verbose_name=_("Commune"), accessor="person__residence_unit", orderable=False)

    class Meta:
        model = Case
        fields = ["code", "person", "id_number", "commune", "sample_date", "onset_date", "source", "outcome"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "case-table"}

    def __init__(self, *args, show_id: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_id = show_id

    def render_id_number(self, value):
        return value if self.show_id else mask_id_number(value)

    def render_commune(self, value):
        commune = value.parent if value.level == 4 and value.parent_id else value
        return str(commune)


class ContactTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("Date"), linkify=lambda record: record.get_absolute_url())
    person_a = tables.Column(verbose_name=_("Person"), order_by=("person_a__name_folded",))
    person_b = tables.Column(verbose_name=_("Contact"), order_by=("person_b__name_folded",))

    class Meta:
        model = Contact
        fields = ["date", "person_a", "person_b", "setting"]
        attrs = {"class": "table table-sm table-hover align-middle"}
