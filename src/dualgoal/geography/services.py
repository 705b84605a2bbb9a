"""Writes to the unit tree."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history

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
    """Load (or refresh) units from a fixture; idempotent. Returns (created, updated).

    New units are inserted in bulk, level by level (a first load is ~1,000 rows), with their history rows;
    existing ones are updated only where a value differs.
    """
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    source = payload.get("source", "")
    existing = {(u.code, u.valid_from): u for u in AdminUnit.objects.select_related("parent")}
    by_code: dict[str, AdminUnit] = {u.code: u for u in existing.values()}
    created = updated = 0
    rows = sorted(payload["units"], key=lambda r: _LEVELS[r["level"]])  # parents before children
    for level in sorted({_LEVELS[r["level"]] for r in rows}):
        fresh: list[AdminUnit] = []
        for row in (r for r in rows if _LEVELS[r["level"]] == level):
            key = (row["code"], dt.date.fromisoformat(row["valid_from"]))
            fields = {
                "name": row["name"],
                "kind": row["kind"],
                "level": level,
                "parent": by_code[row["parent"]] if row["parent"] else None,
                "valid_to": dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                "source": source,
            }
            unit = existing.get(key)
            if unit is None:
                unit = AdminUnit(code=key[0], valid_from=key[1], **fields)
                unit.prepare()
                fresh.append(unit)
            else:
                unit, _, changed = model_upsert(AdminUnit, lookup={"pk": unit.pk}, values=fields)
                updated += changed
            by_code[row["code"]] = unit
        bulk_create_with_history(fresh, AdminUnit, batch_size=500)
        created += len(fresh)
        # bulk_create on SQLite does not return primary keys on every version: read them back for the children.
        saved = {(u.code, u.valid_from): u for u in AdminUnit.objects.filter(level=level)}
        for unit in fresh:
            by_code[unit.code] = saved[(unit.code, unit.valid_from)]
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
