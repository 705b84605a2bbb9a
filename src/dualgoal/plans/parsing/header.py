"""The parts of a plan around its body: header block, title, cited documents and signature block.

Decree 30/2020/NĐ-CP lays a plan out as a two-column header (issuer | national title and motto; number |
place and date), the document type ("KẾ HOẠCH") with its subject, the body, then "Nơi nhận" beside the
signature block. Text exported from a .docx gives the header table either one cell per line or a row per
line with cells separated by tabs or runs of spaces; both are handled by splitting lines into cells.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .text import fold, is_upper_text, squash

_CELL_SPLIT = re.compile(r"\t+|\s{2,}")
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<number>\S.*)$")
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,\d]{2,60}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.I
)
_DOC_TYPE = re.compile(r"^(?P<type>KẾ HOẠCH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|PHƯƠNG ÁN)(?:\s+(?P<rest>.*))?$")
_TITLE_STOP = re.compile(r"^(?:thực hiện|căn cứ|triển khai|nhằm|để|trên cơ sở)\b", re.I)
_SIGNATURE_CAPACITY = re.compile(r"^(?:TM|KT|Q|TL|TUQ)\.\s*\S")
_SIGNATURE_TITLE = re.compile(r"(?:CHỦ TỊCH|TRƯỞNG|GIÁM ĐỐC|BÍ THƯ|THỦ TRƯỞNG)")
_NOT_A_NAME = re.compile(r"^\(|đã ký|ký tên|đóng dấu", re.I)
_CITED = re.compile(
    r"(?P<kind>Thông báo|Quyết định|Kế hoạch|Chỉ thị|Nghị quyết|Công văn|Văn bản|Nghị định|Thông tư|Kết luận"
    r"|Hướng dẫn|Chương trình|Luật|Công điện)\s+số\s+(?P<number>\d[\w/.\-]*[\w])"
    r"(?:\s+ngày\s+(?:(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})))?"
)
# Acronyms kept in capitals when an all-capital title is turned into sentence case.
_ACRONYMS = {"UBND", "HĐND", "MTTQ", "THPT", "THCS", "KT-XH", "CCN", "KCN", "GPMB", "ANTT", "PCCC", "TNCS"}
_UNIT_LEVELS = ("huyen ", "xa ", "tinh ", "thi tran ", "thanh pho ", "phuong ", "quan ", "thi xa ")
_PLACE_WORDS = {"xã", "huyện", "tỉnh", "thị trấn", "thành phố", "thôn", "phường", "quận"}


@dataclass
class Header:
    """What the header block says; every field may be missing (the seed has no header at all)."""

    issuer: str | None = None
    issuer_lines: list[str] = field(default_factory=list)
    number: str | None = None
    place: str | None = None
    issued_on: dt.date | None = None


@dataclass(frozen=True)
class CitedDocument:
    """A document the plan implements ("Thông báo số 245/TB-UBND ngày 22/6/2021")."""

    kind: str
    number: str
    date: dt.date | None

    def to_json(self) -> dict[str, str | None]:
        return {"number": self.number, "date": self.date.isoformat() if self.date else None}


def cells(line: str) -> list[str]:
    """Split a header/footer line into table cells (tab- or wide-space-separated)."""
    return [squash(cell) for cell in _CELL_SPLIT.split(line.strip()) if squash(cell)]


def find_doc_type(lines: list[str]) -> int | None:
    """Index of the "KẾ HOẠCH" line that separates the header block from the title, or None."""
    for index, line in enumerate(lines):
        if _DOC_TYPE.match(squash(line)):
            return index
    return None


def parse_header(lines: list[str]) -> Header:
    """Read issuer lines, "Số: 45/KH-UBND" and "Tiến Dũng, ngày 12 tháng 4 năm 2022"; skip the national
    title, the motto and the rules drawn under them."""
    header = Header()
    for line in lines:
        for cell in cells(line):
            folded = fold(cell)
            if folded.startswith("cong hoa xa hoi chu nghia") or folded == "doc lap tu do hanh phuc":
                continue
            if not any(ch.isalnum() for ch in cell):
                continue  # "----------" or "___" under the issuer and the motto
            number = _NUMBER.match(cell)
            if number:
                header.number = squash(number["number"]).rstrip(".")
                continue
            place_date = _PLACE_DATE.match(cell)
            if place_date:
                header.place = squash(place_date["place"])
                try:
                    year, month, day = (int(place_date[key]) for key in ("y", "m", "d"))
                    header.issued_on = dt.date(year, month, day)
                except ValueError:
                    header.issued_on = None
                continue
            if is_upper_text(cell):
                header.issuer_lines.append(cell)
    # The lowest issuer line is the issuing body; lines above it name its superior ("UBND HUYỆN YÊN DŨNG").
    header.issuer = header.issuer_lines[-1] if header.issuer_lines else None
    if len(header.issuer_lines) >= 2 and fold(header.issuer_lines[-1]).startswith(_UNIT_LEVELS):
        # "ỦY BAN NHÂN DÂN" / "HUYỆN YÊN DŨNG" is one name broken over two lines.
        header.issuer = f"{header.issuer_lines[-2]} {header.issuer_lines[-1]}"
    return header


def _sentence_case(text: str) -> str:
    """Sentence case for an all-capital title, keeping place names and acronyms capitalised.

    "PHÒNG, CHỐNG DỊCH SỐT XUẤT HUYẾT TRÊN ĐỊA BÀN XÃ TIẾN DŨNG" -> "Phòng, chống … xã Tiến Dũng".
    """
    words = text.split()
    out: list[str] = []
    capitalise_next = 0
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in {"năm", "và", "giai", "đến", "trên", "của"}:
            capitalise_next = 0  # the place name has ended
        if word in _ACRONYMS or any(ch.isdigit() for ch in word):
            out.append(word)
        elif index == 0 or capitalise_next:
            out.append(lower[:1].upper() + lower[1:])
        else:
            out.append(lower)
        capitalise_next = max(capitalise_next - 1, 0)
        pair = " ".join(x.lower() for x in words[max(index - 1, 0) : index + 1])
        if lower in _PLACE_WORDS or pair in _PLACE_WORDS:
            capitalise_next = 2  # proper names after "xã", "huyện" are usually two syllables
    return " ".join(out)


def read_title(lines: list[str], doc_type_index: int) -> tuple[str, int]:
    """Title = "Kế hoạch" + the subject lines below it, up to a blank line or the opening "Thực hiện …".

    Returns the title and the index of the first line after it.
    """
    match = _DOC_TYPE.match(squash(lines[doc_type_index]))
    assert match is not None
    doc_type = match["type"].lower()
    parts = [match["rest"]] if match["rest"] else []
    index = doc_type_index + 1
    while index < len(lines) and not lines[index].strip():
        index += 1  # tolerate blank lines between "KẾ HOẠCH" and its subject
    while index < len(lines) and lines[index].strip():
        line = squash(lines[index])
        if _TITLE_STOP.match(line) and not is_upper_text(line):
            break  # "Thực hiện Thông báo số …" opens the body; "THỰC HIỆN CHUYỂN ĐỔI SỐ …" is still the title
        if line.strip("-_ ") == "":
            index += 1
            continue
        if re.match(r"^(?:[IVX]+|\d+)[.)]\s", line):
            break
        parts.append(line)
        index += 1
    subject = " ".join(parts)
    if is_upper_text(subject):
        subject = _sentence_case(subject)
    title = doc_type[:1].upper() + doc_type[1:]
    return (f"{title} {subject}".strip(), index)


def find_tail(lines: list[str]) -> int:
    """Index where the body ends: the "Nơi nhận" line, or a signature line ("TM. ỦY BAN NHÂN DÂN")."""
    for index, line in enumerate(lines):
        for cell in cells(line):
            if fold(cell).startswith("noi nhan") or _SIGNATURE_CAPACITY.match(cell):
                return index
    return len(lines)


@dataclass
class Signature:
    title: str | None = None
    name: str | None = None


def parse_signature(lines: list[str]) -> Signature:
    """Signature block: capacity and title lines in capitals, then the signer's name."""
    titles: list[str] = []
    name = None
    for line in lines:
        for cell in cells(line):
            if fold(cell).startswith("noi nhan") or cell[:1] in "-+•":
                continue
            if _SIGNATURE_CAPACITY.match(cell) or (is_upper_text(cell) and _SIGNATURE_TITLE.search(cell)):
                titles.append(cell)
            elif titles and not _NOT_A_NAME.search(cell) and _looks_like_person(cell):
                name = cell
    return Signature(title="\n".join(titles) or None, name=name)


def _looks_like_person(cell: str) -> bool:
    words = cell.split()
    return 2 <= len(words) <= 6 and all(word[:1].isupper() for word in words) and not is_upper_text(cell)


def find_cited(text: str) -> list[CitedDocument]:
    """Documents named with a number in the opening paragraphs ("Thực hiện Thông báo số …")."""
    found: list[CitedDocument] = []
    for match in _CITED.finditer(text):
        day, month, year = (match[key] or match[f"{key}2"] for key in ("d", "m", "y"))
        try:
            when = dt.date(int(year), int(month), int(day)) if year else None
        except ValueError:
            when = None
        number = match["number"].rstrip(".,;")
        if all(doc.number != number for doc in found):
            found.append(CitedDocument(kind=match["kind"], number=number, date=when))
    return found
