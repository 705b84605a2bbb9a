"""Importing plan texts: the seed, the CLI contract, the upload/review screens, bad input."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from dualgoal.organisations.models import Organisation
from dualgoal.plans.demo import SEED
from dualgoal.plans.importing import plan_parse, read_plan_file
from dualgoal.plans.models import Plan, PlanImport, SubPlan, Task
from dualgoal.plans.services import plan_save

TEXTS = Path(__file__).parent / "texts"


@pytest.fixture
def seed_plan(yen_dung):
    text = SEED.read_text(encoding="utf-8")
    return plan_save(draft=plan_parse(text=text, within=yen_dung), within=yen_dung, source_text=text)


def test_seed_section_iii_tasks_all_have_their_lead_bodies(seed_plan):
    section_iii = Task.objects.filter(plan=seed_plan, section__code__startswith="III.")
    items = {t.section.code for t in section_iii}
    assert {f"III.{n}" for n in range(1, 13)} <= items
    for task in section_iii:
        assert task.leads(), f"{task.section.code} has no lead body"
        assert not task.unresolved_names, task.unresolved_names
    health = Task.objects.filter(plan=seed_plan, section__code="III.1").first()
    assert {o.name for o in health.leads()} == {"Phòng Y tế", "Trung tâm Y tế huyện"}
    communes = Task.objects.filter(plan=seed_plan, section__code="III.11").first()
    assert len(communes.leads()) == 18


@pytest.mark.parametrize(
    ("fragment", "deadline"),
    [
        ("Cảnh Thụy, Tư Mại và thị trấn Nham Biền", dt.date(2021, 7, 31)),
        ("Công an huyện đi QL17", dt.date(2021, 10, 30)),
        ("Dự án Cụm công nghiệp Nham Sơn - Yên Lư", dt.date(2021, 8, 31)),
        ("Dự án Cụm công nghiệp Yên Lư:", dt.date(2021, 9, 30)),
        ("nhà ở xã hội", dt.date(2021, 9, 30)),
        ("thôn An Phú", dt.date(2021, 7, 31)),
        ("Quốc lộ 17", dt.date(2021, 12, 31)),
        ("Đường tỉnh 398", dt.date(2021, 12, 31)),
        ("khu dân cư mới còn lại", dt.date(2021, 12, 31)),
    ],
)
def test_seed_dated_items_of_ii_2_3_carry_their_deadlines(seed_plan, fragment, deadline):
    task = (
        Task.objects.filter(plan=seed_plan, section__code="II.2.3", text__contains=fragment).order_by("order").first()
    )
    assert task is not None, fragment
    assert task.deadline == deadline


def test_seed_every_body_and_commune_owes_a_subplan_by_30_june(seed_plan):
    assert seed_plan.subplan_due == dt.date(2021, 6, 30)
    assert seed_plan.coordinator.name == "Phòng Tài chính - Kế hoạch"
    owed = SubPlan.objects.filter(plan=seed_plan)
    names = set(owed.values_list("organisation__name", flat=True))
    assert {"Phòng Y tế", "Công an huyện", "Phòng Nội vụ", "UBND xã Nội Hoàng", "UBND thị trấn Nham Biền"} <= names
    assert owed.filter(organisation__kind="committee").count() == 18
    assert all(sp.due == dt.date(2021, 6, 30) for sp in owed)


def test_targets_are_kept(seed_plan):
    assert Task.objects.filter(plan=seed_plan, target_unit="%", target_value=10).exists()
    assert Task.objects.filter(plan=seed_plan, target_unit="tỷ đồng", target_value=750).exists()


def test_cli_json_contract(yen_dung, capsys):
    call_command("import_plan", str(SEED), "--dry-run", "--json")
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["title", "number", "issuer", "issued_on", "sections", "tasks", "unresolved"]
    assert set(out["tasks"][0]) == {
        "section",
        "text",
        "lead",
        "support",
        "deadline",
        "deadline_text",
        "recurrence",
        "target",
    }
    assert all(t["recurrence"] in (None, "daily", "weekly", "monthly", "continuous") for t in out["tasks"])
    assert out["unresolved"] == []
    assert not Plan.objects.exists()  # dry run


def test_cli_saves_and_refuses_bad_files(yen_dung, tmp_path, capsys):
    call_command("import_plan", str(TEXTS / "xa-tien-dung-sot-xuat-huyet-2022.txt"))
    plan = Plan.objects.get()
    assert plan.number == "45/KH-UBND" and plan.issued_on == dt.date(2022, 4, 12)
    empty = tmp_path / "trong.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="rỗng"):
        call_command("import_plan", str(empty))
    assert Plan.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", b"", "rỗng"),
        ("a.docx", b"Day la van ban thuong", "không phải là tài liệu Word"),
        ("a.pdf", b"%PDF-1.4", ".pdf"),
        ("a.txt", b"\xff\xd8\xff\xe0 binary \x00\x01", "UTF-8"),
    ],
)
def test_unreadable_files_get_a_clear_message(name, data, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        read_plan_file(name, data)
    assert message in " ".join(error.value.messages)


def docx_of(text: str) -> bytes:
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_reads_like_the_text(yen_dung):
    text = SEED.read_text(encoding="utf-8")
    from_docx = plan_parse(text=read_plan_file("kh.docx", docx_of(text)), within=yen_dung)
    from_txt = plan_parse(text=text, within=yen_dung)
    assert from_docx["tasks"] == from_txt["tasks"]


@pytest.fixture
def coordinator_client(client, member):
    client.force_login(member("tckh-test", "coordinator", "yd-tckh", "221"))
    return client


def test_upload_review_correct_save(coordinator_client, yen_dung):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = (TEXTS / "yen-dung-phong-chong-thien-tai-2022.txt").read_bytes()
    response = coordinator_client.post(
        reverse("plans:import"),
        {"file": SimpleUploadedFile("thien-tai.txt", text), "admin_unit": yen_dung.pk},
    )
    assert response.status_code == 302
    record = PlanImport.objects.get()
    assert not Plan.objects.exists()  # nothing saved before review
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Điện lực Yên Dũng" in page  # listed as unresolved for the user to map
    form = {f"task-{i}-text": t["text"] for i, t in enumerate(record.parsed["tasks"])}
    form.update({f"task-{i}-lead": "; ".join(t["lead"]) for i, t in enumerate(record.parsed["tasks"])})
    form["task-0-text"] = "Nhiệm vụ đã sửa khi rà soát"
    form["task-0-deadline"] = "2022-05-31"
    form["map_name"] = "Điện lực Yên Dũng"
    form["map_to"] = str(Organisation.objects.get(code="yd-ktht").pk)
    response = coordinator_client.post(response["Location"], form)
    assert response.status_code == 302
    plan = Plan.objects.get()
    first = plan.tasks.order_by("order").first()
    assert (first.text, first.deadline) == ("Nhiệm vụ đã sửa khi rà soát", dt.date(2022, 5, 31))
    assert not any(t.unresolved_names for t in plan.tasks.all())  # the mapping was applied
    assert Task.objects.filter(plan=plan, assignments__organisation__code="yd-ktht").exists()


def test_bad_upload_saves_nothing_and_says_why(coordinator_client, yen_dung):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = coordinator_client.post(
        reverse("plans:import"),
        {"file": SimpleUploadedFile("ke-hoach.docx", b"not a zip at all"), "admin_unit": yen_dung.pk},
    )
    assert response.status_code == 200
    assert "không phải là tài liệu Word" in response.content.decode()
    response = coordinator_client.post(
        reverse("plans:import"),
        {
            "file": SimpleUploadedFile("ghi-chu.txt", "Một đoạn văn không có cấu trúc.".encode()),
            "admin_unit": yen_dung.pk,
        },
    )
    assert "Không tìm thấy cấu trúc kế hoạch" in response.content.decode()
    assert not PlanImport.objects.exists() and not Plan.objects.exists()


def test_review_with_a_bad_date_saves_nothing(coordinator_client, yen_dung):
    draft = plan_parse(text=(TEXTS / "yen-dung-chuyen-doi-so-2022.txt").read_text("utf-8"), within=yen_dung)
    record = PlanImport.objects.create(
        admin_unit=yen_dung,
        source_name="x.txt",
        source_text="",
        parsed=draft,
        created_by=coordinator_client.session
        and __import__("dualgoal.accounts.models", fromlist=["User"]).User.objects.first(),
    )
    response = coordinator_client.post(
        reverse("plans:import_review", args=[record.pk]), {"task-1-deadline": "31/13/2022"}
    )
    assert response.status_code == 400
    assert "không phải là ngày" in response.content.decode()
    assert not Plan.objects.exists() and not Task.objects.exists()
