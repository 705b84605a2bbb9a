from django.urls import path

from dualgoal.core.views import object_urls

from . import views
from .models import Dose, PriorityAssignment, Session

app_name = "vaccination"

urlpatterns = [
    path("", views.CoverageView.as_view(), name="coverage"),
    path("due/", views.DueListView.as_view(), name="due"),
    path("due/export.xlsx", views.DueExportView.as_view(), name="due_export"),
    path("sessions/new/", views.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:pk>/edit/", views.SessionEditView.as_view(), name="session_edit"),
    *object_urls(Session, list_view=views.SessionListView, detail_view=views.SessionDetailView, prefix="sessions/"),
    *object_urls(Dose, list_view=views.DoseListView, detail_view=views.DoseDetailView, prefix="doses/"),
    *object_urls(
        PriorityAssignment,
        list_view=views.AssignmentListView,
        detail_view=views.AssignmentDetailView,
        prefix="priority/",
    ),
    path("people/<int:person_pk>/", views.PersonCardView.as_view(), name="person_card"),
    path("people/<int:person_pk>/dose/", views.DoseElsewhereView.as_view(), name="dose_elsewhere"),
    path("people/<int:person_pk>/priority/", views.AssignmentCreateView.as_view(), name="assignment_create"),
]
