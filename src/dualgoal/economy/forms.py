"""Forms of the economic-recovery screens.

The forms whose `save()` writes directly (condition review, labour confirmation, commitment, boarding house,
shuttle, trip) cover records `services.py` has no service for yet; each writes in one transaction.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dualgoal.core.clock import today
from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.organisations.models import Organisation

from .choices import ConditionKind, ConditionStatus, DecisionKind, InspectionDecision
from .models import BoardingHouse, Employment, Enterprise, IndustrialPark, Shuttle


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


def in_force() -> Q:
    """Units of the tree version in force today (the demo lives in 2021, before the 2025 reorganisation)."""
    day = today()
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def units_for(user, level: int):
    """Units of `level` inside the user's own subtrees (not the ones above)."""
    units = AdminUnit.objects.filter(in_force(), level=level)
    if not user.is_superuser:
        units = units.filter(scope_q(user_scope_paths(user), field="self", include_ancestors=False))
    return units.select_related("parent").order_by("path")


def district_path(enterprise: Enterprise) -> str:
    commune = enterprise.commune
    return commune.parent.path if commune.parent_id else commune.path


def district_units(enterprise: Enterprise | None, level: int):
    """Units of `level` in the enterprise's district (where its workers live and its boarding houses stand)."""
    if enterprise is None:
        return None
    return (
        AdminUnit.objects.filter(in_force(), level=level, path__startswith=district_path(enterprise))
        .select_related("parent")
        .order_by("path")
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: AdminUnit) -> str:
        return f"{unit.name}, {unit.parent.name}" if unit.parent_id else unit.name


class EnterpriseForm(forms.Form):
    tax_code = forms.CharField(
        label=_("Tax code"), max_length=20, help_text=_("10 digits, or 13 for a branch (0101234567-001).")
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    park = forms.ModelChoiceField(label=_("Industrial park or cluster"), queryset=None, required=False)
    commune = UnitChoiceField(label=_("Commune"), queryset=None)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    sector = forms.CharField(label=_("Sector"), max_length=120, required=False)
    workforce = forms.IntegerField(label=_("Registered workforce"), min_value=0, initial=0)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = IndustrialPark.objects.visible_to(user)
        self.fields["commune"].queryset = units_for(user, Level.COMMUNE)


class ConditionSubmitForm(forms.Form):
    document = forms.FileField(label=_("Document"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConditionReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(ConditionStatus.APPROVED, _("Approve")), (ConditionStatus.REJECTED, _("Reject"))],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class InspectionForm(forms.Form):
    team = forms.CharField(label=_("Inspection team"), max_length=255)
    date = date_field(_("Date"))
    decision = forms.ChoiceField(label=_("Decision"), choices=InspectionDecision.choices, widget=forms.RadioSelect)
    fix_by = date_field(_("Fix by"), required=False, help_text=_("Required when the decision is to fix by a date."))
    decision_number = forms.CharField(
        label=_("Suspension decision number"), max_length=60, required=False, help_text=_("When suspending.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ConditionKind:
            self.fields[f"finding_{kind.value}"] = forms.CharField(
                label=capfirst(kind.label), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.order_fields(["team", "date", *[f"finding_{k}" for k in ConditionKind.values], "decision"])

    def finding_fields(self):
        return [self[f"finding_{kind}"] for kind in ConditionKind.values]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "team": data["team"],
            "date": data["date"],
            "findings": {k: data[f"finding_{k}"].strip() for k in ConditionKind.values if data[f"finding_{k}"].strip()},
            "decision": data["decision"],
            "fix_by": data["fix_by"],
            "decision_number": data["decision_number"],
        }


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=DecisionKind.choices, widget=forms.RadioSelect)
    number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    date = date_field(_("Date"))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConfirmationForm(forms.Form):
    """The Labour department confirms the list of workers eligible to return (committed, not yet confirmed)."""

    number = forms.CharField(label=_("List number"), max_length=60)
    date = date_field(_("Date"))
    confirmed_by = forms.ModelChoiceField(label=_("Confirmed by"), queryset=Organisation.objects.none())
    employments = forms.ModelMultipleChoiceField(
        label=_("Workers confirmed"), queryset=Employment.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, enterprise: Enterprise, employments, **kwargs):
        super().__init__(*args, **kwargs)
        self.enterprise = enterprise
        own = Organisation.objects.filter(memberships__user=user).exclude(kind="enterprise").distinct()
        if user.is_superuser and not own.exists():
            own = Organisation.objects.filter(kind="department")
        self.fields["confirmed_by"].queryset = own.order_by("name")
        if own.count() == 1:
            self.fields["confirmed_by"].initial = own.first()
        self.fields["employments"].queryset = (
            employments.filter(
                enterprise=enterprise, active=True, confirmation__isnull=True, commitment_signed_on__isnull=False
            )
            .select_related("person")
            .order_by("person__name_folded")
        )
        self.fields["employments"].label_from_instance = lambda e: e.person.full_name

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > today():
            raise ValidationError(_("The date is in the future."))
        return day


class CommitmentForm(forms.Form):
    commitment_signed_on = date_field(_("Commitment signed on"))
    commitment_scan = forms.FileField(label=_("Signed commitment (scan)"), required=False)

    def clean_commitment_signed_on(self):
        day = self.cleaned_data["commitment_signed_on"]
        if day > today():
            raise ValidationError(_("The date is in the future."))
        return day


class BulkCommitmentForm(forms.Form):
    commitment_signed_on = date_field(_("Commitment signed on"))


class PermitRequestForm(forms.Form):
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"))
    route = forms.CharField(
        label=_("Route"), max_length=255, required=False, help_text=_("Roads taken between the two points.")
    )


class WorkerSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("all workers")),
            ("eligible", _("eligible without a permit")),
            ("permit", _("with a valid permit")),
            ("uncommitted", _("commitment not signed")),
            ("unconfirmed", _("not confirmed")),
        ],
    )


class BoardingHouseForm(forms.Form):
    """A boarding house the enterprise leases whole (the rule: one house, one enterprise, every room)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    owner_name = forms.CharField(label=_("Owner"), max_length=150)
    owner_phone = forms.CharField(label=_("Owner's phone"), max_length=12, required=False)
    address = forms.CharField(label=_("Address"), max_length=255)
    village = UnitChoiceField(label=_("Village"), queryset=None)
    rooms = forms.IntegerField(label=_("Rooms"), min_value=1, max_value=1000)
    start = date_field(_("Leased from"))
    end = date_field(_("Leased until"), required=False)

    HOUSE_FIELDS = ("name", "owner_name", "owner_phone", "address", "village", "rooms")

    def __init__(self, *args, user, enterprise: Enterprise | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = district_units(enterprise, Level.VILLAGE) or units_for(user, Level.VILLAGE)


class LeaseForm(forms.Form):
    boarding_house = forms.ModelChoiceField(label=_("Boarding house"), queryset=BoardingHouse.objects.none())
    rooms = forms.IntegerField(label=_("Rooms leased"), min_value=1, max_value=1000)
    start = date_field(_("From"))
    end = date_field(_("To"), required=False)

    def __init__(self, *args, user, enterprise: Enterprise | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        houses = BoardingHouse.objects.visible_to(user)
        if enterprise is not None:  # an enterprise leases anywhere in its district, not only in its own commune
            houses = BoardingHouse.objects.filter(village__path__startswith=district_path(enterprise))
        self.fields["boarding_house"].queryset = houses.select_related("village").order_by("name")
        self.fields["boarding_house"].label_from_instance = lambda h: (
            _("%(house)s (%(rooms)s rooms)")
            % {
                "house": h,
                "rooms": h.rooms,
            }
        )


class ShuttleForm(forms.Form):
    plate = forms.CharField(label=_("Licence plate"), max_length=20, help_text=_("e.g. 98B-123.45"))
    route = forms.CharField(label=_("Route"), max_length=255)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=100, initial=45)
    driver = forms.ModelChoiceField(label=_("Driver"), queryset=None, required=False)

    def __init__(self, *args, enterprise: Enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.enterprise = enterprise
        workers = enterprise.employments.filter(active=True).select_related("person").order_by("person__name_folded")
        self.fields["driver"].queryset = workers
        self.fields["driver"].label_from_instance = lambda e: e.person.full_name

    def clean_plate(self):
        plate = " ".join(self.cleaned_data["plate"].upper().split())
        if Shuttle.objects.filter(plate=plate).exists():
            raise ValidationError(_("A shuttle with plate %(plate)s is already declared.") % {"plate": plate})
        return plate


class TripForm(forms.Form):
    """One run of a shuttle and its manifest: who rode it."""

    shuttle = forms.ModelChoiceField(label=_("Shuttle"), queryset=Shuttle.objects.none())
    date = date_field(_("Date"))
    departure = forms.TimeField(label=_("Departure"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    riders = forms.ModelMultipleChoiceField(
        label=_("Riders"), queryset=Employment.objects.none(), widget=forms.SelectMultiple(attrs={"size": 10})
    )

    def __init__(self, *args, enterprise: Enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.enterprise = enterprise
        self.fields["shuttle"].queryset = enterprise.shuttles.all()
        workers = enterprise.employments.filter(active=True).select_related("person").order_by("person__name_folded")
        self.fields["riders"].queryset = workers
        self.fields["riders"].label_from_instance = lambda e: e.person.full_name

    def clean(self):
        data = super().clean()
        shuttle, riders = data.get("shuttle"), data.get("riders")
        if data.get("date") and data["date"] > today():
            self.add_error("date", _("A manifest records a trip that took place: the date is in the future."))
        if shuttle and riders and len(riders) > shuttle.seats:
            self.add_error(
                "riders",
                _("%(n)s riders on a %(seats)s-seat shuttle.") % {"n": len(riders), "seats": shuttle.seats},
            )
        return data


class CheckpointForm(forms.Form):
    """Where the officer stands: kept in the session, written on every scan."""

    checkpoint = forms.ChoiceField(label=_("Checkpoint"), required=False)
    other = forms.CharField(label=_("Other checkpoint"), max_length=120, required=False)

    def __init__(self, *args, choices: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkpoint"].choices = [("", "—"), *[(c, c) for c in choices]]

    def clean(self):
        data = super().clean()
        name = " ".join((data.get("other") or data.get("checkpoint") or "").split())
        if not name:
            raise ValidationError(_("Choose your checkpoint or type its name."))
        data["name"] = name
        return data
