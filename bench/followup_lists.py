"""Benchmark of the daily follow-up lists (issue 5, priority 2): 100,000 people under monitoring in one province.

Run: ``python bench/followup_lists.py [--monitored 100000 --seed 1 --db sqlite:////tmp/dualgoal-bench/followup.sqlite3]``
(``--reuse`` keeps an already generated database). Writes ``bench/results/followup_lists.json`` and ``.md``.

The province's unit tree gets synthetic villages (the foundation's "villages" step); persons are bulk-inserted
into them, then the monitored population is written directly (bulk, no history): home quarantine and
self-monitoring orders in force, F1 released from a facility and still in home monitoring, traced F3 within the
self-monitoring period — plus people who must *not* be listed (orders ended, F3 exposed too long ago, F1/F2 levels,
orders in a facility) and three days of earlier checks with half of today's done. The measured operation is what
the daily screens and the dashboard do: `operations.selectors.followup_list(commune, day)` for every commune of
the province, one after the other (goal: all of them in ≤ 10 s), and the same for the whole province at once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DAY = dt.date(2021, 7, 15)
RUNS = 5
GOALS = {"all_communes_s": 10.0}
# share of the monitored population by why they are followed
MIX = {"home": 0.4, "self_monitoring": 0.2, "after_facility": 0.2, "f3": 0.2}
NOISE = 0.3  # persons in the registry who are not on any list, relative to the monitored count


def setup(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dualgoal.config.settings")
    if db_url.startswith("sqlite:///"):
        Path(db_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DUALGOAL_VAR_DIR", "/tmp/dualgoal-bench/var")
    import django

    django.setup()


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        cursor.execute("show server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def generate(monitored: int, seed: int) -> dict:
    import numpy as np
    from django.core.management import call_command

    from dualgoal.core.synth import SynthContext
    from dualgoal.core.synth_steps import villages
    from dualgoal.epidemic.models import TraceState
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit
    from dualgoal.geography.selectors import BAC_GIANG_CODE, unit_by_code
    from dualgoal.operations.models import FollowUp, QuarantineOrder
    from dualgoal.people.models import Person

    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    villages(SynthContext("province", seed, rng, BAC_GIANG_CODE, monitored))
    units_s = time.perf_counter() - started
    root = unit_by_code(BAC_GIANG_CODE)
    village_ids = list(
        AdminUnit.objects.filter(path__startswith=root.path, level=Level.VILLAGE).values_list("pk", flat=True)
    )

    started = time.perf_counter()
    total = int(monitored * (1 + NOISE))
    homes = rng.choice(village_ids, size=total)
    persons = []
    for i, village in enumerate(homes.tolist()):
        person = Person(full_name=f"Người theo dõi {i:06d}", residence_unit_id=village, is_demo=True)
        person.prepare()
        persons.append(person)
    Person.objects.bulk_create(persons, batch_size=5000)
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    rng.shuffle(ids)
    persons_s = time.perf_counter() - started

    started = time.perf_counter()
    counts = {name: int(monitored * share) for name, share in MIX.items()}
    cursor = 0

    def take(n: int) -> list[int]:
        nonlocal cursor
        cursor += n
        return ids[cursor - n : cursor]

    def offsets(n: int, low: int, high: int) -> list[dt.date]:
        return [DAY - dt.timedelta(days=int(d)) for d in rng.integers(low, high, n)]

    orders = []
    for pk, start in zip(take(counts["home"]), offsets(counts["home"], 0, 13), strict=True):
        orders.append(_order(pk, "f0", "home", start, start + dt.timedelta(days=13)))
    for pk, start in zip(take(counts["self_monitoring"]), offsets(counts["self_monitoring"], 0, 13), strict=True):
        orders.append(_order(pk, "f3", "self_monitoring", start, start + dt.timedelta(days=13)))
    for pk, start in zip(take(counts["after_facility"]), offsets(counts["after_facility"], 14, 27), strict=True):
        end = start + dt.timedelta(days=13)
        orders.append(
            _order(
                pk,
                "f1",
                "facility",
                start,
                end,
                status="released",
                released_on=end,
                monitoring_end=end + dt.timedelta(days=14),
            )
        )
    listed = cursor
    noise = ids[listed + counts["f3"] :]
    third = len(noise) // 3
    for pk, start in zip(noise[:third], offsets(third, 30, 60), strict=True):  # ended long ago
        end = start + dt.timedelta(days=13)
        orders.append(_order(pk, "f0", "home", start, end, status="released", released_on=end))
    for pk, start in zip(noise[third : 2 * third], offsets(third, 0, 10), strict=True):  # inside a facility
        orders.append(_order(pk, "f1", "facility", start, start + dt.timedelta(days=13)))
    QuarantineOrder.objects.bulk_create(orders, batch_size=5000)

    states = [
        TraceState(person_id=pk, level=3, exposed_on=day, path=[])
        for pk, day in zip(take(counts["f3"]), offsets(counts["f3"], 0, 13), strict=True)
    ]
    rest = noise[2 * third :]
    states += [
        TraceState(person_id=pk, level=int(level), exposed_on=day, path=[])
        for pk, level, day in zip(rest, rng.integers(1, 4, len(rest)), offsets(len(rest), 20, 40), strict=True)
    ]  # F1/F2 (other lists) and F3 exposed too long ago
    TraceState.objects.bulk_create(states, batch_size=5000)

    monitored_ids = ids[:listed] + [s.person_id for s in states[: counts["f3"]]]
    followups = []
    for back in (3, 2, 1):
        for pk in monitored_ids:
            followups.append(FollowUp(person_id=pk, day=DAY - dt.timedelta(days=back), outcome="well"))
    for pk in monitored_ids[::2]:
        followups.append(FollowUp(person_id=pk, day=DAY, outcome="well"))
    FollowUp.objects.bulk_create(followups, batch_size=5000)
    records_s = time.perf_counter() - started
    return {
        "persons": total,
        "villages": len(village_ids),
        "orders": len(orders),
        "trace_states": len(states),
        "followups": len(followups),
        "expected_listed": listed + counts["f3"],
        "units_s": round(units_s, 1),
        "persons_s": round(persons_s, 1),
        "records_s": round(records_s, 1),
    }


def _order(person_id, subject, kind, start, end, *, status="active", released_on=None, monitoring_end=None):
    from dualgoal.operations.models import QuarantineOrder

    return QuarantineOrder(
        person_id=person_id,
        subject=subject,
        kind=kind,
        start_date=start,
        planned_end=end,
        status=status,
        released_on=released_on,
        monitoring_end=monitoring_end,
        is_demo=True,
    )


def analyse() -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return round(time.perf_counter() - started, 1)


def measure() -> dict:
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit
    from dualgoal.geography.selectors import BAC_GIANG_CODE, unit_by_code
    from dualgoal.operations.selectors import followup_list

    root = unit_by_code(BAC_GIANG_CODE)
    communes = list(AdminUnit.objects.filter(path__startswith=root.path, level=Level.COMMUNE).order_by("path"))
    totals, per_commune, rows, done = [], [], 0, 0
    for _run in range(RUNS):
        rows = done = 0
        started = time.perf_counter()
        for commune in communes:
            one = time.perf_counter()
            listed = followup_list(commune, DAY)
            per_commune.append(time.perf_counter() - one)
            rows += len(listed)
            done += sum(1 for row in listed if row.outcome)
        totals.append(time.perf_counter() - started)
    province = []
    for _run in range(RUNS):
        started = time.perf_counter()
        whole = followup_list(root, DAY)
        province.append(time.perf_counter() - started)
    per_commune.sort()
    return {
        "communes": len(communes),
        "rows": rows,
        "done_today": done,
        "all_communes_s": round(statistics.median(totals), 2),
        "all_communes_runs_s": [round(t, 2) for t in totals],
        "per_commune_ms": {
            "median": round(1000 * statistics.median(per_commune), 1),
            "p95": round(1000 * per_commune[int(0.95 * (len(per_commune) - 1))], 1),
            "max": round(1000 * per_commune[-1], 1),
        },
        "province_at_once_s": round(statistics.median(province), 2),
        "province_rows": len(whole),
    }


def plans() -> list[str]:
    """The query plan of the largest query of one commune's list (the orders to follow)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dualgoal.geography.models import AdminUnit
    from dualgoal.operations.selectors import followup_list

    commune = AdminUnit.objects.filter(level=3).order_by("path").first()
    with CaptureQueriesContext(connection) as captured:
        followup_list(commune, DAY)
    sql = next(q["sql"] for q in captured.captured_queries if "operations_quarantineorder" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ") + sql)
        return [" ".join(str(c) for c in row) for row in cursor.fetchall()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--monitored", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", default="sqlite:////tmp/dualgoal-bench/followup.sqlite3")
    parser.add_argument("--reuse", action="store_true", help="keep an already generated database")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "followup_lists"))
    args = parser.parse_args()
    if not args.reuse and args.db.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(args.db.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    setup(args.db)

    from dualgoal.operations.models import QuarantineOrder

    report: dict = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "database": database_version(),
        },
        "goals": GOALS,
        "day": DAY.isoformat(),
    }
    if args.reuse and QuarantineOrder.objects.exists():
        report["generation"] = json.loads(Path(args.out + ".json").read_text())["generation"]
    else:
        report["generation"] = generate(args.monitored, args.seed)
        report["generation"]["analyze_s"] = analyse()
    report["lists"] = measure()
    report["plan"] = plans()
    report["met"] = report["lists"]["all_communes_s"] <= GOALS["all_communes_s"]
    Path(args.out + ".json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    Path(args.out + ".md").write_text(markdown(report))
    print(markdown(report))


def markdown(report: dict) -> str:
    gen, lists = report["generation"], report["lists"]
    goal = report["goals"]["all_communes_s"]
    lines = [
        "# Daily follow-up lists benchmark",
        "",
        "`operations.selectors.followup_list(unit, day)`: the units under `unit` (prefix of `AdminUnit.path`), then",
        "one query for the orders to follow (home quarantine and self-monitoring in force, F1 in home monitoring",
        "after the facility until `monitoring_end`), one for the traced F3 within",
        "`quarantine.f3.self_monitoring_days`, and the day's checks (900 persons a query). The residence drives:",
        "residents through the residence index, then their orders, level and check through the person indexes,",
        "so a commune costs the same whatever the size of the province; a whole province is the same code.",
        "",
        f"`python bench/followup_lists.py` — {report['machine']['database']}, Python {report['machine']['python']}, "
        f"{report['machine']['cpus']} CPUs; day {report['day']}.",
        "",
        f"Data: {gen['persons']:,} persons over {gen['villages']:,} villages; {gen['orders']:,} quarantine orders, "
        f"{gen['trace_states']:,} traced levels, {gen['followups']:,} checks (three earlier days and half of "
        f"today); {gen['expected_listed']:,} persons to follow on the day. Inserted in {gen['persons_s']} s "
        f"(persons) + {gen['records_s']} s (records), units {gen['units_s']} s, "
        f"`ANALYZE` {gen.get('analyze_s', '-')} s.",
        "",
        f"**All {lists['communes']} communes' lists, one after the other: {lists['all_communes_s']} s** (median of "
        f"{len(lists['all_communes_runs_s'])} runs: {', '.join(str(t) for t in lists['all_communes_runs_s'])}); goal "
        f"≤ {goal} s — {'met' if report['met'] else 'NOT met'}. {lists['rows']:,} rows listed, "
        f"{lists['done_today']:,} already checked.",
        "",
        f"Per commune, ms: median {lists['per_commune_ms']['median']}, p95 {lists['per_commune_ms']['p95']}, "
        f"max {lists['per_commune_ms']['max']}.",
        "",
        f"The whole province as one list (a district or provincial dashboard): {lists['province_at_once_s']} s for "
        f"{lists['province_rows']:,} rows.",
        "",
        "Plan of the orders query for one commune (SQLite):",
        "",
        *[f"    {line}" for line in report["plan"]],
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
