from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Violation


@admin.register(Violation)
class ViolationAdmin(SimpleHistoryAdmin):
    list_display = ("act_date", "offender_kind", "commune", "act_code", "decision_number", "fine_amount", "status")
    list_filter = ("status", "offender_kind", "act_code")
    raw_id_fields = ("person", "enterprise", "violation_note", "recorded_by")
    search_fields = ("decision_number", "person__full_name", "enterprise__name")
