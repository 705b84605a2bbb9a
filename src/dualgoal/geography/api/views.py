from dualgoal.core.api.base import ScopedReadOnlyViewSet

from ..filters import AdminUnitFilter
from ..models import AdminUnit
from .serializers import AdminUnitSerializer


class AdminUnitViewSet(ScopedReadOnlyViewSet):
    queryset = AdminUnit.objects.all()
    serializer_class = AdminUnitSerializer
    filterset_class = AdminUnitFilter

    def get_queryset(self):
        return super().get_queryset().select_related("parent")
