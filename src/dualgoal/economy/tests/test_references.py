"""The references an import writes in bulk are enforced like any foreign key, on both databases.

On PostgreSQL a person's managing unit and an employment's enterprise and person are checked once per statement by
triggers (core.schema.set_based_foreign_key) instead of Django's per-row constraints; SQLite keeps its constraints.
Either way the database refuses a write that points nowhere, and the deletion of a row still pointed at."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from dualgoal.core.schema import set_based_foreign_key_triggers
from dualgoal.economy.models import Employment
from dualgoal.economy.services import enterprise_register
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.people.models import Person

MISSING = 10**9


def refused(sql: str, params: list) -> bool:
    """Whether the database refuses the write: at once (PostgreSQL's triggers) or at the constraint check (SQLite's
    deferred foreign keys, which `check_constraints` runs as a commit would)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            connection.check_constraints()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def setting(yen_dung):
    commune = AdminUnit.objects.filter(level=Level.COMMUNE).order_by("code").first()
    village = AdminUnit.objects.create(code="T-REF", name="Thôn Thử", kind="thôn", level=Level.VILLAGE, parent=commune)
    firm = enterprise_register(tax_code="2400111222", name="Công ty TNHH Thử", commune=commune)
    worker = Person.objects.create(full_name="Nguyễn Văn An", managing_unit=village)
    loner = Person.objects.create(full_name="Trần Thị Bình")
    Employment.objects.create(enterprise=firm, person=worker)
    return {"commune": commune, "village": village, "firm": firm, "worker": worker, "loner": loner}


def employment_insert(enterprise_id: int, person_id: int) -> tuple[str, list]:
    now = timezone.now()
    return (
        "INSERT INTO economy_employment (created_at, updated_at, department, position, commitment_scan, active, "
        "enterprise_id, person_id) VALUES (%s, %s, '', '', '', %s, %s, %s)",
        [now, now, True, enterprise_id, person_id],
    )


def test_an_employment_must_name_an_existing_enterprise_and_person(setting):
    firm, loner = setting["firm"], setting["loner"]
    assert refused(*employment_insert(firm.pk, MISSING))
    assert refused(*employment_insert(MISSING, loner.pk))
    assert not refused(*employment_insert(firm.pk, loner.pk))  # the same write, pointing at real rows


def test_a_person_must_be_managed_by_an_existing_unit(setting):
    loner, village = setting["loner"], setting["village"]
    assert refused("UPDATE people_person SET managing_unit_id = %s WHERE id = %s", [MISSING, loner.pk])
    assert not refused("UPDATE people_person SET managing_unit_id = %s WHERE id = %s", [village.pk, loner.pk])


def test_rows_still_pointed_at_cannot_be_deleted(setting):
    worker, loner, firm, village = setting["worker"], setting["loner"], setting["firm"], setting["village"]
    assert refused("DELETE FROM people_person WHERE id = %s", [worker.pk])  # employed at the firm
    assert refused("DELETE FROM economy_enterprise WHERE id = %s", [firm.pk])  # it has an employee
    assert refused("DELETE FROM geography_adminunit WHERE id = %s", [village.pk])  # it manages a person
    assert not refused("DELETE FROM people_person WHERE id = %s", [loner.pk])  # nothing points at this one


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's per-statement checks")
@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("people_person", "managing_unit_id"),
        ("economy_employment", "enterprise_id"),
        ("economy_employment", "person_id"),
    ],
)
def test_postgresql_checks_these_references_per_statement(db, table, column):
    """The triggers are in place and Django's per-row constraint is gone (a later migration could bring it back)."""
    key = f"sbfk_{table}_{column}"
    assert set_based_foreign_key_triggers(connection, table, column) == [f"{key}_del", f"{key}_ins", f"{key}_upd"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
            "AND a.attnum = ANY (c.conkey) WHERE c.contype = 'f' AND c.conrelid = %s::regclass AND a.attname = %s",
            [table, column],
        )
        assert cursor.fetchone()[0] == 0
