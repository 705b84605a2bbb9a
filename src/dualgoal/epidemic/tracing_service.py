"""The thin service between the database and the pure tracing engine: load, compute, store what changed.

- `trace_recompute()` rebuilds the engine from the database and stores only the levels that changed, with a
  history row (cause) per changed person.
- `relevel(...)` applies one change (a case, a contact, a quarantine start…) incrementally when this process
  holds an engine of the current generation, and falls back to a full recompute otherwise. It runs inside the
  caller's transaction; the in-process engine is trusted again only after the commit.

Days are integers since EPOCH. Rules: the infectious period starts `tracing.infectious_days_before` days before
onset (or the positive sample without onset); levels go up to `tracing.max_level`.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from dualgoal.core.bulk import insert_rows, large_page_cache, upsert_rows
from dualgoal.core.clock import today
from dualgoal.core.rulebook import RuleNotFound, rule

from .models import TraceCursor, TraceState
from .signals import contact_levels_reached
from .tracing import NEVER, Attendance, Changes, Contacts, Sources, TracingEngine, explain_arrays

EPOCH = dt.date(2020, 1, 1)
_LOCK = threading.RLock()  # relevel may fall back to trace_recompute inside the lock


def to_day(value: dt.date | None) -> int:
    return NEVER if value is None else (value - EPOCH).days


def from_day(day: int) -> dt.date | None:
    return None if day >= NEVER else EPOCH + dt.timedelta(days=int(day))


def _rule_int(key: str, default: int, on: dt.date) -> int:
    try:
        return int(rule(key, on=on).value)
    except RuleNotFound:
        return default


@dataclass
class Loaded:
    """The engine and the maps from its dense indices back to database keys.

    The engine is built with spare person slots (`SPARE_PERSONS`): a person registered after the build (a larger
    primary key than any loaded) takes the next free slot, so the first contact of a new person is an incremental
    update, not a full recompute. Slots beyond `person_ids.size` have no inputs and stay untraced."""

    engine: TracingEngine
    person_ids: np.ndarray  # sorted Person pks; engine index = position
    contact_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # engine contact -> pk
    generation: int | None = None

    @property
    def n(self) -> int:
        return int(self.person_ids.size)

    def index_of(self, pks, *, grow: bool = False) -> np.ndarray:
        """Engine indices of person pks. With `grow`, pks newer than every loaded person take spare slots."""
        pks = np.asarray(pks, dtype=np.int64)
        idx = np.searchsorted(self.person_ids, pks)
        known = (idx < self.n) & (self.person_ids[np.minimum(idx, max(self.n - 1, 0))] == pks) if self.n else idx < 0
        if idx.size and not known.all():
            new = np.unique(pks[~known])
            top = self.person_ids[-1] if self.n else -1
            if not grow or new[0] <= top or self.n + new.size > self.engine.n_persons:
                raise KeyError("unknown person")
            self.person_ids = np.concatenate([self.person_ids, new])
            idx = np.searchsorted(self.person_ids, pks)
        return idx

    def add_contact_ids(self, pks) -> None:
        self.contact_ids = np.concatenate([self.contact_ids, np.asarray(list(pks), dtype=np.int64)])


_CACHE: Loaded | None = None
SPARE_PERSONS = 1024  # at least; or 1 % of the persons loaded
STORE_CHUNK = 100_000


def _days_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"({column} - DATE '{EPOCH.isoformat()}')"
    return f"CAST(julianday({column}) - julianday('{EPOCH.isoformat()}') AS INTEGER)"


def _fetch(sql: str, columns: int, *, chunk: int = 200_000) -> np.ndarray:
    """Integer rows as one array, read in chunks: a province's five million contacts as Python tuples would take
    about a gigabyte; as int64 they take 160 MB."""
    parts = []
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(chunk):
            parts.append(np.array(rows, dtype=np.int64))
    if not parts:
        return np.zeros((0, columns), dtype=np.int64)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def load(*, as_of: dt.date | None = None) -> Loaded:
    """Read every tracing input from the database into arrays and build the engine."""
    as_of = as_of or today()
    person_ids = _fetch("SELECT id FROM people_person ORDER BY id", 1)[:, 0]
    index = lambda pks: np.searchsorted(person_ids, pks)  # noqa: E731
    contacts = _fetch(f"SELECT id, person_a_id, person_b_id, {_days_sql('date')} FROM epidemic_contact ORDER BY id", 4)
    attendance = _fetch(
        f"SELECT group_id, person_id, {_days_sql('date_from')}, {_days_sql('date_to')} FROM epidemic_attendance", 4
    )
    sources = _sources(person_ids, as_of)
    quarantine = np.full(person_ids.size + max(SPARE_PERSONS, int(person_ids.size) // 100), NEVER, dtype=np.int64)
    starts = _fetch(
        f"SELECT person_id, MAX({_days_sql('start_date')}) FROM epidemic_quarantinestart GROUP BY person_id", 2
    )
    if starts.size:
        quarantine[index(starts[:, 0])] = starts[:, 1]
    engine = TracingEngine(
        int(person_ids.size) + max(SPARE_PERSONS, int(person_ids.size) // 100),
        Contacts(index(contacts[:, 1]), index(contacts[:, 2]), contacts[:, 3]),
        Attendance(attendance[:, 0], index(attendance[:, 1]), attendance[:, 2], attendance[:, 3]),
        sources,
        quarantine,
        max_level=_rule_int("tracing.max_level", 3, as_of),
    )
    return Loaded(engine, person_ids, contacts[:, 0].copy())


def _sources(person_ids: np.ndarray, as_of: dt.date) -> Sources:
    """F0: each person's latest case; infectious from onset (or sample) minus the rule's days, until isolation."""
    from .models import Case

    days_before = _rule_int("tracing.infectious_days_before", 2, as_of)
    latest: dict[int, tuple] = {}
    for person_id, onset, sample, isolated in Case.objects.order_by("sample_date", "pk").values_list(
        "person_id", "onset_date", "sample_date", "isolation_date"
    ):
        latest[person_id] = (onset, sample, isolated)
    persons = np.array(sorted(latest), dtype=np.int64)
    starts = [to_day(latest[p][0] or latest[p][1]) - days_before for p in persons.tolist()]
    stops = [to_day(latest[p][2]) for p in persons.tolist()]
    return Sources(
        np.searchsorted(person_ids, persons), np.array(starts, dtype=np.int64), np.array(stops, dtype=np.int64)
    )


def source_window(case) -> tuple[int, int]:
    days_before = _rule_int("tracing.infectious_days_before", 2, case.onset_date or case.sample_date)
    return to_day(case.onset_date or case.sample_date) - days_before, to_day(case.isolation_date)


# --- storing ----------------------------------------------------------------------------------------------


def _stored(person_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stored level and exposure day per engine index (-1 / NEVER where none)."""
    level = np.full(person_ids.size, -1, dtype=np.int64)
    exposed = np.full(person_ids.size, NEVER, dtype=np.int64)
    rows = _fetch(f"SELECT person_id, level, {_days_sql('exposed_on')} FROM epidemic_tracestate", 3)
    if rows.size:
        idx = np.searchsorted(person_ids, rows[:, 0])
        level[idx], exposed[idx] = rows[:, 1], rows[:, 2]
    return level, exposed


def _iso(day: int) -> str | None:
    return (
        None
        if day >= NEVER
        else _DATES.get(day) or _DATES.setdefault(day, (EPOCH + dt.timedelta(days=day)).isoformat())
    )


_DATES: dict[int, str] = {}


def _paths(loaded: Loaded, persons: np.ndarray) -> list[str]:
    """The explanation of each person as JSON text, steps in database keys (vectorised over persons)."""
    result = loaded.engine.result
    origin, hops = explain_arrays(result, persons)
    pk_of, contact_ids = loaded.person_ids, loaded.contact_ids
    steps: list[list[str]] = [[] for _ in range(origin.size)]
    for rows, who, day, parent, via in reversed(hops):  # from the F0 forwards
        for row, w, d, par, v in zip(
            rows.tolist(), pk_of[who].tolist(), day.tolist(), pk_of[parent].tolist(), via.tolist(), strict=True
        ):
            carrier = (
                f'"contact": {int(contact_ids[v])}, "group": null' if v >= 0 else f'"contact": null, "group": {-v - 1}'
            )
            steps[row].append(f'{{"person": {w}, "day": "{_iso(d)}", "from": {par}, {carrier}}}')
    texts = []
    for row, first in enumerate(origin.tolist()):
        start = int(result.infectious_start[first])
        head = (
            f'{{"person": {int(pk_of[first])}, "day": "{_iso(start)}", "from": null, "contact": null, "group": null}}'
        )
        texts.append("[" + ", ".join([head, *steps[row]]) + "]")
    return texts


def store(loaded: Loaded, persons: np.ndarray, old_level: np.ndarray, old_exposed: np.ndarray, *, cause: str) -> int:
    """Write the new level, day and path of `persons` (engine indices), and their history rows."""
    if persons.size == 0:
        return 0
    level = loaded.engine.result.level[persons].astype(np.int64)
    exposed = loaded.engine.result.exposed_on[persons].astype(np.int64)
    pks = loaded.person_ids[persons]
    gone = pks[level < 0].tolist()
    if gone:
        for chunk in _chunks(gone, 900):
            TraceState.objects.filter(person_id__in=chunk).delete()
    keep = np.flatnonzero(level >= 0)
    now = timezone.now().isoformat()
    columns = ["person_id", "level", "exposed_on", "path", "computed_at"]
    # In chunks: a first recompute of a province stores over a million paths; their texts are built and written a
    # chunk at a time. States not stored yet are inserted, the others upserted.
    for part in _chunks(keep, STORE_CHUNK):
        paths = _paths(loaded, persons[part])
        rows = zip(pks[part].tolist(), level[part].tolist(), map(_iso, exposed[part].tolist()), paths, strict=True)
        inserts, upserts = [], []
        for new, (pk, lvl, day, path) in zip((old_level[part] < 0).tolist(), rows, strict=True):
            (inserts if new else upserts).append((pk, lvl, day, path, now))
        del paths, rows
        insert_rows("epidemic_tracestate", columns, inserts)
        upsert_rows("epidemic_tracestate", columns, upserts, conflict=["person_id"])
        del inserts, upserts
    moved = np.flatnonzero(old_level != level)
    insert_rows(
        "epidemic_levelchange",
        ["person_id", "old_level", "new_level", "old_exposed_on", "new_exposed_on", "cause", "at"],
        (
            (pk, None if old < 0 else old, None if new < 0 else new, _iso(old_day), _iso(day), cause[:255], now)
            for pk, old, new, old_day, day in zip(
                pks[moved].tolist(),
                old_level[moved].tolist(),
                level[moved].tolist(),
                old_exposed[moved].tolist(),
                exposed[moved].tolist(),
                strict=True,
            )
        ),
    )
    reached = np.flatnonzero((level >= 0) & (level <= 1) & (old_level != level))
    if reached.size:
        pairs = list(zip(pks[reached].tolist(), level[reached].tolist(), strict=True))
        transaction.on_commit(lambda: contact_levels_reached.send(sender=TraceState, reached=pairs, cause=cause))
    return int(persons.size)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- entry points -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recompute:
    counts: dict[int, int]
    changed: int
    loaded: Loaded


@transaction.atomic
def trace_recompute(*, as_of: dt.date | None = None, cause: str = "Tính lại toàn bộ") -> Recompute:
    """Full recompute from the database; store only what changed. Leaves a current engine in this process."""
    global _CACHE
    with _LOCK:
        cursor = _cursor()
        _CACHE = None
        loaded = load(as_of=as_of)
        old_level, old_exposed = _stored(loaded.person_ids)
        result, n = loaded.engine.result, loaded.n
        changed = np.flatnonzero((old_level != result.level[:n]) | (old_exposed != result.exposed_on[:n]))
        with large_page_cache():
            store(loaded, changed, old_level[changed], old_exposed[changed], cause=cause)
        _bump(cursor, loaded)
        return Recompute(result.counts(), int(changed.size), loaded)


def relevel(*, cause: str, **update) -> int:
    """Apply one input change (keyword arguments of TracingEngine.update, in *database* keys) incrementally.

    Accepted: add_contacts=[(contact_pk, a_pk, b_pk, date)], set_sources=[(person_pk, start_day, stop_day)],
    set_quarantine=[(person_pk, date)], add_attendance=[(group_pk, person_pk, date_from, date_to)].
    Falls back to a full recompute when this process has no current engine or a key is new to it.
    """
    global _CACHE
    with _LOCK:
        cursor = _cursor()
        loaded = _CACHE
        if loaded is None or loaded.generation != cursor.generation:
            _CACHE = None
            return trace_recompute(cause=cause).changed
        try:
            kwargs = _translate(loaded, update)
        except KeyError:  # a person or group the engine has never seen: rebuild
            _CACHE = None
            return trace_recompute(cause=cause).changed
        _CACHE = None  # untrusted until the transaction commits
        changes: Changes = loaded.engine.update(**kwargs)
        loaded.add_contact_ids(pk for pk, *_ in update.get("add_contacts", []))
        store(
            loaded,
            changes.persons.astype(np.int64),
            changes.old_level.astype(np.int64),
            changes.old_exposed_on.astype(np.int64),
            cause=cause,
        )
        _bump(cursor, loaded)
        return len(changes)


def _translate(loaded: Loaded, update: dict) -> dict:
    kwargs: dict = {}
    if rows := update.get("add_contacts"):
        _, a, b, days = zip(*rows, strict=True)
        kwargs["add_contacts"] = Contacts(
            loaded.index_of(a, grow=True), loaded.index_of(b, grow=True), [to_day(d) for d in days]
        )
    if rows := update.get("set_sources"):
        persons, starts, stops = zip(*rows, strict=True)
        kwargs["set_sources"] = Sources(loaded.index_of(persons, grow=True), list(starts), list(stops))
    if rows := update.get("set_quarantine"):
        persons, days = zip(*rows, strict=True)
        kwargs["set_quarantine"] = (loaded.index_of(persons, grow=True), [to_day(d) for d in days])
    if rows := update.get("add_attendance"):
        groups, persons, starts, ends = zip(*rows, strict=True)
        kwargs["add_attendance"] = Attendance(
            list(groups), loaded.index_of(persons, grow=True), [to_day(d) for d in starts], [to_day(d) for d in ends]
        )
    return kwargs


def _cursor() -> TraceCursor:
    TraceCursor.objects.get_or_create(pk=1)
    return TraceCursor.objects.select_for_update().get(pk=1)


def _bump(cursor: TraceCursor, loaded: Loaded) -> None:
    cursor.generation += 1
    cursor.save(update_fields=["generation", "updated_at"])
    generation = cursor.generation

    def trust() -> None:
        global _CACHE
        loaded.generation = generation
        _CACHE = loaded

    transaction.on_commit(trust)


def forget_engine() -> None:
    """Drop the in-process engine (tests, or after bulk loads that bypass the services)."""
    global _CACHE
    _CACHE = None
