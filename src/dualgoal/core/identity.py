"""Vietnamese identity numbers and phone numbers (DOMAIN.md): validation and normalisation, one place for all."""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_DIGITS = re.compile(r"\D+")


def normalise_id_number(raw: str | int | None) -> str:
    """Digits only; an 11-digit number is a 12-digit CCCD whose leading zero Excel dropped."""
    if raw is None:
        return ""
    text = str(raw).strip()
    if text.endswith(".0"):  # a CCCD read back from Excel as a float
        text = text[:-2]
    digits = _DIGITS.sub("", text)
    if len(digits) == 11:
        digits = "0" + digits
    return digits


def validate_id_number(value: str, *, birth_year: int | None = None, sex: str = "") -> str:
    """A 12-digit CCCD (province code, century-and-sex digit, birth year, serial) or a 9-digit CMND."""
    digits = normalise_id_number(value)
    if not digits:
        return ""
    if len(digits) == 9:
        return digits
    if len(digits) != 12:
        raise ValidationError(
            _("A citizen ID has 12 digits (CCCD) or 9 digits (CMND); “%(value)s” has %(n)s."),
            params={"value": value, "n": len(digits)},
            code="id_length",
        )
    century_sex = int(digits[3])
    if century_sex > 9:
        raise ValidationError(_("Invalid century-and-sex digit in citizen ID “%(value)s”."), params={"value": value})
    if birth_year is not None:
        century = 1900 + 100 * (century_sex // 2)
        if century + int(digits[4:6]) != birth_year:
            raise ValidationError(
                _("Citizen ID “%(value)s” encodes birth year %(encoded)s, not %(year)s."),
                params={"value": value, "encoded": century + int(digits[4:6]), "year": birth_year},
                code="id_birth_year",
            )
    if sex in {"M", "F"} and (century_sex % 2 == 1) != (sex == "F"):
        raise ValidationError(
            _("Citizen ID “%(value)s” encodes the other sex."), params={"value": value}, code="id_sex"
        )
    return digits


def normalise_phone(raw: str | int | None) -> str:
    """Vietnamese numbers as 0xxxxxxxxx: "+84 912 345 678", "84912345678", "912345678" -> "0912345678"."""
    if raw is None:
        return ""
    text = str(raw).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text:
        return ""
    digits = _DIGITS.sub("", text)
    if len(digits) == 9 and not text.startswith("0"):
        digits = "0" + digits  # Excel dropped the leading zero
    candidate = "+" + digits if digits.startswith("84") else digits
    try:
        number = phonenumbers.parse(candidate, "VN")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(_("“%(value)s” is not a phone number."), params={"value": raw}) from exc
    if not phonenumbers.is_valid_number_for_region(number, "VN"):
        raise ValidationError(_("“%(value)s” is not a valid Vietnamese phone number."), params={"value": raw})
    return "0" + str(number.national_number)
