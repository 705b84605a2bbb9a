"""The rules the commune levels read: `epidemic_level.thresholds` and `venue.capacity_max_percent` (core seed), and
this module's own keys in data/rules.json (loaded on first need): the vaccination adjustment and the per-level
venue caps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dualgoal.core.rulebook import RuleNotFound, RuleValue, rule, rules_load

OWN_RULES = Path(__file__).parent / "data" / "rules.json"
OWN_KEYS = ("epidemic_level.vaccination_adjustment", "venue.capacity_by_level")

THRESHOLDS = "epidemic_level.thresholds"
ADJUSTMENT = "epidemic_level.vaccination_adjustment"
VENUE_CEILING = "venue.capacity_max_percent"
VENUE_CAPS = "venue.capacity_by_level"


def levels_rules_load() -> int:
    """Load this module's rule versions (idempotent: versions already present are left alone)."""
    return rules_load(path=OWN_RULES)


def levels_rule(key: str, *, on: dt.date) -> RuleValue:
    """`core.rulebook.rule`, loading this module's own keys the first time one is missing."""
    try:
        return rule(key, on=on)
    except RuleNotFound:
        if key not in OWN_KEYS:
            raise
        from dualgoal.core.models import Rule

        if Rule.objects.filter(key=key).exists():
            raise
        levels_rules_load()
        return rule(key, on=on)


def optional_rule(key: str, *, on: dt.date) -> RuleValue | None:
    try:
        return levels_rule(key, on=on)
    except RuleNotFound:
        return None


def next_version(key: str, *, after: dt.date):
    """The first version of `key` starting after `after` (to say from when a rule applies), or None."""
    from dualgoal.core.models import Rule

    return Rule.objects.filter(key=key, valid_from__gt=after).order_by("valid_from").first()


def caps_by_level(value) -> dict[int, float]:
    return {int(k): float(v) for k, v in (value or {}).items() if str(k).isdigit()}
