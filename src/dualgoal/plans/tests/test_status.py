"""Status classes as of a date (pure): boundaries, returned reports, recurring periods."""

import datetime as dt

import pytest

from dualgoal.plans.choices import TaskStatus as S
from dualgoal.plans.status import ReportFact, judge, period_end_on_or_after

D = dt.date
DEADLINE = D(2021, 7, 31)


def once(as_of, *reports):
    return judge(as_of=as_of, deadline=DEADLINE, recurrence="", day_of_month=None, reports=reports)


@pytest.mark.parametrize(
    ("as_of", "reports", "expected"),
    [
        (D(2021, 7, 31), [], S.IN_PROGRESS),  # the deadline day itself is still within the deadline
        (D(2021, 8, 1), [], S.OVERDUE),
        (D(2021, 8, 1), [ReportFact(D(2021, 7, 20), 60)], S.OVERDUE),
        (D(2021, 8, 5), [ReportFact(D(2021, 7, 31), 100)], S.DONE_ON_TIME),
        (D(2021, 8, 5), [ReportFact(D(2021, 8, 2), 100)], S.DONE_LATE),
        (D(2021, 7, 20), [ReportFact(D(2021, 8, 2), 100)], S.IN_PROGRESS),  # a later report is not known yet
        (D(2021, 8, 5), [ReportFact(D(2021, 7, 30), 100, returned=True)], S.OVERDUE),  # returned: does not count
    ],
)
def test_one_off_task(as_of, reports, expected):
    assert once(as_of, *reports).status == expected


def test_no_deadline_never_overdue():
    judgement = judge(as_of=D(2030, 1, 1), deadline=None, recurrence="", day_of_month=None, reports=[])
    assert judgement.status == S.IN_PROGRESS


def test_latest_percent_is_reported():
    judgement = once(D(2021, 7, 20), ReportFact(D(2021, 7, 1), 30), ReportFact(D(2021, 7, 15), 70))
    assert judgement.percent == 70


def monthly(as_of, *reports, day=25, starts=D(2021, 6, 25)):
    return judge(as_of=as_of, deadline=None, recurrence="monthly", day_of_month=day, reports=reports, starts_on=starts)


def test_monthly_task_judged_by_its_latest_period():
    # Periods end on the 25th. On 10/8 the latest ended period is the one ending 25/7.
    assert monthly(D(2021, 8, 10)).status == S.OVERDUE
    assert monthly(D(2021, 8, 10)).due == D(2021, 7, 25)
    assert monthly(D(2021, 8, 10), ReportFact(D(2021, 7, 24), 100)).status == S.DONE_ON_TIME
    late = monthly(D(2021, 8, 10), ReportFact(D(2021, 7, 28), 100, period_end=D(2021, 7, 25)))
    assert (late.status, late.completed_on) == (S.DONE_LATE, D(2021, 7, 28))
    # The current period (ending 25/8) already done: judged on it.
    current = monthly(D(2021, 8, 10), ReportFact(D(2021, 8, 9), 100))
    assert (current.status, current.due) == (S.DONE_ON_TIME, D(2021, 8, 25))


def test_first_period_still_running_is_within_the_deadline():
    judgement = monthly(D(2021, 7, 10), starts=D(2021, 6, 30))
    assert (judgement.status, judgement.due) == (S.IN_PROGRESS, D(2021, 7, 25))


def test_daily_and_weekly_periods():
    assert period_end_on_or_after(D(2021, 7, 14), "daily", None) == D(2021, 7, 14)
    assert period_end_on_or_after(D(2021, 7, 14), "weekly", None) == D(2021, 7, 18)  # a Sunday
    assert period_end_on_or_after(D(2021, 2, 10), "monthly", 31) == D(2021, 2, 28)
    assert period_end_on_or_after(D(2021, 12, 26), "monthly", 25) == D(2022, 1, 25)
    daily = judge(
        as_of=D(2021, 7, 14),
        deadline=None,
        recurrence="daily",
        day_of_month=None,
        reports=[ReportFact(D(2021, 7, 13), 100)],
        starts_on=D(2021, 7, 1),
    )
    assert daily.status == S.DONE_ON_TIME  # yesterday's report, today not yet done
    missed = judge(
        as_of=D(2021, 7, 14), deadline=None, recurrence="daily", day_of_month=None, reports=[], starts_on=D(2021, 7, 1)
    )
    assert (missed.status, missed.due) == (S.OVERDUE, D(2021, 7, 13))
