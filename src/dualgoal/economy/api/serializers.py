from __future__ import annotations

from rest_framework import serializers

from ..models import BoardingHouse, Condition, Employment, Enterprise, Lease, Permit, Shuttle


class ConditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Condition
        fields = ["id", "kind", "status", "note"]


class EnterpriseSerializer(serializers.ModelSerializer):
    conditions = ConditionSerializer(many=True, read_only=True)

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "tax_code",
            "name",
            "park",
            "commune",
            "address",
            "sector",
            "workforce",
            "status",
            "flagged",
            "conditions",
        ]
        read_only_fields = ["status", "flagged", "conditions"]
        extra_kwargs = {"tax_code": {"validators": []}}  # the service validates and normalises it


class EmploymentSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Employment
        fields = [
            "id",
            "enterprise",
            "person",
            "person_name",
            "department",
            "position",
            "commitment_signed_on",
            "confirmation",
            "active",
        ]


class PermitSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="employment.person.full_name", read_only=True)
    enterprise = serializers.IntegerField(source="employment.enterprise_id", read_only=True)

    class Meta:
        model = Permit
        fields = [
            "id",
            "employment",
            "person_name",
            "enterprise",
            "residence",
            "workplace",
            "route",
            "valid_from",
            "valid_to",
            "status",
            "revoked_on",
            "revoke_reason",
        ]
        read_only_fields = ["status", "revoked_on", "revoke_reason"]
        extra_kwargs = {"residence": {"required": False}, "workplace": {"required": False}}


class PermitRevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255)


class LeaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lease
        fields = ["id", "boarding_house", "enterprise", "rooms", "start", "end"]
        read_only_fields = ["boarding_house"]


class BoardingHouseSerializer(serializers.ModelSerializer):
    class Meta:
        model = BoardingHouse
        fields = ["id", "name", "owner_name", "address", "village", "rooms", "flagged"]


class ShuttleSerializer(serializers.ModelSerializer):
    trip_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Shuttle
        fields = ["id", "enterprise", "plate", "route", "seats", "driver", "trip_count"]
