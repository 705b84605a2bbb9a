import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from dualgoal.core.access import mask_id_number

from .models import Household, Person


def unit_label(unit) -> str:
    if unit is None:
        return ""
    return f"{unit.name}, {unit.parent.name}" if unit.parent_id else unit.name


class PersonTable(tables.Table):
    """Citizen IDs are masked unless the user holds people.view_id_number (DOMAIN.md: mask IDs in lists)."""

    full_name = tables.Column(linkify=True)
    birth = tables.Column(verbose_name=_("Born"), accessor="birth_year", empty_values=())
    residence_unit = tables.Column(verbose_name=_("Residence"))

    def __init__(self, *args, show_id_number: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_id_number = show_id_number

    def render_birth(self, record):
        if record.birth_date:
            return f"{record.birth_date:%d/%m/%Y}"
        return record.birth_year or "—"

    def render_id_number(self, value):
        return value if self.show_id_number else mask_id_number(value)

    def render_residence_unit(self, value, record):
        label = unit_label(value)
        return f"{label} — {record.address}" if record.address else label

    class Meta:
        model = Person
        fields = ["full_name", "birth", "sex", "id_number", "phone", "residence_unit"]
        orderable = False  # results come in search order; sorting millions on a click is not offered
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "person-table"}


class HouseholdTable(tables.Table):
    code = tables.Column(linkify=True)
    village = tables.Column()
    members = tables.Column(verbose_name=_("Members"), accessor="members_count", orderable=False)

    def render_village(self, value):
        return unit_label(value)

    class Meta:
        model = Household
        fields = ["code", "village", "address", "members"]
        orderable = False
        attrs = {"class": "table table-sm table-hover align-middle"}
