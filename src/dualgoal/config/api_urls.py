"""/api/v1/: every app's viewsets on one router."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from dualgoal.accounts.api.views import MeView
from dualgoal.cleaning.api.views import ROUTES as CLEANING_ROUTES
from dualgoal.core.api.views import RuleViewSet
from dualgoal.economy.api.views import ROUTES as ECONOMY_ROUTES
from dualgoal.enforcement.api.views import ROUTES as ENFORCEMENT_ROUTES
from dualgoal.epidemic.api.views import EXTRA_URLS as EPIDEMIC_URLS
from dualgoal.epidemic.api.views import ROUTES as EPIDEMIC_ROUTES
from dualgoal.geography.api.views import AdminUnitViewSet
from dualgoal.levels.api.views import ROUTES as LEVELS_ROUTES
from dualgoal.operations.api.views import ROUTES as OPERATIONS_ROUTES
from dualgoal.organisations.api.views import OrganisationGroupViewSet, OrganisationViewSet
from dualgoal.people.api.views import ROUTES as PEOPLE_ROUTES
from dualgoal.plans.api.views import PlanViewSet, ProgressReportViewSet, SubPlanViewSet, TaskViewSet
from dualgoal.vaccination.api.views import ROUTES as VACCINATION_ROUTES
from dualgoal.zones.api.views import ROUTES as ZONES_ROUTES

router = DefaultRouter()
router.register("units", AdminUnitViewSet, basename="adminunit")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("organisation-groups", OrganisationGroupViewSet, basename="organisationgroup")
router.register("rules", RuleViewSet, basename="rule")
router.register("plans", PlanViewSet, basename="plan")
router.register("tasks", TaskViewSet, basename="task")
router.register("progress-reports", ProgressReportViewSet, basename="progressreport")
router.register("subplans", SubPlanViewSet, basename="subplan")
for prefix, viewset, basename in [
    *PEOPLE_ROUTES,
    *EPIDEMIC_ROUTES,
    *ECONOMY_ROUTES,
    *OPERATIONS_ROUTES,
    *ZONES_ROUTES,
    *VACCINATION_ROUTES,
    *ENFORCEMENT_ROUTES,
    *LEVELS_ROUTES,
    *CLEANING_ROUTES,
]:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("token/", obtain_auth_token, name="api-token"),
    *router.urls,
    *EPIDEMIC_URLS,
]
