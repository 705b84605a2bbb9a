"""Reading worker lists as enterprises really send them: .xlsx/.xls/.ods through python-calamine, or .csv.

Pure: no models, no database. The file is read into memory once and the header looked for in its first rows; then every
column is normalised in bulk — each distinct value once where values repeat (names, dates, departments, addresses),
inlined fast paths where they do not (citizen IDs, phones) — and one pass over the rows sorts data rows from blank,
numbering, section, footer and signature lines, collects per-row errors and duplicates, and builds the WorkerRows.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from dualgoal.core.text import fold

from . import values as V
from .columns import FIELDS, Layout, find_header
from .sources import Sheet, WorkerListError, sheets

__all__ = ["ReadResult", "RowError", "WorkerListError", "WorkerRow", "read_worker_list", "stream_worker_list"]

HEADER_SCAN = 60  # rows looked at for the header
PART_ROWS = 20_000  # rows of the sheet per part of stream_worker_list


@dataclass(frozen=True)
class WorkerRow:
    row: int  # Excel row number, 1-based as Excel shows it (the record number in a CSV)
    full_name: str
    id_number: str
    birth_date: dt.date | None
    birth_year: int | None
    sex: str  # "M", "F" or ""
    phone: str
    address: str
    department: str
    position: str
    raw: dict[str, object] = field(compare=False, repr=False)  # header text -> the cell value as read


_new_row, _set_dict = WorkerRow.__new__, object.__setattr__


def worker_row(
    row: int,
    full_name: str,
    id_number: str,
    birth_date: dt.date | None,
    birth_year: int | None,
    sex: str,
    phone: str,
    address: str,
    department: str,
    position: str,
    raw: dict,
) -> WorkerRow:
    """WorkerRow(...) for the hot loops: a frozen dataclass's __init__ sets each field through
    object.__setattr__; setting __dict__ at once is about three times faster and builds the same object."""
    worker = _new_row(WorkerRow)
    _set_dict(
        worker,
        "__dict__",
        {
            "row": row,
            "full_name": full_name,
            "id_number": id_number,
            "birth_date": birth_date,
            "birth_year": birth_year,
            "sex": sex,
            "phone": phone,
            "address": address,
            "department": department,
            "position": position,
            "raw": raw,
        },
    )
    return worker


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the header text as the file shows it, or the column letter
    message: str  # Vietnamese


@dataclass
class ReadResult:
    rows: list[WorkerRow]
    errors: list[RowError]
    header_row: int  # Excel row number of the header (its first row for a two-row header)
    columns: dict[str, str]  # field -> header found
    data_rows: int  # rows that are not title, header, numbering, blank, section, footer or signature lines
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)  # (row, first row, id_number)
    sheet: str = ""
    sheet_rows: int = 0  # rows of the sheet below the header (stream_worker_list's first part: the work ahead)
    # The rows' names folded and cut into search keys (core.text.name_search_forms), when the reader was asked to
    # derive them (workerlists.background does, so that the child process rather than the writer does the folding).
    names: dict[str, tuple[str, list[str]]] = field(default_factory=dict)


# --- row kinds ------------------------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"\(?\s*(\d{1,2}|[a-zA-Z])\s*\)?(\s*[=+\-x*/]\s*\(?\s*\d{1,2}\s*\)?)*")
_FOOTER = re.compile(
    r"^(tong cong|tong so|tong|cong)\b\s*[:\d(]|^tong cong\b|nguoi lap|lap bieu|giam doc|thu truong|chu tich|"
    r"ky,? ghi ro|ky ten|ky va ghi|dong dau|xac nhan|noi nhan|\bngay\b.{0,12}\bthang\b.{0,12}\bnam\b|"
    r"ke toan|truong phong|dai dien|^tm\.?\s|^kt\.?\s|^ghi chu\s*:|^luu\b|^danh sach (nay|co)\b"
)
_ROMAN_OR_LETTER = re.compile(r"([IVXLC]+|[A-Za-z])\s*[.)]?")
_SECTION = re.compile(
    r"^([IVXLC]+|[A-Z]|\d{1,2})[.)]\s|^(bo phan|phan xuong|xuong|khoi|phong|chuyen|day chuyen|to \d)\b"
)

BLANK, NUMBERING, FOOTER, SECTION, DATA = range(5)


def _is_numbering(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return 0 <= value < 100 and float(value).is_integer()
    return isinstance(value, str) and _NUMBERING.fullmatch(value.strip()) is not None


def _kind(row: list, lay: Layout, name: str, id_state: int, data_cols: list[int], footer_seen: bool) -> int:
    """What a row that lacks a name or a valid ID is. id_state: 0 empty ID cell, 1 invalid ID, 2 valid ID."""
    has_id = id_state > 0
    cells = [v for v in row if v != "" and not (isinstance(v, str) and not v.strip())]
    if not cells:
        return BLANK
    if len(cells) >= 2 and all(_is_numbering(v) for v in cells):
        return NUMBERING
    if not name:
        if id_state < 2 and any(isinstance(v, str) and _FOOTER.search(fold(v)) for v in cells):
            return FOOTER
    elif id_state < 2 and _FOOTER.search(fold(name)):
        return FOOTER  # "Tổng cộng" / "Người lập biểu" in the name column (perhaps with a count beside it)
    filled = [c for c in data_cols if row[c] != "" and not (isinstance(row[c], str) and not row[c].strip())]
    if not filled:
        return BLANK  # a pre-numbered empty template row, or stray text outside the data columns
    if footer_seen and not has_id:
        return FOOTER  # names under a signature block
    name_col = lay.fields["full_name"]
    if name and not has_id and filled == [name_col]:
        stt = row[lay.stt] if lay.stt is not None else ""
        stt_text = stt.strip() if isinstance(stt, str) else ""
        if (stt_text and _ROMAN_OR_LETTER.fullmatch(stt_text)) or _SECTION.search(name) or name.isupper():
            return SECTION
        if _SECTION.search(fold(name)):
            return SECTION
    return DATA


# --- bulk normalisation -------------------------------------------------------------------------------------------


def _memo(
    column: list, fn: Callable[[object], object], placeholder: object = "", seen: tuple[dict, dict] | None = None
) -> tuple[list, dict[int, str]]:
    """fn over a column, once per distinct value: (results in row order, {row index: message} where fn refused).
    `seen` — (results, refusals) by value — carries the work over from one part of a file to the next."""
    cache, refused = seen if seen is not None else ({}, {})
    for value in set(column).difference(cache):
        try:
            cache[value] = fn(value)
        except ValueError as exc:
            cache[value] = placeholder
            refused[value] = str(exc)
    results = [cache[v] for v in column]
    if not refused:
        return results, {}
    return results, {k: refused[v] for k, v in enumerate(column) if v in refused}


def _fill_merged_down(grid: list[list], merged: list, start: int, columns: set[int]) -> None:
    """A department or address merged over several data rows belongs to each of them."""
    for (r1, c1), (r2, c2) in merged:
        if r2 <= r1 or r1 < start or r1 >= len(grid):
            continue
        for c in range(c1, c2 + 1):
            if c in columns:
                value = grid[r1][c1]
                for r in range(r1 + 1, min(r2, len(grid) - 1) + 1):
                    if grid[r][c] == "":
                        grid[r][c] = value


def _split_sex(body: list[list], lay: Layout, raw_birth: list, birth_label: dict[int, str]) -> tuple[list, dict]:
    """Sex (and, with no birth column, the birth date) from a "Nam" / "Nữ" column pair."""
    male_col, female_col = lay.sex_split
    labels = lay.labels
    sexes = [""] * len(body)
    bad: dict[int, str] = {}
    marks = V.MARKS
    own_birth = "birth_date" in lay.fields or lay.birth_parts is not None
    for k, r in enumerate(body):
        male, female = r[male_col], r[female_col]
        if male == "" and female == "":
            continue
        if male != "" and female != "":
            bad[k] = "Ghi ở cả cột Nam và cột Nữ: không rõ giới tính."
            continue
        value, sexes[k], where = (male, "M", male_col) if male != "" else (female, "F", female_col)
        if not own_birth and value not in marks:
            raw_birth[k] = value
            birth_label[k] = labels[where]
    return sexes, bad


# --- reading --------------------------------------------------------------------------------------------------------


def read_worker_list(data: bytes, filename: str, *, as_of: dt.date | None = None, keep_raw: bool = True) -> ReadResult:
    """Read a worker list; `as_of` (default today) is the date ages are checked on. Raises WorkerListError.
    `keep_raw=False` leaves each row's `raw` (its cells by header) empty: an import does not need them.

    The cyclic garbage collector is paused while reading: the millions of cells and rows are not cycles, and its
    repeated full passes over them would otherwise cost more than all the normalisation together.
    """
    parts = stream_worker_list(data, filename, as_of=as_of, keep_raw=keep_raw)
    result = next(parts)
    for part in parts:
        result.rows += part.rows
        result.errors += part.errors
        result.duplicates += part.duplicates
        result.data_rows += part.data_rows
    return result


def stream_worker_list(
    data: bytes, filename: str, *, as_of: dt.date | None = None, keep_raw: bool = True, part_rows: int = PART_ROWS
) -> Iterator[ReadResult]:
    """The same reading, a part at a time, so that a caller can write one part while the next is read: first a
    ReadResult with the header (`header_row`, `columns`, `sheet`) and no rows, then one per `part_rows` rows of the
    sheet, each with its rows, errors, duplicates and `data_rows`. Raises WorkerListError before the first yield.
    Duplicates are found across parts (a row repeating an ID of an earlier part is refused, naming that row)."""
    as_of = as_of or dt.date.today()
    paused = gc.isenabled()
    gc.disable()
    try:
        yield from _read_file(data, filename, as_of, keep_raw, part_rows)
    finally:
        if paused:
            gc.enable()


def _read_file(data: bytes, filename: str, as_of: dt.date, keep_raw: bool, part_rows: int) -> Iterator[ReadResult]:
    any_data = False
    for sheet in sheets(data, filename):
        any_data = any_data or any(any(v != "" for v in r) for r in sheet.grid[:HEADER_SCAN])
        lay = find_header(sheet.grid, sheet.merged, HEADER_SCAN)
        if lay is not None:
            for part in _read(sheet, lay, as_of, keep_raw, part_rows):
                part.sheet = sheet.name
                yield part
            return
    if not any_data:
        raise WorkerListError(f"Tệp “{filename}” không có dữ liệu.")
    raise WorkerListError(
        f"Không tìm thấy dòng tiêu đề trong {HEADER_SCAN} dòng đầu của tệp “{filename}”: cần có cột họ tên "
        "(ví dụ “Họ và tên”) và cột số định danh (ví dụ “Số CCCD/CMND”)."
    )


def _read(sheet: Sheet, lay: Layout, as_of: dt.date, keep_raw: bool, part_rows: int) -> Iterator[ReadResult]:
    grid, f, label = sheet.grid, lay.fields, lay.labels
    text_cols = {f[k] for k in ("address", "department", "position") if k in f} | set(lay.address_parts)
    if sheet.merged and text_cols:
        _fill_merged_down(grid, sheet.merged, lay.data_start, text_cols)

    birth_col = f.get("birth_date")
    label_birth = lay.shown("birth_date") if lay.birth_parts else ""
    if lay.birth_parts:
        birth_col = lay.birth_parts[0]
    data_cols = sorted(
        {c for k, c in f.items() if k in FIELDS}
        | set(lay.address_parts)
        | set(lay.sex_split or ())
        | set(lay.id_fallbacks)
        | ({lay.name_head} if lay.name_head is not None else set())
    )
    raw_cols = [c for c, headed in enumerate(lay.headed) if headed]
    raw_keys = _unique_keys([label[c] for c in raw_cols])
    if raw_cols == list(range(len(raw_cols))):
        raw_get = lambda r: r  # noqa: E731 - the headed columns come first: zip stops at the last of them
    else:
        raw_get = itemgetter(*raw_cols) if len(raw_cols) > 1 else (lambda r: (r[raw_cols[0]],))

    name_label, id_label_default = label[f["full_name"]], label[f["id_number"]]
    birth_label_default = label[birth_col] if birth_col is not None else ""
    if lay.birth_parts:
        birth_label_default = label_birth
    elif birth_col is None and lay.sex_split:
        birth_label_default = lay.shown("birth_date")
    sex_label = label[f["sex"]] if "sex" in f else (lay.shown("sex") if lay.sex_split else "")
    phone_label = label[f["phone"]] if "phone" in f else ""
    shown = {name: lay.shown(name) for name in FIELDS if name in f}
    if lay.sex_split:
        shown.setdefault("sex", lay.shown("sex"))
        shown.setdefault("birth_date", lay.shown("birth_date"))
    if lay.address_parts:
        shown["address"] = lay.shown("address")
    yield ReadResult([], [], lay.header_row + 1, shown, 0, [], sheet_rows=max(len(grid) - lay.data_start, 0))

    # Carried from part to part: the IDs seen (duplicates), whether a footer was passed, each column's memo.
    seen: dict[str, int] = {}
    footer_seen = False
    memos = {key: ({}, {}) for key in ("name", "birth", "sex", "address", "department", "position")}
    encoded_year, female_digits = V.ENCODED_YEAR, V.FEMALE_DIGITS
    birth = lambda v: V.birth(v, as_of)  # noqa: E731
    for start in range(lay.data_start, len(grid), part_rows):
        body = grid[start : start + part_rows]
        n = len(body)
        empty = [""] * n

        def column(c: int | None, body=body, empty=empty) -> list:
            return [r[c] for r in body] if c is not None else empty

        # Names (joined from "Họ đệm" + "Tên" when split), IDs (with fallback columns), birth, sex, phone, texts.
        raw_names = column(f["full_name"])
        if lay.name_head is not None:
            pairs = zip(column(lay.name_head), raw_names, strict=True)
            raw_names = [V.text(f"{V.text(a)} {V.text(b)}") if a != "" else b for a, b in pairs]
        names, bad_name = _memo(raw_names, V.name, seen=memos["name"])

        raw_ids = column(f["id_number"])
        id_label: dict[int, str] = {}
        for k in [k for k, v in enumerate(raw_ids) if v == ""] if lay.id_fallbacks else ():
            for c in lay.id_fallbacks:
                if body[k][c] != "":
                    raw_ids[k], id_label[k] = body[k][c], label[c]
                    break
        ids, bad_id = V.id_column(raw_ids, sheet.text_only)

        raw_birth = column(birth_col) if not lay.birth_parts else [_join_birth(r, lay.birth_parts) for r in body]
        birth_label: dict[int, str] = {}
        split_sexes, bad_split = empty, {}
        if lay.sex_split:
            raw_birth = list(raw_birth)
            split_sexes, bad_split = _split_sex(body, lay, raw_birth, birth_label)
        births, bad_birth = _memo(raw_birth, birth, (None, None), seen=memos["birth"])
        sexes, bad_sex = _memo(column(f.get("sex")), V.sex, seen=memos["sex"])
        if lay.sex_split:
            sexes = [a or b for a, b in zip(sexes, split_sexes, strict=True)]
        phones, bad_phone = V.phone_column(column(f.get("phone")))
        if lay.address_parts:
            parts = itemgetter(*lay.address_parts)
            addresses, _ = _memo(
                [parts(r) for r in body],
                lambda p: ", ".join(t for t in map(V.text, p) if t),
                seen=memos["address"],
            )
        else:
            addresses, _ = _memo(column(f.get("address")), V.text, seen=memos["address"])
        departments, _ = _memo(column(f.get("department")), V.text, seen=memos["department"])
        positions, _ = _memo(column(f.get("position")), V.text, seen=memos["position"])

        odd = set(bad_name) | set(bad_id) | set(bad_birth) | set(bad_sex) | set(bad_phone) | set(bad_split)
        odd.update(k for k, v in enumerate(names) if not v)
        odd.update(k for k, v in enumerate(ids) if not v)

        rows: list[WorkerRow] = []
        errors: list[RowError] = []
        duplicates: list[tuple[int, int, str]] = []
        data_rows = 0
        base = start + 1  # Excel row number of body[0]
        columns = zip(range(n), body, names, ids, births, sexes, phones, addresses, departments, positions, strict=True)
        for k, r, name, digits, (birth_date, birth_year), sex, phone, address, department, position in columns:
            problems = None
            if k in odd:
                id_state = 2 if digits else 1 if k in bad_id else 0
                kind = _kind(r, lay, "" if k in bad_name else name, id_state, data_cols, footer_seen)
                if kind != DATA:
                    footer_seen = footer_seen or kind == FOOTER
                    continue
                problems = []
                if k in bad_name:
                    problems.append((name_label, bad_name[k]))
                elif not name:
                    problems.append((name_label, "Thiếu họ tên."))
                if k in bad_id:
                    problems.append((id_label.get(k, id_label_default), bad_id[k]))
                elif not digits:
                    problems.append((id_label.get(k, id_label_default), "Thiếu số CCCD/CMND."))
                if k in bad_birth:
                    problems.append((birth_label.get(k, birth_label_default), bad_birth[k]))
                if k in bad_split:
                    problems.append((sex_label, bad_split[k]))
                elif k in bad_sex:
                    problems.append((sex_label, bad_sex[k]))
                if k in bad_phone:
                    problems.append((phone_label, bad_phone[k]))
            data_rows += 1
            row_number = base + k
            if digits:
                if len(digits) == 12 and (
                    (birth_year is not None and encoded_year[digits[3:6]] != birth_year)
                    or (sex and (digits[3] in female_digits) != (sex == "F"))
                ):
                    message = V.id_cross_check(digits, birth_year, sex)
                    if message:
                        problems = problems or []
                        problems.append((id_label.get(k, id_label_default), message))
                first = seen.setdefault(digits, row_number)
                if first != row_number:
                    duplicates.append((row_number, first, digits))
                    problems = problems or []
                    problems.append(
                        (id_label.get(k, id_label_default), f"Số CCCD/CMND {digits} trùng với dòng {first}.")
                    )
            if problems:
                errors.extend(RowError(row_number, column_name, message) for column_name, message in problems)
                continue
            worker = worker_row(
                row_number,
                name,
                digits,
                birth_date,
                birth_year,
                sex,
                phone,
                address,
                department,
                position,
                dict(zip(raw_keys, raw_get(r), strict=False)) if keep_raw else {},
            )
            rows.append(worker)
        yield ReadResult(rows, errors, lay.header_row + 1, shown, data_rows, duplicates)


def _join_birth(row: list, columns: tuple[int, int, int]) -> object:
    """A birth date written over day, month and year columns, as d/m/yyyy text (or the year alone)."""
    day, month, year = (V.text(row[c]) for c in columns)
    if not (day or month):
        return row[columns[2]]
    return f"{day}/{month}/{year}"


def _unique_keys(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for text in labels:
        count = seen.get(text, 0) + 1
        seen[text] = count
        out.append(text if count == 1 else f"{text} ({count})")
    return out
