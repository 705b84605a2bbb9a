"""The vaccination rules, read through `core.rulebook.rule` (the rule data lives in core/data/rules.json):

- `vaccination.priority_groups`: Resolution 21/NQ-CP's 9 groups (order, code, label, members);
- `vaccination.min_age_years`: the minimum age;
- `vaccination.products`: code, label, approved_on, doses, interval_days {min, max};
- `vaccination.dose2_mix`: dose 2 with the same product, except the allowed (first, second) pairs;
- `vaccination.defer_active_case` (this module's own key, data/rules.json): no dose for an F0 under treatment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dualgoal.core.models import Rule
from dualgoal.core.rulebook import RuleNotFound, RuleValue, rule, rules_load

GROUPS = "vaccination.priority_groups"
MIN_AGE = "vaccination.min_age_years"
PRODUCTS = "vaccination.products"
DOSE2_MIX = "vaccination.dose2_mix"
DEFER_CASE = "vaccination.defer_active_case"
OWN_RULES = Path(__file__).parent / "data" / "rules.json"
OWN_KEYS = (DEFER_CASE,)

_labels: dict[tuple[str, str], str] = {}


def vaccination_rules_load() -> int:
    """Load this module's own rule versions (idempotent)."""
    return rules_load(path=OWN_RULES)


def vac_rule(key: str, *, on: dt.date) -> RuleValue:
    """`core.rulebook.rule`, loading this module's own keys the first time one is missing."""
    try:
        return rule(key, on=on)
    except RuleNotFound:
        if key not in OWN_KEYS:
            raise
        vaccination_rules_load()
        return rule(key, on=on)


def optional_rule(key: str, *, on: dt.date) -> RuleValue | None:
    try:
        return vac_rule(key, on=on)
    except RuleNotFound:
        return None


def required_rule(key: str, *, on: dt.date, field: str) -> RuleValue:
    """The rule in force, or a ValidationError on `field` saying that no version covers the date."""
    try:
        return vac_rule(key, on=on)
    except RuleNotFound as exc:
        raise ValidationError(
            {field: _("No rule “%(key)s” is in force on %(day)s.") % {"key": key, "day": f"{on:%d/%m/%Y}"}}
        ) from exc


def products(*, on: dt.date) -> list[dict]:
    found = optional_rule(PRODUCTS, on=on)
    return list(found.value) if found else []


def approved_products(*, on: dt.date) -> list[dict]:
    """Products whose `approved_on` is on or before `on`."""
    return [p for p in products(on=on) if dt.date.fromisoformat(p["approved_on"]) <= on]


def product(code: str, *, on: dt.date) -> dict | None:
    return next((p for p in products(on=on) if p["code"] == code), None)


def product_choices(*, on: dt.date) -> list[tuple[str, str]]:
    return [(p["code"], p["label"]) for p in approved_products(on=on)]


def groups(*, on: dt.date) -> list[dict]:
    found = optional_rule(GROUPS, on=on)
    return sorted(found.value, key=lambda g: g["order"]) if found else []


def group_choices(*, on: dt.date) -> list[tuple[str, str]]:
    return [(g["code"], f"{g['order']}. {g['label']}") for g in groups(on=on)]


def _label(kind: str, key: str, code: str, field: str = "label") -> str:
    """A code's label from any version of the rule (labels do not change between versions); cached once found."""
    cached = _labels.get((kind, code))
    if cached:
        return cached
    for value in Rule.objects.filter(key=key).order_by("-valid_from").values_list("value", flat=True):
        for row in value or []:
            if row.get("code") == code:
                _labels[(kind, code)] = row[field]
                return row[field]
    return code


def product_label(code: str, *, on: dt.date | None = None) -> str:
    return _label("product", PRODUCTS, code)


def group_label(code: str, *, on: dt.date | None = None) -> str:
    return _label("group", GROUPS, code)


def min_age(*, on: dt.date) -> RuleValue:
    return required_rule(MIN_AGE, on=on, field="person")


def interval(entry: dict) -> tuple[int | None, int | None]:
    days = entry.get("interval_days") or {}
    return days.get("min"), days.get("max")
