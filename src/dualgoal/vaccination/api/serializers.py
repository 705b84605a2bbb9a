from rest_framework import serializers

from ..models import Dose, Session


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = [
            "id",
            "name",
            "place",
            "unit",
            "organisation",
            "date",
            "product",
            "lot_number",
            "lot_expiry",
            "capacity",
            "status",
        ]


class DoseSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Dose
        fields = [
            "id",
            "person",
            "person_name",
            "session",
            "dose_number",
            "given_on",
            "product",
            "lot_number",
            "place",
            "completes_series",
        ]


class CoverageSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField()
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    adults = serializers.IntegerField()
    one_dose = serializers.IntegerField()
    full = serializers.IntegerField()
    share_one = serializers.FloatField()
    share_full = serializers.FloatField()
