"""Writes to the unit tree."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from dualgoal.core.services import model_upsert

from .choices import KINDS, Level
from .models import AdminUnit

FIXTURE = Path(__file__).parent / "fixtures" / "units-bac-giang-2021.json"
_LEVELS = {
    "province": Level.PROVINCE,
    "district": Level.DISTRICT,
    "commune": Level.COMMUNE,
    "village": Level.VILLAGE,
}


@transaction.atomic
def units_load(*, path: Path = FIXTURE) -> tuple[int, int]:
    """Load (or refresh) units from a fixture; idempotent. Returns (created, updated)."""
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    source = payload.get("source", "")
    by_code: dict[str, AdminUnit] = {}
    created = updated = 0
    for row in payload["units"]:  # parents come before children in the file
        valid_from = dt.date.fromisoformat(row["valid_from"])
        fields = {
            "name": row["name"],
            "kind": row["kind"],
            "level": _LEVELS[row["level"]],
            "parent": by_code[row["parent"]] if row["parent"] else None,
            "valid_to": dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
            "source": source,
        }
        unit, was_created, changed = model_upsert(
            AdminUnit, lookup={"code": row["code"], "valid_from": valid_from}, values=fields
        )
        created += was_created
        updated += changed and not was_created
        by_code[row["code"]] = unit
    return created, updated


@transaction.atomic
def village_ensure(*, commune: AdminUnit, number: int, name: str, is_demo: bool = True) -> AdminUnit:
    """Create a village (thôn / tổ dân phố) under a commune if it is not there yet."""
    if commune.level != Level.COMMUNE:
        raise ValueError(f"{commune} is not a commune")
    kind = "tổ dân phố" if name.lower().startswith("tổ dân phố") else "thôn"
    code = f"{commune.code}-{number:02d}"
    unit, _ = AdminUnit.objects.get_or_create(
        code=code,
        valid_from=commune.valid_from,
        defaults={
            "name": name,
            "kind": kind,
            "level": Level.VILLAGE,
            "parent": commune,
            "valid_to": commune.valid_to,
            "is_demo": is_demo,
            "source": "demo" if is_demo else "",
        },
    )
    assert KINDS[kind] == Level.VILLAGE
    return unit
