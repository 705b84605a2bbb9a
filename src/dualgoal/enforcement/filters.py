from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.epidemic.filters import communes_for

from .choices import OffenderKind, ViolationStatus
from .models import Violation
from .rulebook import all_act_choices


def month_filter(queryset, field: str, value: str):
    """ "2021-07" -> rows whose `field` falls in July 2021 (bad input: no filter)."""
    try:
        year, month = (int(part) for part in value.split("-"))
    except (ValueError, AttributeError):
        return queryset
    return queryset.filter(**{f"{field}__year": year, f"{field}__month": month})


class ViolationFilter(django_filters.FilterSet):
    commune = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=communes_for, empty_label=_("All"))
    act_code = django_filters.ChoiceFilter(label=_("Act"), choices=all_act_choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ViolationStatus.choices, empty_label=_("All"))
    offender_kind = django_filters.ChoiceFilter(label=_("Offender"), choices=OffenderKind.choices, empty_label=_("All"))
    month = django_filters.CharFilter(
        label=_("Month of the act"), method="filter_month", widget=forms.TextInput(attrs={"type": "month"})
    )
    name = django_filters.CharFilter(label=_("Name"), method="filter_name")

    class Meta:
        model = Violation
        fields = []

    def filter_month(self, queryset, name, value):
        return month_filter(queryset, "act_date", value) if value else queryset

    def filter_name(self, queryset, name, value):
        from django.db.models import Q

        from dualgoal.core.text import fold

        if not value:
            return queryset
        return queryset.filter(Q(person__name_folded__contains=fold(value)) | Q(enterprise__name__icontains=value))
