"""Official documents (văn bản hành chính) per Decree 30/2020/NĐ-CP, and XLSX tables.

Django-free: callers build an :class:`OfficialHeader`, a body of paragraphs and :class:`Table` objects, a recipient
list and a :class:`Signature`, and get ``bytes`` back. Layout (Phụ lục I of the Decree): A4, margins 2/2/3/1.5 cm,
Times New Roman, national title and motto at top right, issuer and "Số: …" at top left, italic place-and-date line,
type and summary (trích yếu) centred, "Nơi nhận:" bottom left, signature bottom right, page numbers from page 2.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import xlsxwriter
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
RED = RGBColor(0xC0, 0x00, 0x00)
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TEXT_WIDTH_CM = 21.0 - 3.0 - 1.5  # A4 minus left and right margins

Cell = str | int | float | datetime.date | None


@dataclass(frozen=True)
class OfficialHeader:
    """Everything above the body: issuer, number, place and date, document type and summary (trích yếu).

    With an empty ``doc_type`` the document is a letter (công văn): the summary ("V/v …") goes under the number.
    """

    issuer_parent: str  # cơ quan chủ quản, e.g. "UBND TỈNH BẮC GIANG"; may be ""
    issuer: str  # e.g. "UBND HUYỆN YÊN DŨNG"
    number: str  # full text: "Số: 12/BC-TCKH" or "Số:      /BC-TCKH"
    place: str  # e.g. "Yên Dũng"
    date: datetime.date
    doc_type: str  # e.g. "BÁO CÁO"
    summary: str  # trích yếu


@dataclass(frozen=True)
class Signature:
    """Signature block: authority ("TM. ỦY BAN NHÂN DÂN", "KT. TRƯỞNG PHÒNG"), title ("CHỦ TỊCH"), signer name."""

    authority: str
    title: str
    name: str


@dataclass(frozen=True)
class Table:
    """A captioned table; ``highlight_rows`` (data-row indexes) render bold red, e.g. overdue tasks."""

    title: str
    columns: list[str]
    rows: list[list[Cell]]
    widths_cm: list[float] | None = None
    highlight_rows: AbstractSet[int] = frozenset()


def date_line(place: str, day: datetime.date) -> str:
    """Place and date line: days 1–9 and months 1–2 get a leading zero (Decree 30, Phụ lục I).

    >>> date_line("Yên Dũng", datetime.date(2021, 2, 5))
    'Yên Dũng, ngày 05 tháng 02 năm 2021'
    >>> date_line("Yên Dũng", datetime.date(2021, 7, 15))
    'Yên Dũng, ngày 15 tháng 7 năm 2021'
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text.capitalize()


def format_cell(value: Cell) -> str:
    """Vietnamese display form of a cell: 1.234.567 and 12,5 for numbers, dd/mm/yyyy for dates, "" for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if isinstance(value, datetime.datetime):
        return value.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


# --------------------------------------------------------------------------------------------------------- DOCX


def _set_east_asian(rpr_owner, name: str = FONT) -> None:
    """Set all four rFonts slots (ascii, hAnsi, eastAsia, cs) and drop theme fonts that would override them."""
    rpr = rpr_owner.get_or_add_rPr() if hasattr(rpr_owner, "get_or_add_rPr") else rpr_owner.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_owner.append(rpr)
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _setup_document():
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _set_east_asian(normal.element)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        _set_east_asian(rpr_default)
    return doc


def _run(par: Paragraph, text: str, size: float = 14, *, bold=False, italic=False, color: RGBColor | None = None):
    run = par.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    _set_east_asian(run._r)
    if color is not None:
        run.font.color.rgb = color
    return run


def _line(container, text: str = "", size: float = 14, *, align=WD_ALIGN_PARAGRAPH.CENTER, bold=False, italic=False):
    """A tight (no spacing, single-spaced) paragraph, reusing the empty first paragraph of a fresh cell."""
    first = container.paragraphs[0] if isinstance(container, _Cell) else None
    par = first if first is not None and not first.text and not first.runs else container.add_paragraph()
    par.alignment = align
    fmt = par.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing, fmt.first_line_indent = Pt(0), Pt(0), 1.0, Cm(0)
    if text:
        _run(par, text, size, bold=bold, italic=italic)
    return par


_PPR_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr")


def _rule(container, width_cm: float, available_cm: float) -> None:
    """A short centred horizontal line: an empty 2 pt paragraph with a top border, narrowed by indents."""
    par = _line(container)
    par.paragraph_format.space_before = Pt(2)
    indent = max((available_cm - width_cm) / 2, 0)
    par.paragraph_format.left_indent = par.paragraph_format.right_indent = Cm(indent)
    ppr = par._p.get_or_add_pPr()
    borders, top = OxmlElement("w:pBdr"), OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.insert_element_before(borders, *_PPR_AFTER_PBDR)
    mark, size = OxmlElement("w:rPr"), OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")


def _text_width_cm(text: str, size: float, *, bold: bool) -> float:
    """Rough rendered width of a line in Times New Roman (lower case ≈ 0.45 em, caps 0.68 em, space 0.25 em)."""
    em = sum(0.68 if ch.isupper() else 0.25 if ch.isspace() else 0.45 for ch in text)
    return em * size * (1.06 if bold else 1.0) / 72 * 2.54


def _auto_widths(table: Table, char_cm: float = 0.22, pad_cm: float = 0.45) -> list[float]:
    """Widths that fit each column's longest word (no broken dates or "STT") and share the rest by content length."""
    minimum, desired = [], []
    for col, name in enumerate(table.columns):
        texts = [name] + [format_cell(r[col]) for r in table.rows if col < len(r)]
        word = max((sum(1.4 if c.isupper() else 1.0 for c in w) for t in texts for w in t.split()), default=1)
        minimum.append(word * char_cm + pad_cm)
        desired.append(max(min(max(len(t) for t in texts), 40) * char_cm + pad_cm, minimum[-1]))
    spare, extra = TEXT_WIDTH_CM - sum(minimum), sum(desired) - sum(minimum)
    if spare <= 0:
        return [w * TEXT_WIDTH_CM / sum(minimum) for w in minimum]
    if extra <= spare:
        return [w * TEXT_WIDTH_CM / sum(desired) for w in desired]
    return [lo + (hi - lo) * spare / extra for lo, hi in zip(minimum, desired, strict=True)]


def _grid(doc, widths: Sequence[float], rows: int = 1, *, style: str | None = None, indent_cm: float | None = None):
    """A fixed-layout table with explicit column widths (Word honours tcW; LibreOffice honours gridCol).

    Centred, or left-aligned and shifted by ``indent_cm`` (negative reaches into the left margin).
    """
    table = doc.add_table(rows=rows, cols=len(widths))
    if style:
        table.style = doc.styles[style]
    if indent_cm is None:
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
    else:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(round(indent_cm / 2.54 * 1440)))
        ind.set(qn("w:type"), "dxa")
        table._tbl.tblPr.insert_element_before(ind, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    table.autofit = False  # w:tblLayout type="fixed"
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Cm(width)
        for cell in col.cells:
            cell.width = Cm(width)
    return table


def _header_block(doc, header: OfficialHeader) -> None:
    # 17 cm wide, starting 0.5 cm into the left margin, so the 13 pt national title fits on one line
    left_w, right_w = 7.0, TEXT_WIDTH_CM + 0.5 - 7.0
    # two rows, so "Số: …" and the date line stay level whatever the issuer's line count
    grid = _grid(doc, (left_w, right_w), rows=2, indent_cm=-0.5)
    left, right = grid.rows[0].cells
    number, when = grid.rows[1].cells
    if header.issuer_parent:
        _line(left, header.issuer_parent.upper(), 13)
    _line(left, header.issuer.upper(), 13, bold=True)
    issuer_w = _text_width_cm(header.issuer.upper(), 13, bold=True)
    _rule(left, min(max(issuer_w / 2.5, 1.5), left_w - 0.5), left_w - 0.4)
    _line(number, header.number, 13).paragraph_format.space_before = Pt(6)
    if not header.doc_type and header.summary:
        _line(number, header.summary, 12).paragraph_format.space_before = Pt(6)
    _line(right, NATIONAL_TITLE, 13, bold=True)
    _line(right, MOTTO, 14, bold=True)
    _rule(right, _text_width_cm(MOTTO, 14, bold=True), right_w - 0.4)
    _line(when, date_line(header.place, header.date), 14, italic=True).paragraph_format.space_before = Pt(6)
    if header.doc_type:
        _line(doc, header.doc_type.upper(), 14, bold=True).paragraph_format.space_before = Pt(24)
        _line(doc, header.summary, 14, bold=True)
        summary_w = min(_text_width_cm(header.summary, 14, bold=True), TEXT_WIDTH_CM)
        _rule(doc, min(max(summary_w / 2.5, 2.0), 6.0), TEXT_WIDTH_CM)
    _line(doc, "", 14).paragraph_format.space_after = Pt(6)


def _body_paragraph(doc, text: str) -> None:
    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = par.paragraph_format
    fmt.first_line_indent, fmt.space_before, fmt.space_after, fmt.line_spacing = Cm(1.27), Pt(6), Pt(0), 1.15
    _run(par, text, 14)


def _keep_row(row, *, header: bool = False) -> None:
    """Keep a row on one page (w:cantSplit); a header row also repeats on every page (w:tblHeader)."""
    trpr = row._tr.get_or_add_trPr()
    trpr.insert_element_before(OxmlElement("w:cantSplit"), "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc")
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        trpr.insert_element_before(repeat, "w:tblCellSpacing", "w:jc", "w:hidden")


def _body_table(doc, table: Table) -> None:
    if table.title:
        cap = _line(doc, table.title, 14, bold=True)
        cap.paragraph_format.space_before, cap.paragraph_format.space_after = Pt(6), Pt(6)
    widths = list(table.widths_cm or _auto_widths(table))
    grid = _grid(doc, widths, rows=1 + len(table.rows), style="Table Grid")
    _keep_row(grid.rows[0], header=True)
    for cell, name in zip(grid.rows[0].cells, table.columns, strict=True):
        _line(cell, name, 12, bold=True)
    for index, (row, values) in enumerate(zip(grid.rows[1:], table.rows, strict=True)):
        hot = index in table.highlight_rows
        _keep_row(row)
        for cell, value in zip(row.cells, values, strict=False):
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            align = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            if isinstance(value, datetime.date):
                align = WD_ALIGN_PARAGRAPH.CENTER
            par = _line(cell, align=align)
            _run(par, format_cell(value), 12, bold=hot, color=RED if hot else None)
    _line(doc, "", 6)


def _recipient_lines(recipients: Iterable[str]) -> list[str]:
    items = [re.sub(r"^[-–•\s]+", "", r).rstrip(" ;,.") for r in recipients if r and r.strip()]
    return [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


def _footer_block(doc, recipients: list[str], signature: Signature) -> None:
    left_w = 7.0
    left, right = _grid(doc, (left_w, TEXT_WIDTH_CM + 0.5 - left_w), indent_cm=-0.5).rows[0].cells
    _line(left, "Nơi nhận:", 12, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=True)
    for line in _recipient_lines(recipients):
        _line(left, line, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, signature.authority.upper(), 14, bold=True)
    if signature.title:
        _line(right, signature.title.upper(), 14, bold=True)
    for _ in range(4):
        _line(right, "", 14)
    _line(right, signature.name, 14, bold=True)


def _page_number_header(doc) -> None:
    """PAGE field centred in the page header, hidden on page 1 (different first page), per Decree 30."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    par = section.header.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts = (("begin", None), ("w:instrText", "PAGE"), ("separate", None), ("w:t", "2"), ("end", None))
    for tag, value in parts:
        element = OxmlElement(tag if value else "w:fldChar")
        if value:
            element.text = value
        else:
            element.set(qn("w:fldCharType"), tag)
        _run(par, "", 14)._r.append(element)


def decree30_docx(
    *, header: OfficialHeader, body: list[str | Table], recipients: list[str], signature: Signature
) -> bytes:
    """Render an official document (văn bản hành chính) as DOCX bytes laid out per Decree 30/2020/NĐ-CP.

    ``body`` items are paragraphs (str, justified, first-line indent) or :class:`Table` objects. ``recipients``
    are the "Nơi nhận:" entries without punctuation; by convention the last is "Lưu: VT, …".
    """
    doc = _setup_document()
    doc.core_properties.title = " ".join(filter(None, (header.doc_type, header.summary)))
    doc.core_properties.author = header.issuer
    _page_number_header(doc)
    _header_block(doc, header)
    for item in body:
        if isinstance(item, Table):
            _body_table(doc, item)
        else:
            _body_paragraph(doc, item)
    _line(doc, "", 14).paragraph_format.space_after = Pt(6)
    _footer_block(doc, recipients, signature)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------------- XLSX

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", name).strip("' ")[:31] or "Sheet"
    candidate, n = base, 1
    while candidate.lower() in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


_XLSX_FORMATS = {
    "text": {"text_wrap": True},
    "int": {"num_format": "#,##0"},
    "float": {"num_format": "General"},
    "date": {"num_format": "dd/mm/yyyy", "align": "center"},
    "datetime": {"num_format": "dd/mm/yyyy hh:mm", "align": "center"},
}


def _write_cell(sheet, row: int, col: int, value: Cell, formats: dict, hot: bool) -> None:
    """Typed write: numbers as numbers, dates as Excel dates, strings always as text (never formulas)."""
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, formats[hot, "text"])
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, formats[hot, "int" if isinstance(value, int) else "float"])
    elif isinstance(value, datetime.date):
        kind = "datetime" if isinstance(value, datetime.datetime) else "date"
        sheet.write_datetime(row, col, value, formats[hot, kind])
    elif value is None:
        sheet.write_blank(row, col, None, formats[hot, "text"])
    else:
        sheet.write_string(row, col, str(value), formats[hot, "text"])


def xlsx_tables(*, sheets: list[tuple[str, Table]], title: str = "") -> bytes:
    """Render tables as an XLSX workbook, one sheet each: optional merged title row, bold grey header with
    filter and frozen panes, bordered data, real dates (dd/mm/yyyy) and numbers, highlighted rows bold red.

    ``title`` becomes the workbook title property and the title row of sheets whose table has no title.
    Strings are always written as text, never as formulas.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": title})
    base = {"font_name": FONT, "font_size": 12, "border": 1, "valign": "top"}
    fmt_title = book.add_format({"font_name": FONT, "font_size": 14, "bold": True, "align": "center"})
    fmt_head = book.add_format({**base, "bold": True, "text_wrap": True, "bg_color": "#D9D9D9", "align": "center"})
    formats = {}
    for hot in (False, True):
        extra = {**base, "bold": True, "font_color": "#C00000"} if hot else base
        for kind, more in _XLSX_FORMATS.items():
            formats[hot, kind] = book.add_format({**extra, **more})
    used: set[str] = set()
    for name, table in sheets:
        sheet = book.add_worksheet(_sheet_name(name, used))
        ncols = max(len(table.columns), 1)
        row = 0
        caption = table.title or title
        if caption:
            if ncols > 1:
                sheet.merge_range(0, 0, 0, ncols - 1, caption, fmt_title)
            else:
                sheet.write_string(0, 0, caption, fmt_title)
            sheet.set_row(0, 24)
            row = 1
        header_row = row
        widths = [min(max(len(c) + 2, 8), 60) for c in table.columns]
        for col, column in enumerate(table.columns):
            sheet.write_string(row, col, column, fmt_head)
        for index, values in enumerate(table.rows):
            row += 1
            for col, value in enumerate(values[:ncols]):
                _write_cell(sheet, row, col, value, formats, index in table.highlight_rows)
                shown = 10 if isinstance(value, datetime.date) else len(format_cell(value))
                widths[col] = min(max(widths[col], shown + 2), 60)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        if table.columns:
            sheet.freeze_panes(header_row + 1, 0)
            sheet.autofilter(header_row, 0, max(row, header_row), ncols - 1)
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(header_row)
    book.close()
    return buffer.getvalue()
