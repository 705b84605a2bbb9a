"""Administrative units as a versioned tree: province → district → commune → village."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel
from dualgoal.core.text import fold

from .choices import Level
from .querysets import AdminUnitQuerySet


class AdminUnit(TrackedModel):
    """One version of an administrative unit.

    `path` is the materialised chain of codes ("24/221/7681/"): a subtree is one indexed prefix query, which is
    how every scope check works. A unit that changes (merger, abolition) gets a `valid_to`; its successor is a new
    row with its own `valid_from`, so records dated before the change still point at the unit of their time.
    """

    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=40)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    valid_from = models.DateField(_("valid from"), default=dt.date(2008, 8, 1))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = AdminUnitQuerySet.as_manager()

    scope_unit_field = "self"
    scope_include_ancestors = True

    class Meta:
        ordering = ["path"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="adminunit_unique_code_version"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="adminunit_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.prepare()
        super().save(*args, **kwargs)

    def prepare(self) -> None:
        """Derived columns, also for bulk inserts (which skip save())."""
        self.name_folded = fold(self.name)
        self.path = f"{self.parent.path if self.parent else ''}{self.code}/"

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def short_name(self) -> str:
        """ "Xã Nội Hoàng" -> "Nội Hoàng"."""
        lower = self.name.lower()
        for kind in sorted(_KIND_PREFIXES, key=len, reverse=True):
            if lower.startswith(kind + " "):
                return self.name[len(kind) + 1 :]
        return self.name

    def ancestors(self) -> list[AdminUnit]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


_KIND_PREFIXES = [
    "tỉnh",
    "thành phố",
    "huyện",
    "thị xã",
    "quận",
    "xã",
    "thị trấn",
    "phường",
    "thôn",
    "tổ dân phố",
]
