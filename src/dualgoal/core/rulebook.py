"""Rules are data: one read function, one write service.

    >>> rule("quarantine.f1.facility_days", on=date(2021, 7, 10)).value
    21

The value comes back with its legal source so that any refusal or derivation can cite it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Confidence, Rule

SEED = Path(__file__).parent / "data" / "rules.json"


class RuleNotFound(LookupError):
    pass


@dataclass(frozen=True)
class RuleValue:
    key: str
    value: Any
    source: str
    valid_from: dt.date
    valid_to: dt.date | None
    confidence: str

    def cite(self) -> str:
        """ "theo CV 5599/BYT-MT (hiệu lực từ 14/07/2021)" — for messages that refuse or derive something."""
        return _("per %(source)s (in force from %(start)s)") % {
            "source": self.source,
            "start": self.valid_from.strftime("%d/%m/%Y"),
        }


def rule(key: str, *, on: dt.date) -> RuleValue:
    """The version of rule `key` in force on `on` (inclusive bounds). Raises RuleNotFound if none."""
    found = (
        Rule.objects.filter(key=key, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )
    if found is None:
        raise RuleNotFound(_("No rule “%(key)s” is in force on %(day)s.") % {"key": key, "day": f"{on:%d/%m/%Y}"})
    return RuleValue(
        key=found.key,
        value=found.value,
        source=found.source,
        valid_from=found.valid_from,
        valid_to=found.valid_to,
        confidence=found.confidence,
    )


def overlapping_versions(*, key: str, valid_from: dt.date, valid_to: dt.date | None, exclude_pk=None):
    """Versions of `key` whose period shares at least one day with [valid_from, valid_to]."""
    qs = Rule.objects.filter(key=key).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        qs = qs.filter(valid_from__lte=valid_to)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs


@transaction.atomic
def rule_add_version(
    *,
    key: str,
    value: Any,
    valid_from: dt.date,
    valid_to: dt.date | None,
    source: str,
    confidence: str = Confidence.VERIFIED,
    note: str = "",
    close_current: bool = False,
) -> Rule:
    """Add a version of a rule. Refuses a period that overlaps an existing version, naming it.

    With `close_current`, the version in force that starts earlier (open-ended or running past `valid_from`) is
    first ended on the day before `valid_from` — the usual way a new legal text replaces an old one.
    """
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date must not be before the start date.")})
    if close_current:
        current = (
            overlapping_versions(key=key, valid_from=valid_from, valid_to=valid_from)
            .filter(valid_from__lt=valid_from)
            .select_for_update()
            .first()
        )
        if current is not None:
            current.valid_to = valid_from - dt.timedelta(days=1)
            current.save(update_fields=["valid_to", "updated_at"])
    clash = overlapping_versions(key=key, valid_from=valid_from, valid_to=valid_to).select_for_update().first()
    if clash is not None:
        end = clash.valid_to.strftime("%d/%m/%Y") if clash.valid_to else _("open-ended")
        raise ValidationError(
            {
                "valid_from": _(
                    "This period overlaps the version in force from %(start)s to %(end)s (%(source)s). "
                    "Close that version first or choose dates outside it."
                )
                % {"start": clash.valid_from.strftime("%d/%m/%Y"), "end": end, "source": clash.source}
            }
        )
    return Rule.objects.create(
        key=key,
        value=value,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        confidence=confidence,
        note=note,
    )


@transaction.atomic
def rules_load(*, path: Path = SEED) -> int:
    """Load the seed rules (DOMAIN.md and the seed plan); versions already present are left alone. Idempotent."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))["rules"]
    created = 0
    for row in rows:
        start = dt.date.fromisoformat(row["valid_from"])
        if Rule.objects.filter(key=row["key"], valid_from=start).exists():
            continue
        rule_add_version(
            key=row["key"],
            value=row["value"],
            valid_from=start,
            valid_to=dt.date.fromisoformat(row["valid_to"]) if row.get("valid_to") else None,
            source=row["source"],
            confidence=row.get("confidence", Confidence.VERIFIED),
            note=row.get("note", ""),
        )
        created += 1
    return created
