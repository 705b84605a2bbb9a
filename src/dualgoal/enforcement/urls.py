from django.urls import path

from dualgoal.core.views import object_urls

from . import views
from .models import Violation

app_name = "enforcement"

urlpatterns = [
    path("public/", views.PublicListView.as_view(), name="public"),
    path("totals/", views.TotalsView.as_view(), name="totals"),
    path("violations/new/", views.ViolationCreateView.as_view(), name="violation_create"),
    path("violations/<int:pk>/edit/", views.ViolationEditView.as_view(), name="violation_edit"),
    path("violations/<int:pk>/decide/", views.ViolationDecideView.as_view(), name="violation_decide"),
    path("violations/<int:pk>/paid/", views.ViolationPaidView.as_view(), name="violation_paid"),
    path("violations/<int:pk>/appeal/", views.ViolationAppealView.as_view(), name="violation_appeal"),
    path("violations/<int:pk>/cancel/", views.ViolationCancelView.as_view(), name="violation_cancel"),
    *object_urls(
        Violation,
        list_view=views.ViolationListView,
        detail_view=views.ViolationDetailView,
        prefix="violations/",
    ),
]
