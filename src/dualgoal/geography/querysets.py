from __future__ import annotations

import datetime as dt

from django.db.models import Q

from dualgoal.core.querysets import ScopedQuerySet


class AdminUnitQuerySet(ScopedQuerySet):
    def valid_on(self, day: dt.date) -> AdminUnitQuerySet:
        """The units in force on `day` (valid_from <= day <= valid_to, or open-ended)."""
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def subtree(self, path: str) -> AdminUnitQuerySet:
        return self.filter(path__startswith=path)

    def communes(self) -> AdminUnitQuerySet:
        from .choices import Level

        return self.filter(level=Level.COMMUNE)
