"""Result dataclasses of the plan parser and their JSON form (the `import_plan --json` contract)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .deadlines import Deadline
from .header import CitedDocument
from .targets import Target


class PlanParseError(ValueError):
    """The text is not a plan the parser can read; the message is Vietnamese and shown to the user as is."""


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class ParsedSection:
    """A numbered heading: code ("II.2.3"), its heading sentence, parent code and depth (0 = roman part)."""

    code: str
    title: str
    parent: str | None = None
    level: int = 0
    heading: str = ""  # the whole heading text, which for some items is the task itself

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "title": self.title}


@dataclass
class ParsedTask:
    """One trackable task. `group` is the "+" header it sits under (context only, not in the JSON)."""

    section: str
    text: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    target: Target | None = None
    group: str | None = None

    @property
    def deadline_date(self) -> dt.date | None:
        return self.deadline.date if self.deadline else None

    @property
    def recurrence(self) -> str | None:
        return self.deadline.recurrence if self.deadline else None

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "text": self.text,
            "lead": list(self.lead),
            "support": list(self.support),
            "deadline": _iso(self.deadline_date),
            "deadline_text": self.deadline.text if self.deadline else None,
            "recurrence": self.recurrence,
            "target": self.target.to_json() if self.target else None,
        }


@dataclass
class ParsedPlan:
    """Everything read from one plan text. `to_json()` is exactly the importer's --json shape; the other
    fields (place, signer, cited documents, sub-plan requirement) have their own accessors."""

    title: str | None = None
    number: str | None = None
    issuer: str | None = None
    issuer_lines: list[str] = field(default_factory=list)
    issued_on: dt.date | None = None
    place: str | None = None
    signer_title: str | None = None
    signer_name: str | None = None
    cited: list[CitedDocument] = field(default_factory=list)
    sections: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    subplan_due: dt.date | None = None
    subplan_to: str | None = None
    subplan_addressees: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "number": self.number,
            "issuer": self.issuer,
            "issued_on": _iso(self.issued_on),
            "sections": [section.to_json() for section in self.sections],
            "tasks": [task.to_json() for task in self.tasks],
            "unresolved": list(self.unresolved),
        }

    def subplan_json(self) -> dict[str, Any] | None:
        """The sub-plan requirement ("each body sends its own plan by …"), or None if the plan sets none."""
        if self.subplan_due is None and not self.subplan_addressees:
            return None
        return {
            "due": _iso(self.subplan_due),
            "to": self.subplan_to,
            "addressees": list(self.subplan_addressees),
        }

    def cited_json(self) -> list[dict[str, str | None]]:
        return [document.to_json() for document in self.cited]

    def section(self, code: str) -> ParsedSection | None:
        return next((section for section in self.sections if section.code == code), None)

    def tasks_in(self, code: str) -> list[ParsedTask]:
        """Tasks of a section and of its subsections ("II.2" also returns those of "II.2.3")."""
        return [task for task in self.tasks if task.section == code or task.section.startswith(code + ".")]
