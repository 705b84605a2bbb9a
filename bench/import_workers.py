"""Importing a 200,000-row messy worker list (issue 6, point 3), on SQLite and on PostgreSQL, against two baselines.

Run: ``python bench/import_workers.py [--rows 200000 --seed 7 --error-rate 0.01 --ie-rows 20000]``.

One messy .xlsx is made once (`make_messy.write_worker_list`: title rows, merged cells, a numbering row, IDs as
numbers without their leading zero, dates in five shapes, NFD names, blank rows, a footer; ~1 % of the rows
spoiled) and every measurement below reads that same file. Each phase runs in its own process on its own fresh,
migrated database (a SQLite file; a database on a throw-away PostgreSQL server on loopback):

* ours — `workers_import` end to end: read and validate the file, look the IDs up in a registry that already holds
  10 % of the file's workers, create the other persons (and their name-search tokens) and every employment, commit;
* floor — python-calamine reads the same file and the same rows go, unvalidated, into a plain table with raw
  `executemany` (SQLite) / `COPY` (PostgreSQL): the least any import of this file can cost;
* django-import-export — a ModelResource for Person (import id: the citizen ID) imports a slice of the same file: the
  header row and the first N data rows (the title rows above the header and the numbering row below it removed,
  since it reads the header from the first row). It is too slow for 200,000 rows, so the slice's time is
  extrapolated linearly to the full file.

Goals: ours <= 10 s on each database, <= 4x the floor, >= 10x faster than django-import-export.
Writes bench/results/import_workers.json and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

GOAL_S = 10.0
GOAL_FLOOR_RATIO = 4.0
GOAL_IE_SPEEDUP = 10.0
TAX_CODE = "2400999999"
PG_PORT = 55447
PRELOAD_COLUMNS = ["created_at", "updated_at", "full_name", "name_folded", "birth_date", "birth_year", "sex"]
PRELOAD_COLUMNS += ["id_number", "phone", "address", "is_demo"]


def cpu_s() -> float:
    """CPU time of this process and of its children that have ended (the import's reader process)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def server_cpu_s() -> float:
    """CPU time of this connection's PostgreSQL backend process (0 on SQLite, which runs inside this process)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the file ---------------------------------------------------------------------------------------------------


def make_files(folder: Path, args) -> dict:
    from dualgoal.economy.tests.make_messy import synth_worker_rows, write_worker_list

    t = time.perf_counter()
    rows = synth_worker_rows(args.rows, args.seed, error_rate=args.error_rate)
    path = folder / "danh-sach-200k.xlsx"
    written = write_worker_list(path, rows, style="messy", seed=args.file_seed)
    if written.extra["sex_split"]:
        raise SystemExit("choose a --file-seed without the Nam/Nữ split: the import-export slice needs a 1-row header")
    spoiled = sum(1 for r in rows if r["error"])
    info = {
        "rows": args.rows,
        "spoiled_rows": spoiled,
        "bytes": path.stat().st_size,
        "header_row": written.header_row,
        "make_s": round(time.perf_counter() - t, 1),
    }
    info["ie_slice_rows"] = write_slice(path, folder / "slice.xlsx", written, args.ie_rows)
    return info


def write_slice(source: Path, target: Path, written, n: int) -> int:
    """The header row and the first n data rows of the same file, as they are (values and cell types kept)."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    grid = CalamineWorkbook.from_path(str(source)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    lines = [grid[written.header_row - 1]] + [grid[r - 1] for r in written.row_numbers[:n]]
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = book.add_worksheet("Danh sách")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, line in enumerate(lines):
        for c, value in enumerate(line):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, dates)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), dates)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(r, c, value)
            elif value not in ("", None):
                sheet.write_string(r, c, str(value))
    book.close()
    return len(lines) - 1


# --- phases (one process each) ----------------------------------------------------------------------------------


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "dualgoal.config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_enterprise():
    from dualgoal.economy.services import enterprise_register
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit

    province = AdminUnit.objects.create(code="24", name="Tỉnh Bắc Giang", kind="tỉnh", level=Level.PROVINCE)
    district = AdminUnit.objects.create(
        code="221", name="Huyện Yên Dũng", kind="huyện", level=Level.DISTRICT, parent=province
    )
    commune = AdminUnit.objects.create(
        code="07708", name="Xã Nội Hoàng", kind="xã", level=Level.COMMUNE, parent=district
    )
    return enterprise_register(tax_code=TAX_CODE, name="Công ty TNHH May Yên Dũng", commune=commune)


def preload_registry(args) -> int:
    """Every tenth clean worker of the file is already in the person registry (so matching links, not creates)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from dualgoal.core.bulk import insert_rows
    from dualgoal.core.text import fold, nfc
    from dualgoal.economy.tests.make_messy import synth_worker_rows

    rows = synth_worker_rows(args.rows, args.seed, error_rate=args.error_rate)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    chosen = [r for r in rows if r["error"] is None][::10]
    with transaction.atomic():
        insert_rows(
            "people_person",
            PRELOAD_COLUMNS,
            [
                (
                    now,
                    now,
                    nfc(r["full_name"]),
                    fold(r["full_name"]),
                    connection.ops.adapt_datefield_value(r["birth_date"]),
                    r["birth_date"].year,
                    r["sex"],
                    r["id_number"],
                    r["phone"],
                    "",
                    False,
                )
                for r in chosen
            ],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('people_person', 'id'), (SELECT MAX(id) FROM people_person))"
            )
            cursor.execute("ANALYZE")
    return len(chosen)


def phase_ours(args) -> dict:
    from django.db import connection

    from dualgoal.economy.models import Employment
    from dualgoal.economy.workers import workers_import
    from dualgoal.people.models import Person, PersonNameToken

    enterprise = make_enterprise()
    preloaded = preload_registry(args)
    path = Path(args.file)
    marks: list[tuple[int, float]] = []
    start_server = server_cpu_s()
    start_cpu = cpu_s()
    start = time.perf_counter()
    data = path.read_bytes()
    outcome = workers_import(
        enterprise=enterprise,
        data=data,
        filename=path.name,
        dry_run=False,
        progress=lambda p: marks.append((p, time.perf_counter() - start)),
        as_of=dt.date(2021, 7, 15),
    )
    total = time.perf_counter() - start
    spent = cpu_s() - start_cpu
    parts = [t for p, t in marks if 2 < p < 100]
    return {
        "database": connection.vendor,
        "seconds": round(total, 2),
        "cpu_s": round(spent + server_cpu_s() - start_server, 2),
        "server_cpu_s": round(server_cpu_s() - start_server, 2),
        "first_part_s": round(parts[0], 2),
        "parts": len(parts),
        "commit_s": round(total - parts[-1], 2),
        "preloaded_persons": preloaded,
        "rows": outcome.rows,
        "imported": outcome.imported,
        "error_rows": outcome.error_rows,
        "errors": len(outcome.errors),
        "duplicates_in_file": outcome.duplicates_in_file,
        "matched_existing": outcome.matched_existing,
        "created_persons": outcome.created_persons,
        "registry_conflicts": outcome.registry_conflicts,
        "persons_in_db": Person.objects.count(),
        "employments_in_db": Employment.objects.count(),
        "name_tokens_in_db": PersonNameToken.objects.count(),
    }


def phase_floor(args) -> dict:
    from django.db import connection, transaction
    from python_calamine import CalamineWorkbook

    path = Path(args.file)
    start_server = server_cpu_s()
    start_cpu = cpu_s()
    start = time.perf_counter()
    data = path.read_bytes()
    grid = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    rows = [r for r in grid[args.header_row :] if any(v != "" for v in r)]
    read = time.perf_counter() - start
    width = max(len(r) for r in rows)
    columns = [f"c{i}" for i in range(width)]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE floor_rows ({', '.join(f'{c} text' for c in columns)})")
    t = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.connection.cursor().copy(f"COPY floor_rows ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            raw = cursor.connection  # the sqlite3 connection: no Django wrapper in the way
            raw.executemany(f"INSERT INTO floor_rows VALUES ({', '.join('?' * width)})", rows)
    insert = time.perf_counter() - t
    total = time.perf_counter() - start
    spent = cpu_s() - start_cpu + server_cpu_s() - start_server
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM floor_rows")
        stored = cursor.fetchone()[0]
    return {
        "database": connection.vendor,
        "seconds": round(total, 2),
        "cpu_s": round(spent, 2),
        "calamine_read_s": round(read, 2),
        "insert_commit_s": round(insert, 2),
        "rows_inserted": stored,
    }


def phase_import_export(args) -> dict:
    from django.conf import settings
    from django.db import connection
    from import_export import fields, resources, widgets
    from import_export.formats.base_formats import XLSX

    from dualgoal.core.identity import normalise_id_number
    from dualgoal.economy.tests.make_messy import CLEAN_HEADERS
    from dualgoal.people.models import Person

    settings.IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True

    class Digits(widgets.CharWidget):
        """The usual one-line cleaning: digits only (IDs keep their leading zero back)."""

        def clean(self, value, row=None, **kwargs):
            text = normalise_id_number(value) if value not in (None, "") else ""
            return text or None

    class PersonResource(resources.ModelResource):
        full_name = fields.Field(attribute="full_name", column_name=CLEAN_HEADERS["full_name"])
        id_number = fields.Field(attribute="id_number", column_name=CLEAN_HEADERS["id_number"], widget=Digits())
        birth_date = fields.Field(
            attribute="birth_date", column_name=CLEAN_HEADERS["birth_date"], widget=widgets.DateWidget("%d/%m/%Y")
        )
        phone = fields.Field(attribute="phone", column_name=CLEAN_HEADERS["phone"], widget=Digits())
        address = fields.Field(attribute="address", column_name=CLEAN_HEADERS["address"])

        class Meta:
            model = Person
            fields = ("full_name", "id_number", "birth_date", "phone", "address")
            import_id_fields = ("id_number",)
            skip_unchanged = True
            report_skipped = False

    make_enterprise()
    path = Path(args.slice)
    start_server = server_cpu_s()
    start_cpu = cpu_s()
    start = time.perf_counter()
    dataset = XLSX().create_dataset(path.read_bytes())
    read = time.perf_counter() - start
    result = PersonResource().import_data(
        dataset,
        dry_run=False,
        use_transactions=True,
        rollback_on_validation_errors=False,
        raise_errors=False,
        collect_failed_rows=False,
    )
    total = time.perf_counter() - start
    spent = cpu_s() - start_cpu + server_cpu_s() - start_server
    totals = {str(k): v for k, v in result.totals.items()}
    return {
        "database": connection.vendor,
        "slice_rows": args.ie_rows,
        "seconds": round(total, 2),
        "cpu_s": round(spent, 2),
        "extrapolated_full_cpu_s": round(spent * args.rows / args.ie_rows, 1),
        "openpyxl_read_s": round(read, 2),
        "extrapolated_full_s": round(total * args.rows / args.ie_rows, 1),
        "row_totals": totals,
        "row_errors": len(result.error_rows),
        "invalid_rows": len(result.invalid_rows),
        "rolled_back": bool(result.has_errors()),
        "persons_in_db": Person.objects.count(),
    }


PHASES = {"ours": phase_ours, "floor": phase_floor, "ie": phase_import_export}


def worker(args) -> dict:
    setup_django(args.database_url)
    import gc

    gc.collect()
    out = PHASES[args.phase](args)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


# --- driver ---------------------------------------------------------------------------------------------------------


def _run(args, phase: str, url: str, files: dict) -> dict:
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--phase",
        phase,
        "--database-url",
        url,
        "--file",
        files["file"],
        "--slice",
        files["slice"],
        "--header-row",
        str(files["header_row"]),
        *("--rows", str(args.rows), "--seed", str(args.seed), "--error-rate", str(args.error_rate)),
        *("--ie-rows", str(args.ie_rows)),
    ]
    load = os.getloadavg()[0]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"{phase} worker failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    out = json.loads(line[7:])
    out["load_average_before"] = round(load, 2)
    print(phase, json.dumps(out), flush=True)
    return out


def _pg_database(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--file-seed", type=int, default=3)
    parser.add_argument("--error-rate", type=float, default=0.01)
    parser.add_argument("--ie-rows", type=int, default=20_000)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--phase", choices=sorted(PHASES))
    parser.add_argument("--database-url")
    parser.add_argument("--file")
    parser.add_argument("--slice")
    parser.add_argument("--header-row", type=int)
    parser.add_argument("--render", action="store_true", help="rewrite the .md from the stored .json (no run)")
    args = parser.parse_args()
    if args.render:
        stored = json.loads((ROOT / "bench" / "results" / "import_workers.json").read_text())
        (ROOT / "bench" / "results" / "import_workers.md").write_text(summary(stored))
        return
    if args.worker:
        print("RESULT " + json.dumps(worker(args)))
        return

    from _pg import temporary_postgres

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="dualgoal-bench-import.") as name:
        folder = Path(name)
        info = make_files(folder, args)
        print("file", json.dumps(info), flush=True)
        files = {"file": str(folder / "danh-sach-200k.xlsx"), "slice": str(folder / "slice.xlsx")}
        files["header_row"] = info["header_row"]
        if args.only in (None, "sqlite"):
            results["sqlite"] = {
                phase: _run(args, phase, f"sqlite:///{folder}/{phase}.sqlite3", files)
                for phase in ("floor", "ours", "ie")
            }
        if args.only in (None, "postgresql"):
            with temporary_postgres(port=PG_PORT) as url:
                results["postgresql"] = {
                    phase: _run(args, phase, _pg_database(url, f"bench_{phase}"), files)
                    for phase in ("floor", "ours", "ie")
                }
    report = {
        "goals": {"seconds": GOAL_S, "floor_ratio": GOAL_FLOOR_RATIO, "import_export_speedup": GOAL_IE_SPEEDUP},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "args": {k: v for k, v in vars(args).items() if k in ("rows", "seed", "file_seed", "error_rate", "ie_rows")},
        "file": info,
        "results": results,
    }
    for r in results.values():
        ours, floor, ie = r["ours"], r["floor"], r["ie"]
        r["verdict"] = {
            "ours_s": ours["seconds"],
            "floor_s": floor["seconds"],
            "floor_ratio": round(ours["seconds"] / floor["seconds"], 2),
            "import_export_extrapolated_s": ie["extrapolated_full_s"],
            "speedup_vs_import_export": round(ie["extrapolated_full_s"] / ours["seconds"], 1),
            "cpu_ours_s": ours["cpu_s"],
            "cpu_floor_s": floor["cpu_s"],
            "cpu_floor_ratio": round(ours["cpu_s"] / floor["cpu_s"], 2),
            "cpu_import_export_extrapolated_s": ie["extrapolated_full_cpu_s"],
            "cpu_speedup_vs_import_export": round(ie["extrapolated_full_cpu_s"] / ours["cpu_s"], 1),
            "pass_seconds": ours["seconds"] <= GOAL_S,
            "pass_floor_ratio": ours["seconds"] <= GOAL_FLOOR_RATIO * floor["seconds"],
            "pass_import_export": ie["extrapolated_full_s"] >= GOAL_IE_SPEEDUP * ours["seconds"],
        }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "import_workers.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (out / "import_workers.md").write_text(summary(report))
    print(summary(report))


# Where the time goes, from profiling `workers_import` phase by phase (progress marks, process and backend CPU) on
# the same file and machine; kept here so that the rendered results carry it.
NOTES = [
    "How ours reaches this: the file is read in parts of 20,000 sheet rows by a forked child process "
    "(`economy.workerlists.background`), which also folds the names into their search keys, while the parent writes "
    "each part as it arrives — reading is Python work, writing mostly the database's, so on two cores they overlap. "
    "The first part is written once python-calamine has read the whole sheet (about 1.5 s) and the child has checked "
    "its first 20,000 rows. Writes: COPY on PostgreSQL, executemany on SQLite, no ORM per row; ids allocated with one "
    "jump of the sequence.",
    "Cheaper rows, each measured on this file: the name-search tokens are keyed by (token, person) with no surrogate "
    "id (WITHOUT ROWID on SQLite: the key is the table), PostgreSQL compares the person's folded name, ID and phone "
    'byte by byte ("C" collation, no LIKE twin index), and on PostgreSQL the three references the import writes '
    "(managing commune, enterprise, person) are checked once per statement by triggers instead of once per row "
    "(`core.schema.set_based_foreign_key`: about 2.3 s of the server's time before, 0.8 s after). Before these "
    "changes: 12.8 s on SQLite and 15.4 s on PostgreSQL.",
]


def _yes(value: bool) -> str:
    return "pass" if value else "**FAIL**"


def summary(report: dict) -> str:
    f, g = report["file"], report["goals"]
    lines = [
        "# Importing a 200,000-row worker list",
        "",
        f"`python bench/import_workers.py` ({report['machine']['cpus']} cores, Python {report['machine']['python']}).",
        f"One messy .xlsx of {f['rows']:,} worker rows ({f['bytes'] / 2**20:.1f} MB; {f['spoiled_rows']:,} rows "
        "spoiled on purpose), read by every phase; each phase in its own process on a fresh database. Goals: ours "
        f"<= {g['seconds']:.0f} s on each database, <= {g['floor_ratio']:.0f}x the floor, >= "
        f"{g['import_export_speedup']:.0f}x faster than django-import-export.",
        "",
        "| database | ours (end to end) | first part written | commit | CPU (all processes) "
        "| floor (calamine + raw insert) | ours / floor | django-import-export, 200k extrapolated | speed-up "
        "| <= 10 s | <= 4x floor | >= 10x i-e |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for database, r in report["results"].items():
        o, fl, ie, v = r["ours"], r["floor"], r["ie"], r["verdict"]
        lines.append(
            f"| {database} | {o['seconds']} s | at {o['first_part_s']} s (of {o['parts']} parts) | {o['commit_s']} s "
            f"| {o['cpu_s']} s | {fl['seconds']} s ({fl['calamine_read_s']} + {fl['insert_commit_s']}) "
            f"| {v['floor_ratio']}x | {ie['extrapolated_full_s']} s ({ie['seconds']} s for {ie['slice_rows']:,} rows) "
            f"| {v['speedup_vs_import_export']}x | {_yes(v['pass_seconds'])} | {_yes(v['pass_floor_ratio'])} "
            f"| {_yes(v['pass_import_export'])} |"
        )
    lines += [
        "",
        "The same runs in CPU time (the process, the reader process it forks, and the PostgreSQL backend serving it), "
        "which the other work on a shared machine disturbs less than wall time. Ours spends more CPU than wall time: "
        "it reads on one core while it writes on the other.",
        "",
        "| database | ours CPU | floor CPU | ours / floor | django-import-export CPU, 200k extrapolated | speed-up |",
        "|---|---|---|---|---|---|",
    ]
    for database, r in report["results"].items():
        v = r["verdict"]
        lines.append(
            f"| {database} | {v['cpu_ours_s']} s | {v['cpu_floor_s']} s | {v['cpu_floor_ratio']}x "
            f"| {v['cpu_import_export_extrapolated_s']} s | {v['cpu_speedup_vs_import_export']}x |"
        )
    lines += ["", "What each import did:", ""]
    for database, r in report["results"].items():
        o, ie = r["ours"], r["ie"]
        lines.append(
            f"- {database}, ours: {o['rows']:,} data rows, {o['imported']:,} imported "
            f"({o['matched_existing']:,} linked to the {o['preloaded_persons']:,} persons already registered, "
            f"{o['created_persons']:,} created with "
            f"{o['name_tokens_in_db']:,} name-search tokens), {o['error_rows']:,} rows refused with {o['errors']:,} "
            f"errors ({o['duplicates_in_file']:,} duplicated IDs in the file); peak RSS {o['peak_rss_mb']} MB."
        )
        lines.append(
            f"- {database}, django-import-export on the first {ie['slice_rows']:,} rows: {ie['row_totals']}, "
            f"{ie['invalid_rows']:,} invalid rows, {ie['row_errors']:,} row exceptions"
            f"{', rolled back' if ie['rolled_back'] else ''}; openpyxl read {ie['openpyxl_read_s']} s. Extrapolated "
            "linearly (x10) to the full file."
        )
    loads = [r[p]["load_average_before"] for r in report["results"].values() for p in ("ours", "floor", "ie")]
    lines += [
        "",
        "The floor validates nothing: it is calamine's read plus the raw insert of the same cells into one plain "
        "table. Ours also normalises and validates every cell, detects duplicates, looks every ID up in the "
        "registry, and writes three tables (persons, their name-search tokens, employments) with their indexes.",
        "",
        f"Load average (1 min) before the phases: {min(loads)}-{max(loads)} on {report['machine']['cpus']} cores: the "
        "machine is shared with other work, so wall times carry noise; CPU times are the processes' own.",
        "",
    ]
    for note in NOTES:
        lines += [note, ""]
    verdicts = [v for r in report["results"].values() for k, v in r["verdict"].items() if k.startswith("pass_")]
    lines.append("All goals met." if all(verdicts) else "Not every goal is met: see the **FAIL** cells above.")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
