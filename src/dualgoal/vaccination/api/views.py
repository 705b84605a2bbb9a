"""API of vaccination: `ROUTES` are registered on the /api/v1/ router (config/api_urls.py). Read-only; reads of
doses (personal health data) are written to the access log. Coverage is aggregate: per commune as of `?on=`."""

from __future__ import annotations

import datetime as dt

from rest_framework import permissions, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from dualgoal.core.access import access_log
from dualgoal.core.api.base import ScopedReadOnlyViewSet
from dualgoal.core.clock import today

from ..forms import communes_visible
from ..models import Dose, Session
from ..selectors import coverage_by_commune
from .serializers import CoverageSerializer, DoseSerializer, SessionSerializer


class SessionViewSet(ScopedReadOnlyViewSet):
    """Vaccination sessions of the caller's communes."""

    queryset = Session.objects.all()
    serializer_class = SessionSerializer
    filterset_fields = ["unit", "date", "product", "status"]


class DoseViewSet(ScopedReadOnlyViewSet):
    """Doses of persons living in the caller's scope (every read is logged)."""

    queryset = Dose.objects.all()
    serializer_class = DoseSerializer
    filterset_fields = ["person", "session", "dose_number", "given_on", "product"]

    def get_queryset(self):
        return super().get_queryset().select_related("person")

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        access_log(request=request, action="api", obj=obj, detail="API")
        return Response(self.get_serializer(obj).data)

    def list(self, request, *args, **kwargs):
        access_log(
            request=request, action="api", object_type="vaccination.Dose", detail=f"API list {request.GET.urlencode()}"
        )
        return super().list(request, *args, **kwargs)


class CanViewCoverage(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.has_perm("vaccination.view_coverage"))


class CoverageViewSet(viewsets.ViewSet):
    """Coverage per commune in the caller's scope as of `?on=YYYY-MM-DD` (default today): registered adults, at
    least one dose, full series. `?commune=<id>` restricts to one commune."""

    permission_classes = [permissions.IsAuthenticated, CanViewCoverage]

    def list(self, request):
        raw = request.query_params.get("on")
        try:
            day = dt.date.fromisoformat(raw) if raw else today()
        except ValueError as exc:
            raise ValidationError({"on": "YYYY-MM-DD"}) from exc
        units = {u.pk: u for u in communes_visible(request.user)}
        wanted = request.query_params.get("commune")
        ids = [int(wanted)] if wanted and wanted.isdigit() and int(wanted) in units else list(units)
        rows = []
        for pk, cov in sorted(coverage_by_commune(on=day, commune_ids=ids).items(), key=lambda i: units[i[0]].path):
            unit = units[pk]
            rows.append(
                {
                    "unit_id": pk,
                    "unit_code": unit.code,
                    "unit_name": unit.name,
                    "adults": cov.adults,
                    "one_dose": cov.one_dose,
                    "full": cov.full,
                    "share_one": round(cov.share_one, 4),
                    "share_full": round(cov.share_full, 4),
                }
            )
        return Response({"on": day.isoformat(), "results": CoverageSerializer(rows, many=True).data})


ROUTES: list = [  # (prefix, viewset, basename)
    ("vaccination-sessions", SessionViewSet, "vaccinationsession"),
    ("doses", DoseViewSet, "dose"),
    ("vaccination-coverage", CoverageViewSet, "vaccinationcoverage"),
]
