"""The pure computation: cut-offs (inclusive and strict), the coverage adjustment and its cap. No database."""

import json
from pathlib import Path

import pytest

from dualgoal.levels import compute

CORE_RULES = Path(__file__).parents[2] / "core" / "data" / "rules.json"
OWN_RULES = Path(__file__).parents[1] / "data" / "rules.json"


def versions(path, key):
    return [r for r in json.loads(path.read_text(encoding="utf-8"))["rules"] if r["key"] == key]


T2021 = compute.Thresholds.from_value(versions(CORE_RULES, "epidemic_level.thresholds")[0]["value"])
T2022 = compute.Thresholds.from_value(versions(CORE_RULES, "epidemic_level.thresholds")[1]["value"])
ADJ = compute.Adjustment.from_value(versions(OWN_RULES, "epidemic_level.vaccination_adjustment")[0]["value"])


def level(cases, thresholds=T2021, population=100_000, adjustment=None, share_one=None):
    figures = compute.CommuneFigures(1, population, cases, share_one=share_one)
    return compute.assess(figures, thresholds, adjustment)


@pytest.mark.parametrize(
    ("cases", "expected"),
    [(0, 1), (19, 1), (20, 2), (49, 2), (50, 3), (149, 3), (150, 4), (900, 4)],
)
def test_2021_cutoffs_are_inclusive(cases, expected):
    assert level(cases).level == expected


def test_the_rate_is_per_100000_and_rounded():
    result = level(3, population=10_400)  # 28.846… -> 28.8
    assert result.cases_per_100k == 28.8
    assert result.level == 2
    assert result.reasons[0].code == "cutoff"
    assert result.reasons[0].params["value"] == 20
    assert result.reasons[0].params["confidence"] == "unverified"


@pytest.mark.parametrize(("cases", "expected"), [(600, 3), (601, 4), (150, 3)])
def test_2022_level_4_is_strictly_above_600(cases, expected):
    assert level(cases, T2022).level == expected


def test_below_the_first_cutoff_says_so():
    result = level(5)
    assert result.level == 1
    assert result.reasons[0].code == "below_first_cutoff"


def test_no_population_gives_no_level():
    result = level(3, population=0)
    assert result.level is None
    assert result.reasons[0].code == "no_population"


def test_coverage_below_threshold_raises_one_level():
    result = level(20, adjustment=ADJ, share_one=0.799)
    assert (result.base_level, result.level) == (2, 3)
    assert result.adjusted
    assert result.reasons[-1].code == "raised"
    assert result.reasons[-1].params["percent"] == 79.9


def test_coverage_exactly_at_threshold_does_not_raise():
    result = level(20, adjustment=ADJ, share_one=0.80)
    assert result.level == 2
    assert result.reasons[-1].code == "coverage_ok"


def test_raise_is_capped_at_level_4():
    result = level(150, adjustment=ADJ, share_one=0.1)
    assert result.level == 4
    assert result.reasons[-1].code == "raise_capped"


def test_unknown_coverage_does_not_adjust():
    result = level(50, adjustment=ADJ, share_one=None)
    assert result.level == 3
    assert result.reasons[-1].code == "coverage_unknown"


def test_adjustment_rule_states_the_age_group_actually_used():
    assert ADJ.age_min == 50 and ADJ.age_used == 50  # coverage_by_commune(min_age=50)
    assert versions(OWN_RULES, "epidemic_level.vaccination_adjustment")[0]["confidence"] == "unverified"


def test_allowed_capacity_is_the_lower_of_ceiling_and_level_cap():
    caps = {1: 100, 2: 75, 3: 50, 4: 0}
    assert compute.allowed_capacity_percent(level=2, ceiling_percent=50, caps_by_level=caps) == 50
    assert compute.allowed_capacity_percent(level=4, ceiling_percent=50, caps_by_level=caps) == 0
    assert compute.allowed_capacity_percent(level=None, ceiling_percent=50, caps_by_level=caps) == 50
    assert compute.allowed_capacity_percent(level=None, ceiling_percent=None, caps_by_level=None) is None
    assert compute.allowed_persons(400, 50) == 200
