"""Reporting progress, reviewing, boards, overdue lists, scorecards, sub-plans, reminders, the summary report."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from dualgoal.core.models import Notification
from dualgoal.organisations.models import Organisation
from dualgoal.plans.choices import TaskStatus
from dualgoal.plans.demo import SEED
from dualgoal.plans.importing import plan_parse
from dualgoal.plans.models import ProgressReport, SubPlan, Task
from dualgoal.plans.selectors import task_statuses
from dualgoal.plans.services import plan_save, progress_review, reminders_send, task_report_progress

TODAY = "2021-07-15"


@pytest.fixture(autouse=True)
def demo_today(settings):
    settings.DUALGOAL_TODAY = TODAY


@pytest.fixture
def plan(yen_dung):
    text = SEED.read_text(encoding="utf-8")
    draft = plan_parse(text=text, within=yen_dung)
    draft["issued_on"] = "2021-06-25"
    return plan_save(draft=draft, within=yen_dung, source_text=text)


@pytest.fixture
def ktht_task(plan):
    """A task led by Phòng Kinh tế và Hạ tầng (seed III.3)."""
    return Task.objects.filter(plan=plan, section__code="III.3").order_by("order").first()


@pytest.fixture
def dh5b(plan):
    return Task.objects.get(plan=plan, section__code="II.2.3", deadline=dt.date(2021, 7, 31), text__contains="ĐH.5B")


def org(code):
    return Organisation.objects.get(code=code)


def status_of(task, day):
    return task_statuses([task], as_of=day)[task.pk].status


def test_lead_reports_and_the_status_follows(ktht_task, member):
    officer = member("ktht1", "department", "yd-ktht")
    day = dt.date(2021, 7, 10)
    task_report_progress(
        task=ktht_task, organisation=org("yd-ktht"), user=officer, reported_on=day, percent=100, text="Đã hoàn thành"
    )
    assert status_of(ktht_task, dt.date(2021, 7, 15)) == TaskStatus.DONE_ON_TIME


def test_only_assigned_bodies_may_report_and_bad_values_are_refused(ktht_task, member):
    officer = member("pyt1", "department", "yd-pyt")
    with pytest.raises(ValidationError) as error:
        task_report_progress(
            task=ktht_task,
            organisation=org("yd-pyt"),
            user=officer,
            reported_on=dt.date(2021, 7, 1),
            percent=150,
            text="",
        )
    assert {"organisation", "percent", "text"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        task_report_progress(
            task=ktht_task,
            organisation=org("yd-ktht"),
            user=officer,
            reported_on=dt.date(2021, 7, 16),
            percent=10,
            text="x",
        )  # after "today"
    assert "reported_on" in error.value.message_dict
    assert not ProgressReport.objects.exists()


def test_returned_report_no_longer_counts_and_the_body_is_told(
    dh5b, member, settings, django_capture_on_commit_callbacks
):
    settings.DUALGOAL_TODAY = "2021-08-05"
    officer = member("bqlda1", "department", "yd-bqlda")
    coordinator = member("tckh1", "coordinator", "yd-tckh")
    lead = dh5b.leads()[0] if dh5b.leads() else org("yd-bqlda")
    if not dh5b.leads():
        dh5b.assignments.create(organisation=lead, role="lead")
    report = task_report_progress(
        task=dh5b, organisation=lead, user=officer, reported_on=dt.date(2021, 7, 30), percent=100, text="Xong"
    )
    assert status_of(dh5b, dt.date(2021, 8, 2)) == TaskStatus.DONE_ON_TIME
    with pytest.raises(ValidationError):
        progress_review(report=report, user=coordinator, accept=False, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        progress_review(report=report, user=coordinator, accept=False, reason="Thiếu biên bản nghiệm thu")
    assert status_of(dh5b, dt.date(2021, 8, 2)) == TaskStatus.OVERDUE
    told = Notification.objects.get(user=officer)
    assert "Thiếu biên bản nghiệm thu" in told.body


def test_screens_report_then_coordinator_sees_the_change(ktht_task, member, client, django_capture_on_commit_callbacks):
    officer = member("ktht2", "department", "yd-ktht")
    coordinator = member("tckh2", "coordinator", "yd-tckh")
    client.force_login(officer)
    url = reverse("plans:task_detail", args=[ktht_task.pk])
    page = client.get(url).content.decode()
    assert "Báo cáo tiến độ" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "organisation": org("yd-ktht").pk,
                "reported_on": "10/07/2021",
                "percent": "100",
                "text": "Đã kiểm tra 12 doanh nghiệp",
            },
        )
    assert response.status_code == 302
    response = client.post(
        url, {"organisation": org("yd-ktht").pk, "reported_on": "10/07/2021", "percent": "101", "text": "x"}
    )
    assert response.status_code == 400  # the form says why, nothing saved
    assert ProgressReport.objects.count() == 1
    client.force_login(coordinator)
    board = client.get(reverse("plans:board"), {"organisation": org("yd-ktht").pk}).content.decode()
    done_column = board.split('data-column="done_on_time"')[1].split('data-column="done_late"')[0]
    assert ktht_task.text[:40] in done_column
    assert Notification.objects.filter(user=coordinator).exists()


def test_each_body_sees_its_own_tasks_the_coordinator_all(plan, member):
    officer = member("gddt", "department", "yd-gddt")
    coordinator = member("tckh3", "coordinator", "yd-tckh")
    own = Task.objects.visible_to(officer)
    assert own.exists()
    assert all(org("yd-gddt") in t.organisations.all() for t in own)
    assert Task.objects.visible_to(coordinator).count() == plan.tasks.count()


def test_overdue_list_and_scorecard(dh5b, member, client):
    coordinator = member("tckh4", "coordinator", "yd-tckh")
    lead = org("yd-bqlda")
    dh5b.assignments.get_or_create(organisation=lead, defaults={"role": "lead"})
    client.force_login(coordinator)
    page = client.get(reverse("plans:overdue"), {"as_of": "02/08/2021"}).content.decode()
    assert "ĐH.5B" in page
    assert "ĐH.5B" not in client.get(reverse("plans:overdue"), {"as_of": "31/07/2021"}).content.decode()
    score = client.get(reverse("plans:scorecard"), {"as_of": "02/08/2021"})
    assert score.status_code == 200
    cards = {c["organisation"].code: c["count"] for c in score.context["cards"]}
    assert cards["yd-bqlda"].overdue >= 1


def test_subplan_returns(plan, member, client):
    officer = member("noivu", "department", "yd-noivu")
    mine = SubPlan.objects.get(plan=plan, organisation=org("yd-noivu"))
    client.force_login(officer)
    response = client.post(
        reverse("plans:subplan_submit", args=[mine.pk]),
        {"submitted_on": "29/06/2021", "number": "12/KH-NV", "note": "Kế hoạch của Phòng Nội vụ"},
    )
    assert response.status_code == 302
    from dualgoal.plans.selectors import subplan_returns

    returns = subplan_returns(plan, as_of=dt.date(2021, 7, 1), subplans=SubPlan.objects.all())
    assert [sp.organisation.code for sp in returns["on_time"]] == ["yd-noivu"]
    assert len(returns["missing"]) == SubPlan.objects.filter(plan=plan).count() - 1
    other = SubPlan.objects.get(plan=plan, organisation=org("yd-pyt"))
    assert client.get(reverse("plans:subplan_submit", args=[other.pk])).status_code == 404  # not their body's


def test_reminders_before_the_deadline_and_when_overdue_once(dh5b, member, django_capture_on_commit_callbacks):
    dh5b.assignments.get_or_create(organisation=org("yd-bqlda"), defaults={"role": "lead"})
    officer = member("bqlda2", "department", "yd-bqlda")
    reminders_send(as_of=dt.date(2021, 7, 20))
    assert not Notification.objects.filter(user=officer, subject__contains="31/07/2021").exists()  # 11 days before
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders_send(as_of=dt.date(2021, 7, 29))  # 2 days before 31/7, rule: 3 days
    assert sent["due_soon"] >= 1
    assert Notification.objects.filter(user=officer, subject__contains="31/07/2021").exists()
    assert any(officer.email in m.to for m in mail.outbox)
    assert reminders_send(as_of=dt.date(2021, 7, 29))["due_soon"] == 0  # not twice
    assert reminders_send(as_of=dt.date(2021, 8, 3))["overdue"] >= 1


def test_summary_report_docx_and_xlsx(dh5b, member, client):
    from docx import Document
    from python_calamine import CalamineWorkbook

    dh5b.assignments.get_or_create(organisation=org("yd-bqlda"), defaults={"role": "lead"})
    client.force_login(member("tckh5", "coordinator", "yd-tckh"))
    response = client.get(reverse("plans:plan_report", args=[dh5b.plan.pk, "docx"]), {"as_of": "02/08/2021"})
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    everything = text + "\n" + "\n".join(cells)
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Yên Dũng, ngày 02 tháng 8 năm 2021",
        "Nơi nhận:",
        "PHÒNG TÀI CHÍNH - KẾ HOẠCH",
    ):
        assert line in everything, line
    overdue = [
        t
        for t, j in task_statuses(list(dh5b.plan.tasks.select_related("plan")), as_of=dt.date(2021, 8, 2)).items()
        if j.status == TaskStatus.OVERDUE
    ]
    assert overdue
    for task in Task.objects.filter(pk__in=overdue):
        assert task.text in everything
    xlsx = client.get(reverse("plans:plan_report", args=[dh5b.plan.pk, "xlsx"]), {"as_of": "02/08/2021"})
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    rows = book.get_sheet_by_index(1).to_python()  # the overdue sheet
    flat = [str(c) for row in rows for c in row]
    assert dh5b.text in flat
    assert "Chưa hoàn thành quá hạn" in flat or "chưa hoàn thành quá hạn" in " ".join(flat).lower()


def test_api_lists_tasks_with_status_and_accepts_a_report(ktht_task, member, client):
    officer = member("ktht3", "department", "yd-ktht")
    client.force_login(officer)
    data = client.get(reverse("api:task-list"), {"as_of": "2021-07-15"}).json()
    assert data["count"] >= 1 and data["results"][0]["status"] in {s.value for s in TaskStatus}
    response = client.post(
        reverse("api:progressreport-list"),
        {
            "task": ktht_task.pk,
            "organisation": org("yd-ktht").pk,
            "reported_on": "2021-07-12",
            "percent": 40,
            "text": "Đang thực hiện",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    response = client.post(
        reverse("api:progressreport-list"),
        {
            "task": ktht_task.pk,
            "organisation": org("yd-pyt").pk,
            "reported_on": "2021-07-12",
            "percent": 40,
            "text": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 400


def test_reminders_run_through_the_task_worker(yen_dung, settings):
    from dualgoal.plans.tasks import next_morning, send_reminders_task

    result = send_reminders_task.enqueue()  # the embedded default runs it at once
    assert result.return_value == {"due_soon": 0, "overdue": 0}
    morning = next_morning(dt.datetime(2021, 7, 15, 22, 30, tzinfo=dt.UTC))  # 05:30 on 16/7 in Việt Nam
    assert (morning.date(), morning.hour) == (dt.date(2021, 7, 16), 7)
    after = next_morning(dt.datetime(2021, 7, 16, 0, 1, tzinfo=dt.UTC))  # 07:01 local
    assert after.date() == dt.date(2021, 7, 17)


def test_coordinator_assigns_a_lead_to_a_task_the_text_left_unassigned(plan, member, client):
    task = Task.objects.filter(plan=plan, section__code="II.1.5").first()
    assert not task.leads()
    client.force_login(member("tckh6", "coordinator", "yd-tckh"))
    response = client.post(
        reverse("plans:task_assign", args=[task.pk]), {"organisation": org("yd-ttyt").pk, "role": "lead"}
    )
    assert response.status_code == 302
    assert [o.code for o in task.leads()] == ["yd-ttyt"]
    client.force_login(member("pyt7", "department", "yd-pyt"))
    assert (
        client.post(reverse("plans:task_assign", args=[task.pk]), {"organisation": org("yd-pyt").pk}).status_code == 403
    )
