"""Import of F0/F1 lists notified by other localities (.xlsx through python-calamine, or .csv).

Columns (header names vary; they are recognised on their folded form): full name, citizen ID, date of birth or year,
phone, address, level (F0/F1), case code and sample date (F0), contact-with citizen ID and contact date (F1).
Every row is validated first; each message names the row (as numbered in the spreadsheet) and the column (as headed
in the file). A valid row creates or links its person by citizen ID and records the case or the contact through the
services, inside its own savepoint: a row is written whole or not at all. F0 rows are applied before F1 rows, so an
F1 may name an F0 of the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dualgoal.core.clock import today
from dualgoal.core.identity import normalise_id_number, normalise_phone, validate_id_number
from dualgoal.core.text import fold, nfc
from dualgoal.geography.models import AdminUnit
from dualgoal.people.models import Person

from . import services
from .choices import CaseSource, Setting
from .models import Case, Contact

FIELDS = (
    "full_name",
    "id_number",
    "birth",
    "phone",
    "address",
    "level",
    "case_code",
    "sample_date",
    "contact_id",
    "contact_date",
)
REQUIRED = ("full_name", "id_number", "level")
MAX_ROWS = 5000
HEADER_SCAN = 15


def field_label(name: str) -> str:
    return {
        "full_name": _("full name"),
        "id_number": _("citizen ID"),
        "birth": _("date of birth"),
        "phone": _("phone"),
        "address": _("address"),
        "level": _("level (F0/F1)"),
        "case_code": _("case code"),
        "sample_date": _("sample date"),
        "contact_id": _("contact with (citizen ID)"),
        "contact_date": _("contact date"),
    }[name]


# --- reading the file ---------------------------------------------------------------------------------------


def read_table(name: str, content: bytes) -> list[list]:
    """The first sheet of a workbook, or a CSV (UTF-8 with or without BOM, or Windows-1258), as rows of cells."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in {"xlsx", "xlsm", "xlsb", "xls", "ods"}:
        from python_calamine import CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
            return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises several unrelated types for a damaged file
            raise ValidationError(_("The file could not be read as a spreadsheet: %(error)s") % {"error": exc}) from exc
    if suffix in {"csv", "txt"}:
        for encoding in ("utf-8-sig", "cp1258"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - cp1258 decodes almost anything
            raise ValidationError(_("The CSV file is neither UTF-8 nor Windows-1258 text."))
        delimiter = _delimiter(text)
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise ValidationError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))


def _delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most rows of one same width (Excel writes ";" in
    Vietnamese locales, "," elsewhere; a title line above the table must not mislead)."""
    sample = text.splitlines()[:30]
    best, best_score = ",", -1
    for candidate in (";", ",", "\t"):
        widths = [len(row) for row in csv.reader(sample, delimiter=candidate) if len(row) > 1]
        if not widths:
            continue
        common = max(set(widths), key=lambda w: (widths.count(w), w))
        score = widths.count(common) * common
        if score > best_score:
            best, best_score = candidate, score
    return best


_PUNCT = re.compile(r"[^a-z0-9]+")


def header_key(text) -> str:
    return _PUNCT.sub(" ", fold(str(text or ""))).strip()


def field_for(header) -> str | None:
    """The field a column heading means ("Số CCCD/CMND" -> id_number, "Tiếp xúc với F0 (CCCD)" -> contact_id…)."""
    key = header_key(header)
    if not key or key in {"stt", "tt", "so tt", "no", "ghi chu", "note"}:
        return None

    def has(*words: str) -> bool:
        return any(re.search(rf"\b{word}\b", key) for word in words)

    if has("tiep xuc", "contact", "lien quan", "nguon lay"):
        return "contact_date" if has("ngay", "date", "thoi gian") else "contact_id"
    if has("lay mau", "sample", "ngay xn", "ngay xet nghiem", "ngay duong tinh", "positive"):
        return "sample_date"
    if has("ma bn", "ma benh nhan", "ma ca benh", "ma so bn", "ma f0", "case code", "case") or key in {"bn", "ma"}:
        return "case_code"
    if has("cccd", "cmnd", "dinh danh", "citizen", "id number", "can cuoc", "chung minh", "giay to", "id"):
        return "id_number"
    if has("ngay sinh", "nam sinh", "sinh", "birth", "dob", "yob"):
        return "birth"
    if has("dien thoai", "sdt", "phone", "so dt", "mobile", "dt"):
        return "phone"
    if has("dia chi", "noi o", "cho o", "address", "thuong tru", "tam tru", "cu tru"):
        return "address"
    if has("phan loai", "level", "cap do", "doi tuong", "loai f", "f0 f1") or key in {"f", "loai", "cap", "cap f"}:
        return "level"
    if has("ho ten", "ho va ten", "full name", "name", "ten") or key == "ten":
        return "full_name"
    return None


def find_header(table: list[list]) -> tuple[int, dict[str, int]]:
    """The header row (often below a title block) and the column of each field."""
    for index, row in enumerate(table[:HEADER_SCAN]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(row):
            name = field_for(cell)
            if name and name not in columns:
                columns[name] = position
        if "full_name" in columns and len(columns) >= 3:
            missing = [field_label(f) for f in REQUIRED if f not in columns]
            if missing:
                raise ValidationError(
                    _("The list has no column for: %(columns)s (header row %(row)s).")
                    % {"columns": ", ".join(missing), "row": index + 1}
                )
            return index, columns
    raise ValidationError(
        _("No header row found in the first %(n)s rows: the list needs at least the columns %(columns)s.")
        % {"n": HEADER_SCAN, "columns": ", ".join(field_label(f) for f in REQUIRED)}
    )


# --- cell values --------------------------------------------------------------------------------------------


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return nfc(str(value))


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value) -> dt.date | None:
    """A date cell: a real date, an Excel serial number, or dd/mm/yyyy text (also yyyy-mm-dd)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and 20000 <= value <= 80000:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = cell_text(value).split(" ")[0]
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_birth(value) -> tuple[dt.date | None, int | None]:
    """A date of birth, or a bare year."""
    text = cell_text(value)
    if not text:
        return None, None
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if not 1900 <= year <= today().year:
            raise ValueError(text)
        return None, year
    day = parse_date(value)
    if day is None or day > today() or day.year < 1900:
        raise ValueError(text)
    return day, day.year


def parse_level(value) -> int:
    text = cell_text(value).upper().replace(" ", "")
    if text in {"F0", "0"}:
        return 0
    if text in {"F1", "1"}:
        return 1
    raise ValueError(text)


# --- rows ---------------------------------------------------------------------------------------------------


@dataclass
class RowOutcome:
    row: int  # as numbered in the spreadsheet
    name: str = ""
    level: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column heading, reason)
    done: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    def messages(self) -> list[str]:
        return [
            _("Row %(row)s, column “%(column)s”: %(reason)s") % {"row": self.row, "column": column, "reason": reason}
            for column, reason in self.errors
        ]


@dataclass
class ImportResult:
    rows: list[RowOutcome]
    columns: dict[str, str]  # field -> heading found in the file
    header_row: int

    @property
    def errors(self) -> list[RowOutcome]:
        return [r for r in self.rows if not r.ok]

    @property
    def created_rows(self) -> int:
        return sum(1 for r in self.rows if r.ok)


@dataclass
class ParsedRow:
    outcome: RowOutcome
    full_name: str = ""
    id_number: str = ""
    birth_date: dt.date | None = None
    birth_year: int | None = None
    phone: str = ""
    address: str = ""
    level: int | None = None
    case_code: str = ""
    sample_date: dt.date | None = None
    contact_id: str = ""
    contact_date: dt.date | None = None


def parse_row(number: int, cells: list, columns: dict[str, int], headings: dict[str, str]) -> ParsedRow:
    def raw(name: str):
        position = columns.get(name)
        return cells[position] if position is not None and position < len(cells) else None

    row = ParsedRow(RowOutcome(number))

    def error(name: str, reason: str) -> None:
        row.outcome.errors.append((headings.get(name, field_label(name)), reason))

    row.full_name = cell_text(raw("full_name"))
    row.outcome.name = row.full_name
    if not row.full_name:
        error("full_name", _("the full name is empty."))
    try:
        row.birth_date, row.birth_year = parse_birth(raw("birth"))
    except ValueError as exc:
        error("birth", _("“%(value)s” is neither a past date (dd/mm/yyyy) nor a year of birth.") % {"value": exc})
    id_text = cell_text(raw("id_number"))
    if not id_text:
        error("id_number", _("the citizen ID is empty; it is needed to link the person."))
    else:
        try:
            row.id_number = validate_id_number(id_text, birth_year=row.birth_year)
        except ValidationError as exc:
            error("id_number", " ".join(exc.messages))
    phone = cell_text(raw("phone"))
    if phone:
        try:
            row.phone = normalise_phone(phone)
        except ValidationError as exc:
            error("phone", " ".join(exc.messages))
    row.address = cell_text(raw("address"))[:255]
    level_text = cell_text(raw("level"))
    try:
        row.level = parse_level(level_text)
        row.outcome.level = f"F{row.level}"
    except ValueError:
        error("level", _("the level must be F0 or F1, not “%(value)s”.") % {"value": level_text})

    def date_of(name: str, *, required: bool) -> dt.date | None:
        try:
            day = parse_date(raw(name))
        except ValueError as exc:
            error(name, _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": exc})
            return None
        if day is None and required:
            error(name, _("the date is empty."))
        elif day is not None and day > today():
            error(name, _("the date %(day)s is in the future.") % {"day": f"{day:%d/%m/%Y}"})
        return day

    if row.level == 0:
        row.case_code = cell_text(raw("case_code")).replace(" ", "").upper()
        if not row.case_code:
            error("case_code", _("an F0 needs its case code (e.g. BN12345)."))
        row.sample_date = date_of("sample_date", required=True)
    elif row.level == 1:
        contact_text = cell_text(raw("contact_id"))
        row.contact_id = normalise_id_number(contact_text)
        if not contact_text:
            error("contact_id", _("an F1 needs the citizen ID of the person they were in contact with."))
        elif len(row.contact_id) not in (9, 12):
            error("contact_id", _("“%(value)s” is not a citizen ID (12 or 9 digits).") % {"value": contact_text})
        elif row.contact_id == row.id_number:
            error("contact_id", _("a person cannot be their own contact."))
        row.contact_date = date_of("contact_date", required=True)
    return row


# --- writing ------------------------------------------------------------------------------------------------


class ResidenceIndex:
    """Finds the commune (and village) an address names, among the units under `within`; else `within`."""

    def __init__(self, within: AdminUnit):
        self.within = within
        self.communes: list[tuple[re.Pattern, AdminUnit]] = []
        self.villages: dict[int, list[tuple[re.Pattern, AdminUnit]]] = {}
        for unit in AdminUnit.objects.filter(path__startswith=within.path, level__gte=3).order_by("level", "path"):
            if unit.level == 3:
                self.communes.append((_word_pattern(unit.short_name), unit))
            elif unit.level == 4 and unit.parent_id:
                self.villages.setdefault(unit.parent_id, []).append((_word_pattern(unit.name), unit))

    def residence(self, address: str) -> AdminUnit:
        text = fold(address)
        for pattern, commune in self.communes:
            if pattern.search(text):
                return self._village(commune, text) or commune
        if self.within.level == 3:
            return self._village(self.within, text) or self.within
        return self.within

    def _village(self, commune: AdminUnit, text: str) -> AdminUnit | None:
        for pattern, village in self.villages.get(commune.pk, []):
            if pattern.search(text):
                return village
        return None


def _word_pattern(name: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(fold(name))}\b")


def person_create(**fields) -> Person:
    """The one place a person is created on import (the people app's service when it has one)."""
    try:
        from dualgoal.people.services import person_create as service
    except ImportError:
        return Person.objects.create(**fields)
    return service(**fields)


def person_for_row(row: ParsedRow, residences: ResidenceIndex) -> tuple[Person, bool]:
    """(person, created): linked by citizen ID, or created at the address's commune/village."""
    existing = Person.objects.filter(id_number=row.id_number).first()
    if existing is not None:
        if fold(existing.full_name) != fold(row.full_name):
            raise ValidationError(
                {
                    "id_number": _("citizen ID %(id)s belongs to “%(name)s” in the registry, not to “%(row_name)s”.")
                    % {"id": row.id_number, "name": existing.full_name, "row_name": row.full_name}
                }
            )
        return existing, False
    person = person_create(
        full_name=row.full_name,
        id_number=row.id_number,
        birth_date=row.birth_date,
        birth_year=row.birth_year,
        phone=row.phone,
        address=row.address,
        residence_unit=residences.residence(row.address),
    )
    return person, True


# service error fields -> our fields, to name the column
SERVICE_FIELDS = {
    "code": "case_code",
    "sample_date": "sample_date",
    "onset_date": "sample_date",
    "isolation_date": "sample_date",
    "date": "contact_date",
    "person_b": "contact_id",
    "person_a": "contact_id",
    "id_number": "id_number",
    "full_name": "full_name",
    "birth_date": "birth",
    "birth_year": "birth",
    "phone": "phone",
    "address": "address",
    "residence_unit": "address",
}


def apply_row(row: ParsedRow, *, notified_by: str, residences: ResidenceIndex) -> str:
    """Write one valid row (inside the caller's savepoint); returns what was done."""
    person, created = person_for_row(row, residences)
    who = _("new person %(name)s") % {"name": person} if created else _("existing person %(name)s") % {"name": person}
    if row.level == 0:
        existing = Case.objects.filter(code=row.case_code).first()
        if existing is not None and existing.person_id == person.pk:
            return _("F0 %(code)s was already recorded for %(name)s.") % {"code": row.case_code, "name": person}
        services.case_record(
            person=person,
            code=row.case_code,
            sample_date=row.sample_date,
            source=CaseSource.NOTIFIED,
            notified_by=notified_by,
        )
        return _("F0 %(code)s recorded (%(who)s).") % {"code": row.case_code, "who": who}
    source = Person.objects.filter(id_number=row.contact_id).first()
    if source is None:
        raise ValidationError(
            {
                "contact_id": _("no person with citizen ID %(id)s: import or register that F0 first.")
                % {"id": row.contact_id}
            }
        )
    pair = Contact.objects.filter(date=row.contact_date).filter(
        person_a__in=[source.pk, person.pk], person_b__in=[source.pk, person.pk]
    )
    if pair.exists():
        return _("The contact with %(source)s on %(day)s was already recorded.") % {
            "source": source,
            "day": f"{row.contact_date:%d/%m/%Y}",
        }
    services.contact_record(
        person_a=source,
        person_b=person,
        date=row.contact_date,
        setting=Setting.OTHER,
        note=(_("Notified by %(who)s") % {"who": notified_by})[:255],
    )
    return _("Contact with %(source)s on %(day)s recorded (%(who)s).") % {
        "source": source,
        "day": f"{row.contact_date:%d/%m/%Y}",
        "who": who,
    }


def import_notified_list(*, name: str, content: bytes, notified_by: str, within: AdminUnit) -> ImportResult:
    table = read_table(name, content)
    header_index, columns = find_header(table)
    headings = {f: cell_text(table[header_index][position]) or field_label(f) for f, position in columns.items()}
    body = [
        (header_index + 2 + offset, cells)
        for offset, cells in enumerate(table[header_index + 1 :])
        if any(cell_text(c) for c in cells)
    ]
    if not body:
        raise ValidationError(_("The list has a header but no rows."))
    if len(body) > MAX_ROWS:
        raise ValidationError(_("The list has more than %(n)s rows: split it.") % {"n": MAX_ROWS})
    parsed = [parse_row(number, list(cells), columns, headings) for number, cells in body]
    seen: dict[str, int] = {}
    for row in parsed:
        if row.outcome.ok and row.id_number:
            key = f"{row.id_number}/{row.level}/{row.case_code}/{row.contact_id}"
            if key in seen:
                row.outcome.errors.append(
                    (headings["id_number"], _("the same entry as row %(row)s.") % {"row": seen[key]})
                )
            else:
                seen[key] = row.outcome.row
    residences = ResidenceIndex(within)
    for row in sorted((r for r in parsed if r.outcome.ok), key=lambda r: (r.level, r.outcome.row)):
        try:
            with transaction.atomic():
                row.outcome.done = apply_row(row, notified_by=notified_by, residences=residences)
        except ValidationError as exc:
            for key, messages in _error_items(exc):
                name = key if key in FIELDS else SERVICE_FIELDS.get(key, "id_number")
                for message in messages:
                    row.outcome.errors.append((headings.get(name, field_label(name)), message))
    return ImportResult(rows=[r.outcome for r in parsed], columns=headings, header_row=header_index + 1)


def _error_items(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        return list(exc.message_dict.items())
    return [("", exc.messages)]
