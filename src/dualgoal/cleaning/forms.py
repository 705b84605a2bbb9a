"""Forms of cleaning: they only validate the input and find the objects; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.economy.models import BoardingHouse
from dualgoal.epidemic.models import Case
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.operations.forms import ScopedForm, date_field
from dualgoal.operations.models import QuarantineFacility
from dualgoal.zones.models import Zone

from .choices import Method, TargetKind, WasteSource

IN_CHARGE_HELP = _(
    "E.g. the community Covid team of the village, the commune's military command, the district military."
)


class PlanForm(ScopedForm):
    target_kind = forms.ChoiceField(label=_("Target"), choices=TargetKind.choices)
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(), required=False)
    boarding_house = forms.ModelChoiceField(
        label=_("Boarding house"), queryset=BoardingHouse.objects.none(), required=False
    )
    case = forms.ModelChoiceField(label=_("Case (F0)"), queryset=Case.objects.none(), required=False)
    place_name = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("For a market, a public place or another place.")
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=AdminUnit.objects.none(),
        required=False,
        help_text=_("Taken from the boarding house, the case's residence or the zone when possible."),
    )
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices, initial=Method.CHLORAMINE_SPRAY)
    method_detail = forms.CharField(label=_("Method details"), max_length=400, required=False)
    in_charge = forms.CharField(label=_("Organisation in charge"), max_length=255, help_text=IN_CHARGE_HELP)
    scheduled_on = date_field(_("Scheduled for"))
    scheduled_until = date_field(_("Scheduled until"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.visible_to(self.user)
        self.fields["boarding_house"].queryset = BoardingHouse.objects.visible_to(self.user)
        self.fields["case"].queryset = Case.objects.visible_to(self.user).select_related("person")
        self.fields["commune"].queryset = AdminUnit.objects.visible_to(self.user).filter(level=Level.COMMUNE)


class RescheduleForm(ScopedForm):
    scheduled_on = date_field(_("Scheduled for"))
    scheduled_until = date_field(_("Scheduled until"), required=False)
    in_charge = forms.CharField(label=_("Organisation in charge"), max_length=255, help_text=IN_CHARGE_HELP)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DoneForm(ScopedForm):
    done_on = date_field(_("Done on"))
    done_by = forms.CharField(label=_("Done by"), max_length=255)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(ScopedForm):
    reason = forms.CharField(
        label=_("Reason for cancellation"), max_length=400, widget=forms.Textarea(attrs={"rows": 2})
    )


class WasteForm(ScopedForm):
    source_kind = forms.ChoiceField(label=_("Collected from"), choices=WasteSource.choices)
    facility = forms.ModelChoiceField(
        label=_("Quarantine facility"), queryset=QuarantineFacility.objects.none(), required=False
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=AdminUnit.objects.none(), required=False)
    collected_on = date_field(_("Collected on"))
    weight_kg = forms.DecimalField(label=_("Weight (kg)"), max_digits=8, decimal_places=1)
    bags = forms.IntegerField(label=_("Bags"), required=False)
    collector = forms.CharField(label=_("Collected by"), max_length=255)
    destination = forms.CharField(
        label=_("Destination (treatment)"),
        max_length=255,
        initial="Lò đốt rác thải y tế – Trung tâm Y tế huyện Yên Dũng",
    )
    manifest_number = forms.CharField(label=_("Manifest number"), max_length=40, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = QuarantineFacility.objects.visible_to(self.user)
        self.fields["commune"].queryset = AdminUnit.objects.visible_to(self.user).filter(level=Level.COMMUNE)
