"""From an uploaded file to a reviewed plan: read txt/docx, parse, resolve bodies, save — all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dualgoal.geography.models import AdminUnit
from dualgoal.organisations.models import Organisation, OrganisationAlias
from dualgoal.organisations.selectors import alias_candidates, organisation_resolve

from .parsing import ParsedPlan, PlanParseError, parse_plan

MAX_BYTES = 5 * 1024 * 1024


def read_plan_file(name: str, data: bytes) -> str:
    """The text of a .txt or .docx plan. Raises ValidationError with a Vietnamese message naming the problem."""
    suffix = PurePath(name).suffix.lower()
    if not data:
        raise ValidationError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    if suffix == ".docx":
        return _docx_text(data)
    if suffix in {".txt", ""}:
        return _plain_text(data)
    raise ValidationError(_("Only .txt and .docx files can be imported (got “%(suffix)s”).") % {"suffix": suffix})


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The text file is not UTF-8 encoded: save it as UTF-8 and upload it again.")) from exc


def _docx_text(data: bytes) -> str:
    """Paragraphs in order; tables (the header block of most plans is one) cell by cell, left to right."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(_("This file is not a Word document (.docx), although its name says so."))
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types on damaged packages
        raise ValidationError(_("The Word document cannot be read (damaged or not a .docx file).")) from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            table = Table(block, document)
            for column in range(len(table.columns)):
                for row in table.rows:
                    cell = row.cells[column] if column < len(row.cells) else None
                    if cell is not None:
                        lines.extend(p.text for p in cell.paragraphs)
                lines.append("")
    return "\n".join(lines)


@dataclass
class BodyIndex:
    """The names a district's documents use, for the parser's `is_known_body` callback (one query, then a set)."""

    within: AdminUnit
    keys: set[str] = field(default_factory=set)

    @classmethod
    def for_unit(cls, within: AdminUnit) -> BodyIndex:
        units = [within, *within.ancestors()]
        return cls(within, set(OrganisationAlias.objects.filter(context_unit__in=units).values_list("key", flat=True)))

    def __call__(self, name: str) -> bool:
        return any(key in self.keys for key in alias_candidates(name))


def plan_parse(*, text: str, within: AdminUnit) -> dict:
    """Parse a plan text into the draft the review screen edits (the --json shape plus the header extras)."""
    try:
        parsed: ParsedPlan = parse_plan(nfc_lines(text), is_known_body=BodyIndex.for_unit(within))
    except PlanParseError as exc:
        raise ValidationError(str(exc)) from exc
    draft = parsed.to_json()
    for task, parsed_task in zip(draft["tasks"], parsed.tasks, strict=True):
        task["group"] = parsed_task.group or ""
        task["day_of_month"] = parsed_task.deadline.day_of_month if parsed_task.deadline else None
    draft.update(
        place=parsed.place or "",
        signer_title=parsed.signer_title or "",
        signer_name=parsed.signer_name or "",
        cited=parsed.cited_json(),
        subplan=parsed.subplan_json(),
    )
    return draft


def nfc_lines(text: str) -> str:
    """NFC only: runs of spaces are kept, since side-by-side header columns are told apart by them."""
    return unicodedata.normalize("NFC", text)


def names_in(draft: dict) -> list[str]:
    """Every body name the draft uses, in order of first appearance."""
    seen: dict[str, None] = {}
    for task in draft["tasks"]:
        for name in [*task["lead"], *task["support"]]:
            seen.setdefault(name, None)
    subplan = draft.get("subplan") or {}
    for name in [*subplan.get("addressees", []), *([subplan["to"]] if subplan.get("to") else [])]:
        seen.setdefault(name, None)
    return list(seen)


def resolve_names(names: list[str], *, within: AdminUnit, mapping: dict[str, int] | None = None) -> dict:
    """name -> list of organisations (a group gives all its members); a name the user mapped wins."""
    mapping = mapping or {}
    result: dict[str, list[Organisation]] = {}
    mapped = Organisation.objects.in_bulk([pk for pk in mapping.values() if pk])
    for name in names:
        if mapping.get(name):
            result[name] = [mapped[mapping[name]]]
        else:
            result[name] = organisation_resolve(name, within=within).organisations
    return result


def parse_date(value: str | None, field_label: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(
            _("%(field)s: “%(value)s” is not a date.") % {"field": field_label, "value": value}
        ) from exc


def parse_target(target: dict | None) -> tuple[Decimal | None, str, str]:
    if not target:
        return None, "", ""
    try:
        return Decimal(str(target["value"])), target.get("unit", ""), target.get("text", "")
    except (InvalidOperation, KeyError):
        return None, "", target.get("text", "")
