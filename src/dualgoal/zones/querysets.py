"""Scoping of zones: a zone is visible in the subtree of its issuing unit, and to every user whose area it touches
(a commune committee sees the district's zone that covers one of its villages)."""

from __future__ import annotations

from django.db.models import Q

from dualgoal.core.querysets import ScopedQuerySet, scope_q, user_scope_paths


class ZoneQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        base = super().visible_to(user)
        if user is None or not user.is_authenticated or not user.is_active or user.is_superuser:
            return base
        paths = user_scope_paths(user)
        if not paths:
            return self.none()
        # a zone over a commune covers the village of a community team: the units above the user count too
        touching = self.model._default_manager.filter(scope_q(paths, field="units", include_ancestors=True))
        return self.filter(Q(pk__in=base.values("pk")) | Q(pk__in=touching.values("pk")))


class ZoneChildQuerySet(ScopedQuerySet):
    """Rows that belong to a zone (its extensions) are visible exactly where the zone is."""

    def visible_to(self, user):
        from .models import Zone

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(zone__in=Zone.objects.visible_to(user).values("pk"))
