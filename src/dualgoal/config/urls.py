from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from dualgoal.core.views import HomeView

handler403 = "dualgoal.core.views.error_403"
handler404 = "dualgoal.core.views.error_404"
handler500 = "dualgoal.core.views.error_500"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("dualgoal.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dualgoal.core.urls")),
    path("geography/", include("dualgoal.geography.urls")),
    path("organisations/", include("dualgoal.organisations.urls")),
    path("plans/", include("dualgoal.plans.urls")),
    path("people/", include("dualgoal.people.urls")),
    path("epidemic/", include("dualgoal.epidemic.urls")),
    path("economy/", include("dualgoal.economy.urls")),
    path("operations/", include("dualgoal.operations.urls")),
    path("zones/", include("dualgoal.zones.urls")),
    path("vaccination/", include("dualgoal.vaccination.urls")),
    path("enforcement/", include("dualgoal.enforcement.urls")),
    path("levels/", include("dualgoal.levels.urls")),
    path("cleaning/", include("dualgoal.cleaning.urls")),
    path("api/v1/", include(("dualgoal.config.api_urls", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
