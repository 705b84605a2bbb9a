from dualgoal.core.views import ObjectDetailView, ObjectListView

from .filters import AdminUnitFilter
from .tables import AdminUnitTable


class AdminUnitListView(ObjectListView):
    table_class = AdminUnitTable
    filterset_class = AdminUnitFilter

    def get_queryset(self):
        return super().get_queryset().select_related("parent")


class AdminUnitDetailView(ObjectDetailView):
    template_name = "geography/adminunit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = self.object.children.visible_to(self.request.user).order_by("code")
        context["ancestors"] = self.object.ancestors()
        return context
