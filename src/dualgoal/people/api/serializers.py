from rest_framework import serializers

from dualgoal.core.access import mask_id_number
from dualgoal.geography.models import AdminUnit

from ..choices import Sex
from ..models import Household, Person


class PersonSerializer(serializers.ModelSerializer):
    """A person. `id_number` is masked ("02409****234") unless the caller holds people.view_id_number.

    Writes are checked by the people services (the same rules and messages as the form)."""

    id_number = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=20)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)
    residence_unit = serializers.PrimaryKeyRelatedField(queryset=AdminUnit.objects.all())
    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            "birth_date",
            "birth_year",
            "sex",
            "id_number",
            "phone",
            "residence_unit",
            "address",
            "household",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"full_name": {"allow_blank": True}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("show_id_number"):
            data["id_number"] = mask_id_number(instance.id_number) or None
        return data
