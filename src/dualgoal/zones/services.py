"""Writes of zones and checkpoints. Keyword-only, one transaction each, Vietnamese errors keyed by field.

A zone's area is a set of communes or villages inside its issuing unit; a village of a commune already chosen is
dropped (the commune covers it). A passage is logged in one transaction with its permit scan (economy) and, for a
person turned back who came from an epidemic area, the arrival put on watch (operations): all or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dualgoal.core.clock import today
from dualgoal.core.identity import validate_id_number
from dualgoal.core.rulebook import RuleNotFound, RuleValue, rule
from dualgoal.core.text import nfc
from dualgoal.geography.choices import Level

from .choices import Direction, Directive, Outcome, StaffRole, ZoneKind
from .geo import polygon_clean
from .models import Checkpoint, Passage, Shift, ShiftStaff, Zone, ZoneExtension

DAY = dt.timedelta(days=1)


def _d(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "—"


def _fail(field_name: str, message: str) -> None:
    raise ValidationError({field_name: message})


# --- zones ----------------------------------------------------------------------------------------------------


def directive_rule(directive: int, on: dt.date) -> RuleValue:
    return rule(f"directive.{int(directive)}.measures", on=on)


def units_normalise(units: Iterable, *, within) -> list:
    """Communes and villages inside `within`; a village whose commune is also chosen is dropped (redundant)."""
    chosen = sorted({u.pk: u for u in units}.values(), key=lambda u: u.path)
    errors = []
    for unit in chosen:
        if unit.level not in (Level.COMMUNE, Level.VILLAGE):
            errors.append(
                _("%(unit)s is not a commune or a village: choose the communes or villages of the zone.")
                % {"unit": unit}
            )
        elif within is not None and not unit.path.startswith(within.path):
            errors.append(_("%(unit)s is outside %(issuer)s.") % {"unit": unit, "issuer": within})
    if errors:
        raise ValidationError({"units": errors})
    commune_paths = [u.path for u in chosen if u.level == Level.COMMUNE]
    return [u for u in chosen if u.level == Level.COMMUNE or not any(u.path.startswith(p) for p in commune_paths)]


def _zone_clean(values: dict) -> dict:
    errors: dict[str, str] = {}
    name = nfc(str(values.get("name") or "")).strip()
    kind, directive, unit = values.get("kind"), values.get("directive"), values.get("unit")
    number = nfc(str(values.get("decision_number") or "")).strip()
    issued_on, start, end = values.get("issued_on"), values.get("start_date"), values.get("planned_end")
    if kind not in ZoneKind.values:
        errors["kind"] = _("Choose lockdown or social distancing.")
    try:
        directive = int(directive)
    except (TypeError, ValueError):
        directive = None
    if directive not in Directive.values:
        errors["directive"] = _("Choose the directive level: 15, 16 or 19.")
    if unit is None or unit.level not in (Level.DISTRICT, Level.COMMUNE):
        errors["unit"] = _("The issuing unit must be a district or a commune.")
    if not number:
        errors["decision_number"] = _("Enter the decision number, e.g. “Quyết định số 123/QĐ-UBND”.")
    for field_name, value in (("issued_on", issued_on), ("start_date", start), ("planned_end", end)):
        if value is None:
            errors[field_name] = _("This date is required.")
    if issued_on and start and start < issued_on:
        errors["start_date"] = _("The zone cannot start (%(start)s) before its decision was issued (%(issued)s).") % {
            "start": _d(start),
            "issued": _d(issued_on),
        }
    if start and end and end < start:
        errors["planned_end"] = _("The planned end %(end)s is before the start %(start)s.") % {
            "end": _d(end),
            "start": _d(start),
        }
    if start and directive in Directive.values:
        try:
            directive_rule(directive, start)
        except RuleNotFound:
            errors["directive"] = _(
                "No rule “directive.%(n)s.measures” is in force on %(day)s: the measures of the zone are unknown."
            ) % {"n": directive, "day": _d(start)}
    polygon = None
    try:
        polygon = polygon_clean(values.get("polygon"))
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    units = []
    try:
        units = units_normalise(values.get("units") or [], within=unit if "unit" not in errors else None)
        if not units:
            errors["units"] = _("Choose at least one commune or village.")
    except ValidationError as exc:
        errors["units"] = " ".join(exc.message_dict["units"])
    if errors:
        raise ValidationError(errors)
    if not name:
        name = _("%(kind)s (Directive %(n)s) — %(area)s") % {
            "kind": ZoneKind(kind).label,
            "n": directive,
            "area": ", ".join(u.name for u in units[:4]) + ("…" if len(units) > 4 else ""),
        }
    return {
        "name": name[:200],
        "kind": kind,
        "directive": directive,
        "unit": unit,
        "decision_number": number,
        "issued_on": issued_on,
        "start_date": start,
        "planned_end": end,
        "polygon": polygon,
        "inner_control": nfc(str(values.get("inner_control") or "")).strip(),
        "outer_control": nfc(str(values.get("outer_control") or "")).strip(),
        "units": units,
    }


@transaction.atomic
def zone_declare(
    *,
    kind: str,
    directive: int,
    unit,
    units: Iterable,
    decision_number: str,
    issued_on: dt.date,
    start_date: dt.date,
    planned_end: dt.date,
    name: str = "",
    polygon=None,
    inner_control: str = "",
    outer_control: str = "",
    is_demo: bool = False,
) -> Zone:
    """Declare a lockdown or social-distancing zone over communes or villages, under a directive's measures."""
    cleaned = _zone_clean(locals())
    units = cleaned.pop("units")
    zone = Zone.objects.create(is_demo=is_demo, **cleaned)
    zone.units.set(units)
    return zone


@transaction.atomic
def zone_update(*, zone: Zone, **changes) -> Zone:
    """Change a zone's declaration (name, area, boundary, dates, control notes). Extensions and lifting have their
    own services; the planned end cannot move past an extension already decided."""
    allowed = {
        "name",
        "kind",
        "directive",
        "unit",
        "units",
        "decision_number",
        "issued_on",
        "start_date",
        "planned_end",
        "polygon",
        "inner_control",
        "outer_control",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"zone_update() got unexpected fields: {', '.join(sorted(unknown))}")
    values = {name: getattr(zone, name) for name in allowed - {"units"}}
    values["units"] = list(zone.units.all())
    values.update(changes)
    cleaned = _zone_clean(values)
    if zone.lifted_on and cleaned["start_date"] > zone.lifted_on:
        _fail(
            "start_date", _("The zone was lifted on %(day)s: it cannot start after that.") % {"day": _d(zone.lifted_on)}
        )
    first_extension = zone.extensions.order_by("new_end").first()
    if first_extension and cleaned["planned_end"] >= first_extension.new_end:
        _fail(
            "planned_end",
            _("Extension %(number)s already runs the zone to %(day)s: the planned end must stay before it.")
            % {"number": first_extension.decision_number, "day": _d(first_extension.new_end)},
        )
    units = cleaned.pop("units")
    for name, value in cleaned.items():
        setattr(zone, name, value)
    zone.save()
    zone.units.set(units)
    return zone


@transaction.atomic
def zone_extend(
    *, zone: Zone, decision_number: str, decided_on: dt.date, new_end: dt.date, reason: str = ""
) -> ZoneExtension:
    """Extend a zone by a decision: the new end must be after the end in force."""
    zone = Zone.objects.select_for_update().get(pk=zone.pk)
    errors: dict[str, str] = {}
    number = nfc(decision_number or "").strip()
    if zone.lifted_on:
        errors["new_end"] = _("The zone was lifted on %(day)s by %(number)s: it cannot be extended.") % {
            "day": _d(zone.lifted_on),
            "number": zone.lift_decision,
        }
    if not number:
        errors["decision_number"] = _("Enter the number of the extension decision.")
    if decided_on is None:
        errors["decided_on"] = _("This date is required.")
    elif decided_on < zone.issued_on:
        errors["decided_on"] = _("The extension cannot be decided before the zone's own decision (%(day)s).") % {
            "day": _d(zone.issued_on)
        }
    current = zone.end_on()
    if new_end is None:
        errors["new_end"] = _("This date is required.")
    elif "new_end" not in errors and new_end <= current:
        errors["new_end"] = _("The new end date %(new)s must be after the current end date %(current)s.") % {
            "new": _d(new_end),
            "current": _d(current),
        }
    if errors:
        raise ValidationError(errors)
    return ZoneExtension.objects.create(
        zone=zone, decision_number=number, decided_on=decided_on, new_end=new_end, reason=nfc(reason).strip()[:400]
    )


@transaction.atomic
def zone_lift(*, zone: Zone, lift_decision: str, lifted_on: dt.date) -> Zone:
    """Lift a zone (dỡ bỏ phong tỏa / giãn cách) by a decision, from a date not before its start."""
    zone = Zone.objects.select_for_update().get(pk=zone.pk)
    errors: dict[str, str] = {}
    number = nfc(lift_decision or "").strip()
    if zone.lifted_on:
        errors["lifted_on"] = _("The zone was already lifted on %(day)s by %(number)s.") % {
            "day": _d(zone.lifted_on),
            "number": zone.lift_decision,
        }
    if not number:
        errors["lift_decision"] = _("Enter the number of the lifting decision.")
    if lifted_on is None:
        errors.setdefault("lifted_on", _("This date is required."))
    elif lifted_on < zone.start_date:
        errors.setdefault(
            "lifted_on",
            _("The zone cannot be lifted on %(day)s, before it started on %(start)s.")
            % {"day": _d(lifted_on), "start": _d(zone.start_date)},
        )
    elif lifted_on > zone.end_on() + DAY:
        errors.setdefault(
            "lifted_on",
            _("The zone already ended on %(end)s: there is nothing to lift on %(day)s.")
            % {"end": _d(zone.end_on()), "day": _d(lifted_on)},
        )
    if errors:
        raise ValidationError(errors)
    zone.lift_decision, zone.lifted_on = number[:80], lifted_on
    zone.save()
    return zone


# --- checkpoints and shifts ------------------------------------------------------------------------------------


@transaction.atomic
def checkpoint_create(
    *,
    name: str,
    unit,
    place: str = "",
    zone: Zone | None = None,
    organisation=None,
    active: bool = True,
    is_demo: bool = False,
) -> Checkpoint:
    errors: dict[str, str] = {}
    name = nfc(name or "").strip()
    if not name:
        errors["name"] = _("Enter the checkpoint's name.")
    if unit is None or unit.level != Level.COMMUNE:
        errors["unit"] = _("A checkpoint belongs to a commune: choose the commune where it stands.")
    elif Checkpoint.objects.filter(unit=unit, name__iexact=name).exists():
        errors["name"] = _("%(unit)s already has a checkpoint named “%(name)s”.") % {"unit": unit, "name": name}
    if zone is not None and unit is not None and "unit" not in errors:
        touches = any(u.path.startswith(unit.path) or unit.path.startswith(u.path) for u in zone.units.all())
        if not touches:
            errors["zone"] = _("Zone “%(zone)s” does not cover %(unit)s.") % {"zone": zone, "unit": unit}
    if errors:
        raise ValidationError(errors)
    return Checkpoint.objects.create(
        name=name[:200],
        unit=unit,
        place=nfc(place or "").strip()[:400],
        zone=zone,
        organisation=organisation,
        active=active,
        is_demo=is_demo,
    )


def _bounds(day: dt.date, start: dt.time, end: dt.time) -> tuple[dt.datetime, dt.datetime]:
    end_day = day if end > start else day + DAY
    return dt.datetime.combine(day, start), dt.datetime.combine(end_day, end)


@transaction.atomic
def shift_create(
    *,
    checkpoint: Checkpoint,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    note: str = "",
    staff: Iterable[dict] = (),
) -> Shift:
    """A shift at a checkpoint, with the staff on duty; shifts of one checkpoint never overlap."""
    errors: dict[str, str] = {}
    if date is None:
        errors["date"] = _("This date is required.")
    if start_time is None:
        errors["start_time"] = _("Enter the start time.")
    if end_time is None:
        errors["end_time"] = _("Enter the end time.")
    elif start_time is not None and end_time == start_time:
        errors["end_time"] = _("The shift ends when it starts: enter a different end time.")
    if errors:
        raise ValidationError(errors)
    Checkpoint.objects.select_for_update().filter(pk=checkpoint.pk).first()  # serialise shift creation
    starts, ends = _bounds(date, start_time, end_time)
    for other in Shift.objects.filter(checkpoint=checkpoint, date__range=(date - DAY, date + DAY)):
        if other.starts_at < ends and starts < other.ends_at:
            _fail(
                "start_time",
                _("This shift overlaps the shift of %(day)s %(start)s–%(end)s at %(checkpoint)s.")
                % {
                    "day": _d(other.date),
                    "start": f"{other.start_time:%H:%M}",
                    "end": f"{other.end_time:%H:%M}",
                    "checkpoint": checkpoint,
                },
            )
    shift = Shift.objects.create(
        checkpoint=checkpoint, date=date, start_time=start_time, end_time=end_time, note=nfc(note or "")[:255]
    )
    for row in staff:
        shift_staff_add(shift=shift, **row)
    return shift


@transaction.atomic
def shift_staff_add(*, shift: Shift, role: str, user=None, name: str = "", phone: str = "") -> ShiftStaff:
    from dualgoal.core.identity import normalise_phone

    errors: dict[str, str] = {}
    name = nfc(name or "").strip()
    if user is None and not name:
        errors["name"] = _("Choose a user or enter the name of the person on duty.")
    if role not in StaffRole.values:
        errors["role"] = _("Choose the role in the shift (police, militia, health worker…).")
    try:
        phone = normalise_phone(phone) if phone else ""
    except ValidationError as exc:
        errors["phone"] = exc.messages[0]
    if errors:
        raise ValidationError(errors)
    return ShiftStaff.objects.create(shift=shift, user=user, name=name[:150], role=role, phone=phone)


def shift_for(checkpoint: Checkpoint, at: dt.datetime) -> Shift | None:
    """The shift covering a moment (local time) at a checkpoint, if any."""
    local = timezone.localtime(at).replace(tzinfo=None) if timezone.is_aware(at) else at
    for shift in Shift.objects.filter(checkpoint=checkpoint, date__range=(local.date() - DAY, local.date())):
        if shift.starts_at <= local < shift.ends_at:
            return shift
    return None


# --- passages --------------------------------------------------------------------------------------------------

_PLATE = re.compile(r"^(\d{2})([A-Z]{1,2})(\d{4,6})$")


def plate_normalise(raw: str) -> str:
    """ "98a12345", "98A-123.45", "98 a 123 45" -> "98A-123.45"; motorbikes "98B1 12345" -> "98B1-123.45"."""
    text = re.sub(r"[^0-9A-Za-z]", "", raw or "").upper().replace("Đ", "D")
    if not text:
        return ""
    match = _PLATE.match(text)
    if not match:
        raise ValidationError(
            {"plate": _("“%(value)s” is not a Vietnamese vehicle plate (e.g. 98A-123.45).") % {"value": raw}}
        )
    province, series, number = match.groups()
    if len(number) == 6:  # a motorbike series carries a digit: 98B1 + 234.56
        series, number = series + number[0], number[1:]
    if len(number) == 5:
        number = f"{number[:3]}.{number[3:]}"
    return f"{province}{series}-{number}"


def token_from_scan(text: str) -> str:
    """A scanned permit QR holds the URL of the check page (…/economy/check/<token>/) or the bare token."""
    text = (text or "").strip()
    if "/check/" in text:
        text = text.split("/check/", 1)[1]
    return text.split("?", 1)[0].strip("/ ")


def default_time() -> dt.datetime:
    """Now, on the system's date (the demo lives on 15/07/2021)."""
    now = timezone.localtime()
    return timezone.make_aware(dt.datetime.combine(today(), now.time().replace(microsecond=0)))


def _watch_person(*, person, name: str, id_number: str, checkpoint: Checkpoint, origin: str, at: dt.datetime):
    """The registry person behind a turned-back subject: the one given, the one with that citizen ID, or a new
    visitor recorded in the checkpoint's commune (where the watch happens)."""
    from dualgoal.people.models import Person
    from dualgoal.people.services import person_create

    if person is not None:
        return person
    if id_number:
        found = Person.objects.filter(id_number=id_number).first()
        if found is not None:
            return found
    if not name:
        _fail("name", _("Enter the name of the person turned back: they go on the arrivals watch."))
    address = _("Turned back at %(checkpoint)s on %(day)s, coming from %(origin)s") % {
        "checkpoint": checkpoint,
        "day": f"{timezone.localtime(at):%d/%m/%Y %H:%M}",
        "origin": origin,
    }
    return person_create(full_name=name, id_number=id_number, residence_unit=checkpoint.unit, address=address[:255])


@transaction.atomic
def passage_log(
    *,
    checkpoint: Checkpoint,
    officer,
    direction: str,
    outcome: str,
    at: dt.datetime | None = None,
    reason: str = "",
    person=None,
    name: str = "",
    id_number: str = "",
    plate: str = "",
    origin: str = "",
    origin_area=None,
    permit_token: str = "",
    is_demo: bool = False,
) -> Passage:
    """Log a passage: the permit scan (economy) if a QR was read, and for someone turned back who came from an
    epidemic area the arrival on watch (operations). One transaction: any refusal saves nothing."""
    errors: dict[str, str] = {}
    name, reason, origin = nfc(name or "").strip(), nfc(reason or "").strip(), nfc(origin or "").strip()
    token = token_from_scan(permit_token)
    at = at or default_time()
    if not checkpoint.active:
        errors["checkpoint"] = _("Checkpoint %(name)s is not active.") % {"name": checkpoint}
    if direction not in Direction.values:
        errors["direction"] = _("Choose the direction: in or out.")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome: allowed through or turned back.")
    elif outcome == Outcome.TURNED_BACK and not reason:
        errors["reason"] = _("Say why the person or vehicle was turned back.")
    try:
        id_number = validate_id_number(id_number) if id_number else ""
    except ValidationError as exc:
        errors["id_number"] = exc.messages[0]
    try:
        plate = plate_normalise(plate)
    except ValidationError as exc:
        errors["plate"] = exc.message_dict["plate"][0]
    if not (person or name or id_number or plate or token or errors.get("id_number") or errors.get("plate")):
        errors["name"] = _("Say who or what passed: scan a permit, or enter a name, a citizen ID or a plate.")
    if timezone.localtime(at).date() > today():
        errors["at"] = _("The time %(at)s is in the future.") % {"at": f"{timezone.localtime(at):%d/%m/%Y %H:%M}"}
    if errors:
        raise ValidationError(errors)

    scan = None
    if token:
        from dualgoal.economy.services import permit_scan

        scan, permit = permit_scan(token=token, checkpoint=checkpoint.name[:120], officer=officer)
        if permit is not None and person is None:
            person = permit.employment.person
    if person is None and id_number:
        from dualgoal.people.models import Person

        person = Person.objects.filter(id_number=id_number).first()
    if origin_area is not None and not origin:
        origin = origin_area.name

    arrival = None
    if outcome == Outcome.TURNED_BACK and origin_area is not None:
        from dualgoal.operations.services import arrival_record

        watched = _watch_person(
            person=person, name=name, id_number=id_number, checkpoint=checkpoint, origin=origin, at=at
        )
        try:
            arrival = arrival_record(person=watched, origin_area=origin_area, arrived_on=timezone.localtime(at).date())
        except ValidationError as exc:
            raise ValidationError(
                {
                    ("origin_area" if key in ("origin_area", "arrived_on", "left_area_on") else key): value
                    for key, value in exc.message_dict.items()
                }
            ) from exc
        person = watched

    return Passage.objects.create(
        checkpoint=checkpoint,
        shift=shift_for(checkpoint, at),
        at=at,
        direction=direction,
        person=person,
        name=name[:150] or (person.full_name[:150] if person else ""),
        id_number=id_number or ((person.id_number or "") if person else ""),
        plate=plate,
        origin=origin[:255],
        origin_area=origin_area,
        permit_scan=scan,
        scan_result=scan.result if scan else "",
        outcome=outcome,
        reason=reason[:400],
        arrival=arrival,
        officer=officer,
        is_demo=is_demo,
    )
