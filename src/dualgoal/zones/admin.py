from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Checkpoint, Passage, Shift, ShiftStaff, Zone, ZoneExtension


class ExtensionInline(admin.TabularInline):
    model = ZoneExtension
    extra = 0


@admin.register(Zone)
class ZoneAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "directive", "decision_number", "start_date", "planned_end", "lifted_on")
    list_filter = ("kind", "directive", "is_demo")
    search_fields = ("name", "decision_number")
    filter_horizontal = ("units",)
    inlines = [ExtensionInline]


class StaffInline(admin.TabularInline):
    model = ShiftStaff
    extra = 0


@admin.register(Checkpoint)
class CheckpointAdmin(SimpleHistoryAdmin):
    list_display = ("name", "unit", "zone", "active")
    list_filter = ("active",)


@admin.register(Shift)
class ShiftAdmin(SimpleHistoryAdmin):
    list_display = ("checkpoint", "date", "start_time", "end_time")
    inlines = [StaffInline]


@admin.register(Passage)
class PassageAdmin(SimpleHistoryAdmin):
    list_display = ("at", "checkpoint", "direction", "name", "plate", "scan_result", "outcome")
    list_filter = ("direction", "outcome", "scan_result")
    raw_id_fields = ("person", "permit_scan", "arrival", "shift")


admin.site.register(ZoneExtension, SimpleHistoryAdmin)
admin.site.register(ShiftStaff, SimpleHistoryAdmin)
