from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CommuneLevel, Venue


@admin.register(CommuneLevel)
class CommuneLevelAdmin(SimpleHistoryAdmin):
    list_display = ("commune", "week_start", "level", "new_cases", "population", "cases_per_100k", "share_one")
    list_filter = ("level", "week_start")
    readonly_fields = ("computed_at", "computed_by")


@admin.register(Venue)
class VenueAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "commune", "organisation", "normal_capacity", "opens_on")
    list_filter = ("kind",)
    search_fields = ("name",)
