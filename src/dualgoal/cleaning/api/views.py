"""API of cleaning: `ROUTES` are registered on the /api/v1/ router (config/api_urls.py). Read-only, scoped."""

from __future__ import annotations

from dualgoal.core.api.base import ScopedReadOnlyViewSet

from ..models import CleaningPlan, WasteCollection
from .serializers import PlanSerializer, WasteSerializer


class CleaningPlanViewSet(ScopedReadOnlyViewSet):
    """Cleaning plans of the caller's communes."""

    queryset = CleaningPlan.objects.all()
    serializer_class = PlanSerializer
    filterset_fields = ["status", "target_kind", "method", "commune", "scheduled_on"]

    def get_queryset(self):
        return super().get_queryset().select_related("boarding_house", "case", "zone")


class WasteCollectionViewSet(ScopedReadOnlyViewSet):
    """Medical waste collections of the caller's communes."""

    queryset = WasteCollection.objects.all()
    serializer_class = WasteSerializer
    filterset_fields = ["source_kind", "facility", "commune", "collected_on"]


ROUTES: list = [  # (prefix, viewset, basename)
    ("cleaning-plans", CleaningPlanViewSet, "cleaningplan"),
    ("waste-collections", WasteCollectionViewSet, "wastecollection"),
]
