"""Forms of zones and checkpoints: they only parse and limit choices to the user's scope; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dualgoal.core.clock import today
from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit

from .choices import Direction, Directive, Outcome, StaffRole, ZoneKind
from .models import Checkpoint, Zone


def date_field(label, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


def own_units(user, *levels: int):
    """Units of the given levels in force today inside the user's own subtrees (not the ones above)."""
    day = today()
    units = AdminUnit.objects.valid_on(day).filter(level__in=levels)
    if not user.is_superuser:
        units = units.filter(scope_q(user_scope_paths(user), field="self", include_ancestors=False))
    return units.select_related("parent").order_by("path")


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if obj.level == Level.VILLAGE and obj.parent_id:
            return f"— {obj.name} ({obj.parent.short_name})"
        return obj.name


class ScopedForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class ZoneForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ZoneKind.choices)
    directive = forms.TypedChoiceField(label=_("Directive level"), choices=Directive.choices, coerce=int)
    unit = forms.ModelChoiceField(label=_("Issuing unit"), queryset=AdminUnit.objects.none())
    decision_number = forms.CharField(
        label=_("Decision number"), max_length=80, widget=forms.TextInput(attrs={"placeholder": "123/QĐ-UBND"})
    )
    issued_on = date_field(pgettext_lazy("decision", "Issued on"))
    start_date = date_field(_("Start"))
    planned_end = date_field(_("Planned end"))
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Left empty, it is made from the kind and area.")
    )
    units = AreaChoiceField(
        label=_("Area: communes or villages"),
        queryset=AdminUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("A village inside a chosen commune is covered by the commune."),
    )
    inner_control = forms.CharField(
        label=_("Inner control (kiểm soát bên trong)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outer_control = forms.CharField(
        label=_("Outer control (kiểm soát bên ngoài)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    polygon = forms.CharField(
        label=_("Drawn boundary (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-zone-polygon": "1", "spellcheck": "false"}),
        help_text=_("Optional. Click on the drawing board to add corners, or paste a GeoJSON Polygon."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["unit"].queryset = own_units(user, Level.DISTRICT, Level.COMMUNE)
        self.fields["units"].queryset = own_units(user, Level.COMMUNE, Level.VILLAGE)

    @classmethod
    def initial_for(cls, zone: Zone) -> dict:
        import json

        return {
            "kind": zone.kind,
            "directive": zone.directive,
            "unit": zone.unit,
            "decision_number": zone.decision_number,
            "issued_on": zone.issued_on,
            "start_date": zone.start_date,
            "planned_end": zone.planned_end,
            "name": zone.name,
            "units": list(zone.units.all()),
            "inner_control": zone.inner_control,
            "outer_control": zone.outer_control,
            "polygon": json.dumps(zone.polygon) if zone.polygon else "",
        }


class ZoneExtendForm(ScopedForm):
    decision_number = forms.CharField(label=_("Decision number"), max_length=80)
    decided_on = date_field(_("Decided on"))
    new_end = date_field(_("New end date"))
    reason = forms.CharField(label=_("Reason"), max_length=400, required=False)


class ZoneLiftForm(ScopedForm):
    lift_decision = forms.CharField(label=_("Lifting decision"), max_length=80)
    lifted_on = date_field(_("Lifted on"))


class CheckpointForm(ScopedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Commune"), queryset=AdminUnit.objects.none())
    place = forms.CharField(label=_("Place"), max_length=400, required=False)
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(), required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation in charge"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        from dualgoal.organisations.models import Organisation

        super().__init__(*args, user=user, **kwargs)
        self.fields["unit"].queryset = own_units(user, Level.COMMUNE)
        self.fields["zone"].queryset = Zone.objects.visible_to(user)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).order_by("name")


class ShiftForm(ScopedForm):
    date = date_field(_("Date"))
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(
        label=_("To"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("An end time before the start time means the next morning (night shift)."),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    staff = forms.CharField(
        label=_("Staff on duty"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Nguyễn Văn A; công an; 0912345678"}),
        help_text=_("One person a line: name; role (công an, dân quân, y tế, tình nguyện, khác); phone."),
    )

    ROLE_WORDS = {
        "cong an": StaffRole.POLICE,
        "ca": StaffRole.POLICE,
        "police": StaffRole.POLICE,
        "dan quan": StaffRole.MILITIA,
        "dq": StaffRole.MILITIA,
        "militia": StaffRole.MILITIA,
        "y te": StaffRole.HEALTH,
        "yt": StaffRole.HEALTH,
        "health": StaffRole.HEALTH,
        "tinh nguyen": StaffRole.VOLUNTEER,
        "tinh nguyen vien": StaffRole.VOLUNTEER,
        "volunteer": StaffRole.VOLUNTEER,
        "khac": StaffRole.OTHER,
        "other": StaffRole.OTHER,
    }

    def clean_staff(self):
        from dualgoal.core.text import fold

        rows = []
        for number, line in enumerate((self.cleaned_data.get("staff") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            name = parts[0]
            role = self.ROLE_WORDS.get(fold(parts[1]) if len(parts) > 1 and parts[1] else "khac")
            if not name or role is None:
                raise forms.ValidationError(
                    _("Line %(n)s: write “name; role; phone” (role: công an, dân quân, y tế, tình nguyện, khác).")
                    % {"n": number}
                )
            rows.append({"name": name, "role": role, "phone": parts[2] if len(parts) > 2 else ""})
        return rows


class StaffForm(ScopedForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.ChoiceField(label=_("Role in the shift"), choices=StaffRole.choices)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)


class PassageForm(ScopedForm):
    """The phone form: one tap to log. The QR field takes the scanned URL or the bare token."""

    checkpoint = forms.ModelChoiceField(label=_("Checkpoint"), queryset=Checkpoint.objects.none())
    scan = forms.CharField(
        label=_("Permit QR code"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("Scan or paste the permit's code"), "autocomplete": "off", "autofocus": "autofocus"}
        ),
    )
    plate = forms.CharField(
        label=_("Vehicle plate"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "98A-123.45"}),
    )
    name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    id_number = forms.CharField(
        label=_("Citizen ID"), max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    origin = forms.CharField(label=_("Coming from"), max_length=255, required=False)
    origin_area = forms.ModelChoiceField(label=_("Epidemic area"), queryset=None, required=False)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, initial=Direction.IN, widget=forms.RadioSelect
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, initial=Outcome.ALLOWED, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason for turning back"), max_length=400, required=False)

    def __init__(self, *args, user, **kwargs):
        from dualgoal.operations.models import OriginArea
        from dualgoal.operations.services import area_in_force

        super().__init__(*args, user=user, **kwargs)
        self.fields["checkpoint"].queryset = Checkpoint.objects.visible_to(user).filter(active=True)
        day = today()
        areas = [a.pk for a in OriginArea.objects.visible_to(user) if area_in_force(a, day)]
        self.fields["origin_area"].queryset = OriginArea.objects.filter(pk__in=areas).order_by("name")
