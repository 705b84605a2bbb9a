import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dualgoal.core.models import Rule
from dualgoal.core.rulebook import RuleNotFound, rule, rule_add_version, rules_load

D = dt.date


@pytest.fixture
def seeded(db):
    rules_load()


def test_seed_rules_follow_the_dates_of_domain_md(seeded):
    # F1 centralized quarantine: 14 days until 04/5/2021, 21 from 05/5/2021, 14 again from 14/7/2021.
    assert rule("quarantine.f1.facility_days", on=D(2021, 5, 4)).value == 14
    assert rule("quarantine.f1.facility_days", on=D(2021, 5, 5)).value == 21
    assert rule("quarantine.f1.facility_days", on=D(2021, 7, 13)).value == 21
    in_july = rule("quarantine.f1.facility_days", on=D(2021, 7, 14))
    assert in_july.value == 14
    assert "5599" in in_july.source


def test_seed_rules_include_the_seed_plans_own_rules(seeded):
    on = D(2021, 7, 1)
    assert rule("venue.capacity_max_percent", on=on).value == 50
    assert rule("plan.subplan_due", on=on).value == "2021-06-30"
    assert rule("golf.reopen_date", on=on).value == "2021-07-01"
    assert rule("boarding_house.one_enterprise_all_rooms", on=on).value
    assert rule("tracing.max_level", on=on).value == 3


def test_unverified_values_say_so_in_their_source(seeded):
    for row in Rule.objects.filter(confidence="unverified"):
        assert "chưa kiểm chứng" in row.source or row.note, row.key


@pytest.fixture
def two_versions(db):
    rule_add_version(key="k", value=1, valid_from=D(2021, 1, 1), valid_to=D(2021, 6, 30), source="A")
    rule_add_version(key="k", value=2, valid_from=D(2021, 7, 1), valid_to=None, source="B")


@pytest.mark.parametrize(
    ("day", "value", "source"),
    [(D(2021, 1, 1), 1, "A"), (D(2021, 6, 30), 1, "A"), (D(2021, 7, 1), 2, "B"), (D(2030, 1, 1), 2, "B")],
)
def test_boundary_dates_are_inclusive(two_versions, day, value, source):
    found = rule("k", on=day)
    assert (found.value, found.source) == (value, source)


def test_no_version_before_the_first(two_versions):
    with pytest.raises(RuleNotFound):
        rule("k", on=D(2020, 12, 31))


@pytest.mark.parametrize(
    ("start", "end"),
    [(D(2021, 6, 30), D(2021, 6, 30)), (D(2020, 1, 1), D(2021, 1, 1)), (D(2022, 1, 1), None), (D(2020, 1, 1), None)],
)
def test_overlapping_versions_are_refused(two_versions, start, end):
    with pytest.raises(ValidationError) as error:
        rule_add_version(key="k", value=3, valid_from=start, valid_to=end, source="C")
    assert "valid_from" in error.value.message_dict
    assert Rule.objects.filter(key="k").count() == 2


def test_adjacent_version_is_accepted(db):
    rule_add_version(key="k", value=1, valid_from=D(2021, 1, 1), valid_to=D(2021, 6, 30), source="A")
    rule_add_version(key="k", value=2, valid_from=D(2021, 7, 1), valid_to=D(2021, 12, 31), source="B")
    assert rule("k", on=D(2021, 12, 31)).value == 2


def test_end_before_start_is_refused(db):
    with pytest.raises(ValidationError):
        rule_add_version(key="k", value=1, valid_from=D(2021, 2, 1), valid_to=D(2021, 1, 1), source="A")


def test_screen_adds_a_version_and_refuses_overlap_in_vietnamese(two_versions, world, client):
    client.force_login(world.user("coordinator", unit=world.district, organisation=world.district_body))
    url = reverse("core:rule_add")
    form = {"key": "k", "value": "7", "valid_from": "01/01/2021", "source": "X", "confidence": "verified"}
    response = client.post(url, form)
    assert response.status_code == 200
    assert "trùng với phiên bản có hiệu lực từ 01/01/2021" in response.content.decode()
    assert Rule.objects.filter(key="k").count() == 2

    response = client.post(url, {**form, "key": "new.key", "value": "{bad json"})
    assert "JSON" in response.content.decode()
    assert not Rule.objects.filter(key="new.key").exists()

    response = client.post(url, {**form, "key": "new.key", "value": "[1, 7, 14]"})
    assert response.status_code == 302
    assert Rule.objects.get(key="new.key").value == [1, 7, 14]


def test_only_permitted_roles_may_add_versions(world, client):
    client.force_login(world.user("commune"))
    assert client.get(reverse("core:rule_add")).status_code == 403


def test_api_answers_the_version_in_force(two_versions, world, client):
    client.force_login(world.user("commune"))
    url = reverse("api:rule-in-force")
    assert client.get(url, {"key": "k", "on": "2021-07-01"}).json()["source"] == "B"
    assert client.get(url, {"key": "k", "on": "2020-01-01"}).status_code == 404
    assert client.get(url, {"key": "k", "on": "01/07/2021"}).status_code == 400


def test_a_new_text_can_close_the_version_in_force(two_versions):
    rule_add_version(key="k", value=3, valid_from=D(2022, 3, 1), valid_to=None, source="C", close_current=True)
    assert rule("k", on=D(2022, 2, 28)).value == 2
    assert rule("k", on=D(2022, 3, 1)).value == 3
    assert Rule.objects.get(key="k", source="B").valid_to == D(2022, 2, 28)


def test_closing_does_not_hide_a_clash_with_a_later_version(two_versions):
    with pytest.raises(ValidationError):
        rule_add_version(key="k", value=3, valid_from=D(2021, 3, 1), valid_to=None, source="C", close_current=True)
    assert Rule.objects.get(key="k", source="A").valid_to == D(2021, 6, 30)  # rolled back, nothing half-written
