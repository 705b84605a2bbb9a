from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AutomaticAction,
    BoardingHouse,
    Condition,
    Decision,
    Employment,
    Enterprise,
    IndustrialPark,
    Inspection,
    LabourConfirmation,
    Lease,
    Permit,
    PermitScan,
    Shuttle,
    Trip,
    WorkerImport,
)


class ConditionInline(admin.TabularInline):
    model = Condition
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "tax_code", "park", "commune", "status", "workforce", "flagged"]
    list_filter = ["status", "flagged", "park"]
    search_fields = ["name", "tax_code"]
    raw_id_fields = ["organisation", "commune"]
    inlines = [ConditionInline]


@admin.register(Employment)
class EmploymentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "enterprise", "commitment_signed_on", "confirmation", "active"]
    list_filter = ["active"]
    raw_id_fields = ["person", "enterprise", "confirmation"]


@admin.register(Permit)
class PermitAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "valid_from", "valid_to", "status"]
    list_filter = ["status"]
    raw_id_fields = ["employment"]


@admin.register(Trip)
class TripAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "date", "departure"]
    raw_id_fields = ["shuttle", "riders"]


@admin.register(PermitScan)
class PermitScanAdmin(admin.ModelAdmin):
    list_display = ["at", "checkpoint", "officer", "permit", "result"]
    list_filter = ["result"]
    raw_id_fields = ["permit", "officer"]


@admin.register(AutomaticAction)
class AutomaticActionAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "target", "enterprise", "cause"]
    list_filter = ["action"]
    raw_id_fields = ["enterprise"]


admin.site.register(
    [IndustrialPark, Condition, Inspection, Decision, LabourConfirmation, WorkerImport, BoardingHouse, Lease, Shuttle],
    SimpleHistoryAdmin,
)
