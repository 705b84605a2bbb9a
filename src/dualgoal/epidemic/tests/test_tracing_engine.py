"""Tests of the pure tracing engine (no Django, no database)."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dualgoal.epidemic.tracing import (
    NEVER,
    Attendance,
    Changes,
    Contacts,
    Sources,
    TracingEngine,
    TracingResult,
    diff,
    explain,
    reference_trace,
    trace,
)

# ---------------------------------------------------------------------------- helpers

_SCALE = int(os.environ.get("TRACING_EXAMPLES_SCALE", "1"))  # raise for a longer property-test run


@dataclass
class World:
    """Plain description of the inputs, mirrored by the tests next to an engine."""

    n: int
    contacts: list[tuple[int, int, int]] = field(default_factory=list)
    records: list[tuple[int, int, int, int]] = field(default_factory=list)
    sources: dict[int, tuple[int, int]] = field(default_factory=dict)
    quarantine: dict[int, int] = field(default_factory=dict)
    dead_contacts: set[int] = field(default_factory=set)
    dead_records: set[int] = field(default_factory=set)
    max_level: int = 3

    def live_contacts(self) -> list[tuple[int, int, int]]:
        return [c for i, c in enumerate(self.contacts) if i not in self.dead_contacts]

    def live_records(self) -> list[tuple[int, int, int, int]]:
        return [r for i, r in enumerate(self.records) if i not in self.dead_records]

    def args(self) -> tuple:
        cs, rs = self.live_contacts(), self.live_records()
        contacts = Contacts(*(list(col) for col in zip(*cs, strict=True))) if cs else Contacts()
        attendance = Attendance(*(list(col) for col in zip(*rs, strict=True))) if rs else Attendance()
        srcs = sorted(self.sources.items())
        sources = Sources([p for p, _ in srcs], [w[0] for _, w in srcs], [w[1] for _, w in srcs])
        q = [self.quarantine.get(p, NEVER) for p in range(self.n)]
        return self.n, contacts, attendance, sources, q

    def engine(self, **kwargs) -> TracingEngine:
        return TracingEngine(*self.args(), max_level=self.max_level, **kwargs)

    def reference(self) -> tuple[list[int], list[int]]:
        n, contacts, attendance, sources, q = self.args()
        return reference_trace(
            n,
            (contacts.a, contacts.b, contacts.day),
            (attendance.group, attendance.person, attendance.day_from, attendance.day_to),
            (sources.person, sources.infectious_start, sources.isolated_on),
            q,
            self.max_level,
        )

    # -- spread windows, written out once more from the definition
    def f0_days(self, p: int) -> tuple[int, int]:
        if p not in self.sources:
            return NEVER, NEVER
        start, iso = self.sources[p]
        return start, NEVER if iso == NEVER else iso + 1

    def exposed_stop(self, p: int) -> int:
        return min(self.quarantine.get(p, NEVER), self.f0_days(p)[1])


def brute_force(world: World) -> tuple[list[int], list[int]]:
    """The definition itself: enumerate every time-respecting walk of at most ``max_level`` hops.

    Groups are expanded into one pairwise contact per pair of attendees and per day both are present.
    """
    adj: dict[int, list[tuple[int, int]]] = {p: [] for p in range(world.n)}
    for a, b, d in world.live_contacts():
        adj[a].append((b, d))
        adj[b].append((a, d))
    live = world.live_records()
    for i, (g1, p1, lo1, hi1) in enumerate(live):
        for g2, p2, lo2, hi2 in live[i + 1 :]:
            if g1 == g2 and p1 != p2:
                for d in range(max(lo1, lo2), min(hi1, hi2) + 1):
                    adj[p1].append((p2, d))
                    adj[p2].append((p1, d))
    best: dict[int, tuple[int, int]] = {}

    def walk(p: int, lo: int, hi: int, hops: int) -> None:
        if hops == world.max_level:
            return
        for other, d in adj[p]:
            if lo <= d < hi:
                if other not in best or (hops + 1, d) < best[other]:
                    best[other] = (hops + 1, d)
                walk(other, d, world.exposed_stop(other), hops + 1)

    for p in world.sources:
        walk(p, *world.f0_days(p), 0)
    level, exposed = [-1] * world.n, [NEVER] * world.n
    for p, (hops, d) in best.items():
        level[p], exposed[p] = hops, d
    for p, (start, _) in world.sources.items():
        level[p], exposed[p] = 0, start
    return level, exposed


def levels(result: TracingResult) -> tuple[list[int], list[int]]:
    return result.level.tolist(), result.exposed_on.tolist()


def check_explanations(world: World, result: TracingResult) -> None:
    """Each traced person's path: a real, time-respecting path of ``level`` hops ending on ``exposed_on``."""
    for person in range(world.n):
        steps = explain(result, person)
        level = int(result.level[person])
        if level < 0:
            assert steps == []
            continue
        assert len(steps) == level + 1
        assert steps[0].person in world.sources and steps[0].hop == 0
        assert steps[-1].person == person
        assert steps[-1].day == result.exposed_on[person]
        for prev, step in itertools.pairwise(steps):
            assert step.hop == prev.hop + 1 and step.from_person == prev.person
            lo, hi = world.f0_days(prev.person) if prev.hop == 0 else (prev.day, world.exposed_stop(prev.person))
            assert lo <= step.day < hi, (steps, step)
            if step.contact is not None:
                assert step.contact not in world.dead_contacts
                a, b, d = world.contacts[step.contact]
                assert {a, b} == {prev.person, step.person} and d == step.day
            else:
                for who in (prev.person, step.person):
                    assert any(
                        g == step.group and p == who and f <= step.day <= t for g, p, f, t in world.live_records()
                    ), (steps, step)


# ---------------------------------------------------------------------------- hand-built graphs


def test_chain_levels_and_days() -> None:
    world = World(5, contacts=[(0, 1, 5), (1, 2, 6), (2, 3, 7), (3, 4, 8)], sources={0: (4, 9)})
    result = world.engine().result
    assert levels(result) == ([0, 1, 2, 3, -1], [4, 5, 6, 7, NEVER])


def test_contact_before_exposure_passes_nothing() -> None:
    # 1 meets 2 on day 3 but is only exposed by the F0 on day 5.
    world = World(3, contacts=[(1, 2, 3), (0, 1, 5)], sources={0: (4, 9)})
    assert levels(world.engine().result) == ([0, 1, -1], [4, 5, NEVER])


def test_contact_on_exposure_day_passes_on() -> None:
    world = World(3, contacts=[(0, 1, 5), (1, 2, 5)], sources={0: (4, 9)})
    assert levels(world.engine().result)[0] == [0, 1, 2]


def test_contact_before_infectious_start_passes_nothing() -> None:
    world = World(2, contacts=[(0, 1, 3)], sources={0: (4, 9)})
    assert levels(world.engine().result)[0] == [0, -1]


def test_isolation_day_counts_and_later_days_do_not() -> None:
    world = World(3, contacts=[(0, 1, 9), (0, 2, 10)], sources={0: (4, 9)})
    assert levels(world.engine().result)[0] == [0, 1, -1]


def test_quarantine_day_passes_nothing() -> None:
    world = World(4, contacts=[(0, 1, 5), (1, 2, 7), (1, 3, 6)], sources={0: (4, 9)}, quarantine={1: 7})
    assert levels(world.engine().result)[0] == [0, 1, -1, 2]


def test_earlier_exposure_at_more_hops_spreads_further() -> None:
    # 3 is reached in 1 hop on day 10 and in 2 hops on day 5; only the day-5 exposure reaches 4 (day 6).
    world = World(5, contacts=[(0, 3, 10), (0, 1, 4), (1, 3, 5), (3, 4, 6)], sources={0: (4, 20)}, max_level=4)
    result = world.engine().result
    assert result.level.tolist() == [0, 1, -1, 1, 3]
    assert result.exposed_on.tolist() == [4, 4, NEVER, 10, 6]
    assert [s.person for s in explain(result, 4)] == [0, 1, 3, 4]
    assert levels(result) == brute_force(world)


def test_cycles_terminate_and_keep_least_hops() -> None:
    world = World(4, contacts=[(0, 1, 5), (1, 2, 6), (2, 0, 7), (2, 3, 8), (3, 1, 9)], sources={0: (4, 20)})
    result = world.engine().result
    assert result.level.tolist() == [0, 1, 1, 2]
    assert levels(result) == brute_force(world) == tuple(world.reference())


def test_max_level_cut_off() -> None:
    world = World(6, contacts=[(i, i + 1, 5 + i) for i in range(5)], sources={0: (4, 20)}, max_level=2)
    assert world.engine().result.level.tolist() == [0, 1, 2, -1, -1, -1]
    world.max_level = 5
    assert world.engine().result.level.tolist() == [0, 1, 2, 3, 4, 5]


def test_recovered_isolated_case_passes_nothing_after_isolation() -> None:
    # F0 isolated on day 6 (then discharged): later household contacts pass nothing.
    world = World(3, contacts=[(0, 1, 12), (0, 2, 6)], sources={0: (3, 6)})
    assert world.engine().result.level.tolist() == [0, -1, 1]


def test_f1_becoming_f0_relevels_downstream() -> None:
    world = World(5, contacts=[(0, 1, 5), (1, 2, 6), (2, 3, 7), (3, 4, 8)], sources={0: (4, 9)})
    engine = world.engine()
    changes = engine.add_source(1, 6, 12)
    world.sources[1] = (6, 12)
    # 2 was exposed by 1 on day 6 either way; 3 and 4 move up a level.
    assert engine.result.level.tolist() == [0, 0, 1, 2, 3]
    assert [(c.person, c.old_level, c.new_level) for c in changes] == [
        (1, 1, 0),
        (2, 2, 1),
        (3, 3, 2),
        (4, -1, 3),
    ]
    assert levels(engine.result) == levels(world.engine().result)
    check_explanations(world, engine.result)


def test_f0_exposed_earlier_spreads_as_exposed_person() -> None:
    # 1 is an F0 infectious from day 10, but was exposed by F0 0 on day 3 and met 2 on day 5.
    world = World(3, contacts=[(0, 1, 3), (1, 2, 5)], sources={0: (2, 4), 1: (10, 12)})
    result = world.engine().result
    assert result.level.tolist() == [0, 0, 2]
    assert [s.person for s in explain(result, 2)] == [0, 1, 2]
    assert levels(result) == brute_force(world)


def test_group_attendees_on_disjoint_days_are_not_in_contact() -> None:
    records = [(7, 0, 1, 3), (7, 1, 4, 6), (7, 2, 3, 5)]
    world = World(3, records=records, sources={0: (0, 20)}, max_level=1)
    result = world.engine().result
    assert levels(result) == ([0, -1, 1], [0, NEVER, 3])
    assert explain(result, 2)[-1].group == 7
    # 2 spreads from day 3 while present (to day 5): 1 arrives on day 4.
    world.max_level = 2
    assert levels(world.engine().result) == ([0, 2, 1], [0, 4, 3])


def test_group_exposure_day_is_first_common_spreading_day() -> None:
    records = [(1, 0, 0, 9), (1, 1, 0, 9), (1, 2, 7, 9)]
    world = World(3, records=records, sources={0: (5, 6)})
    # 0 spreads on days 5-6 (isolated on 6): 1 is exposed on 5; 2 arrives on 7, only 1 can expose 2 then.
    assert levels(world.engine().result) == ([0, 1, 2], [5, 5, 7])
    assert levels(world.engine().result) == brute_force(world) == tuple(world.reference())


def test_group_hop_counts_once() -> None:
    records = [(0, p, 0, 9) for p in range(6)]
    world = World(6, records=records, sources={0: (2, 4)})
    assert world.engine().result.level.tolist() == [0, 1, 1, 1, 1, 1]


def test_incremental_quarantine_and_contact_removal() -> None:
    world = World(4, contacts=[(0, 1, 5), (1, 2, 6), (2, 3, 9), (0, 2, 8)], sources={0: (4, 9)})
    engine = world.engine()
    assert engine.result.level.tolist() == [0, 1, 1, 2]
    engine.remove_contact(3)
    world.dead_contacts.add(3)
    assert engine.result.level.tolist() == [0, 1, 2, 3]
    changes = engine.set_quarantine(1, 6)
    world.quarantine[1] = 6
    assert engine.result.level.tolist() == [0, 1, -1, -1]
    assert {c.person for c in changes} == {2, 3}
    engine.set_quarantine(1, NEVER)
    del world.quarantine[1]
    assert engine.result.level.tolist() == [0, 1, 2, 3]
    check_explanations(world, engine.result)


def test_compute_reports_changes_and_trace_is_pure() -> None:
    world = World(3, contacts=[(0, 1, 5)], sources={0: (4, 9)})
    engine = world.engine()
    assert len(engine.compute()) == 0
    assert trace(*world.args()).level.tolist() == [0, 1, -1]
    before = engine.result.copy()
    engine.add_contact(1, 2, 6)
    assert diff(before, engine.result).persons.tolist() == [2]


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"contacts": Contacts([0], [0], [5])}, "links person 0 with themself"),
        ({"contacts": Contacts([0], [-1], [5])}, r"contacts.b\[0\] = -1 is not a person index"),
        (
            {"contacts": Contacts([0, 3], [1, 1], [5, 5])},
            r"contacts.a\[1\] = 3 is not a person index \(0..2\)",
        ),
        ({"contacts": Contacts([0], [1], [5.5])}, "must hold integers"),
        ({"contacts": Contacts([0, 1], [1], [5])}, "differ in length"),
        ({"attendance": Attendance([0], [1], [5], [4])}, "ends .* before it starts"),
        ({"attendance": Attendance([-2], [1], [4], [5])}, "is not a group id"),
        ({"sources": Sources([1, 1], [4, 5], [6, 7])}, "listed 2 times as a source"),
        ({"sources": Sources([9], [4], [6])}, "not a person index"),
        ({"quarantined_on": [1, 2]}, "2 entries for 3 persons"),
        ({"max_level": 0}, "max_level"),
    ],
)
def test_bad_input_is_rejected(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TracingEngine(3, **kwargs)


def test_bad_updates_are_rejected_without_side_effects() -> None:
    engine = World(3, contacts=[(0, 1, 5)], sources={0: (4, 9)}).engine()
    with pytest.raises(ValueError, match="themself"):
        engine.add_contact(2, 2, 5)
    with pytest.raises(ValueError, match="not a contact index"):
        engine.remove_contact(5)
    with pytest.raises(ValueError, match="not a person index"):
        engine.add_source(3, 1, 2)
    with pytest.raises(ValueError, match="not a person index"):
        engine.explain(-1)
    engine.remove_contact(0)
    with pytest.raises(ValueError, match="already removed"):
        engine.remove_contact(0)
    assert engine.n_contacts == 1 and engine.result.level.tolist() == [0, -1, -1]


# ---------------------------------------------------------------------------- property tests

DAY = st.integers(0, 9)


@st.composite
def worlds(draw: st.DrawFn) -> World:
    n = draw(st.integers(2, 7))
    person = st.integers(0, n - 1)
    contacts = draw(st.lists(st.tuples(person, person, DAY).filter(lambda c: c[0] != c[1]), max_size=12))
    records = draw(
        st.lists(
            st.tuples(st.integers(0, 2), person, DAY, st.integers(0, 3)).map(lambda r: (r[0], r[1], r[2], r[2] + r[3])),
            max_size=7,
        )
    )
    sources = draw(
        st.dictionaries(
            person,
            st.tuples(DAY, st.one_of(st.just(-1), st.integers(0, 5))).map(
                lambda w: (w[0], NEVER if w[1] < 0 else w[0] + w[1] - 1)
            ),
            min_size=1,
            max_size=3,
        )
    )
    quarantine = draw(st.dictionaries(person, st.integers(0, 12), max_size=n))
    return World(n, contacts, records, sources, quarantine, max_level=draw(st.integers(1, 4)))


@settings(max_examples=400 * _SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_engine_matches_reference_and_brute_force(world: World) -> None:
    result = world.engine().result
    expected = brute_force(world)
    assert levels(result) == expected
    assert tuple(world.reference()) == expected
    check_explanations(world, result)


@st.composite
def operations(draw: st.DrawFn, world: World) -> list[tuple]:
    n = world.n
    person = st.integers(0, n - 1)
    op = st.one_of(
        st.tuples(st.just("add_contact"), st.tuples(person, person, DAY).filter(lambda c: c[0] != c[1])),
        st.tuples(st.just("remove_contact"), st.integers(0, 100)),
        st.tuples(
            st.just("add_attendance"),
            st.tuples(st.integers(0, 3), person, DAY, st.integers(0, 3)).map(lambda r: (r[0], r[1], r[2], r[2] + r[3])),
        ),
        st.tuples(st.just("remove_attendance"), st.integers(0, 100)),
        st.tuples(st.just("add_source"), st.tuples(person, DAY, st.one_of(st.just(NEVER), st.integers(0, 12)))),
        st.tuples(st.just("remove_source"), person),
        st.tuples(st.just("set_quarantine"), st.tuples(person, st.one_of(st.just(NEVER), st.integers(0, 12)))),
    )
    return draw(st.lists(op, min_size=1, max_size=8))


def _apply(world: World, engine: TracingEngine, name: str, arg) -> Changes | None:
    """Apply one operation to both; ``None`` when it does not apply to the current world."""
    if name == "add_contact":
        world.contacts.append(arg)
        return engine.add_contact(*arg)
    if name == "add_attendance":
        world.records.append(arg)
        return engine.add_attendance(*arg)
    if name in ("remove_contact", "remove_attendance"):
        rows, dead = (
            (world.contacts, world.dead_contacts) if name == "remove_contact" else (world.records, world.dead_records)
        )
        alive = [i for i in range(len(rows)) if i not in dead]
        if not alive:
            return None
        dead.add(alive[arg % len(alive)])
        return getattr(engine, name)(alive[arg % len(alive)])
    if name == "add_source":
        p, start, iso = arg
        iso = NEVER if iso == NEVER else max(iso, start - 1)
        world.sources[p] = (start, iso)
        return engine.add_source(p, start, iso)
    if name == "remove_source":
        world.sources.pop(arg, None)
        return engine.remove_source(arg)
    world.quarantine[arg[0]] = arg[1]
    return engine.set_quarantine(*arg)


@settings(max_examples=300 * _SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.booleans(), st.booleans())
def test_incremental_updates_equal_full_recompute(data: st.DataObject, rebuild_often: bool, sweep: bool) -> None:
    world = data.draw(worlds())
    kwargs = {"rebuild_min": 1, "rebuild_fraction": 0.0} if rebuild_often else {}
    engine = world.engine(**kwargs)
    if sweep:  # white-box: make updates sweep all rows instead of using the indexes
        engine._g.sweep_persons = engine._g.sweep_groups = 0
    for name, arg in data.draw(operations(world)):
        before = engine.result.copy()
        changes = _apply(world, engine, name, arg)
        if changes is None:
            continue
        fresh = world.engine().result
        assert levels(engine.result) == levels(fresh), (name, arg)
        assert levels(fresh) == brute_force(world)
        expected = diff(before, engine.result)
        assert list(changes) == list(expected)
        check_explanations(world, engine.result)
    assert len(engine.compute()) == 0  # a full recompute (now through the indexes) finds nothing to change


@settings(max_examples=150 * _SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_changes_report_matches_diff(data: st.DataObject) -> None:
    world = data.draw(worlds())
    engine = world.engine()
    for name, arg in data.draw(operations(world)):
        before = engine.result.copy()
        method = getattr(engine, name)
        try:
            if name in ("remove_contact", "remove_attendance"):
                count = engine.n_contacts if name == "remove_contact" else engine.n_attendance
                if not count:
                    continue
                changes = method(arg % count)
            elif name == "add_source":
                p, start, iso = arg
                changes = method(p, start, NEVER if iso == NEVER else max(iso, start - 1))
            elif isinstance(arg, tuple):
                changes = method(*arg)
            else:
                changes = method(arg)
        except ValueError as exc:
            assert "already removed" in str(exc)
            continue
        expected = diff(before, engine.result)
        assert changes.persons.tolist() == expected.persons.tolist()
        assert changes.old_level.tolist() == expected.old_level.tolist()
        assert changes.new_level.tolist() == expected.new_level.tolist()
        assert changes.new_exposed_on.tolist() == expected.new_exposed_on.tolist()


def test_large_random_graph_matches_reference() -> None:
    rng = np.random.default_rng(7)
    n, m = 3000, 9000
    a = rng.integers(0, n, m)
    b = (a + rng.integers(1, n, m)) % n
    day = rng.integers(0, 40, m)
    groups = Attendance(
        rng.integers(0, 60, 1500), rng.integers(0, n, 1500), *np.sort(rng.integers(0, 40, (2, 1500)), 0)
    )
    src = rng.choice(n, 30, replace=False)
    start = rng.integers(0, 30, 30)
    sources = Sources(src, start, start + rng.integers(0, 6, 30))
    q = np.where(rng.random(n) < 0.3, rng.integers(0, 45, n), NEVER)
    engine = TracingEngine(n, Contacts(a, b, day), groups, sources, q, max_level=4)
    expected = reference_trace(
        n,
        (a, b, day),
        (groups.group, groups.person, groups.day_from, groups.day_to),
        (src, start, sources.isolated_on),
        q,
        4,
    )
    assert levels(engine.result) == tuple(expected)


def test_empty_inputs_and_new_ids() -> None:
    assert TracingEngine(0).result.level.tolist() == []
    engine = TracingEngine(3)
    assert engine.result.level.tolist() == [-1, -1, -1]
    engine.add_source(0, 2, NEVER)
    changes = engine.add_contact(0, 1, 4)
    assert changes.contact_ids.tolist() == [0] and [c.person for c in changes] == [1]
    changes = engine.add_attendance(41, 1, 4, 6)  # a group id never seen before
    assert changes.attendance_ids.tolist() == [0] and len(changes) == 0
    changes = engine.add_attendance(41, 2, 6, 9)
    assert [(c.person, c.new_level, c.new_exposed_on) for c in changes] == [(2, 2, 6)]
    assert [s.group for s in engine.explain(2)] == [None, None, 41]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_explain_many_equals_explain_for_everyone(world: World) -> None:
    from dualgoal.epidemic.tracing import explain_many

    result = world.engine().result
    persons = np.arange(result.level.size)
    assert explain_many(result, persons) == [explain(result, int(p)) for p in persons]
