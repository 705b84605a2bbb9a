from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dualgoal.core.clock import today

from .choices import Direction, Directive, Outcome, ZoneKind, ZoneStatus
from .models import Checkpoint, Passage, Zone
from .selectors import status_q


def communes_for(request):
    from dualgoal.geography.choices import Level

    from .forms import own_units

    if request is None:
        from dualgoal.geography.models import AdminUnit

        return AdminUnit.objects.none()
    return own_units(request.user, Level.COMMUNE)


class ZoneFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ZoneStatus.choices, method="filter_status", empty_label=_("All")
    )
    directive = django_filters.ChoiceFilter(label=_("Directive level"), choices=Directive.choices, empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ZoneKind.choices, empty_label=_("All"))
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"), queryset=communes_for, method="filter_commune", empty_label=_("All")
    )

    class Meta:
        model = Zone
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_q(value, today())) if value else queryset

    def filter_commune(self, queryset, name, value):
        if not value:
            return queryset
        from django.db.models import Q

        touching = Zone.objects.filter(Q(units__path__startswith=value.path) | Q(units__path__in=[value.path])).values(
            "pk"
        )
        return queryset.filter(pk__in=touching)


def checkpoints_for(request):
    if request is None:
        return Checkpoint.objects.none()
    return Checkpoint.objects.visible_to(request.user)


class PassageFilter(django_filters.FilterSet):
    checkpoint = django_filters.ModelChoiceFilter(label=_("Checkpoint"), queryset=checkpoints_for, empty_label=_("All"))
    day = django_filters.DateFilter(label=_("Date"), field_name="at", lookup_expr="date")
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Direction.choices, empty_label=_("All"))
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices, empty_label=_("All"))

    class Meta:
        model = Passage
        fields = []
