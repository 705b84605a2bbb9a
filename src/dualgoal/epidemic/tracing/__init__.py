"""Time-respecting F-level tracing: a pure numpy engine (no Django) and a plain-Python reference.

Public API::

    from dualgoal.epidemic.tracing import (
        TracingEngine, trace, explain, diff, reference_trace,
        Contacts, Attendance, Sources, TracingResult, Changes, Step, NEVER,
    )
"""

from .engine import TracingEngine, diff, trace
from .explain import explain, explain_arrays, explain_many
from .reference import reference_trace
from .types import (
    MAX_DAY,
    MIN_DAY,
    NEVER,
    UNTRACED,
    Attendance,
    Changes,
    Contacts,
    LevelChange,
    Sources,
    Step,
    TracingResult,
)

__all__ = [
    "MAX_DAY",
    "MIN_DAY",
    "NEVER",
    "UNTRACED",
    "Attendance",
    "Changes",
    "Contacts",
    "LevelChange",
    "Sources",
    "Step",
    "TracingEngine",
    "TracingResult",
    "diff",
    "explain",
    "explain_arrays",
    "explain_many",
    "reference_trace",
    "trace",
]
