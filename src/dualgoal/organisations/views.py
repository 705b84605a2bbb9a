from dualgoal.core.views import ObjectDetailView, ObjectListView

from .filters import OrganisationFilter
from .tables import OrganisationTable


class OrganisationListView(ObjectListView):
    table_class = OrganisationTable
    filterset_class = OrganisationFilter

    def get_queryset(self):
        return super().get_queryset().select_related("admin_unit")


class OrganisationDetailView(ObjectDetailView):
    template_name = "organisations/organisation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["aliases"] = self.object.aliases.order_by("text")
        context["groups"] = self.object.groups.visible_to(self.request.user)
        return context
