import django_tables2 as tables

from .models import Organisation


class OrganisationTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "admin_unit", "is_active"]
        attrs = {"class": "table table-sm table-hover align-middle"}
