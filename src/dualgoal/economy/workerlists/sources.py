"""Turning the uploaded bytes into grids of cells: workbooks through python-calamine, CSV through the csv module.

A grid starts at A1 (python-calamine's `skip_empty_area=False`), so grid[i][j] is the cell Excel shows at row i + 1,
column j + 1; merged ranges come as ((first row, first col), (last row, last col)), 0-based.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field


class WorkerListError(ValueError):
    """The file as a whole cannot be read; the message is Vietnamese."""


@dataclass
class Sheet:
    name: str
    grid: list[list]
    merged: list = field(default_factory=list)
    text_only: bool = False  # a CSV: every cell is text, numbers included


SPREADSHEET_EXTENSIONS = {"xlsx", "xlsm", "xlsb", "xls", "ods"}
TEXT_EXTENSIONS = {"csv", "txt", "tsv"}


def sheets(data: bytes, filename: str) -> Iterator[Sheet]:
    """Each visible worksheet of the file, in workbook order (a CSV is one sheet). Raises WorkerListError."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if not data or not data.strip():
        raise WorkerListError(f"Tệp “{filename}” rỗng, không có dữ liệu.")
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # zip (xlsx, ods) or OLE (xls)
        yield from _workbook(data, filename)
        return
    if ext in TEXT_EXTENSIONS:
        yield Sheet("", csv_grid(data, filename), [], True)
        return
    if ext in SPREADSHEET_EXTENSIONS:
        head = data[:512].lstrip().lower()
        what = "một trang HTML" if head.startswith((b"<", b"\xef\xbb\xbf<")) else "văn bản, không phải bảng tính"
        raise WorkerListError(
            f"Tệp “{filename}” có đuôi .{ext} nhưng nội dung là {what}. "
            "Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."
        )
    raise WorkerListError(f"Không đọc được tệp “{filename}”: chỉ nhận bảng tính .xlsx, .xls, .ods hoặc tệp .csv.")


def _workbook(data: bytes, filename: str) -> Iterator[Sheet]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        metadata = book.sheets_metadata
    except Exception as exc:  # calamine raises its own error types (zip, xml, password …)
        reason = "tệp có mật khẩu" if "password" in str(exc).lower() else "tệp hỏng hoặc không phải bảng tính"
        raise WorkerListError(f"Không mở được tệp “{filename}”: {reason}.") from exc
    order = [i for i, m in enumerate(metadata) if m.visible == SheetVisibleEnum.Visible]
    order = [i for i in order if metadata[i].typ == SheetTypeEnum.WorkSheet] or order or list(range(len(metadata)))
    for index in order:
        try:
            sheet = book.get_sheet_by_index(index)
            grid = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except Exception as exc:
            raise WorkerListError(f"Không đọc được trang “{metadata[index].name}” của tệp “{filename}”.") from exc
        yield Sheet(metadata[index].name, grid, merged)


def _decode(data: bytes, filename: str) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text"
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise WorkerListError(f"Không nhận ra bảng mã của tệp “{filename}”: hãy lưu lại dưới dạng CSV UTF-8.")


def csv_grid(data: bytes, filename: str) -> list[list]:
    """Rows of a CSV (UTF-8 with or without BOM, UTF-16, or Windows-1258), delimiter ; , tab or | guessed."""
    content = _decode(data, filename)
    sample = content[:50000].splitlines()[:50]
    best, best_score = ",", -1
    for delimiter in (";", ",", "\t", "|"):
        counts = [len(r) for r in csv.reader(sample, delimiter=delimiter)]
        wide = [n for n in counts if n > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = wide.count(mode) * mode
        if score > best_score:
            best, best_score = delimiter, score
    grid = list(csv.reader(io.StringIO(content, newline=""), delimiter=best))
    width = max((len(r) for r in grid), default=0)
    for r in grid:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    return grid
