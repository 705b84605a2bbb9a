"""Forms of violations: they only validate the input and find the objects; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.economy.models import Enterprise
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.operations.forms import ScopedForm, date_field
from dualgoal.operations.models import ViolationNote
from dualgoal.people.models import Person

from .choices import OffenderKind
from .rulebook import all_act_choices


class ViolationForm(ScopedForm):
    offender_kind = forms.ChoiceField(
        label=_("Offender"), choices=OffenderKind.choices, initial=OffenderKind.PERSON, widget=forms.RadioSelect
    )
    person = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, widget=forms.HiddenInput)
    id_number = forms.CharField(label=_("Citizen ID of the person"), required=False, max_length=20)
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=Enterprise.objects.none(), required=False)
    act_code = forms.ChoiceField(label=_("Act"), choices=())
    other_act = forms.CharField(label=_("Other act (wording)"), max_length=400, required=False)
    other_legal_basis = forms.CharField(
        label=_("Legal basis of the other act"),
        max_length=600,
        required=False,
        help_text=_("Article, clause and decree, e.g. “khoản 1 Điều 9 Nghị định 117/2020/NĐ-CP”."),
    )
    act_date = date_field(_("Date of the act"))
    place = forms.CharField(label=_("Place of the act"), max_length=255)
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=AdminUnit.objects.none(),
        required=False,
        help_text=_("Only for an offender who does not live in a commune of the registry."),
    )
    record_number = forms.CharField(label=_("Record number (biên bản)"), max_length=40, required=False)
    violation_note = forms.ModelChoiceField(
        label=_("Quarantine breach note"), queryset=ViolationNote.objects.none(), required=False
    )
    description = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = self.persons()
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(self.user).order_by("name")
        self.fields["act_code"].choices = all_act_choices()
        self.fields["commune"].queryset = AdminUnit.objects.visible_to(self.user).filter(level=Level.COMMUNE)
        self.fields["violation_note"].queryset = ViolationNote.objects.visible_to(self.user).select_related("person")

    def clean(self):
        data = super().clean()
        if data.get("offender_kind") == OffenderKind.PERSON:
            if data.get("person") is None:
                data["person"] = self.resolve_person("id_number")
            data["enterprise"] = None
        else:
            if data.get("enterprise") is None:
                self.add_error("enterprise", _("Choose the enterprise."))
            data["person"] = None
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in (
                "person",
                "enterprise",
                "act_code",
                "other_act",
                "other_legal_basis",
                "act_date",
                "place",
                "commune",
                "record_number",
                "violation_note",
                "description",
            )
        }


class ViolationEditForm(ScopedForm):
    act_date = date_field(_("Date of the act"))
    place = forms.CharField(label=_("Place of the act"), max_length=255)
    record_number = forms.CharField(label=_("Record number (biên bản)"), max_length=40, required=False)
    description = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(ScopedForm):
    decision_number = forms.CharField(
        label=_("Decision number"), max_length=40, help_text=_("As on the decision, e.g. “123/QĐ-XPVPHC”.")
    )
    decision_date = date_field(_("Decision date"))
    authority = forms.CharField(label=_("Sanctioning authority"), max_length=255)
    signer = forms.CharField(label=_("Signed by"), max_length=150)
    fine_amount = forms.IntegerField(label=_("Fine (VND)"), min_value=0)
    other_measures = forms.CharField(label=_("Other measures"), max_length=600, required=False)


class PaidForm(ScopedForm):
    paid_on = date_field(_("Paid on"))
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=40, required=False)


class AppealForm(ScopedForm):
    note = forms.CharField(label=_("Complaint"), max_length=600, widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(ScopedForm):
    reason = forms.CharField(
        label=_("Reason for cancellation"), max_length=600, widget=forms.Textarea(attrs={"rows": 3})
    )
