from rest_framework import serializers

from ..models import Organisation, OrganisationGroup


class OrganisationSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")

    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "short_name", "kind", "admin_unit", "parent", "is_active", "aliases"]


class OrganisationGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationGroup
        fields = ["id", "code", "name", "admin_unit", "members"]


class ResolutionSerializer(serializers.Serializer):
    text = serializers.CharField()
    resolved = serializers.BooleanField()
    group = serializers.CharField(allow_null=True)
    organisations = OrganisationSerializer(many=True)
