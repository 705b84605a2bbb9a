from django.urls import path

from dualgoal.core.views import object_urls

from . import views
from .models import Attendance, Case, Contact, GroupExposure, QuarantineStart

app_name = "epidemic"


urlpatterns = [
    path("cases/new/", views.CaseCreateView.as_view(), name="case_create"),
    *object_urls(Case, list_view=views.CaseListView, detail_view=views.CaseDetailView, prefix="cases/"),
    path("contacts/new/", views.ContactCreateView.as_view(), name="contact_create"),
    *object_urls(Contact, list_view=views.ContactListView, detail_view=views.ContactDetailView, prefix="contacts/"),
    *object_urls(
        GroupExposure,
        detail_view=views.GroupExposureDetailView,
        prefix="group-exposures/",
        table_fields=("setting", "place", "admin_unit", "date_from", "date_to"),
    ),
    *object_urls(Attendance, list_view=views.AttendanceListView, prefix="attendances/"),
    *object_urls(QuarantineStart, prefix="quarantine-starts/", table_fields=("kind", "start_date", "note")),
    path("why/<int:person_pk>/", views.WhyView.as_view(), name="why"),
    path("counts/", views.CountsView.as_view(), name="counts"),
    path("graph/", views.GraphView.as_view(), name="graph"),
    path("import/", views.ImportView.as_view(), name="import"),
]
