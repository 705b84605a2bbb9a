import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.text import fold

from .models import AdminUnit


class AdminUnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    valid_on = django_filters.DateFilter(label=_("In force on"), method="filter_valid_on")

    class Meta:
        model = AdminUnit
        fields = ["q", "level", "parent", "is_demo", "valid_on"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name_folded__contains=fold(value)) | Q(code=value.strip()))

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)
