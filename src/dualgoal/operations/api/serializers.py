from rest_framework import serializers

from ..models import FollowUp, Pool, QuarantineFacility, QuarantineOrder, TestSample


class FacilitySerializer(serializers.ModelSerializer):
    class Meta:
        model = QuarantineFacility
        fields = ["id", "name", "commune", "address", "capacity"]


class OrderSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = QuarantineOrder
        fields = [
            "id",
            "number",
            "person",
            "person_name",
            "subject",
            "kind",
            "start_date",
            "planned_end",
            "monitoring_end",
            "test_days",
            "rule_note",
            "facility",
            "status",
            "released_on",
            "warning_sign",
        ]


class SampleSerializer(serializers.ModelSerializer):
    class Meta:
        model = TestSample
        fields = [
            "id",
            "person",
            "order",
            "pool",
            "retest_of",
            "taken_on",
            "kind",
            "reason",
            "lab",
            "collected",
            "result",
            "result_on",
            "ct_value",
        ]


class PoolSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pool
        fields = ["id", "code", "taken_on", "area", "risk_level", "lab", "result", "result_on", "ct_value"]


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "person", "day", "order", "reason", "outcome", "symptoms", "temperature", "note"]
