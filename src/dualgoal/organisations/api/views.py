from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from dualgoal.core.api.base import ScopedReadOnlyViewSet
from dualgoal.geography.models import AdminUnit

from ..filters import OrganisationFilter
from ..models import Organisation, OrganisationGroup
from ..selectors import organisation_resolve
from .serializers import OrganisationGroupSerializer, OrganisationSerializer, ResolutionSerializer


class OrganisationViewSet(ScopedReadOnlyViewSet):
    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self):
        return super().get_queryset().select_related("admin_unit").prefetch_related("aliases")

    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, required=True, description="Tên hoặc tên viết tắt, ví dụ “Phòng TC-KH”"),
            OpenApiParameter("within", str, required=True, description="Mã đơn vị hành chính ban hành văn bản"),
        ],
        responses=ResolutionSerializer,
    )
    @action(detail=False)
    def resolve(self, request):
        name = request.query_params.get("name", "").strip()
        within = AdminUnit.objects.visible_to(request.user).filter(code=request.query_params.get("within", ""))
        unit = within.order_by("-valid_from").first()
        if not name:
            raise ValidationError({"name": _("Enter a name to resolve.")})
        if unit is None:
            raise ValidationError({"within": _("Unknown administrative unit code.")})
        found = organisation_resolve(name, within=unit)
        visible = set(Organisation.objects.visible_to(request.user).values_list("pk", flat=True))
        payload = {
            "text": found.text,
            "resolved": found.resolved,
            "group": found.group.name if found.group else None,
            "organisations": [o for o in found.organisations if o.pk in visible],
        }
        return Response(ResolutionSerializer(payload).data)


class OrganisationGroupViewSet(ScopedReadOnlyViewSet):
    queryset = OrganisationGroup.objects.all()
    serializer_class = OrganisationGroupSerializer
