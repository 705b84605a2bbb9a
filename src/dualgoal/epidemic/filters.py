from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit

from .choices import CaseSource, Outcome, Setting
from .models import Case, Contact


def communes_for(request):
    units = AdminUnit.objects.filter(level=Level.COMMUNE)
    user = getattr(request, "user", None)
    if user is not None and not user.is_superuser:
        units = units.filter(scope_q(user_scope_paths(user), field="self", include_ancestors=False))
    return units.order_by("name")


class CaseFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(label=_("Case code"), lookup_expr="icontains")
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"), queryset=communes_for, method="filter_commune", empty_label=_("All")
    )
    sample_from = django_filters.DateFilter(label=_("Sampled from"), field_name="sample_date", lookup_expr="gte")
    sample_to = django_filters.DateFilter(label=_("Sampled to"), field_name="sample_date", lookup_expr="lte")
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices, empty_label=_("All"))
    source = django_filters.ChoiceFilter(label=_("Source"), choices=CaseSource.choices, empty_label=_("All"))

    class Meta:
        model = Case
        fields = []

    def filter_commune(self, queryset, name, value):
        return queryset.filter(person__residence_unit__path__startswith=value.path) if value else queryset


class ContactFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")
    setting = django_filters.ChoiceFilter(label=_("Setting"), choices=Setting.choices, empty_label=_("All"))

    class Meta:
        model = Contact
        fields = []
