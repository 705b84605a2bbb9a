from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.organisations.models import Organisation

from .choices import VenueKind


class VenueForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=VenueKind.choices)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=AdminUnit.objects.none())
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    normal_capacity = forms.IntegerField(label=_("Normal capacity (persons)"), min_value=1)
    organisation = forms.ModelChoiceField(
        label=_("Operator"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The body whose users (role venue operator) run the venue."),
    )
    opens_on = forms.DateField(
        label=_("Operating from"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, instance_venue=None, **kwargs):
        if instance_venue is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": instance_venue.name,
                "kind": instance_venue.kind,
                "commune": instance_venue.commune_id,
                "address": instance_venue.address,
                "normal_capacity": instance_venue.normal_capacity,
                "organisation": instance_venue.organisation_id,
                "opens_on": instance_venue.opens_on,
                "note": instance_venue.note,
            }
        super().__init__(*args, **kwargs)
        scope = AdminUnit.objects.visible_to(user).filter(level=Level.COMMUNE).order_by("name")
        self.fields["commune"].queryset = scope
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).filter(is_active=True)
