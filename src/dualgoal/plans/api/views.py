from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from dualgoal.core.api.base import ScopedReadOnlyViewSet
from dualgoal.organisations.models import Organisation

from .. import selectors, services
from ..models import Plan, ProgressReport, SubPlan, Task
from ..querysets import user_organisation_ids
from ..views import as_of_date
from .serializers import PlanSerializer, ProgressReportSerializer, SubPlanSerializer, TaskSerializer


class PlanViewSet(ScopedReadOnlyViewSet):
    queryset = Plan.objects.all()
    serializer_class = PlanSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("sections")


@extend_schema(parameters=[OpenApiParameter("as_of", str, description="YYYY-MM-DD hoặc dd/mm/yyyy; mặc định hôm nay")])
class TaskViewSet(ScopedReadOnlyViewSet):
    """Tasks in the caller's scope, each with its status class as of `as_of`."""

    queryset = Task.objects.all()
    serializer_class = TaskSerializer
    filterset_fields = ["plan", "recurrence"]

    def get_queryset(self):
        return selectors.tasks_with_relations(super().get_queryset())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        page = getattr(self, "_page_tasks", None)
        if page is not None:
            context["statuses"] = selectors.task_statuses(page, as_of=as_of_date(self.request))
        return context

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._page_tasks = list(page) if page is not None else list(queryset)
        return page

    def retrieve(self, request, *args, **kwargs):
        task = self.get_object()
        self._page_tasks = [task]
        return Response(self.get_serializer(task).data)


class ProgressReportViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Progress reports; POST reports progress as one of the caller's bodies assigned to the task."""

    queryset = ProgressReport.objects.all()
    serializer_class = ProgressReportSerializer
    filterset_fields = ["task", "organisation", "review"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        task = Task.objects.visible_to(request.user).filter(pk=data["task"].pk).first()
        own = user_organisation_ids(request.user)
        if task is None or (not request.user.is_superuser and data["organisation"].pk not in own):
            raise ValidationError({"organisation": "Cơ quan này không thuộc phạm vi của bạn hoặc không được giao."})
        try:
            report = services.task_report_progress(
                task=task,
                organisation=Organisation.objects.get(pk=data["organisation"].pk),
                user=request.user,
                reported_on=data["reported_on"],
                percent=data["percent"],
                text=data["text"],
                period_end=data.get("period_end"),
            )
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)


class SubPlanViewSet(ScopedReadOnlyViewSet):
    queryset = SubPlan.objects.all()
    serializer_class = SubPlanSerializer
    filterset_fields = ["plan", "organisation"]
