"""API of enforcement: `ROUTES` are registered on the /api/v1/ router (config/api_urls.py). Read-only; reads of
persons' violations are written to the access log."""

from __future__ import annotations

from rest_framework.response import Response

from dualgoal.core.access import access_log
from dualgoal.core.api.base import ScopedReadOnlyViewSet

from ..models import Violation
from .serializers import ViolationSerializer


class ViolationViewSet(ScopedReadOnlyViewSet):
    """Violations and their sanctioning decisions in the caller's communes."""

    queryset = Violation.objects.all()
    serializer_class = ViolationSerializer
    filterset_fields = ["status", "act_code", "offender_kind", "commune", "act_date", "decision_date"]

    def get_queryset(self):
        return super().get_queryset().select_related("person", "enterprise")

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        access_log(request=request, action="api", obj=obj, detail="API")
        return Response(self.get_serializer(obj).data)

    def list(self, request, *args, **kwargs):
        access_log(
            request=request,
            action="api",
            object_type=Violation._meta.label,
            detail=f"API list {request.GET.urlencode()}"[:400],
        )
        return super().list(request, *args, **kwargs)


ROUTES: list = [  # (prefix, viewset, basename)
    ("violations", ViolationViewSet, "violation"),
]
