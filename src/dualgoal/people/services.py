"""Writes to the person registry: every check first, then one transaction (no half-written person).

`user` is the person doing it (their scope limits the residence they may choose); None for a system import,
which is not limited.

Errors are a ValidationError keyed by field, in the user's language, each naming the field it is about.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dualgoal.core.access import mask_id_number
from dualgoal.core.clock import today
from dualgoal.core.identity import normalise_phone, validate_id_number
from dualgoal.core.querysets import user_scope_paths
from dualgoal.core.text import nfc
from dualgoal.geography.choices import Level

from .choices import Sex
from .models import Household, Person

PERSON_FIELDS = (
    "full_name",
    "birth_date",
    "birth_year",
    "sex",
    "id_number",
    "phone",
    "residence_unit",
    "managing_unit",
    "address",
    "household",
)


def person_create(
    *,
    user=None,
    full_name: str,
    birth_date: dt.date | None = None,
    birth_year: int | None = None,
    sex: str = "",
    id_number: str | int | None = "",
    phone: str | int | None = "",
    residence_unit=None,
    managing_unit=None,
    address: str = "",
    household: Household | None = None,
    is_demo: bool = False,
) -> Person:
    person = Person(is_demo=is_demo)
    values = {
        "full_name": full_name,
        "birth_date": birth_date,
        "birth_year": birth_year,
        "sex": sex,
        "id_number": id_number,
        "phone": phone,
        "residence_unit": residence_unit,
        "managing_unit": managing_unit,
        "address": address,
        "household": household,
    }
    return _save(person, values, user=user)


def person_update(*, person: Person, user=None, **changes) -> Person:
    """Change some fields of a person (any of PERSON_FIELDS); the others keep their values."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_update() got unexpected fields: {', '.join(sorted(unknown))}")
    values = {name: getattr(person, name) for name in PERSON_FIELDS}
    values.update(changes)
    return _save(Person.objects.get(pk=person.pk), values, user=user)


def _save(person: Person, values: dict, *, user) -> Person:
    cleaned = person_clean(values, user=user, instance_pk=person.pk)
    changed = [name for name, value in cleaned.items() if getattr(person, name) != value]
    if person.pk and not changed:
        return person
    for name, value in cleaned.items():
        setattr(person, name, value)
    person._history_user = user
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:  # another request took the number between the check and the write
        taken = Person.objects.filter(id_number=cleaned["id_number"]).exclude(pk=person.pk)
        if cleaned["id_number"] and taken.exists():
            raise ValidationError({"id_number": _duplicate_message(cleaned["id_number"], user)}) from exc
        raise
    return person


def person_clean(values: dict, *, user, instance_pk: int | None = None) -> dict:
    """Check and normalise a person's fields; raise one ValidationError listing every field at fault."""
    errors: dict[str, list[str]] = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    full_name = nfc(str(values.get("full_name") or ""))
    if not full_name:
        fail("full_name", _("Full name is required."))
    elif len(full_name) > Person._meta.get_field("full_name").max_length:
        fail("full_name", _("Full name is too long (at most 150 characters)."))

    birth_date = values.get("birth_date")
    birth_year = values.get("birth_year")
    current = today()
    if birth_date and birth_date > current:
        fail("birth_date", _("Date of birth %(date)s is in the future.") % {"date": f"{birth_date:%d/%m/%Y}"})
    if birth_year is not None and birth_year != "":
        try:
            birth_year = int(birth_year)
        except (TypeError, ValueError):
            fail("birth_year", _("Year of birth must be a number such as 1985."))
            birth_year = None
        else:
            if not 1900 <= birth_year <= current.year:
                fail("birth_year", _("Year of birth must be between 1900 and %(year)s.") % {"year": current.year})
    else:
        birth_year = None
    if birth_date and birth_year and birth_date.year != birth_year:
        fail(
            "birth_year",
            _("Year of birth %(year)s does not match the date of birth %(date)s.")
            % {"year": birth_year, "date": f"{birth_date:%d/%m/%Y}"},
        )
    if birth_date and not birth_year:
        birth_year = birth_date.year

    sex = values.get("sex") or ""
    if sex not in Sex.values and sex != "":
        fail("sex", _("Sex must be male or female."))
        sex = ""

    id_number = None
    raw_id = values.get("id_number")
    if raw_id not in (None, ""):
        try:
            id_number = validate_id_number(str(raw_id), birth_year=birth_year, sex=sex) or None
        except ValidationError as exc:
            for message in exc.messages:
                fail("id_number", _("Citizen ID: %(error)s") % {"error": message})
        else:
            if id_number and Person.objects.filter(id_number=id_number).exclude(pk=instance_pk).exists():
                fail("id_number", _duplicate_message(id_number, user))

    phone = ""
    raw_phone = values.get("phone")
    if raw_phone not in (None, ""):
        try:
            phone = normalise_phone(raw_phone)
        except ValidationError as exc:
            for message in exc.messages:
                fail("phone", _("Phone: %(error)s") % {"error": message})

    address = nfc(str(values.get("address") or ""))
    residence_unit = values.get("residence_unit")
    _check_residence(residence_unit, address, user, fail)
    managing_unit = _managing_unit(residence_unit, values.get("managing_unit"), user, fail)

    household = values.get("household")
    if household is not None and residence_unit is not None and household.village_id != residence_unit.pk:
        fail(
            "household",
            _("Household %(code)s is in %(village)s, not in the residence chosen.")
            % {"code": household.code, "village": household.village},
        )

    if errors:
        raise ValidationError(errors)
    return {
        "full_name": full_name,
        "birth_date": birth_date,
        "birth_year": birth_year,
        "sex": sex,
        "id_number": id_number,
        "phone": phone,
        "residence_unit": residence_unit,
        "managing_unit": managing_unit,
        "address": address,
        "household": household,
    }


def _managing_unit(residence, managing, user, fail):
    """Residents (a village) are managed by their village's commune: no managing unit. Someone from elsewhere is
    managed by the unit given — which must be in the user's area — or else by the registering user's own unit, so
    that the officer who registers a visitor still sees them."""
    if residence is None or residence.level == Level.VILLAGE:
        return None
    paths = [] if user is None or user.is_superuser else user_scope_paths(user)
    if managing is not None:
        if paths and not any(managing.path.startswith(p) for p in paths):
            fail("managing_unit", _("%(unit)s is outside your area.") % {"unit": managing})
        return managing
    if not paths:
        return None
    own = user.memberships.filter(admin_unit__path=paths[0]).select_related("admin_unit").first()
    return own.admin_unit if own else None


def _check_residence(unit, address: str, user, fail) -> None:
    """A village of the user's scope, or — for someone from elsewhere — a unit outside the user's district(s)
    together with a free address."""
    if unit is None:
        fail("residence_unit", _("Residence is required: a village, or the province or district of a visitor."))
        return
    paths = [] if user is None or user.is_superuser else user_scope_paths(user)
    if unit.level == Level.VILLAGE:
        if paths and not any(unit.path.startswith(p) for p in paths):
            fail("residence_unit", _("Residence %(unit)s is outside your area.") % {"unit": unit})
        return
    districts = {_district_path(p) for p in paths}
    if any(unit.path.startswith(d) for d in districts if d):
        fail(
            "residence_unit",
            _("Residence %(unit)s is in your district: choose the village (thôn / tổ dân phố).") % {"unit": unit},
        )
    elif not address:
        fail("address", _("Address is required for a person living outside the district."))


def _district_path(path: str) -> str:
    """ "24/221/07708/" -> "24/221/"; a province-wide scope ("24/") covers the whole province."""
    parts = [p for p in path.split("/") if p]
    return "/".join(parts[:2]) + "/" if parts else ""


def _duplicate_message(id_number: str, user) -> str:
    existing = Person.objects.filter(id_number=id_number).first()
    masked = mask_id_number(id_number)
    if existing is not None and (user is None or Person.objects.visible_to(user).filter(pk=existing.pk).exists()):
        return _("Citizen ID %(id)s is already registered for %(name)s (no. %(pk)s).") % {
            "id": masked,
            "name": existing.full_name,
            "pk": existing.pk,
        }
    return _("Citizen ID %(id)s is already registered for a person outside your area.") % {"id": masked}
