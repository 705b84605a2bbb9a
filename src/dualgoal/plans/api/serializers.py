from rest_framework import serializers

from ..models import Assignment, Plan, ProgressReport, Section, SubPlan, Task


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["id", "code", "title", "parent", "order"]


class PlanSerializer(serializers.ModelSerializer):
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "number",
            "title",
            "admin_unit",
            "issuer",
            "issued_on",
            "place",
            "signer_name",
            "cited",
            "coordinator",
            "subplan_due",
            "status",
            "sections",
        ]


class AssignmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name")

    class Meta:
        model = Assignment
        fields = ["organisation", "name", "role"]


class TaskSerializer(serializers.ModelSerializer):
    section = serializers.CharField(source="section.code")
    assignments = AssignmentSerializer(many=True, read_only=True)
    status = serializers.SerializerMethodField()
    percent = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "section",
            "order",
            "text",
            "deadline",
            "recurrence",
            "day_of_month",
            "deadline_text",
            "target_value",
            "target_unit",
            "target_text",
            "unresolved_names",
            "assignments",
            "status",
            "percent",
        ]

    def _judgement(self, task):
        return self.context.get("statuses", {}).get(task.pk)

    def get_status(self, task) -> str | None:
        judgement = self._judgement(task)
        return judgement.status.value if judgement else None

    def get_percent(self, task) -> int | None:
        judgement = self._judgement(task)
        return judgement.percent if judgement else None


class ProgressReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "task",
            "organisation",
            "reported_on",
            "period_end",
            "percent",
            "text",
            "review",
            "review_reason",
            "created_at",
        ]
        read_only_fields = ["review", "review_reason", "created_at"]


class SubPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = SubPlan
        fields = ["id", "plan", "organisation", "due", "submitted_on", "number", "review", "on_time"]
