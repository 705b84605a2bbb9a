"""Benchmark of the person registry at province scale (issue 4, point 1): bulk generation and search.

Run: ``python bench/person_search.py [--persons 2000000 --seed 1 --db sqlite:////tmp/dualgoal-bench/persons.sqlite3]``
(``--reuse`` keeps an already generated database). Writes ``bench/results/person_search.json`` and ``.md``.

The database is migrated, the province's unit tree gets synthetic villages and a population of ``--persons``
spread over them (the foundation's "villages" and "population" steps), then the people app's generator writes
the persons, their households and name tokens (``people.synth.generate_persons``: executemany, no history).
Each search is what the list page does: `person_search(query, user)`, then the capped count and the first page
of 50 rows. Timings are medians of 20 runs, for a superuser (the whole province), a district user and a commune
user.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

NAME_QUERIES = ["nguyen van an", "dang", "thi hoa", "Nguyễn Thị Hoa", "van an", "nguyen", "tran duc h"]
RUNS = 20
GOALS = {"name_search_ms": 100.0, "id_lookup_ms": 10.0, "phone_lookup_ms": 10.0, "insert_s": 300.0}


def setup(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dualgoal.config.settings")
    if db_url.startswith("sqlite:///"):
        Path(db_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DUALGOAL_VAR_DIR", "/tmp/dualgoal-bench/var")
    import django

    django.setup()


def generate(persons: int, seed: int) -> dict:
    import numpy as np
    from django.core.management import call_command

    from dualgoal.core.synth import SynthContext
    from dualgoal.core.synth_steps import population, villages
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit
    from dualgoal.geography.selectors import BAC_GIANG_CODE, unit_by_code
    from dualgoal.people.synth import generate_persons

    call_command("migrate", verbosity=0)
    context = SynthContext("province", seed, np.random.default_rng(seed), BAC_GIANG_CODE, persons)
    started = time.perf_counter()
    villages(context)
    population(context)
    units_s = time.perf_counter() - started
    root = unit_by_code(BAC_GIANG_CODE)
    village_list = list(
        AdminUnit.objects.filter(path__startswith=root.path, level=Level.VILLAGE, population__gt=0).order_by("path")
    )
    started = time.perf_counter()
    created = generate_persons(village_list, seed=seed, log=lambda n: print(f"  {n:,} persons", flush=True))
    insert_s = time.perf_counter() - started
    return {"villages": len(village_list), "units_s": round(units_s, 1), "insert_s": round(insert_s, 1), **created}


def analyse() -> float:
    """SQLite plans need statistics (`ANALYZE`). On PostgreSQL, `VACUUM ANALYZE`: what autovacuum does in time
    after a bulk load (inserts trigger it since PostgreSQL 13) — statistics, and the visibility map that lets a
    count read the name-search key without visiting the table."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    return round(time.perf_counter() - started, 1)


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def users():
    from dualgoal.accounts.models import Membership, User
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit
    from dualgoal.geography.selectors import YEN_DUNG_CODE, unit_by_code
    from dualgoal.organisations.models import Organisation

    district = unit_by_code(YEN_DUNG_CODE)
    commune = AdminUnit.objects.filter(parent=district, level=Level.COMMUNE).order_by("code").first()
    body, _ = Organisation.objects.get_or_create(
        code="bench-body", defaults={"name": "Bench", "kind": "department", "admin_unit": district}
    )
    made = {}
    for name, unit, superuser in (
        ("superuser", None, True),
        ("district", district, False),
        ("commune", commune, False),
    ):
        user, created = User.objects.get_or_create(username=f"bench-{name}", defaults={"is_superuser": superuser})
        if created and unit is not None:
            Membership.objects.create(user=user, organisation=body, admin_unit=unit, role="department")
        made[name] = User.objects.get(pk=user.pk)
    return made


def timed(func, runs: int = RUNS) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2), result


def search_page(query: str, user) -> tuple[int, int]:
    """What the list page does: the result count (capped) and the first page."""
    from dualgoal.people.selectors import person_search, search_count

    queryset = person_search(query, user)
    count = search_count(queryset)
    rows = list(queryset[:50])
    return count, len(rows)


def measure(persons: int) -> dict:
    import random

    from dualgoal.people.models import Person

    people = users()
    rng = random.Random(7)
    top = Person.objects.order_by("-pk").values_list("pk", flat=True).first()
    sample = []
    while len(sample) < RUNS:
        found = Person.objects.filter(pk=rng.randint(1, top)).exclude(phone="").values("id_number", "phone").first()
        if found and found["id_number"]:
            sample.append(found)
    results: dict = {"name": {}, "id": {}, "phone": {}}
    for scope, user in people.items():
        results["name"][scope] = {}
        for query in NAME_QUERIES:
            search_page(query, user)  # warm the cache as a working server would be
            ms, (count, page) = timed(lambda q=query, u=user: search_page(q, u))
            results["name"][scope][query] = {"ms": ms, "count": count, "page": page}
    superuser = people["superuser"]
    formats = {
        "id_12": lambda r: r["id_number"],
        "id_11_no_zero": lambda r: r["id_number"].removeprefix("0"),  # as Excel shows a CCCD
        "id_float": lambda r: r["id_number"].removeprefix("0") + ".0",
    }
    for label, shape in formats.items():
        cycle = iter(sample * 2)
        ms, _ = timed(lambda s=shape, c=cycle: _check(search_page(s(next(c)), superuser)))
        results["id"][label] = ms
    phone_formats = {
        "0912345678": lambda p: p,
        "+84 912 345 678": lambda p: f"+84 {p[1:4]} {p[4:7]} {p[7:]}",
        "912345678": lambda p: p[1:],
        "0912.345.678": lambda p: f"{p[:4]}.{p[4:7]}.{p[7:]}",
    }
    for label, shape in phone_formats.items():
        cycle = iter(sample * 2)
        ms, _ = timed(lambda s=shape, c=cycle: _check(search_page(s(next(c)["phone"]), superuser)))
        results["phone"][label] = ms
    return results


def _check(found: tuple[int, int]) -> tuple[int, int]:
    assert found[1] >= 1, "a sampled person was not found"
    return found


def sizes() -> dict:
    from django.db import connection

    if connection.vendor != "sqlite":
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
        rows = cursor.fetchall()
    return {name: round(size / 2**20, 1) for name, size in rows if size > 2**20}


def plans(user_name: str = "superuser") -> dict:
    from django.db import connection

    from dualgoal.accounts.models import User
    from dualgoal.people.selectors import person_search

    user = User.objects.get(username=f"bench-{user_name}")
    shown = {}
    for query in ("nguyen van an", "dang", "0912345678"):
        sql, params = person_search(query, user)[:50].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}" if connection.vendor == "sqlite" else f"EXPLAIN {sql}", params)
            shown[query] = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", default="sqlite:////tmp/dualgoal-bench/persons.sqlite3")
    parser.add_argument("--reuse", action="store_true", help="keep an already generated database")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "person_search"))
    args = parser.parse_args()
    if not args.reuse and args.db.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(args.db.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    setup(args.db)

    from dualgoal.people.models import Person

    report: dict = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "database": database_version(),
            "load": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
        },
        "goals": GOALS,
    }
    if args.reuse and Person.objects.exists():
        report["generation"] = json.loads(Path(args.out + ".json").read_text())["generation"]
    else:
        report["generation"] = generate(args.persons, args.seed)
        report["generation"]["analyze_s"] = analyse()
    report["generation"]["persons_total"] = Person.objects.count()
    report["sizes_mb"] = sizes()
    report["search"] = measure(args.persons)
    report["plans"] = plans()
    Path(args.out + ".json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    Path(args.out + ".md").write_text(markdown(report))
    print(markdown(report))


def markdown(report: dict) -> str:
    gen, search = report["generation"], report["search"]
    lines = [
        "# Person registry benchmark",
        "",
        "Search strategy (`people/selectors.py`): a name is folded and matched as a prefix of the word-suffixes of",
        'the names (`PersonNameToken`: "nguyen van an", "van an", "an"), one range scan of its primary key',
        "whatever the number of words; digits are looked up as a citizen ID and as a phone number (exact index",
        "lookups). The plan is chosen by bounded counts: the name range drives when it is small, the user's scope",
        "(residence index) when it is small, otherwise the range is walked in index order (no sort).",
        "",
        f"`python bench/person_search.py` — {report['machine']['database']}, Python {report['machine']['python']}, "
        f"{report['machine']['cpus']} CPUs.",
        "",
        f"Generation: {gen['persons_total']:,} persons in {gen['households']:,} households over {gen['villages']:,} "
        f"villages inserted in **{gen['insert_s']} s** (persons + households + name tokens; executemany on SQLite, "
        f"COPY on PostgreSQL; no history); units {gen['units_s']} s; `ANALYZE` (PostgreSQL: `VACUUM ANALYZE`, as "
        f"autovacuum would after the load) {gen.get('analyze_s', '-')} s.",
        "",
        f"Load average during the run: {report['machine'].get('load', '?')} (a shared 2-core machine: other jobs ran "
        "at the same time, so these are pessimistic).",
        "",
        "Name search (count capped + first page of 50), median of 20, ms:",
        "",
        "| query | " + " | ".join(search["name"]) + " |",
        "| --- |" + " --- |" * len(search["name"]),
    ]
    queries = list(next(iter(search["name"].values())))
    for query in queries:
        cells = [
            f"{search['name'][scope][query]['ms']} ({search['name'][scope][query]['count']:,})"
            for scope in search["name"]
        ]
        lines.append(f"| `{query}` | " + " | ".join(cells) + " |")
    lines += [
        "",
        "(in brackets: the count shown, capped.)",
        "",
        "Citizen ID lookups, median of 20, ms: "
        + ", ".join(f"{label} {ms}" for label, ms in search["id"].items())
        + ".",
        "",
        "Phone lookups, median of 20, ms: "
        + ", ".join(f"`{label}` {ms}" for label, ms in search["phone"].items())
        + ".",
        "",
        "Sizes (MB): " + ", ".join(f"{name} {mb}" for name, mb in report.get("sizes_mb", {}).items()) + ".",
        "",
        "Query plans (superuser, first page):",
        "",
    ]
    for query, plan in report.get("plans", {}).items():
        lines += [f"* `{query}`:", "", *[f"      {line}" for line in plan], ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
