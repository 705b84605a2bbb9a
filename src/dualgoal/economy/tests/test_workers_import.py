"""Importing worker lists (issue 6, point 3): the service, the background task, the CLI and the screens."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.urls import reverse
from python_calamine import CalamineWorkbook

import dualgoal.economy.rules_workers  # noqa: F401  (the grants; the app's ready() imports them in production)
from dualgoal.economy import workers as W
from dualgoal.economy.models import Employment, WorkerImport
from dualgoal.economy.services import enterprise_register
from dualgoal.economy.tests import make_messy as M
from dualgoal.economy.workers import errors_xlsx, workers_import
from dualgoal.people.models import Person, PersonNameToken
from dualgoal.people.services import person_create

FILES = Path(__file__).parent / "files"
TAX_A, TAX_B = "2400123456", "2400654321"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def communes(yen_dung):
    from dualgoal.geography.selectors import communes_of

    return list(communes_of(yen_dung))


@pytest.fixture
def firm(communes):
    return enterprise_register(tax_code=TAX_A, name="Công ty TNHH May Yên Dũng", commune=communes[0])


@pytest.fixture
def other_firm(communes):
    return enterprise_register(tax_code=TAX_B, name="Công ty CP Cơ khí Nội Hoàng", commune=communes[1])


@pytest.fixture
def messy(tmp_path):
    """60 rows, ~15 % with an error of the kind the generator names, written the messy way."""
    rows = M.synth_worker_rows(60, 11, error_rate=0.15)
    path = tmp_path / "danh-sach.xlsx"
    written = M.write_worker_list(path, rows, style="messy", seed=4)
    return rows, written, path


def registered(row: dict, **changes) -> Person:
    values = {
        "full_name": row["full_name"],
        "birth_date": row["birth_date"],
        "sex": row["sex"],
        "id_number": row["id_number"],
        "address": "Hà Nội",
    }
    values.update(changes)
    province = _province()
    return person_create(residence_unit=province, **values)


def _province():
    from dualgoal.geography.models import AdminUnit

    return AdminUnit.objects.get(code="01") if AdminUnit.objects.filter(code="01").exists() else _other_province()


def _other_province():
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit

    return AdminUnit.objects.create(code="01", name="Thành phố Hà Nội", kind="thành phố", level=Level.PROVINCE)


def clean_indexes(rows: list[dict]) -> list[int]:
    return [i for i, r in enumerate(rows) if r["error"] is None]


def error_rows(outcome) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for e in outcome.errors:
        out.setdefault(e["row"], []).append(e)
    return out


# --- the service ----------------------------------------------------------------------------------------------------


def test_messy_file_creates_persons_links_existing_and_reports_every_bad_row(firm, messy):
    rows, written, path = messy
    good = clean_indexes(rows)
    same = rows[good[0]]
    other_name = rows[good[1]]
    other_year = rows[good[2]]
    existing = registered(same, full_name=M.nfd(same["full_name"].upper()))  # folded comparison: same person
    registered(other_name, full_name="Đỗ Thị Khác Tên")
    registered(other_year, birth_date=None, birth_year=other_year["birth_date"].year - 1, id_number="")
    Person.objects.filter(full_name=other_year["full_name"], id_number=None).update(id_number=other_year["id_number"])
    persons_before = Person.objects.count()
    seen = []

    outcome = workers_import(
        enterprise=firm, data=path.read_bytes(), filename=path.name, dry_run=False, progress=seen.append
    )

    assert outcome.rows == written.data_rows == 60
    bad = error_rows(outcome)
    for i, row in enumerate(rows):  # every row the generator spoiled is reported at its Excel row
        if row["error"]:
            assert written.row_numbers[i] in bad, (row["error"], written.row_numbers[i])
    name_clash = bad[written.row_numbers[good[1]]]
    assert name_clash == [
        {
            "row": written.row_numbers[good[1]],
            "column": written.labels["full_name"],
            "message": name_clash[0]["message"],
        }
    ]
    assert other_name["id_number"] in name_clash[0]["message"] and "Đỗ Thị Khác Tên" in name_clash[0]["message"]
    year_clash = bad[written.row_numbers[good[2]]]
    assert len(year_clash) == 1 and year_clash[0]["column"].startswith(written.labels["birth_date"])
    assert " + " not in year_clash[0]["column"]  # under "Nam" / "Nữ": the column of the row's sex
    assert str(other_year["birth_date"].year - 1) in year_clash[0]["message"]
    assert outcome.registry_conflicts == 2
    assert outcome.duplicates_in_file == sum(1 for r in rows if r["error"] == "duplicate")
    assert [e["row"] for e in outcome.errors] == sorted(e["row"] for e in outcome.errors)

    imported = [i for i in good if i not in (good[1], good[2])]
    assert outcome.imported == len(imported) == outcome.matched_existing + outcome.created_persons
    assert outcome.matched_existing == 1
    assert Person.objects.count() == persons_before + outcome.created_persons
    assert Employment.objects.filter(enterprise=firm).count() == outcome.imported
    employed = {e.person.id_number: e for e in Employment.objects.filter(enterprise=firm).select_related("person")}
    for i in imported:
        row = rows[i]
        employment = employed[row["id_number"]]
        person = employment.person
        assert employment.department == row["department"]
        assert employment.position == row["position"]
        assert employment.active
        if row["id_number"] == same["id_number"]:
            assert person.pk == existing.pk  # linked, not duplicated
            continue
        assert person.full_name == row["full_name"]  # NFC, single spaces
        assert person.birth_year == row["birth_date"].year  # some cells hold the year only
        assert person.birth_date in (row["birth_date"], None)
        assert person.sex == row["sex"] and person.phone == row["phone"]
        assert person.name_folded == person.name_folded.lower() and person.name_folded.isascii()
    created = Person.objects.get(id_number=rows[imported[-1]]["id_number"])
    tokens = list(PersonNameToken.objects.filter(person=created).order_by("position").values_list("token", flat=True))
    assert tokens == [" ".join(created.name_folded.split()[i:]) for i in range(len(created.name_folded.split()))]
    assert seen[-1] == 100 and seen == sorted(seen)


def test_new_persons_are_found_by_the_registry_search(firm, messy):
    from dualgoal.accounts.models import User
    from dualgoal.people.selectors import person_search

    rows, _written, path = messy
    workers_import(enterprise=firm, data=path.read_bytes(), filename=path.name, dry_run=False)
    row = rows[clean_indexes(rows)[3]]
    admin = User.objects.create_superuser("root", "root@x.vn", "Test-password-2021")
    found = person_search(" ".join(row["full_name"].split()[1:]), admin)
    assert row["id_number"] in set(found.values_list("id_number", flat=True))


def test_new_workers_are_managed_by_the_enterprise_commune_and_visible_to_its_staff(firm, other_firm, messy, member):
    _rows, _written, path = messy
    workers_import(enterprise=firm, data=path.read_bytes(), filename=path.name, dry_run=False)
    created = Person.objects.filter(employments__enterprise=firm)
    assert created.exists() and all(p.managing_unit_id == firm.commune_id for p in created)
    commune_officer = member("xa-1", "commune", f"ubnd-{firm.commune.code}")
    other_officer = member("xa-2", "commune", f"ubnd-{other_firm.commune.code}")
    assert Person.objects.visible_to(commune_officer).filter(employments__enterprise=firm).count() == created.count()
    assert not Person.objects.visible_to(other_officer).filter(employments__enterprise=firm).exists()


def test_dry_run_writes_nothing_and_tells_the_same_outcome(firm, messy):
    rows, _written, path = messy
    registered(rows[clean_indexes(rows)[0]])
    counts = (Person.objects.count(), Employment.objects.count(), PersonNameToken.objects.count())

    dry = workers_import(enterprise=firm, data=path.read_bytes(), filename=path.name, dry_run=True)

    assert (Person.objects.count(), Employment.objects.count(), PersonNameToken.objects.count()) == counts
    real = workers_import(enterprise=firm, data=path.read_bytes(), filename=path.name, dry_run=False)
    assert (dry.rows, dry.imported, dry.errors) == (real.rows, real.imported, real.errors)
    assert (dry.matched_existing, dry.created_persons) == (real.matched_existing, real.created_persons)
    assert dry.matched_existing == 1 and dry.created_persons == real.imported - 1 > 40


def test_reimport_updates_and_does_not_duplicate(firm, messy, tmp_path):
    rows, _written, path = messy
    first = workers_import(enterprise=firm, data=path.read_bytes(), filename=path.name, dry_run=False)
    persons, employments = Person.objects.count(), Employment.objects.count()
    moved = rows[clean_indexes(rows)[0]]
    moved["department"], moved["position"] = "Xưởng đóng gói", "Tổ phó"
    Employment.objects.filter(person__id_number=rows[clean_indexes(rows)[1]]["id_number"]).update(active=False)
    again = tmp_path / "lan-2.xlsx"
    M.write_worker_list(again, rows, style="messy", seed=5)

    second = workers_import(enterprise=firm, data=again.read_bytes(), filename=again.name, dry_run=False)

    assert (Person.objects.count(), Employment.objects.count()) == (persons, employments)
    assert second.imported == first.imported and second.created_persons == 0
    assert second.matched_existing == first.imported
    assert second.employments_created == 0 and second.employments_updated >= 2
    employment = Employment.objects.get(enterprise=firm, person__id_number=moved["id_number"])
    assert (employment.department, employment.position) == ("Xưởng đóng gói", "Tổ phó")
    assert Employment.objects.filter(enterprise=firm, active=False).count() == 0


def test_a_person_already_working_elsewhere_gets_a_second_employment(firm, other_firm, messy):
    _rows, _written, path = messy
    workers_import(enterprise=firm, data=path.read_bytes(), filename=path.name, dry_run=False)
    persons = Person.objects.count()
    outcome = workers_import(enterprise=other_firm, data=path.read_bytes(), filename=path.name, dry_run=False)
    assert outcome.created_persons == 0 and Person.objects.count() == persons
    assert Employment.objects.filter(enterprise=other_firm).count() == outcome.imported


def test_too_long_texts_are_errors_not_cut(firm):
    from dualgoal.economy.tests.test_worker_reader import HEADER, book, person

    data = book([HEADER, person(1, **{"Địa chỉ": "Thôn Đông " * 30}), person(2, **{"Số CCCD/CMND": "024095001235"})])
    outcome = workers_import(enterprise=firm, data=data, filename="ds.xlsx", dry_run=False)
    assert outcome.errors == [{"row": 2, "column": "Địa chỉ", "message": outcome.errors[0]["message"]}]
    assert "255" in outcome.errors[0]["message"]
    assert outcome.imported == 1


def test_unreadable_file_raises_a_clear_error(firm):
    with pytest.raises(W.WorkerListError, match=r"not-a-spreadsheet\.xlsx"):
        workers_import(
            enterprise=firm,
            data=(FILES / "not-a-spreadsheet.xlsx").read_bytes(),
            filename="not-a-spreadsheet.xlsx",
            dry_run=False,
        )


def test_error_file_opens_with_calamine():
    errors = [
        {"row": 7, "column": "Số CCCD/CMND", "message": "Thiếu số CCCD/CMND."},
        {"row": 9, "column": "Họ và tên", "message": "=1+1 is not a formula"},
    ]
    grid = CalamineWorkbook.from_filelike(io.BytesIO(errors_xlsx(errors))).get_sheet_by_index(0).to_python()
    assert grid[0] == ["Dòng", "Cột", "Lỗi"]
    assert grid[1] == [7.0, "Số CCCD/CMND", "Thiếu số CCCD/CMND."] or grid[1] == [
        7,
        "Số CCCD/CMND",
        "Thiếu số CCCD/CMND.",
    ]
    assert grid[2][2] == "=1+1 is not a formula"


# --- the task -------------------------------------------------------------------------------------------------------


def test_task_records_progress_while_it_runs(firm, messy, media, monkeypatch):
    from dualgoal.economy.tasks import import_workers_task

    rows, written, path = messy
    record = WorkerImport.objects.create(
        enterprise=firm, file=SimpleUploadedFile(path.name, path.read_bytes()), filename=path.name
    )
    observed = []
    lookup = W._persons_by_id

    def spy(id_numbers):
        observed.append(WorkerImport.objects.values_list("status", "progress").get(pk=record.pk))
        return lookup(id_numbers)

    monkeypatch.setattr(W, "_persons_by_id", spy)
    monkeypatch.setattr(W, "PART_ROWS", 20)  # the file's rows in parts of 20: progress moves part by part
    import_workers_task.enqueue(record.pk)

    assert [status for status, _ in observed] == ["running"] * len(observed) and len(observed) >= 3
    progress = [percent for _, percent in observed]
    assert progress[0] == 2 and progress == sorted(set(progress)) and progress[-1] < 100
    record.refresh_from_db()
    assert (record.status, record.progress, record.rows) == ("done", 100, written.data_rows)
    assert record.imported == Employment.objects.filter(enterprise=firm).count() > 0
    assert {e["row"] for e in record.errors} >= {written.row_numbers[i] for i, r in enumerate(rows) if r["error"]}


def test_task_marks_an_unreadable_file_failed(firm, media):
    from dualgoal.economy.tasks import import_workers_task

    record = WorkerImport.objects.create(
        enterprise=firm, file=SimpleUploadedFile("x.xlsx", b"<html>not a workbook</html>"), filename="x.xlsx"
    )
    import_workers_task.enqueue(record.pk)
    record.refresh_from_db()
    assert record.status == "failed" and record.errors[0]["row"] is None
    assert "x.xlsx" in record.errors[0]["message"]


# --- the CLI --------------------------------------------------------------------------------------------------------


def test_cli_json_contract(firm, messy):
    rows, written, path = messy
    out = io.StringIO()
    call_command("import_workers", str(path), "--enterprise", TAX_A, "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert set(printed) == {"rows", "imported", "errors"}
    assert printed["rows"] == written.data_rows
    assert printed["imported"] == Employment.objects.filter(enterprise=firm).count()
    assert all(set(e) == {"row", "column", "message"} for e in printed["errors"])
    assert {e["row"] for e in printed["errors"]} >= {written.row_numbers[i] for i, r in enumerate(rows) if r["error"]}


def test_cli_dry_run_and_summary(firm, messy):
    _rows, _written, path = messy
    out = io.StringIO()
    call_command("import_workers", str(path), "--enterprise", TAX_A, "--dry-run", stdout=out)
    assert Employment.objects.count() == 0
    text = out.getvalue()
    assert "60" in text and "Dòng" in text


def test_cli_refuses_unknown_tax_code_and_unreadable_files(firm, messy, tmp_path):
    _rows, _written, path = messy
    with pytest.raises(CommandError, match="Không có doanh nghiệp nào có mã số thuế 0109999999"):
        call_command("import_workers", str(path), "--enterprise", "0109999999")
    with pytest.raises(CommandError, match="12345"):
        call_command("import_workers", str(path), "--enterprise", "12345")
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("import_workers", str(tmp_path / "missing.xlsx"), "--enterprise", TAX_A)
    with pytest.raises(CommandError, match="nội dung là"):
        call_command("import_workers", str(FILES / "not-a-spreadsheet.xlsx"), "--enterprise", TAX_A)


# --- the screens ----------------------------------------------------------------------------------------------------


def test_upload_status_outcome_and_error_file(client, firm, messy, member, media):
    rows, written, path = messy
    client.force_login(member("dn-may", "enterprise", f"dn-{TAX_A}"))
    url = reverse("economy:worker_import", args=[firm.pk])
    page = client.get(url)
    assert page.status_code == 200 and firm.name in page.content.decode()

    response = client.post(url, {"file": SimpleUploadedFile(path.name, path.read_bytes())})

    record = WorkerImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("economy:worker_import_status", args=[record.pk])
    assert (record.status, record.progress, record.dry_run) == ("done", 100, False)
    status = client.get(response.url)
    html = status.content.decode()
    assert 'data-testid="import-outcome"' in html and 'data-testid="errors-table"' in html
    assert f'data-testid="rows">{written.data_rows}<' in html
    assert f'data-testid="imported">{record.imported}<' in html
    assert "hx-get" not in html  # finished: no more polling
    first_bad = next(written.row_numbers[i] for i, r in enumerate(rows) if r["error"])
    assert f"<td>{first_bad}</td>" in html

    progress = client.get(reverse("economy:worker_import_progress", args=[record.pk]), headers={"HX-Request": "true"})
    assert progress.headers.get("HX-Refresh") == "true"

    download = client.get(reverse("economy:worker_import_errors", args=[record.pk]))
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxmlformats")
    grid = CalamineWorkbook.from_filelike(io.BytesIO(download.content)).get_sheet_by_index(0).to_python()
    assert grid[0] == ["Dòng", "Cột", "Lỗi"]
    assert len(grid) == len(record.errors) + 1
    assert {int(line[0]) for line in grid[1:]} == {e["row"] for e in record.errors}


def test_running_import_polls_with_htmx(client, firm, member, media):
    client.force_login(member("dn-may2", "enterprise", f"dn-{TAX_A}"))
    record = WorkerImport.objects.create(
        enterprise=firm, file=SimpleUploadedFile("a.xlsx", b"x"), filename="a.xlsx", status="running", progress=37
    )
    html = client.get(reverse("economy:worker_import_status", args=[record.pk])).content.decode()
    progress_url = reverse("economy:worker_import_progress", args=[record.pk])
    assert f'hx-get="{progress_url}"' in html and 'hx-trigger="every 1s"' in html and "width: 37%" in html
    fragment = client.get(progress_url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "37%" in fragment.content.decode() and "HX-Refresh" not in fragment.headers


def test_dry_run_upload_saves_nothing(client, firm, messy, member, media):
    _rows, _written, path = messy
    client.force_login(member("dn-may3", "enterprise", f"dn-{TAX_A}"))
    response = client.post(
        reverse("economy:worker_import", args=[firm.pk]),
        {"file": SimpleUploadedFile(path.name, path.read_bytes()), "dry_run": "on"},
    )
    record = WorkerImport.objects.get()
    assert record.dry_run and record.status == "done" and record.imported > 0
    assert Employment.objects.count() == 0
    assert "dry run" in client.get(response.url).content.decode().lower() or record.dry_run


def test_permissions_and_scope(client, firm, other_firm, messy, member, media, communes):
    _rows, _written, path = messy
    client.force_login(member("dn-may4", "enterprise", f"dn-{TAX_A}"))
    client.post(
        reverse("economy:worker_import", args=[firm.pk]), {"file": SimpleUploadedFile(path.name, path.read_bytes())}
    )
    record = WorkerImport.objects.get()
    pages = [
        reverse("economy:worker_import_status", args=[record.pk]),
        reverse("economy:worker_import_progress", args=[record.pk]),
        reverse("economy:worker_import_errors", args=[record.pk]),
    ]

    client.force_login(member("dn-co-khi", "enterprise", f"dn-{TAX_B}"))  # another enterprise's user
    assert client.get(reverse("economy:worker_import", args=[firm.pk])).status_code == 404
    assert all(client.get(page).status_code == 404 for page in pages)
    assert client.get(reverse("economy:worker_import", args=[other_firm.pk])).status_code == 200

    client.force_login(member("ldtbxh", "department", "yd-ldtbxh"))  # a district department: every enterprise
    assert client.get(reverse("economy:worker_import", args=[firm.pk])).status_code == 200
    assert all(client.get(page).status_code == 200 for page in pages)

    client.force_login(member("xa-a", "commune", f"ubnd-{communes[0].code}"))  # the enterprise's commune: follows
    assert all(client.get(page).status_code == 200 for page in pages)
    assert client.get(reverse("economy:worker_import", args=[firm.pk])).status_code == 403
    client.force_login(member("xa-b", "commune", f"ubnd-{communes[1].code}"))  # another commune
    assert all(client.get(page).status_code == 404 for page in pages)

    client.force_login(member("checkpoint", "checkpoint", "yd-cahuyen"))  # no grant
    assert client.get(pages[0]).status_code == 403
    client.logout()
    assert client.get(pages[0]).status_code == 302


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time: the import")
@pytest.mark.django_db(transaction=True)
def test_other_connections_see_the_progress_while_the_import_runs(firm, messy, media, monkeypatch):
    """What the status page polls: the progress of each part, seen from another connection before the commit."""
    from dualgoal.economy.tasks import import_workers_task

    _rows, written, path = messy
    record = WorkerImport.objects.create(
        enterprise=firm, file=SimpleUploadedFile(path.name, path.read_bytes()), filename=path.name
    )
    seen_elsewhere = []
    lookup = W._persons_by_id
    page = connections.create_connection(DEFAULT_DB_ALIAS)

    def spy(id_numbers):
        with page.cursor() as cursor:
            cursor.execute("SELECT status, progress FROM economy_workerimport WHERE id = %s", [record.pk])
            seen_elsewhere.append(cursor.fetchone())
        return lookup(id_numbers)

    monkeypatch.setattr(W, "_persons_by_id", spy)
    monkeypatch.setattr(W, "PART_ROWS", 20)
    try:
        import_workers_task.enqueue(record.pk)
    finally:
        page.close()

    progress = [percent for status, percent in seen_elsewhere if status == "running"]
    assert len(progress) == len(seen_elsewhere) >= 3
    assert progress[0] == 2 and progress == sorted(set(progress))  # part after part, before the commit
    record.refresh_from_db()
    assert (record.status, record.progress, record.rows) == ("done", 100, written.data_rows)
