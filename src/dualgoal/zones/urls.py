from django.urls import path

from dualgoal.core.views import object_urls

from . import views
from .models import Checkpoint, Passage, Shift, ShiftStaff, Zone, ZoneExtension

app_name = "zones"

urlpatterns = [
    path("new/", views.ZoneCreateView.as_view(), name="zone_create"),
    path("<int:pk>/edit/", views.ZoneUpdateView.as_view(), name="zone_update"),
    path("<int:pk>/extend/", views.ZoneExtendView.as_view(), name="zone_extend"),
    path("<int:pk>/lift/", views.ZoneLiftView.as_view(), name="zone_lift"),
    *object_urls(Zone, list_view=views.ZoneListView, detail_view=views.ZoneDetailView, prefix=""),
    *object_urls(
        ZoneExtension,
        list_view=views.ZonesListView,
        detail_view=views.ZonesDetailView,
        prefix="extensions/",
        table_fields=("zone", "decision_number", "decided_on", "new_end", "reason"),
    ),
    path("phone/", views.PhoneView.as_view(), name="phone"),
    path("phone/<int:pk>/", views.PhoneView.as_view(), name="phone_checkpoint"),
    path("checkpoints/new/", views.CheckpointCreateView.as_view(), name="checkpoint_create"),
    path("checkpoints/<int:pk>/shifts/new/", views.ShiftCreateView.as_view(), name="shift_create"),
    *object_urls(
        Checkpoint,
        list_view=views.ZonesListView,
        detail_view=views.CheckpointDetailView,
        prefix="checkpoints/",
        table_fields=("unit", "zone", "place", "organisation", "active"),
    ),
    path("shifts/<int:pk>/staff/new/", views.StaffAddView.as_view(), name="shiftstaff_create"),
    *object_urls(
        Shift,
        list_view=views.ZonesListView,
        detail_view=views.ShiftDetailView,
        prefix="shifts/",
        table_fields=("checkpoint", "date", "start_time", "end_time", "note"),
    ),
    *object_urls(
        ShiftStaff,
        list_view=views.ZonesListView,
        detail_view=views.ZonesDetailView,
        prefix="staff/",
        table_fields=("shift", "role", "phone"),
    ),
    *object_urls(Passage, list_view=views.PassageListView, detail_view=views.PassageDetailView, prefix="passages/"),
]
