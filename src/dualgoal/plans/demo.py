"""Demo: the seed plan imported from its text, with a believable spread of sub-plans and progress reports."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from dualgoal.core.demo import register_demo_loader

SEED = Path(__file__).parent / "data" / "ke-hoach-khoi-phuc-kt-xh-yen-dung-2021.txt"
# The seed carries no header block; it cites notices of 22 and 24/6/2021 and sets sub-plans due 30/6/2021.
SEED_ISSUED_ON = dt.date(2021, 6, 25)
DEMO_AS_OF = dt.date(2021, 7, 15)


@register_demo_loader("Kế hoạch khôi phục KT-XH huyện Yên Dũng và tiến độ thực hiện", order=60)
def load_seed_plan() -> str:
    from dualgoal.geography.selectors import YEN_DUNG_CODE, unit_by_code

    from .importing import plan_parse
    from .models import Plan
    from .services import plan_save

    if Plan.objects.filter(source_name=SEED.name).exists():
        return "đã có"
    within = unit_by_code(YEN_DUNG_CODE)
    text = SEED.read_text(encoding="utf-8")
    draft = plan_parse(text=text, within=within)
    draft["issued_on"] = SEED_ISSUED_ON.isoformat()
    draft["place"] = draft.get("place") or "Yên Dũng"
    plan = plan_save(draft=draft, within=within, source_name=SEED.name, source_text=text)
    reports = _spread_progress(plan)
    return f"{plan.tasks.count()} nhiệm vụ, {plan.subplans.count()} kế hoạch đơn vị, {reports} báo cáo tiến độ"


def _spread_progress(plan) -> int:
    """Sub-plans and reports as they stood in mid-July 2021: most on time, some late, some missing, one returned."""
    from django.utils import timezone

    from dualgoal.accounts.models import User

    from .choices import AssignmentRole, ReviewStatus
    from .models import ProgressReport

    rng = random.Random(2021)
    coordinator = User.objects.filter(username="tckh").first()
    for subplan in plan.subplans.order_by("organisation__code"):
        roll = rng.random()
        if roll < 0.65:
            subplan.submitted_on = dt.date(2021, 6, rng.randint(27, 30))
        elif roll < 0.85:
            subplan.submitted_on = dt.date(2021, 7, rng.randint(1, 8))
        else:
            continue
        subplan.number = f"{rng.randint(10, 150)}/KH-{(subplan.organisation.short_name or 'UBND').split()[-1][:8]}"
        subplan.note = "Kế hoạch triển khai thực hiện của đơn vị"
        subplan.review = ReviewStatus.ACCEPTED if roll < 0.5 else ReviewStatus.SUBMITTED
        subplan.save()

    created = []
    for task in plan.tasks.prefetch_related("assignments__organisation").order_by("order"):
        leads = [a.organisation for a in task.assignments.all() if a.role == AssignmentRole.LEAD]
        if not leads:
            continue
        lead = leads[0]
        author = User.objects.filter(memberships__organisation=lead).first()
        for report in _reports_for(task, rng):
            created.append(ProgressReport(task=task, organisation=lead, author=author, **report))
    ProgressReport.objects.bulk_create(created)
    reviewed = [r for r in created if r.reported_on <= dt.date(2021, 7, 10)]
    for index, report in enumerate(reviewed):
        report.reviewed_by, report.reviewed_at = coordinator, timezone.now()
        report.review = ReviewStatus.RETURNED if index == 3 else ReviewStatus.ACCEPTED
        if index == 3:
            report.review_reason = "Đề nghị bổ sung số liệu cụ thể và tài liệu kèm theo."
        report.save()
    return len(created)


def _reports_for(task, rng: random.Random) -> list[dict]:
    text = "Đã triển khai; đang tổ chức thực hiện theo kế hoạch."
    if task.recurrence:  # June's period: done on time, done late, or not reported
        roll = rng.random()
        if roll < 0.6:
            return [
                {
                    "reported_on": dt.date(2021, 6, 30),
                    "period_end": dt.date(2021, 6, 30),
                    "percent": 100,
                    "text": "Hoàn thành nhiệm vụ tháng 6/2021.",
                }
            ]
        if roll < 0.8:
            return [
                {
                    "reported_on": dt.date(2021, 7, rng.randint(2, 9)),
                    "period_end": dt.date(2021, 6, 30),
                    "percent": 100,
                    "text": "Hoàn thành nhiệm vụ tháng 6/2021 (báo cáo muộn).",
                }
            ]
        return []
    if task.deadline is None:
        roll = rng.random()
        if roll < 0.3:
            return [{"reported_on": dt.date(2021, 7, rng.randint(1, 14)), "percent": 100, "text": "Đã hoàn thành."}]
        if roll < 0.7:
            return [
                {"reported_on": dt.date(2021, 7, rng.randint(1, 14)), "percent": rng.choice([20, 40, 60]), "text": text}
            ]
        return []
    first = {"reported_on": dt.date(2021, 6, rng.randint(28, 30)), "percent": rng.choice([10, 20, 30]), "text": text}
    second = {
        "reported_on": dt.date(2021, 7, rng.randint(5, 14)),
        "percent": rng.choice([40, 60, 80, 90]),
        "text": "Đã hoàn thành phần lớn khối lượng; tiếp tục đẩy nhanh tiến độ.",
    }
    return [first, second] if rng.random() < 0.7 else [first]
