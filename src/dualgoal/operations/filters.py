from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dualgoal.epidemic.filters import communes_for

from .choices import OrderKind, OrderStatus, SampleReason, SampleResult, Subject
from .models import QuarantineOrder, TestSample


class OrderFilter(django_filters.FilterSet):
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"), queryset=communes_for, method="filter_commune", empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrderKind.choices, empty_label=_("All"))
    subject = django_filters.ChoiceFilter(label=_("Subject"), choices=Subject.choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OrderStatus.choices, empty_label=_("All"))
    name = django_filters.CharFilter(label=_("Name"), method="filter_name")

    class Meta:
        model = QuarantineOrder
        fields = []

    def filter_commune(self, queryset, name, value):
        return queryset.filter(person__residence_unit__path__startswith=value.path) if value else queryset

    def filter_name(self, queryset, name, value):
        from dualgoal.core.text import fold

        return queryset.filter(person__name_folded__contains=fold(value)) if value else queryset


class SampleFilter(django_filters.FilterSet):
    result = django_filters.ChoiceFilter(label=_("Result"), choices=SampleResult.choices, empty_label=_("All"))
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=SampleReason.choices, empty_label=_("All"))
    collected = django_filters.BooleanFilter(label=_("Collected"))
    taken_from = django_filters.DateFilter(label=_("From"), field_name="taken_on", lookup_expr="gte")
    taken_to = django_filters.DateFilter(label=_("To"), field_name="taken_on", lookup_expr="lte")

    class Meta:
        model = TestSample
        fields = []
