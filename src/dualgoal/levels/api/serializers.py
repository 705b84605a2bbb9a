from rest_framework import serializers

from ..models import CommuneLevel, Venue


class CommuneLevelSerializer(serializers.ModelSerializer):
    commune_code = serializers.CharField(source="commune.code", read_only=True)
    commune_name = serializers.CharField(source="commune.name", read_only=True)
    reason_lines = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = CommuneLevel
        fields = [
            "id",
            "commune",
            "commune_code",
            "commune_name",
            "week_start",
            "level",
            "base_level",
            "label",
            "color",
            "new_cases",
            "population",
            "population_source",
            "cases_per_100k",
            "coverage_adults",
            "coverage_one_dose",
            "coverage_full",
            "share_one",
            "share_full",
            "reasons",
            "reason_lines",
            "rules_used",
            "rule_source",
            "computed_at",
        ]


class VenueSerializer(serializers.ModelSerializer):
    allowed_percent = serializers.SerializerMethodField()
    allowed_persons = serializers.SerializerMethodField()

    class Meta:
        model = Venue
        fields = [
            "id",
            "name",
            "kind",
            "commune",
            "address",
            "organisation",
            "normal_capacity",
            "opens_on",
            "allowed_percent",
            "allowed_persons",
        ]

    def _capacity(self, venue):
        from dualgoal.core.clock import today

        from ..selectors import venue_capacity

        cache = self.context.setdefault("_capacity", {})
        if venue.pk not in cache:
            cache[venue.pk] = venue_capacity(venue, on=today())
        return cache[venue.pk]

    def get_allowed_percent(self, venue) -> float | None:
        return self._capacity(venue).percent

    def get_allowed_persons(self, venue) -> int | None:
        return self._capacity(venue).persons
