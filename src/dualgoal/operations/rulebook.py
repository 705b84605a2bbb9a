"""The rules this module reads, with its own keys shipped in data/rules.json (loaded on first need)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dualgoal.core.rulebook import RuleNotFound, RuleValue, rule, rules_load

OWN_RULES = Path(__file__).parent / "data" / "rules.json"
OWN_PREFIXES = (
    "quarantine.cohort.",
    "quarantine.f3.self_monitoring_days",
    "followup.",
    "risk.",
)


def operations_rules_load() -> int:
    """Load this module's rule versions (idempotent: versions already present are left alone)."""
    return rules_load(path=OWN_RULES)


def op_rule(key: str, *, on: dt.date) -> RuleValue:
    """`core.rulebook.rule`, loading this module's own keys the first time one is missing."""
    try:
        return rule(key, on=on)
    except RuleNotFound:
        if not key.startswith(OWN_PREFIXES):
            raise
        operations_rules_load()
        return rule(key, on=on)


def required_rule(key: str, *, on: dt.date, field: str) -> RuleValue:
    """The rule in force, or a ValidationError on `field` saying no rule covers that date."""
    try:
        return op_rule(key, on=on)
    except RuleNotFound as exc:
        raise ValidationError(
            {
                field: _("No rule “%(key)s” is in force on %(day)s: the dates cannot be computed.")
                % {"key": key, "day": f"{on:%d/%m/%Y}"}
            }
        ) from exc


def optional_rule(key: str, *, on: dt.date) -> RuleValue | None:
    try:
        return op_rule(key, on=on)
    except RuleNotFound:
        return None
