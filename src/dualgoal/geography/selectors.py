"""Reads of the unit tree."""

from __future__ import annotations

from .choices import Level
from .models import AdminUnit

YEN_DUNG_CODE = "221"
BAC_GIANG_CODE = "24"


def unit_by_code(code: str) -> AdminUnit:
    return AdminUnit.objects.filter(code=code).order_by("-valid_from").select_related("parent").first()


def communes_of(district: AdminUnit):
    return AdminUnit.objects.filter(parent=district, level=Level.COMMUNE).order_by("code")


def commune_by_name(name: str, *, district: AdminUnit) -> AdminUnit | None:
    """ "Nội Hoàng", "xã Nội Hoàng", "noi hoang" -> the commune of that district."""
    from dualgoal.core.text import fold

    wanted = fold(name)
    for commune in communes_of(district):
        if wanted in {commune.name_folded, fold(commune.short_name)}:
            return commune
    return None
