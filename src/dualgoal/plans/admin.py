from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assignment, Plan, ProgressReport, Section, SubPlan, Task


class AssignmentInline(admin.TabularInline):
    model = Assignment
    raw_id_fields = ["organisation"]
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "admin_unit", "issued_on", "status"]
    raw_id_fields = ["admin_unit", "issuer", "coordinator"]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "deadline", "recurrence"]
    list_filter = ["recurrence"]
    raw_id_fields = ["plan", "section"]
    inlines = [AssignmentInline]


admin.site.register([Section, SubPlan, ProgressReport], SimpleHistoryAdmin)
