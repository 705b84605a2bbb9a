"""Pure parsing core of the plan importer: Vietnamese plan texts -> sections, tasks, bodies and deadlines.

No Django here: the importer command and the upload screen call `parse_plan` and map names to
organisations through the `is_known_body` callback.
"""

from .deadlines import RECURRENCES, Deadline, DeadlineParseError, find_deadline, parse_deadline
from .header import CitedDocument
from .model import ParsedPlan, ParsedSection, ParsedTask, PlanParseError
from .structure import parse_plan
from .targets import Target, find_target

__all__ = [
    "RECURRENCES",
    "CitedDocument",
    "Deadline",
    "DeadlineParseError",
    "ParsedPlan",
    "ParsedSection",
    "ParsedTask",
    "PlanParseError",
    "Target",
    "find_deadline",
    "find_target",
    "parse_deadline",
    "parse_plan",
]
