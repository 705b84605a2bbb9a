"""Reads: resolving the names a plan text uses to organisations or groups."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dualgoal.core.text import fold
from dualgoal.geography.models import AdminUnit

from .models import Organisation, OrganisationAlias, OrganisationGroup

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Words a text puts around a name that do not change which body it is.
_LEADING = re.compile(r"^(?:de nghi |giao |cac co quan |co quan |don vi )+")
_TRAILING = re.compile(r"(?: (?:chu tri|phoi hop|thuc hien|b c))+$")


def alias_key(text: str) -> str:
    """The matching key of a name: folded, "&" read as "và", punctuation and dashes ignored.

    "Phòng TC-KH" -> "phong tc kh"; "Phòng Văn hoá và Thông tin" == "Phòng Văn hóa & Thông tin".
    """
    folded = fold(text).replace("&", " va ")
    return " ".join(_NON_WORD.sub(" ", folded).split())


def alias_candidates(text: str) -> list[str]:
    """The keys a name may match: as written, and without the words around it ("Đề nghị …", "… chủ trì")."""
    key = alias_key(text)
    return [key, _TRAILING.sub("", _LEADING.sub("", key)).strip()]


@dataclass
class Resolution:
    text: str
    organisations: list[Organisation] = field(default_factory=list)
    group: OrganisationGroup | None = None

    @property
    def resolved(self) -> bool:
        return bool(self.organisations)


def organisation_resolve(text: str, *, within: AdminUnit) -> Resolution:
    """Resolve one name ("Phòng TC-KH", "TTYT huyện", "UBND các xã, thị trấn") used in documents of `within`.

    Returns the organisations it designates (all members for a group); an empty resolution when nothing matches,
    so that callers can list it as unresolved instead of dropping it.
    """
    aliases = OrganisationAlias.objects.filter(context_unit__in=_context_units(within), key__in=alias_candidates(text))
    alias = aliases.select_related("organisation", "group").first()
    if alias is None:
        return Resolution(text=text)
    if alias.group_id:
        members = list(alias.group.members.filter(is_active=True).order_by("admin_unit__path", "name"))
        return Resolution(text=text, organisations=members, group=alias.group)
    return Resolution(text=text, organisations=[alias.organisation])


def _context_units(unit: AdminUnit) -> list[AdminUnit]:
    """Aliases of the unit itself and of the units above it apply (a province's name list serves its districts)."""
    return [unit, *unit.ancestors()]


def district_bodies(district: AdminUnit):
    return Organisation.objects.filter(admin_unit=district, is_active=True)
