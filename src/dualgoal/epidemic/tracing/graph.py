"""The temporal contact graph: inputs, lazily built indexes and vectorised exposure candidates.

A *candidate* is ``(target, day, spreader, via)``: ``spreader`` can pass exposure to ``target`` on ``day``
through ``via`` (a contact index, or ``-(group + 1)``). Candidates are generated for a set of persons either
through the CSR indexes (small sets, incremental updates) or by sweeping all rows with a boolean mask (large
sets, or before the indexes exist: a full computation needs no index at all).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .index import KeyIndex, unique_small
from .types import NEVER

I32 = np.int32
LOWEST = -NEVER
"""A limit below every day: nothing can improve a state with this limit."""
_EMPTY = np.zeros(0, dtype=I32)
_OFF = 2**30  # shifts days to non-negative values when packed into int64 sort keys
_LOW32 = 0xFFFFFFFF

Candidates = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


class Limit:
    """Per target person, the day an exposure must be earlier than to matter.

    ``open_`` optionally gives the same as a boolean table (the last layer of a full computation: a target is
    either open to any day or closed), which is cheaper to gather than days.
    """

    __slots__ = ("fn", "open")

    def __init__(self, fn: Callable[[np.ndarray], np.ndarray], open_: np.ndarray | None = None) -> None:
        self.fn, self.open = fn, open_

    def __call__(self, targets: np.ndarray) -> np.ndarray:
        return self.fn(targets)


def no_candidates() -> Candidates:
    """An empty candidate tuple."""
    return _EMPTY, _EMPTY, _EMPTY, _EMPTY


def concat(parts: list[Candidates]) -> Candidates:
    """Concatenate candidate tuples."""
    parts = [c for c in parts if c[0].size]
    if not parts:
        return no_candidates()
    if len(parts) == 1:
        return parts[0]
    return tuple(np.concatenate(cols) for cols in zip(*parts, strict=True))  # type: ignore[return-value]


def _grown(arr: np.ndarray, needed: int, fill: int | bool | None = None) -> np.ndarray:
    """``arr`` with room for ``needed`` elements (capacity doubles); new slots get ``fill``."""
    if needed <= arr.size:
        return arr
    out = np.empty(max(needed, 2 * arr.size, 16), dtype=arr.dtype)
    out[: arr.size] = arr
    if fill is not None:
        out[arr.size :] = fill
    return out


class TemporalGraph:
    """Contacts, group attendance, F0 windows and quarantine days, with candidate generation."""

    def __init__(
        self,
        n: int,
        contacts: tuple[np.ndarray, np.ndarray, np.ndarray],
        records: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        quarantine: np.ndarray,
        *,
        rebuild_min: int,
        rebuild_fraction: float,
    ) -> None:
        self.n = n
        self.rebuild_min, self.rebuild_fraction = rebuild_min, rebuild_fraction
        self.ca, self.cb, self.cd = (x.astype(I32) for x in contacts)
        self.nc = int(self.ca.size)
        self.calive = np.ones(self.nc, dtype=bool)
        self.dead_contacts = 0
        self.rg, self.rp, self.rf, self.rt = (x.astype(I32) for x in records)
        self.nr = int(self.rg.size)
        self.ralive = np.ones(self.nr, dtype=bool)
        self.dead_records = 0
        self.n_groups = int(self.rg.max()) + 1 if self.nr else 0
        self.is_src = np.zeros(n, dtype=bool)
        self.flo = np.full(n, NEVER, dtype=I32)  # F0 spreads on flo <= d < fhi
        self.fhi = np.full(n, NEVER, dtype=I32)
        self.q = quarantine.astype(I32)
        self.xhi = self.q.copy()  # an exposed person spreads on exposed <= d < xhi
        self.indexed = False
        # Sets larger than these are handled by sweeping all rows instead of index lookups.
        self.sweep_persons = max(n // 32, 4096)
        self.sweep_groups = max(self.n_groups // 32, 4096)
        self.mark = np.zeros(n, dtype=bool)
        self.pbuf = np.zeros(max(n, 1), dtype=np.int64)
        self._group_scratch(self.n_groups)

    def _group_scratch(self, size: int) -> None:
        size = max(size, 1)
        self.gmark = np.zeros(size, dtype=bool)
        self.gbuf = np.zeros(size, dtype=np.int64)
        self.gmin = np.full(size, NEVER, dtype=I32)
        self.ghi = np.full(size, LOWEST, dtype=I32)
        self.gsp = np.zeros(size, dtype=I32)
        self.glast = np.full(size, LOWEST, dtype=I32)

    # ------------------------------------------------------------------ changes of the inputs

    def set_sources(self, persons: np.ndarray, start: np.ndarray, isolated: np.ndarray) -> None:
        """Make ``persons`` F0s spreading on ``start..isolated`` inclusive."""
        self.is_src[persons] = True
        self.flo[persons] = start
        self.fhi[persons] = np.where(isolated == NEVER, NEVER, isolated + 1)
        self._refresh(persons)

    def remove_sources(self, persons: np.ndarray) -> None:
        """``persons`` are no longer F0s."""
        self.is_src[persons] = False
        self.flo[persons] = NEVER
        self.fhi[persons] = NEVER
        self._refresh(persons)

    def set_quarantine(self, persons: np.ndarray, days: np.ndarray) -> None:
        """Quarantine start days (``NEVER`` to clear)."""
        self.q[persons] = days
        self._refresh(persons)

    def _refresh(self, persons: np.ndarray) -> None:
        self.xhi[persons] = np.minimum(self.q[persons], self.fhi[persons])

    def add_contacts(self, a: np.ndarray, b: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Append contacts; returns their indices."""
        ids = np.arange(self.nc, self.nc + a.size, dtype=I32)
        end = self.nc + a.size
        self.ca, self.cb, self.cd = (_grown(arr, end) for arr in (self.ca, self.cb, self.cd))
        self.ca[self.nc : end], self.cb[self.nc : end], self.cd[self.nc : end] = a, b, day
        self.calive = _grown(self.calive, end, True)
        self.calive[self.nc : end] = True
        self.nc = end
        if self.indexed:
            self.by_a.add(a, ids)
            self.by_b.add(b, ids)
            if self.by_a.overflow_size > max(self.rebuild_min, self.rebuild_fraction * self.nc):
                self.by_a, self.by_b = self._contact_indexes()
        return ids

    def add_records(self, group: np.ndarray, person: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Append attendance records; returns their indices."""
        ids = np.arange(self.nr, self.nr + group.size, dtype=I32)
        end = self.nr + group.size
        self.rg, self.rp, self.rf, self.rt = (_grown(arr, end) for arr in (self.rg, self.rp, self.rf, self.rt))
        self.rg[self.nr : end], self.rp[self.nr : end] = group, person
        self.rf[self.nr : end], self.rt[self.nr : end] = lo, hi
        self.ralive = _grown(self.ralive, end, True)
        self.ralive[self.nr : end] = True
        self.nr = end
        if int(group.max()) + 1 > self.n_groups:
            self.n_groups = int(group.max()) + 1
            if self.n_groups > self.gmin.size:
                self._group_scratch(2 * self.n_groups)
        if self.indexed:
            self.rec_by_person.add(person, ids)
            self.rec_by_group.add(group, ids)
            if self.rec_by_person.overflow_size > max(self.rebuild_min, self.rebuild_fraction * self.nr):
                self.rec_by_person, self.rec_by_group = self._record_indexes()
        return ids

    def remove_contacts(self, ids: np.ndarray) -> None:
        """Mark contacts removed (indices are never reused)."""
        self.calive[ids] = False
        self.dead_contacts += int(ids.size)

    def remove_records(self, ids: np.ndarray) -> None:
        """Mark attendance records removed."""
        self.ralive[ids] = False
        self.dead_records += int(ids.size)

    # ------------------------------------------------------------------ indexes

    def ensure_indexes(self) -> None:
        """Build the CSR indexes (person -> contacts, person -> records, group -> records) once."""
        if not self.indexed:
            self.by_a, self.by_b = self._contact_indexes()
            self.rec_by_person, self.rec_by_group = self._record_indexes()
            self.indexed = True

    def _contact_indexes(self) -> tuple[KeyIndex, KeyIndex]:
        ids = np.arange(self.nc, dtype=I32)
        return KeyIndex(self.n, self.ca[: self.nc], ids), KeyIndex(self.n, self.cb[: self.nc], ids)

    def _record_indexes(self) -> tuple[KeyIndex, KeyIndex]:
        ids = np.arange(self.nr, dtype=I32)
        return KeyIndex(self.n, self.rp[: self.nr], ids), KeyIndex(self.n_groups, self.rg[: self.nr], ids)

    def _sweep(self, persons: np.ndarray) -> bool:
        return not self.indexed or persons.size > self.sweep_persons

    def contacts_touching(self, persons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Contacts (alive or not) where the distinct ``persons`` are side a, and where they are side b."""
        if not self._sweep(persons):
            return self.by_a.lookup(persons), self.by_b.lookup(persons)
        self.mark[persons] = True
        ia = np.flatnonzero(self.mark[self.ca[: self.nc]])
        ib = np.flatnonzero(self.mark[self.cb[: self.nc]])
        self.mark[persons] = False
        return ia, ib

    def records_of(self, persons: np.ndarray) -> np.ndarray:
        """Attendance records (alive or not) of the distinct ``persons``."""
        if not self._sweep(persons):
            return self.rec_by_person.lookup(persons)
        self.mark[persons] = True
        ids = np.flatnonzero(self.mark[self.rp[: self.nr]])
        self.mark[persons] = False
        return ids

    def members_of(self, groups: np.ndarray) -> np.ndarray:
        """Attendance records (alive or not) of the distinct ``groups``."""
        if self.indexed and groups.size <= self.sweep_groups:
            return self.rec_by_group.lookup(groups)
        self.gmark[groups] = True
        ids = np.flatnonzero(self.gmark[self.rg[: self.nr]])
        self.gmark[groups] = False
        return ids

    def alive_records(self, ids: np.ndarray) -> np.ndarray:
        """Drop removed records."""
        return ids[self.ralive[ids]] if self.dead_records else ids

    def groups_of(self, records: np.ndarray) -> np.ndarray:
        """Distinct groups of the records."""
        return unique_small(self.rg[records].astype(np.int64), self.gbuf)

    # ------------------------------------------------------------------ candidates

    def spreads(self, persons: np.ndarray, days: np.ndarray, best: np.ndarray) -> np.ndarray:
        """Whether each person passes exposure on each day, given earliest exposure days ``best``."""
        ok = (best[persons] <= days) & (days < self.xhi[persons])
        src = self.is_src[persons]
        if src.any():  # the F0 window only matters for the (few) sources
            p, d = persons[src], days[src]
            ok[src] |= (self.flo[p] <= d) & (d < self.fhi[p])
        return ok

    def contact_candidates(
        self, ia: np.ndarray, ib: np.ndarray, best: np.ndarray, limit: Limit, *, as_spreaders: bool
    ) -> Candidates:
        """Candidates over contacts ``ia`` (query person on side a) and ``ib`` (on side b).

        With ``as_spreaders`` the query persons pass exposure on (push), else they receive it (pull).
        """
        sides = ((ia, self.ca, self.cb), (ib, self.cb, self.ca))
        parts = []
        for ids, query_side, other_side in sides:
            if as_spreaders:
                parts.append(self._side(ids, query_side, other_side, best, limit))
            else:
                parts.append(self._side(ids, other_side, query_side, best, limit))
        return concat(parts)

    def contacts_by_id(self, ids: np.ndarray, best: np.ndarray, limit: Limit) -> Candidates:
        """Both directions of the given contacts."""
        return concat([self._side(ids, self.ca, self.cb, best, limit), self._side(ids, self.cb, self.ca, best, limit)])

    def _side(
        self,
        ids: np.ndarray,
        spreader_side: np.ndarray,
        target_side: np.ndarray,
        best: np.ndarray,
        limit: Limit,
    ) -> Candidates:
        """Contacts ``ids`` read in one direction: keep the live ones that can lower their target (cheap test
        first) and on whose day the spreader spreads."""
        target = target_side[ids]
        if limit.open is not None:
            keep = np.flatnonzero(limit.open[target])
            ids, target = ids[keep], target[keep]
            day = self.cd[ids]
        else:
            day = self.cd[ids]
            keep = np.flatnonzero(day < limit(target))
            ids, target, day = ids[keep], target[keep], day[keep]
        if self.dead_contacts:
            keep = np.flatnonzero(self.calive[ids])
            ids, target, day = ids[keep], target[keep], day[keep]
        spreader = spreader_side[ids]
        keep = np.flatnonzero(self.spreads(spreader, day, best))
        return target[keep], day[keep], spreader[keep], ids[keep].astype(I32)

    def contributions(self, records: np.ndarray, best: np.ndarray) -> Candidates:
        """``(group, first day, last day, spreader)``: the days on which attendance records spread."""
        p, g = self.rp[records], self.rg[records]
        f, t = self.rf[records], self.rt[records]
        lo, hi = np.maximum(f, best[p]), np.minimum(t, self.xhi[p] - 1)
        src = self.is_src[p]
        if src.any():  # F0 window of the sources, as a second interval
            ps = p[src]
            lo = np.concatenate((lo, np.maximum(f[src], self.flo[ps])))
            hi = np.concatenate((hi, np.minimum(t[src], self.fhi[ps] - 1)))
            g, p = np.concatenate((g, g[src])), np.concatenate((p, ps))
        ok = lo <= hi
        return g[ok], lo[ok], hi[ok], p[ok]

    def group_candidates(self, contrib: Candidates, attendees: np.ndarray, limit: Limit) -> Candidates:
        """Earliest exposure of each attendance record from the spreading intervals of its group.

        For an attendee present on ``f..t`` the earliest day is ``max(lo*, f)``, where ``lo*`` is the least
        start among the group's intervals ending on or after ``f``; valid when ``<= t``. Fast path: the
        interval with the group's least start already ends on or after ``f``. Other attendees go through a
        sort.
        A spreader never exposes itself (such a candidate could not lower anything anyway).
        """
        g, lo, hi, sp = contrib
        if g.size == 0 or attendees.size == 0:
            return no_candidates()
        pa, fa = self.rp[attendees], self.rf[attendees]
        keep = np.flatnonzero(limit.open[pa] if limit.open is not None else limit(pa) > fa)
        attendees, pa, fa = attendees[keep], pa[keep], fa[keep]
        ga, ta = self.rg[attendees], self.rt[attendees]
        gmin, ghi, gsp, glast = self.gmin, self.ghi, self.gsp, self.glast
        np.minimum.at(gmin, g, lo)
        np.maximum.at(glast, g, hi)
        first = lo == gmin[g]
        np.maximum.at(ghi, g[first], hi[first])
        widest = first & (hi == ghi[g])
        gsp[g[widest]] = sp[widest]
        start, end, spreader, last = gmin[ga], ghi[ga], gsp[ga], glast[ga]
        gmin[g], ghi[g], glast[g] = NEVER, LOWEST, LOWEST
        fast = (start < NEVER) & (fa <= end)
        day = np.maximum(start, fa)
        ok = fast & (day <= ta) & (spreader != pa)
        out = (pa[ok], day[ok], spreader[ok], -(ga[ok] + 1))
        slow = ~fast & (fa <= last)  # some interval of the group is still running when the attendee arrives
        if not slow.any():
            return out
        return concat([out, self._group_candidates_sorted(contrib, attendees[slow])])

    def _group_candidates_sorted(self, contrib: Candidates, attendees: np.ndarray) -> Candidates:
        """General case: intervals sorted by ``(group, end)``, suffix minimum of ``(group, start)``."""
        g, lo, hi, sp = contrib
        groups = unique_small(self.rg[attendees].astype(np.int64), self.gbuf)
        self.gmark[groups] = True
        mine = self.gmark[g]
        self.gmark[groups] = False
        g, lo, hi, sp = g[mine], lo[mine], hi[mine], sp[mine]
        g64 = g.astype(np.int64)
        key = (g64 << 32) | (hi.astype(np.int64) + _OFF)
        order = np.argsort(key)
        key = key[order]
        starts = ((g64 << 32) | (lo.astype(np.int64) + _OFF))[order][::-1]
        run_min = np.minimum.accumulate(starts)
        last = np.maximum.accumulate(np.where(starts == run_min, np.arange(starts.size), 0))
        suffix_min = run_min[::-1]
        suffix_arg = order[(starts.size - 1 - last)[::-1]]

        ga = self.rg[attendees].astype(np.int64)
        pa, fa, ta = self.rp[attendees], self.rf[attendees], self.rt[attendees]
        at = np.searchsorted(key, (ga << 32) | (fa.astype(np.int64) + _OFF), side="left")
        inside = at < key.size
        at = np.minimum(at, key.size - 1)
        day = np.maximum((suffix_min[at] & _LOW32) - _OFF, fa).astype(I32)
        spreader = sp[suffix_arg[at]]
        ok = inside & ((key[at] >> 32) == ga) & (day <= ta) & (spreader != pa)
        return pa[ok], day[ok], spreader[ok], (-(ga[ok] + 1)).astype(I32)

    def push(self, persons: np.ndarray, best: np.ndarray, limit: Limit) -> Candidates:
        """Exposures that the distinct ``persons`` pass on, spreading according to ``best``."""
        if persons.size == 0:
            return no_candidates()
        ia, ib = self.contacts_touching(persons)
        contacts = self.contact_candidates(ia, ib, best, limit, as_spreaders=True)
        contrib = self.contributions(self.alive_records(self.records_of(persons)), best)
        members = self.alive_records(self.members_of(unique_small(contrib[0].astype(np.int64), self.gbuf)))
        return concat([contacts, self.group_candidates(contrib, members, limit)])

    def pull(self, persons: np.ndarray, best: np.ndarray, limit: Limit) -> Candidates:
        """Every exposure the distinct ``persons`` receive from spreaders spreading according to ``best``."""
        ia, ib = self.contacts_touching(persons)
        contacts = self.contact_candidates(ia, ib, best, limit, as_spreaders=False)
        own = self.alive_records(self.records_of(persons))
        spreaders = self.alive_records(self.members_of(self.groups_of(own)))
        return concat([contacts, self.group_candidates(self.contributions(spreaders, best), own, limit)])

    def added_record_candidates(self, records: np.ndarray, best: np.ndarray, limit: Limit) -> Candidates:
        """New attendance records as spreaders (to their groups) and as attendees (from their groups)."""
        records = self.alive_records(records)
        if records.size == 0:
            return no_candidates()
        everyone = self.alive_records(self.members_of(self.groups_of(records)))
        as_spreaders = self.group_candidates(self.contributions(records, best), everyone, limit)
        as_attendees = self.group_candidates(self.contributions(everyone, best), records, limit)
        return concat([as_spreaders, as_attendees])
