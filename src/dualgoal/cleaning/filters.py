from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.core.clock import today
from dualgoal.epidemic.filters import communes_for

from .choices import Method, PlanStatus, TargetKind, WasteSource
from .models import CleaningPlan, WasteCollection
from .selectors import overdue_q


class PlanFilter(django_filters.FilterSet):
    commune = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=communes_for, empty_label=_("All"))
    target_kind = django_filters.ChoiceFilter(label=_("Target"), choices=TargetKind.choices, empty_label=_("All"))
    method = django_filters.ChoiceFilter(label=_("Method"), choices=Method.choices, empty_label=_("All"))
    state = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*PlanStatus.choices, ("overdue", _("overdue"))],
        empty_label=_("All"),
        method="filter_state",
    )
    scheduled_from = django_filters.DateFilter(label=_("From"), field_name="scheduled_on", lookup_expr="gte")
    scheduled_to = django_filters.DateFilter(label=_("To"), field_name="scheduled_on", lookup_expr="lte")

    class Meta:
        model = CleaningPlan
        fields = []

    def filter_state(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(overdue_q(today()))
        return queryset.filter(status=value) if value else queryset


class WasteFilter(django_filters.FilterSet):
    commune = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=communes_for, empty_label=_("All"))
    source_kind = django_filters.ChoiceFilter(
        label=_("Collected from"), choices=WasteSource.choices, empty_label=_("All")
    )
    collected_from = django_filters.DateFilter(
        label=_("From"), field_name="collected_on", lookup_expr="gte", widget=forms.DateInput()
    )
    collected_to = django_filters.DateFilter(label=_("To"), field_name="collected_on", lookup_expr="lte")

    class Meta:
        model = WasteCollection
        fields = []
