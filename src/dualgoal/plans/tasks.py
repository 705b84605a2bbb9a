"""Background tasks (django-tasks): run by `dualgoal db_worker`, or in-process in the embedded default."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import default_task_backend, task

from .services import reminders_send

REMINDER_HOUR = 7  # local time: reminders reach officials at the start of the working day


@task()
def send_reminders_task(reschedule: bool = False) -> dict[str, int]:
    """Send the reminders; with `reschedule`, queue the next run for tomorrow morning (a daily schedule kept by
    the worker itself, no cron needed)."""
    sent = reminders_send()
    if reschedule and default_task_backend.supports_defer:
        send_reminders_task.using(run_after=next_morning()).enqueue(reschedule=True)
    return sent


def next_morning(now: dt.datetime | None = None) -> dt.datetime:
    """The next REMINDER_HOUR o'clock, local time, strictly after `now`."""
    local = timezone.localtime(now)
    candidate = timezone.make_aware(dt.datetime.combine(local.date(), dt.time(REMINDER_HOUR)))
    return candidate if candidate > local else candidate + dt.timedelta(days=1)
