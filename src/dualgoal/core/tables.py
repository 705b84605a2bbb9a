import json

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import AccessLog, Rule


class ObjectColumn(tables.Column):
    """The object itself, linked to its detail page: the first column of every generated table."""

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("orderable", False)
        super().__init__(linkify=lambda record: record.get_absolute_url(), **kwargs)

    def render(self, record):
        return str(record)


def auto_table(model, fields: tuple[str, ...] = ()) -> type[tables.Table]:
    """A table for `model`: the linked object, then `fields` (or every concrete field)."""
    names = fields or tuple(
        f.name for f in model._meta.concrete_fields if f.editable and f.name not in {"id"} and not f.is_relation
    )
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": names,
            "sequence": ("object", *names),
            "attrs": {"class": "table table-sm table-hover align-middle"},
        },
    )
    return type(
        f"{model.__name__}AutoTable",
        (tables.Table,),
        {"object": ObjectColumn(verbose_name=model._meta.verbose_name), "Meta": meta},
    )


class RuleTable(tables.Table):
    key = tables.Column(linkify=True)
    value = tables.Column(verbose_name=_("value"), orderable=False)

    def render_value(self, value):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 60 else text[:59] + "…"

    class Meta:
        model = Rule
        fields = ["key", "value", "valid_from", "valid_to", "source", "confidence"]
        attrs = {"class": "table table-sm table-hover align-middle"}


class AccessLogTable(tables.Table):
    class Meta:
        model = AccessLog
        fields = ["at", "user", "action", "object_type", "object_id", "detail", "ip_address"]
        attrs = {"class": "table table-sm"}
