"""Build DualGoal's own administrative-unit fixture from the `vietnam-provinces` 0.5.0 data.

Release 0.5.0 is the last one that still carries the three-level tree (province → district → commune) with
Huyện Yên Dũng and its 18 communes. The running system never imports that package: this script is run by hand
and its output, `src/dualgoal/geography/fixtures/units-bac-giang-2021.json`, is committed.

    python -m venv /tmp/vp && /tmp/vp/bin/pip install vietnam-provinces==0.5.0
    /tmp/vp/bin/python scripts/build_unit_fixture.py

The fixture holds every province and district of the country (for arrivals from other places) and the communes
of Bắc Giang. Dates: 0.5.0 has none, so every unit starts on RECORDS_FROM (the start of our records, not the
unit's founding); the changes of 2025 that DOMAIN.md names close the versions they end.
"""

import json
import sys
from pathlib import Path

RECORDS_FROM = "2020-01-01"
BAC_GIANG = 24
YEN_DUNG = 221
SOURCE = "vietnam-provinces 0.5.0 (GSO codes)"
# Yên Dũng merged into Bắc Giang city on 1/1/2025 (NQ 1247/NQ-UBTVQH15); the district level was abolished
# and Bắc Giang merged into Bắc Ninh on 1/7/2025 (NQ 202/2025/QH15).
DISTRICT_LEVEL_ABOLISHED = "2025-06-30"
ENDS = {
    ("district", YEN_DUNG): "2024-12-31",
    ("province", BAC_GIANG): "2025-06-30",
}


def main() -> None:
    import vietnam_provinces

    data_dir = Path(vietnam_provinces.__file__).parent / "data"
    provinces = json.loads((data_dir / "nested-divisions.json").read_text(encoding="utf-8"))
    units = []
    for p in provinces:
        units.append(unit(p, "province", None, ENDS.get(("province", p["code"]))))
        for d in p["districts"]:
            end = ENDS.get(("district", d["code"]), DISTRICT_LEVEL_ABOLISHED)
            units.append(unit(d, "district", p["code"], end))
            if p["code"] != BAC_GIANG:
                continue
            for w in d["wards"]:
                units.append(unit(w, "commune", d["code"], end))
    out = Path(__file__).resolve().parent.parent / "src/dualgoal/geography/fixtures/units-bac-giang-2021.json"
    lines = ",\n".join(json.dumps(u, ensure_ascii=False) for u in units)
    out.write_text(f'{{"source": {json.dumps(SOURCE)},\n"units": [\n{lines}\n]}}\n', "utf-8")
    print(f"{len(units)} units -> {out}", file=sys.stderr)


WIDTH = {"province": 2, "district": 3, "commune": 5}
PARENT_LEVEL = {"district": "province", "commune": "district"}


def gso_code(code: int, level: str) -> str:
    """GSO codes are zero-padded: province "24", district "221", commune "07681"."""
    return str(code).zfill(WIDTH[level])


def unit(row: dict, level: str, parent: int | None, valid_to: str | None) -> dict:
    return {
        "code": gso_code(row["code"], level),
        "name": row["name"],
        "kind": row["division_type"],
        "level": level,
        "parent": None if parent is None else gso_code(parent, PARENT_LEVEL[level]),
        "valid_from": RECORDS_FROM,
        "valid_to": valid_to,
    }


if __name__ == "__main__":
    main()
