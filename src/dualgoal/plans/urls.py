from django.urls import path

from dualgoal.core.views import object_urls

from . import views
from .models import Plan, ProgressReport, Section, SubPlan, Task

app_name = "plans"
urlpatterns = [
    *object_urls(Plan, list_view=views.PlanListView, detail_view=views.PlanDetailView, prefix=""),
    path("<int:pk>/report.<str:fmt>", views.PlanReportView.as_view(), name="plan_report"),
    path("<int:pk>/map-name/", views.TaskMapNameView.as_view(), name="plan_map_name"),
    path("import/", views.PlanImportView.as_view(), name="import"),
    path("import/<int:pk>/", views.PlanImportReviewView.as_view(), name="import_review"),
    path("board/", views.TaskBoardView.as_view(), name="board"),
    path("overdue/", views.OverdueView.as_view(), name="overdue"),
    path("scorecard/", views.ScorecardView.as_view(), name="scorecard"),
    *object_urls(Task, list_view=views.TaskBoardView, detail_view=views.TaskDetailView, prefix="tasks/"),
    path("tasks/<int:pk>/assign/", views.TaskAssignView.as_view(), name="task_assign"),
    path("reports/<int:pk>/review/", views.ProgressReviewView.as_view(), name="progressreport_review"),
    path("subplans/<int:pk>/submit/", views.SubPlanSubmitView.as_view(), name="subplan_submit"),
    *object_urls(Section, prefix="sections/", table_fields=("code", "title")),
    *object_urls(ProgressReport, prefix="reports/", table_fields=("reported_on", "percent", "review")),
    *object_urls(SubPlan, prefix="subplans/", table_fields=("due", "submitted_on", "review")),
]
