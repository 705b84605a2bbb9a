"""End-to-end tracing from the database (issue 4, point 7, database part), on SQLite and on PostgreSQL.

Run: ``python bench/tracing_db.py [--persons 1800000 --contacts 5000000 --f0 6000 --seed 1]``.
For each database (a fresh SQLite file, then a throw-away PostgreSQL server on loopback), three worker processes:

1. load: migrate, bulk-load the same seeded synthetic province as bench/tracing_engine.py (persons, group exposures
   and their attendance, pairwise contacts, cases, quarantine starts) and count its levels with the pure engine;
2. first: time ``trace_recompute()`` that stores every traced person (level, day, path) and a history row each;
3. steady: add one new contact, then time ``trace_recompute()`` (load, compute, store only what changed).

Peak memory is measured per process, so the recompute's own peak is not mixed with the province generator's.

Goal: end-to-end recompute <= 60 s. Writes bench/results/tracing_db.json and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

BASE = dt.date(2021, 4, 1)  # engine day 0 of the synthetic province
GOAL_S = 60.0
GOAL_RSS_GB = 2.0


def day_str(days: np.ndarray) -> list[str]:
    ordinal = BASE.toordinal()
    return [dt.date.fromordinal(ordinal + int(d)).isoformat() for d in days.tolist()]


def bulk(table: str, columns: list[str], rows: list[tuple]) -> None:
    """executemany on SQLite, COPY on PostgreSQL."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def load_province(province: dict) -> dict:
    from django.db import transaction

    from dualgoal.geography.models import AdminUnit

    n = province["n"]
    now = dt.datetime.now(dt.UTC).isoformat()
    timings = {}
    from django.db import connection

    if connection.vendor == "sqlite":  # benchmark setup: a page cache that holds the indexes being filled
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1048576")
    with transaction.atomic():
        unit = AdminUnit.objects.create(code="BENCH", name="Tỉnh tổng hợp", kind="tỉnh", level=1)
        t = time.perf_counter()
        bulk(
            "people_person",
            ["id", "created_at", "updated_at", "full_name", "name_folded", "sex", "phone", "address", "is_demo"],
            [(i + 1, now, now, f"Người {i + 1}", f"nguoi {i + 1}", "", "", "", False) for i in range(n)],
        )
        timings["persons_s"] = time.perf_counter() - t

        t = time.perf_counter()
        att = province["attendance"]
        groups = np.unique(att.group)
        first = {int(g): (int(a), int(b)) for g, a, b in zip(*_group_spans(att), strict=True)}
        bulk(
            "epidemic_groupexposure",
            [
                "id",
                "created_at",
                "updated_at",
                "name",
                "setting",
                "place",
                "admin_unit_id",
                "date_from",
                "date_to",
                "is_demo",
            ],
            [
                (
                    int(g) + 1,
                    now,
                    now,
                    f"Nhóm {int(g) + 1}",
                    "other",
                    "",
                    unit.pk,
                    *day_str(np.array(first[int(g)])),
                    False,
                )
                for g in groups.tolist()
            ],
        )
        bulk(
            "epidemic_attendance",
            ["created_at", "updated_at", "group_id", "person_id", "date_from", "date_to"],
            list(
                zip(
                    [now] * len(att.group),
                    [now] * len(att.group),
                    (np.asarray(att.group) + 1).tolist(),
                    (np.asarray(att.person) + 1).tolist(),
                    day_str(np.asarray(att.day_from)),
                    day_str(np.asarray(att.day_to)),
                    strict=True,
                )
            ),
        )
        timings["groups_s"] = time.perf_counter() - t

        t = time.perf_counter()
        c = province["contacts"]
        bulk(
            "epidemic_contact",
            ["created_at", "updated_at", "person_a_id", "person_b_id", "date", "setting", "note", "is_demo"],
            list(
                zip(
                    [now] * len(c.a),
                    [now] * len(c.a),
                    (np.asarray(c.a) + 1).tolist(),
                    (np.asarray(c.b) + 1).tolist(),
                    day_str(np.asarray(c.day)),
                    ["other"] * len(c.a),
                    [""] * len(c.a),
                    [False] * len(c.a),
                    strict=True,
                )
            ),
        )
        timings["contacts_s"] = time.perf_counter() - t

        s = province["sources"]
        onset = np.asarray(s.infectious_start) + 2
        bulk(
            "epidemic_case",
            [
                "created_at",
                "updated_at",
                "person_id",
                "code",
                "sample_date",
                "test_kind",
                "onset_date",
                "source",
                "notified_by",
                "isolation_date",
                "treatment_place",
                "outcome",
                "is_demo",
            ],
            [
                (now, now, p + 1, f"BN{i + 1}", d, "rt_pcr", d, "local", "", iso, "", "treating", False)
                for i, (p, d, iso) in enumerate(
                    zip(np.asarray(s.person).tolist(), day_str(onset), day_str(np.asarray(s.isolated_on)), strict=True)
                )
            ],
        )
        q = province["quarantined_on"]
        who = np.flatnonzero(q < 2**30)
        bulk(
            "epidemic_quarantinestart",
            ["created_at", "updated_at", "person_id", "kind", "start_date", "note"],
            list(
                zip(
                    [now] * who.size,
                    [now] * who.size,
                    (who + 1).tolist(),
                    ["home"] * who.size,
                    day_str(q[who]),
                    [""] * who.size,
                    strict=True,
                )
            ),
        )
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in (
                "people_person",
                "epidemic_groupexposure",
                "epidemic_attendance",
                "epidemic_contact",
                "epidemic_case",
                "epidemic_quarantinestart",
            ):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
            cursor.execute("ANALYZE")
    return timings


def _group_spans(att) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    group = np.asarray(att.group)
    order = np.argsort(group, kind="stable")
    g = group[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    lo = np.minimum.reduceat(np.asarray(att.day_from)[order], starts)
    hi = np.maximum.reduceat(np.asarray(att.day_to)[order], starts)
    return g[starts], lo, hi


def _setup(args) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "dualgoal.config.settings"
    os.environ["DUALGOAL_TODAY"] = "2021-08-31"
    import django

    django.setup()


def _peak_rss_gb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)


def phase_load(args) -> dict:
    """Migrate, build the seeded province, bulk-load it, and count its levels with the pure engine."""
    from django.core.management import call_command
    from django.db import connection
    from tracing_engine import add_quarantine, build_province

    from dualgoal.epidemic.tracing import TracingEngine

    call_command("migrate", verbosity=0)
    province = build_province(args.persons, args.contacts, args.f0, args.seed)
    add_quarantine(province, args.seed)
    out = {"database": connection.vendor, "province": province["info"]}
    t = time.perf_counter()
    out["load_timings"] = load_province(province)
    out["load_s"] = round(time.perf_counter() - t, 1)
    engine = TracingEngine(
        province["n"], province["contacts"], province["attendance"], province["sources"], province["quarantined_on"]
    )
    out["expected_counts"] = {str(k): v for k, v in engine.result.counts().items()}
    s = province["sources"]
    out["steady_f0"] = int(np.asarray(s.person)[0]) + 1
    out["steady_day"] = (BASE + dt.timedelta(days=int(np.asarray(s.infectious_start)[0]) + 1)).isoformat()
    out["load_peak_rss_gb"] = _peak_rss_gb()
    return out


def phase_first(args) -> dict:
    """The first recompute: every traced person's level, day, path and a history row are stored."""
    from dualgoal.epidemic import tracing_service
    from dualgoal.epidemic.models import LevelChange, TraceState

    if args.reset:  # development runs on a kept database: start again from no stored levels (not timed)
        LevelChange.objects.all().delete()
        TraceState.objects.all().delete()
    t = time.perf_counter()
    first = tracing_service.trace_recompute(cause="benchmark")
    out = {"first_recompute_s": round(time.perf_counter() - t, 2), "first_changed": first.changed}
    out["counts"] = {str(k): v for k, v in first.counts.items()}
    out["stored_states"] = TraceState.objects.count()
    out["history_rows"] = LevelChange.objects.count()
    out["first_peak_rss_gb"] = _peak_rss_gb()
    return out


def phase_steady(args) -> dict:
    """One new contact from an F0 on a day it is infectious, then a recompute in a fresh process (load, compute,
    store only what changed)."""
    from dualgoal.epidemic import tracing_service
    from dualgoal.epidemic.models import Contact
    from dualgoal.people.models import Person

    target = Person.objects.filter(trace__isnull=True).order_by("pk").values_list("pk", flat=True).first()
    Contact.objects.create(person_a_id=args.steady_f0, person_b_id=target, date=args.steady_day, setting="community")
    t = time.perf_counter()
    second = tracing_service.trace_recompute(cause="benchmark: one new contact")
    return {
        "steady_recompute_s": round(time.perf_counter() - t, 2),
        "steady_changed": second.changed,
        "steady_peak_rss_gb": _peak_rss_gb(),
    }


PHASES = {"load": phase_load, "first": phase_first, "steady": phase_steady}


def worker(args) -> dict:
    _setup(args)
    return PHASES[args.phase](args)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_800_000)
    parser.add_argument("--contacts", type=int, default=5_000_000)
    parser.add_argument("--f0", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--phase", choices=sorted(PHASES))
    parser.add_argument("--database-url")
    parser.add_argument("--reset", action="store_true", help="first phase: drop stored levels before timing")
    parser.add_argument("--steady-f0", type=int)
    parser.add_argument("--steady-day")
    parser.add_argument("--render", action="store_true", help="rewrite the .md from the stored .json (no run)")
    args = parser.parse_args()
    out = ROOT / "bench" / "results"
    if args.render:
        (out / "tracing_db.md").write_text(summary(json.loads((out / "tracing_db.json").read_text())))
        return
    if args.worker:
        print("RESULT " + json.dumps(worker(args)))
        return

    from _pg import temporary_postgres

    common = ["--persons", str(args.persons), "--contacts", str(args.contacts), "--f0", str(args.f0)]
    common += ["--seed", str(args.seed)]

    def run_all(url: str) -> dict:
        result = _run(["--phase", "load", "--database-url", url, *common])
        result.update(_run(["--phase", "first", "--database-url", url, *common]))
        steady = ["--steady-f0", str(result["steady_f0"]), "--steady-day", result["steady_day"]]
        result.update(_run(["--phase", "steady", "--database-url", url, *common, *steady]))
        result["levels_match_pure_engine"] = result["counts"] == result["expected_counts"]
        result["peak_rss_gb"] = max(result["first_peak_rss_gb"], result["steady_peak_rss_gb"])
        print(json.dumps(result), flush=True)
        return result

    results = []
    with tempfile.TemporaryDirectory() as folder:
        if args.only in (None, "sqlite"):
            results.append(run_all(f"sqlite:///{folder}/bench.sqlite3"))
    if args.only in (None, "postgresql"):
        with temporary_postgres() as url:
            results.append(run_all(url))
    report = {
        "goal_s": GOAL_S,
        "goal_peak_rss_gb": GOAL_RSS_GB,
        "machine": {"cpus": os.cpu_count(), "load_average_after": round(os.getloadavg()[0], 2)},
        "args": {k: v for k, v in vars(args).items() if k in ("persons", "contacts", "f0", "seed")},
        "results": results,
    }
    report["pass"] = all(
        r["steady_recompute_s"] <= GOAL_S and r["first_recompute_s"] <= GOAL_S and r["peak_rss_gb"] <= GOAL_RSS_GB
        for r in results
    )
    out.mkdir(exist_ok=True)
    (out / "tracing_db.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (out / "tracing_db.md").write_text(summary(report))
    print(summary(report))


def _run(extra: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--worker", *extra], capture_output=True, text=True, check=False)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"worker failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    return json.loads(line[7:])


def summary(report: dict) -> str:
    lines = [
        "# Tracing from the database",
        "",
        f"`python bench/tracing_db.py` ({report['machine']['cpus']} cores). Goals: end-to-end recompute <= "
        f"{report['goal_s']:.0f} s, peak memory <= {report['goal_peak_rss_gb']:.0f} GB. Each step runs in its own "
        "process on the same database: the load (building the seeded province and bulk-loading it), the first "
        "recompute (which stores every traced person), and the steady-state recompute after one new contact (load, "
        "compute, store only what changed). Peak memory is that of the recompute processes.",
        "",
        "| database | bulk load | first recompute (stores all) | changed | peak RSS | steady recompute (1 new contact) "
        "| changed | peak RSS | levels = pure engine |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["results"]:
        lines.append(
            f"| {r['database']} | {r['load_s']} s | {r['first_recompute_s']} s | {r['first_changed']:,} "
            f"| {r['first_peak_rss_gb']} GB | {r['steady_recompute_s']} s | {r['steady_changed']} "
            f"| {r['steady_peak_rss_gb']} GB | {r['levels_match_pure_engine']} |"
        )
    first = report["results"][0]
    lines += [
        "",
        f"Province: {first['province']}",
        f"Levels: {first['counts']}",
        "PostgreSQL: the throw-away server of bench/_pg.py, configured as a production server would be "
        "(shared_buffers 1 GB, max_wal_size 8 GB; fsync, full-page writes and synchronous commit on).",
        f"Load average (1 min) after the run: {report['machine']['load_average_after']}.",
        "",
        "All goals met." if report["pass"] else "Not every goal is met: see the rows above.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
