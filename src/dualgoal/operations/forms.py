from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.core.identity import normalise_id_number
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.people.models import Person

from .choices import (
    AreaRisk,
    FollowUpOutcome,
    OrderKind,
    RiskLevel,
    SampleKind,
    SampleReason,
    Subject,
    Symptom,
    WarningSign,
)
from .models import QuarantineFacility, Room


def date_field(label, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


def person_by_id_number(raw: str, queryset) -> Person | None:
    digits = normalise_id_number(raw)
    return queryset.filter(id_number=digits).first() if digits else None


class ScopedForm(forms.Form):
    """A form that knows its user (querysets are limited to what the user may see)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def persons(self):
        return Person.objects.visible_to(self.user)

    def resolve_person(self, field: str, *, required: bool = True) -> Person | None:
        raw = (self.cleaned_data.get(field) or "").strip()
        if not raw:
            if required:
                self.add_error(field, _("Enter the citizen ID."))
            return None
        person = person_by_id_number(raw, self.persons())
        if person is None:
            self.add_error(
                field, _("No person with citizen ID %(value)s in the registry you may see.") % {"value": raw}
            )
        return person


class FacilityForm(ScopedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=AdminUnit.objects.none())
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    capacity = forms.IntegerField(label=_("Capacity (persons)"), min_value=1)
    staff = forms.CharField(label=_("Staff"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = AdminUnit.objects.visible_to(self.user).filter(level=Level.COMMUNE)


class RoomForm(ScopedForm):
    code = forms.CharField(label=_("Room"), max_length=30)
    capacity = forms.IntegerField(label=_("Capacity (persons)"), min_value=1)
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)


class OrderForm(ScopedForm):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, widget=forms.HiddenInput)
    id_number = forms.CharField(label=_("Citizen ID of the person"), required=False, max_length=20)
    subject = forms.ChoiceField(
        label=_("Subject"), choices=[c for c in Subject.choices if c[0] != Subject.ARRIVAL], initial=Subject.F1
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=OrderKind.choices, initial=OrderKind.FACILITY)
    start_date = date_field(_("Start"))
    number = forms.CharField(label=_("Decision number"), max_length=40, required=False)
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=QuarantineFacility.objects.none(), required=False)
    exposed_on = date_field(_("Exposed on"), required=False)
    cluster = forms.CharField(
        label=_("Exposure cluster"),
        max_length=100,
        required=False,
        help_text=_("Empty: the source case found by tracing."),
    )
    carer_id_number = forms.CharField(label=_("Carer's citizen ID (child under 5)"), max_length=20, required=False)
    source_id_number = forms.CharField(label=_("Citizen ID of the F1 (for an F2)"), max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = self.persons()
        self.fields["facility"].queryset = QuarantineFacility.objects.visible_to(self.user)

    def clean(self):
        data = super().clean()
        if data.get("person") is None:
            data["person"] = self.resolve_person("id_number")
        data["carer"] = self.resolve_person("carer_id_number", required=False)
        raw = (data.get("source_id_number") or "").strip()
        data["source_person"] = person_by_id_number(raw, Person.objects.all()) if raw else None
        if raw and data["source_person"] is None:
            self.add_error("source_id_number", _("No person with citizen ID %(value)s.") % {"value": raw})
        return data


class AdmitForm(ScopedForm):
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none())
    admitted_on = date_field(_("Admitted on"))
    override_reason = forms.CharField(
        label=_("Override reason (manager)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only to put the person in a room with another cohort."),
    )

    def __init__(self, *args, facilities, can_override: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(facility__in=facilities).select_related("facility")
        if not can_override:
            del self.fields["override_reason"]


class DateForm(ScopedForm):
    def __init__(self, *args, label=None, name="day", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[name] = date_field(label or _("Date"))


class ReleaseForm(ScopedForm):
    released_on = date_field(_("Released on"))
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)


class EndEarlyForm(ScopedForm):
    ended_on = date_field(_("Ended on"))
    reason = forms.CharField(label=_("Reason"), max_length=400)


class ExtendForm(ScopedForm):
    exposed_on = date_field(_("Re-exposed on"))
    reason = forms.CharField(label=_("What happened"), max_length=300)


class WarningSignForm(ScopedForm):
    warning_sign = forms.ChoiceField(label=_("Warning sign"), choices=WarningSign.choices)
    warning_sign_on = date_field(_("Date"))


class DischargeForm(ScopedForm):
    discharged_on = date_field(_("Discharged on"))


class SampleForm(ScopedForm):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, widget=forms.HiddenInput)
    id_number = forms.CharField(label=_("Citizen ID of the person"), required=False, max_length=20)
    taken_on = date_field(_("Sample date"))
    kind = forms.ChoiceField(label=_("Test"), choices=SampleKind.choices)
    reason = forms.ChoiceField(label=_("Reason"), choices=SampleReason.choices, initial=SampleReason.OTHER)
    lab = forms.CharField(label=_("Laboratory"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = self.persons()

    def clean(self):
        data = super().clean()
        if data.get("person") is None:
            data["person"] = self.resolve_person("id_number")
        return data


class CollectForm(ScopedForm):
    taken_on = date_field(_("Sample date"))
    lab = forms.CharField(label=_("Laboratory"), max_length=200, required=False)


class ResultForm(ScopedForm):
    result = forms.ChoiceField(label=_("Result"), choices=[("negative", _("negative")), ("positive", _("positive"))])
    result_on = date_field(_("Result date"))
    ct_value = forms.DecimalField(label=_("Ct value"), max_digits=4, decimal_places=1, required=False)


class SampleResultForm(ResultForm):
    case_code = forms.CharField(
        label=_("Case code if positive"), max_length=20, required=False, help_text=_("e.g. BN12345")
    )


class PoolForm(ScopedForm):
    code = forms.CharField(label=_("Pool code"), max_length=40)
    taken_on = date_field(_("Sampled on"))
    area = forms.ModelChoiceField(label=_("Area"), queryset=AdminUnit.objects.none())
    risk_level = forms.ChoiceField(label=_("Area risk"), choices=RiskLevel.choices)
    lab = forms.CharField(label=_("Laboratory"), max_length=200, required=False)
    members = forms.CharField(
        label=_("Citizen IDs of the members"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line (or separated by commas)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = AdminUnit.objects.visible_to(self.user).filter(
            level__in=(Level.COMMUNE, Level.VILLAGE)
        )

    def clean_members(self):
        raw = [part.strip() for part in self.cleaned_data["members"].replace(",", "\n").splitlines()]
        persons, missing = [], []
        queryset = self.persons()
        for value in filter(None, raw):
            person = person_by_id_number(value, queryset)
            (persons.append(person) if person else missing.append(value))
        if missing:
            raise forms.ValidationError(
                _("Not found in the registry you may see: %(ids)s") % {"ids": ", ".join(missing)}
            )
        return persons


class FollowUpForm(ScopedForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FollowUpOutcome.choices, initial=FollowUpOutcome.WELL)
    symptoms = forms.MultipleChoiceField(
        label=_("Symptoms"), choices=Symptom.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    temperature = forms.DecimalField(label=_("Temperature (°C)"), max_digits=3, decimal_places=1, required=False)
    note = forms.CharField(label=_("Note"), max_length=400, required=False)
    violation = forms.CharField(
        label=_("Violation note (breach)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommunityReportForm(ScopedForm):
    unit = forms.ModelChoiceField(label=_("Village or commune"), queryset=AdminUnit.objects.none())
    id_number = forms.CharField(label=_("Citizen ID of the person (if known)"), required=False, max_length=20)
    description = forms.CharField(label=_("Who and where"), max_length=255, required=False)
    symptoms = forms.MultipleChoiceField(
        label=_("Symptoms"), choices=Symptom.choices, widget=forms.CheckboxSelectMultiple
    )
    reported_on = date_field(_("Reported on"))
    reporter_name = forms.CharField(label=_("Reported by"), max_length=150, required=False)
    reporter_phone = forms.CharField(label=_("Reporter's phone"), max_length=15, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = AdminUnit.objects.visible_to(self.user).filter(
            level__in=(Level.COMMUNE, Level.VILLAGE)
        )

    def clean(self):
        data = super().clean()
        data["person"] = self.resolve_person("id_number", required=False)
        return data


class CloseForm(ScopedForm):
    text = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))


class OriginAreaForm(ScopedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    unit_code = forms.CharField(
        label=_("Unit code"), max_length=32, required=False, help_text=_("e.g. 219 for Lục Ngạn district")
    )
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=AreaRisk.choices)
    valid_from = date_field(_("From"))
    valid_to = date_field(_("To"), required=False)
    source = forms.CharField(label=_("Source"), max_length=400, required=False)

    def clean(self):
        data = super().clean()
        code = (data.get("unit_code") or "").strip()
        data["unit"] = AdminUnit.objects.filter(code=code).order_by("-valid_from").first() if code else None
        if code and data["unit"] is None:
            self.add_error("unit_code", _("Unknown unit code."))
        return data


class ArrivalForm(ScopedForm):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, widget=forms.HiddenInput)
    id_number = forms.CharField(label=_("Citizen ID of the person"), required=False, max_length=20)
    origin_area = forms.ModelChoiceField(label=_("Coming from"), queryset=None)
    left_area_on = date_field(_("Left the area on"), required=False)
    arrived_on = date_field(_("Arrived on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import OriginArea

        self.fields["person"].queryset = self.persons()
        self.fields["origin_area"].queryset = OriginArea.objects.order_by("-valid_from", "name")

    def clean(self):
        data = super().clean()
        if data.get("person") is None:
            data["person"] = self.resolve_person("id_number")
        return data


class ApplyArrivalForm(ScopedForm):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=QuarantineFacility.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = QuarantineFacility.objects.visible_to(self.user)


class FollowUpListForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Commune or village"), queryset=AdminUnit.objects.none(), required=False)
    day = date_field(_("Day"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = AdminUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("name")
