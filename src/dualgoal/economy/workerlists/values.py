"""Cell values of worker lists: names, citizen IDs, birth dates, sex and phone numbers as spreadsheets really hold them.

Every function here takes one raw cell value (str, int, float, date, datetime … as python-calamine returns them) and is
meant to be called once per *distinct* value (the reader memoises), so the common clean case takes a fast path and only
odd values reach the full validators of `dualgoal.core.identity`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError

from dualgoal.core.identity import normalise_id_number, normalise_phone, validate_id_number
from dualgoal.core.text import fold

_SPACES = re.compile(r"\s+")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def text(value: object) -> str:
    """Cell value as NFC text with collapsed whitespace; whole floats lose their ".0", dates read dd/mm/yyyy."""
    if value is None or value == "":
        return ""
    kind = type(value)
    if kind is str:
        if not unicodedata.is_normalized("NFC", value):
            value = unicodedata.normalize("NFC", value)
        return " ".join(value.split())
    if kind is float:
        return str(int(value)) if value.is_integer() else repr(value)
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is dt.datetime:
        value = value.date()
        kind = dt.date
    if kind is dt.date:
        return value.strftime("%d/%m/%Y")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


# --- citizen ID -----------------------------------------------------------------------------------------------------

_ID_SEPARATORS = str.maketrans("", "", " .-,'_\u00a0\t")


class IdProblem(ValueError):
    """A citizen ID that is not one: `message` is Vietnamese."""


def id_digits(value: object, text_is_number: bool = False) -> str:
    """The digits of a citizen ID cell, leading zeros restored; "" for an empty cell. Raises IdProblem.

    A number cell lost its leading zeros: 11 digits -> 12 (normalise_id_number's rule), and for number cells only,
    10 digits -> 12 (province codes 001-009) and 8 digits -> a 9-digit CMND. `text_is_number`: digit-only text is
    treated as a number cell (a CSV saved from Excel).
    """
    kind = type(value)
    if kind is str:
        digits = value.strip()
        if not (digits.isdigit() and digits.isascii()):
            digits = digits.translate(_ID_SEPARATORS)
            if not digits:
                return ""
            if not (digits.isdigit() and digits.isascii()):
                raise IdProblem(f"Số CCCD/CMND “{text(value)}” có ký tự không phải chữ số.")
        number_cell = text_is_number and digits[0] != "0"
    elif kind is float or kind is int:
        if value < 0 or (kind is float and not value.is_integer()):
            raise IdProblem(f"Số CCCD/CMND “{text(value)}” không phải số nguyên.")
        digits = str(int(value))
        number_cell = True
    else:
        raise IdProblem(f"Ô số CCCD/CMND chứa “{text(value)}”, không phải số.")
    n = len(digits)
    if n == 11:
        return "0" + digits
    if number_cell and n == 10:
        return "00" + digits
    if number_cell and n == 8:
        return "0" + digits
    if n in (9, 12):
        return digits
    # The full normaliser/validator: kept as the single source of the rule, it raises for every other length.
    digits = normalise_id_number(digits)
    try:
        return validate_id_number(digits)
    except ValidationError as exc:
        raise IdProblem(
            f"Số CCCD/CMND “{text(value)}” không hợp lệ: CCCD có 12 chữ số, CMND có 9 chữ số (giá trị này có {n})."
        ) from exc


def id_column(column: list, text_is_number: bool = False) -> tuple[list[str], dict[int, str]]:
    """id_digits over a whole column: (digits or "" per row, {row index: Vietnamese reason} for invalid cells).

    Inlined fast paths for the common cells (12-digit text, an 11- or 12-digit number); the rest goes to id_digits.
    """
    out: list[str] = []
    append = out.append
    bad: dict[int, str] = {}
    for k, value in enumerate(column):
        kind = type(value)
        if kind is str:
            if len(value) == 12 and value.isdigit() and value.isascii():
                append(value)
                continue
            if not value:
                append("")
                continue
        elif kind is float and 1e10 <= value < 1e12 and value.is_integer():
            append(f"{int(value):012d}")
            continue
        try:
            append(id_digits(value, text_is_number))
        except IdProblem as exc:
            bad[k] = str(exc)
            append("")
    return out, bad


# Century-and-sex digit and two-digit year of a CCCD ("095" for a man born 1995, "395" for a woman born 2095)
ENCODED_YEAR = {f"{cs}{yy:02d}": 1900 + 100 * (cs // 2) + yy for cs in range(10) for yy in range(100)}
FEMALE_DIGITS = frozenset("13579")


def id_encoded(digits: str) -> tuple[int | None, str]:
    """Birth year and sex ("M"/"F") that a 12-digit CCCD encodes; (None, "") for a CMND."""
    if len(digits) != 12:
        return None, ""
    century_sex = ord(digits[3]) - 48
    return 1900 + 100 * (century_sex // 2) + int(digits[4:6]), "F" if century_sex % 2 else "M"


def id_cross_check(digits: str, birth_year: int | None, sex: str) -> str:
    """The Vietnamese reason why `validate_id_number` rejects an ID whose birth year or sex disagrees, else ""."""
    try:
        validate_id_number(digits, birth_year=birth_year, sex=sex)
    except ValidationError as exc:
        encoded_year = id_encoded(digits)[0]
        if exc.code == "id_birth_year":
            return f"Số CCCD “{digits}” mã hoá năm sinh {encoded_year}, nhưng ngày sinh ghi năm {birth_year}."
        if exc.code == "id_sex":
            said, encoded = ("nữ", "nam") if sex == "F" else ("nam", "nữ")
            return f"Số CCCD “{digits}” mã hoá giới tính {encoded}, nhưng giới tính ghi {said}."
        return f"Số CCCD/CMND “{digits}” không hợp lệ."
    return ""


# --- birth date ---------------------------------------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_YMD = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_MY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{4})")
_WORDS = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")


class DateProblem(ValueError):
    """An unreadable or implausible birth date: `message` is Vietnamese."""


def birth(value: object, as_of: dt.date) -> tuple[dt.date | None, int | None]:
    """(date, year) of a birth cell: an Excel date, dd/mm/yyyy, d-m-yyyy, dd.mm.yyyy or yyyy-mm-dd text, a year.

    Raises DateProblem when it cannot be read, lies in the future, or makes the worker younger than 15 or older than 80
    on `as_of`. An empty cell is (None, None).
    """
    day: dt.date | None = None
    year: int | None = None
    kind = type(value)
    if kind is dt.datetime:
        day = value.date()
    elif kind is dt.date:
        day = value
    elif kind is int or kind is float:
        if kind is float and not value.is_integer():
            raise DateProblem(f"Không đọc được ngày sinh “{text(value)}”.")
        number = int(value)
        if 1000 <= number <= 9999:
            year = number
        elif 0 < number < 2958466:  # an Excel serial date in a cell without a date format
            day = EXCEL_EPOCH + dt.timedelta(days=number)
        else:
            raise DateProblem(f"Không đọc được ngày sinh “{text(value)}”.")
    elif kind is str:
        raw = value.strip()
        if not raw:
            return None, None
        day, year = _birth_text(raw, as_of)
    else:
        raise DateProblem(f"Không đọc được ngày sinh “{text(value)}”.")
    if day is not None:
        year = day.year
        if day > as_of:
            raise DateProblem(f"Ngày sinh {day:%d/%m/%Y} ở tương lai.")
        age = as_of.year - day.year - ((as_of.month, as_of.day) < (day.month, day.day))
    else:
        if year > as_of.year:
            raise DateProblem(f"Năm sinh {year} ở tương lai.")
        age = as_of.year - year
    if age < 15:
        raise DateProblem(
            f"Người lao động mới {age} tuổi (sinh {text(day) if day else year}): chưa đủ 15 tuổi, "
            "không được sử dụng lao động trẻ em."
        )
    if age > 80:
        raise DateProblem(f"Người lao động đã {age} tuổi (sinh {text(day) if day else year}): kiểm tra lại ngày sinh.")
    return day, year


def _birth_text(raw: str, as_of: dt.date) -> tuple[dt.date | None, int | None]:
    unreadable = DateProblem(f"Không đọc được ngày sinh “{text(raw)}” (cần dạng dd/mm/yyyy hoặc năm sinh yyyy).")
    if len(raw) == 10 and raw[2] == raw[5] and raw[2] in "/.-" and (raw[:2] + raw[3:5] + raw[6:]).isdigit():
        try:  # the common dd/mm/yyyy
            return dt.date(int(raw[6:]), int(raw[3:5]), int(raw[:2])), int(raw[6:])
        except ValueError:
            raise unreadable from None
    if raw.isdigit() and len(raw) == 4:
        return None, int(raw)
    if raw.endswith(".0") and raw[:-2].isdigit() and len(raw) == 6:  # a year exported from a number cell
        return None, int(raw[:-2])
    if m := _DMY.fullmatch(raw):
        d, mo, y = int(m[1]), int(m[2]), m[3]
        year = int(y)
        if len(y) == 2:  # two-digit years: the latest century that does not put the date in the future
            year += 2000 if 2000 + year <= as_of.year else 1900
    elif m := _YMD.fullmatch(raw):
        year, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _MY.fullmatch(raw):
        if not 1 <= int(m[1]) <= 12:
            raise unreadable
        return None, int(m[2])
    elif m := _WORDS.fullmatch(fold(raw)):
        d, mo, year = int(m[1]), int(m[2]), int(m[3])
    else:
        raise unreadable
    try:
        return dt.date(year, mo, d), year
    except ValueError:
        raise unreadable from None


# --- sex ------------------------------------------------------------------------------------------------------------

_SEX = {
    "nam": "M",
    "m": "M",
    "male": "M",
    "trai": "M",
    "nu": "F",
    "f": "F",
    "female": "F",
    "gai": "F",
    "nu gioi": "F",
    "nam gioi": "M",
}
# Marks written in a "Nam" / "Nữ" column pair to say which one applies.
MARKS = frozenset({"x", "X", "v", "V", "1", "✓", "✔", "+", "*", 1})  # 1 == 1.0 == True


def sex(value: object) -> str:
    """ "M", "F" or "" (empty); raises ValueError with a Vietnamese message for anything else."""
    if value == "" or value is None:
        return ""
    key = fold(text(value)).strip(" .")
    if not key:
        return ""
    try:
        return _SEX[key]
    except KeyError:
        raise ValueError(f"Không rõ giới tính “{text(value)}” (ghi Nam hoặc Nữ).") from None


# --- phone ----------------------------------------------------------------------------------------------------------

_VN = phonenumbers.PhoneMetadata.metadata_for_region("VN")
_PHONE_SEPARATORS = str.maketrans("", "", " .-()'+\u00a0\t")
_SEVERAL = re.compile(r"\s*(?:[,;/|&]|\s-\s|\bhoặc\b|\bhoac\b)\s*")


def _national_pattern() -> re.Pattern[str]:
    """One regex for "a valid mobile or fixed-line national number" (what is_valid_number_for_region checks)."""
    kinds = []
    for desc in (_VN.mobile, _VN.fixed_line):
        if desc is not None and desc.national_number_pattern:
            lengths = "|".join(rf"\d{{{n}}}" for n in desc.possible_length) or r"\d+"
            kinds.append(rf"(?=(?:{lengths})\Z)(?:{desc.national_number_pattern})")
    return re.compile(rf"(?=(?:{_VN.general_desc.national_number_pattern})\Z)(?:{'|'.join(kinds)})")


_NATIONAL = _national_pattern()


def _fast_phone(digits: str) -> str | None:
    """0xxxxxxxxx when `digits` is plainly a valid mobile or fixed-line number, else None (take the slow path)."""
    n = len(digits)
    if n == 10 or n == 11:
        if digits[0] == "0":
            national = digits[1:]
        elif n == 11 and digits[:2] == "84":
            national = digits[2:]
        else:
            return None
    elif n == 9 and digits[0] != "0":
        national = digits
    else:
        return None
    return "0" + national if _NATIONAL.fullmatch(national) else None


def phone_column(column: list) -> tuple[list[str], dict[int, str]]:
    """phone() over a whole column: (0xxxxxxxxx or "" per row, {row index: Vietnamese reason}).

    The common cells (0xxxxxxxxx or xxxxxxxxx text, a 9-digit number) are checked inline against the same
    phonenumbers metadata that normalise_phone uses; everything else goes through phone().
    """
    out: list[str] = []
    append = out.append
    bad: dict[int, str] = {}
    national_ok = _NATIONAL.fullmatch
    separators = _PHONE_SEPARATORS
    for k, value in enumerate(column):
        kind = type(value)
        national = ""
        if kind is str:
            if not value:
                append("")
                continue
            digits = value if value.isdigit() else value.translate(separators)
            if digits.isdigit() and digits.isascii():
                n = len(digits)
                if n == 10 and digits[0] == "0":
                    national = digits[1:]
                elif n == 9 and digits[0] != "0":
                    national = digits
                elif n == 11:
                    national = digits[1:] if digits[0] == "0" else digits[2:] if digits[:2] == "84" else ""
        elif kind is float and 1e8 <= value < 1e9 and value.is_integer():
            national = str(int(value))
        if national and national_ok(national):
            append("0" + national)
            continue
        try:
            append(phone(value))
        except ValueError as exc:
            bad[k] = str(exc)
            append("")
    return out, bad


def phone(value: object) -> str:
    """A Vietnamese phone number as 0xxxxxxxxx, "" for an empty cell; ValueError (Vietnamese message) if invalid.

    "912345678", 912345678 (a number cell), "+84 912 345 678", "0912.345.678" are all "0912345678". A cell with two
    numbers ("0912345678 - 0987654321") gives the first.
    """
    kind = type(value)
    if kind is float or kind is int:
        if value < 0 or (kind is float and not value.is_integer()):
            raise ValueError(f"Số điện thoại “{text(value)}” không hợp lệ.")
        raw = str(int(value))
        digits = raw
    elif kind is str:
        raw = value.strip()
        if not raw:
            return ""
        digits = raw.translate(_PHONE_SEPARATORS)
    else:
        raise ValueError(f"Số điện thoại “{text(value)}” không hợp lệ.")
    if digits.isdigit() and digits.isascii() and (fast := _fast_phone(digits)):
        return fast
    try:
        return normalise_phone(raw)
    except ValidationError:
        parts = [part for part in _SEVERAL.split(raw) if part]
        if len(parts) > 1:
            try:
                return phone(parts[0])
            except ValueError:
                pass
    raise ValueError(f"Số điện thoại “{text(value)}” không hợp lệ.")


# --- name -----------------------------------------------------------------------------------------------------------


def name(value: object) -> str:
    """NFC, single spaces. A name has at least one letter; raises ValueError (Vietnamese) otherwise."""
    result = text(value)
    if result and not any(ch.isalpha() for ch in result):
        raise ValueError(f"Họ tên “{result}” không có chữ cái.")
    return result
