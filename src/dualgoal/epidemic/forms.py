from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.core.identity import normalise_id_number
from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.people.models import Person

from .choices import CaseSource, Outcome, Setting, TestKind


def person_by_id_number(value: str, *, queryset) -> Person | None:
    digits = normalise_id_number(value)
    return queryset.filter(id_number=digits).first() if digits else None


def date_field(label, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


class PersonFieldsMixin:
    """A person given by a hidden pk (coming from their page) or typed as a citizen ID."""

    def person_from(self, pk_field: str, id_field: str, *, queryset, required_message) -> Person | None:
        person = self.cleaned_data.get(pk_field)
        if person is not None:
            return person
        raw = (self.cleaned_data.get(id_field) or "").strip()
        if not raw:
            self.add_error(id_field, required_message)
            return None
        person = person_by_id_number(raw, queryset=queryset)
        if person is None:
            self.add_error(
                id_field, _("No person with citizen ID %(value)s in the registry you may see.") % {"value": raw}
            )
        return person


class CaseForm(PersonFieldsMixin, forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, widget=forms.HiddenInput)
    id_number = forms.CharField(label=_("Citizen ID of the person"), required=False, max_length=20)
    code = forms.CharField(label=_("Case code"), max_length=20, help_text=_("e.g. BN12345"))
    sample_date = date_field(_("Positive sample date"))
    test_kind = forms.ChoiceField(label=_("Confirming test"), choices=TestKind.choices, initial=TestKind.RT_PCR)
    onset_date = date_field(_("Symptom onset"), required=False)
    source = forms.ChoiceField(label=_("Source"), choices=CaseSource.choices, initial=CaseSource.LOCAL)
    notified_by = forms.CharField(label=_("Notified by"), required=False, max_length=200)
    isolation_date = date_field(_("Isolation date"), required=False)
    treatment_place = forms.CharField(label=_("Treatment place"), required=False, max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["person"].queryset = Person.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        data["person"] = self.person_from(
            "person",
            "id_number",
            queryset=Person.objects.visible_to(self.user),
            required_message=_("Enter the citizen ID of the person who tested positive."),
        )
        return data


class ContactForm(PersonFieldsMixin, forms.Form):
    person_a = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, widget=forms.HiddenInput)
    id_number_a = forms.CharField(label=_("Citizen ID of the first person"), required=False, max_length=20)
    id_number_b = forms.CharField(
        label=_("Citizen ID of the contact"),
        max_length=20,
        help_text=_("The contact may live in another commune."),
    )
    date = date_field(_("Date of contact"))
    setting = forms.ChoiceField(label=_("Setting"), choices=Setting.choices, initial=Setting.HOUSEHOLD)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["person_a"].queryset = Person.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        data["person_a"] = self.person_from(
            "person_a",
            "id_number_a",
            queryset=Person.objects.visible_to(self.user),
            required_message=_("Enter the citizen ID of the first person."),
        )
        if self.cleaned_data.get("id_number_b"):
            # Tracing crosses communes: the contact is looked up by their exact citizen ID anywhere.
            data["person_b"] = self.person_from(
                "person_b", "id_number_b", queryset=Person.objects.all(), required_message=""
            )
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("List of F0/F1 (.xlsx or .csv)"))
    notified_by = forms.CharField(
        label=_("Notified by"), max_length=200, help_text=_("The locality or body that sent the list.")
    )
    admin_unit = forms.ModelChoiceField(
        label=_("Attach new persons to"),
        queryset=AdminUnit.objects.none(),
        help_text=_("Used when the address names no commune or village of this unit."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = AdminUnit.objects.filter(level__in=[Level.DISTRICT, Level.COMMUNE])
        if not user.is_superuser:
            units = units.filter(scope_q(user_scope_paths(user), field="self", include_ancestors=False))
        self.fields["admin_unit"].queryset = units.order_by("path")
        self.fields["admin_unit"].initial = units.order_by("path").first()


class GraphForm(forms.Form):
    case = forms.CharField(label=_("Case code"), max_length=20, required=False)


class CaseUpdateForm(forms.Form):
    isolation_date = date_field(_("Isolation date"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    outcome_date = date_field(_("Outcome date"), required=False)
    treatment_place = forms.CharField(label=_("Treatment place"), required=False, max_length=200)
