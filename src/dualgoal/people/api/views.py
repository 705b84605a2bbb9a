"""API viewsets of the people app, registered in config/api_urls.py through ROUTES."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from dualgoal.core.access import access_log
from dualgoal.core.api.base import ScopedReadOnlyViewSet

from .. import services
from ..models import Person
from ..selectors import is_small_scope, person_search, persons_visible, units_under
from ..views import CappedPaginator, search_detail
from .serializers import PersonSerializer


class CappedPagination(PageNumberPagination):
    """`count` is exact up to 500; 501 means "more than 500" (a search is for finding someone, not for counting)."""

    django_paginator_class = CappedPaginator


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="Họ tên (không cần dấu), số CCCD/CMND hoặc số điện thoại"),
        OpenApiParameter("residence_unit", int, description="Mã (id) thôn / xã: người cư trú tại đó"),
    ]
)
class PersonViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedReadOnlyViewSet):
    """Persons in the caller's scope. A list needs `?q=` or `?residence_unit=` unless the caller's whole scope fits
    on one page; citizen IDs are masked unless the caller may see them; every read of one person is logged."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    pagination_class = CappedPagination

    def get_queryset(self):
        if self.action != "list":
            return Person.objects.visible_to(self.request.user).select_related("residence_unit")
        params = self.request.query_params
        query = params.get("q", "").strip()
        within = None
        if params.get("residence_unit"):
            from dualgoal.geography.models import AdminUnit

            within = (
                AdminUnit.objects.filter(pk=params["residence_unit"]).first()
                if params["residence_unit"].isdigit()
                else None
            )
            if within is None:
                raise ValidationError({"residence_unit": _("Unknown unit.")})
        if query:
            return person_search(query, self.request.user, within=within)
        if within is not None:
            return persons_visible(self.request.user).filter(residence_unit__in=units_under(within))
        if is_small_scope(self.request.user):
            return persons_visible(self.request.user)
        raise ValidationError(
            {"q": _("Give ?q= (a name, citizen ID or phone number) or ?residence_unit= (a village or commune).")}
        )

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "show_id_number": self.request.user.has_perm("people.view_id_number"),
        }

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if query := request.query_params.get("q", "").strip():
            access_log(request=request, action="search", object_type="people.Person", detail=search_detail(query))
        return response

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        access_log(request=request, action="api", obj=person)
        return Response(self.get_serializer(person).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person = self._call(services.person_create, user=request.user, **serializer.validated_data)
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        person = self.get_object()
        serializer = self.get_serializer(person, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        person = self._call(services.person_update, person=person, user=request.user, **serializer.validated_data)
        return Response(self.get_serializer(person).data)

    @staticmethod
    def _call(service, **kwargs):
        try:
            return service(**kwargs)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc


ROUTES = [("persons", PersonViewSet, "person")]  # (prefix, viewset, basename) — read by config/api_urls.py
