"""The worker-list reader against the files enterprises really send (issue 6, point 3). No database."""

from __future__ import annotations

import datetime as dt
import io
import time
import unicodedata
from pathlib import Path

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dualgoal.core.identity import normalise_id_number, normalise_phone
from dualgoal.economy.tests import make_messy as M
from dualgoal.economy.workerlists import WorkerListError, read_worker_list
from dualgoal.economy.workerlists import values as V

AS_OF = dt.date(2021, 6, 1)
FILES = Path(__file__).parent / "files"
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD/CMND", "Số điện thoại", "Địa chỉ", "Bộ phận"]


def book(rows: list[list], merges: list[tuple] = ()) -> bytes:
    """An .xlsx from rows of values (dates as Excel dates, numbers as numbers); merges: (r1, c1, r2, c2, text)."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet()
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value)
            elif value:
                ws.write_string(r, c, value)
    for r1, c1, r2, c2, text in merges:
        ws.merge_range(r1, c1, r2, c2, text)
    wb.close()
    return out.getvalue()


def read(rows: list[list], merges: list[tuple] = (), **kwargs):
    return read_worker_list(book(rows, merges), "ds.xlsx", as_of=AS_OF, **kwargs)


def person(n: int = 1, **overrides) -> list:
    """One clean data row under HEADER: a man born 12/03/1995 in Bắc Giang."""
    row = [
        n,
        "Nguyễn Văn An",
        dt.date(1995, 3, 12),
        "Nam",
        "024095001234",
        "0912345678",
        "Thôn Đông, Nội Hoàng",
        "Xưởng 1",
    ]
    for key, value in overrides.items():
        row[HEADER.index(key)] = value
    return row


def errors_of(result) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for e in result.errors:
        out.setdefault(e.row, []).append((e.column, e.message))
    return out


# --- the shape of real files ----------------------------------------------------------------------------------------


def test_title_rows_merged_numbering_row_blank_rows_and_footer():
    rows = [
        ["CÔNG TY TNHH MAY XUẤT KHẨU YÊN DŨNG"],
        [],
        ["DANH SÁCH NGƯỜI LAO ĐỘNG ĐỦ ĐIỀU KIỆN ĐI LÀM TRỞ LẠI"],
        ["(Kèm theo Công văn số 123/CV-CT ngày 20/5/2021)"],
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        person(1),
        [],
        person(2, **{"Họ và tên": "Trần Thị Bình", "Số CCCD/CMND": "024195004321", "Giới tính": "Nữ"}),
        [],
        ["Tổng cộng: 2 người"],
        ["", "", "", "", "", "Yên Dũng, ngày 20 tháng 5 năm 2021"],
        ["", "Người lập biểu", "", "", "", "GIÁM ĐỐC"],
        ["", "(Ký, ghi rõ họ tên)", "", "", "", "(Ký, ghi rõ họ tên, đóng dấu)"],
        [],
        ["", "Lê Thị Hoa", "", "", "", "Phạm Văn Minh"],
    ]
    merges = [(0, 0, 0, 7, rows[0][0]), (2, 0, 2, 7, rows[2][0]), (3, 0, 3, 7, rows[3][0]), (10, 0, 10, 3, rows[10][0])]
    result = read(rows, merges)
    assert result.header_row == 5
    assert result.errors == []
    assert [r.row for r in result.rows] == [7, 9]
    assert result.data_rows == 2
    assert result.columns["id_number"] == "Số CCCD/CMND"
    first = result.rows[0]
    assert (first.full_name, first.id_number, first.birth_date, first.birth_year, first.sex) == (
        "Nguyễn Văn An",
        "024095001234",
        dt.date(1995, 3, 12),
        1995,
        "M",
    )
    assert first.raw["Số CCCD/CMND"] == "024095001234" and first.raw["STT"] == 1


def test_numbering_row_as_numbers_and_a_template_of_empty_numbered_rows():
    rows = [HEADER, list(range(1, 9)), person(1), [2], [3], [4]]
    result = read(rows)
    assert [r.row for r in result.rows] == [3] and result.data_rows == 1 and result.errors == []


def test_dates_in_every_form():
    forms = [dt.date(1995, 3, 12), "12/03/1995", "12-3-1995", "12.03.1995", "1995-03-12", "12/3/95", 1995, "1995"]
    rows = [HEADER]
    for i, form in enumerate(forms):
        rows.append(person(i + 1, **{"Ngày sinh": form, "Số CCCD/CMND": f"024095{i:06d}"}))
    result = read(rows)
    assert result.errors == []
    got = [(r.birth_date, r.birth_year) for r in result.rows]
    assert got == [(dt.date(1995, 3, 12), 1995)] * 6 + [(None, 1995)] * 2


def test_ids_that_excel_turned_into_numbers_or_people_typed_with_spaces():
    cases = [
        (24095001234, "024095001234"),  # lost its leading zero
        (24095001235.0, "024095001235"),
        ("024 095 001 236", "024095001236"),
        ("024.095.001.237", "024095001237"),
        (1095001238, "001095001238"),  # Hà Nội (001): two zeros lost
        ("121 234 567", "121234567"),  # an old 9-digit CMND
        ("'024095001239", "024095001239"),
    ]
    rows = [HEADER] + [person(i + 1, **{"Số CCCD/CMND": raw}) for i, (raw, _) in enumerate(cases)]
    result = read(rows)
    assert result.errors == []
    assert [r.id_number for r in result.rows] == [expected for _, expected in cases]


def test_phones_without_zero_with_country_code_dots_and_spaces():
    cases = [
        912345678,
        "912345678",
        "+84 912 345 679",
        "0912.345.680",
        "0912 345 681",
        "84912345682",
        "",
        "0204 3855 123",
    ]
    rows = [HEADER] + [
        person(i + 1, **{"Số điện thoại": p, "Số CCCD/CMND": f"024095{i:06d}"}) for i, p in enumerate(cases)
    ]
    result = read(rows)
    assert result.errors == []
    assert [r.phone for r in result.rows] == [
        "0912345678",
        "0912345678",
        "0912345679",
        "0912345680",
        "0912345681",
        "0912345682",
        "",
        "02043855123",
    ]


def test_decomposed_vietnamese_is_composed_and_spaces_collapsed():
    nfd = unicodedata.normalize("NFD", "  Nguyễn   Thị Ánh Tuyết ")
    header = [unicodedata.normalize("NFD", h) for h in HEADER]
    rows = [
        header,
        person(
            1, **{"Họ và tên": nfd, "Giới tính": unicodedata.normalize("NFD", "Nữ"), "Số CCCD/CMND": "024195001234"}
        ),
    ]
    rows[1][6] = unicodedata.normalize("NFD", "Thôn Đông, xã Nội Hoàng")
    result = read(rows)
    assert result.errors == []
    row = result.rows[0]
    assert row.full_name == "Nguyễn Thị Ánh Tuyết" and unicodedata.is_normalized("NFC", row.full_name)
    assert row.address == "Thôn Đông, xã Nội Hoàng" and row.sex == "F"
    assert result.columns["full_name"] == "Họ và tên"


@pytest.mark.parametrize(("field", "variant"), [(f, v) for f, variants in M.HEADER_VARIANTS.items() for v in variants])
def test_header_variants(field, variant):
    names = {"full_name": 1, "birth_date": 2, "sex": 3, "id_number": 4, "phone": 5, "address": 6, "department": 7}
    header = [*HEADER, "Chức vụ"]
    index = {**names, "position": 8}[field]
    header[index] = variant
    result = read([header, [*person(1), "Tổ trưởng"]])
    assert result.errors == []
    assert result.columns[field] == variant
    row = result.rows[0]
    assert (row.full_name, row.id_number, row.birth_year, row.sex, row.phone, row.department, row.position) == (
        "Nguyễn Văn An",
        "024095001234",
        1995,
        "M",
        "0912345678",
        "Xưởng 1",
        "Tổ trưởng",
    )


def test_two_row_header_with_birth_date_in_the_column_of_the_sex():
    rows = [
        ["DANH SÁCH CÔNG NHÂN"],
        ["STT", "Họ tên", "Ngày sinh", "", "Số CMND/CCCD", "Nơi ở hiện nay", "", "", "SĐT"],
        ["", "", "Nam", "Nữ", "", "Thôn/xóm", "Xã", "Huyện", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
        [1, "Nguyễn Văn An", dt.date(1995, 3, 12), "", 24095001234, "Thôn Đông", "Nội Hoàng", "Yên Dũng", 912345678],
        [2, "Trần Thị Bình", "", "05/06/1998", "024198000111", "Thôn Tây", "Tiền Phong", "Yên Dũng", ""],
        [3, "Lê Văn Cường", "1990", "1990", "024090000222", "", "", "", ""],
    ]
    merges = [(0, 0, 0, 8, rows[0][0]), (1, 2, 1, 3, "Ngày sinh"), (1, 5, 1, 7, "Nơi ở hiện nay")]
    merges += [(1, c, 2, c, rows[1][c]) for c in (0, 1, 4, 8)]
    result = read(rows, merges)
    assert result.header_row == 2
    assert result.data_rows == 3
    an, binh = result.rows
    assert (an.sex, an.birth_date, an.address) == ("M", dt.date(1995, 3, 12), "Thôn Đông, Nội Hoàng, Yên Dũng")
    assert (binh.sex, binh.birth_date, binh.phone) == ("F", dt.date(1998, 6, 5), "")
    assert [(e.row, e.column) for e in result.errors] == [(7, "Ngày sinh / Nam + Ngày sinh / Nữ")]
    assert "cả cột Nam và cột Nữ" in result.errors[0].message
    assert result.columns["address"] == "Nơi ở hiện nay / Thôn/xóm + Nơi ở hiện nay / Xã + Nơi ở hiện nay / Huyện"


def test_nam_nu_columns_with_marks_and_a_separate_birth_column():
    rows = [
        ["Họ và tên", "Năm sinh", "Giới tính", "", "CCCD"],
        ["", "", "Nam", "Nữ", ""],
        ["Nguyễn Văn An", 1995, "x", "", "024095001234"],
        ["Trần Thị Bình", 1998, "", "x", "024198000111"],
    ]
    result = read(rows, [(0, 2, 0, 3, "Giới tính")])
    assert [(r.sex, r.birth_year) for r in result.rows] == [("M", 1995), ("F", 1998)] and result.errors == []


def test_birth_date_over_day_month_and_year_columns():
    rows = [
        ["Họ và tên", "Ngày sinh", "", "", "Số CCCD"],
        ["", "Ngày", "Tháng", "Năm", ""],
        ["Nguyễn Văn An", 12, 3, 1995, "024095001234"],
        ["Trần Thị Bình", "", "", 1998, "024198000111"],
        ["Lê Văn Cường", 31, 2, 1990, "024090000222"],
    ]
    result = read(rows, [(0, 1, 0, 3, "Ngày sinh")])
    assert [(r.birth_date, r.birth_year) for r in result.rows] == [(dt.date(1995, 3, 12), 1995), (None, 1998)]
    assert [(e.row, e.column) for e in result.errors] == [(5, "Ngày sinh / Ngày + Ngày sinh / Tháng + Ngày sinh / Năm")]


def test_group_header_over_name_and_id():
    rows = [
        ["STT", "Thông tin người lao động", "", "", "Liên hệ", ""],
        ["", "Họ và tên", "Ngày sinh", "CCCD", "SĐT", "Chỗ ở hiện tại"],
        [1, "Nguyễn Văn An", "12/03/1995", "024095001234", "0912345678", "Nham Biền"],
    ]
    result = read(rows, [(0, 1, 0, 3, "Thông tin người lao động"), (0, 4, 0, 5, "Liên hệ"), (0, 0, 1, 0, "STT")])
    assert result.header_row == 1 and result.errors == []
    assert result.rows[0].address == "Nham Biền" and result.columns["phone"] == "Liên hệ / SĐT"


def test_merged_department_belongs_to_every_row_it_covers_and_sections_are_skipped():
    rows = [
        HEADER,
        ["I", "Khối sản xuất"],
        person(1, **{"Bộ phận": "Xưởng may"}),
        person(2, **{"Bộ phận": "", "Số CCCD/CMND": "024095001235"}),
        person(3, **{"Bộ phận": "", "Số CCCD/CMND": "024095001236"}),
        ["II", "KHỐI VĂN PHÒNG"],
        person(4, **{"Bộ phận": "Kế toán", "Số CCCD/CMND": "024095001237"}),
    ]
    result = read(rows, [(2, 7, 4, 7, "Xưởng may")])
    assert [r.department for r in result.rows] == ["Xưởng may"] * 3 + ["Kế toán"]
    assert result.data_rows == 4 and result.errors == []


def test_split_name_and_fallback_id_columns():
    rows = [
        ["Họ và tên đệm", "Tên", "Số CMND", "Số CCCD", "Ngày sinh"],
        ["Nguyễn Văn", "An", "121234567", "024095001234", "12/03/1995"],
        ["Trần Thị", "Bình", "121234568", "", "05/06/1998"],
    ]
    result = read(rows)
    assert [(r.full_name, r.id_number) for r in result.rows] == [
        ("Nguyễn Văn An", "024095001234"),
        ("Trần Thị Bình", "121234568"),
    ]
    assert result.columns["full_name"] == "Họ và tên đệm + Tên" and result.columns["id_number"] == "Số CCCD"


# --- validation -------------------------------------------------------------------------------------------------------


def test_every_kind_of_row_error_names_the_excel_row_and_the_column():
    rows = [
        ["DANH SÁCH"],
        [],
        HEADER,
        person(1),  # row 4: fine
        person(2, **{"Họ và tên": "", "Số CCCD/CMND": "024095000002"}),  # 5
        person(3, **{"Số CCCD/CMND": ""}),  # 6
        person(4, **{"Số CCCD/CMND": "02409500"}),  # 7: 8 digits of text
        person(5, **{"Số CCCD/CMND": "024096000005"}),  # 8: encodes 1996, born 1995
        person(6, **{"Số CCCD/CMND": "024195000006"}),  # 9: encodes a woman
        person(7, **{"Ngày sinh": "31/02/1995", "Số CCCD/CMND": "024095000007"}),  # 10
        person(8, **{"Ngày sinh": dt.date(2022, 1, 1), "Số CCCD/CMND": "024222000008"}),  # 11: future
        person(9, **{"Ngày sinh": dt.date(2010, 1, 1), "Số CCCD/CMND": "024210000009"}),  # 12: 11 years old
        person(10, **{"Ngày sinh": 1930, "Số CCCD/CMND": "024030000010"}),  # 13: 91
        person(11, **{"Số điện thoại": "12345", "Số CCCD/CMND": "024095000011"}),  # 14
        person(12),  # 15: duplicate of row 4
        person(13, **{"Giới tính": "không rõ", "Số CCCD/CMND": "024095000013"}),  # 16
        person(14, **{"Số CCCD/CMND": "0240950A0014"}),  # 17
        person(15),  # 18: duplicate of row 4 again
    ]
    result = read(rows)
    errs = errors_of(result)
    assert [r.row for r in result.rows] == [4]
    assert result.data_rows == 15
    assert errs[5] == [("Họ và tên", "Thiếu họ tên.")]
    assert errs[6] == [("Số CCCD/CMND", "Thiếu số CCCD/CMND.")]
    assert errs[7][0][0] == "Số CCCD/CMND" and "12 chữ số" in errs[7][0][1]
    assert errs[8] == [("Số CCCD/CMND", "Số CCCD “024096000005” mã hoá năm sinh 1996, nhưng ngày sinh ghi năm 1995.")]
    assert errs[9] == [("Số CCCD/CMND", "Số CCCD “024195000006” mã hoá giới tính nữ, nhưng giới tính ghi nam.")]
    assert errs[10][0][0] == "Ngày sinh" and "Không đọc được ngày sinh" in errs[10][0][1]
    assert "tương lai" in errs[11][0][1]
    assert "chưa đủ 15 tuổi" in errs[12][0][1]
    assert "91 tuổi" in errs[13][0][1]
    assert errs[14] == [("Số điện thoại", "Số điện thoại “12345” không hợp lệ.")]
    assert errs[15] == [("Số CCCD/CMND", "Số CCCD/CMND 024095001234 trùng với dòng 4.")]
    assert errs[16] == [("Giới tính", "Không rõ giới tính “không rõ” (ghi Nam hoặc Nữ).")]
    assert "không phải chữ số" in errs[17][0][1]
    assert result.duplicates == [(15, 4, "024095001234"), (18, 4, "024095001234")]


def test_a_row_with_several_errors_reports_each_column():
    result = read([HEADER, person(1, **{"Họ và tên": "", "Ngày sinh": "hôm qua", "Số điện thoại": "abc"})])
    assert [e.column for e in result.errors] == ["Họ và tên", "Ngày sinh", "Số điện thoại"]
    assert result.rows == [] and result.data_rows == 1


def test_a_header_without_header_text_reports_the_column_letter_for_raw():
    rows = [["Họ và tên", "CCCD", "", "Ngày sinh"], ["Nguyễn Văn An", "024095001234", "ghi chú", "12/03/1995"]]
    result = read(rows)
    assert result.rows[0].raw == {"Họ và tên": "Nguyễn Văn An", "CCCD": "024095001234", "Ngày sinh": "12/03/1995"}


# --- CSV and files that are not worker lists ------------------------------------------------------------------------


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks as combining characters: compose everything else."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            rest = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
            out.append((rest + "".join(tones)).encode("cp1258"))
    return b"".join(out)


def test_csv_with_semicolons_bom_titles_and_a_lost_zero():
    text = (
        "CÔNG TY TNHH ABC;;;;\n;;;;\nSTT;Họ và tên;Ngày sinh;Số CCCD;SĐT\n(1);(2);(3);(4);(5)\n"
        '1;Nguyễn Văn An;12/03/1995;24095001234;912345678\n2;"Trần Thị Bình; tổ 2";5-6-1998;1198000111;0987654321\n'
        ";;;;\n;Người lập biểu;;;\n"
    )
    result = read_worker_list(text.encode("utf-8-sig"), "ds.csv", as_of=AS_OF)
    assert result.header_row == 3 and result.errors == []
    assert [(r.row, r.full_name, r.id_number, r.phone) for r in result.rows] == [
        (5, "Nguyễn Văn An", "024095001234", "0912345678"),
        (6, "Trần Thị Bình; tổ 2", "001198000111", "0987654321"),
    ]


def test_csv_in_windows_1258_with_commas():
    text = "Họ và tên,Ngày sinh,Số CCCD,Giới tính\nNguyễn Thị Ánh Tuyết,12/03/1995,024195001234,Nữ\n"
    result = read_worker_list(_cp1258(text), "ds.csv", as_of=AS_OF)
    assert [(r.full_name, r.sex) for r in result.rows] == [("Nguyễn Thị Ánh Tuyết", "F")]


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"Ho va ten,CCCD\nNguyen Van A,024095001234\n", "ds.xlsx", "không phải bảng tính"),
        (b"<html><table><tr><td>x</td></tr></table></html>", "ds.xls", "HTML"),
        (b"", "ds.xlsx", "rỗng"),
        (b"PK\x03\x04 broken zip", "ds.xlsx", "Không mở được"),
        (b"%PDF-1.4", "ds.pdf", "chỉ nhận"),
    ],
)
def test_files_that_are_not_spreadsheets(data, name, words):
    with pytest.raises(WorkerListError, match=words):
        read_worker_list(data, name)


def test_an_empty_sheet_and_a_sheet_without_a_header():
    with pytest.raises(WorkerListError, match="không có dữ liệu"):
        read_worker_list(book([]), "ds.xlsx")
    with pytest.raises(WorkerListError, match="Không tìm thấy dòng tiêu đề"):
        read_worker_list(book([["Báo cáo tháng 5"], ["Số liệu", 12]]), "ds.xlsx")


def test_the_worker_list_on_a_later_sheet():
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    wb.add_worksheet("Hướng dẫn").write(0, 0, "Điền danh sách ở trang sau")
    sheet = wb.add_worksheet("DS")
    for c, value in enumerate(["Họ tên", "CCCD"]):
        sheet.write(0, c, value)
        sheet.write(1, c, ["Nguyễn Văn An", "024095001234"][c])
    wb.close()
    result = read_worker_list(out.getvalue(), "ds.xlsx")
    assert result.sheet == "DS" and len(result.rows) == 1


# --- generated files: messy, fixtures, properties --------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_messy_generated_lists_read_back(tmp_path, suffix, seed):
    rows = M.synth_worker_rows(400, seed, error_rate=0.08)
    written = M.write_worker_list(tmp_path / f"ds{suffix}", rows, style="messy", seed=seed)
    result = read_worker_list((tmp_path / f"ds{suffix}").read_bytes(), f"ds{suffix}")
    assert result.header_row == written.header_row
    assert result.data_rows == len(rows)
    wrong = {written.row_numbers[i] for i, r in enumerate(rows) if r["error"]}
    assert {e.row for e in result.errors} == wrong
    good = [(written.row_numbers[i], r) for i, r in enumerate(rows) if not r["error"]]
    assert [r.row for r in result.rows] == [n for n, _ in good]
    for got, (_, want) in zip(result.rows, good, strict=True):
        assert (got.full_name, got.id_number, got.sex, got.phone, got.address, got.department) == (
            want["full_name"],
            want["id_number"],
            want["sex"],
            want["phone"],
            want["address"],
            want["department"],
        )
        assert got.birth_year == want["birth_date"].year
        assert got.birth_date in (None, want["birth_date"])


def test_committed_fixtures():
    messy = read_worker_list((FILES / "messy.xlsx").read_bytes(), "messy.xlsx", as_of=AS_OF)
    assert (messy.data_rows, len(messy.rows), len(messy.errors) > 0) == (
        60,
        60 - len({e.row for e in messy.errors}),
        True,
    )
    csv = read_worker_list((FILES / "messy.csv").read_bytes(), "messy.csv", as_of=AS_OF)
    assert csv.data_rows == 60 and {e.row for e in csv.errors} == {e.row for e in messy.errors}
    clean = read_worker_list((FILES / "clean.xlsx").read_bytes(), "clean.xlsx", as_of=AS_OF)
    assert (clean.header_row, clean.data_rows, clean.errors) == (1, 40, [])
    with pytest.raises(WorkerListError):
        read_worker_list((FILES / "not-a-spreadsheet.xlsx").read_bytes(), "not-a-spreadsheet.xlsx")


clean_row = st.builds(
    lambda surname, middle, given, sex, birth, serial, phone, commune, dept: {
        "full_name": f"{surname} {middle} {given}",
        "id_number": M.cccd(birth, sex, serial),
        "birth_date": birth,
        "sex": sex,
        "phone": phone,
        "address": f"Thôn Đông, xã {commune}",
        "department": dept,
        "position": "Công nhân",
    },
    st.sampled_from(M.SURNAMES),
    st.sampled_from(M.MIDDLE_M + M.MIDDLE_F),
    st.sampled_from(M.GIVEN_M + M.GIVEN_F),
    st.sampled_from("MF"),
    st.dates(dt.date(1945, 1, 1), dt.date(2005, 12, 31)),
    st.integers(0, 999_999),
    st.one_of(
        st.just(""), st.builds(lambda p, n: f"0{p}{n:07d}", st.sampled_from(M.MOBILE), st.integers(0, 9_999_999))
    ),
    st.sampled_from(M.COMMUNES),
    st.sampled_from(M.DEPARTMENTS),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(clean_row, min_size=1, max_size=12, unique_by=lambda r: r["id_number"]),
    headers=st.fixed_dictionaries({f: st.sampled_from(v) for f, v in M.HEADER_VARIANTS.items()}),
    title_rows=st.integers(0, 8),
    suffix=st.sampled_from([".xlsx", ".csv"]),
)
def test_clean_lists_with_any_header_variant_read_back_identically(tmp_path, rows, headers, title_rows, suffix):
    path = tmp_path / f"ds{suffix}"
    written = M.write_worker_list(path, rows, style="clean", headers=headers, title_rows=title_rows)
    result = read_worker_list(path.read_bytes(), path.name, as_of=AS_OF)
    assert result.errors == [] and result.header_row == title_rows + 1 and result.data_rows == len(rows)
    assert result.columns == {f: headers[f] for f in M.ORDER}
    got = [
        {f: getattr(r, f) for f in ("full_name", "id_number", "birth_date", "sex", "phone", "address", "department")}
        for r in result.rows
    ]
    assert got == [{k: v for k, v in r.items() if k != "position"} for r in rows]
    assert [r.row for r in result.rows] == written.row_numbers


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"(\+84|84|0)?[ .]?[1-9]\d{1,3}[ .]?\d{3}[ .]?\d{2,4}", fullmatch=True), st.integers(0, 10**11)
    )
)
def test_phone_fast_path_agrees_with_normalise_phone(value):
    try:
        expected = normalise_phone(str(value))
    except ValidationError:
        expected = None
    values, bad = V.phone_column([value])
    assert (values[0] if not bad else None) == expected


def test_a_total_line_with_a_count_in_the_id_column_is_a_footer():
    rows = [HEADER, person(1), ["", "Tổng cộng", "", "", 1], ["", "Cộng: 1 người"]]
    result = read(rows)
    assert (result.data_rows, len(result.rows), result.errors) == (1, 1, [])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.from_regex(r"[0-9]{6,13}", fullmatch=True), st.integers(10**8, 10**12 - 1)))
def test_id_fast_path_agrees_with_the_core_rule(value):
    digits, bad = V.id_column([value])
    core = normalise_id_number(value)
    if isinstance(value, int) and len(str(value)) in (8, 10):  # number cells lost zeros: restored here, not in core
        assert digits[0] == "0" * (9 - len(str(value)) if len(str(value)) == 8 else 2) + str(value)
    elif len(core) in (9, 12):
        assert digits == [core] and not bad
    else:
        assert bad and digits == [""]


def test_timing_print_only(capsys, tmp_path):
    """Not an assertion: how long reading takes next to python-calamine's own read of the same file."""
    from python_calamine import CalamineWorkbook

    n = 20_000
    path = tmp_path / "big.xlsx"
    M.write_worker_list(path, M.synth_worker_rows(n, 5, error_rate=0.01), style="messy", seed=5)
    data = path.read_bytes()
    read_worker_list((FILES / "messy.xlsx").read_bytes(), "messy.xlsx")  # one-time costs: metadata, translations
    start = time.process_time()
    CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    calamine = time.process_time() - start
    start = time.process_time()
    result = read_worker_list(data, path.name)
    ours = time.process_time() - start
    with capsys.disabled():
        print(
            f"\n[worker reader] {n} messy rows, CPU time: calamine {calamine:.2f}s, read_worker_list {ours:.2f}s "
            f"(+{ours - calamine:.2f}s, ≈ +{(ours - calamine) * 200_000 / n:.1f}s for 200k); {len(result.rows)} rows"
        )


# --- reading in parts (the import writes one part while the next is read) -------------------------------------------


def _parts_file() -> bytes:
    rows = [["DANH SÁCH NGƯỜI LAO ĐỘNG"], HEADER, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]]
    rows += [
        person(1),
        person(2, **{"Họ và tên": "Trần Thị Bình", "Số CCCD/CMND": "024195004321", "Giới tính": "Nữ"}),
        [],
        person(3, **{"Số CCCD/CMND": "024095001234"}),  # the ID of row 4, two parts later
        person(4, **{"Ngày sinh": "31/02/1990", "Số CCCD/CMND": "024090001111"}),
        person(5, **{"Họ và tên": "Lê Văn Cường", "Số CCCD/CMND": "024090005555", "Ngày sinh": 1990}),
        ["Tổng cộng: 5 người"],
        ["", "Người lập biểu"],
        ["", "Lê Thị Hoa"],
    ]
    return book(rows)


def _summary(result) -> tuple:
    return (
        [(r.row, r.full_name, r.id_number, r.birth_date, r.birth_year, r.sex, r.phone) for r in result.rows],
        [(e.row, e.column, e.message) for e in result.errors],
        result.duplicates,
        result.data_rows,
        result.header_row,
        result.columns,
    )


@pytest.mark.parametrize("part_rows", [1, 2, 3, 50])
def test_reading_in_parts_gives_what_reading_at_once_gives(part_rows):
    from dualgoal.economy.workerlists import stream_worker_list

    data = _parts_file()
    whole = read_worker_list(data, "ds.xlsx", as_of=AS_OF)
    assert [r.row for r in whole.rows] == [4, 5, 9]  # row 7 repeats row 4's ID, row 8 has no such date
    assert whole.duplicates == [(7, 4, "024095001234")]
    assert whole.rows[0].raw["Họ và tên"] == "Nguyễn Văn An"

    parts = list(stream_worker_list(data, "ds.xlsx", as_of=AS_OF, keep_raw=False, part_rows=part_rows))
    head, rest = parts[0], parts[1:]
    assert (head.rows, head.errors, head.header_row, head.sheet_rows) == ([], [], 2, 10)
    assert len(rest) == -(-10 // part_rows)  # the ten rows below the header, a part at a time
    joined = read_worker_list(data, "ds.xlsx", as_of=AS_OF)
    joined.rows, joined.errors, joined.duplicates, joined.data_rows = [], [], [], 0
    for part in rest:
        joined.rows += part.rows
        joined.errors += part.errors
        joined.duplicates += part.duplicates
        joined.data_rows += part.data_rows
    assert _summary(joined) == _summary(whole)
    assert all(r.raw == {} for r in joined.rows)  # the import asks for no raw cells


def test_a_child_process_reads_the_same_parts_and_its_errors_reach_the_caller():
    from dualgoal.economy.workerlists.background import background_parts, can_fork

    data = _parts_file()
    with background_parts(data, "ds.xlsx", as_of=AS_OF, part_rows=2, in_process=True) as parts:
        here = [_summary(p) for p in parts]
    with background_parts(data, "ds.xlsx", as_of=AS_OF, part_rows=2) as parts:
        there = [_summary(p) for p in parts]
    assert there == here and len(here) == 6
    assert can_fork()  # on Linux the parts really come from a child process
    with (
        pytest.raises(WorkerListError, match="không có dữ liệu"),
        background_parts(book([[], []]), "trong.xlsx", as_of=AS_OF) as parts,
    ):
        list(parts)
