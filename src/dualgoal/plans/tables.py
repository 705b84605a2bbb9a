import django_tables2 as tables

from .models import Plan


class PlanTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = Plan
        fields = ["number", "title", "admin_unit", "issued_on", "coordinator", "status"]
        attrs = {"class": "table table-sm table-hover align-middle"}
