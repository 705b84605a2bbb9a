"""Cleaning as the commune sees it: what is due and overdue on 15/07/2021, homes of cases still to clean,
medical waste by week, the refusals (nothing saved), and the scope."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from dualgoal.cleaning import selectors, services
from dualgoal.cleaning.models import CleaningPlan, WasteCollection

D = dt.date
DAY = D(2021, 7, 15)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_overdue_is_computed_as_of_today(market, world):
    late = market(scheduled_on=D(2021, 7, 14))
    today_plan = market(scheduled_on=DAY)
    running = market(scheduled_on=D(2021, 7, 13), scheduled_until=D(2021, 7, 16))
    done = market(scheduled_on=D(2021, 7, 12))
    services.cleaning_mark_done(plan=done, done_on=D(2021, 7, 12), done_by="Tổ Covid cộng đồng")
    assert late.is_overdue(DAY) and not today_plan.is_overdue(DAY) and not running.is_overdue(DAY)
    user = world.user("commune")
    assert set(selectors.plans_overdue(user, DAY)) == {late}
    assert set(selectors.plans_due(user, DAY)) == {today_plan, running}
    html = _client(user).get(reverse("cleaning:dashboard")).content.decode()
    assert 'data-testid="overdue-count">1<' in html
    assert 'data-testid="due-count">2<' in html
    assert 'data-testid="done-week-count">1<' in html
    assert "Quá hạn" in html  # Vietnamese


def test_done_may_be_earlier_than_scheduled_but_not_in_the_future(market):
    plan = market(scheduled_on=D(2021, 7, 20))
    with pytest.raises(ValidationError) as refusal:
        services.cleaning_mark_done(plan=plan, done_on=D(2021, 7, 16), done_by="Tổ Covid")
    assert "done_on" in refusal.value.message_dict
    plan.refresh_from_db()
    assert plan.status == "scheduled" and plan.done_on is None
    early = services.cleaning_mark_done(plan=plan, done_on=D(2021, 7, 14), done_by="Tổ Covid")
    assert early.status == "done"


def test_cases_without_a_cleaning_plan_per_commune(case, world):
    planned, waiting, cancelled = case(), case(), case()
    other_commune = case(village=world.village_b)
    old = case(sample_date=D(2021, 5, 1))
    services.cleaning_plan_create(target_kind="case_home", case=planned, in_charge="Tổ Covid", scheduled_on=DAY)
    plan = services.cleaning_plan_create(
        target_kind="case_home", case=cancelled, in_charge="Tổ Covid", scheduled_on=DAY
    )
    services.cleaning_cancel(plan=plan, reason="Gia đình đã tự phun khử khuẩn, lập lại kế hoạch sau")
    user = world.user("commune")
    listed = set(selectors.cases_without_cleaning(user, DAY))
    assert listed == {waiting, cancelled}
    assert other_commune not in listed and old not in listed
    html = _client(user).get(reverse("cleaning:dashboard")).content.decode()
    listing = html.split('data-testid="cases-without"')[1].split("</ul>")[0]
    assert waiting.code in listing and planned.code not in listing
    assert f"?case={waiting.pk}" in html


def test_the_commune_comes_from_the_case_the_boarding_house_or_the_zone(case, world):
    from dualgoal.economy.models import BoardingHouse
    from dualgoal.zones.models import Zone

    plan = services.cleaning_plan_create(
        target_kind="case_home", case=case(village=world.village_b), in_charge="Tổ Covid", scheduled_on=DAY
    )
    assert plan.commune == world.commune_b
    house = BoardingHouse.objects.create(
        name="Nhà trọ Hưng Thịnh", owner_name="Ông Hưng", address="Thôn Đông", village=world.village_a, rooms=12
    )
    plan = services.cleaning_plan_create(
        target_kind="boarding_house", boarding_house=house, in_charge="Tổ Covid", scheduled_on=DAY
    )
    assert plan.commune == world.commune_a and plan.target_name == "Nhà trọ Hưng Thịnh"
    zone = Zone.objects.create(
        name="Vùng phong tỏa thôn Tây",
        kind="lockdown",
        directive=16,
        unit=world.district,
        decision_number="1/QĐ-UBND",
        issued_on=D(2021, 7, 1),
        start_date=D(2021, 7, 1),
        planned_end=D(2021, 7, 21),
    )
    zone.units.add(world.village_b)
    plan = services.cleaning_plan_create(target_kind="zone", zone=zone, in_charge="Quân sự huyện", scheduled_on=DAY)
    assert plan.commune == world.commune_b and plan.zone == zone


def test_refusals_name_the_field_and_save_nothing(world):
    with pytest.raises(ValidationError) as refusal:
        services.cleaning_plan_create(target_kind="market", in_charge="", scheduled_on=DAY)
    assert {"place_name", "address", "in_charge"} <= set(refusal.value.message_dict)
    with pytest.raises(ValidationError) as refusal:
        services.cleaning_plan_create(
            target_kind="market",
            place_name="Chợ",
            address="Thôn",
            commune=world.commune_a,
            in_charge="Tổ",
            scheduled_on=DAY,
            scheduled_until=D(2021, 7, 10),
        )
    assert "scheduled_until" in refusal.value.message_dict
    with pytest.raises(ValidationError) as refusal:
        services.waste_collection_record(
            source_kind="other",
            place="Điểm tập kết",
            commune=world.commune_a,
            collected_on=DAY,
            weight_kg=Decimal(0),
            collector="TTYT",
            destination="Lò đốt",
        )
    assert "weight_kg" in refusal.value.message_dict
    assert not CleaningPlan.objects.exists() and not WasteCollection.objects.exists()


def test_waste_from_a_facility_takes_its_commune_and_counts_by_week(world):
    from dualgoal.operations.models import QuarantineFacility

    facility = QuarantineFacility.objects.create(name="Khu cách ly THCS", commune=world.commune_b, capacity=40)
    for day, kg in ((D(2021, 7, 12), "20.5"), (D(2021, 7, 14), "10"), (D(2021, 7, 6), "7")):
        collection = services.waste_collection_record(
            source_kind="facility",
            facility=facility,
            collected_on=day,
            weight_kg=Decimal(kg),
            collector="TTYT huyện",
            destination="Lò đốt TTYT huyện",
        )
    assert collection.commune == world.commune_b
    weeks = selectors.waste_by_week(world.user("commune", unit=world.commune_b), DAY)
    assert weeks[-1]["start"] == D(2021, 7, 12) and weeks[-1]["kg"] == Decimal("30.5")
    assert weeks[-2]["kg"] == Decimal("7")
    assert selectors.waste_by_week(world.user("commune"), DAY)[-1]["kg"] == 0  # commune A sees none


def test_forms_roles_and_scope(market, world):
    team = _client(world.user("community_team"))
    response = team.post(
        reverse("cleaning:plan_create"),
        {
            "target_kind": "public_place",
            "place_name": "Nhà văn hóa thôn Đông",
            "address": "Thôn Đông",
            "commune": world.commune_a.pk,
            "method": "chloramine_spray",
            "in_charge": "Tổ Covid cộng đồng thôn Đông",
            "scheduled_on": "16/07/2021",
        },
    )
    assert response.status_code == 302
    plan = CleaningPlan.objects.get()
    refused = team.post(reverse("cleaning:plan_done", args=[plan.pk]), {"done_on": "20/07/2021", "done_by": "Tổ"})
    assert refused.status_code == 200 and "Ngày 20/07/2021 chưa đến" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.status == "scheduled"
    leader = _client(world.user("leader", unit=world.district, organisation=world.district_body))
    assert leader.get(plan.get_absolute_url()).status_code == 200
    assert leader.get(reverse("cleaning:plan_create")).status_code == 403
    other = _client(world.user("commune", unit=world.commune_b))
    assert other.get(plan.get_absolute_url()).status_code == 404
    assert other.get(reverse("cleaning:plan_done", args=[plan.pk])).status_code == 404
    assert other.get("/api/v1/cleaning-plans/").json()["count"] == 0
    assert team.get("/api/v1/cleaning-plans/").json()["count"] == 1


def test_every_screen_opens(market, case, world):
    client = _client(world.user("commune"))
    plan = market()
    waiting = case()
    for url in (
        reverse("cleaning:dashboard"),
        reverse("cleaning:cleaningplan_list") + "?state=overdue",
        reverse("cleaning:plan_create") + f"?case={waiting.pk}",
        reverse("cleaning:plan_reschedule", args=[plan.pk]),
        reverse("cleaning:plan_done", args=[plan.pk]),
        reverse("cleaning:plan_cancel", args=[plan.pk]),
        reverse("cleaning:cleaningplan_history", args=[plan.pk]),
        reverse("cleaning:wastecollection_list"),
        reverse("cleaning:waste_create"),
    ):
        assert client.get(url).status_code == 200, url
