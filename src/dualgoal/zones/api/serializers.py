from rest_framework import serializers

from dualgoal.core.access import mask_id_number
from dualgoal.core.clock import today

from ..models import Checkpoint, Passage, Zone


class ZoneSerializer(serializers.ModelSerializer):
    units = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    status = serializers.SerializerMethodField()
    end_in_force = serializers.SerializerMethodField()

    class Meta:
        model = Zone
        fields = [
            "id",
            "name",
            "kind",
            "directive",
            "unit",
            "units",
            "polygon",
            "decision_number",
            "issued_on",
            "start_date",
            "planned_end",
            "end_in_force",
            "lift_decision",
            "lifted_on",
            "status",
            "inner_control",
            "outer_control",
        ]

    def get_status(self, obj) -> str:
        return obj.status_on(today())

    def get_end_in_force(self, obj):
        return obj.end_on(today())


class CheckpointSerializer(serializers.ModelSerializer):
    class Meta:
        model = Checkpoint
        fields = ["id", "name", "place", "zone", "unit", "organisation", "active"]


class PassageSerializer(serializers.ModelSerializer):
    id_number = serializers.SerializerMethodField()

    class Meta:
        model = Passage
        fields = [
            "id",
            "checkpoint",
            "shift",
            "at",
            "direction",
            "person",
            "name",
            "id_number",
            "plate",
            "origin",
            "origin_area",
            "scan_result",
            "outcome",
            "reason",
            "arrival",
        ]

    def get_id_number(self, obj) -> str:
        request = self.context.get("request")
        if request is not None and request.user.has_perm("people.view_id_number"):
            return obj.id_number
        return mask_id_number(obj.id_number)
