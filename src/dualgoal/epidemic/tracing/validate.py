"""Input checks: every array is turned into int64 and checked, with a message naming the bad row."""

from __future__ import annotations

import numpy as np

from .types import MAX_DAY, MIN_DAY, NEVER, ArrayLike, Attendance, Contacts, Sources


def as_int_array(values: ArrayLike, name: str) -> np.ndarray:
    """Return ``values`` as a 1-D int64 array; reject floats with fractions, booleans and other shapes."""
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    if arr.dtype.kind == "f" and np.array_equal(arr, np.floor(arr)):
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold integers, got dtype {arr.dtype}")
    return arr.astype(np.int64, copy=False)


def _first_bad(mask: np.ndarray) -> int:
    return int(np.flatnonzero(mask)[0])


def check_range(arr: np.ndarray, name: str, low: int, high: int, what: str) -> None:
    """Raise ``ValueError`` naming the first element outside ``low..high`` (inclusive)."""
    if arr.size and (int(arr.min()) < low or int(arr.max()) > high):
        i = _first_bad((arr < low) | (arr > high))
        raise ValueError(f"{name}[{i}] = {int(arr[i])} is not {what} ({low}..{high})")


def check_persons(arr: np.ndarray, name: str, n_persons: int) -> None:
    """Persons must be indices ``0..n_persons-1``."""
    check_range(arr, name, 0, n_persons - 1, "a person index")


def check_days(arr: np.ndarray, name: str, *, allow_never: bool = False) -> None:
    """Days must lie in ``MIN_DAY..MAX_DAY``; ``NEVER`` is accepted where a sentinel makes sense."""
    if allow_never:
        check_range(np.where(arr == NEVER, 0, arr), name, MIN_DAY, MAX_DAY, "a day number or NEVER")
    else:
        check_range(arr, name, MIN_DAY, MAX_DAY, "a day number")


def _same_length(name: str, **columns: np.ndarray) -> None:
    sizes = {key: col.size for key, col in columns.items()}
    if len(set(sizes.values())) > 1:
        raise ValueError(f"{name} columns differ in length: {sizes}")


def check_contacts(contacts: Contacts, n_persons: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated ``(a, b, day)``; a contact of a person with themself is an error."""
    a = as_int_array(contacts.a, "contacts.a")
    b = as_int_array(contacts.b, "contacts.b")
    day = as_int_array(contacts.day, "contacts.day")
    _same_length("contacts", a=a, b=b, day=day)
    check_persons(a, "contacts.a", n_persons)
    check_persons(b, "contacts.b", n_persons)
    check_days(day, "contacts.day")
    same = a == b
    if same.any():
        i = _first_bad(same)
        raise ValueError(f"contacts[{i}] links person {int(a[i])} with themself")
    return a, b, day


def check_attendance(groups: Attendance, n_persons: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Validated ``(group, person, day_from, day_to)``; group ids are non-negative, ``day_from <= day_to``."""
    group = as_int_array(groups.group, "attendance.group")
    person = as_int_array(groups.person, "attendance.person")
    day_from = as_int_array(groups.day_from, "attendance.day_from")
    day_to = as_int_array(groups.day_to, "attendance.day_to")
    _same_length("attendance", group=group, person=person, day_from=day_from, day_to=day_to)
    check_range(group, "attendance.group", 0, 2**31 - 2, "a group id")
    check_persons(person, "attendance.person", n_persons)
    check_days(day_from, "attendance.day_from")
    check_days(day_to, "attendance.day_to")
    reversed_ = day_from > day_to
    if reversed_.any():
        i = _first_bad(reversed_)
        raise ValueError(f"attendance[{i}] ends (day {int(day_to[i])}) before it starts (day {int(day_from[i])})")
    return group, person, day_from, day_to


def check_sources(sources: Sources, n_persons: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated ``(person, infectious_start, isolated_on)``; a person may be listed once only."""
    person = as_int_array(sources.person, "sources.person")
    start = as_int_array(sources.infectious_start, "sources.infectious_start")
    isolated = as_int_array(sources.isolated_on, "sources.isolated_on")
    _same_length("sources", person=person, infectious_start=start, isolated_on=isolated)
    check_persons(person, "sources.person", n_persons)
    check_days(start, "sources.infectious_start")
    check_days(isolated, "sources.isolated_on", allow_never=True)
    if person.size:
        counts = np.bincount(person, minlength=n_persons)
        if counts.max() > 1:
            dup = int(np.argmax(counts))
            raise ValueError(f"person {dup} is listed {int(counts[dup])} times as a source; merge the cases")
    return person, start, isolated


def check_quarantine(quarantined_on: ArrayLike | None, n_persons: int) -> np.ndarray:
    """Validated per-person quarantine start days (``NEVER`` when never quarantined)."""
    if quarantined_on is None:
        return np.full(n_persons, NEVER, dtype=np.int64)
    q = as_int_array(quarantined_on, "quarantined_on")
    if q.size != n_persons:
        raise ValueError(f"quarantined_on has {q.size} entries for {n_persons} persons")
    check_days(q, "quarantined_on", allow_never=True)
    return q


def check_n_persons(n_persons: int) -> int:
    """``n_persons`` must be a non-negative integer below 2**31."""
    if isinstance(n_persons, bool) or not isinstance(n_persons, int | np.integer):
        raise ValueError(f"n_persons must be an integer, got {n_persons!r}")
    if not 0 <= int(n_persons) < 2**31:
        raise ValueError(f"n_persons must be in 0..2**31-1, got {n_persons}")
    return int(n_persons)


def check_max_level(max_level: int) -> int:
    """``max_level`` must be an integer in ``1..100``."""
    if isinstance(max_level, bool) or not isinstance(max_level, int | np.integer) or not 1 <= max_level <= 100:
        raise ValueError(f"max_level must be an integer in 1..100, got {max_level!r}")
    return int(max_level)


def check_person(person: int, n_persons: int, name: str = "person") -> int:
    """A single person index."""
    if isinstance(person, bool) or not isinstance(person, int | np.integer):
        raise ValueError(f"{name} must be an integer person index, got {person!r}")
    if not 0 <= int(person) < n_persons:
        raise ValueError(f"{name} = {int(person)} is not a person index (0..{n_persons - 1})")
    return int(person)
