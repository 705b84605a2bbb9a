"""Organisations (the bodies a plan assigns work to), named groups of them, and the aliases that resolve to them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel

from .choices import OrganisationKind


class Organisation(TrackedModel):
    """A body: district department, centre, police, commune people's committee (UBND xã)…"""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    admin_unit = models.ForeignKey(
        "geography.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Codes of organisations.choices.Competence: a grant to "department:labour" reaches department officers of a
    # body with the labour competence only (accounts.roles).
    competences = models.JSONField(_("fields of responsibility"), default=list, blank=True)

    scope_unit_field = "admin_unit"
    scope_include_ancestors = True

    class Meta:
        ordering = ["admin_unit__path", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class OrganisationGroup(TrackedModel):
    """A named set of bodies a plan addresses at once: "UBND các xã, thị trấn", "các cơ quan, đơn vị"."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    admin_unit = models.ForeignKey(
        "geography.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="organisation_groups",
    )
    members = models.ManyToManyField(Organisation, verbose_name=_("members"), related_name="groups")

    scope_unit_field = "admin_unit"
    scope_include_ancestors = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation group")
        verbose_name_plural = _("organisation groups")

    def __str__(self) -> str:
        return self.name


class OrganisationAlias(TrackedModel):
    """Another way a text names an organisation or a group ("Phòng TC-KH", "TTYT huyện").

    `key` is the folded form (see `alias_key`); aliases are unique within the district (`context_unit`) whose
    documents use them, since every district has its own "Phòng Y tế".
    """

    text = models.CharField(_("alias"), max_length=255)
    key = models.CharField(max_length=255, editable=False)
    context_unit = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("used in"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    group = models.ForeignKey(
        OrganisationGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )

    scope_unit_field = "context_unit"
    scope_include_ancestors = True

    class Meta:
        ordering = ["text"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["context_unit", "key"], name="alias_unique_key_per_unit"),
            models.CheckConstraint(
                condition=(models.Q(organisation__isnull=False) & models.Q(group__isnull=True))
                | (models.Q(organisation__isnull=True) & models.Q(group__isnull=False)),
                name="alias_targets_one",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        from .selectors import alias_key

        self.key = alias_key(self.text)
        super().save(*args, **kwargs)
