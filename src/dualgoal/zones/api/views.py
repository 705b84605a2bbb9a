"""API of zones: `ROUTES` are registered on the /api/v1/ router (config/api_urls.py). Read-only; passages are
personal data, so every read of them is written to the access log."""

from __future__ import annotations

from rest_framework.response import Response

from dualgoal.core.access import access_log
from dualgoal.core.api.base import ScopedReadOnlyViewSet

from ..models import Checkpoint, Passage, Zone
from .serializers import CheckpointSerializer, PassageSerializer, ZoneSerializer


class ZoneViewSet(ScopedReadOnlyViewSet):
    """Lockdown and social-distancing zones issued in, or touching, the caller's area."""

    queryset = Zone.objects.all()
    serializer_class = ZoneSerializer
    filterset_fields = ["kind", "directive", "start_date"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("units", "extensions")


class CheckpointViewSet(ScopedReadOnlyViewSet):
    """Checkpoints in the caller's communes."""

    queryset = Checkpoint.objects.all()
    serializer_class = CheckpointSerializer
    filterset_fields = ["zone", "unit", "active"]


class PassageViewSet(ScopedReadOnlyViewSet):
    """Passages at the checkpoints of the caller's communes (citizen IDs masked without people.view_id_number)."""

    queryset = Passage.objects.all()
    serializer_class = PassageSerializer
    filterset_fields = ["checkpoint", "shift", "direction", "outcome", "scan_result"]

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        access_log(request=request, action="api", obj=obj, detail="API")
        return Response(self.get_serializer(obj).data)

    def list(self, request, *args, **kwargs):
        access_log(
            request=request, action="api", object_type="zones.Passage", detail=f"API list {request.GET.urlencode()}"
        )
        return super().list(request, *args, **kwargs)


ROUTES: list = [  # (prefix, viewset, basename)
    ("zones", ZoneViewSet, "zone"),
    ("checkpoints", CheckpointViewSet, "checkpoint"),
    ("passages", PassageViewSet, "passage"),
]
