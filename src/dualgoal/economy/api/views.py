"""API viewsets of the economy app, registered in config/api_urls.py through ROUTES.

Reads are scoped like the screens (an enterprise's users see their enterprise only); writes go through the services:
register an enterprise, request a permit (refused with the missing conditions), revoke it, lease a boarding house
(refused under the rule, citing it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from dualgoal.core.access import access_log
from dualgoal.core.api.base import ScopedReadOnlyViewSet

from .. import services
from ..models import BoardingHouse, Employment, Enterprise, Permit, Shuttle
from .serializers import (
    BoardingHouseSerializer,
    EmploymentSerializer,
    EnterpriseSerializer,
    LeaseSerializer,
    PermitRevokeSerializer,
    PermitSerializer,
    ShuttleSerializer,
)


def api_error(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})


class EnterpriseViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Enterprises in the caller's scope with their reopening checklist; POST registers one (tax code checked)."""

    queryset = Enterprise.objects.all()
    serializer_class = EnterpriseSerializer
    filterset_fields = ["status", "park", "commune", "flagged"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("conditions")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        from dualgoal.geography.models import AdminUnit

        if not AdminUnit.objects.visible_to(request.user).filter(pk=data["commune"].pk).exists():
            raise ValidationError({"commune": ["Xã này không thuộc phạm vi của bạn."]})
        try:
            enterprise = services.enterprise_register(**data)
        except DjangoValidationError as exc:
            raise api_error(exc) from exc
        return Response(self.get_serializer(enterprise).data, status=status.HTTP_201_CREATED)


class EmploymentViewSet(ScopedReadOnlyViewSet):
    """Workers of the enterprises in scope."""

    queryset = Employment.objects.all()
    serializer_class = EmploymentSerializer
    filterset_fields = ["enterprise", "active", "confirmation"]

    def get_queryset(self):
        return super().get_queryset().select_related("person").order_by("pk")

    def list(self, request, *args, **kwargs):
        access_log(request=request, action="view", object_type="economy.Employment", detail="API list")
        return super().list(request, *args, **kwargs)


class PermitViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """ "2 điểm, 1 đường" permits. POST requests one for a worker (`employment`, `valid_from`, `valid_to`, `route`):
    it is issued at once, or refused with the list of missing conditions. The two points default to the worker's
    residence and the enterprise."""

    queryset = Permit.objects.all()
    serializer_class = PermitSerializer
    filterset_fields = ["status", "employment", "employment__enterprise"]

    def get_queryset(self):
        return super().get_queryset().select_related("employment__person", "employment__enterprise")

    def create(self, request, *args, **kwargs):
        from ..views import permit_points

        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        employment = (
            Employment.objects.visible_to(request.user)
            .select_related("person__residence_unit__parent", "enterprise__park")
            .filter(pk=data["employment"].pk)
            .first()
        )
        if employment is None:
            raise ValidationError({"employment": ["Người lao động không thuộc phạm vi của bạn."]})
        residence, workplace = permit_points(employment)
        try:
            permit = services.permit_issue(
                employment=employment,
                residence=data.get("residence") or residence,
                workplace=data.get("workplace") or workplace,
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                route=data.get("route", ""),
            )
        except DjangoValidationError as exc:
            raise api_error(exc) from exc
        return Response(self.get_serializer(permit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PermitRevokeSerializer, responses=PermitSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        if not request.user.has_perm("economy.change_permit"):
            raise PermissionDenied
        permit = self.get_object()
        payload = PermitRevokeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.permit_revoke(permit=permit, reason=payload.validated_data["reason"])
        return Response(self.get_serializer(permit).data)


class BoardingHouseViewSet(ScopedReadOnlyViewSet):
    """Boarding houses in scope; POST …/lease/ leases one to an enterprise under the rule in force."""

    queryset = BoardingHouse.objects.all()
    serializer_class = BoardingHouseSerializer
    filterset_fields = ["village", "flagged"]

    @extend_schema(request=LeaseSerializer, responses=LeaseSerializer)
    @action(detail=True, methods=["post"])
    def lease(self, request, pk=None):
        if not request.user.has_perm("economy.add_lease"):
            raise PermissionDenied
        house = self.get_object()
        payload = LeaseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if not Enterprise.objects.visible_to(request.user).filter(pk=data["enterprise"].pk).exists():
            raise ValidationError({"enterprise": ["Doanh nghiệp không thuộc phạm vi của bạn."]})
        try:
            lease = services.lease_record(boarding_house=house, **data)
        except DjangoValidationError as exc:
            raise api_error(exc) from exc
        return Response(LeaseSerializer(lease).data, status=status.HTTP_201_CREATED)


class ShuttleViewSet(ScopedReadOnlyViewSet):
    queryset = Shuttle.objects.all()
    serializer_class = ShuttleSerializer
    filterset_fields = ["enterprise"]

    def get_queryset(self):
        return super().get_queryset().annotate(trip_count=Count("trips")).order_by("pk")


ROUTES: list = [  # (prefix, viewset, basename)
    ("enterprises", EnterpriseViewSet, "enterprise"),
    ("employments", EmploymentViewSet, "employment"),
    ("permits", PermitViewSet, "permit"),
    ("boarding-houses", BoardingHouseViewSet, "boardinghouse"),
    ("shuttles", ShuttleViewSet, "shuttle"),
]
