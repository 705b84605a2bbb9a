"""API of the epidemic app: `ROUTES` are registered on the /api/v1/ router (config/api_urls.py), `EXTRA_URLS`
are plain paths under it. Reads of a person's health detail are written to the access log."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from dualgoal.core.access import access_log
from dualgoal.core.api.base import ScopedReadOnlyViewSet
from dualgoal.people.models import Person

from ..models import Case, Contact, TraceState
from .serializers import CaseSerializer, ContactSerializer, ExposureSerializer


class CaseViewSet(ScopedReadOnlyViewSet):
    """Confirmed cases (F0) of persons living in the caller's scope."""

    queryset = Case.objects.all()
    serializer_class = CaseSerializer
    filterset_fields = ["outcome", "source", "sample_date"]

    def get_queryset(self):
        return super().get_queryset().select_related("person")

    def retrieve(self, request, *args, **kwargs):
        case = self.get_object()
        access_log(request=request, action="view", obj=case, detail=f"API case {case.code}")
        return Response(self.get_serializer(case).data)

    def list(self, request, *args, **kwargs):
        access_log(
            request=request, action="view", object_type="epidemic.Case", detail=f"API list {request.GET.urlencode()}"
        )
        return super().list(request, *args, **kwargs)


class ContactViewSet(ScopedReadOnlyViewSet):
    """Contacts in which at least one of the two persons lives in the caller's scope."""

    queryset = Contact.objects.all()
    serializer_class = ContactSerializer
    filterset_fields = ["setting", "date", "person_a", "person_b"]


class PersonExposureView(APIView):
    """A person's traced level, exposure date and the path that explains it (404 outside the caller's scope)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=ExposureSerializer)
    def get(self, request, pk: int):
        if not request.user.has_perm("epidemic.view_tracing"):
            raise PermissionDenied
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
        access_log(request=request, action="view", obj=person, detail="API exposure")
        state = TraceState.objects.filter(person=person).first()
        payload = {
            "level": state.level if state else None,
            "exposed_on": state.exposed_on if state else None,
            "path": state.path if state else [],
        }
        return Response(ExposureSerializer(payload).data)


ROUTES: list = [  # (prefix, viewset, basename)
    ("cases", CaseViewSet, "case"),
    ("contacts", ContactViewSet, "contact"),
]
EXTRA_URLS = [path("persons/<int:pk>/exposure/", PersonExposureView.as_view(), name="person-exposure")]
