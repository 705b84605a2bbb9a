"""PostgreSQL: an employment's enterprise and person are checked once per statement, not once per row (core.schema)."""

from django.db import migrations

from dualgoal.core.schema import set_based_foreign_key


class Migration(migrations.Migration):
    dependencies = [
        ("economy", "0003_employment_confirmation_partial_index"),
        ("people", "0006_managing_unit_set_based_fk"),
    ]

    operations = [
        set_based_foreign_key("economy", "Employment", "enterprise"),
        set_based_foreign_key("economy", "Employment", "person"),
    ]
