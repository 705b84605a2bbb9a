import datetime as dt

from dualgoal.core.testing import ScopeCase
from dualgoal.plans.models import Assignment, Plan, ProgressReport, Section, SubPlan, Task


def make_plan(world, commune):
    return Plan.objects.create(title=f"Kế hoạch của {commune.name}", admin_unit=commune, issued_on=dt.date(2021, 6, 25))


def make_section(world, commune):
    return Section.objects.create(plan=make_plan(world, commune), code="I", title="Nội dung", order=1)


def committee_of(world, commune):
    return world.committee_a if commune == world.commune_a else world.committee_b


def make_task(world, commune):
    section = make_section(world, commune)
    task = Task.objects.create(plan=section.plan, section=section, text=f"Nhiệm vụ của {commune.name}", order=1)
    Assignment.objects.create(task=task, organisation=committee_of(world, commune), role="lead")
    return task


def make_subplan(world, commune):
    return SubPlan.objects.create(
        plan=make_plan(world, commune), organisation=committee_of(world, commune), due=dt.date(2021, 6, 30)
    )


def make_report(world, commune):
    task = make_task(world, commune)
    return ProgressReport.objects.create(
        task=task,
        organisation=committee_of(world, commune),
        reported_on=dt.date(2021, 7, 1),
        percent=50,
        text="Đang thực hiện",
    )


CASES = [
    ScopeCase(Plan, make_plan, api_basename="plan"),
    ScopeCase(Section, make_section),
    ScopeCase(Task, make_task, api_basename="task"),
    ScopeCase(SubPlan, make_subplan, api_basename="subplan"),
    ScopeCase(ProgressReport, make_report, api_basename="progressreport"),
]
