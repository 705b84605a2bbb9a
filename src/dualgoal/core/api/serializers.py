from rest_framework import serializers

from ..models import Rule


class RuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rule
        fields = ["id", "key", "value", "valid_from", "valid_to", "source", "confidence", "note"]
