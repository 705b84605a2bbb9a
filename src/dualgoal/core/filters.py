import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Rule


class RuleFilter(django_filters.FilterSet):
    key = django_filters.CharFilter(label=_("Key"), lookup_expr="icontains")
    in_force_on = django_filters.DateFilter(label=_("In force on"), method="filter_in_force")

    class Meta:
        model = Rule
        fields = ["key", "confidence"]

    def filter_in_force(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(valid_from__lte=value), Q(valid_to__isnull=True) | Q(valid_to__gte=value))
