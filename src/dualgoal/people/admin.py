from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Household, Person


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    """Superusers only. The search box is the registry's search (people.selectors.person_search): a name without
    diacritics, a citizen ID or a phone number — indexed lookups, at most 500 results."""

    list_display = ["full_name", "birth_year", "sex", "residence_unit", "is_demo"]
    list_filter = ["is_demo", "sex"]
    search_fields = ["name_folded"]  # shows the box; get_search_results does the work
    raw_id_fields = ["residence_unit", "household"]
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        from .selectors import COUNT_CAP, person_search

        if not search_term.strip():
            return queryset, False
        found = person_search(search_term, request.user).values_list("pk", flat=True)[:COUNT_CAP]
        return queryset.filter(pk__in=list(found)), False


@admin.register(Household)
class HouseholdAdmin(SimpleHistoryAdmin):
    list_display = ["code", "village", "address"]
    search_fields = ["=code"]
    raw_id_fields = ["village"]
    show_full_result_count = False
