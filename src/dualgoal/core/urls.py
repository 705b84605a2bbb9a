from django.urls import path

from .models import AccessLog, Rule
from .rule_views import RuleDetailView, RuleListView, RuleVersionCreateView
from .tables import AccessLogTable
from .views import NotificationListView, ObjectListView, object_urls

app_name = "core"

urlpatterns = [
    path("notifications/", NotificationListView.as_view(), name="notifications"),
    *object_urls(Rule, list_view=RuleListView, detail_view=RuleDetailView, prefix="rules/"),
    path("rules/new/", RuleVersionCreateView.as_view(), name="rule_add"),
    path(
        "access-log/",
        ObjectListView.as_view(model=AccessLog, table_class=AccessLogTable),
        name="accesslog_list",
    ),
]
