"""Commune epidemic levels (one row per commune and week) and the venues whose capacity follows them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import COLOURS, NO_LEVEL_COLOUR, PopulationSource, VenueKind
from .querysets import CommuneLevelQuerySet, VenueQuerySet


class CommuneLevel(TrackedModel):
    """The epidemic level of a commune for one week (Monday–Sunday), with the figures and the rules it came from."""

    commune = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="epidemic_levels"
    )
    week_start = models.DateField(_("week starting (Monday)"), db_index=True)
    level = models.PositiveSmallIntegerField(_("level"))
    base_level = models.PositiveSmallIntegerField(_("level from new cases"))
    label = models.CharField(_("level name"), max_length=120, blank=True)
    color = models.CharField(_("colour"), max_length=20, blank=True)
    new_cases = models.PositiveIntegerField(_("new cases in the week"))
    population = models.PositiveIntegerField(_("population used"))
    population_source = models.CharField(
        _("population from"), max_length=12, choices=PopulationSource.choices, default=PopulationSource.UNIT
    )
    cases_per_100k = models.DecimalField(_("new cases per 100,000 per week"), max_digits=10, decimal_places=1)
    coverage_adults = models.PositiveIntegerField(_("adults (coverage base)"), null=True, blank=True)
    coverage_one_dose = models.PositiveIntegerField(_("with at least one dose"), null=True, blank=True)
    coverage_full = models.PositiveIntegerField(_("fully vaccinated"), null=True, blank=True)
    share_one = models.DecimalField(
        _("coverage, at least one dose (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    share_full = models.DecimalField(
        _("coverage, fully vaccinated (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    rules_used = models.JSONField(_("rule versions used"), default=list, blank=True)
    rule_source = models.CharField(_("legal source"), max_length=600, blank=True)
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = CommuneLevelQuerySet.as_manager()
    scope_unit_field = "commune"

    class Meta:
        ordering = ["-week_start", "commune__code"]
        verbose_name = _("commune epidemic level")
        verbose_name_plural = _("commune epidemic levels")
        constraints = [
            models.UniqueConstraint(fields=["commune", "week_start"], name="communelevel_unique_week"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="communelevel_level_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.commune} — {self.week_start:%d/%m/%Y}: {self.label or self.level}"

    @property
    def coverage_age(self) -> int | None:
        """The age from which the stored coverage was counted (the adjustment rule's age group), if a reason says."""
        for reason in self.reasons or ():
            age = (reason.get("params") or {}).get("age_used")
            if age:
                return int(age)
        return None

    @property
    def week_end(self):
        import datetime as dt

        return self.week_start + dt.timedelta(days=6)

    @property
    def colours(self) -> tuple[str, str]:
        return COLOURS.get(self.color, NO_LEVEL_COLOUR)

    @property
    def reason_lines(self) -> list[str]:
        from .reasons import reason_lines

        return reason_lines(self.reasons)


class Venue(TrackedModel):
    """A culture, sport or tourism venue whose allowed capacity follows its commune's epidemic level."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=VenueKind.choices, default=VenueKind.OTHER)
    commune = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="venues"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="venues",
        help_text=_("The body whose users (role venue operator) run the venue."),
    )
    normal_capacity = models.PositiveIntegerField(_("normal capacity (persons)"))
    opens_on = models.DateField(_("operating from"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = VenueQuerySet.as_manager()
    scope_unit_field = "commune"

    class Meta:
        ordering = ["commune__code", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name
