from django.urls import path

from dualgoal.core.views import object_urls

from . import views
from .models import CommuneLevel, Venue

app_name = "levels"

urlpatterns = [
    path("", views.GridView.as_view(), name="grid"),
    path("compute/", views.ComputeView.as_view(), name="compute"),
    path("communes/<int:pk>/", views.CommuneHistoryView.as_view(), name="commune_history"),
    *object_urls(
        CommuneLevel,
        list_view=views.CommuneLevelListView,
        detail_view=views.CommuneLevelDetailView,
        prefix="weeks/",
    ),
    path("venues/new/", views.VenueFormView.as_view(), name="venue_create"),
    path("venues/<int:pk>/edit/", views.VenueFormView.as_view(), name="venue_edit"),
    *object_urls(Venue, list_view=views.VenueListView, detail_view=views.VenueDetailView, prefix="venues/"),
]
