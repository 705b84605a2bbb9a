"""Time-respecting F-level tracing engine (pure numpy, no Django).

Semantics
---------
* An F0 spreads on the days ``infectious_start <= d <= isolated_on``: the isolation day counts (an F0 taken
  away that day has usually spent part of it with household and co-workers; tracing stays conservative).
* A person exposed on day ``x`` spreads on the days ``x <= d < quarantined_on``: a contact on the day the
  quarantine starts passes nothing; a later contact on the exposure day itself does. An F0 also stops
  spreading as an exposed person once isolated.
* A pairwise contact ``(a, b, d)`` passes exposure either way on day ``d``. A group (event, place) passes it
  from a spreading attendee to each other attendee present on a day both are present and the spreader spreads;
  the attendee's exposure day is the earliest such day. One group step is one hop.
* ``best[k][p]`` is the earliest exposure day of ``p`` over time-respecting paths of at most ``k`` hops.
  Keeping only the earliest day is exact: a later exposure at the same hop budget spreads on a subset of days.
  The level of ``p`` is the least ``k`` with ``best[k][p]`` finite (0 for an F0, -1 beyond ``max_level``) and
  ``exposed_on`` is ``best[level][p]`` (an F0's infectious start). An F0 only records exposures before its own
  infectious start (later ones cannot widen what it passes on). The last layer is only computed for persons
  not reached before (for the others it copies the layer below): nothing is traced beyond it.

Computation: a layered search, layer ``k`` from layer ``k-1``, pushing from the persons whose spread days
grew. Incremental updates run the same layers over the touched persons only: states whose recorded predecessor
no longer holds (removed contact, earlier quarantine, removed F0, ...) are recomputed from all their
in-neighbours ("pull"); states that can only improve are relaxed from the persons whose spread days grew
("push"). Both are exact, so an update equals a full recompute (the property tests check this against a
brute-force search).
"""

from __future__ import annotations

import numpy as np

from . import validate as v
from .explain import explain as _explain
from .graph import I32, LOWEST, Candidates, Limit, TemporalGraph, concat
from .index import first_of_each, unique_small
from .types import NEVER, Attendance, Changes, Contacts, Sources, Step, TracingResult

_EMPTY = np.zeros(0, dtype=np.int64)
Log = list[tuple[np.ndarray, np.ndarray]]


class TracingEngine:
    """Persistent tracing state over a contact graph, with full and incremental computation.

    Construction validates the inputs and computes all levels (no index needed). The first incremental update
    builds the adjacency indexes (or call :meth:`prepare_updates` ahead). The live :class:`TracingResult` is
    :attr:`result`, updated in place (``result.copy()`` gives a snapshot).
    """

    def __init__(
        self,
        n_persons: int,
        contacts: Contacts | None = None,
        attendance: Attendance | None = None,
        sources: Sources | None = None,
        quarantined_on: v.ArrayLike | None = None,
        *,
        max_level: int = 3,
        rebuild_min: int = 65_536,
        rebuild_fraction: float = 0.05,
    ) -> None:
        n = self._n = v.check_n_persons(n_persons)
        self._k = v.check_max_level(max_level)
        graph_contacts = v.check_contacts(contacts or Contacts(), n)
        records = v.check_attendance(attendance or Attendance(), n)
        src = v.check_sources(sources or Sources(), n)
        quarantine = v.check_quarantine(quarantined_on, n)
        self._g = TemporalGraph(
            n,
            graph_contacts,
            records,
            quarantine,
            rebuild_min=int(rebuild_min),
            rebuild_fraction=float(rebuild_fraction),
        )
        self._g.set_sources(*src)
        k1 = self._k + 1
        self._e = np.full((k1, n), NEVER, dtype=I32)
        self._pp = np.full((k1, n), -1, dtype=I32)
        self._pv = np.full((k1, n), -1, dtype=I32)
        self._stamp = np.zeros((k1, n), dtype=I32)
        self._op = 0
        self._scratch = np.full(n, NEVER, dtype=I32)
        self._level = np.full(n, -1, dtype=np.int8)
        self._exposed = np.full(n, NEVER, dtype=I32)
        g = self._g
        self.result = TracingResult(
            self._k, self._level, self._exposed, g.is_src, g.flo, g.fhi, self._e, self._pp, self._pv
        )
        self.compute()

    # ------------------------------------------------------------------ public API

    @property
    def n_persons(self) -> int:
        """Number of persons."""
        return self._n

    @property
    def max_level(self) -> int:
        """Deepest level traced."""
        return self._k

    @property
    def n_contacts(self) -> int:
        """Number of contact indices given out (removed contacts keep theirs)."""
        return self._g.nc

    @property
    def n_attendance(self) -> int:
        """Number of attendance indices given out (removed records keep theirs)."""
        return self._g.nr

    def quarantined_on(self, person: int) -> int:
        """Quarantine start day of ``person`` (``NEVER`` when none)."""
        return int(self._g.q[v.check_person(person, self._n)])

    def level(self, person: int) -> int:
        """Level of ``person`` (-1 when untraced)."""
        return int(self._level[v.check_person(person, self._n)])

    def exposed_on(self, person: int) -> int:
        """Exposure day of ``person`` (an F0's infectious start; ``NEVER`` when untraced)."""
        return int(self._exposed[v.check_person(person, self._n)])

    def explain(self, person: int) -> list[Step]:
        """One least-hop, earliest-day path from an F0 to ``person`` (empty when untraced)."""
        return _explain(self.result, person)

    def prepare_updates(self) -> None:
        """Build the adjacency indexes used by incremental updates (done by the first update otherwise)."""
        self._g.ensure_indexes()

    def compute(self) -> Changes:
        """Recompute every level from scratch; returns the persons whose level or exposure day changed."""
        old_level, old_exposed = self._level.copy(), self._exposed.copy()
        g = self._g
        self._e.fill(NEVER)
        self._pp.fill(-1)
        level = np.where(g.is_src, 0, -1).astype(np.int8)
        exposed = np.where(g.is_src, g.flo, NEVER).astype(I32)
        frontier = np.flatnonzero(g.is_src)
        for j in range(1, self._k + 1):
            self._e[j] = self._e[j - 1]
            if j < self._k:
                limit = Limit(np.minimum(self._e[j], g.flo).__getitem__)
            else:  # last layer: only persons not reached yet (and not F0s) matter, for any day
                open_ = (self._e[j - 1] == NEVER) & ~g.is_src
                limit = Limit(np.where(open_, NEVER, LOWEST).astype(I32).__getitem__, open_)
            cands = g.push(frontier, self._e[j - 1], limit)
            frontier = self._relax(j, cands, None)
            new = frontier[level[frontier] < 0]
            level[new], exposed[new] = j, self._e[j][new]
        self._level[:], self._exposed[:] = level, exposed
        changed = np.flatnonzero((old_level != level) | (old_exposed != exposed))
        return self._changes(changed, old_level[changed], old_exposed[changed])

    def add_contact(self, a: int, b: int, day: int) -> Changes:
        """Record a new pairwise contact; its index is ``changes.contact_ids[0]``."""
        return self.update(add_contacts=Contacts([a], [b], [day]))

    def remove_contact(self, contact: int) -> Changes:
        """Remove a contact (a wrong entry); levels that depended on it are recomputed."""
        return self.update(remove_contacts=[contact])

    def add_attendance(self, group: int, person: int, day_from: int, day_to: int) -> Changes:
        """Record that ``person`` attended ``group`` on ``day_from..day_to``."""
        return self.update(add_attendance=Attendance([group], [person], [day_from], [day_to]))

    def remove_attendance(self, record: int) -> Changes:
        """Remove an attendance record."""
        return self.update(remove_attendance=[record])

    def add_source(self, person: int, infectious_start: int, isolated_on: int = NEVER) -> Changes:
        """Make ``person`` an F0 (or change an F0's infectious window)."""
        return self.update(set_sources=Sources([person], [infectious_start], [isolated_on]))

    def remove_source(self, person: int) -> Changes:
        """``person`` is no longer an F0 (a retracted result); their level is recomputed from contacts."""
        return self.update(remove_sources=[person])

    def set_quarantine(self, person: int, day: int) -> Changes:
        """Set the day ``person``'s quarantine started (``NEVER`` to clear it)."""
        return self.update(set_quarantine=([person], [day]))

    def update(
        self,
        *,
        add_contacts: Contacts | None = None,
        remove_contacts: v.ArrayLike | None = None,
        add_attendance: Attendance | None = None,
        remove_attendance: v.ArrayLike | None = None,
        set_sources: Sources | None = None,
        remove_sources: v.ArrayLike | None = None,
        set_quarantine: tuple[v.ArrayLike, v.ArrayLike] | None = None,
    ) -> Changes:
        """Apply several input changes at once and re-level incrementally.

        Everything is validated before anything changes. Sources in ``set_sources`` are applied after
        ``remove_sources``.
        """
        n, g = self._n, self._g
        new_c = v.check_contacts(add_contacts or Contacts(), n)
        new_r = v.check_attendance(add_attendance or Attendance(), n)
        del_c = self._check_removal(remove_contacts, g.nc, g.calive, "contact")
        del_r = self._check_removal(remove_attendance, g.nr, g.ralive, "attendance record")
        src = v.check_sources(set_sources or Sources(), n)
        unsrc = v.as_int_array(remove_sources if remove_sources is not None else [], "remove_sources")
        v.check_persons(unsrc, "remove_sources", n)
        q_persons, q_days = self._check_quarantine(set_quarantine)

        g.ensure_indexes()
        g.remove_contacts(del_c)
        g.remove_records(del_r)
        added_c = g.add_contacts(*new_c) if new_c[0].size else _EMPTY
        added_r = g.add_records(*new_r) if new_r[0].size else _EMPTY
        g.set_quarantine(q_persons, q_days)
        g.remove_sources(unsrc)
        g.set_sources(*src)
        windows = unique_small(np.concatenate((unsrc, src[0], q_persons)), g.pbuf)
        changed = self._propagate(windows, added_c, del_c, added_r, del_r)
        old_level, old_exposed = self._level[changed].copy(), self._exposed[changed].copy()
        level, exposed = self._levels(changed)
        self._level[changed], self._exposed[changed] = level, exposed
        diff = (old_level != level) | (old_exposed != exposed)
        return self._changes(changed[diff], old_level[diff], old_exposed[diff], added_c, added_r)

    # ------------------------------------------------------------------ validation of updates

    @staticmethod
    def _check_removal(ids: v.ArrayLike | None, count: int, alive: np.ndarray, what: str) -> np.ndarray:
        arr = v.as_int_array(ids if ids is not None else [], f"{what} ids")
        v.check_range(arr, f"{what} ids", 0, count - 1, f"a {what} index")
        dead = ~alive[arr]
        if dead.any():
            raise ValueError(f"{what} {int(arr[np.flatnonzero(dead)[0]])} is already removed")
        if np.unique(arr).size != arr.size:
            raise ValueError(f"a {what} is listed twice for removal")
        return arr

    def _check_quarantine(self, change: tuple[v.ArrayLike, v.ArrayLike] | None) -> tuple[np.ndarray, np.ndarray]:
        persons, days = change if change is not None else ([], [])
        persons = v.as_int_array(persons, "set_quarantine persons")
        days = v.as_int_array(days, "set_quarantine days")
        if persons.size != days.size:
            raise ValueError("set_quarantine persons and days differ in length")
        v.check_persons(persons, "set_quarantine persons", self._n)
        v.check_days(days, "set_quarantine days", allow_never=True)
        return persons, days

    # ------------------------------------------------------------------ layer updates

    def _limit(self, j: int) -> Limit:
        """For layer ``j``: the day an exposure of each target must beat (see the module docstring)."""
        e_j, e_below, g = self._e[j], self._e[j - 1], self._g

        def limit(targets: np.ndarray) -> np.ndarray:
            lim = np.minimum(e_j[targets], g.flo[targets])
            if j == self._k:
                lim[(e_below[targets] < NEVER) | g.is_src[targets]] = LOWEST
            return lim

        return Limit(limit)

    def _log(self, j: int, persons: np.ndarray, log: Log | None) -> None:
        """Remember layer ``j`` of the distinct ``persons`` before its first write in this update."""
        if log is None or persons.size == 0:
            return
        fresh = persons[self._stamp[j][persons] != self._op]
        self._stamp[j][fresh] = self._op
        log.append((fresh, self._e[j][fresh].copy()))

    def _relax(self, j: int, cands: Candidates, log: Log | None) -> np.ndarray:
        """Lower layer ``j`` with candidates that beat its limit; returns the distinct persons improved."""
        target, day, spreader, via = cands
        if log is not None and target.size:  # incremental: earlier steps of this layer may have moved limits
            ok = day < self._limit(j)(target)
            target, day, spreader, via = target[ok], day[ok], spreader[ok], via[ok]
        if target.size == 0:
            return _EMPTY
        np.minimum.at(self._scratch, target, day)
        win = day == self._scratch[target]
        self._scratch[target] = NEVER
        target, spreader, via = target[win], spreader[win], via[win]
        keep = first_of_each(target, self._g.pbuf)
        target, spreader, via = target[keep], spreader[keep], via[keep]
        self._log(j, target, log)
        e_j = self._e[j]
        e_j[target] = day[win][keep]
        self._pp[j][target] = spreader
        self._pv[j][target] = via
        return target.astype(np.int64)

    def _pull(self, j: int, persons: np.ndarray, log: Log) -> None:
        """Recompute layer ``j`` of the distinct ``persons`` from all their in-neighbours at layer ``j-1``."""
        target, day, spreader, via = self._g.pull(persons, self._e[j - 1], self._pull_limit(j))
        np.minimum.at(self._scratch, target, day)
        best = self._scratch[persons]
        win = day == self._scratch[target]
        self._scratch[target] = NEVER
        copy = self._e[j - 1][persons]
        self._log(j, persons, log)
        self._e[j][persons] = np.minimum(best, copy)
        target, spreader, via = target[win], spreader[win], via[win]
        keep = first_of_each(target, self._g.pbuf)
        self._pp[j][target[keep]] = spreader[keep]
        self._pv[j][target[keep]] = via[keep]
        self._pp[j][persons[best >= copy]] = -1

    def _pull_limit(self, j: int) -> Limit:
        """Like :meth:`_limit` but ignoring the current value of layer ``j`` (it is being recomputed)."""
        e_below, g = self._e[j - 1], self._g

        def limit(targets: np.ndarray) -> np.ndarray:
            lim = g.flo[targets].copy()
            if j == self._k:
                lim[(e_below[targets] < NEVER) | g.is_src[targets]] = LOWEST
            return lim

        return Limit(limit)

    def _copy_up(self, j: int, persons: np.ndarray, log: Log) -> None:
        """Layer ``j`` follows layer ``j-1`` where that one dropped to or below it (last layer: always)."""
        below, here = self._e[j - 1][persons], self._e[j][persons]
        follow = (below < here) | ((below == here) & (self._pp[j][persons] >= 0))
        if j == self._k:
            follow |= below < NEVER
        persons = persons[follow]
        self._log(j, persons, log)
        self._e[j][persons] = self._e[j - 1][persons]
        self._pp[j][persons] = -1

    def _broken_children(self, j: int, losers: np.ndarray) -> np.ndarray:
        """Layer-``j`` states whose predecessor is a loser that no longer spreads on the exposure day."""
        if losers.size == 0:
            return _EMPTY
        g, pp, pv = self._g, self._pp[j], self._pv[j]
        ia, ib = g.contacts_touching(losers)
        parent = np.concatenate((g.ca[ia], g.cb[ib]))
        child = np.concatenate((g.cb[ia], g.ca[ib]))
        hit = (pp[child] == parent) & (pv[child] == np.concatenate((ia, ib)))
        child, parent = child[hit], parent[hit]

        members = g.members_of(g.groups_of(g.records_of(losers)))
        g_child = g.rp[members]
        g_parent = pp[g_child]
        hit = (pv[g_child] == -(g.rg[members] + 1)) & (g_parent >= 0)
        g.mark[losers] = True
        hit[hit] = g.mark[g_parent[hit]]
        g.mark[losers] = False
        child = np.concatenate((child, g_child[hit]))
        parent = np.concatenate((parent, g_parent[hit]))
        broken = ~g.spreads(parent, self._e[j][child], self._e[j - 1])
        return child[broken].astype(np.int64)

    def _removed_victims(self, j: int, contacts: np.ndarray, records: np.ndarray) -> np.ndarray:
        """Layer-``j`` states whose last hop used a removed contact or a group that lost a record."""
        g, pp, pv = self._g, self._pp[j], self._pv[j]
        parts = [_EMPTY]
        if contacts.size:
            ends = np.concatenate((g.ca[contacts], g.cb[contacts])).astype(np.int64)
            via = np.concatenate((contacts, contacts))
            parts.append(ends[(pp[ends] >= 0) & (pv[ends] == via)])
        if records.size:
            members = g.members_of(g.groups_of(records))
            who = g.rp[members].astype(np.int64)
            parts.append(who[(pp[who] >= 0) & (pv[who] == -(g.rg[members] + 1))])
        return np.concatenate(parts)

    def _propagate(
        self,
        windows: np.ndarray,
        added_c: np.ndarray,
        removed_c: np.ndarray,
        added_r: np.ndarray,
        removed_r: np.ndarray,
    ) -> np.ndarray:
        """Re-level after input changes; ``windows`` are the persons whose spread windows changed.

        Returns the distinct persons whose state may have changed.
        """
        self._op += 1
        g = self._g
        touched = [windows]
        increased, decreased = _EMPTY, _EMPTY
        for j in range(1, self._k + 1):
            log: Log = []
            losers = unique_small(np.concatenate((increased, windows)), g.pbuf)
            invalid = np.concatenate(
                (
                    windows,
                    increased[self._pp[j][increased] < 0],
                    self._broken_children(j, losers),
                    self._removed_victims(j, removed_c, removed_r),
                )
            )
            if invalid.size:
                self._pull(j, unique_small(invalid, g.pbuf), log)
            if decreased.size:
                self._copy_up(j, decreased, log)
            gainers = unique_small(np.concatenate((windows, decreased)), g.pbuf)
            if j > 1:
                gainers = gainers[self._e[j - 1][gainers] < self._e[j - 2][gainers]]
            limit, below = self._limit(j), self._e[j - 1]
            cands = [g.push(gainers, below, limit)]
            if added_c.size:
                cands.append(g.contacts_by_id(added_c, below, limit))
            if added_r.size:
                cands.append(g.added_record_candidates(added_r, below, limit))
            self._relax(j, concat(cands), log)
            increased, decreased = self._split_log(j, log)
            touched += [increased, decreased]
        return unique_small(np.concatenate(touched), g.pbuf)

    def _split_log(self, j: int, log: Log) -> tuple[np.ndarray, np.ndarray]:
        if not log:
            return _EMPTY, _EMPTY
        persons = np.concatenate([p for p, _ in log]).astype(np.int64)
        old = np.concatenate([o for _, o in log])
        new = self._e[j][persons]
        return persons[new > old], persons[new < old]

    # ------------------------------------------------------------------ results

    def _levels(self, persons: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Level and exposure day of ``persons`` (everyone when ``None``)."""
        g = self._g
        sel = slice(None) if persons is None else persons
        best = self._e[1:, sel]
        reached = best < NEVER
        first = np.argmax(reached, axis=0)
        cols = np.arange(first.size)
        level = np.where(g.is_src[sel], 0, np.where(reached[first, cols], first + 1, -1)).astype(np.int8)
        exposed = np.where(g.is_src[sel], g.flo[sel], best[first, cols]).astype(I32)
        return level, exposed

    def _changes(
        self,
        persons: np.ndarray,
        old_level: np.ndarray,
        old_exposed: np.ndarray,
        contact_ids: np.ndarray = _EMPTY,
        attendance_ids: np.ndarray = _EMPTY,
    ) -> Changes:
        order = np.argsort(persons, kind="stable") if np.any(persons[1:] < persons[:-1]) else slice(None)
        persons = persons[order].astype(np.int64)
        return Changes(
            persons,
            old_level[order],
            self._level[persons],
            old_exposed[order],
            self._exposed[persons],
            contact_ids.astype(np.int64),
            attendance_ids.astype(np.int64),
        )


def trace(
    n_persons: int,
    contacts: Contacts | None = None,
    attendance: Attendance | None = None,
    sources: Sources | None = None,
    quarantined_on: v.ArrayLike | None = None,
    *,
    max_level: int = 3,
) -> TracingResult:
    """Pure function: levels, exposure days and explanations for the given inputs."""
    return TracingEngine(n_persons, contacts, attendance, sources, quarantined_on, max_level=max_level).result


def diff(old: TracingResult, new: TracingResult) -> Changes:
    """Persons whose level or exposure day differs between two results over the same persons."""
    changed = np.flatnonzero((old.level != new.level) | (old.exposed_on != new.exposed_on))
    return Changes(
        changed.astype(np.int64),
        old.level[changed],
        new.level[changed],
        old.exposed_on[changed],
        new.exposed_on[changed],
    )
