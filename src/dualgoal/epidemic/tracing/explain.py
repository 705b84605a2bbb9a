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


def explain_arrays(result: TracingResult, persons):
    """The steps of many explanations as arrays, vectorised over persons (a full recompute stores ~10^6 paths).

    Returns (origin, hops): ``origin[i]`` is the F0 at the start of person i's path (-1 if untraced) and ``hops``
    lists, from the person backwards, arrays ``(rows, person, day, from_person, via)`` for the rows still walking.
    """
    import numpy as np

    persons = np.asarray(persons, dtype=np.int64)
    level = result.level[persons].astype(np.int64)
    cur = persons.copy()
    budget = np.where(level > 0, level, 0)
    hops: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    best, pred_person, pred_via = result.best, result.pred_person, result.pred_via
    active = np.flatnonzero(budget > 0)
    while active.size:
        p, b = cur[active], budget[active]
        value = best[b, p]
        h = b.copy()
        for _ in range(result.max_level):  # the lowest layer that already has the value (see _genuine_layer)
            lower = (h > 1) & (best[np.maximum(h - 1, 0), p] == value)
            if not lower.any():
                break
            h[lower] -= 1
        day, parent, via = best[h, p].astype(np.int64), pred_person[h, p].astype(np.int64), pred_via[h, p]
        if np.any(day >= NEVER) or np.any(parent < 0):
            raise RuntimeError("inconsistent tracing state")
        hops.append((active, p, day, parent, via.astype(np.int64)))
        cur[active], budget[active] = parent, h - 1
        spreads = (
            result.is_source[parent].astype(bool)
            & (result.infectious_start[parent] <= day)
            & (day < result.infectious_stop[parent])
        )
        budget[active[spreads]] = 0
        active = active[budget[active] > 0]
    origin = np.where(level >= 0, cur, -1)
    return origin, hops


def explain_many(result: TracingResult, persons) -> list[list[Step]]:
    """`explain` for many persons at once: the same steps as `explain(result, p)` for each p ([] if untraced)."""
    origin, hops = explain_arrays(result, persons)
    backwards: list[list[Step]] = [[] for _ in range(origin.size)]
    for rows, who, day, parent, via in hops:
        for row, w, d, par, v in zip(
            rows.tolist(), who.tolist(), day.tolist(), parent.tolist(), via.tolist(), strict=True
        ):
            contact, group = (v, None) if v >= 0 else (None, -v - 1)
            backwards[row].append(Step(0, w, d, par, contact, group))
    paths: list[list[Step]] = []
    for row, first in enumerate(origin.tolist()):
        if first < 0:
            paths.append([])
            continue
        steps = [Step(0, first, int(result.infectious_start[first]), None, None, None)]
        steps += [step._replace(hop=hop) for hop, step in enumerate(reversed(backwards[row]), start=1)]
        paths.append(steps)
    return paths
