"""Finding the header of a worker list and mapping its columns to fields, whatever the enterprise called them.

Each header cell is folded once (`dualgoal.core.text.fold`: no diacritics, lower case, NFD-safe), punctuation becomes
spaces, a trailing note in parentheses ("Ngày sinh (dd/mm/yyyy)") is dropped, and the key is looked up first in a table
of exact variants, then in ordered keyword rules. A rule yields (field, priority): when several columns map to the same
field the highest priority wins ("Chỗ ở hiện tại" over "Địa chỉ thường trú", "Số CCCD" over "Số CMND"); the other ID
columns stay as fallbacks for rows whose preferred ID cell is empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dualgoal.core.text import fold, nfc

FIELDS = ("full_name", "id_number", "birth_date", "sex", "phone", "address", "department", "position")

# Special pseudo-fields: the STT column, "Nam" / "Nữ" sub-columns, a column to ignore on purpose, address parts.
STT, SEX_M, SEX_F, IGNORE, PART = "stt", "sex_m", "sex_f", "ignore", "part"
# "Ngày sinh" merged over "Ngày" / "Tháng" / "Năm": the birth date in three columns.
BIRTH_PARTS = {"ngay": "birth_day", "thang": "birth_month", "nam": "birth_year"}
BIRTH_FIELDS = frozenset(BIRTH_PARTS.values())

_PUNCT = re.compile(r"[^a-z0-9]+")
_NOTE = re.compile(r"\([^)]*\)|\[[^]]*\]")

_EXACT: dict[str, tuple[str, int]] = {
    "stt": (STT, 1),
    "tt": (STT, 1),
    "s tt": (STT, 1),
    "so tt": (STT, 1),
    "so thu tu": (STT, 1),
    "thu tu": (STT, 1),
    "ten": ("full_name", 1),
    "ns": ("birth_date", 2),
    "dob": ("birth_date", 2),
    "dt": ("phone", 2),
    "to": ("department", 1),
    "chuyen": ("department", 1),
    "khoi": ("department", 1),
    "phong": ("department", 1),
    "cmt": ("id_number", 1),
}

# Ordered: exclusions first, then fields whose keywords could appear inside another field's header.
_RULES: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(p), f, prio)
    for p, f, prio in [
        (r"\b(ngay|noi|nam) cap\b|\bcap ngay\b|\bnoi sinh\b|\bemail\b|\bghi chu\b|\bdan toc\b|\bton giao\b", IGNORE, 0),
        (
            r"\bquoc tich\b|\bso bhxh\b|\bbao hiem\b|\bma so thue\b|\bluong\b|\bhop dong\b|\bvaccin|\bvac xin\b",
            IGNORE,
            0,
        ),
        (r"\btiem\b|\bxet nghiem\b|\bngay vao\b|\bngay bat dau\b|\bkhai bao\b|\bky ten\b|\bso tk\b", IGNORE, 0),
        (r"^s ?tt\b|^so thu tu\b", STT, 1),
        (r"\b(cccd|can cuoc|cancuoc|dinh danh|so dd|ddcn)\b", "id_number", 3),
        (r"\b(cmnd|cmt|cmtnd|chung minh)\b", "id_number", 2),
        (r"\b(ho chieu|passport)\b", IGNORE, 0),
        (r"\b(ngay|nam|thang) (thang )?(nam )?sinh\b|\bsinh ngay\b|^sinh\b|\bbirth\b", "birth_date", 2),
        (r"\bgioi tinh\b|^gioi\b|^phai$|^nam nu$|^nam hoac nu$|\bsex\b|\bgender\b", "sex", 2),
        (r"\bdien thoai\b|\bsdt\b|\bdt\b|\bdtdd\b|\bdi dong\b|\bphone\b|\bmobile\b|\bdtlh\b|\bzalo\b", "phone", 2),
        (r"\b(noi o|cho o|tam tru|noi dang o|o hien nay|o hien tai)\b", "address", 4),
        (r"\b(thuong tru|ho khau)\b", "address", 2),
        (r"\b(dia chi|cu tru|noi song)\b", "address", 3),
        (r"\b(que quan|nguyen quan|que)\b", "address", 1),
        (r"\b(bo phan|phong ban|phan xuong|xuong|to sx|to san xuat|day chuyen|chuyen)\b", "department", 3),
        (r"\b(don vi|phong|khoi|to)\b", "department", 1),
        (r"\b(chuc vu|chuc danh|vi tri|cong viec|nghe nghiep|cong doan)\b", "position", 2),
        (r"\bho (va )?(ten|chu) dem\b|^ho dem$|^ho$", "name_head", 1),
        (r"\bho (va )?ten\b|\bho ten\b|\bhovaten\b|\bhoten\b|\bfull ?name\b|^name$", "full_name", 3),
        (r"^ten (cong nhan|nguoi lao dong|nld|nhan vien|lao dong|cn|nv|cbcnv|cong nhan vien)\b", "full_name", 2),
        (r"^(cong nhan|nguoi lao dong|nhan vien)$", "full_name", 1),
    ]
]
# Parts of an address spread over several columns under one "Nơi ở hiện nay" group header.
_ADDRESS_PART = re.compile(
    r"^(so nha|duong|pho|thon|xom|ap|ban|lang|khu|to dan pho|tdp|to|khu pho|xa|phuong|thi tran|xa phuong|"
    r"huyen|quan|thi xa|thanh pho|tp|tinh|tinh tp|tinh thanh pho|huyen quan|thon xom|thon to)\b"
)


@dataclass(frozen=True)
class HeaderCell:
    label: str  # NFC text as the file shows it
    key: str  # folded key
    field: str | None  # a FIELDS name, a pseudo-field, or None
    priority: int


_CACHE: dict[object, HeaderCell] = {}


def classify(value: object) -> HeaderCell:
    """Map one header cell to a field (memoised: a header text is folded once per process)."""
    try:
        return _CACHE[value]
    except (KeyError, TypeError):
        pass
    label = nfc(value) if isinstance(value, str) else ""
    cell = _classify(label)
    if len(_CACHE) < 20000 and isinstance(value, str):
        _CACHE[value] = cell
    return cell


def _classify(label: str) -> HeaderCell:
    if not label or len(label) > 80:
        return HeaderCell(label, "", None, 0)
    lowered = label.lower().strip(" .:*")
    if lowered == "nam":  # "Năm" (year) folds to the same letters: decide before folding
        return HeaderCell(label, "nam", SEX_M, 1)
    if lowered in ("nữ", "nu"):
        return HeaderCell(label, "nu", SEX_F, 1)
    key = _PUNCT.sub(" ", fold(label)).strip()
    bare = _PUNCT.sub(" ", fold(_NOTE.sub(" ", label))).strip() or key
    for candidate in (bare, key):
        if candidate in _EXACT:
            found, priority = _EXACT[candidate]
            return HeaderCell(label, candidate, found, priority)
    for pattern, found, priority in _RULES:
        if pattern.search(bare):
            return HeaderCell(label, bare, found, priority)
    if _ADDRESS_PART.search(bare):
        return HeaderCell(label, bare, PART, 0)
    return HeaderCell(label, bare, None, 0)


def column_letter(index: int) -> str:
    """0 -> "A", 27 -> "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Layout:
    """Where the fields are: column indexes (0-based) and the header text shown for each column."""

    header_row: int  # 0-based index of the (first) header row
    data_start: int  # 0-based index of the first row below the header
    labels: list[str]  # one per column: header text, "Top / Sub" for a two-row header, or the column letter
    fields: dict[str, int] = field(default_factory=dict)  # field -> column of the preferred source
    id_fallbacks: list[int] = field(default_factory=list)  # other ID columns, best first
    address_parts: list[int] = field(default_factory=list)  # columns joined into the address
    name_head: int | None = None  # "Họ và tên đệm" when the name is split into two columns
    sex_split: tuple[int, int] | None = None  # ("Nam" column, "Nữ" column) holding the birth date or a mark
    birth_parts: tuple[int, int, int] | None = None  # (day, month, year) columns under one "Ngày sinh"
    stt: int | None = None
    headed: list[bool] = field(default_factory=list)  # columns with a header text (their cells go into `raw`)

    def covered(self) -> set[str]:
        """The fields this layout can fill."""
        out = {name for name in self.fields if name in FIELDS}
        if self.birth_parts:
            out.add("birth_date")
        if self.sex_split:
            out |= {"sex", "birth_date"}
        if self.address_parts:
            out.add("address")
        return out

    def shown(self, name: str) -> str:
        """Header text as shown in the file for a field (what `ReadResult.columns` reports)."""
        if name == "address" and self.address_parts:
            return " + ".join(self.labels[c] for c in self.address_parts)
        if name == "full_name" and self.name_head is not None and "full_name" in self.fields:
            return f"{self.labels[self.name_head]} + {self.labels[self.fields['full_name']]}"
        if name == "birth_date" and self.birth_parts and name not in self.fields:
            return " + ".join(self.labels[c] for c in self.birth_parts)
        if name in ("birth_date", "sex") and self.sex_split and name not in self.fields:
            male, female = self.sex_split
            return f"{self.labels[male]} + {self.labels[female]}"
        return self.labels[self.fields[name]]


def _width(*rows: list) -> int:
    return max((len(r) for r in rows), default=0)


def _resolve(top: list, sub: list | None, merged: list[tuple[int, int, int]]) -> tuple[list[str], list[HeaderCell]]:
    """Effective header cell of each column, combining a group header row with its sub-header row."""
    width = _width(top, sub or [])
    tops = [classify(top[c]) if c < len(top) else classify("") for c in range(width)]
    if sub is None:
        return [t.label for t in tops], tops
    subs = [classify(sub[c]) if c < len(sub) else classify("") for c in range(width)]
    # A group header merged over its sub-columns: calamine puts the text in its first cell only.
    group = list(tops)
    spans = [(c1, c2) for (r, c1, c2) in merged]
    for c1, c2 in spans:
        for c in range(c1 + 1, min(c2 + 1, width)):
            if not group[c].label:
                group[c] = tops[c1]
    if not merged:  # no merge information (CSV, ODS): carry a group header right over empty top cells
        for c in range(1, width):
            if not group[c].label and subs[c].label and subs[c - 1].label and group[c - 1].label:
                group[c] = group[c - 1]
    labels, cells = [], []
    for c in range(width):
        t, s = group[c], subs[c]
        if not s.label:
            labels.append(t.label)
            cells.append(t)
            continue
        labels.append(f"{t.label} / {s.label}" if t.label and t.label != s.label else s.label)
        if t.field == "address" and (s.field in (None, PART, "department") or _ADDRESS_PART.search(s.key)):
            chosen = HeaderCell(s.label, s.key, PART, 0)
        elif t.field == "birth_date" and s.field is None and s.key in BIRTH_PARTS:
            chosen = HeaderCell(s.label, s.key, BIRTH_PARTS[s.key], 0)
        elif s.field in (SEX_M, SEX_F) or s.field in FIELDS or s.field == IGNORE or s.field == STT:
            chosen = s
            if s.field in (SEX_M, SEX_F) and t.field not in ("birth_date", "sex", None):
                chosen = HeaderCell(s.label, s.key, None, 0)
        elif t.field in FIELDS and s.field in (None, PART, "name_head"):
            chosen = t
        else:
            chosen = s
        cells.append(chosen)
    return labels, cells


def layout(
    header_top: list,
    header_sub: list | None,
    header_index: int,
    merged: list[tuple[int, int, int]],
) -> Layout | None:
    """The layout from one header row (and its sub-header row), or None if it lacks a name or an ID column."""
    labels, cells = _resolve(header_top, header_sub, merged)
    best: dict[str, tuple[int, int]] = {}
    ids: list[tuple[int, int]] = []
    parts: list[int] = []
    out = Layout(header_index, header_index + (2 if header_sub is not None else 1), labels)
    males = [c for c, cell in enumerate(cells) if cell.field == SEX_M]
    females = [c for c, cell in enumerate(cells) if cell.field == SEX_F]
    for c, cell in enumerate(cells):
        if cell.field == "id_number":
            ids.append((-cell.priority, c))
        if cell.field in FIELDS:
            if cell.field not in best or cell.priority > best[cell.field][0]:
                best[cell.field] = (cell.priority, c)
        elif cell.field == PART:
            parts.append(c)
        elif cell.field == "name_head" and out.name_head is None:
            out.name_head = c
        elif cell.field == STT and out.stt is None:
            out.stt = c
    if "full_name" not in best and out.name_head is not None:
        out.fields["full_name"] = out.name_head
        out.name_head = None
    if out.name_head is not None and "full_name" in best:
        given = best["full_name"][1]
        if cells[given].key != "ten" or given < out.name_head:
            out.name_head = None  # a real full-name column: "Họ" beside it is not the first part of the name
    out.fields.update({name: c for name, (_, c) in best.items()})
    if "full_name" not in out.fields or "id_number" not in out.fields:
        return None
    out.id_fallbacks = [c for _, c in sorted(ids) if c != out.fields["id_number"]]
    if parts and header_sub is not None:
        address = out.fields.pop("address", None)
        out.address_parts = sorted([*parts, *([address] if address is not None else [])])
    if males and females:
        out.sex_split = (males[0], females[0])
    parts_of_birth = {cell.field: c for c, cell in reversed(list(enumerate(cells))) if cell.field in BIRTH_FIELDS}
    if len(parts_of_birth) == 3 and "birth_date" not in out.fields:
        out.birth_parts = (parts_of_birth["birth_day"], parts_of_birth["birth_month"], parts_of_birth["birth_year"])
    out.headed = [bool(label) for label in labels]
    for c, label in enumerate(labels):
        if not label:
            labels[c] = column_letter(c)
    return out


def find_header(grid: list[list], merged: list, scan: int) -> Layout | None:
    """The layout of the first row (within `scan` rows) that, alone or with the row below it, names a name and an ID."""
    for h in range(min(scan, len(grid))):
        top = grid[h]
        if sum(1 for v in top if isinstance(v, str) and v.strip()) < 2:
            continue
        spans = [(h, c1, c2) for ((r1, c1), (r2, c2)) in merged if r1 <= h <= r2 and c2 > c1]
        single = layout(top, None, h, spans)
        pair = None
        if h + 1 < len(grid):
            sub = grid[h + 1]
            name_col = single.fields["full_name"] if single else None
            if looks_like_subheader(sub, top) and (name_col is None or not str(sub[name_col]).strip()):
                pair = layout(top, sub, h, spans)
        if pair is not None and (single is None or len(pair.covered()) >= len(single.covered())):
            return pair
        if single is not None:
            return single
    return None


def looks_like_subheader(row: list, top: list) -> bool:
    """A row of short texts under a header (the second row of a two-row header), not data or a numbering row."""
    texts = 0
    for c, value in enumerate(row):
        if value == "":
            continue
        if not isinstance(value, str):
            return False
        stripped = value.strip()
        if not stripped or len(stripped) > 60 or sum(ch.isdigit() for ch in stripped) >= 4:
            return False
        if stripped.strip("()").isdigit():
            return False
        texts += 1
        if c >= len(top):
            return False
    return texts > 0 and any(classify(v).field is not None or classify(v).key in BIRTH_PARTS for v in row if v != "")
