"""Writes: loading a district's bodies, their aliases and groups."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from dualgoal.core.services import model_upsert
from dualgoal.geography.models import AdminUnit
from dualgoal.geography.selectors import communes_of, unit_by_code

from .choices import OrganisationKind
from .models import Organisation, OrganisationAlias, OrganisationGroup
from .selectors import alias_key

YEN_DUNG_BODIES = Path(__file__).parent / "data" / "yen-dung-2021.json"


@transaction.atomic
def alias_add(*, text: str, context_unit: AdminUnit, organisation=None, group=None) -> OrganisationAlias:
    """Add an alias unless that key is already taken in the unit (the first meaning wins; idempotent)."""
    alias, _ = OrganisationAlias.objects.get_or_create(
        context_unit=context_unit,
        key=alias_key(text),
        defaults={"text": text, "organisation": organisation, "group": group},
    )
    return alias


@transaction.atomic
def organisation_upsert(
    *,
    code: str,
    name: str,
    kind: str,
    admin_unit: AdminUnit,
    short_name: str = "",
    parent=None,
    aliases: list[str] | tuple[str, ...] = (),
    context_unit: AdminUnit | None = None,
    competences: list[str] | tuple[str, ...] = (),
) -> Organisation:
    org, _, _ = model_upsert(
        Organisation,
        lookup={"code": code},
        values={
            "name": name,
            "kind": kind,
            "admin_unit": admin_unit,
            "short_name": short_name,
            "parent": parent,
            "competences": sorted(competences),
        },
    )
    context = context_unit or admin_unit
    for text in (name, short_name, *aliases):
        if text:
            alias_add(text=text, context_unit=context, organisation=org)
    return org


@transaction.atomic
def organisations_load(*, path: Path = YEN_DUNG_BODIES) -> int:
    """Load a district's bodies from a data file: departments, commune committees, groups, aliases. Idempotent."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    district = unit_by_code(data["district"])
    bodies = [
        organisation_upsert(
            code=row["code"],
            name=row["name"],
            kind=row["kind"],
            short_name=row.get("short_name", ""),
            admin_unit=district,
            aliases=row.get("aliases", []),
            competences=row.get("competences", []),
        )
        for row in data["organisations"]
    ]
    committee = next(b for b in bodies if b.kind == OrganisationKind.PEOPLES_COMMITTEE)
    communes = []
    for commune in communes_of(district):
        kind_word, short = commune.kind, commune.short_name  # "xã", "Nội Hoàng"
        communes.append(
            organisation_upsert(
                code=f"ubnd-{commune.code}",
                name=f"UBND {kind_word} {short}",
                short_name=f"UBND {short}",
                kind=OrganisationKind.PEOPLES_COMMITTEE,
                admin_unit=commune,
                parent=committee,
                context_unit=district,
                aliases=[pattern.format(kind=kind_word, name=short) for pattern in data["commune_aliases"]],
            )
        )
    for row in data["groups"]:
        group, _, _ = model_upsert(
            OrganisationGroup, lookup={"code": row["code"]}, values={"name": row["name"], "admin_unit": district}
        )
        members = {
            "communes": communes,
            "district": [b for b in bodies if b is not committee and b.kind != OrganisationKind.FRONT],
            "front": [b for b in bodies if b.kind == OrganisationKind.FRONT],
        }[row["members"]]
        group.members.set(members)
        for text in (row["name"], *row["aliases"]):
            alias_add(text=text, context_unit=district, group=group)
    return len(bodies) + len(communes)
