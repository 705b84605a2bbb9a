"""The system's "today": the real date, or a fixed date for the demo (DUALGOAL_TODAY=2021-07-15 in `make run`).

Every service and selector that judges deadlines asks `today()`, so the demo data (June–July 2021) reads as it
did then: tasks due in July 2021 are "within the deadline", not five years overdue.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    fixed = getattr(settings, "DUALGOAL_TODAY", "")
    return dt.date.fromisoformat(fixed) if fixed else timezone.localdate()
