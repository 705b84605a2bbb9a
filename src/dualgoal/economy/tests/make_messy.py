"""Realistic worker-list files for tests and benchmarks: the clean kind, and the messy kind enterprises really send.

`synth_worker_rows(n, seed, error_rate)` makes rows (dicts) with consistent citizen IDs (province, century-and-sex
digit, birth year, serial); `write_worker_list(path, rows, style=..., seed=...)` writes them as .xlsx (XlsxWriter,
constant memory, so 200,000 rows are fine) or .csv and returns where each row landed (Excel row numbers).

Messy means: title rows with merged cells above the header, a two-row header ("Ngày sinh" merged over "Nam" / "Nữ",
the birth date written in the column of the person's sex), a row numbering the columns, IDs as numbers that lost their
leading zero or as text with spaces and dots, dates as Excel dates, d/m/yyyy, d-m-yyyy, dd.mm.yyyy text or a year
only, phones without the 0 or with +84 and spaces, decomposed (NFD) Vietnamese, double spaces, departments merged
vertically over their rows, blank rows in the middle, and a footer with totals, a date line and signatures.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Tiến", "Đình"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim", "Diệu", "Phương", "Mai", "Thúy"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tuấn", "Việt"]
GIVEN_F = ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Ngân", "Nhung", "Oanh", "Trang", "Yến"]
COMMUNES = ["Nham Biền", "Tân An", "Lão Hộ", "Nội Hoàng", "Tiền Phong", "Xuân Phú", "Tân Liễu", "Trí Yên", "Yên Lư"]
HAMLETS = ["Thôn Đông", "Thôn Tây", "Thôn Trung", "Thôn Hạ", "Thôn Thượng", "Tổ dân phố 2", "Thôn Chùa", "Thôn Đình"]
DEPARTMENTS = ["Xưởng may 1", "Xưởng may 2", "Xưởng cắt", "Tổ hoàn thiện", "Kho", "Phòng hành chính", "Tổ QC"]
POSITIONS = ["Công nhân", "Công nhân", "Công nhân", "Tổ trưởng", "Kỹ thuật viên", "Nhân viên", "Thủ kho"]
PROVINCES = ["024"] * 8 + ["001", "019", "027", "022", "036", "038"]
MOBILE = ["32", "33", "34", "35", "36", "37", "38", "39", "56", "58", "70", "76", "77", "78", "79", "81", "82", "83"]
MOBILE += ["84", "85", "86", "88", "90", "91", "93", "94", "96", "97", "98"]  # valid VN mobile prefixes only

# The canonical (clean) header, and the variants enterprises use.
CLEAN_HEADERS = {
    "full_name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "sex": "Giới tính",
    "id_number": "Số CCCD/CMND",
    "phone": "Số điện thoại",
    "address": "Nơi ở hiện nay",
    "department": "Bộ phận",
    "position": "Chức vụ",
}
HEADER_VARIANTS = {
    "full_name": ["Họ và tên", "Họ tên", "Họ, tên người lao động", "Tên công nhân", "HỌ VÀ TÊN"],
    "id_number": ["Số CCCD/CMND", "CCCD", "CMND", "Số CMND/CCCD", "Số định danh cá nhân", "CMT", "Số căn cước"],
    "birth_date": ["Ngày sinh", "Ngày, tháng, năm sinh", "Năm sinh", "NS", "Ngày sinh (dd/mm/yyyy)"],
    "sex": ["Giới tính", "Nam/Nữ"],
    "phone": ["Số điện thoại", "SĐT", "Điện thoại", "ĐT liên hệ"],
    "address": ["Địa chỉ", "Nơi ở hiện nay", "Nơi cư trú", "Địa chỉ thường trú", "Chỗ ở hiện tại"],
    "department": ["Bộ phận", "Phòng ban", "Xưởng"],
    "position": ["Chức vụ", "Vị trí"],
}
ORDER = ["full_name", "birth_date", "sex", "id_number", "phone", "address", "department", "position"]
TITLES = [
    "CÔNG TY TNHH MAY XUẤT KHẨU YÊN DŨNG",
    "Số: 15/2021/DS-CT",
    "",
    "DANH SÁCH NGƯỜI LAO ĐỘNG ĐỦ ĐIỀU KIỆN ĐI LÀM TRỞ LẠI",
    "(Kèm theo Công văn số 123/CV-CT ngày 20/5/2021 của Công ty)",
    "",
]
ERROR_KINDS = ["name_missing", "id_missing", "id_length", "id_year", "date_future", "child", "phone", "date_bad"]
ERROR_KINDS += ["duplicate"]


def cccd(birth: dt.date, sex: str, serial: int, province: str = "024") -> str:
    century_sex = 2 * ((birth.year - 1900) // 100) + (1 if sex == "F" else 0)
    return f"{province}{century_sex}{birth.year % 100:02d}{serial % 1_000_000:06d}"


def synth_worker_rows(n: int, seed: int, error_rate: float = 0.0) -> list[dict]:
    """n rows with unique, consistent citizen IDs; about error_rate of them carry one error, named in row["error"]."""
    rng = random.Random(seed)
    rows: list[dict] = []
    department, run = rng.choice(DEPARTMENTS), 0
    today = dt.date.today()
    for i in range(n):
        sex = rng.choice("MF")
        birth = dt.date(1966, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
        if run <= 0:
            department, run = rng.choice(DEPARTMENTS), rng.randint(1, 30)
        run -= 1
        name = " ".join(
            [
                rng.choice(SURNAMES),
                rng.choice(MIDDLE_M if sex == "M" else MIDDLE_F),
                rng.choice(GIVEN_M if sex == "M" else GIVEN_F),
            ]
        )
        row = {
            "full_name": name,
            "id_number": cccd(birth, sex, i * 7919 + seed * 104729, rng.choice(PROVINCES)),
            "birth_date": birth,
            "sex": sex,
            "phone": "0" + rng.choice(MOBILE) + f"{rng.randrange(10**7):07d}",
            "address": f"{rng.choice(HAMLETS)}, xã {rng.choice(COMMUNES)}, huyện Yên Dũng",
            "department": department,
            "position": rng.choice(POSITIONS),
            "error": None,
        }
        if error_rate and rng.random() < error_rate:
            kind = rng.choice(ERROR_KINDS)
            clean = [r for r in rows[-50:] if r["error"] is None]
            if kind == "duplicate" and not clean:
                kind = "phone"
            row["error"] = kind
            if kind == "name_missing":
                row["full_name"] = ""
            elif kind == "id_missing":
                row["id_number"] = ""
            elif kind == "id_length":
                row["id_number"] = row["id_number"][:7]
            elif kind == "id_year":
                row["id_number"] = cccd(birth.replace(year=birth.year + 1, day=1), sex, i * 7919 + seed * 104729)
            elif kind == "date_future":
                row["birth_date"] = dt.date(today.year + 2, 1, 15)
            elif kind == "child":
                row["birth_date"] = dt.date(today.year - 12, 6, 1)
            elif kind == "phone":
                row["phone"] = "12345"
            elif kind == "date_bad":
                row["birth_date"] = "31/02/" + str(birth.year)
            elif kind == "duplicate":
                source = rng.choice(clean)
                row.update({k: source[k] for k in ("id_number", "birth_date", "sex")})
        rows.append(row)
    return rows


@dataclass
class Written:
    header_row: int  # Excel row number of the (first) header row
    row_numbers: list[int]  # Excel row number of each input row
    labels: dict[str, str]  # field -> header text written
    data_rows: int = 0
    extra: dict = field(default_factory=dict)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def write_worker_list(
    path: str | Path,
    rows: list[dict],
    *,
    style: str = "messy",
    seed: int = 0,
    headers: dict[str, str] | None = None,
    title_rows: int | None = None,
    sex_split: bool | None = None,
    numbering: bool | None = None,
    blank_every: int | None = None,
    footer: bool | None = None,
) -> Written:
    """Write rows as .xlsx (or .csv when the path says so). Options default to the style (and, for messy, the seed)."""
    rng = random.Random(seed)
    messy = style == "messy"
    labels = {**CLEAN_HEADERS, **(headers or {})}
    if title_rows is None:
        title_rows = rng.randint(3, 6) if messy else 0
    if sex_split is None:
        sex_split = messy and rng.random() < 0.5
    numbering = messy if numbering is None else numbering
    blank_every = (rng.randint(40, 150) if messy else 0) if blank_every is None else blank_every
    footer = messy if footer is None else footer
    fields = [f for f in ORDER if not (sex_split and f in ("birth_date", "sex"))]
    # Column layout: STT, name, [birth & sex | Nam, Nữ], ID, phone, address, department, position, notes.
    columns = ["stt", "full_name", *(["sex_m", "sex_f"] if sex_split else []), *fields[1:], "notes"]
    if sex_split:
        columns.remove("full_name")
        columns.insert(1, "full_name")
    col = {name: i for i, name in enumerate(columns)}
    grid: list[tuple[int, list]] = []  # (row, [(col, kind, value)])
    r = 0
    titles = (TITLES * 2)[:title_rows]
    for text in titles:
        grid.append((r, [(0, "merge", (len(columns) - 1, text))] if text else []))
        r += 1
    header_row = r
    header: list = [(col["stt"], "text", "STT"), (col["notes"], "text", "Ghi chú")]
    header += [(col[f], "text", labels[f]) for f in fields]
    if sex_split:
        header.append((col["sex_m"], "merge", (col["sex_f"], labels["birth_date"])))
        grid.append((r, header))
        r += 1
        grid.append((r, [(col["sex_m"], "text", "Nam"), (col["sex_f"], "text", "Nữ")]))
        r += 1
    else:
        grid.append((r, header))
        r += 1
    if numbering:
        as_text = rng.random() < 0.5
        grid.append((r, [(i, "text", f"({i + 1})") if as_text else (i, "num", i + 1) for i in range(len(columns))]))
        r += 1

    def data_cells(j: int, with_department: bool) -> list:
        row = rows[j]
        cells = [(col["stt"], "num", j + 1)]
        cells += [(col[f], *_cell(f, row[f], rng, messy)) for f in fields if with_department or f != "department"]
        if sex_split:
            cells.append(
                (col["sex_m" if row["sex"] == "M" else "sex_f"], *_cell("birth_date", row["birth_date"], rng, messy))
            )
        return cells

    path = Path(path)
    merge_departments = messy and path.suffix.lower() != ".csv"  # a CSV cannot merge cells
    row_numbers: list[int] = []
    merges: list[tuple[int, int, int, str]] = []
    merged_until = -1
    for k, row in enumerate(rows):
        if blank_every and k and k % blank_every == 0:
            grid.append((r, []))
            r += 1
        merge_here = False
        if merge_departments and k > merged_until and row["department"]:
            end = k
            while (
                end + 1 < len(rows)
                and rows[end + 1]["department"] == row["department"]
                and end - k < 40
                and not (blank_every and (end + 1) % blank_every == 0)
            ):
                end += 1
            if end > k:  # the department merged over its run of rows: only the first cell holds the text
                merges.append((r, r + end - k, col["department"], row["department"]))
                merged_until, merge_here = end, True
        row_numbers.append(r)
        grid.append((r, data_cells(k, not (merge_here or k <= merged_until))))
        r += 1
    if footer:
        last = len(columns) - 1
        grid.append((r, [(0, "merge", (2, f"Tổng cộng: {len(rows)} người"))]))
        grid.append((r + 1, []))
        grid.append((r + 2, [(last - 2, "merge", (last, "Yên Dũng, ngày 20 tháng 5 năm 2021"))]))
        grid.append((r + 3, [(1, "text", "Người lập biểu"), (last - 2, "merge", (last, "GIÁM ĐỐC"))]))
        grid.append(
            (r + 4, [(1, "text", "(Ký, ghi rõ họ tên)"), (last - 2, "merge", (last, "(Ký, ghi rõ họ tên, đóng dấu)"))])
        )
        grid.append((r + 5, []))
        grid.append((r + 6, [(1, "text", "Nguyễn Thị Hoa"), (last - 2, "merge", (last, "Trần Văn Minh"))]))
    if path.suffix.lower() == ".csv":
        _write_csv(path, grid, len(columns), messy)
    else:
        _write_xlsx(path, grid, merges)
    shown = dict(labels)
    if sex_split:
        shown.pop("sex")
    return Written(header_row + 1, [n + 1 for n in row_numbers], shown, len(rows), {"sex_split": sex_split})


def _cell(name: str, value, rng: random.Random, messy: bool) -> tuple[str, object]:
    """(kind, value) for one field: kind is "text", "num" or "date"."""
    if value in ("", None):
        return "text", ""
    if name == "birth_date":
        if isinstance(value, str):
            return "text", value
        if not messy:
            return "date", value
        pick = rng.random()
        if pick < 0.5:
            return "date", value
        if pick < 0.65:
            return "text", f"{value:%d/%m/%Y}"
        if pick < 0.75:
            return "text", f"{value.day}-{value.month}-{value.year}"
        if pick < 0.85:
            return "text", f"{value:%d.%m.%Y}"
        return ("num", value.year) if pick < 0.93 else ("text", str(value.year))
    if name == "sex":
        value = "Nam" if value == "M" else "Nữ" if value == "F" else value
        if messy and rng.random() < 0.2:
            value = rng.choice([value.lower(), value.upper(), nfd(value)])
        return "text", value
    if not messy:
        return "text", value
    if name == "id_number":
        pick = rng.random()
        if pick < 0.6 and value.isdigit():
            return "num", int(value)
        if pick < 0.8:
            return "text", value
        if len(value) == 12:
            return (
                "text",
                f"{value[:3]} {value[3:6]} {value[6:]}" if pick < 0.9 else f"{value[:3]}.{value[3:6]}.{value[6:]}",
            )
        return "text", value
    if name == "phone":
        pick = rng.random()
        if pick < 0.4 and value.isdigit():
            return "num", int(value)
        if pick < 0.6 and len(value) == 10:
            return "text", f"{value[:4]} {value[4:7]} {value[7:]}"
        if pick < 0.8 and len(value) == 10 and value[0] == "0":
            return "text", f"+84 {value[1:4]} {value[4:7]} {value[7:]}"
        if pick < 0.9 and len(value) == 10:
            return "text", f"{value[:4]}.{value[4:7]}.{value[7:]}"
        return "text", value
    if name in ("full_name", "address") and rng.random() < 0.15:
        value = nfd(value)
        if rng.random() < 0.3:
            value = "  " + value.replace(" ", "  ", 1) + " "
    return "text", value


def _write_xlsx(path: Path, grid: list[tuple[int, list]], merges: list[tuple[int, int, int, str]]) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Danh sách")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    starting = {}
    for first, last, c, value in merges:
        starting.setdefault(first, []).append((last, c, value))
    for r, cells in grid:
        for c, kind, value in sorted(cells, key=lambda cell: cell[0]):
            if kind == "merge":
                last_col, text = value
                sheet.merge_range(r, c, r, last_col, text)
            elif kind == "num":
                sheet.write_number(r, c, value)
            elif kind == "date":
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            elif value != "":
                sheet.write_string(r, c, value)
        for last, c, value in starting.get(r, ()):
            sheet.merge_range(r, c, last, c, value)
    book.close()


def _write_csv(path: Path, grid: list[tuple[int, list]], width: int, messy: bool) -> None:
    lines: list[list[str]] = []
    for r, cells in grid:
        while len(lines) < r:
            lines.append([""] * width)
        line = [""] * width
        for c, kind, value in cells:
            if kind == "merge":
                value = value[1]
            elif kind == "date":
                value = f"{value:%d/%m/%Y}"
            line[c] = str(value)
        lines.append(line)
    with path.open("w", encoding="utf-8-sig" if messy else "utf-8", newline="") as out:
        csv.writer(out, delimiter=";" if messy else ",").writerows(lines)


def write_fixtures(folder: str | Path) -> None:
    """The small committed fixtures of test_worker_reader (run this module to regenerate them)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = synth_worker_rows(60, 11, error_rate=0.15)
    write_worker_list(folder / "messy.xlsx", rows, style="messy", seed=4)
    write_worker_list(folder / "messy.csv", rows, style="messy", seed=4)
    write_worker_list(folder / "clean.xlsx", synth_worker_rows(40, 12), style="clean")
    (folder / "not-a-spreadsheet.xlsx").write_text("Họ và tên;Số CCCD\nNguyễn Văn An;024095001234\n", encoding="utf-8")


if __name__ == "__main__":
    write_fixtures(Path(__file__).parent / "files")
