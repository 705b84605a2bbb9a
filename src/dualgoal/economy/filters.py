from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.core.text import fold
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit

from .choices import EnterpriseStatus, InspectionDecision, PermitStatus
from .forms import in_force
from .models import AutomaticAction, Employment, Enterprise, IndustrialPark, Inspection, Permit


def communes_for(request):
    units = AdminUnit.objects.filter(in_force(), level=Level.COMMUNE)
    user = getattr(request, "user", None)
    if user is not None and not user.is_superuser:
        units = units.filter(scope_q(user_scope_paths(user), field="self", include_ancestors=False))
    return units.order_by("name")


def parks_for(request):
    return IndustrialPark.objects.visible_to(getattr(request, "user", None))


def folded_match(queryset, value: str, *fields: str):
    """Rows whose `fields` contain `value` ignoring case and diacritics ("song khe" finds "Sông Khê").

    Enterprises number in the hundreds per district: folding in Python is simpler than a folded column."""
    wanted = fold(value)
    if not wanted:
        return queryset
    pks = [row[0] for row in queryset.values_list("pk", *fields) if any(wanted in fold(v or "") for v in row[1:])]
    return queryset.filter(pk__in=pks)


class EnterpriseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", widget=forms.TextInput(attrs={"placeholder": _("name or tax code")})
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EnterpriseStatus.choices, empty_label=_("All"))
    park = django_filters.ModelChoiceFilter(
        label=_("Industrial park or cluster"), queryset=parks_for, method="filter_park", empty_label=_("All")
    )
    commune = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=communes_for, empty_label=_("All"))
    flagged = django_filters.BooleanFilter(label=_("Flagged (case among workers)"))

    class Meta:
        model = Enterprise
        fields: list[str] = []

    def search(self, queryset, name, value):
        digits = "".join(c for c in value if c.isdigit())
        if len(digits) >= 4 and len(digits) >= len(value.strip()) - 2:
            return queryset.filter(tax_code__startswith=digits[:10])
        return folded_match(queryset, value, "name", "sector")

    def filter_park(self, queryset, name, value):
        return queryset.filter(park=value) if value else queryset


class EmploymentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Worker's name"), method="search")
    enterprise = django_filters.ModelChoiceFilter(
        label=_("Enterprise"),
        queryset=lambda request: Enterprise.objects.visible_to(request.user),
        empty_label=_("All"),
    )
    committed = django_filters.BooleanFilter(
        label=_("Commitment signed"), field_name="commitment_signed_on", lookup_expr="isnull", exclude=True
    )
    confirmed = django_filters.BooleanFilter(
        label=_("Confirmed by the Labour department"), field_name="confirmation", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Employment
        fields: list[str] = []

    def search(self, queryset, name, value):
        wanted = fold(value)
        return queryset.filter(person__name_folded__contains=wanted) if wanted else queryset


class PermitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Worker's name"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PermitStatus.choices, empty_label=_("All"))
    enterprise = django_filters.ModelChoiceFilter(
        label=_("Enterprise"),
        field_name="employment__enterprise",
        queryset=lambda request: Enterprise.objects.visible_to(request.user),
        empty_label=_("All"),
    )

    class Meta:
        model = Permit
        fields: list[str] = []

    def search(self, queryset, name, value):
        wanted = fold(value)
        digits = value.strip().upper().removeprefix("GĐL-").removeprefix("GDL-").lstrip("0")
        if digits.isdigit():
            return queryset.filter(Q(pk=int(digits)) | Q(employment__person__name_folded__contains=wanted))
        return queryset.filter(employment__person__name_folded__contains=wanted) if wanted else queryset


class InspectionFilter(django_filters.FilterSet):
    decision = django_filters.ChoiceFilter(
        label=_("Decision"), choices=InspectionDecision.choices, empty_label=_("All")
    )
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")

    class Meta:
        model = Inspection
        fields: list[str] = []


ACTION_LABELS = {
    "permit_revoked": _("permit revoked"),
    "enterprise_flagged": _("enterprise flagged"),
    "boarding_house_flagged": _("boarding house flagged"),
    "co_rider_traced": _("shuttle co-rider put into tracing"),
}


class AutomaticActionFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=list(ACTION_LABELS.items()), empty_label=_("All"))
    enterprise = django_filters.ModelChoiceFilter(
        label=_("Enterprise"),
        queryset=lambda request: Enterprise.objects.visible_to(request.user),
        empty_label=_("All"),
    )

    class Meta:
        model = AutomaticAction
        fields: list[str] = []
