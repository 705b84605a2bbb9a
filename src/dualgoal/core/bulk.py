"""Fast bulk writes for hot paths (tracing, imports): COPY on PostgreSQL, executemany on SQLite.

The ORM's bulk_create builds a model instance and prepares every value per row (~100 µs a row); these write
plain tuples that the caller has already converted (dates as ISO strings, JSON as text).
"""

from __future__ import annotations

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
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(rows))


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
