"""Writes of cleaning plans and waste collections: keyword-only, atomic, each refusal names the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dualgoal.core.clock import today
from dualgoal.geography.choices import Level

from .choices import Method, PlanStatus, TargetKind, WasteSource
from .models import CleaningPlan, WasteCollection


def commune_of(unit):
    """The commune a unit belongs to (a village's parent), or None above the commune level."""
    if unit is None:
        return None
    if unit.level == Level.VILLAGE:
        return unit.parent
    if unit.level == Level.COMMUNE:
        return unit
    return None


def zone_commune(zone):
    """The commune of a zone: the single commune among the units it covers, else its issuing unit's commune."""
    units = getattr(zone, "units", None)
    if units is not None:
        communes = {commune_of(u) for u in units.all()} - {None}
        if len(communes) == 1:
            return communes.pop()
    return commune_of(getattr(zone, "unit", None))


def _target(target_kind, *, boarding_house, case, zone, place_name, address, commune, errors):
    """The commune of the target, checking the reference that goes with the kind."""
    derived = None
    if target_kind == TargetKind.BOARDING_HOUSE:
        if boarding_house is None:
            errors["boarding_house"] = _("Choose the boarding house.")
        else:
            derived = commune_of(boarding_house.village)
    elif target_kind == TargetKind.CASE_HOME:
        if case is None:
            errors["case"] = _("Choose the case (F0) whose home is to be cleaned.")
        else:
            derived = commune_of(case.person.residence_unit)
    elif target_kind == TargetKind.ZONE:
        if zone is None and not place_name.strip():
            errors["zone"] = _("Choose the zone.")
        elif zone is not None:
            derived = zone_commune(zone)
    elif target_kind in TargetKind.values:
        if not place_name.strip():
            errors["place_name"] = _("Enter the name of the place (market, public place…).")
        if not address.strip() and target_kind != TargetKind.OTHER:
            errors["address"] = _("Enter the address of the place.")
    else:
        errors["target_kind"] = _("Choose what is to be cleaned.")
    commune = derived or commune
    if commune is None and not errors:
        errors["commune"] = _("Choose the commune of the place.")
    elif commune is not None and commune.level != Level.COMMUNE:
        errors["commune"] = _("Choose a commune.")
    return commune


@transaction.atomic
def cleaning_plan_create(
    *,
    target_kind: str,
    scheduled_on: dt.date,
    in_charge: str,
    method: str = Method.CHLORAMINE_SPRAY,
    method_detail: str = "",
    scheduled_until: dt.date | None = None,
    boarding_house=None,
    case=None,
    zone=None,
    place_name: str = "",
    address: str = "",
    commune=None,
    notes: str = "",
    created_by=None,
    is_demo: bool = False,
) -> CleaningPlan:
    errors: dict[str, str] = {}
    commune = _target(
        target_kind,
        boarding_house=boarding_house,
        case=case,
        zone=zone,
        place_name=place_name or "",
        address=address or "",
        commune=commune,
        errors=errors,
    )
    if scheduled_until is not None and scheduled_until < scheduled_on:
        errors["scheduled_until"] = _("The last day cannot precede the first (%(day)s).") % {
            "day": f"{scheduled_on:%d/%m/%Y}"
        }
    if method not in Method.values:
        errors["method"] = _("Choose the method.")
    elif method == Method.OTHER and not method_detail.strip():
        errors["method_detail"] = _("Describe the method.")
    if not (in_charge or "").strip():
        errors["in_charge"] = _("Enter the organisation in charge (e.g. the commune's community Covid team).")
    if errors:
        raise ValidationError(errors)
    fields = {
        "target_kind": target_kind,
        "boarding_house": boarding_house if target_kind == TargetKind.BOARDING_HOUSE else None,
        "case": case if target_kind == TargetKind.CASE_HOME else None,
        "place_name": (place_name or "").strip(),
        "address": (address or "").strip(),
        "commune": commune,
        "method": method,
        "method_detail": method_detail.strip(),
        "in_charge": in_charge.strip(),
        "scheduled_on": scheduled_on,
        "scheduled_until": scheduled_until,
        "notes": notes,
        "created_by": created_by,
        "is_demo": is_demo,
    }
    fields["zone"] = zone if target_kind == TargetKind.ZONE else None
    return CleaningPlan.objects.create(**fields)


@transaction.atomic
def cleaning_plan_reschedule(
    *,
    plan: CleaningPlan,
    scheduled_on: dt.date,
    scheduled_until: dt.date | None = None,
    in_charge: str,
    notes: str = "",
) -> CleaningPlan:
    plan = CleaningPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.SCHEDULED:
        raise ValidationError(
            _("Only a scheduled cleaning can be changed; this one is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    errors: dict[str, str] = {}
    if scheduled_until is not None and scheduled_until < scheduled_on:
        errors["scheduled_until"] = _("The last day cannot precede the first (%(day)s).") % {
            "day": f"{scheduled_on:%d/%m/%Y}"
        }
    if not (in_charge or "").strip():
        errors["in_charge"] = _("Enter the organisation in charge (e.g. the commune's community Covid team).")
    if errors:
        raise ValidationError(errors)
    plan.scheduled_on, plan.scheduled_until = scheduled_on, scheduled_until
    plan.in_charge, plan.notes = in_charge.strip(), notes
    plan.save()
    return plan


@transaction.atomic
def cleaning_mark_done(*, plan: CleaningPlan, done_on: dt.date, done_by: str, notes: str = "") -> CleaningPlan:
    """Done: earlier than scheduled is allowed (teams go when they can), a date in the future is not."""
    plan = CleaningPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.SCHEDULED:
        raise ValidationError(
            _("Only a scheduled cleaning can be marked done; this one is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    errors: dict[str, str] = {}
    if done_on > today():
        errors["done_on"] = _("The date %(day)s is in the future: record the cleaning once it is done.") % {
            "day": f"{done_on:%d/%m/%Y}"
        }
    if not (done_by or "").strip():
        errors["done_by"] = _("Enter who did the cleaning.")
    if errors:
        raise ValidationError(errors)
    plan.status = PlanStatus.DONE
    plan.done_on = done_on
    plan.done_by = done_by.strip()
    if notes:
        plan.notes = f"{plan.notes}\n{notes}".strip()
    plan.save()
    return plan


@transaction.atomic
def cleaning_cancel(*, plan: CleaningPlan, reason: str) -> CleaningPlan:
    plan = CleaningPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.SCHEDULED:
        raise ValidationError(
            _("Only a scheduled cleaning can be cancelled; this one is %(status)s.")
            % {"status": plan.get_status_display()}
        )
    if len((reason or "").strip()) < 5:
        raise ValidationError({"reason": _("Give the reason for the cancellation.")})
    plan.status = PlanStatus.CANCELLED
    plan.cancel_reason = reason.strip()
    plan.save()
    return plan


@transaction.atomic
def waste_collection_record(
    *,
    source_kind: str,
    collected_on: dt.date,
    weight_kg: Decimal,
    collector: str,
    destination: str,
    facility=None,
    place: str = "",
    commune=None,
    bags: int | None = None,
    manifest_number: str = "",
    notes: str = "",
    is_demo: bool = False,
) -> WasteCollection:
    errors: dict[str, str] = {}
    if source_kind == WasteSource.FACILITY:
        if facility is None:
            errors["facility"] = _("Choose the quarantine facility.")
        else:
            commune = facility.commune
    elif source_kind in WasteSource.values:
        facility = None
        if not (place or "").strip():
            errors["place"] = _("Enter the place the waste was collected from.")
    else:
        errors["source_kind"] = _("Choose where the waste was collected from.")
    if commune is None and "facility" not in errors:
        errors["commune"] = _("Choose the commune of the place.")
    elif commune is not None and commune.level != Level.COMMUNE:
        errors["commune"] = _("Choose a commune.")
    if collected_on > today():
        errors["collected_on"] = _("The date %(day)s is in the future.") % {"day": f"{collected_on:%d/%m/%Y}"}
    if weight_kg is None or Decimal(weight_kg) <= 0:
        errors["weight_kg"] = _("The weight must be more than 0 kg.")
    if bags is not None and bags < 0:
        errors["bags"] = _("The number of bags cannot be negative.")
    if not (collector or "").strip():
        errors["collector"] = _("Enter who collected the waste.")
    if not (destination or "").strip():
        errors["destination"] = _("Enter where the waste went (e.g. the district health centre's incinerator).")
    if errors:
        raise ValidationError(errors)
    return WasteCollection.objects.create(
        source_kind=source_kind,
        facility=facility,
        place=(place or "").strip(),
        commune=commune,
        collected_on=collected_on,
        weight_kg=Decimal(weight_kg),
        bags=bags,
        collector=collector.strip(),
        destination=destination.strip(),
        manifest_number=manifest_number.strip(),
        notes=notes,
        is_demo=is_demo,
    )
