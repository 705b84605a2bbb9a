"""Forms of the person registry: input shapes only — the rules live in services.person_clean."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit

from .choices import Sex
from .models import Household


def villages_for(user):
    """The villages a user may register residents in (their own subtrees)."""
    units = AdminUnit.objects.filter(level=Level.VILLAGE, valid_to__isnull=True)
    if not user.is_superuser:
        units = units.filter(scope_q(user_scope_paths(user), field="self", include_ancestors=False))
    return units


def elsewhere_for(user):
    """Provinces, districts and communes outside the user's district(s): the residence of a visitor."""
    from .services import _district_path

    units = AdminUnit.objects.filter(level__lt=Level.VILLAGE, valid_to__isnull=True)
    if not user.is_superuser:
        for district in {_district_path(p) for p in user_scope_paths(user)}:
            units = units.exclude(path__startswith=district)
    return units


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: AdminUnit) -> str:
        return f"{unit.name}, {unit.parent.name}" if unit.parent_id else unit.name


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, help_text=_("dd/mm/yyyy"))
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, help_text=_("When only the year is known.")
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    id_number = forms.CharField(
        label=_("Citizen ID"), max_length=20, required=False, help_text=_("12-digit CCCD or 9-digit CMND.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    residence_unit = UnitChoiceField(
        label=_("Residence"),
        queryset=AdminUnit.objects.none(),
        help_text=_("A village of your area; for a visitor, their province or district, with the address below."),
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    household_code = forms.CharField(label=_("Household code"), max_length=40, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        villages = villages_for(user).select_related("parent").order_by("path")
        elsewhere = elsewhere_for(user).select_related("parent").order_by("level", "path")
        self.fields["residence_unit"].queryset = AdminUnit.objects.filter(
            pk__in=[*villages.values_list("pk", flat=True), *elsewhere.values_list("pk", flat=True)]
        ).select_related("parent")
        field = self.fields["residence_unit"]
        village_choices = [(u.pk, field.label_from_instance(u)) for u in villages]
        other_choices = [(u.pk, field.label_from_instance(u)) for u in elsewhere]
        field.choices = [
            ("", "—"),
            (_("Villages of your area"), village_choices),
            (_("Elsewhere"), other_choices),
        ]

    def clean_household_code(self):
        code = self.cleaned_data["household_code"].strip()
        if not code:
            return None
        household = Household.objects.visible_to(self.user).filter(code=code).first()
        if household is None:
            raise forms.ValidationError(_("No household with code “%(code)s” in your area."), params={"code": code})
        return household

    def service_values(self) -> dict:
        values = dict(self.cleaned_data)
        values["household"] = values.pop("household_code")
        return values
