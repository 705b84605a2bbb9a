"""The person registry shared by every domain: identity, residence down to the village, household."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel
from dualgoal.core.text import fold, nfc

from .choices import Sex


class Household(TrackedModel):
    """A household (hộ gia đình) at one address in a village."""

    code = models.CharField(_("household code"), max_length=40, unique=True)
    village = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="households"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)

    scope_unit_field = "village"

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return f"{self.code} — {self.address or self.village}"


class Person(TrackedModel):
    """A person. `residence_unit` is the village for residents, or the district/province of someone from
    elsewhere (with the free `address`); scope follows it. `name_folded` is the indexed search form."""

    full_name = models.CharField(_("full name"), max_length=150)
    name_folded = models.CharField(max_length=150, editable=False, db_index=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True, db_index=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    id_number = models.CharField(_("citizen ID"), max_length=12, null=True, blank=True, unique=True)
    phone = models.CharField(_("phone"), max_length=12, blank=True, db_index=True)
    residence_unit = models.ForeignKey(
        "geography.AdminUnit",
        verbose_name=_("residence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = "residence_unit"

    class Meta:
        ordering = ["name_folded", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.CheckConstraint(condition=~Q(id_number=""), name="person_id_number_null_not_empty"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.prepare()
        super().save(*args, **kwargs)

    def prepare(self) -> None:
        """Derived columns, also for bulk inserts (which skip save())."""
        self.full_name = nfc(self.full_name)
        self.name_folded = fold(self.full_name)
        if self.birth_date and not self.birth_year:
            self.birth_year = self.birth_date.year
        if self.id_number == "":
            self.id_number = None
