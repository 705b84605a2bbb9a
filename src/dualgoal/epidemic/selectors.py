"""Reads of the epidemic core: counts by level and commune, a person's explained path, a cluster's graph.

Every function starts from the caller's scope. Persons outside it may appear in a path or a cluster (tracing
crosses communes) but only as their level and commune — never their name or ID.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from dualgoal.core.access import mask_id_number
from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.geography.models import AdminUnit
from dualgoal.people.models import Person

from .models import Attendance, Case, Contact, GroupExposure, LevelChange, TraceState

GRAPH_LIMIT = 2000
CHUNK = 500


def traced_in_scope(user):
    """The traced levels of the persons the user may see."""
    states = TraceState.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return states.none()
    if user.is_superuser:
        return states
    paths = user_scope_paths(user)
    if not paths:
        return states.none()
    return states.filter(scope_q(paths, field="person__residence_unit", include_ancestors=False))


def counts_by_level(user) -> dict[int, int]:
    rows = traced_in_scope(user).values("level").annotate(n=Count("pk")).order_by("level")
    return {row["level"]: row["n"] for row in rows}


def level_count(user, level: int) -> int:
    return traced_in_scope(user).filter(level=level).count()


@dataclass
class CommuneRow:
    unit: AdminUnit | None
    label: str
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self, levels: list[int]) -> list[int]:
        return [self.counts.get(level, 0) for level in levels]


def _commune_path(path: str) -> str:
    """ "24/221/07708/07708-01/" -> "24/221/07708/" (a unit at or above commune level keeps its own path)."""
    parts = [p for p in path.split("/") if p]
    return "/".join(parts[:3]) + "/"


def counts_by_commune(user) -> tuple[list[int], list[CommuneRow], CommuneRow]:
    """(levels, one row per commune with its count per level, the totals row): persons in the user's scope."""
    rows = traced_in_scope(user).values("person__residence_unit__path", "level").annotate(n=Count("pk"))
    by_commune: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    levels: set[int] = set()
    for row in rows:
        key = _commune_path(row["person__residence_unit__path"] or "")
        by_commune[key][row["level"]] += row["n"]
        levels.add(row["level"])
    units = {u.path: u for u in AdminUnit.objects.filter(path__in=list(by_commune))}
    result = []
    totals = CommuneRow(None, "")
    for key, counts in by_commune.items():
        unit = units.get(key)
        result.append(CommuneRow(unit, str(unit) if unit else "—", dict(counts)))
        for level, n in counts.items():
            totals.counts[level] = totals.counts.get(level, 0) + n
    result.sort(key=lambda r: (-r.counts.get(0, 0), -r.total, r.label))
    return sorted(levels | {0, 1, 2, 3}), result, totals


# --- a person's "why" ---------------------------------------------------------------------------------------


@dataclass
class PathStep:
    person_id: int
    visible: bool
    name: str
    id_number: str
    commune: str
    day: dt.date | None
    level: int  # hop number from the F0 (0 for the F0)
    case: Case | None = None
    contact: Contact | None = None
    group: GroupExposure | None = None

    @property
    def via(self) -> str:
        if self.contact is not None:
            note = f" — {self.contact.note}" if self.contact.note else ""
            return f"{self.contact.get_setting_display()}{note}"
        if self.group is not None:
            return str(self.group.name)
        return ""


def _unit_label(unit: AdminUnit | None) -> str:
    if unit is None:
        return ""
    commune = unit.parent if unit.level == 4 and unit.parent_id else unit
    return str(commune)


def visible_person_ids(user, ids) -> set[int]:
    ids = list(ids)
    found: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        found.update(
            Person.objects.visible_to(user).filter(pk__in=ids[start : start + CHUNK]).values_list("pk", flat=True)
        )
    return found


def _id_display(person: Person | None, *, seen: bool, show_id: bool) -> str:
    if person is None or not seen or not person.id_number:
        return ""
    return person.id_number if show_id else mask_id_number(person.id_number)


def explained_path(state: TraceState | None, user, *, show_id: bool = False) -> list[PathStep]:
    """The stored path of a traced person, resolved: who, when, through which contact or group."""
    if state is None or not state.path:
        return []
    steps = state.path
    person_ids = [s["person"] for s in steps]
    persons = Person.objects.select_related("residence_unit__parent").in_bulk(person_ids)
    visible = visible_person_ids(user, person_ids)
    contacts = Contact.objects.in_bulk([s["contact"] for s in steps if s.get("contact")])
    groups = GroupExposure.objects.in_bulk([s["group"] for s in steps if s.get("group") is not None])
    first = persons.get(person_ids[0])
    case = first.cases.order_by("-sample_date", "-pk").first() if first else None
    result = []
    for hop, step in enumerate(steps):
        person = persons.get(step["person"])
        seen = step["person"] in visible
        result.append(
            PathStep(
                person_id=step["person"],
                visible=seen,
                name=person.full_name if person and seen else "",
                id_number=_id_display(person, seen=seen, show_id=show_id),
                commune=_unit_label(person.residence_unit) if person else "",
                day=dt.date.fromisoformat(step["day"]) if step.get("day") else None,
                level=hop,
                case=case if hop == 0 else None,
                contact=contacts.get(step.get("contact")),
                group=groups.get(step.get("group")) if step.get("group") is not None else None,
            )
        )
    return result


def level_history(person: Person, *, limit: int = 50):
    return LevelChange.objects.filter(person=person).order_by("-at", "-pk")[:limit]


# --- the transmission graph of one cluster ------------------------------------------------------------------


@dataclass
class Cluster:
    root: int  # Person pk of the chosen case
    nodes: dict[tuple[str, int], dict]  # ("p", pk) / ("g", pk) -> attributes (level, label, x, y…)
    edges: list[tuple[tuple[str, int], tuple[str, int], bool]]  # (node, node, carried the exposure)
    truncated: bool
    limit: int
    infected_by: list = field(default_factory=list)  # cases that could have infected the chosen one

    @property
    def person_count(self) -> int:
        return sum(1 for key in self.nodes if key[0] == "p")

    def level_counts(self) -> dict[int, int]:
        counts: dict[int, int] = defaultdict(int)
        for key, node in self.nodes.items():
            if key[0] == "p" and node.get("level") is not None:
                counts[node["level"]] += 1
        return dict(sorted(counts.items()))


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _infectious_windows(person_ids: list[int]) -> dict[int, tuple[dt.date, dt.date | None, dt.date]]:
    """Per F0 person: (infectious from, isolated on, onset or sample) of their latest case."""
    from .tracing_service import from_day, source_window

    windows: dict[int, tuple] = {}
    for chunk in _chunks(person_ids):
        for case in Case.objects.filter(person_id__in=chunk).order_by("sample_date", "pk"):
            start, stop = source_window(case)
            windows[case.person_id] = (from_day(start), from_day(stop), case.onset_date or case.sample_date)
    return windows


def _neighbours(persons: list[int], groups: list[int]):
    """Contacts touching `persons`, and attendances of `persons` or in `groups`."""
    touching: list[tuple[int, int, int, dt.date]] = []
    attended: list[tuple[int, int, int]] = []
    for chunk in _chunks(persons):
        touching.extend(
            Contact.objects.filter(Q(person_a_id__in=chunk) | Q(person_b_id__in=chunk))
            .order_by("date", "pk")
            .values_list("pk", "person_a_id", "person_b_id", "date")
        )
        attended.extend(Attendance.objects.filter(person_id__in=chunk).values_list("pk", "group_id", "person_id"))
    for chunk in _chunks(groups):
        attended.extend(Attendance.objects.filter(group_id__in=chunk).values_list("pk", "group_id", "person_id"))
    return touching, attended


def cluster_graph(case: Case, user, *, limit: int = GRAPH_LIMIT) -> Cluster:
    """The transmission tree below `case`: the persons whose traced level comes through the case's person (their
    stored paths), and the later F0s it could have infected (a contact while it was infectious, before their own
    onset), recursively — breadth first, at most `limit` nodes (`truncated` says whether some were left out).
    The other contacts among the drawn persons come as extra, non-tree edges."""
    root = ("p", case.person_id)
    order: list[tuple[str, int]] = [root]
    parent: dict[tuple[str, int], tuple[str, int] | None] = {root: None}
    depth = {root: 0}
    states: dict[int, tuple[int, list, dt.date]] = {}  # person -> (level, path, exposed on)
    _load_states(states, [case.person_id])
    windows = _infectious_windows([case.person_id])
    tree_edges: list = []
    truncated = False
    frontier = [root]
    next_frontier: list[tuple[str, int]] = []

    def admit(node, via_node) -> bool:
        nonlocal truncated
        if node in parent:
            return False
        if len(order) >= limit:
            truncated = True
            return False
        parent[node] = via_node
        depth[node] = depth[via_node] + 1
        order.append(node)
        next_frontier.append(node)
        tree_edges.append((via_node, node))
        return True

    while frontier:
        next_frontier = []
        frontier_set = set(frontier)
        persons = [pk for kind, pk in frontier if kind == "p"]
        touching, attended = _neighbours(persons, [pk for kind, pk in frontier if kind == "g"])
        candidates = {a for _, a, _, _ in touching} | {b for _, _, b, _ in touching} | {p for _, _, p in attended}
        _load_states(states, sorted(candidates - set(states)))
        windows.update(_infectious_windows(sorted(p for p in candidates - set(windows) if states.get(p, (1,))[0] == 0)))
        for pk, a, b, day in touching:
            for near, far in ((a, b), (b, a)):
                if ("p", near) not in frontier_set or far not in states:
                    continue
                level, path, _exposed = states[far]
                if level > 0:
                    last = path[-1] if path else {}
                    if last.get("from") == near and last.get("contact") == pk:
                        admit(("p", far), ("p", near))
                elif _reaches(near, far, day, windows, states):
                    admit(("p", far), ("p", near))  # a later F0 reached while `near` was infectious or exposed
        for _pk, group_id, person_id in attended:
            g = ("g", group_id)
            level, path, _exposed = states.get(person_id, (0, [], None))
            last = path[-1] if path else {}
            if level == 0 or last.get("group") != group_id:
                continue
            source = ("p", last.get("from"))
            if source in frontier_set:
                admit(g, source)  # the group hangs below the person who brought the exposure in
            if g in frontier_set:
                admit(("p", person_id), g)
        frontier = next_frontier

    persons_in = [pk for kind, pk in order if kind == "p"]
    levels = {pk: states[pk][0] for pk in persons_in if pk in states}
    edges = [(a, b, True) for a, b in tree_edges]
    included = set(persons_in)
    seen = {frozenset(pair) for pair in tree_edges}
    for chunk in _chunks(persons_in):
        for a, b in Contact.objects.filter(person_a_id__in=chunk).values_list("person_a_id", "person_b_id"):
            key = frozenset((("p", a), ("p", b)))
            if b in included and key not in seen:
                seen.add(key)
                edges.append((("p", a), ("p", b), False))
    nodes = _node_attributes(order, levels, user)
    _radial_layout(order, parent, depth, nodes)
    return Cluster(
        root=case.person_id,
        nodes=nodes,
        edges=edges,
        truncated=truncated,
        limit=limit,
        infected_by=infectors_of(case, user),
    )


def _load_states(states: dict, person_ids: list[int]) -> None:
    for chunk in _chunks(person_ids):
        rows = TraceState.objects.filter(person_id__in=chunk).values_list("person_id", "level", "path", "exposed_on")
        for pk, level, path, exposed_on in rows:
            states[pk] = (level, path or [], exposed_on)


def _reaches(near: int, far: int, day: dt.date, windows: dict, states: dict) -> bool:
    """Could a contact on `day` have brought the F0 `far` their infection from `near` — infectious then (and ill
    earlier than `far`) or already exposed — before `far`'s own onset?"""
    if far not in windows or day >= windows[far][2]:
        return False
    if near in windows:
        return _infected_by(windows[near], windows[far], day)
    state = states.get(near)
    return state is not None and state[0] > 0 and state[2] <= day


def _infected_by(source: tuple, target: tuple, day: dt.date) -> bool:
    """Could the F0 `source` have infected the F0 `target` through a contact on `day`? (`source` infectious that
    day — the isolation day counts, as in the engine —, the contact before the target's own onset, or positive
    sample, and the source's onset earlier.)"""
    start, stop, onset = source
    target_onset = target[2]
    return start <= day and (stop is None or day <= stop) and day < target_onset and onset < target_onset


def infectors_of(case: Case, user) -> list[Case]:
    """The cases that could have infected `case` (a contact while they were infectious, before its onset)."""
    windows = _infectious_windows([case.person_id])
    mine = windows.get(case.person_id)
    if mine is None:
        return []
    pairs = Contact.objects.filter(Q(person_a=case.person_id) | Q(person_b=case.person_id))
    contacts = [
        (b if a == case.person_id else a, day) for a, b, day in pairs.values_list("person_a_id", "person_b_id", "date")
    ]
    windows.update(_infectious_windows(sorted({other for other, _ in contacts})))
    found = {other for other, day in contacts if other in windows and _infected_by(windows[other], mine, day)}
    return list(Case.objects.visible_to(user).filter(person_id__in=found).order_by("sample_date", "code"))


def _node_attributes(order, levels: dict[int, int], user) -> dict:
    person_ids = [pk for kind, pk in order if kind == "p"]
    group_ids = [pk for kind, pk in order if kind == "g"]
    visible = visible_person_ids(user, person_ids)
    people: dict[int, dict] = {}
    for chunk in _chunks(person_ids):
        for row in Person.objects.filter(pk__in=chunk).values("pk", "full_name", "id_number", "residence_unit__name"):
            people[row["pk"]] = row
    exposed: dict[int, dt.date] = {}
    for chunk in _chunks(person_ids):
        exposed.update(TraceState.objects.filter(person_id__in=chunk).values_list("person_id", "exposed_on"))
    codes: dict[int, str] = {}
    for chunk in _chunks(person_ids):
        codes.update(
            Case.objects.filter(person_id__in=chunk).order_by("sample_date", "pk").values_list("person_id", "code")
        )
    groups = GroupExposure.objects.in_bulk(group_ids)
    nodes: dict = {}
    for key in order:
        kind, pk = key
        if kind == "g":
            group = groups[pk]
            nodes[key] = {"kind": "group", "label": str(group.name), "level": None, "pk": pk}
            continue
        row = people.get(pk, {})
        seen = pk in visible
        nodes[key] = {
            "kind": "person",
            "pk": pk,
            "level": levels.get(pk),
            "visible": seen,
            "label": row.get("full_name", "") if seen else "",
            "id_number": mask_id_number(row.get("id_number")) if seen else "",
            "place": row.get("residence_unit__name") or "",
            "exposed_on": exposed.get(pk),
            "case_code": codes.get(pk, "") if seen else "",
        }
    return nodes


def _radial_layout(order, parent, depth, nodes) -> None:
    """A radial tree: the chosen case in the centre, each breadth-first layer on the next ring, each subtree in a
    wedge proportional to its number of leaves (readable at a few thousand nodes, no overlap between wedges)."""
    children: dict = defaultdict(list)
    for node in order[1:]:
        children[parent[node]].append(node)
    leaves: dict = {}
    for node in reversed(order):
        leaves[node] = sum(leaves[c] for c in children[node]) or 1
    root = order[0]
    wedge = {root: (0.0, 2 * math.pi)}
    for node in order:
        start, stop = wedge[node]
        angle = (start + stop) / 2
        radius = depth[node]
        nodes[node]["x"] = round(radius * math.cos(angle), 4)
        nodes[node]["y"] = round(radius * math.sin(angle), 4)
        nodes[node]["depth"] = radius
        cursor = start
        total = leaves[node]
        for child in children[node]:
            share = (stop - start) * leaves[child] / total
            wedge[child] = (cursor, cursor + share)
            cursor += share
