"""PostgreSQL: a person's managing unit is checked once per statement, not once per row (core.schema)."""

from django.db import migrations

from dualgoal.core.schema import set_based_foreign_key


class Migration(migrations.Migration):
    dependencies = [("people", "0005_name_tokens_keyed_c_collation")]

    operations = [set_based_foreign_key("people", "Person", "managing_unit")]
