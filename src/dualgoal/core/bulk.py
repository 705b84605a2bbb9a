"""Fast bulk writes for hot paths (tracing, imports): COPY on PostgreSQL, executemany on SQLite.

The ORM's bulk_create builds a model instance and prepares every value per row (~100 µs a row); these write
plain tuples that the caller has already converted (dates as ISO strings, JSON as text).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Sequence

from django.db import connection, transaction


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """INSERT many rows (JSON columns as JSON text: COPY parses it into jsonb)."""
    if isinstance(rows, Sequence) and not rows:
        return
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("%s" for _ in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    with connection.cursor() as cursor:
        if isinstance(rows, Sequence):
            cursor.executemany(sql, rows)
            return
        rows = iter(rows)  # a generator: a batch at a time, so that a million rows never sit in memory at once
        while batch := list(itertools.islice(rows, BATCH)):
            cursor.executemany(sql, batch)


BATCH = 50_000


def upsert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence], *, conflict: Sequence[str]) -> None:
    """INSERT … ON CONFLICT (conflict) DO UPDATE the other columns. PostgreSQL: COPY into a temporary table first."""
    if isinstance(rows, Sequence) and not rows:
        return
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in conflict)
    names = ", ".join(columns)
    on_conflict = f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {updates}"
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            # Only the given columns: an identity "id" would be NULL in a LIKE copy (identities are not copied).
            cursor.execute(f"CREATE TEMPORARY TABLE _upsert AS SELECT {names} FROM {table} WITH NO DATA")
            insert_rows("_upsert", columns, rows)
            cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _upsert {on_conflict}")
            cursor.execute("DROP TABLE _upsert")
        return
    marks = ", ".join("%s" for _ in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}) {on_conflict}", list(rows))


SQLITE_CACHE_KIB = 256 * 1024  # allocated only as pages are used


@contextlib.contextmanager
def large_page_cache():
    """SQLite: a page cache large enough for the indexes a bulk write fills (with the default 2 MB every insert into
    a random-keyed index — citizen ID, folded name, name tokens, traced levels — is a trip to the file, and a large
    transaction spills pages). The previous size is restored afterwards. PostgreSQL: nothing to do."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")
