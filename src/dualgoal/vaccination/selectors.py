"""Reads of vaccination: coverage (by commune, age band, priority group) and the list of people due a dose.

Coverage is counted with a few aggregate queries over the registry (grouped by residence unit), never a loop over
persons: the district has about 180,000 residents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When

from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.people.models import Person

from . import rulebook
from .choices import AgeBand
from .models import Dose, PriorityAssignment

NO_GROUP = ""


@dataclass(frozen=True)
class Coverage:
    unit_id: int  # commune-level geography.AdminUnit pk
    adults: int  # registered residents of the commune (or a village below it) aged >= min age on `on`
    one_dose: int  # of those, people with at least one dose given on or before `on`
    full: int  # of those, people whose series is complete on or before `on`

    @property
    def share_one(self) -> float:
        return self.one_dose / self.adults if self.adults else 0.0

    @property
    def share_full(self) -> float:
        return self.full / self.adults if self.adults else 0.0


@dataclass(frozen=True)
class CoverageRow:
    """Coverage of one slice (an age band, a priority group) — the same counts as `Coverage`."""

    key: str
    label: str
    adults: int
    one_dose: int
    full: int

    @property
    def share_one(self) -> float:
        return self.one_dose / self.adults if self.adults else 0.0

    @property
    def share_full(self) -> float:
        return self.full / self.adults if self.adults else 0.0


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28/02 for a 29/02 that does not exist)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def aged_at_least_q(years: int, on: dt.date, prefix: str = "") -> Q:
    """Persons aged >= `years` on `on`: by birth date, or by birth year alone when only the year is known."""
    return Q(**{f"{prefix}birth_date__lte": years_before(on, years)}) | Q(
        **{f"{prefix}birth_date__isnull": True, f"{prefix}birth_year__lte": on.year - years}
    )


def min_age_years(on: dt.date) -> int:
    found = rulebook.optional_rule(rulebook.MIN_AGE, on=on)
    return int(found.value) if found else 18


def adults_q(on: dt.date, prefix: str = "") -> Q:
    return aged_at_least_q(min_age_years(on), on, prefix)


def _dose_exists(on: dt.date, *, full: bool) -> Exists:
    doses = Dose.objects.filter(person=OuterRef("pk"), given_on__lte=on)
    if full:
        doses = doses.filter(completes_series=True)
    return Exists(doses)


def _counts(persons: QuerySet, on: dt.date, key: str, *, min_age: int | None = None) -> dict:
    """{key value: (adults, one_dose, full)} for the adults of `persons` (or those aged `min_age` and over), grouped
    by the column/annotation `key`."""
    rows = (
        persons.filter(adults_q(on) if min_age is None else aged_at_least_q(min_age, on))
        .order_by()
        .values(key)
        .annotate(
            adults=Count("pk"),
            one=Count("pk", filter=_dose_exists(on, full=False)),
            full=Count("pk", filter=_dose_exists(on, full=True)),
        )
    )
    return {row[key]: (row["adults"], row["one"], row["full"]) for row in rows}


def communes(commune_ids: Iterable[int] | None = None) -> QuerySet[AdminUnit]:
    qs = AdminUnit.objects.filter(level=Level.COMMUNE)
    if commune_ids is not None:
        qs = qs.filter(pk__in=list(commune_ids))
    return qs.order_by("path")


def _unit_to_commune(commune_rows: list[tuple[int, str]]) -> dict[int, int]:
    """{unit pk: commune pk} for the communes and every unit below them (one query)."""
    if not commune_rows:
        return {}
    by_path = dict((path, pk) for pk, path in commune_rows)
    q = Q(pk__in=[])
    for path in by_path:
        q |= Q(path__startswith=path)
    mapping = {}
    for pk, path in AdminUnit.objects.filter(q).values_list("pk", "path"):
        parts = path.split("/")
        for depth in range(len(parts) - 1, 0, -1):
            prefix = "/".join(parts[:depth]) + "/"
            if prefix in by_path:
                mapping[pk] = by_path[prefix]
                break
    return mapping


def coverage_by_commune(
    *, on: dt.date, commune_ids: Iterable[int] | None = None, min_age: int | None = None
) -> dict[int, Coverage]:
    """Coverage of every commune asked for (all communes when None) as of `on`; zeros where nobody lives. `adults`
    are the residents of the vaccination age (the rule), or those aged `min_age` and over when given (Resolution
    128 judges the coverage of people aged 50 and over)."""
    rows = list(communes(commune_ids).values_list("pk", "path"))
    mapping = _unit_to_commune(rows)
    totals = {pk: [0, 0, 0] for pk, _path in rows}
    if mapping:
        persons = Person.objects.filter(residence_unit_id__in=list(mapping))
        for unit_id, (adults, one, full) in _counts(persons, on, "residence_unit_id", min_age=min_age).items():
            total = totals[mapping[unit_id]]
            total[0] += adults
            total[1] += one
            total[2] += full
    return {pk: Coverage(unit_id=pk, adults=a, one_dose=o, full=f) for pk, (a, o, f) in totals.items()}


def residents_of(commune_ids: Iterable[int] | None) -> QuerySet[Person]:
    """Residents of the communes (a village below them included); all registered residents of a commune if None."""
    rows = list(communes(commune_ids).values_list("pk", "path"))
    return Person.objects.filter(residence_unit_id__in=list(_unit_to_commune(rows)))


def age_band_case(on: dt.date) -> Case:
    return Case(
        When(aged_at_least_q(65, on), then=Value(AgeBand.OLD.value)),
        When(aged_at_least_q(50, on), then=Value(AgeBand.MIDDLE.value)),
        default=Value(AgeBand.YOUNG.value),
        output_field=CharField(),
    )


def coverage_by_age_band(*, on: dt.date, commune_ids: Iterable[int] | None = None) -> list[CoverageRow]:
    persons = residents_of(commune_ids).annotate(band=age_band_case(on))
    counts = _counts(persons, on, "band")
    return [CoverageRow(band.value, str(band.label), *counts.get(band.value, (0, 0, 0))) for band in AgeBand]


def current_group_subquery(on: dt.date) -> Subquery:
    return Subquery(
        PriorityAssignment.objects.filter(person=OuterRef("pk"), is_current=True, assigned_on__lte=on).values(
            "group_code"
        )[:1]
    )


def coverage_by_group(*, on: dt.date, commune_ids: Iterable[int] | None = None) -> list[CoverageRow]:
    """One row per priority group of the rule in force, then "no group assigned"."""
    from django.utils.translation import gettext as _

    persons = residents_of(commune_ids).annotate(group=current_group_subquery(on))
    counts = _counts(persons, on, "group")
    rows = [
        CoverageRow(g["code"], f"{g['order']}. {g['label']}", *counts.get(g["code"], (0, 0, 0)))
        for g in rulebook.groups(on=on)
    ]
    rows.append(CoverageRow(NO_GROUP, _("No priority group assigned"), *counts.get(None, (0, 0, 0))))
    return rows


# --- people due for their next dose -------------------------------------------------------------------------


def due_doses(queryset: QuerySet[Dose], *, due_by: dt.date, today: dt.date) -> QuerySet[Dose]:
    """The latest doses (series not complete, no later dose) after which the next dose is due on or before
    `due_by` (from the product's minimum interval), annotated `overdue` (past the maximum interval on `today`)."""
    later = Dose.objects.filter(person=OuterRef("person"), dose_number__gt=OuterRef("dose_number"))
    due = Q(pk__in=[])
    overdue = Q(pk__in=[])
    for entry in rulebook.products(on=due_by):
        low, high = rulebook.interval(entry)
        if low is None or entry.get("doses", 1) < 2:
            continue
        due |= Q(product=entry["code"], given_on__lte=due_by - dt.timedelta(days=low))
        if high is not None:
            overdue |= Q(product=entry["code"], given_on__lt=today - dt.timedelta(days=high))
    from django.db.models import BooleanField

    return (
        queryset.filter(completes_series=False)
        .filter(due)
        .exclude(Exists(later))
        .annotate(overdue=Case(When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField()))
        .select_related("person", "person__residence_unit")
        .order_by("given_on", "person__name_folded", "pk")
    )


def next_dose_window(dose: Dose) -> tuple[dt.date | None, dt.date | None]:
    """(earliest, latest) date of the dose after `dose`; (None, None) when the series is complete."""
    if dose.completes_series:
        return None, None
    entry = rulebook.product(dose.product, on=dose.given_on)
    if entry is None:
        return None, None
    low, high = rulebook.interval(entry)
    earliest = dose.given_on + dt.timedelta(days=low) if low is not None else None
    latest = dose.given_on + dt.timedelta(days=high) if high is not None else None
    return earliest, latest
