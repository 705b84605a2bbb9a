from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation, OrganisationAlias, OrganisationGroup


class AliasInline(admin.TabularInline):
    model = OrganisationAlias
    fk_name = "organisation"
    fields = ["text", "context_unit"]
    raw_id_fields = ["context_unit"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "admin_unit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    raw_id_fields = ["admin_unit", "parent"]
    inlines = [AliasInline]


@admin.register(OrganisationGroup)
class OrganisationGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "admin_unit"]
    filter_horizontal = ["members"]
    raw_id_fields = ["admin_unit"]


@admin.register(OrganisationAlias)
class OrganisationAliasAdmin(SimpleHistoryAdmin):
    list_display = ["text", "organisation", "group", "context_unit"]
    search_fields = ["text", "key"]
    raw_id_fields = ["context_unit", "organisation", "group"]
