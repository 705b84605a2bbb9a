"""API of levels: `ROUTES` are registered on the /api/v1/ router (config/api_urls.py). Read-only."""

from __future__ import annotations

import datetime as dt

from rest_framework.exceptions import ValidationError

from dualgoal.core.api.base import ScopedReadOnlyViewSet

from .serializers import CommuneLevelSerializer, VenueSerializer


class CommuneLevelViewSet(ScopedReadOnlyViewSet):
    """Weekly commune levels. `?week=YYYY-MM-DD` (any day of the week) and `?commune=<unit id>` filter."""

    serializer_class = CommuneLevelSerializer

    def get_queryset(self):
        qs = super().get_queryset().select_related("commune")
        week = self.request.query_params.get("week")
        if week:
            try:
                day = dt.date.fromisoformat(week)
            except ValueError as exc:
                raise ValidationError({"week": "Ngày không hợp lệ, dùng dạng YYYY-MM-DD."}) from exc
            qs = qs.filter(week_start=day - dt.timedelta(days=day.weekday()))
        commune = self.request.query_params.get("commune")
        if commune:
            if not commune.isdigit():
                raise ValidationError({"commune": "Mã đơn vị phải là số."})
            qs = qs.filter(commune_id=int(commune))
        return qs


class VenueViewSet(ScopedReadOnlyViewSet):
    serializer_class = VenueSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("commune")


ROUTES: list = [
    ("commune-levels", CommuneLevelViewSet, "communelevel"),
    ("venues", VenueViewSet, "venue"),
]
