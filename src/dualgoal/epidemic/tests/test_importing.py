"""Import of F0/F1 lists notified by other localities: varying headings, row-level errors, nothing half-written."""

import datetime as dt
import io

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from dualgoal.epidemic import importing, tracing_service
from dualgoal.epidemic.models import Case, Contact, TraceState
from dualgoal.people.models import Person


@pytest.fixture(autouse=True)
def fresh_engine(settings):
    settings.DUALGOAL_TODAY = "2021-07-15"
    tracing_service.forget_engine()
    yield
    tracing_service.forget_engine()


CSV = """DANH SÁCH F0, F1 DO TỈNH BẮC NINH THÔNG BÁO;;;;;;;;;
;;;;;;;;;
STT;Họ và tên;Năm sinh;Số CCCD/CMND;SĐT;Địa chỉ;Phân loại;Mã BN;Ngày lấy mẫu;Tiếp xúc với (CCCD);Ngày tiếp xúc
1;Trần Thị Bình;1990;024190000002;+84 912 345 678;Thôn Đông, xã Nội Hoàng;F1;;;024085000001;03/07/2021
2;Nguyễn Văn An;1985;024085000001;;xã Nội Hoàng;F0;BN 1001;04/07/2021;;
3;Lê Văn Cường;1970;12345;;Thôn Tây, xã Tiến Dũng;F1;;;024085000001;03/07/2021
4;Phạm Thị Dung;1992;024192000004;;Bắc Ninh;F2;;;;
5;Hoàng Văn Em;1988;024088000005;;Thôn Tây, xã Tiến Dũng;F1;;;024099999999;03/07/2021
6;Đỗ Thị Giang;1995;024195000006;;Thôn Tây, xã Tiến Dũng;F1;;;024085000001;25/07/2021
"""


def run(world, content, name="danh-sach.csv", within=None):
    with translation.override("en"):
        result = importing.import_notified_list(
            name=name, content=content, notified_by="CDC Bắc Ninh", within=within or world.district
        )
        for row in result.rows:  # render the messages in English too
            row.rendered = row.messages()
    return result


def test_a_notified_list_with_its_title_block_and_its_own_headings(world):
    result = run(world, CSV.encode("utf-8-sig"))
    assert result.header_row == 3
    outcomes = {row.row: row for row in result.rows}
    assert [r for r in outcomes if outcomes[r].ok] == [4, 5]
    an = Person.objects.get(id_number="024085000001")
    binh = Person.objects.get(id_number="024190000002")
    assert an.residence_unit == world.commune_a  # the address names the commune, not a village
    assert binh.residence_unit == world.village_a and binh.phone == "0912345678" and binh.birth_year == 1990
    case = Case.objects.get(code="BN1001")
    assert case.person == an and case.source == "notified" and case.notified_by == "CDC Bắc Ninh"
    assert Contact.objects.filter(person_a=an, person_b=binh, date=dt.date(2021, 7, 3)).exists()
    assert TraceState.objects.get(person=binh).level == 1  # the F1 row came first, the F0 was applied before it


def test_every_bad_row_names_its_row_and_column(world):
    result = run(world, CSV.encode("utf-8"))
    messages = {row.row: " | ".join(row.rendered) for row in result.errors}
    assert set(messages) == {6, 7, 8, 9}
    assert messages[6].startswith("Row 6, column “Số CCCD/CMND”:") and "12345" in messages[6]
    assert "Row 7, column “Phân loại”:" in messages[7] and "F2" in messages[7]
    assert "Row 8, column “Tiếp xúc với (CCCD)”:" in messages[8] and "024099999999" in messages[8]
    assert "Row 9, column “Ngày tiếp xúc”:" in messages[9] and "25/07/2021" in messages[9]
    # nothing of a bad row is written, not even its person
    assert not Person.objects.filter(id_number__in=["024088000005", "024195000006", "024192000004"]).exists()


def test_importing_the_same_list_twice_adds_nothing(world):
    run(world, CSV.encode("utf-8"))
    counts = (Person.objects.count(), Case.objects.count(), Contact.objects.count())
    again = run(world, CSV.encode("utf-8"))
    assert (Person.objects.count(), Case.objects.count(), Contact.objects.count()) == counts
    assert "already recorded" in {r.row: r for r in again.rows}[5].done


def test_an_existing_person_is_linked_and_a_different_name_refused(world):
    an = Person.objects.create(full_name="Nguyễn Văn An", id_number="024085000001", residence_unit=world.village_a)
    Person.objects.create(full_name="Người Khác", id_number="024190000002", residence_unit=world.village_a)
    result = run(world, CSV.encode("utf-8"))
    outcomes = {row.row: row for row in result.rows}
    assert outcomes[5].ok and "existing person" in outcomes[5].done
    assert Case.objects.get(code="BN1001").person == an
    assert not outcomes[4].ok and "Người Khác" in outcomes[4].rendered[0]


def test_a_row_whose_case_fails_leaves_no_person_behind(world):
    other = Person.objects.create(full_name="Vũ Văn Hải", id_number="024080000010", residence_unit=world.village_a)
    Case.objects.create(person=other, code="BN1001", sample_date=dt.date(2021, 7, 1))
    result = run(world, CSV.encode("utf-8"))
    row = {r.row: r for r in result.rows}[5]
    assert not row.ok and "Row 5, column “Mã BN”:" in row.rendered[0]
    assert not Person.objects.filter(id_number="024085000001").exists()


def xlsx(rows) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("F0")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), dates)
            else:
                sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


def test_an_excel_list_with_numeric_ids_and_real_dates(world):
    content = xlsx(
        [
            ["Họ tên", "Ngày sinh", "CCCD", "Chỗ ở hiện nay", "Đối tượng", "Mã bệnh nhân", "Ngày XN dương tính"],
            [
                "Nguyễn Văn An",
                dt.date(1985, 3, 2),
                24085000001,
                "Thôn Tây, Tiến Dũng",
                "F0",
                "BN1001",
                dt.date(2021, 7, 4),
            ],
            ["Trần Văn Bảo", "", 24086000002, "Từ Sơn, Bắc Ninh", "f0", "BN1002", "32/07/2021"],
        ]
    )
    result = run(world, content, name="ds.xlsx")
    first, second = result.rows
    an = Person.objects.get(id_number="024085000001")
    assert first.ok and an.birth_date == dt.date(1985, 3, 2) and an.residence_unit == world.village_b
    assert Case.objects.get(code="BN1001").sample_date == dt.date(2021, 7, 4)
    assert not second.ok and "column “Ngày XN dương tính”" in second.rendered[0]


def test_files_that_cannot_be_imported_say_why(world):
    with pytest.raises(ValidationError, match="xlsx"):
        run(world, b"hello", name="ds.pdf")
    with pytest.raises(ValidationError, match="header"):
        run(world, b"a;b;c\n1;2;3\n", name="ds.csv")
    with pytest.raises(ValidationError, match="level"):
        run(world, "Họ tên;CCCD;Địa chỉ\nAn;024085000001;x\n".encode(), name="ds.csv")
    with pytest.raises(ValidationError):
        run(world, b"PK\x03\x04 broken", name="ds.xlsx")


def test_the_upload_screen_shows_each_rows_outcome(world):
    client = Client()
    client.force_login(world.user("department", unit=world.district, organisation=world.district_body))
    upload = SimpleUploadedFile("ds.csv", CSV.encode("utf-8"), content_type="text/csv")
    response = client.post(
        reverse("epidemic:import"),
        {"file": upload, "notified_by": "CDC Bắc Ninh", "admin_unit": world.district.pk},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-row="5" data-ok="1"' in page and 'data-row="6" data-ok="0"' in page
    assert "Row 6, column “Số CCCD/CMND”" in page or "Dòng 6" in page
    team = Client()
    team.force_login(world.user("community_team"))
    assert team.get(reverse("epidemic:import")).status_code == 403
