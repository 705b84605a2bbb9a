from django.urls import path

from dualgoal.core.views import object_urls

from . import views
from .models import Household, Person

app_name = "people"
urlpatterns = [
    *[
        pattern
        for pattern in object_urls(
            Person, list_view=views.PersonListView, detail_view=views.PersonDetailView, prefix=""
        )
        if pattern.name != "person_history"
    ],
    path("<int:pk>/history/", views.PersonHistoryView.as_view(model=Person), name="person_history"),
    path("new/", views.PersonCreateView.as_view(), name="person_create"),
    path("<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person_update"),
    *object_urls(
        Household,
        list_view=views.HouseholdListView,
        detail_view=views.HouseholdDetailView,
        prefix="households/",
    ),
]
