import django_tables2 as tables

from .models import AdminUnit


class AdminUnitTable(tables.Table):
    name = tables.Column(linkify=True)
    parent = tables.Column(linkify=True)

    class Meta:
        model = AdminUnit
        fields = ["code", "name", "kind", "parent", "valid_from", "valid_to", "is_demo"]
        attrs = {"class": "table table-sm table-hover align-middle"}
