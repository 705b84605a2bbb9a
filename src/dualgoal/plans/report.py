"""The coordinator's periodic summary report of a plan: DOCX per Decree 30/2020 and the same table as XLSX."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from dualgoal.core.documents import OfficialHeader, Signature, Table, decree30_docx, xlsx_tables

from . import selectors
from .choices import TaskStatus
from .models import Plan, Task

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = ["STT", "Mục", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ (%)", "Tình trạng"]


def plan_report(*, plan: Plan, user, as_of: dt.date, fmt: str) -> tuple[bytes, str]:
    """An official document is Vietnamese whatever language the screen is in."""
    with translation.override("vi"):
        return _plan_report(plan=plan, user=user, as_of=as_of, fmt=fmt)


def _plan_report(*, plan: Plan, user, as_of: dt.date, fmt: str) -> tuple[bytes, str]:
    tasks = list(selectors.tasks_with_relations(Task.objects.visible_to(user).filter(plan=plan)))
    statuses = selectors.task_statuses(tasks, as_of=as_of)
    table, counts = _task_table(tasks, statuses)
    if fmt == "xlsx":
        overdue = Table(
            title="",
            columns=COLUMNS,
            rows=[r for i, r in enumerate(table.rows) if i in table.highlight_rows],
            highlight_rows=frozenset(),
        )
        return xlsx_tables(
            title=f"Kết quả thực hiện {plan.title} (đến ngày {as_of:%d/%m/%Y})",
            sheets=[("Nhiệm vụ", table), ("Quá hạn", overdue)],
        ), XLSX
    if fmt != "docx":
        raise ValueError(fmt)
    return decree30_docx(
        header=_header(plan, as_of),
        body=_body(plan, as_of, counts, table),
        recipients=_recipients(),
        signature=_signature(plan),
    ), DOCX


def _task_table(tasks: list[Task], statuses) -> tuple[Table, selectors.StatusCount]:
    rows, highlight, counts = [], set(), selectors.StatusCount()
    for number, task in enumerate(tasks, start=1):
        judgement = statuses[task.pk]
        counts.add(judgement.status)
        leads = ", ".join(o.short_name or o.name for o in task.leads()) or ", ".join(task.unresolved_names)
        due = judgement.due.strftime("%d/%m/%Y") if judgement.due else (task.get_recurrence_display() or "—")
        rows.append(
            [
                number,
                task.section.code,
                task.text,
                leads,
                due,
                judgement.percent,
                str(TaskStatus(judgement.status).label),
            ]
        )
        if judgement.status == TaskStatus.OVERDUE:
            highlight.add(number - 1)
    table = Table(
        title="",
        columns=COLUMNS,
        rows=rows,
        widths_cm=[1.0, 1.4, 6.2, 3.0, 2.0, 1.4, 2.6],
        highlight_rows=frozenset(highlight),
    )
    return table, counts


def _header(plan: Plan, as_of: dt.date) -> OfficialHeader:
    unit = plan.admin_unit
    body = plan.coordinator or plan.issuer
    title = plan.title[0].lower() + plan.title[1:]
    return OfficialHeader(
        issuer_parent=f"UBND {unit.kind} {unit.short_name}".upper() if plan.coordinator else "",
        issuer=(body.name if body else f"UBND {unit.kind} {unit.short_name}").upper(),
        number="Số:      /BC-" + _abbreviation(plan.coordinator),
        place=plan.place or unit.short_name,
        date=as_of,
        doc_type="BÁO CÁO",
        summary=f"Kết quả thực hiện {title}" + (f" số {plan.number}" if plan.number else ""),
    )


def _abbreviation(organisation) -> str:
    """The symbol of a body in document numbers: "Phòng TC-KH" -> "TCKH"."""
    if organisation is None or not organisation.short_name:
        return "UBND"
    return organisation.short_name.removeprefix("Phòng ").replace("-", "").replace(" ", "").upper()


def _body(plan: Plan, as_of: dt.date, counts: selectors.StatusCount, table: Table) -> list:
    done_on_time, done_late = counts.of(TaskStatus.DONE_ON_TIME), counts.of(TaskStatus.DONE_LATE)
    return [
        f"Thực hiện {plan.title}"
        + (f" số {plan.number}" if plan.number else "")
        + (f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else "")
        + f", tổng hợp kết quả thực hiện đến ngày {as_of:%d/%m/%Y} như sau:",
        f"1. Tổng số nhiệm vụ: {counts.total}; hoàn thành đúng hạn: {done_on_time}; hoàn thành quá hạn: {done_late}; "
        f"chưa hoàn thành trong hạn: {counts.of(TaskStatus.IN_PROGRESS)}; chưa hoàn thành quá hạn: {counts.overdue}.",
        "2. Kết quả thực hiện từng nhiệm vụ (các nhiệm vụ chưa hoàn thành quá hạn in đậm):",
        table,
        "3. Đề nghị các cơ quan, đơn vị có nhiệm vụ chưa hoàn thành quá hạn khẩn trương thực hiện, báo cáo kết quả "
        "về cơ quan tổng hợp.",
    ]


def _recipients() -> list[str]:
    return [
        "Thường trực Huyện ủy (b/c)",
        "Chủ tịch, các PCT UBND huyện (b/c)",
        "Các cơ quan, đơn vị thuộc UBND huyện",
        "UBND các xã, thị trấn",
        "Lưu: VT",
    ]


def _signature(plan: Plan) -> Signature:
    if plan.coordinator:
        return Signature(authority="TRƯỞNG PHÒNG", title="", name="")
    return Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name=plan.signer_name)
