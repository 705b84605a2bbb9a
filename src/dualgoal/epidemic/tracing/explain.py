"""Reconstruct one optimal exposure path from a :class:`TracingResult`."""

from __future__ import annotations

from .types import NEVER, Step, TracingResult
from .validate import check_person


def _genuine_layer(result: TracingResult, person: int, budget: int) -> int:
    """Lowest layer ``h <= budget`` at which ``best[h][person]`` already has its value at ``budget``."""
    value = result.best[budget][person]
    h = budget
    while h > 1 and result.best[h - 1][person] == value:
        h -= 1
    return h


def _spreads_as_source(result: TracingResult, person: int, day: int) -> bool:
    return bool(result.is_source[person]) and result.infectious_start[person] <= day < result.infectious_stop[person]


def explain(result: TracingResult, person: int) -> list[Step]:
    """Steps of one least-hop path with the earliest exposure day, from an F0 to ``person``.

    Returns ``[]`` for an untraced person and a single step for an F0. Each later step names who passed
    exposure on, the day, and the contact index or group that carried it.
    """
    person = check_person(person, result.level.size)
    level = int(result.level[person])
    if level < 0:
        return []
    backwards: list[tuple[int, int, int, int]] = []  # (person, day, from_person, via)
    budget = level
    while budget > 0:
        h = _genuine_layer(result, person, budget)
        day = int(result.best[h][person])
        parent = int(result.pred_person[h][person])
        if day >= NEVER or parent < 0:
            raise RuntimeError(f"inconsistent tracing state at person {person}, layer {h}")
        backwards.append((person, day, parent, int(result.pred_via[h][person])))
        person, budget = parent, h - 1
        if _spreads_as_source(result, person, day):
            break
    steps = [Step(0, person, int(result.infectious_start[person]), None, None, None)]
    for hop, (who, day, parent, via) in enumerate(reversed(backwards), start=1):
        contact, group = (via, None) if via >= 0 else (None, -via - 1)
        steps.append(Step(hop, who, day, parent, contact, group))
    return steps
