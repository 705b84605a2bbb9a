"""Scope of the commune levels and the venues.

Levels are public information for the district's staff: a commune officer sees the levels of every commune of the
district (the units under the district of each membership). Venues follow the admin-unit scope, and a venue
operator sees the venues of its own organisation wherever they are.
"""

from __future__ import annotations

from django.db.models import Q

from dualgoal.core.querysets import ScopedQuerySet, user_scope_paths

VENUE_OPERATOR = "venue_operator"
DISTRICT_DEPTH = 2  # "24/221/" — province, district


def district_paths(paths: list[str]) -> list[str]:
    """ "24/221/07708/" -> "24/221/"; a province membership ("24/") stays as it is."""
    out = set()
    for path in paths:
        parts = [p for p in path.split("/") if p]
        out.add("/".join(parts[:DISTRICT_DEPTH]) + "/")
    return sorted(out)


class CommuneLevelQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = district_paths(user_scope_paths(user))
        if not paths:
            return self.none()
        q = Q(pk__in=[])
        for path in paths:
            q |= Q(commune__path__startswith=path)
        return self.filter(q)


class VenueQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        from dualgoal.accounts.roles import user_roles

        if not user or not user.is_authenticated or not user.is_active or user.is_superuser:
            return super().visible_to(user)
        roles = user_roles(user)
        if VENUE_OPERATOR not in roles:
            return super().visible_to(user)
        own = list(user.memberships.filter(role=VENUE_OPERATOR).values_list("organisation_id", flat=True))
        mine = self.filter(organisation_id__in=own)
        if roles == {VENUE_OPERATOR}:
            return mine
        return (super().visible_to(user) | mine).distinct()
