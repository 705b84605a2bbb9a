"""Schema helpers for migrations that Django's operations do not express.

* `sqlite_without_rowid` — a SQLite table whose primary key is the table (one B-tree per row, not two).
* `set_based_foreign_key` — on PostgreSQL, a foreign key enforced once per statement instead of once per row.

Why the second: PostgreSQL checks an ordinary foreign key with one query per inserted row (an SPI call that starts
and ends an executor, ~4 µs). A bulk import of 200,000 workers writes 200,000 persons and 200,000 employments, and
their three non-empty references — a person's managing commune, an employment's enterprise and person — cost it
about 2.3 s of server time, a quarter of the whole import. The same rule checked per statement is a single join
over the statement's rows (PostgreSQL's transition tables):

* after INSERT or UPDATE on the referencing table: the referenced rows are locked FOR KEY SHARE — as the built-in
  check does, so that no one can delete them before this transaction ends (rows this transaction inserted itself
  need no lock: no one else can see them) — and any row whose reference is missing
  fails the statement with SQLSTATE 23503 (foreign_key_violation, which Django raises as IntegrityError);
* after DELETE on the referenced table: a deleted row that is still referenced fails the statement the same way
  (ON DELETE RESTRICT: the ORM's on_delete has already deleted or refused the referencing rows by then).

One difference with Django's own constraints: the check runs at the end of each statement, not at the commit
(Django declares its foreign keys DEFERRABLE INITIALLY DEFERRED). Rows must be written after the rows they point at,
as every writer here does. SQLite keeps its ordinary foreign key: it checks it with a B-tree lookup, at no such cost.
A test (economy/tests/test_references.py) checks the behaviour on both databases and, on PostgreSQL, that the
triggers are there and Django's constraint has not come back (a later migration altering the field could re-add it).
"""

from __future__ import annotations

from django.db import migrations


def sqlite_without_rowid(schema_editor, table: str) -> None:
    """Rebuild an (empty) SQLite table as WITHOUT ROWID, so that its primary key is the table itself — one B-tree per
    row instead of the rowid table plus the key's index. Other databases: nothing to do.

    Django's SQLite schema editor rebuilds a table on most later alterations and would drop the clause: a test
    (people/tests/test_search.py, test_name_keys_are_the_table_itself…) checks that it is still there."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        (create,) = cursor.fetchone()
        if create.rstrip().upper().endswith("WITHOUT ROWID"):
            return
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        if cursor.fetchone()[0]:
            raise RuntimeError(f"{table} is not empty: rebuild it as WITHOUT ROWID by hand")
        cursor.execute(f"DROP TABLE {table}")
        cursor.execute(f"{create} WITHOUT ROWID")


def set_based_foreign_key(app_label: str, model_name: str, field_name: str) -> migrations.RunPython:
    """A migration operation: on PostgreSQL, replace the foreign key constraint of `field_name` by the per-statement
    triggers described above (and back, when migrating backwards). Other databases: nothing to do."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        names = _names(apps, app_label, model_name, field_name)
        for constraint in _fk_constraints(schema_editor, names):
            schema_editor.execute(f'ALTER TABLE {names["table"]} DROP CONSTRAINT "{constraint}"')
        for statement in _trigger_sql(**names):
            schema_editor.execute(statement)

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        names = _names(apps, app_label, model_name, field_name)
        key = names["key"]
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {key}_ins ON {names['table']}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {key}_upd ON {names['table']}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {key}_del ON {names['target']}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {key}_check()")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {key}_restrict()")
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
        schema_editor.execute(schema_editor._create_fk_sql(model, field, "_fk_%(to_table)s_%(to_column)s"))

    return migrations.RunPython(forward, backward)


def set_based_foreign_key_triggers(connection, table: str, column: str) -> list[str]:
    """The names of the per-statement triggers in place for table.column (empty: none, or not PostgreSQL)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE %s ORDER BY tgname",
            [f"{_key(table, column)}_%"],
        )
        return [name for (name,) in cursor.fetchall()]


def _key(table: str, column: str) -> str:
    return f"sbfk_{table}_{column}"[:50]


def _names(apps, app_label: str, model_name: str, field_name: str) -> dict[str, str]:
    model = apps.get_model(app_label, model_name)
    field = model._meta.get_field(field_name)
    target = field.related_model._meta
    table, column = model._meta.db_table, field.column
    return {
        "key": _key(table, column),
        "table": table,
        "column": column,
        "target": target.db_table,
        "target_column": target.get_field(field.target_field.name).column,
    }


def _fk_constraints(schema_editor, names: dict[str, str]) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
            "AND a.attnum = ANY (c.conkey) WHERE c.contype = 'f' AND c.conrelid = %s::regclass AND a.attname = %s",
            [names["table"], names["column"]],
        )
        return [name for (name,) in cursor.fetchall()]


def _trigger_sql(key: str, table: str, column: str, target: str, target_column: str) -> list[str]:
    return [
        f"""
        CREATE OR REPLACE FUNCTION {key}_check() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE missing text;
        BEGIN
            -- Rows this transaction inserted itself need no lock: no one else can see them, let alone delete them.
            PERFORM 1 FROM {target} t
            WHERE t.{target_column} IN (SELECT DISTINCT n.{column} FROM new_rows n WHERE n.{column} IS NOT NULL)
              AND t.xmin <> pg_current_xact_id()::xid
            ORDER BY t.{target_column} FOR KEY SHARE OF t;
            SELECT n.{column}::text INTO missing FROM new_rows n
            WHERE n.{column} IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM {target} t WHERE t.{target_column} = n.{column})
            LIMIT 1;
            IF missing IS NOT NULL THEN
                RAISE EXCEPTION 'insert or update on table "{table}" violates foreign key "{key}"'
                    USING DETAIL = format('Key ({column})=(%%s) is not present in table "{target}".', missing),
                    ERRCODE = 'foreign_key_violation';
            END IF;
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION {key}_restrict() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE kept text;
        BEGIN
            SELECT o.{target_column}::text INTO kept FROM old_rows o
            WHERE EXISTS (SELECT 1 FROM {table} c WHERE c.{column} = o.{target_column})
            LIMIT 1;
            IF kept IS NOT NULL THEN
                RAISE EXCEPTION 'update or delete on table "{target}" violates foreign key "{key}" on table "{table}"'
                    USING DETAIL = format('Key ({target_column})=(%%s) is still referenced from "{table}".', kept),
                    ERRCODE = 'foreign_key_violation';
            END IF;
            RETURN NULL;
        END $$
        """,
        f"CREATE TRIGGER {key}_ins AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {key}_check()",
        f"CREATE TRIGGER {key}_upd AFTER UPDATE ON {table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {key}_check()",
        f"CREATE TRIGGER {key}_del AFTER DELETE ON {target} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {key}_restrict()",
    ]
