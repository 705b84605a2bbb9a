"""The rules this module reads, with its own keys shipped in data/rules.json (loaded on first need).

- ``enforcement.acts``: the acts of Decree 117/2020/NĐ-CP used during Covid-19 with their article and fine range
  (for an individual; an organisation pays the multiplier), plus the free "other act".
- ``enforcement.publication``: what the public list of sanctions may show, and for how long.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dualgoal.core.rulebook import RuleNotFound, RuleValue, rule, rules_load

OWN_RULES = Path(__file__).parent / "data" / "rules.json"
OWN_PREFIXES = ("enforcement.",)
ACTS = "enforcement.acts"
PUBLICATION = "enforcement.publication"
OTHER = "other"


def enforcement_rules_load() -> int:
    """Load this module's rule versions (idempotent: versions already present are left alone)."""
    return rules_load(path=OWN_RULES)


def en_rule(key: str, *, on: dt.date) -> RuleValue:
    """`core.rulebook.rule`, loading this module's own keys the first time one is missing."""
    try:
        return rule(key, on=on)
    except RuleNotFound:
        if not key.startswith(OWN_PREFIXES):
            raise
        enforcement_rules_load()
        return rule(key, on=on)


def required_rule(key: str, *, on: dt.date, field: str) -> RuleValue:
    try:
        return en_rule(key, on=on)
    except RuleNotFound as exc:
        raise ValidationError(
            {field: _("No rule “%(key)s” is in force on %(day)s.") % {"key": key, "day": f"{on:%d/%m/%Y}"}}
        ) from exc


@dataclass(frozen=True)
class Act:
    code: str
    label: str
    article: str
    fine_min: int | None
    fine_max: int | None
    offenders: tuple[str, ...]
    confidence: str
    rule: RuleValue

    @property
    def is_other(self) -> bool:
        return self.code == OTHER

    def fine_range(self, offender_kind: str) -> tuple[int, int] | None:
        if self.fine_min is None or self.fine_max is None:
            return None
        factor = 1
        if offender_kind == "enterprise":
            factor = int(self.rule.value.get("organisation_multiplier", 1))
        return self.fine_min * factor, self.fine_max * factor


def acts_on(day: dt.date) -> list[Act]:
    """The acts of the version in force on `day` (the "other act" last); [] when no version covers the day."""
    try:
        found = en_rule(ACTS, on=day)
    except RuleNotFound:
        return []
    acts = [
        Act(
            code=item["code"],
            label=item["label"],
            article=item.get("article", ""),
            fine_min=item.get("fine_min"),
            fine_max=item.get("fine_max"),
            offenders=tuple(item.get("offenders", ("person", "enterprise"))),
            confidence=item.get("confidence", found.confidence),
            rule=found,
        )
        for item in found.value.get("acts", [])
    ]
    other = found.value.get("other", {})
    acts.append(
        Act(
            code=OTHER,
            label=other.get("label", _("Other act")),
            article="",
            fine_min=None,
            fine_max=None,
            offenders=("person", "enterprise"),
            confidence=found.confidence,
            rule=found,
        )
    )
    return acts


def act_for(code: str, *, on: dt.date, field: str = "act_code") -> Act:
    """The act `code` as the rule in force on `on` defines it, or a ValidationError citing the rule."""
    found = required_rule(ACTS, on=on, field=field)
    for act in acts_on(on):
        if act.code == code:
            return act
    raise ValidationError(
        {field: _("The act “%(code)s” is not in the list of acts %(cite)s.") % {"code": code, "cite": found.cite()}}
    )


def all_act_choices() -> list[tuple[str, str]]:
    """Every act code known in any version (for filters), most recent label first."""
    from dualgoal.core.models import Rule

    enforcement_rules_load() if not Rule.objects.filter(key=ACTS).exists() else None
    seen: dict[str, str] = {}
    for version in Rule.objects.filter(key=ACTS).order_by("-valid_from"):
        for item in version.value.get("acts", []):
            seen.setdefault(item["code"], item["label"])
    seen.setdefault(OTHER, _("Other act"))
    return list(seen.items())
