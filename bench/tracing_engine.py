"""Benchmark of the pure tracing engine on a seeded synthetic province (issue 4, point 7, engine part).

Run: ``python bench/tracing_engine.py [--persons 1800000 --contacts 5000000 --f0 6000 --seed 1]``.
Writes ``bench/results/tracing_engine.json`` and ``bench/results/tracing_engine.md``.

The province: households (group exposures over the whole period), workplaces of 20-2000 workers split
into production lines (group exposures with join/leave days) plus sampled pairwise canteen/locker contacts,
boarding houses (group exposures), shuttle routes (sampled pairwise seat contacts), random community contacts
(pairwise).
``--contacts`` counts pairwise contact rows only; group attendance records are counted separately.
F0s cluster in a few outbreak workplaces; quarantine dates are given to most F1s and half the F2s of a first
pass (as contact tracers would), then everything is timed on the final inputs.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dualgoal.epidemic.tracing import (  # noqa: E402
    NEVER,
    Attendance,
    Contacts,
    Sources,
    TracingEngine,
    reference_trace,
)

DAYS = 90
GOALS = {
    "engine_full_s": 1.0,
    "engine_full_s_default_allocator": 1.0,
    "speedup_vs_reference": 20.0,
    "incremental_new_f0_ms": 10.0,
    "incremental_new_contact_ms": 10.0,
    "peak_memory_gb": 2.0,
}


# ---------------------------------------------------------------------------- synthetic province


def _sizes(rng: np.random.Generator, total: int, draw) -> np.ndarray:
    """Group sizes drawn by ``draw(k)`` until they cover ``total`` members (last one trimmed)."""
    sizes = draw(max(16, int(total / 2)))
    while sizes.sum() < total:
        sizes = np.concatenate((sizes, draw(sizes.size)))
    cut = int(np.searchsorted(np.cumsum(sizes), total))
    sizes = sizes[: cut + 1].copy()
    sizes[-1] -= int(sizes.sum()) - total
    return sizes[sizes > 0]


def _pair_within(rng: np.random.Generator, members: np.ndarray, starts: np.ndarray, sizes: np.ndarray, k: int):
    """``k`` random pairs of distinct members of the same unit (members listed unit by unit)."""
    pos = rng.integers(0, members.size, k)
    unit = np.searchsorted(starts, pos, side="right") - 1
    size = sizes[unit]
    ok = size > 1
    pos, unit, size = pos[ok], unit[ok], size[ok]
    shift = rng.integers(1, np.maximum(size, 2))
    other = starts[unit] + (pos - starts[unit] + shift) % size
    return members[pos], members[other]


def build_province(n: int, n_contacts: int, n_f0: int, seed: int) -> dict:
    """Seeded synthetic province: arrays for the engine plus counts for the report."""
    rng = np.random.default_rng(seed)
    info: dict = {"persons": n}
    # Households: sizes 1-7, mean ~3.5.
    hh = _sizes(rng, n, lambda k: rng.choice(np.arange(1, 8), k, p=[0.1, 0.18, 0.24, 0.25, 0.13, 0.07, 0.03]))
    hh_person = np.arange(n)
    hh_group = np.repeat(np.arange(hh.size), hh)
    info["households"] = int(hh.size)
    info["mean_household_size"] = round(n / hh.size, 2)

    # Workers in workplaces of 20-2000 (log-uniform), lines of ~30.
    workers = rng.permutation(np.flatnonzero(rng.random(n) < 0.4))
    wp = _sizes(rng, workers.size, lambda k: np.exp(rng.uniform(np.log(20), np.log(2000), k)).astype(np.int64))
    wp_start = np.concatenate(([0], np.cumsum(wp)[:-1]))
    wp_of = np.repeat(np.arange(wp.size), wp)
    pos_in_wp = np.arange(workers.size) - wp_start[wp_of]
    lines_per_wp = -(-wp // 30)
    line_offset = np.concatenate(([0], np.cumsum(lines_per_wp)[:-1]))
    line = hh.size + line_offset[wp_of] + pos_in_wp // 30
    join = np.where(rng.random(workers.size) < 0.85, 0, rng.integers(0, 60, workers.size))
    leave = np.where(rng.random(workers.size) < 0.9, DAYS - 1, rng.integers(join, DAYS))
    n_lines = int(lines_per_wp.sum())
    info.update(workers=int(workers.size), workplaces=int(wp.size), production_lines=n_lines)

    # Boarding houses: 12% of workers, 5-30 residents, whole period.
    lodgers = rng.permutation(workers[rng.random(workers.size) < 0.12])
    bh = _sizes(rng, lodgers.size, lambda k: rng.integers(5, 31, k))
    bh_group = hh.size + n_lines + np.repeat(np.arange(bh.size), bh)
    info["boarding_houses"] = int(bh.size)

    group = np.concatenate((hh_group, line, bh_group))
    person = np.concatenate((hh_person, workers, lodgers))
    day_from = np.concatenate((np.zeros(n, np.int64), join, np.zeros(lodgers.size, np.int64)))
    day_to = np.concatenate((np.full(n, DAYS - 1), leave, np.full(lodgers.size, DAYS - 1)))
    sizes_all = np.concatenate((hh, np.bincount(line - hh.size), bh))
    info["attendance_records"] = int(group.size)
    info["groups"] = int(sizes_all.size)
    info["group_member_pairs_not_materialised"] = int((sizes_all * (sizes_all - 1) // 2).sum())

    # Pairwise contacts: workplace canteen/locker 40%, shuttle seats 25%, community 35%.
    n_work, n_shuttle = int(n_contacts * 0.40), int(n_contacts * 0.25)
    n_comm = n_contacts - n_work - n_shuttle
    wa, wb = _pair_within(rng, workers, wp_start, wp, n_work)
    riders = rng.permutation(workers[rng.random(workers.size) < 0.3])
    routes = _sizes(rng, riders.size, lambda k: rng.integers(30, 46, k))
    ra, rb = _pair_within(rng, riders, np.concatenate(([0], np.cumsum(routes)[:-1])), routes, n_shuttle)
    ca = rng.integers(0, n, n_comm)
    cb = (ca + rng.integers(1, n, n_comm)) % n
    a = np.concatenate((wa, ra, ca))
    b = np.concatenate((wb, rb, cb))
    day = rng.integers(0, DAYS, a.size)
    info["pairwise_contacts"] = {
        "total": int(a.size),
        "workplace": int(wa.size),
        "shuttle": int(ra.size),
        "community": int(ca.size),
    }
    info["shuttle_routes"] = int(routes.size)

    # F0: 60% in 40 outbreak workplaces (large ones likelier), 40% anywhere; onsets over days 10-70.
    big = rng.choice(wp.size, min(40, wp.size), replace=False, p=wp / wp.sum())
    in_outbreak = workers[np.isin(wp_of, big)]
    n_out = min(int(n_f0 * 0.6), in_outbreak.size)
    f0 = np.unique(np.concatenate((rng.choice(in_outbreak, n_out, replace=False), rng.choice(n, n_f0, replace=False))))
    f0 = rng.permutation(f0)[:n_f0]
    onset = rng.integers(10, 71, f0.size)
    start = onset - 2
    isolated = onset + rng.integers(0, 4, f0.size)
    info["f0"] = int(f0.size)
    return {
        "n": n,
        "contacts": Contacts(a, b, day),
        "attendance": Attendance(group, person, day_from, day_to),
        "sources": Sources(f0, start, isolated),
        "info": info,
    }


def add_quarantine(province: dict, seed: int) -> None:
    """Quarantine 90% of F1s 1-3 days after exposure and 50% of F2s 2-5 days after (from a first pass)."""
    rng = np.random.default_rng(seed + 1)
    first = TracingEngine(province["n"], province["contacts"], province["attendance"], province["sources"])
    level, exposed = first.result.level, first.result.exposed_on
    q = np.full(province["n"], NEVER, dtype=np.int64)
    for lvl, share, lo, hi in ((1, 0.9, 1, 4), (2, 0.5, 2, 6)):
        chosen = np.flatnonzero((level == lvl) & (rng.random(level.size) < share))
        q[chosen] = exposed[chosen] + rng.integers(lo, hi, chosen.size)
    province["quarantined_on"] = q
    province["info"]["quarantined"] = int((q < NEVER).sum())


# ---------------------------------------------------------------------------- measurements


def _timed(fn, repeat: int) -> tuple[list[float], object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return times, out


def _engine(province: dict) -> TracingEngine:
    return TracingEngine(
        province["n"],
        province["contacts"],
        province["attendance"],
        province["sources"],
        province["quarantined_on"],
    )


def _reference_child(province: dict, conn) -> None:
    """Runs in a forked process so that its memory does not count towards the engine's peak."""
    t0 = time.perf_counter()
    c, g, s = province["contacts"], province["attendance"], province["sources"]
    lists = (
        (c.a.tolist(), c.b.tolist(), c.day.tolist()),
        (g.group.tolist(), g.person.tolist(), g.day_from.tolist(), g.day_to.tolist()),
        (s.person.tolist(), s.infectious_start.tolist(), s.isolated_on.tolist()),
        province["quarantined_on"].tolist(),
    )
    to_lists = time.perf_counter() - t0
    t0 = time.perf_counter()
    level, exposed = reference_trace(province["n"], *lists, max_level=3)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    conn.send((elapsed, to_lists, np.asarray(level, dtype=np.int8), np.asarray(exposed, dtype=np.int64), peak))
    conn.close()


def run_reference(province: dict) -> tuple[float, float, np.ndarray, np.ndarray, int]:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_reference_child, args=(province, child))
    proc.start()
    out = parent.recv()
    proc.join()
    return out


def incremental_trials(engine: TracingEngine, n: int, trials: int, seed: int) -> dict:
    """Median timings of single updates; each one is undone (and that undo is timed too)."""
    rng = np.random.default_rng(seed + 2)
    times: dict[str, list[float]] = {k: [] for k in ("new_f0", "undo_f0", "new_contact", "undo_contact")}
    times |= {"earlier_quarantine": [], "undo_quarantine": []}
    sizes: dict[str, list[int]] = {"new_f0": [], "new_contact": [], "earlier_quarantine": []}
    level = engine.result.level
    for _ in range(trials):
        p = int(rng.choice(np.flatnonzero(level > 0)) if rng.random() < 0.5 else rng.integers(0, n))
        while engine.result.is_source[p]:
            p = int(rng.integers(0, n))
        start = int(rng.integers(50, 80))
        t0 = time.perf_counter()
        ch = engine.add_source(p, start, start + 3)
        times["new_f0"].append(time.perf_counter() - t0)
        sizes["new_f0"].append(len(ch))
        t0 = time.perf_counter()
        engine.remove_source(p)
        times["undo_f0"].append(time.perf_counter() - t0)

        a, b = (int(x) for x in rng.choice(n, 2, replace=False))
        t0 = time.perf_counter()
        ch = engine.add_contact(a, b, int(rng.integers(0, DAYS)))
        times["new_contact"].append(time.perf_counter() - t0)
        sizes["new_contact"].append(len(ch))
        t0 = time.perf_counter()
        engine.remove_contact(int(ch.contact_ids[0]))
        times["undo_contact"].append(time.perf_counter() - t0)

        f1 = int(rng.choice(np.flatnonzero(level == 1)))
        old_q = engine.quarantined_on(f1)
        t0 = time.perf_counter()
        ch = engine.set_quarantine(f1, int(engine.result.exposed_on[f1]) + 1)
        times["earlier_quarantine"].append(time.perf_counter() - t0)
        sizes["earlier_quarantine"].append(len(ch))
        t0 = time.perf_counter()
        engine.set_quarantine(f1, old_q)
        times["undo_quarantine"].append(time.perf_counter() - t0)
    out = {}
    for key, values in times.items():
        ms = [t * 1000 for t in values]
        out[key] = {
            "median_ms": round(statistics.median(ms), 3),
            "p90_ms": round(float(np.percentile(ms, 90)), 3),
            "max_ms": round(max(ms), 3),
        }
        if key in sizes:
            out[key]["median_persons_changed"] = int(statistics.median(sizes[key]))
            out[key]["max_persons_changed"] = int(max(sizes[key]))
    return out


def tune_allocator() -> dict:
    """Ask glibc to keep freed memory for reuse (as a long-running tracing worker would be configured).

    By default glibc maps every large numpy temporary afresh and unmaps it when freed, so each full
    computation pays ~50,000 page faults (~0.3-0.5 s on this VM). With these settings freed memory stays in
    the heap.
    """
    settings = {"M_MMAP_THRESHOLD": 2**30, "M_TRIM_THRESHOLD": 2**31 - 1, "M_TOP_PAD": 64 << 20}
    codes = {"M_TRIM_THRESHOLD": -1, "M_TOP_PAD": -2, "M_MMAP_THRESHOLD": -3}
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return {"applied": False}
    applied = all(libc.mallopt(codes[key], value) == 1 for key, value in settings.items())
    return {"applied": applied, "glibc_mallopt": settings}


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration), open("/proc/cpuinfo") as info:
        cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=1_800_000)
    parser.add_argument("--contacts", type=int, default=5_000_000)
    parser.add_argument("--f0", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "tracing_engine.json")
    args = parser.parse_args()

    t0 = time.perf_counter()
    province = build_province(args.persons, args.contacts, args.f0, args.seed)
    add_quarantine(province, args.seed)
    generate_s = time.perf_counter() - t0
    print(f"province generated in {generate_s:.1f} s: {json.dumps(province['info'])}", flush=True)

    default_times, engine = _timed(lambda: _engine(province), 3)
    del engine
    allocator = tune_allocator()
    build_times, engine = _timed(lambda: _engine(province), 3)
    compute_times, _ = _timed(engine.compute, 3)
    assert len(engine.compute()) == 0
    counts = engine.result.counts()
    print(
        f"engine full: default allocator {default_times} s, tuned {build_times} s; compute() {compute_times} s",
        flush=True,
    )
    print(f"levels {counts}", flush=True)

    t0 = time.perf_counter()
    engine.prepare_updates()
    index_s = time.perf_counter() - t0
    print(f"indexes for incremental updates built in {index_s:.2f} s", flush=True)
    inc = incremental_trials(engine, args.persons, args.trials, args.seed)
    drift = len(engine.compute())  # every update was undone: a full recompute must change nothing
    print(f"incremental {json.dumps(inc)}; drift after undo {drift}", flush=True)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    ref_s, ref_lists_s, ref_level, ref_exposed, ref_peak_kb = run_reference(province)
    same_levels = bool(np.array_equal(ref_level, engine.result.level))
    same_days = bool(np.array_equal(ref_exposed, engine.result.exposed_on.astype(np.int64)))
    print(f"reference {ref_s:.1f} s (+{ref_lists_s:.1f} s to lists); identical levels {same_levels}", flush=True)
    assert same_levels and same_days, "engine and reference disagree"

    full_s = statistics.median(build_times)
    values = {
        "engine_full_s": full_s,
        "engine_full_s_default_allocator": statistics.median(default_times),
        "speedup_vs_reference": ref_s / full_s,
        "incremental_new_f0_ms": inc["new_f0"]["median_ms"],
        "incremental_new_contact_ms": inc["new_contact"]["median_ms"],
        "peak_memory_gb": peak_kb / 2**20,
    }
    goals = {
        key: {
            "target": ("<= " if key != "speedup_vs_reference" else ">= ") + str(target),
            "value": round(values[key], 3),
            "pass": values[key] >= target if key == "speedup_vs_reference" else values[key] <= target,
        }
        for key, target in GOALS.items()
    }
    result = {
        "benchmark": "tracing_engine",
        "command": " ".join(["python bench/tracing_engine.py", *sys.argv[1:]]),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        "params": {k: v for k, v in vars(args).items() if k != "out"},
        "province": province["info"] | {"days": DAYS, "generate_s": round(generate_s, 1)},
        "levels": {str(k): v for k, v in counts.items()},
        "engine": {
            "full_s_runs": [round(t, 3) for t in build_times],
            "allocator": allocator,
            "full_s_runs_default_allocator": [round(t, 3) for t in default_times],
            "full_s_median_default_allocator": round(statistics.median(default_times), 3),
            "full_s_note": "construction = validation + full computation",
            "full_s_median": round(full_s, 3),
            "full_includes": "validation, int32 copies, layered search (sweeps, no index), levels",
            "compute_only_s_runs": [round(t, 3) for t in compute_times],
            "compute_only_s_median": round(statistics.median(compute_times), 3),
            "indexes_for_updates_s": round(index_s, 3),
            "indexes_note": "built once, at the first incremental update or by prepare_updates()",
        },
        "reference": {
            "seconds": round(ref_s, 1),
            "to_python_lists_s_excluded": round(ref_lists_s, 1),
            "identical_levels": same_levels,
            "identical_exposure_days": same_days,
            "peak_memory_gb_separate_process": round(ref_peak_kb / 2**20, 2),
        },
        "incremental": inc | {"trials": args.trials, "full_recompute_changes_after_undo": drift},
        "peak_memory_gb": round(peak_kb / 2**20, 3),
        "goals": goals,
        "all_goals_pass": all(g["pass"] for g in goals.values()),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    args.out.with_suffix(".md").write_text(summary(result))
    print(json.dumps(goals, indent=2))


def summary(r: dict) -> str:
    """Short Markdown report."""
    goals, inc, m, pv, eng = r["goals"], r["incremental"], r["machine"], r["province"], r["engine"]
    rows = "\n".join(
        f"| {k} | {v['target']} | {v['value']} | {'pass' if v['pass'] else 'FAIL'} |" for k, v in goals.items()
    )
    pc = pv["pairwise_contacts"]

    def ms(key: str) -> str:
        return f"{inc[key]['median_ms']} / {inc[key]['p90_ms']} ms"

    return f"""# Tracing engine benchmark

`{r["command"]}` on {m["nproc"]} cores ({m["cpu"]}), {m["memory_gb"]} GB, Python {m["python"]},
numpy {m["numpy"]}.

Province: {pv["persons"]:,} persons in {pv["households"]:,} households, {pv["workplaces"]:,} workplaces
({pv["production_lines"]:,} production lines), {pv["boarding_houses"]:,} boarding houses,
{pv["shuttle_routes"]:,} shuttle routes; {pc["total"]:,} pairwise contacts (workplace {pc["workplace"]:,},
shuttle {pc["shuttle"]:,}, community {pc["community"]:,}) plus {pv["attendance_records"]:,} group attendance
records ({pv["group_member_pairs_not_materialised"]:,} member pairs not materialised); {pv["f0"]:,} F0,
{pv["quarantined"]:,} quarantined. Persons per level: {r["levels"]}.

| goal | target | measured | |
| --- | --- | --- | --- |
{rows}

* Engine full computation (validation + layered search, no index needed), median of 3 in one process:
  {eng["full_s_median"]} s (runs {eng["full_s_runs"]}) with glibc told to keep freed memory
  ({eng["allocator"]["glibc_mallopt"]}); with the default allocator {eng["full_s_median_default_allocator"]} s
  (runs {eng["full_s_runs_default_allocator"]}, ~50,000 page faults per run). `compute()` again on the same
  engine: {eng["compute_only_s_median"]} s. The adjacency indexes for incremental updates are built once,
  at the first update: {eng["indexes_for_updates_s"]} s.
* Pure-Python reference: {r["reference"]["seconds"]} s (lists prepared beforehand); identical levels:
  {r["reference"]["identical_levels"]}, identical exposure days: {r["reference"]["identical_exposure_days"]}.
* Incremental, median / p90 over {inc["trials"]} trials: new F0 {ms("new_f0")}, new contact
  {ms("new_contact")}, earlier quarantine of an F1 {ms("earlier_quarantine")}; undoing them:
  {ms("undo_f0")}, {ms("undo_contact")}, {ms("undo_quarantine")}. A full recompute after all trials
  changed {inc["full_recompute_changes_after_undo"]} persons.
* Peak memory (ru_maxrss, generation included; the reference runs in a forked process):
  {r["peak_memory_gb"]} GB.
"""


if __name__ == "__main__":
    main()
