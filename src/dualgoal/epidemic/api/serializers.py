from rest_framework import serializers

from ..models import Case, Contact


class CaseSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "code",
            "person",
            "person_name",
            "sample_date",
            "test_kind",
            "onset_date",
            "source",
            "notified_by",
            "isolation_date",
            "treatment_place",
            "outcome",
            "outcome_date",
        ]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "person_a", "person_b", "date", "setting", "note"]


# "from" is a Python keyword: the step serializer is built with type() so that its field keeps that name.
PathStepSerializer = type(
    "PathStepSerializer",
    (serializers.Serializer,),
    {
        "person": serializers.IntegerField(help_text="Person id"),
        "day": serializers.DateField(
            allow_null=True, help_text="F0: start of the infectious period; the others: the day of exposure"
        ),
        "from": serializers.IntegerField(allow_null=True, help_text="the person who passed the exposure on"),
        "contact": serializers.IntegerField(allow_null=True, help_text="Contact id (a pairwise contact)"),
        "group": serializers.IntegerField(allow_null=True, help_text="GroupExposure id (an event or place)"),
    },
)


class ExposureSerializer(serializers.Serializer):
    level = serializers.IntegerField(allow_null=True, help_text="0 = F0, 1 = F1…; null when not traced")
    exposed_on = serializers.DateField(allow_null=True)
    path = PathStepSerializer(many=True)
