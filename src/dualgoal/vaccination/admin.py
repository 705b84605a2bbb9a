from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Dose, PriorityAssignment, Session


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "date", "product", "lot_number", "capacity", "status"]
    list_filter = ["product", "status"]
    search_fields = ["name", "place", "lot_number"]


@admin.register(Dose)
class DoseAdmin(SimpleHistoryAdmin):
    list_display = ["person", "dose_number", "given_on", "product", "session"]
    list_filter = ["product", "dose_number"]
    raw_id_fields = ["person", "session"]


@admin.register(PriorityAssignment)
class PriorityAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "group_code", "basis", "assigned_on", "is_current"]
    list_filter = ["group_code", "is_current"]
    raw_id_fields = ["person"]
