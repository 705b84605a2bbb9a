"""levels_compute: the week's figures, refusals, storage, idempotence and the notifications of a level change."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dualgoal.core.models import Notification
from dualgoal.levels.models import CommuneLevel, Venue
from dualgoal.levels.services import levels_compute

from .conftest import PREVIOUS, WEEK

D = dt.date


def test_counts_the_cases_of_the_week_by_residence(district, coverage, cases):
    w = district
    cases(w.village_a, 16, WEEK + dt.timedelta(days=6))  # Sunday: inside the week
    cases(w.village_a, 4, WEEK)  # Monday: inside
    cases(w.village_a, 7, WEEK - dt.timedelta(days=1))  # previous Sunday: outside
    cases(w.village_b, 2, WEEK + dt.timedelta(days=7))  # next Monday: outside
    run = levels_compute(week_start=WEEK)
    a = CommuneLevel.objects.get(commune=w.commune_a, week_start=WEEK)
    b = CommuneLevel.objects.get(commune=w.commune_b, week_start=WEEK)
    assert (a.new_cases, float(a.cases_per_100k), a.level) == (20, 200.0, 4)
    assert (b.new_cases, b.level) == (0, 1)
    assert a.population_source == "unit"
    assert a.label == "Cấp 4 – Nguy cơ rất cao" and a.color == "red"
    assert float(a.share_one) == 90.0
    assert "QĐ 4800/QĐ-BYT" in a.rule_source
    assert {r["key"] for r in a.rules_used} == {"epidemic_level.thresholds", "epidemic_level.vaccination_adjustment"}
    assert run.created == 2


def test_population_falls_back_to_registered_residents(world, coverage, cases):
    cases(world.village_a, 1, WEEK)  # one resident, one case: 100,000 per 100,000
    levels_compute(week_start=WEEK)
    a = CommuneLevel.objects.get(commune=world.commune_a, week_start=WEEK)
    assert (a.population, a.population_source, a.level) == (1, "residents", 4)
    assert not CommuneLevel.objects.filter(commune=world.commune_b).exists()  # nobody registered, no population


def test_low_coverage_raises_the_level(district, coverage, cases):
    coverage({district.commune_a.pk: 0.5})
    cases(district.village_a, 5, WEEK)  # 50 per 100,000: level 3 -> 4
    levels_compute(week_start=WEEK)
    a = CommuneLevel.objects.get(commune=district.commune_a)
    assert (a.base_level, a.level) == (3, 4)
    assert any("nâng" in line.lower() or "raised" in line.lower() for line in a.reason_lines)


def test_a_week_without_rule_says_so_and_stores_nothing(district, coverage):
    with pytest.raises(ValidationError) as refused:
        levels_compute(week_start=D(2021, 7, 12))
    message = refused.value.message_dict["week_start"][0]
    assert "11/10/2021" in message
    assert "NQ 128/NQ-CP" in message
    assert not CommuneLevel.objects.exists()


def test_a_week_must_start_on_monday(district, coverage):
    with pytest.raises(ValidationError) as refused:
        levels_compute(week_start=D(2021, 10, 20))
    assert "week_start" in refused.value.message_dict
    assert not CommuneLevel.objects.exists()


def test_2022_strict_cutoff_is_applied(district, coverage, cases):
    week = D(2022, 2, 7)
    cases(district.village_a, 60, week)  # 600 per 100,000: not above 600
    levels_compute(week_start=week)
    assert CommuneLevel.objects.get(commune=district.commune_a, week_start=week).level == 3


@pytest.fixture
def audience(district):
    """Users who care about commune A: its officer, an enterprise's user, a venue operator; and commune B's officer."""
    from dualgoal.accounts.models import Membership
    from dualgoal.economy.services import enterprise_register
    from dualgoal.organisations.models import Organisation

    w = district
    officer_a = w.user("commune")
    officer_b = w.user("commune", unit=w.commune_b)
    enterprise = enterprise_register(tax_code="0101234567", name="Công ty TNHH Demo", commune=w.commune_a)
    boss = w.user("enterprise", organisation=enterprise.organisation)
    operator_org = Organisation.objects.create(code="t-golf", name="Sân golf", kind="other", admin_unit=w.commune_a)
    venue = Venue.objects.create(
        name="Sân golf A", kind="golf", commune=w.commune_a, organisation=operator_org, normal_capacity=400
    )
    operator = w.user("venue_operator", organisation=operator_org)
    assert Membership.objects.filter(user=boss, role="enterprise").exists()
    return {"officer_a": officer_a, "officer_b": officer_b, "boss": boss, "operator": operator, "venue": venue}


def test_a_level_change_notifies_commune_enterprises_and_venues(district, audience, coverage, cases):
    levels_compute(week_start=PREVIOUS)  # no cases: level 1 everywhere
    assert not Notification.objects.exists()  # no previous week to compare with
    cases(district.village_a, 6, WEEK)  # 60 per 100,000: level 3
    run = levels_compute(week_start=WEEK)
    assert [(c.old.level, c.new.level) for c in run.changes] == [(1, 3)]
    for who in ("officer_a", "boss", "operator"):
        notes = Notification.objects.filter(user=audience[who])
        assert notes.count() == 1, who
        note = notes.get()
        assert "cấp 3" in note.subject.lower() and "cấp 1" in note.subject.lower(), note.subject
    assert not Notification.objects.filter(user=audience["officer_b"]).exists()  # unchanged level: nobody
    venue_note = Notification.objects.get(user=audience["operator"])
    assert "200" in venue_note.body  # 50% of 400: the plan's ceiling and the level 3 cap
    assert "Sân golf A" in venue_note.body
    assert "Công ty TNHH Demo" in Notification.objects.get(user=audience["boss"]).body
    assert "60" in Notification.objects.get(user=audience["officer_a"]).body  # the reason: 60 per 100,000

    history_rows = CommuneLevel.history.count()
    again = levels_compute(week_start=WEEK)  # idempotent
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Notification.objects.count() == 3
    assert CommuneLevel.history.count() == history_rows


def test_a_recomputed_week_updates_and_keeps_history(district, coverage, cases):
    levels_compute(week_start=WEEK)
    row = CommuneLevel.objects.get(commune=district.commune_a)
    assert row.level == 1
    cases(district.village_a, 2, WEEK)
    run = levels_compute(week_start=WEEK)
    row.refresh_from_db()
    assert run.updated == 1 and row.level == 2
    assert row.history.count() == 2
