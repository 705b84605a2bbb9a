from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Admission,
    Arrival,
    CommunityReport,
    FollowUp,
    IncidentReview,
    OriginArea,
    Pool,
    QuarantineFacility,
    QuarantineOrder,
    ReleaseCertificate,
    Room,
    TestSample,
    ViolationNote,
)


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(QuarantineFacility)
class FacilityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "commune", "capacity", "is_demo"]
    raw_id_fields = ["commune"]
    inlines = [RoomInline]


@admin.register(QuarantineOrder)
class OrderAdmin(SimpleHistoryAdmin):
    list_display = ["person", "subject", "kind", "start_date", "planned_end", "status"]
    list_filter = ["subject", "kind", "status", "is_demo"]
    raw_id_fields = ["person", "carer", "source_person", "facility", "quarantine_start"]
    date_hierarchy = "start_date"


@admin.register(TestSample)
class SampleAdmin(SimpleHistoryAdmin):
    list_display = ["person", "taken_on", "kind", "reason", "collected", "result"]
    list_filter = ["kind", "reason", "result", "collected"]
    raw_id_fields = ["person", "order", "pool", "retest_of", "case"]


@admin.register(Pool)
class PoolAdmin(SimpleHistoryAdmin):
    list_display = ["code", "taken_on", "area", "risk_level", "result"]
    raw_id_fields = ["area"]


for model in (Room, Admission, ReleaseCertificate, IncidentReview, FollowUp, ViolationNote, CommunityReport, Arrival):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(OriginArea)
class OriginAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "risk_level", "valid_from", "valid_to"]
    raw_id_fields = ["unit"]
