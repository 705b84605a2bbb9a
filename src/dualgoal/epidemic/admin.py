from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, Case, Contact, GroupExposure, LevelChange, QuarantineStart, TraceState


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["code", "person", "sample_date", "onset_date", "source", "outcome", "is_demo"]
    list_filter = ["source", "outcome", "test_kind", "is_demo"]
    search_fields = ["code", "person__name_folded", "person__id_number"]
    raw_id_fields = ["person"]
    date_hierarchy = "sample_date"


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "date", "setting", "is_demo"]
    list_filter = ["setting", "is_demo"]
    raw_id_fields = ["person_a", "person_b"]
    date_hierarchy = "date"


class AttendanceInline(admin.TabularInline):
    model = Attendance
    raw_id_fields = ["person"]
    extra = 0


@admin.register(GroupExposure)
class GroupExposureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "setting", "admin_unit", "date_from", "date_to", "is_demo"]
    list_filter = ["setting", "is_demo"]
    raw_id_fields = ["admin_unit"]
    inlines = [AttendanceInline]


@admin.register(QuarantineStart)
class QuarantineStartAdmin(SimpleHistoryAdmin):
    list_display = ["person", "kind", "start_date"]
    list_filter = ["kind"]
    raw_id_fields = ["person"]


@admin.register(TraceState)
class TraceStateAdmin(admin.ModelAdmin):
    """Derived data: read only (the services and `dualgoal trace` write it)."""

    list_display = ["person", "level", "exposed_on", "computed_at"]
    list_filter = ["level"]
    raw_id_fields = ["person"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LevelChange)
class LevelChangeAdmin(TraceStateAdmin):
    list_display = ["person", "old_level", "new_level", "cause", "at"]
    list_filter = ["new_level"]
