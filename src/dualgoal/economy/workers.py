"""Importing a worker list (issue 6, point 3): read, validate, match persons by citizen ID, insert — all in bulk.

`workers_import` reads the file part by part (`workerlists.stream_worker_list`, 20,000 rows of the sheet a part) in
a child process (`workerlists.background`), and writes each part as it arrives while the child reads the next —
reading is Python work and writing is mostly the database's, so on two cores they overlap. In ONE transaction, for
each part:

1. looks the part's citizen IDs up in the registry (SQLite: one query per 900 IDs; PostgreSQL: one query joining
   an `unnest` of the IDs), under a lock that keeps other writers of persons out until the commit (SQLite's IMMEDIATE
   transaction does that by itself; PostgreSQL takes SHARE ROW EXCLUSIVE on the person table);
2. reports a registry conflict — the same ID registered with another name (compared folded: diacritics, case and
   spacing ignored) or another year of birth — as an error of that row, naming the column; the registered name and
   year are shown only to a user who may see that person (or to a system import);
3. inserts the missing persons (derived `name_folded` and birth year as `Person.prepare()` makes them, and their
   `PersonNameToken` search keys) and the new Employment rows with `core.bulk.insert_rows` (COPY / executemany —
   no per-row ORM save), and updates the department and position of employments the enterprise already had
   (re-importing a list updates, it does not duplicate). On PostgreSQL the references these rows make (managing
   commune, enterprise, person) are checked once per statement (`core.schema.set_based_foreign_key`).

Duplicates within the file are found across parts (the reader carries the IDs seen). Nothing is written before the
header has been found: a file that cannot be read raises WorkerListError with the database untouched.

Every bad row is returned with its Excel row number, column and reason; the valid rows commit together. A dry run
does the same reading, matching and checking, and writes nothing. Bulk writes bypass simple-history: the
WorkerImport record (who uploaded which file, when, with which outcome) is the audit trail of an import.

Persons created here have no residence unit (a worker list gives a free-text address, not a village): they are
linked to the enterprise through their Employment and keep the address as written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dualgoal.core.bulk import insert_rows, large_page_cache
from dualgoal.core.clock import today
from dualgoal.core.text import fold, name_search_forms
from dualgoal.people.models import Person, PersonNameToken

from .models import Employment, Enterprise, WorkerImport
from .workerlists import WorkerListError, WorkerRow
from .workerlists.background import background_parts
from .workerlists.reader import PART_ROWS

__all__ = [
    "ERRORS_ON_SCREEN",
    "ImportOutcome",
    "WorkerListError",
    "errors_xlsx",
    "worker_import_start",
    "workers_import",
]

READ_IN_CHILD = True  # read the file in a child process while writing (workerlists.background); tests switch it
LOOKUP_CHUNK = 900  # below SQLite's default limit of bound parameters (999 before 3.32)
ERRORS_ON_SCREEN = 500

_NAME_MAX = Person._meta.get_field("full_name").max_length
_ADDRESS_MAX = Person._meta.get_field("address").max_length
_DEPARTMENT_MAX = Employment._meta.get_field("department").max_length
_POSITION_MAX = Employment._meta.get_field("position").max_length


@dataclass
class ImportOutcome:
    """What an import did (or, in a dry run, would do). `rows` counts data rows only; `imported` the rows that were
    (or would be) written: persons linked or created, with their employment created or updated."""

    rows: int = 0
    imported: int = 0
    errors: list[dict] = field(default_factory=list)  # [{"row", "column", "message"}], by row
    duplicates_in_file: int = 0
    matched_existing: int = 0
    created_persons: int = 0
    registry_conflicts: int = 0
    employments_created: int = 0
    employments_updated: int = 0
    dry_run: bool = False
    header_row: int = 0
    columns: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The CLI's `--json` contract."""
        return {"rows": self.rows, "imported": self.imported, "errors": self.errors}

    @property
    def error_rows(self) -> int:
        return len({e["row"] for e in self.errors})


def workers_import(
    *,
    enterprise: Enterprise,
    data: bytes,
    filename: str,
    dry_run: bool,
    user=None,
    progress: Callable[[int], None] | None = None,
    as_of: dt.date | None = None,
) -> ImportOutcome:
    """Import a worker list for `enterprise`. Raises WorkerListError (Vietnamese) when the file cannot be read."""
    report = progress or (lambda percent: None)
    report(2)
    paused = gc.isenabled()
    gc.disable()  # hundreds of thousands of tuples and no cycles: the collector's passes would cost seconds
    try:
        as_of = as_of or today()
        with background_parts(data, filename, as_of=as_of, part_rows=PART_ROWS, in_process=not READ_IN_CHILD) as parts:
            head = next(parts)  # the header (or WorkerListError): nothing is written before the file is known good
            outcome = ImportOutcome(dry_run=dry_run, header_row=head.header_row, columns=dict(head.columns))
            errors: list[dict] = []
            with transaction.atomic() if not dry_run else contextlib.nullcontext():  # a dry run only reads
                if not dry_run:
                    _lock_registry()
                employed = _employments_of(enterprise)
                done = 0
                with large_page_cache() if not dry_run else contextlib.nullcontext():
                    for part in parts:
                        _import_part(part, enterprise, employed, user, outcome, errors, dry_run)
                        done = min(done + PART_ROWS, head.sheet_rows)
                        report(5 + 90 * done // max(head.sheet_rows, 1))
    finally:
        if paused:
            gc.enable()
    errors.sort(key=lambda e: e["row"])
    outcome.errors = errors
    report(100)
    return outcome


def _import_part(
    part, enterprise: Enterprise, employed: dict, user, outcome: ImportOutcome, errors: list[dict], dry_run: bool
) -> None:
    """Check one part of the file against the registry and (unless a dry run) write it; counts go to `outcome`."""
    outcome.rows += part.data_rows
    outcome.duplicates_in_file += len(part.duplicates)
    columns = outcome.columns
    errors += [{"row": e.row, "column": e.column, "message": e.message} for e in part.errors]
    rows = _within_limits(part.rows, columns, errors)
    existing = _persons_by_id([r.id_number for r in rows])
    links, creates, conflicts = _match(rows, existing, columns, user, part.names)
    errors += conflicts
    new_employments, changed = _plan_employments(links, employed)
    outcome.registry_conflicts += len({e["row"] for e in conflicts})
    outcome.matched_existing += len(links)
    outcome.created_persons += len(creates)
    outcome.employments_created += len(new_employments) + len(creates)
    outcome.employments_updated += len(changed)
    outcome.imported += len(links) + len(creates)
    if not dry_run:
        _write(enterprise, creates, new_employments, changed, part.names)


# --- checking -------------------------------------------------------------------------------------------------------


def _within_limits(rows: list[WorkerRow], columns: dict[str, str], errors: list[dict]) -> list[WorkerRow]:
    """Rows whose texts fit the registry's columns; the others become errors (nothing is silently cut)."""
    limits = [
        ("full_name", _NAME_MAX, _("Full name is too long (at most %(n)s characters).")),
        ("address", _ADDRESS_MAX, _("Address is too long (at most %(n)s characters).")),
        ("department", _DEPARTMENT_MAX, _("Department is too long (at most %(n)s characters).")),
        ("position", _POSITION_MAX, _("Position is too long (at most %(n)s characters).")),
    ]
    kept = []
    name_max, address_max, department_max, position_max = (limit for _name, limit, _message in limits)
    for row in rows:
        if (
            len(row.full_name) <= name_max
            and len(row.address) <= address_max
            and len(row.department) <= department_max
            and len(row.position) <= position_max
        ):
            kept.append(row)
            continue
        for name, limit, message in limits:
            if len(getattr(row, name)) > limit:
                errors.append({"row": row.row, "column": columns.get(name, ""), "message": message % {"n": limit}})
    return kept


def _match(
    rows: list[WorkerRow],
    existing: dict[str, tuple[int, str, int | None]],
    columns: dict[str, str],
    user,
    names: dict[str, tuple[str, list[str]]],
) -> tuple[list[tuple[WorkerRow, int]], list[WorkerRow], list[dict]]:
    """(rows linked to a registered person, rows needing a new person, registry-conflict errors)."""
    links: list[tuple[WorkerRow, int]] = []
    creates: list[WorkerRow] = []
    clashes: list[tuple[WorkerRow, int, str, int | None, bool, bool]] = []
    folded = {name: forms[0] for name, forms in names.items()}  # the reader process's folding, when it did it
    for row in rows:
        found = existing.get(row.id_number)
        if found is None:
            creates.append(row)
            continue
        pk, name_folded, birth_year = found
        mine = folded.get(row.full_name)
        if mine is None:
            mine = folded[row.full_name] = fold(row.full_name)
        other_name = mine != name_folded
        other_year = birth_year is not None and row.birth_year is not None and birth_year != row.birth_year
        if other_name or other_year:
            clashes.append((row, pk, name_folded, birth_year, other_name, other_year))
        else:
            links.append((row, pk))
    return links, creates, _conflict_errors(clashes, columns, user)


def _conflict_errors(clashes: list, columns: dict[str, str], user) -> list[dict]:
    if not clashes:
        return []
    pks = [c[1] for c in clashes]
    registered = {}
    for chunk in _chunks(pks, LOOKUP_CHUNK):
        registered.update(Person.objects.filter(pk__in=chunk).values_list("pk", "full_name"))
    if user is None or user.is_superuser:
        visible = set(pks)
    else:
        visible = set()
        for chunk in _chunks(pks, LOOKUP_CHUNK):
            visible.update(Person.objects.visible_to(user).filter(pk__in=chunk).values_list("pk", flat=True))
    errors = []
    name_column, birth_column = columns.get("full_name", ""), columns.get("birth_date", "")
    for row, pk, _name_folded, birth_year, other_name, other_year in clashes:
        shown = pk in visible
        values = {"id": row.id_number, "name": registered.get(pk, ""), "year": birth_year, "given": row.birth_year}
        if other_name:
            message = (
                _("Citizen ID %(id)s is registered to %(name)s, a different name.")
                if shown
                else _("Citizen ID %(id)s is registered to a person with a different name.")
            )
            errors.append({"row": row.row, "column": name_column, "message": message % values})
        if other_year:
            message = (
                _("Citizen ID %(id)s is registered with year of birth %(year)s, not %(given)s.")
                if shown
                else _("Citizen ID %(id)s is registered with a different year of birth.")
            )
            errors.append(
                {"row": row.row, "column": _birth_column(birth_column, columns, row), "message": message % values}
            )
    return errors


def _birth_column(label: str, columns: dict[str, str], row: WorkerRow) -> str:
    """The birth date's column for this row: under a "Nam" / "Nữ" pair, the one of the row's sex."""
    parts = label.split(" + ")
    if len(parts) == 2 and columns.get("sex") == label and row.sex in ("M", "F"):
        return parts[0] if row.sex == "M" else parts[1]
    return label


def _plan_employments(
    links: list[tuple[WorkerRow, int]], employed: dict[int, tuple[int, str, str, bool]]
) -> tuple[list[tuple[WorkerRow, int]], list[tuple[int, str, str]]]:
    """(links without an employment here yet, (employment id, department, position) of those that change)."""
    new: list[tuple[WorkerRow, int]] = []
    changed: list[tuple[int, str, str]] = []
    for row, pk in links:
        current = employed.get(pk)
        if current is None:
            new.append((row, pk))
            continue
        employment_id, department, position, active = current
        if (department, position, active) != (row.department, row.position, True):
            changed.append((employment_id, row.department, row.position))
    return new, changed


# --- reading the registry -------------------------------------------------------------------------------------------


def _persons_by_id(id_numbers: list[str]) -> dict[str, tuple[int, str, int | None]]:
    """{citizen ID: (person id, name_folded, birth_year)} of the registered persons among `id_numbers`."""
    table = Person._meta.db_table
    found: dict[str, tuple[int, str, int | None]] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT p.id, p.id_number, p.name_folded, p.birth_year FROM {table} p "
                "JOIN unnest(%s::text[]) AS f(id_number) ON p.id_number = f.id_number",
                [id_numbers],
            )
            rows: Iterable = cursor.fetchall()
            for pk, number, name_folded, birth_year in rows:
                found[number] = (pk, name_folded, birth_year)
            return found
        for chunk in _chunks(id_numbers, LOOKUP_CHUNK):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT id, id_number, name_folded, birth_year FROM {table} WHERE id_number IN ({marks})", chunk
            )
            for pk, number, name_folded, birth_year in cursor.fetchall():
                found[number] = (pk, name_folded, birth_year)
    return found


def _employments_of(enterprise: Enterprise) -> dict[int, tuple[int, str, str, bool]]:
    """{person id: (employment id, department, position, active)} of the enterprise's employments, read once before
    the first part is written (the persons an import creates have none yet)."""
    rows = Employment.objects.filter(enterprise=enterprise).values_list(
        "person_id", "pk", "department", "position", "active"
    )
    return {person: (pk, d, p, a) for person, pk, d, p, a in rows.iterator(chunk_size=20000)}


def _lock_registry() -> None:
    """Keep other writers of persons out until the commit (so an ID found missing is still missing at insert)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Person._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    # SQLite: the transaction is IMMEDIATE (settings): it holds the database's write lock already.


# --- writing --------------------------------------------------------------------------------------------------------


def _write(
    enterprise: Enterprise,
    creates: list[WorkerRow],
    new_employments: list[tuple[WorkerRow, int]],
    changed: list[tuple[int, str, str]],
    names: dict[str, tuple[str, list[str]]],
) -> None:
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    date = ops.adapt_datefield_value
    ids = _allocate_ids(Person, len(creates))
    # Workers known only by the address on the list are managed by the commune of their enterprise (so that its
    # staff see them in the registry); their residence stays unknown until someone sets it.
    managing_unit = enterprise.commune_id
    # Derived values once per distinct name or date (names and birth dates repeat across a workforce).
    derived = names  # the child process's folding (workerlists.background), or filled here
    dates: dict[dt.date, object] = {None: None}
    person_rows = []
    token_rows = []
    append_person, add_tokens = person_rows.append, token_rows.extend
    for pk, row in zip(ids, creates, strict=True):
        values = row.__dict__  # a frozen dataclass: reading its dict skips the attribute machinery
        name = values["full_name"]
        found = derived.get(name)
        if found is None:
            found = derived[name] = name_search_forms(name)
        birth = values["birth_date"]
        stored = dates.get(birth, dates)
        if stored is dates:
            stored = dates[birth] = date(birth)
        year = values["birth_year"]
        append_person(
            (
                pk,
                now,
                now,
                name,
                found[0],
                stored,
                year if year is not None or birth is None else birth.year,
                values["sex"],
                values["id_number"],
                values["phone"],
                None,
                values["address"],
                None,
                managing_unit,
                False,
            )
        )
        add_tokens([(pk, position, token) for position, token in enumerate(found[1])])
    insert_rows(
        Person._meta.db_table,
        [
            "id",
            "created_at",
            "updated_at",
            "full_name",
            "name_folded",
            "birth_date",
            "birth_year",
            "sex",
            "id_number",
            "phone",
            "residence_unit_id",
            "address",
            "household_id",
            "managing_unit_id",
            "is_demo",
        ],
        person_rows,
    )
    del person_rows
    insert_rows(PersonNameToken._meta.db_table, ["person_id", "position", "token"], token_rows)
    del token_rows
    enterprise_id = enterprise.pk
    employment_rows = [
        (now, now, enterprise_id, pk, row.department, row.position, None, "", None, True)
        for row, pk in [*new_employments, *zip(creates, ids, strict=True)]
    ]
    insert_rows(
        Employment._meta.db_table,
        [
            "created_at",
            "updated_at",
            "enterprise_id",
            "person_id",
            "department",
            "position",
            "commitment_signed_on",
            "commitment_scan",
            "confirmation_id",
            "active",
        ],
        employment_rows,
    )
    _update_employments(changed, now)


def _allocate_ids(model, n: int) -> list[int]:
    """n fresh primary keys for `model`, inside the import's transaction (the rows go in with explicit ids)."""
    if n == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One jump of the sequence by n. Safe: the import holds a lock on the person table that keeps every other
            # inserter (whose INSERT would take the next values) waiting until the commit.
            cursor.execute(
                "SELECT setval(seq::regclass, nextval(seq::regclass) + %s - 1) "
                "FROM pg_get_serial_sequence(%s, 'id') AS seq",
                [n, table],
            )
            last = cursor.fetchone()[0]
            return list(range(last - n + 1, last + 1))
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        top = cursor.fetchone()[0]
        if connection.vendor == "sqlite":  # AUTOINCREMENT: never reuse the id of a deleted person
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            seq = cursor.fetchone()
            top = max(top, seq[0] if seq else 0)
    return list(range(top + 1, top + 1 + n))


def _update_employments(changed: list[tuple[int, str, str]], now) -> None:
    if not changed:
        return
    table = Employment._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ids, departments, positions = (list(column) for column in zip(*changed, strict=True))
            cursor.execute(
                f"UPDATE {table} AS e SET department = u.department, position = u.position, active = true, "
                "updated_at = %s FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS u(id, department, position) "
                "WHERE e.id = u.id",
                [now, ids, departments, positions],
            )
            return
        cursor.executemany(
            f"UPDATE {table} SET department = %s, position = %s, active = %s, updated_at = %s WHERE id = %s",
            [(department, position, True, now, pk) for pk, department, position in changed],
        )


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- starting an import, the error file -------------------------------------------------------------------------


def worker_import_start(*, enterprise: Enterprise, upload, dry_run: bool, user) -> WorkerImport:
    """Store the uploaded file and queue the import task (the embedded default runs it at once, in-process)."""
    from .tasks import import_workers_task

    record = WorkerImport.objects.create(
        enterprise=enterprise,
        file=upload,
        filename=(getattr(upload, "name", "") or "")[-255:],
        dry_run=dry_run,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    import_workers_task.enqueue(record.pk)
    record.refresh_from_db()
    return record


def errors_xlsx(errors: list[dict]) -> bytes:
    """The downloadable error file: one line per error — row, column, message — under Vietnamese headers."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False})
    sheet = book.add_worksheet("Lỗi")
    head = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1})
    sheet.write_row(0, 0, ["Dòng", "Cột", "Lỗi"], head)
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, 2, 90)
    for line, error in enumerate(errors, start=1):
        row = error.get("row")
        if isinstance(row, int):
            sheet.write_number(line, 0, row)
        sheet.write_string(line, 1, str(error.get("column") or ""))
        sheet.write_string(line, 2, str(error.get("message") or ""))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(errors), 1), 2)
    book.close()
    return buffer.getvalue()
