"""The commune epidemic level as a pure function (no Django): population, new cases of the week, vaccination
coverage and the rule values in force -> the level, the metric values and the reasons.

Resolution 128/NQ-CP (11/10/2021): the level is the highest level whose cut-off the weekly rate of new cases per
100,000 population reaches (`inclusive`: ≥, otherwise >); the vaccination adjustment (QĐ 4800/QĐ-BYT) then raises the
level by `raise_by` when the coverage share is below the threshold, never above `max_level`.

Reasons are structured (a code and its numbers) so that the screens and the notifications phrase them in the
user's language; `levels.reasons.reason_text` does that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PER = 100_000


@dataclass(frozen=True)
class LevelInfo:
    level: int
    color: str
    label: str


@dataclass(frozen=True)
class Cutoff:
    level: int
    value: float
    inclusive: bool = True
    confidence: str = ""

    def reached_by(self, rate: float) -> bool:
        return rate >= self.value if self.inclusive else rate > self.value


@dataclass(frozen=True)
class Thresholds:
    """The value of the rule `epidemic_level.thresholds`."""

    levels: tuple[LevelInfo, ...]
    cutoffs: tuple[Cutoff, ...]
    metric: str = "new_cases_per_100k_per_week"

    @classmethod
    def from_value(cls, value: dict[str, Any]) -> Thresholds:
        levels = tuple(
            LevelInfo(level=int(row["level"]), color=str(row.get("color", "")), label=str(row.get("label", "")))
            for row in value.get("levels", [])
        )
        cutoffs = tuple(
            sorted(
                (
                    Cutoff(
                        level=int(row["level"]),
                        value=float(row["value"]),
                        inclusive=bool(row.get("inclusive", True)),
                        confidence=str(row.get("confidence", "")),
                    )
                    for row in value.get("cutoffs", [])
                ),
                key=lambda c: c.level,
            )
        )
        if not levels or not cutoffs:
            raise ValueError("epidemic_level.thresholds needs `levels` and `cutoffs`")
        return cls(levels=levels, cutoffs=cutoffs, metric=str(value.get("metric", cls.metric)))

    @property
    def lowest(self) -> int:
        return min(info.level for info in self.levels)

    @property
    def highest(self) -> int:
        return max(info.level for info in self.levels)

    def info(self, level: int) -> LevelInfo | None:
        return next((info for info in self.levels if info.level == level), None)


@dataclass(frozen=True)
class Adjustment:
    """The value of the rule `epidemic_level.vaccination_adjustment` (levels/data/rules.json)."""

    metric: str  # "share_one" or "share_full" of levels' coverage figures
    below_percent: float
    raise_by: int = 1
    max_level: int = 4
    age_min: int | None = None
    age_used: int | None = None  # the age group the coverage figures really cover (None: as asked)

    @classmethod
    def from_value(cls, value: dict[str, Any]) -> Adjustment:
        metric = str(value.get("metric", "share_one"))
        if metric not in ("share_one", "share_full"):
            raise ValueError(f"unknown coverage metric {metric!r}")
        return cls(
            metric=metric,
            below_percent=float(value["below_percent"]),
            raise_by=int(value.get("raise_by", 1)),
            max_level=int(value.get("max_level", 4)),
            age_min=value.get("age_min"),
            age_used=value.get("age_used"),
        )


@dataclass(frozen=True)
class CommuneFigures:
    unit_id: int
    population: int | None
    new_cases: int
    share_one: float | None = None  # 0..1
    share_full: float | None = None  # 0..1


@dataclass(frozen=True)
class Reason:
    code: str  # "cutoff", "below_first_cutoff", "raised", "raise_capped", "coverage_ok", "coverage_unknown", …
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Assessment:
    unit_id: int
    level: int | None  # None: no population to divide by
    base_level: int | None
    cases_per_100k: float | None
    reasons: tuple[Reason, ...]

    @property
    def adjusted(self) -> bool:
        return self.level is not None and self.level != self.base_level


def cases_per_100k(new_cases: int, population: int | None) -> float | None:
    if not population or population <= 0:
        return None
    return round(new_cases * PER / population, 1)


def base_level(rate: float, thresholds: Thresholds) -> tuple[int, Cutoff | None]:
    """The highest level whose cut-off `rate` reaches, with that cut-off (None: below every cut-off)."""
    reached = [c for c in thresholds.cutoffs if c.reached_by(rate)]
    if not reached:
        return thresholds.lowest, None
    best = max(reached, key=lambda c: c.level)
    return best.level, best


def assess(figures: CommuneFigures, thresholds: Thresholds, adjustment: Adjustment | None = None) -> Assessment:
    rate = cases_per_100k(figures.new_cases, figures.population)
    if rate is None:
        return Assessment(figures.unit_id, None, None, None, (Reason("no_population"),))
    reasons: list[Reason] = []
    level, cutoff = base_level(rate, thresholds)
    if cutoff is None:
        first = thresholds.cutoffs[0]
        reasons.append(
            Reason(
                "below_first_cutoff", {"rate": rate, "level": level, "value": first.value, "inclusive": first.inclusive}
            )
        )
    else:
        reasons.append(
            Reason(
                "cutoff",
                {
                    "rate": rate,
                    "level": level,
                    "value": cutoff.value,
                    "inclusive": cutoff.inclusive,
                    "confidence": cutoff.confidence,
                },
            )
        )
    base = level
    if adjustment is None:
        reasons.append(Reason("no_adjustment_rule"))
    else:
        share = figures.share_one if adjustment.metric == "share_one" else figures.share_full
        params = {
            "metric": adjustment.metric,
            "below": adjustment.below_percent,
            "age_min": adjustment.age_min,
            "age_used": adjustment.age_used,
        }
        if share is None:
            reasons.append(Reason("coverage_unknown", params))
        else:
            percent = round(share * 100, 1)
            params["percent"] = percent
            if percent < adjustment.below_percent:
                raised = min(level + adjustment.raise_by, adjustment.max_level)
                if raised == level:
                    reasons.append(
                        Reason("raise_capped", {**params, "level": level, "max_level": adjustment.max_level})
                    )
                else:
                    reasons.append(Reason("raised", {**params, "from": level, "to": raised}))
                level = raised
            else:
                reasons.append(Reason("coverage_ok", params))
    return Assessment(figures.unit_id, level, base, rate, tuple(reasons))


def allowed_capacity_percent(
    *, level: int | None, ceiling_percent: float | None, caps_by_level: dict[int, float] | None
) -> float | None:
    """The share of its normal capacity a venue may use: the lower of the plan's ceiling and the level's cap.

    None when no rule limits it."""
    candidates = []
    if ceiling_percent is not None:
        candidates.append(float(ceiling_percent))
    if level is not None and caps_by_level and level in caps_by_level:
        candidates.append(float(caps_by_level[level]))
    return min(candidates) if candidates else None


def allowed_persons(normal_capacity: int, percent: float | None) -> int | None:
    if percent is None:
        return None
    return int(normal_capacity * percent // 100)
