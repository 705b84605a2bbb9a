import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import UnitChoiceField, villages_for
from .models import Household, Person
from .selectors import is_small_scope, person_search, persons_visible


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class PersonFilter(django_filters.FilterSet):
    """The search box and the village: nothing is listed until one of them is given (the registry is millions of
    rows), unless the user's whole scope fits on one page."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="noop",
        widget=forms.TextInput(
            attrs={"placeholder": _("name without diacritics, citizen ID or phone"), "autofocus": True}
        ),
    )
    village = UnitFilter(label=_("Village"), queryset=None, method="noop")

    class Meta:
        model = Person
        fields: list[str] = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        # Bound even without parameters, so that filter_queryset decides what an empty search shows.
        super().__init__({} if data is None else data, *args, request=request, **kwargs)
        self.filters["village"].queryset = villages_for(request.user).select_related("parent").order_by("path")

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        user = self.request.user
        query = self.form.cleaned_data.get("q") or ""
        village = self.form.cleaned_data.get("village")
        self.searched = bool(query.strip() or village)
        if query.strip():
            return person_search(query, user, within=village)
        if village:
            return persons_visible(user).filter(residence_unit=village)
        return queryset if is_small_scope(user) else queryset.none()


class HouseholdFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(label=_("Household code"), lookup_expr="exact")
    village = UnitFilter(label=_("Village"), queryset=None)

    class Meta:
        model = Household
        fields: list[str] = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        # Bound even without parameters, so that filter_queryset decides what an empty search shows.
        super().__init__({} if data is None else data, *args, request=request, **kwargs)
        self.filters["village"].queryset = villages_for(request.user).select_related("parent").order_by("path")

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        self.searched = bool(data.get("code") or data.get("village"))
        if not self.searched and queryset.order_by()[:51].count() > 50:
            return queryset.none()
        return super().filter_queryset(queryset)
