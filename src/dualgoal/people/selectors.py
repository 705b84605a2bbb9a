"""Reads of the person registry. Every read is limited to the user's scope (`Person.objects.visible_to(user)`,
or its equivalent `persons_visible`).

Search strategy (bench/person_search.py measures it on 2 million persons):

* A query made of digits (and spaces, dots, "+", "-") is looked up as a citizen ID (`normalise_id_number`: CCCD,
  CCCD without its leading zero, CMND, Excel's "24093001234.0") and as a phone number (`normalise_phone`):
  exact matches on the unique / indexed columns.
* Anything else is a name. It is folded ("Nguyễn Văn Đặng" -> "nguyen van dang") and matched against the
  word-suffixes of the names (`PersonNameToken`: "nguyen van an", "van an", "an"): the query "thi ho" finds every
  name with the consecutive words "thi" and "ho…", i.e. the tokens in the range ["thi ho", "thi ho\\uffff"). One
  indexed range scan, whatever the number of words — no intersection of per-word lists.
* Three plans, chosen by bounded counts (never a scan of the registry, on SQLite and PostgreSQL alike):
  - the name range is small (≤ NAME_DRIVEN tokens): its person ids are read from the index and the persons
    fetched by key, then sorted by name;
  - the user's scope is small (≤ SCOPE_DRIVEN persons: a commune): its residents are read from the residence
    index and each is probed in the token index, then sorted by name;
  - otherwise (a common name for a district or province user): the range is walked in the index's own order
    (token, person), so the first page costs only as many index entries as it needs — no sort, no full count.
* Counts shown to users are capped (`search_count`): "more than 500" is all anyone needs to refine a search.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower, Substr

from dualgoal.core.identity import normalise_id_number, normalise_phone
from dualgoal.core.text import name_words

from .models import Household, Person, PersonNameToken

COUNT_CAP = 500
NAME_DRIVEN = 5_000  # token rows: their persons are fetched by key and sorted
SCOPE_DRIVEN = 20_000  # persons in scope: a commune (each probed in the token index)
SMALL_SCOPE = 50  # a registry this small is listed without a search (one page)
_NUMBER = re.compile(r"[\d\s+().\-]+")
TOP = "\uffff"


def persons_visible(user) -> QuerySet[Person]:
    """`Person.objects.visible_to(user)`, written as `residence_unit IN (units of the scope)`.

    Same rows; but visible_to's OR of path prefixes becomes a LEFT JOIN on the unit, which pins SQLite's join
    order (persons first: a walk over millions for a commune user), while the IN list lets the planner start from
    the residence index when the scope is the selective side.
    """
    from dualgoal.core.querysets import user_scope_paths
    from dualgoal.geography.models import AdminUnit

    if user is None or not user.is_authenticated or not user.is_active:
        return Person.objects.none()
    if user.is_superuser:
        return Person.objects.all()
    if not user_scope_paths(user):
        return Person.objects.none()
    return Person.objects.filter(residence_unit__in=AdminUnit.objects.filter(scope_paths_q(user)).values("pk"))


def capped_count(queryset: QuerySet, cap: int) -> int:
    """`min(count, cap + 1)` reading at most cap + 1 rows."""
    return queryset.order_by()[: cap + 1].count()


def search_count(queryset: QuerySet, cap: int = COUNT_CAP) -> int:
    """The number of results to show: exact up to `cap`, `cap + 1` meaning "more than cap"."""
    return capped_count(queryset, cap)


def persons_in_scope_count(user) -> int:
    """The home page's count: persons in the user's villages, counted on the residence index alone."""
    return persons_visible(user).count()


def scope_paths_q(user) -> Q:
    """The units inside the user's scope (not the ones above it, which AdminUnit.visible_to adds)."""
    from dualgoal.core.querysets import scope_q, user_scope_paths

    return scope_q(user_scope_paths(user), field="self", include_ancestors=False)


def units_under(unit):
    from dualgoal.geography.models import AdminUnit

    return AdminUnit.objects.filter(path__startswith=unit.path).values("pk")


def is_small_scope(user) -> bool:
    return capped_count(persons_visible(user), SMALL_SCOPE) <= SMALL_SCOPE


def identity_q(query: str) -> Q | None:
    """Q for a query that is a citizen ID or a phone number in any usual writing, or None for a name."""
    text = query.strip()
    if not _NUMBER.fullmatch(text.removesuffix(".0")) or sum(c.isdigit() for c in text) < 9:
        return None
    found = Q(pk__in=[])
    digits = normalise_id_number(text)
    if len(digits) in (9, 12):
        found |= Q(id_number=digits)
    try:
        phone = normalise_phone(text)
    except ValidationError:
        phone = ""
    if phone:
        found |= Q(phone=phone)
    return found


def name_range(query: str) -> tuple[str, str] | None:
    words = name_words(query)
    if not words:
        return None
    phrase = " ".join(words)
    return phrase, phrase + TOP


def person_search(query: str, user, *, within=None) -> QuerySet[Person]:
    """Persons in the user's scope (and in the unit `within`, if given) matching a name without diacritics, a
    citizen ID or a phone number."""
    base = persons_visible(user)
    if within is not None:
        base = base.filter(residence_unit__in=units_under(within))
    query = (query or "").strip()
    if not query:
        return base.none()
    by_identity = identity_q(query)
    if by_identity is not None:
        return base.filter(by_identity)
    bounds = name_range(query)
    if bounds is None:
        return base.none()
    low, high = bounds
    tokens = PersonNameToken.objects.filter(token__gte=low, token__lt=high)
    in_range = capped_count(tokens, NAME_DRIVEN)
    in_scope = capped_count(base, SCOPE_DRIVEN) if within is not None or not user.is_superuser else SCOPE_DRIVEN + 1
    # Both bounded plans sort their few thousand rows by an expression on purpose: ordered by the indexed column,
    # PostgreSQL would walk the whole name index hoping to meet 50 matches early (they are not spread evenly).
    by_name = (Lower("name_folded"), "pk")
    if in_range <= NAME_DRIVEN and in_range <= in_scope:
        # The ids themselves, not a subquery: a planner cannot then trade the few thousand key lookups for a scan.
        ids = sorted(set(tokens.values_list("person_id", flat=True)))
        return base.filter(pk__in=ids).order_by(*by_name)
    if in_scope <= SCOPE_DRIVEN:
        return base.filter(Exists(tokens.filter(person=OuterRef("pk")))).order_by(*by_name)
    # A common name over a large scope: walk the range in index order (no sort), one row per person — the one
    # whose earliest matching word-suffix this is. The scope is visible_to's join here on purpose: it keeps the
    # planner from starting at the residence index of a whole district.
    # (The prefix test here is a Substr on purpose: as a range it would tempt PostgreSQL, misjudging a rare range as
    # one row, into re-reading the whole range for every row instead of the person's three tokens.)
    earlier = (
        PersonNameToken.objects.filter(
            person=OuterRef("name_tokens__person"), position__lt=OuterRef("name_tokens__position")
        )
        .annotate(head=Substr("token", 1, len(low)))
        .filter(head=low)
    )
    walk = Person.objects.visible_to(user)
    if within is not None:
        walk = walk.filter(residence_unit__in=units_under(within))
    matching = Q(name_tokens__token__gte=low) & Q(name_tokens__token__lt=high) & ~Exists(earlier)
    return walk.filter(matching).order_by("name_tokens__token", "name_tokens__person_id")  # the index's own order


def households_visible(user) -> QuerySet[Household]:
    return Household.objects.visible_to(user)
