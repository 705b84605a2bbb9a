"""Cheaper bulk writes of persons (issue 6's import benchmark):

* the folded name, the citizen ID and the phone are compared byte by byte on PostgreSQL ("C" collation: the same
  order for these ASCII keys, without a linguistic collation's cost on every index comparison), and the ID is unique
  through a constraint, which — unlike unique=True — adds no LIKE twin index;
* the name tokens are keyed by (token, person) — the search's range — instead of a surrogate id and a second index;
  on SQLite the table is WITHOUT ROWID. The tokens are derived data: the table is made anew and refilled.
"""

import django.db.models.deletion
from django.db import migrations, models

import dualgoal.people.models
from dualgoal.core.schema import sqlite_without_rowid

CHUNK = 20_000


def without_rowid(apps, schema_editor):
    sqlite_without_rowid(schema_editor, "people_personnametoken")


def refill_tokens(apps, schema_editor):
    from dualgoal.core.bulk import insert_rows
    from dualgoal.core.text import name_tails

    Person = apps.get_model("people", "Person")
    last = 0
    while True:
        chunk = list(Person.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "full_name")[:CHUNK])
        if not chunk:
            return
        insert_rows(
            "people_personnametoken",
            ["token", "person_id", "position"],
            [(tail, pk, position) for pk, name in chunk for position, tail in enumerate(name_tails(name))],
        )
        last = chunk[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("geography", "0001_initial"),
        ("people", "0004_person_managing_unit"),
    ]

    operations = [
        migrations.DeleteModel(name="PersonNameToken"),
        migrations.CreateModel(
            name="PersonNameToken",
            fields=[
                ("pk", models.CompositePrimaryKey("token", "person", blank=True, editable=False, primary_key=True, serialize=False)),
                ("token", dualgoal.people.models.AsciiKeyField(max_length=150)),
                (
                    "person",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="name_tokens",
                        to="people.person",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField()),
            ],
        ),
        migrations.RunPython(without_rowid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalperson",
            name="id_number",
            field=dualgoal.people.models.AsciiKeyField(blank=True, max_length=12, null=True, verbose_name="citizen ID"),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="name_folded",
            field=dualgoal.people.models.AsciiKeyField(editable=False, max_length=150),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="phone",
            field=dualgoal.people.models.AsciiKeyField(blank=True, max_length=12, verbose_name="phone"),
        ),
        migrations.AlterField(
            model_name="person",
            name="id_number",
            field=dualgoal.people.models.AsciiKeyField(blank=True, max_length=12, null=True, verbose_name="citizen ID"),
        ),
        migrations.AlterField(
            model_name="person",
            name="name_folded",
            field=dualgoal.people.models.AsciiKeyField(editable=False, max_length=150),
        ),
        migrations.AlterField(
            model_name="person",
            name="phone",
            field=dualgoal.people.models.AsciiKeyField(blank=True, max_length=12, verbose_name="phone"),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(fields=("id_number",), name="person_id_number_unique"),
        ),
        migrations.RunPython(refill_tokens, migrations.RunPython.noop),
    ]
