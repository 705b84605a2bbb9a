"""The CLI, the weekly task, and the demo loader (labelled demo rules, differing levels, idempotent)."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dualgoal.levels.models import CommuneLevel

from .conftest import WEEK


def test_cli_computes_the_week_of_a_day_as_json(district, coverage, cases):
    cases(district.village_a, 3, WEEK + dt.timedelta(days=2))
    out = StringIO()
    call_command("compute_levels", "--week", "2021-10-21", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["week_start"] == "2021-10-18"
    by_code = {row["code"]: row for row in data["communes"]}
    assert by_code["07708"]["level"] == 2 and by_code["07708"]["new_cases"] == 3
    assert by_code["07729"]["level"] == 1


def test_cli_refuses_a_week_without_rule(district, coverage):
    with pytest.raises(CommandError, match="11/10/2021"):
        call_command("compute_levels", "--week", "2021-07-15", stdout=StringIO())
    assert not CommuneLevel.objects.exists()


def test_weekly_task_computes_the_last_complete_week_and_says_when_refused(district, coverage):
    from dualgoal.levels.tasks import compute_levels_task, next_monday_morning

    result = compute_levels_task.call()  # today 20/10/2021: the week of 11/10/2021
    assert result["week_start"] == "2021-10-11" and result["created"] == 2
    refused = compute_levels_task.call(week="2021-07-12")
    assert "11/10/2021" in refused["refused"]
    from django.utils import timezone

    monday = next_monday_morning(timezone.make_aware(dt.datetime(2021, 10, 20, 9, 0)))
    assert (monday.date(), monday.hour) == (dt.date(2021, 10, 25), 6)


@pytest.mark.django_db(transaction=False)
def test_demo_loader_labels_its_rules_and_shows_differing_levels(yen_dung, settings):
    from dualgoal.core.demo import LOADERS
    from dualgoal.core.models import Rule
    from dualgoal.levels.demo import DEMO_SOURCE, load_levels

    settings.DUALGOAL_TODAY = "2021-07-15"
    for loader in sorted(LOADERS, key=lambda item: item.order):
        if loader.order in (20, 50, 70):  # villages, demo users, the demo outbreak
            loader.load()
    load_levels()
    demo_rules = Rule.objects.filter(source=DEMO_SOURCE)
    assert demo_rules.count() == 3
    assert set(demo_rules.values_list("confidence", flat=True)) == {"demo"}
    assert all(r.valid_to < dt.date(2021, 10, 12) for r in demo_rules)
    peak = dict(CommuneLevel.objects.filter(week_start=dt.date(2021, 5, 24)).values_list("commune__code", "level"))
    assert len(peak) == 18
    assert peak["07708"] == 4 and peak["07729"] == 1
    rows, history = CommuneLevel.objects.count(), CommuneLevel.history.count()
    load_levels()  # idempotent
    assert (CommuneLevel.objects.count(), CommuneLevel.history.count()) == (rows, history)
    from dualgoal.levels.models import Venue

    golf = Venue.objects.get(kind="golf")
    assert golf.opens_on == dt.date(2021, 7, 1)
