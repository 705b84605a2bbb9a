from dualgoal.core.views import object_urls

from .models import Organisation, OrganisationGroup
from .views import OrganisationDetailView, OrganisationListView

app_name = "organisations"
urlpatterns = [
    *object_urls(Organisation, list_view=OrganisationListView, detail_view=OrganisationDetailView),
    *object_urls(OrganisationGroup, prefix="groups/", table_fields=("code",)),
]
