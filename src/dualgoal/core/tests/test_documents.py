"""Official documents per Decree 30/2020/NĐ-CP (DOCX) and XLSX tables, read back as a user would see them."""

import datetime
import io
import shutil
import subprocess

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from python_calamine import CalamineWorkbook

from dualgoal.core.documents import (
    MOTTO,
    NATIONAL_TITLE,
    OfficialHeader,
    Signature,
    Table,
    date_line,
    decree30_docx,
    format_cell,
    xlsx_tables,
)

RED = RGBColor(0xC0, 0x00, 0x00)
TASKS = Table(
    title="Bảng 1. Tiến độ thực hiện nhiệm vụ",
    columns=["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Tình trạng"],
    rows=[
        [1, "Tiêm chủng vắc-xin COVID-19 đợt 1", "Trung tâm Y tế huyện", datetime.date(2021, 3, 15), "Hoàn thành"],
        [2, "Hỗ trợ doanh nghiệp phục hồi sản xuất", "UBND xã Tân Liễu", datetime.date(2021, 1, 31), "Quá hạn"],
        [3, "Rà soát hộ nghèo", '=HYPERLINK("x")', None, "Thường xuyên"],
    ],
    highlight_rows=frozenset({1}),
)
HEADER = OfficialHeader(
    issuer_parent="UBND HUYỆN YÊN DŨNG",
    issuer="PHÒNG TÀI CHÍNH - KẾ HOẠCH",
    number="Số: 12/BC-TCKH",
    place="Yên Dũng",
    date=datetime.date(2021, 2, 5),
    doc_type="BÁO CÁO",
    summary="Kết quả thực hiện Kế hoạch khôi phục các hoạt động phát triển kinh tế - xã hội",
)
SIGNATURE = Signature(authority="KT. TRƯỞNG PHÒNG", title="PHÓ TRƯỞNG PHÒNG", name="Bùi Quang Huy")
INTRO = "Thực hiện Kế hoạch số 45/KH-UBND ngày 15/01/2021 của UBND huyện Yên Dũng, Phòng báo cáo như sau:"


def _docx(header: OfficialHeader = HEADER) -> bytes:
    return decree30_docx(
        header=header,
        body=[INTRO, TASKS, "Trên đây là báo cáo kết quả thực hiện./."],
        recipients=["UBND huyện (b/c)", "- Các xã, thị trấn;", "Lưu: VT, TCKH"],
        signature=SIGNATURE,
    )


def _lines(doc) -> list[str]:
    """Every paragraph's text in reading order, table cells included (python-docx iter_inner_content)."""
    out: list[str] = []

    def walk(container):
        for item in container.iter_inner_content():
            if hasattr(item, "rows"):
                for row in item.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                out.append(item.text)

    walk(doc)
    return out


@pytest.fixture(scope="module")
def doc():
    return Document(io.BytesIO(_docx()))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2021, 2, 5), "Yên Dũng, ngày 05 tháng 02 năm 2021"),
        (datetime.date(2021, 7, 15), "Yên Dũng, ngày 15 tháng 7 năm 2021"),
        (datetime.date(2021, 10, 1), "Yên Dũng, ngày 01 tháng 10 năm 2021"),
        (datetime.date(2021, 1, 10), "Yên Dũng, ngày 10 tháng 01 năm 2021"),
        (datetime.date(2021, 3, 9), "Yên Dũng, ngày 09 tháng 3 năm 2021"),
        (datetime.date(2021, 12, 31), "Yên Dũng, ngày 31 tháng 12 năm 2021"),
    ],
)
def test_date_line_leading_zeros_for_days_below_10_and_months_1_2(day, expected):
    assert date_line("Yên Dũng", day) == expected


def test_format_cell_uses_vietnamese_conventions():
    assert format_cell(1234567) == "1.234.567"
    assert format_cell(12.5) == "12,5"
    assert format_cell(datetime.date(2021, 3, 5)) == "05/03/2021"
    assert format_cell(None) == ""


def test_page_is_a4_with_decree30_margins(doc):
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.top_margin.cm, 1) == 2.0
    assert round(section.bottom_margin.cm, 1) == 2.0
    assert round(section.left_margin.cm, 1) == 3.0
    assert round(section.right_margin.cm, 1) == 1.5


def test_header_block_has_national_title_motto_number_date_type_and_summary(doc):
    lines = _lines(doc)
    for text in (
        NATIONAL_TITLE,
        MOTTO,
        "UBND HUYỆN YÊN DŨNG",
        "PHÒNG TÀI CHÍNH - KẾ HOẠCH",
        "Số: 12/BC-TCKH",
        "Yên Dũng, ngày 05 tháng 02 năm 2021",
        "BÁO CÁO",
        HEADER.summary,
        INTRO,
    ):
        assert text in lines, text
    assert lines.index(NATIONAL_TITLE) < lines.index("BÁO CÁO") < lines.index(INTRO)
    header = doc.tables[0]
    assert header.cell(1, 0).text == "Số: 12/BC-TCKH"  # level with the date line
    assert header.cell(1, 1).text == "Yên Dũng, ngày 05 tháng 02 năm 2021"
    date_run = header.cell(1, 1).paragraphs[0].runs[0]
    assert date_run.italic
    assert header.cell(0, 1).paragraphs[0].runs[0].bold


def test_other_dates_render_per_decree30():
    for day, text in (
        (datetime.date(2021, 7, 15), "ngày 15 tháng 7 năm 2021"),
        (datetime.date(2021, 10, 1), "ngày 01 tháng 10 năm 2021"),
    ):
        header = OfficialHeader(**{**HEADER.__dict__, "date": day})
        assert f"Yên Dũng, {text}" in _lines(Document(io.BytesIO(_docx(header))))


def test_letter_without_type_puts_summary_under_number():
    header = OfficialHeader(
        **{**HEADER.__dict__, "doc_type": "", "summary": "V/v triển khai Kế hoạch", "number": "Số:      /UBND"}
    )
    doc = Document(io.BytesIO(_docx(header)))
    cell = doc.tables[0].cell(1, 0)
    assert [p.text for p in cell.paragraphs] == ["Số:      /UBND", "V/v triển khai Kế hoạch"]


def test_task_table_cells_header_repeat_and_overdue_row_in_bold_red(doc):
    table = doc.tables[1]
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == TASKS.columns
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)  # rows never split
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        TASKS.rows[0][1],
        "Trung tâm Y tế huyện",
        "15/03/2021",
        "Hoàn thành",
    ]
    assert [c.text for c in table.rows[3].cells][1:4] == ["Rà soát hộ nghèo", '=HYPERLINK("x")', ""]
    overdue = [run for cell in table.rows[2].cells for run in cell.paragraphs[0].runs]
    assert "Hỗ trợ doanh nghiệp phục hồi sản xuất" in table.rows[2].cells[1].text
    assert all(run.bold and run.font.color.rgb == RED for run in overdue)
    normal = [run for cell in table.rows[1].cells for run in cell.paragraphs[0].runs]
    assert not any(run.bold or run.font.color.rgb == RED for run in normal)
    assert "Bảng 1. Tiến độ thực hiện nhiệm vụ" in _lines(doc)


def test_table_column_widths_follow_caller(doc):
    table = Table(title="", columns=["A", "B"], rows=[["x", "y"]], widths_cm=[4.0, 12.5])
    rendered = Document(io.BytesIO(decree30_docx(header=HEADER, body=[table], recipients=[], signature=SIGNATURE)))
    assert [round(c.width.cm, 1) for c in rendered.tables[1].rows[0].cells] == [4.0, 12.5]


def test_recipients_and_signature_block(doc):
    footer = doc.tables[-1]
    left = [p.text for p in footer.cell(0, 0).paragraphs]
    assert left == ["Nơi nhận:", "- UBND huyện (b/c);", "- Các xã, thị trấn;", "- Lưu: VT, TCKH."]
    head = footer.cell(0, 0).paragraphs[0].runs[0]
    assert head.bold and head.italic
    right = [p.text for p in footer.cell(0, 1).paragraphs]
    assert right[:2] == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]
    assert right[-1] == "Bùi Quang Huy"
    assert right[2:-1] == ["", "", "", ""]  # room for the signature and seal
    assert all(run.bold for p in footer.cell(0, 1).paragraphs for run in p.runs)


def test_fonts_are_times_new_roman_including_east_asian(doc):
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "Times New Roman"
    runs = [run for p in doc.paragraphs for run in p.runs]
    runs += [run for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for run in p.runs]
    assert runs
    assert {run.font.name for run in runs} == {"Times New Roman"}
    assert {run._r.rPr.rFonts.get(qn("w:eastAsia")) for run in runs} == {"Times New Roman"}


def test_body_paragraphs_are_justified_with_first_line_indent(doc):
    intro = next(p for p in doc.paragraphs if p.text == INTRO)
    assert intro.alignment == 3  # JUSTIFY
    assert 1.0 <= intro.paragraph_format.first_line_indent.cm <= 1.27 + 0.01
    assert intro.runs[0].font.size.pt == 14


def test_page_numbers_from_page_two(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    instr = [el.text for el in section.header._element.iter(qn("w:instrText"))]
    assert [t.strip() for t in instr] == ["PAGE"]
    assert section.header.paragraphs[0].alignment == 1  # CENTER
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    assert Cm(0) < section.header_distance


def test_docx_converts_to_pdf_with_libreoffice(tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(_docx())
    profile = (tmp_path / "profile").as_uri()  # private profile: safe next to other running soffice processes
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists()
    assert pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")


# ---------------------------------------------------------------------------------------------------------- XLSX


@pytest.fixture(scope="module")
def xlsx() -> bytes:
    people = Table(title="", columns=["Họ và tên", "CCCD", "Số liều"], rows=[["Nguyễn Văn A", "024090000123", 2.0]])
    return xlsx_tables(sheets=[("Tiến độ", TASKS), ("Người dân: tiêm?", people)], title="Báo cáo tháng 02/2021")


def test_xlsx_reads_back_with_real_dates_numbers_and_text(xlsx):
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx))
    assert book.sheet_names == ["Tiến độ", "Người dân- tiêm-"]
    rows = book.get_sheet_by_name("Tiến độ").to_python()
    assert rows[0][0] == "Bảng 1. Tiến độ thực hiện nhiệm vụ"
    assert rows[1] == TASKS.columns
    assert rows[2] == [
        1,
        "Tiêm chủng vắc-xin COVID-19 đợt 1",
        "Trung tâm Y tế huyện",
        datetime.date(2021, 3, 15),
        "Hoàn thành",
    ]
    assert rows[3][3] == datetime.date(2021, 1, 31)
    assert rows[4][2] == '=HYPERLINK("x")'  # text stays text, never a formula
    people = book.get_sheet_by_name("Người dân- tiêm-").to_python()
    assert people[0] == ["Báo cáo tháng 02/2021"] + [""] * 2  # workbook title used when the table has none
    assert people[2] == ["Nguyễn Văn A", "024090000123", 2.0]  # CCCD keeps its leading zero


def test_xlsx_layout_freeze_filter_bold_header_and_red_overdue(xlsx):
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    sheet = book["Tiến độ"]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:E5"
    assert "A1:E1" in {str(r) for r in sheet.merged_cells.ranges}
    assert all(cell.font.b for cell in sheet[2])
    assert sheet["D3"].number_format == "dd/mm/yyyy"
    assert sheet["B4"].font.b and sheet["B4"].font.color.rgb.endswith("C00000")
    assert not sheet["B3"].font.b
    assert 8 <= sheet.column_dimensions["B"].width <= 60
    assert book.properties.title == "Báo cáo tháng 02/2021"
