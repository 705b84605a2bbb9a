from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import CommuneLevel, Venue


class CommuneLevelTable(tables.Table):
    commune = tables.Column(verbose_name=_("Commune"), order_by=("commune__code",))
    week_start = tables.DateColumn(
        verbose_name=_("Week starting"), linkify=lambda record: record.get_absolute_url(), format="d/m/Y"
    )
    level = tables.Column(verbose_name=_("Level"))

    class Meta:
        model = CommuneLevel
        fields = ["week_start", "commune", "level", "new_cases", "population", "cases_per_100k", "share_one"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "level-table"}

    def render_level(self, record):
        background, foreground = record.colours
        return format_html(
            '<span class="badge" style="background:{};color:{}">{}</span>',
            background,
            foreground,
            record.label or record.level,
        )


class VenueTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = Venue
        fields = ["name", "kind", "commune", "organisation", "normal_capacity", "opens_on"]
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "venue-table"}
