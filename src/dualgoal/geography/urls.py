from dualgoal.core.views import object_urls

from .models import AdminUnit
from .views import AdminUnitDetailView, AdminUnitListView

app_name = "geography"
urlpatterns = object_urls(AdminUnit, list_view=AdminUnitListView, detail_view=AdminUnitDetailView, prefix="units/")
