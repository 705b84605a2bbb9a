"""A throw-away PostgreSQL server on loopback for benchmarks (the same recipe as .ci/run)."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def _bindir() -> str:
    candidates = []
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        candidates.append(subprocess.check_output(["pg_config", "--bindir"], text=True).strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for path in candidates:
        if Path(path, "initdb").exists() and Path(path, "pg_ctl").exists():
            return path
    raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")


@contextlib.contextmanager
def temporary_postgres(port: int = 55433):
    """Yield a DATABASE_URL for a fresh server; stop and delete it afterwards."""
    bindir = _bindir()
    folder = tempfile.mkdtemp(prefix="dualgoal-bench-pg.")
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(folder, "postgres")

    def run(*args: str) -> None:
        command = ["runuser", "-u", "postgres", "--", *args] if as_postgres else list(args)
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    data = f"{folder}/data"
    run(f"{bindir}/initdb", "-D", data, "-U", "dualgoal", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
    # A server configured for bulk work as any production one would be (the defaults — 128 MB of shared buffers, a
    # checkpoint every 1 GB of WAL — are sized for a laptop): 1 GB of buffers, checkpoints every 8 GB of WAL or 15 min.
    # Durability is untouched (fsync, full_page_writes and synchronous_commit stay on).
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c shared_buffers=1GB -c max_wal_size=8GB "
        "-c checkpoint_timeout=15min -c maintenance_work_mem=256MB"
    )
    run(f"{bindir}/pg_ctl", "-D", data, "-l", f"{folder}/log", "-w", "-o", options, "start")
    try:
        run(f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "dualgoal", "dualgoal")
        yield f"postgres://dualgoal@127.0.0.1:{port}/dualgoal"
    finally:
        run(f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "stop")
        shutil.rmtree(folder, ignore_errors=True)
