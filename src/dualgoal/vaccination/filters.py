from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dualgoal.epidemic.filters import communes_for

from .choices import SessionStatus
from .models import Dose, PriorityAssignment, Session


def _product_choices():
    from dualgoal.core.clock import today

    from .rulebook import products

    return [(p["code"], p["label"]) for p in products(on=today())]


def _group_choices():
    from dualgoal.core.clock import today

    from .rulebook import group_choices

    return group_choices(on=today())


class SessionFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=communes_for, empty_label=_("All"))
    product = django_filters.ChoiceFilter(label=_("Vaccine"), choices=_product_choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SessionStatus.choices, empty_label=_("All"))
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")

    class Meta:
        model = Session
        fields = []


class PersonCommuneFilter(django_filters.FilterSet):
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"), queryset=communes_for, method="filter_commune", empty_label=_("All")
    )
    name = django_filters.CharFilter(label=_("Name"), method="filter_name")

    def filter_commune(self, queryset, name, value):
        return queryset.filter(person__residence_unit__path__startswith=value.path) if value else queryset

    def filter_name(self, queryset, name, value):
        from dualgoal.core.text import fold

        return queryset.filter(person__name_folded__contains=fold(value)) if value else queryset


class DoseFilter(PersonCommuneFilter):
    product = django_filters.ChoiceFilter(label=_("Vaccine"), choices=_product_choices, empty_label=_("All"))
    dose_number = django_filters.NumberFilter(label=_("Dose number"))
    given_from = django_filters.DateFilter(label=_("From"), field_name="given_on", lookup_expr="gte")
    given_to = django_filters.DateFilter(label=_("To"), field_name="given_on", lookup_expr="lte")

    class Meta:
        model = Dose
        fields = []


class AssignmentFilter(PersonCommuneFilter):
    group_code = django_filters.ChoiceFilter(label=_("Priority group"), choices=_group_choices, empty_label=_("All"))
    is_current = django_filters.BooleanFilter(label=_("Current"))

    class Meta:
        model = PriorityAssignment
        fields = []
