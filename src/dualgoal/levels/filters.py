from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit

from .choices import VenueKind
from .models import CommuneLevel, Venue

LEVELS = [(n, _("Level %(n)s") % {"n": n}) for n in (1, 2, 3, 4)]


def district_communes(request):
    from django.db.models import Q

    from dualgoal.core.querysets import user_scope_paths

    from .querysets import district_paths

    units = AdminUnit.objects.filter(level=Level.COMMUNE)
    user = getattr(request, "user", None)
    if user is not None and not user.is_superuser:
        q = Q(pk__in=[])
        for path in district_paths(user_scope_paths(user)):
            q |= Q(path__startswith=path)
        units = units.filter(q)
    return units.order_by("name")


class CommuneLevelFilter(django_filters.FilterSet):
    week = django_filters.DateFilter(label=_("Week starting (Monday)"), field_name="week_start")
    commune = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=district_communes, empty_label=_("All"))
    level = django_filters.ChoiceFilter(label=_("Level"), choices=LEVELS, empty_label=_("All"))

    class Meta:
        model = CommuneLevel
        fields = []


class VenueFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=VenueKind.choices, empty_label=_("All"))
    name = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains")

    class Meta:
        model = Venue
        fields = []
