"""Plain pure-Python reference of the time-respecting F-level search (no numpy), for tests and the benchmark.

Same semantics as :mod:`.engine`, written for obviousness: dict/list adjacency and a layered search.
``best`` after layer ``k`` is the earliest exposure day of each person over paths of at most ``k`` hops; a
person spreads on day ``d`` when ``infectious_start <= d <= isolated_on`` (F0) or ``exposed <= d <
quarantined_on`` (an exposed F0 also stops at isolation). Layer ``k`` only needs to scan the persons
whose ``best`` improved in layer ``k-1`` (the F0s for layer 1): everyone else spreads on the same days as
before, and what they passed on is already in ``best`` (which only ever decreases).
"""

from __future__ import annotations

from collections.abc import Sequence

from .types import NEVER


def _column(values: Sequence[int]) -> list[int]:
    tolist = getattr(values, "tolist", None)
    return tolist() if tolist is not None else [int(x) for x in values]


def reference_trace(
    n_persons: int,
    contacts: tuple[Sequence[int], Sequence[int], Sequence[int]] = ((), (), ()),
    attendance: tuple[Sequence[int], Sequence[int], Sequence[int], Sequence[int]] = ((), (), (), ()),
    sources: tuple[Sequence[int], Sequence[int], Sequence[int]] = ((), (), ()),
    quarantined_on: Sequence[int] | None = None,
    max_level: int = 3,
) -> tuple[list[int], list[int]]:
    """Levels (-1 untraced) and exposure days (``NEVER`` untraced; an F0's infectious start) of all persons.

    ``contacts`` is ``(a, b, day)``, ``attendance`` is ``(group, person, day_from, day_to)`` and ``sources``
    is ``(person, infectious_start, isolated_on)``, each a tuple of equally long columns.
    """
    a_col, b_col, day_col = (_column(c) for c in contacts)
    g_col, p_col, from_col, to_col = (_column(c) for c in attendance)
    src_col, start_col, iso_col = (_column(c) for c in sources)
    quarantine = [NEVER] * n_persons if quarantined_on is None else _column(quarantined_on)

    # Adjacency: for each person, the other side and the day of each contact.
    others: list[list[int]] = [[] for _ in range(n_persons)]
    days: list[list[int]] = [[] for _ in range(n_persons)]
    for a, b, d in zip(a_col, b_col, day_col, strict=True):
        others[a].append(b)
        days[a].append(d)
        others[b].append(a)
        days[b].append(d)
    members: dict[int, list[tuple[int, int, int]]] = {}
    visits: dict[int, list[tuple[int, int, int]]] = {}
    for g, p, lo, hi in zip(g_col, p_col, from_col, to_col, strict=True):
        members.setdefault(g, []).append((p, lo, hi))
        visits.setdefault(p, []).append((g, lo, hi))

    # Spread windows: [f0_lo, f0_hi) as an F0, [exposed, exp_hi) once exposed.
    f0_lo = [NEVER] * n_persons
    f0_hi = [NEVER] * n_persons
    for p, start, iso in zip(src_col, start_col, iso_col, strict=True):
        f0_lo[p] = start
        f0_hi[p] = NEVER if iso == NEVER else iso + 1
    exp_hi = [min(q, hi) for q, hi in zip(quarantine, f0_hi, strict=True)]

    def spread_intervals(p: int, exposed: int) -> list[tuple[int, int]]:
        """Inclusive day intervals on which ``p`` passes exposure on."""
        spans = [(f0_lo[p], f0_hi[p] - 1), (exposed, exp_hi[p] - 1)]
        return [(lo, hi) for lo, hi in spans if lo <= hi]

    level = [-1] * n_persons
    exposed_on = [NEVER] * n_persons
    for p in src_col:
        level[p] = 0
        exposed_on[p] = f0_lo[p]

    best = [NEVER] * n_persons
    frontier = list(dict.fromkeys(src_col))
    for k in range(1, max_level + 1):
        new = best[:]
        improved: list[int] = []  # persons whose day dropped in this layer (each once)
        # Pairwise contacts.
        for p in frontier:
            spans = spread_intervals(p, best[p])
            for other, d in zip(others[p], days[p], strict=True):
                if d < new[other] and any(lo <= d <= hi for lo, hi in spans):
                    if new[other] == best[other]:
                        improved.append(other)
                    new[other] = d
        # Groups: intervals on which a frontier attendee spreads while present, per group.
        spreading: dict[int, list[tuple[int, int, int]]] = {}
        for p in frontier:
            spans = spread_intervals(p, best[p])
            for g, present_lo, present_hi in visits.get(p, ()):
                for lo, hi in spans:
                    lo, hi = max(lo, present_lo), min(hi, present_hi)
                    if lo <= hi:
                        spreading.setdefault(g, []).append((lo, hi, p))
        for g, spans in spreading.items():
            spans.sort()
            for person, present_lo, present_hi in members[g]:
                # Earliest day both present, another attendee spreading: the first interval (by start)
                # still running on or after the attendee's arrival decides it.
                for lo, hi, spreader in spans:
                    if hi >= present_lo and spreader != person:
                        d = max(lo, present_lo)
                        if d <= present_hi and d < new[person]:
                            if new[person] == best[person]:
                                improved.append(person)
                            new[person] = d
                        break
        for p in improved:
            if level[p] < 0:
                level[p] = k
                exposed_on[p] = new[p]
        frontier = improved
        best = new
    return level, exposed_on
