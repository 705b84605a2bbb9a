from rest_framework import serializers

from ..models import Violation


class ViolationSerializer(serializers.ModelSerializer):
    """No citizen ID, phone or address of the offender: the API carries the person's id and name only."""

    offender_name = serializers.SerializerMethodField()

    class Meta:
        model = Violation
        fields = [
            "id",
            "offender_kind",
            "person",
            "enterprise",
            "offender_name",
            "act_code",
            "act_label",
            "legal_basis",
            "act_date",
            "place",
            "commune",
            "record_number",
            "decision_number",
            "decision_date",
            "authority",
            "signer",
            "fine_amount",
            "other_measures",
            "status",
            "paid_on",
            "cancel_reason",
        ]

    def get_offender_name(self, obj) -> str:
        return str(obj.offender)
