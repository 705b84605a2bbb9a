"""API of epidemic operations: `ROUTES` are registered on the /api/v1/ router (config/api_urls.py). Read-only;
reads of a person's quarantine or test records are written to the access log."""

from __future__ import annotations

from rest_framework.response import Response

from dualgoal.core.access import access_log
from dualgoal.core.api.base import ScopedReadOnlyViewSet

from ..models import FollowUp, Pool, QuarantineFacility, QuarantineOrder, TestSample
from .serializers import FacilitySerializer, FollowUpSerializer, OrderSerializer, PoolSerializer, SampleSerializer


class LoggedReadMixin:
    """Every read of personal health records goes to the access log."""

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        access_log(request=request, action="api", obj=obj, detail="API")
        return Response(self.get_serializer(obj).data)

    def list(self, request, *args, **kwargs):
        access_log(
            request=request,
            action="api",
            object_type=self.queryset.model._meta.label,
            detail=f"API list {request.GET.urlencode()}"[:400],
        )
        return super().list(request, *args, **kwargs)


class FacilityViewSet(ScopedReadOnlyViewSet):
    """Quarantine facilities in the caller's scope."""

    queryset = QuarantineFacility.objects.all()
    serializer_class = FacilitySerializer


class OrderViewSet(LoggedReadMixin, ScopedReadOnlyViewSet):
    """Quarantine orders of persons living in the caller's scope."""

    queryset = QuarantineOrder.objects.all()
    serializer_class = OrderSerializer
    filterset_fields = ["kind", "subject", "status", "start_date", "person"]

    def get_queryset(self):
        return super().get_queryset().select_related("person")


class SampleViewSet(LoggedReadMixin, ScopedReadOnlyViewSet):
    """Test samples of persons living in the caller's scope."""

    queryset = TestSample.objects.all()
    serializer_class = SampleSerializer
    filterset_fields = ["result", "reason", "collected", "taken_on", "person", "pool"]


class PoolViewSet(ScopedReadOnlyViewSet):
    """Pooled samples of the caller's areas."""

    queryset = Pool.objects.all()
    serializer_class = PoolSerializer
    filterset_fields = ["result", "taken_on", "risk_level"]


class FollowUpViewSet(LoggedReadMixin, ScopedReadOnlyViewSet):
    """Daily health checks of persons living in the caller's scope."""

    queryset = FollowUp.objects.all()
    serializer_class = FollowUpSerializer
    filterset_fields = ["day", "outcome", "person"]


ROUTES: list = [  # (prefix, viewset, basename)
    ("quarantine-facilities", FacilityViewSet, "quarantinefacility"),
    ("quarantine-orders", OrderViewSet, "quarantineorder"),
    ("test-samples", SampleViewSet, "testsample"),
    ("sample-pools", PoolViewSet, "pool"),
    ("followups", FollowUpViewSet, "followup"),
]
