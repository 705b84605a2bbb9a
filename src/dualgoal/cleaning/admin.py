from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CleaningPlan, WasteCollection


@admin.register(CleaningPlan)
class CleaningPlanAdmin(SimpleHistoryAdmin):
    list_display = ("scheduled_on", "target_kind", "place_name", "commune", "method", "status", "done_on")
    list_filter = ("status", "target_kind", "method")
    raw_id_fields = ("zone", "boarding_house", "case", "created_by")


@admin.register(WasteCollection)
class WasteCollectionAdmin(SimpleHistoryAdmin):
    list_display = ("collected_on", "source_kind", "facility", "place", "commune", "weight_kg", "manifest_number")
    list_filter = ("source_kind",)
    raw_id_fields = ("facility",)
