from rest_framework import serializers

from ..models import CleaningPlan, WasteCollection


class PlanSerializer(serializers.ModelSerializer):
    target_name = serializers.CharField(read_only=True)

    class Meta:
        model = CleaningPlan
        fields = [
            "id",
            "target_kind",
            "target_name",
            "zone",
            "boarding_house",
            "case",
            "place_name",
            "address",
            "commune",
            "method",
            "method_detail",
            "in_charge",
            "scheduled_on",
            "scheduled_until",
            "status",
            "done_on",
            "done_by",
        ]


class WasteSerializer(serializers.ModelSerializer):
    class Meta:
        model = WasteCollection
        fields = [
            "id",
            "source_kind",
            "facility",
            "place",
            "commune",
            "collected_on",
            "weight_kg",
            "bags",
            "collector",
            "destination",
            "manifest_number",
        ]
