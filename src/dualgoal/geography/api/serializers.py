from rest_framework import serializers

from ..models import AdminUnit


class AdminUnitSerializer(serializers.ModelSerializer):
    level = serializers.CharField(source="get_level_display", read_only=True)
    parent_code = serializers.CharField(source="parent.code", read_only=True, default=None)

    class Meta:
        model = AdminUnit
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "level",
            "parent",
            "parent_code",
            "path",
            "valid_from",
            "valid_to",
            "is_demo",
        ]
