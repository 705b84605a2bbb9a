from django.urls import path

from dualgoal.core.views import object_urls

from . import views
from .models import CleaningPlan, WasteCollection

app_name = "cleaning"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/reschedule/", views.PlanRescheduleView.as_view(), name="plan_reschedule"),
    path("plans/<int:pk>/done/", views.PlanDoneView.as_view(), name="plan_done"),
    path("plans/<int:pk>/cancel/", views.PlanCancelView.as_view(), name="plan_cancel"),
    *object_urls(CleaningPlan, list_view=views.PlanListView, detail_view=views.PlanDetailView, prefix="plans/"),
    path("waste/new/", views.WasteCreateView.as_view(), name="waste_create"),
    *object_urls(WasteCollection, list_view=views.WasteListView, detail_view=views.WasteDetailView, prefix="waste/"),
]
