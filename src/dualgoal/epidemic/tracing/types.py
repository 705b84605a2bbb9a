"""Plain data types shared by the tracing engine, the reference search and their callers.

Persons are integer indices ``0..n-1``; days are integer day numbers (for instance days since 2020-01-01).
``NEVER`` is the sentinel for "no such day" (not isolated, never quarantined, not exposed).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

NEVER: int = 2**30
"""Sentinel day: not isolated / never quarantined / not exposed."""
MIN_DAY: int = -(2**29)
"""Smallest accepted day number."""
MAX_DAY: int = 2**29
"""Largest accepted day number (``NEVER`` excepted where a sentinel is allowed)."""
UNTRACED: int = -1
"""Level of a person not reached within ``max_level`` hops."""

ArrayLike = np.ndarray | Sequence[int]


def _empty() -> np.ndarray:
    return np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Contacts:
    """Pairwise, undirected exposures: persons ``a[i]`` and ``b[i]`` met on ``day[i]``."""

    a: ArrayLike = field(default_factory=_empty)
    b: ArrayLike = field(default_factory=_empty)
    day: ArrayLike = field(default_factory=_empty)


@dataclass(frozen=True)
class Attendance:
    """Group exposures: ``person[i]`` attended group (event, place) ``group[i]`` on every day of
    ``day_from[i]..day_to[i]`` (inclusive). Two attendees are in contact on day ``d`` when both are there."""

    group: ArrayLike = field(default_factory=_empty)
    person: ArrayLike = field(default_factory=_empty)
    day_from: ArrayLike = field(default_factory=_empty)
    day_to: ArrayLike = field(default_factory=_empty)


@dataclass(frozen=True)
class Sources:
    """F0 cases: infectious from ``infectious_start[i]`` until ``isolated_on[i]`` inclusive
    (``NEVER`` when not isolated yet). The caller computes ``infectious_start`` (onset, or the first positive
    sample without onset, minus the rule's days)."""

    person: ArrayLike = field(default_factory=_empty)
    infectious_start: ArrayLike = field(default_factory=_empty)
    isolated_on: ArrayLike = field(default_factory=_empty)


class Step(NamedTuple):
    """One hop of an explanation path, from the F0 (``hop == 0``) to the person asked about.

    For the F0 step ``day`` is its infectious start and ``from_person``/``contact``/``group`` are ``None``.
    Otherwise ``from_person`` passed exposure to ``person`` on ``day`` through pairwise ``contact`` (its
    index) or through ``group`` (both attended it that day).
    """

    hop: int
    person: int
    day: int
    from_person: int | None
    contact: int | None
    group: int | None


class LevelChange(NamedTuple):
    """A person whose level or exposure day changed (``-1`` level / ``NEVER`` day = untraced)."""

    person: int
    old_level: int
    new_level: int
    old_exposed_on: int
    new_exposed_on: int


@dataclass(frozen=True)
class Changes:
    """Persons whose level or exposure day changed in one update, sorted by person."""

    persons: np.ndarray
    old_level: np.ndarray
    new_level: np.ndarray
    old_exposed_on: np.ndarray
    new_exposed_on: np.ndarray
    contact_ids: np.ndarray = field(default_factory=_empty)
    """Indices given to the contacts added by this update."""
    attendance_ids: np.ndarray = field(default_factory=_empty)
    """Indices given to the attendance records added by this update."""

    def __len__(self) -> int:
        return int(self.persons.size)

    def __iter__(self) -> Iterator[LevelChange]:
        for row in zip(
            self.persons.tolist(),
            self.old_level.tolist(),
            self.new_level.tolist(),
            self.old_exposed_on.tolist(),
            self.new_exposed_on.tolist(),
            strict=True,
        ):
            yield LevelChange(*row)

    @property
    def level_changed(self) -> np.ndarray:
        """Boolean mask of the rows whose level changed (not only the exposure day)."""
        return self.old_level != self.new_level


@dataclass
class TracingResult:
    """Levels and everything needed to explain them.

    ``level[p]``: 0 for an F0, ``k`` for the least number of hops, ``-1`` if untraced.
    ``exposed_on[p]``: earliest exposure day among least-hop paths; an F0's infectious start; ``NEVER``.
    ``best[k][p]``: earliest exposure day over paths of at most ``k`` hops (row 0 unused, all ``NEVER``).
    ``pred_person[k][p]``/``pred_via[k][p]``: last hop of a path realising ``best[k][p]`` when
    ``best[k][p] < best[k-1][p]`` (else ``pred_person`` is -1); ``pred_via`` is a contact index (>= 0) or
    ``-(group + 1)``.
    """

    max_level: int
    level: np.ndarray
    exposed_on: np.ndarray
    is_source: np.ndarray
    infectious_start: np.ndarray
    infectious_stop: np.ndarray
    best: np.ndarray
    pred_person: np.ndarray
    pred_via: np.ndarray

    def copy(self) -> TracingResult:
        """A snapshot that later incremental updates of an engine do not modify."""
        return TracingResult(
            self.max_level,
            *(
                arr.copy()
                for arr in (
                    self.level,
                    self.exposed_on,
                    self.is_source,
                    self.infectious_start,
                    self.infectious_stop,
                    self.best,
                    self.pred_person,
                    self.pred_via,
                )
            ),
        )

    def counts(self) -> dict[int, int]:
        """Number of persons per level (untraced excluded)."""
        values, counts = np.unique(self.level[self.level >= 0], return_counts=True)
        return {int(v): int(c) for v, c in zip(values, counts, strict=True)}
