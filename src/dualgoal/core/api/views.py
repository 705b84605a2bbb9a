import datetime as dt

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from ..models import Rule
from ..rulebook import RuleNotFound, rule
from .base import ScopedReadOnlyViewSet
from .serializers import RuleSerializer


class RuleValueSerializer(serializers.Serializer):
    key = serializers.CharField()
    value = serializers.JSONField()
    source = serializers.CharField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)
    confidence = serializers.CharField()


class RuleViewSet(ScopedReadOnlyViewSet):
    """The versioned rule table; `in-force` answers "what did rule K say on date D, and by which text"."""

    queryset = Rule.objects.all()
    serializer_class = RuleSerializer
    filterset_fields = ["key", "confidence"]

    @extend_schema(
        parameters=[
            OpenApiParameter("key", str, required=True),
            OpenApiParameter("on", dt.date, required=True, description="YYYY-MM-DD"),
        ],
        responses=RuleValueSerializer,
    )
    @action(detail=False, url_path="in-force")
    def in_force(self, request):
        key = request.query_params.get("key", "")
        try:
            day = dt.date.fromisoformat(request.query_params.get("on", ""))
        except ValueError as exc:
            raise ValidationError({"on": _("Give the date as YYYY-MM-DD.")}) from exc
        try:
            found = rule(key, on=day)
        except RuleNotFound as exc:
            raise NotFound(str(exc)) from exc
        return Response(RuleValueSerializer(found.__dict__).data)
