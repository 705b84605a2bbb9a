"""Status classes of a task as of a date (DOMAIN.md, QĐ 42/2014/QĐ-TTg practice) — pure functions.

- A one-off task is done when a report (not returned) says 100 %; it is done on time if that report is dated on or
  before the deadline. Not done: within the deadline until the deadline day (inclusive), overdue after it.
- A recurring task is judged by its latest period: the current one if it is already done, otherwise the previous
  one (done on time, done late, or overdue if nothing says 100 %); before the first period has ended, the current
  one (within the deadline). A report counts for the period it names (`period_end`, default: the period of its
  date), so a late report for last month is "done late", not this month's work.
  Daily periods end every day, weekly ones on Sunday, monthly ones on `day_of_month` (default: the month's last
  day); "continuous" tasks report monthly.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .choices import Recurrence, TaskStatus


@dataclass(frozen=True)
class ReportFact:
    reported_on: dt.date
    percent: int
    period_end: dt.date | None = None
    returned: bool = False


@dataclass(frozen=True)
class Judgement:
    status: TaskStatus
    due: dt.date | None  # the deadline judged (the period's end for recurring tasks)
    completed_on: dt.date | None
    percent: int  # the latest percent reported for what is judged


def period_end_on_or_after(day: dt.date, recurrence: str, day_of_month: int | None) -> dt.date:
    """The end of the period that contains `day`."""
    if recurrence == Recurrence.DAILY:
        return day
    if recurrence == Recurrence.WEEKLY:
        return day + dt.timedelta(days=6 - day.weekday())
    # monthly and continuous
    end = _month_day(day.year, day.month, day_of_month)
    if day <= end:
        return end
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return _month_day(year, month, day_of_month)


def _period_start(end: dt.date, recurrence: str, day_of_month: int | None) -> dt.date:
    if recurrence == Recurrence.DAILY:
        return end
    if recurrence == Recurrence.WEEKLY:
        return end - dt.timedelta(days=6)
    year, month = (end.year - 1, 12) if end.month == 1 else (end.year, end.month - 1)
    return _month_day(year, month, day_of_month) + dt.timedelta(days=1)


def _month_day(year: int, month: int, day_of_month: int | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day_of_month or last, last))


def judge(
    *,
    as_of: dt.date,
    deadline: dt.date | None,
    recurrence: str,
    day_of_month: int | None,
    reports: Iterable[ReportFact],
    starts_on: dt.date | None = None,
) -> Judgement:
    """The status class of one task on `as_of` from the reports known by then."""
    counted = [r for r in reports if not r.returned and r.reported_on <= as_of]
    if recurrence:
        return _judge_recurring(as_of, recurrence, day_of_month, counted, starts_on)
    return _judge_once(as_of, deadline, counted)


def _judge_once(as_of: dt.date, deadline: dt.date | None, reports: list[ReportFact]) -> Judgement:
    latest = max(reports, key=lambda r: r.reported_on, default=None)
    done = min((r.reported_on for r in reports if r.percent >= 100), default=None)
    percent = latest.percent if latest else 0
    if done is not None:
        on_time = deadline is None or done <= deadline
        return Judgement(TaskStatus.DONE_ON_TIME if on_time else TaskStatus.DONE_LATE, deadline, done, 100)
    late = deadline is not None and as_of > deadline
    return Judgement(TaskStatus.OVERDUE if late else TaskStatus.IN_PROGRESS, deadline, None, percent)


def _judge_recurring(
    as_of: dt.date, recurrence: str, day_of_month: int | None, reports: list[ReportFact], starts_on: dt.date | None
) -> Judgement:
    current = period_end_on_or_after(as_of, recurrence, day_of_month)
    previous = period_end_on_or_after(
        _period_start(current, recurrence, day_of_month) - dt.timedelta(days=1), recurrence, day_of_month
    )
    verdict = _period_verdict(current, recurrence, day_of_month, reports)
    if verdict.completed_on is not None:  # the current period is already done
        return verdict
    if starts_on is None or previous >= starts_on:
        return _period_verdict(previous, recurrence, day_of_month, reports, closed=True)
    return verdict  # the first period is still running


def _period_verdict(
    due: dt.date, recurrence: str, day_of_month: int | None, reports: list[ReportFact], *, closed: bool = False
) -> Judgement:
    mine = [r for r in reports if _period_of(r, recurrence, day_of_month) == due]
    done = min((r.reported_on for r in mine if r.percent >= 100), default=None)
    percent = max((r.percent for r in mine), default=0)
    if done is not None:
        return Judgement(TaskStatus.DONE_ON_TIME if done <= due else TaskStatus.DONE_LATE, due, done, 100)
    return Judgement(TaskStatus.OVERDUE if closed else TaskStatus.IN_PROGRESS, due, None, percent)


def _period_of(report: ReportFact, recurrence: str, day_of_month: int | None) -> dt.date:
    return report.period_end or period_end_on_or_after(report.reported_on, recurrence, day_of_month)
