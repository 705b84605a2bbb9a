from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AdminUnit


@admin.register(AdminUnit)
class AdminUnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "level", "parent", "valid_from", "valid_to", "is_demo"]
    list_filter = ["level", "is_demo"]
    search_fields = ["code", "name", "name_folded"]
    raw_id_fields = ["parent"]
