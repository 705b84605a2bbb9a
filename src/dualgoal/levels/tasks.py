"""Background task (django-tasks): compute the week that has just ended, every Monday morning."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import default_task_backend, task

COMPUTE_HOUR = 6  # local time, Monday: the levels are ready when the offices open


@task()
def compute_levels_task(reschedule: bool = False, week: str = "") -> dict:
    """Compute the levels of `week` (ISO date of its Monday; default: the last complete week). With `reschedule`,
    queue the next run for next Monday morning (a weekly schedule kept by the worker itself, no cron needed)."""
    from dualgoal.core.clock import today

    from .selectors import week_monday
    from .services import levels_compute

    week_start = dt.date.fromisoformat(week) if week else week_monday(today()) - dt.timedelta(days=7)
    try:
        result = levels_compute(week_start=week_start).as_dict()
        result = {k: result[k] for k in ("week_start", "created", "updated", "unchanged", "notified")}
    except ValidationError as exc:
        result = {"week_start": week_start.isoformat(), "refused": " ".join(exc.messages)}
    if reschedule and default_task_backend.supports_defer:
        compute_levels_task.using(run_after=next_monday_morning()).enqueue(reschedule=True)
    return result


def next_monday_morning(now: dt.datetime | None = None) -> dt.datetime:
    """The next Monday at COMPUTE_HOUR o'clock, local time, strictly after `now`."""
    local = timezone.localtime(now)
    monday = local.date() - dt.timedelta(days=local.weekday())
    candidate = timezone.make_aware(dt.datetime.combine(monday, dt.time(COMPUTE_HOUR)))
    return candidate if candidate > local else candidate + dt.timedelta(days=7)
