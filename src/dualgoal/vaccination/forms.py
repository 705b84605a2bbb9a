"""Forms validate input and call services; the choices of products and groups come from the rules in force."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.core.clock import today
from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.organisations.models import Organisation
from dualgoal.people.models import Person

from . import rulebook
from .choices import Basis, SessionStatus


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


def communes_visible(user):
    """Communes inside the user's scope (not the units above it)."""
    units = AdminUnit.objects.filter(level=Level.COMMUNE)
    if not user.is_superuser:
        units = units.filter(scope_q(user_scope_paths(user), field="self", include_ancestors=False))
    return units.order_by("name")


def all_product_choices():
    """Every product of the rule in force today (approval on the session's date is checked by the service)."""
    return [(p["code"], p["label"]) for p in rulebook.products(on=today())]


class ScopedForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class SessionForm(ScopedForm):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("e.g. Tiêm chủng đợt 3 — Trạm Y tế xã"))
    unit = forms.ModelChoiceField(label=_("Commune"), queryset=AdminUnit.objects.none())
    place = forms.CharField(label=_("Vaccination place"), max_length=255, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organising body"), queryset=Organisation.objects.none(), required=False
    )
    date = date_field(_("Date"))
    product = forms.ChoiceField(label=_("Vaccine"), choices=())
    lot_number = forms.CharField(label=_("Lot number"), max_length=40)
    lot_expiry = date_field(_("Lot expiry date"), required=False)
    capacity = forms.IntegerField(label=_("Planned capacity"), min_value=1)
    status = forms.ChoiceField(label=_("Status"), choices=SessionStatus.choices, initial=SessionStatus.PLANNED)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = communes_visible(self.user)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(self.user).order_by("name")
        self.fields["product"].choices = all_product_choices()


class SessionDoseForm(ScopedForm):
    """The quick form of a session page: the person found by the search, optional reaction notes."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(), widget=forms.HiddenInput)
    reaction_notes = forms.CharField(
        label=_("Reactions after vaccination"), required=False, widget=forms.TextInput(attrs={"maxlength": 500})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(self.user)
        self.fields["person"].error_messages["invalid_choice"] = _(
            "This person is not in the registry you may see: search again."
        )
        self.fields["person"].error_messages["required"] = _("Search for the person and choose them first.")


class DoseElsewhereForm(ScopedForm):
    """A dose given outside the district's sessions (another district, a hospital, abroad)."""

    given_on = date_field(_("Given on"))
    product = forms.ChoiceField(label=_("Vaccine"), choices=())
    lot_number = forms.CharField(label=_("Lot number"), max_length=40, required=False)
    place = forms.CharField(label=_("Place given"), max_length=255)
    reaction_notes = forms.CharField(
        label=_("Reactions after vaccination"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = all_product_choices()


class AssignmentForm(ScopedForm):
    group_code = forms.ChoiceField(label=_("Priority group"), choices=())
    basis = forms.ChoiceField(label=_("Basis"), choices=Basis.choices)
    basis_detail = forms.CharField(
        label=_("Basis details"), max_length=255, required=False, help_text=_("e.g. the occupation or the workplace.")
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), required=False)
    assigned_on = date_field(_("Assigned on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group_code"].choices = rulebook.group_choices(on=today())
        self.fields["organisation"].queryset = Organisation.objects.visible_to(self.user).order_by("name")


class CoverageForm(forms.Form):
    on = date_field(_("As of"), required=False)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=AdminUnit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_visible(user)
        self.fields["commune"].empty_label = _("All communes")


class DueForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=AdminUnit.objects.none(), required=False)
    due_by = date_field(_("Due on or before"), required=False)
    overdue_only = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_visible(user)
        self.fields["commune"].empty_label = _("All communes")
