"""Daily follow-up lists and checks; the risk watch (community reports, arrivals from epidemic areas)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dualgoal.core.models import Notification
from dualgoal.epidemic.models import TraceState
from dualgoal.operations import selectors, services
from dualgoal.operations.choices import ActionStatus, ListReason, OrderKind, SampleReason, Subject
from dualgoal.operations.models import OriginArea, TestSample, ViolationNote

D = dt.date


def order(person, subject, kind, start):
    return services.order_create(person=person, subject=subject, kind=kind, start_date=start)


def test_the_day_list_holds_home_self_monitoring_after_facility_and_f3(person, world):
    home = order(person("Ở nhà"), Subject.F0, OrderKind.HOME, D(2021, 7, 20))
    selfmon = order(person("Tự theo dõi"), Subject.F3, OrderKind.SELF_MONITORING, D(2021, 7, 20))
    facility = order(person("Sau khu cách ly"), Subject.F1, OrderKind.FACILITY, D(2021, 7, 1))
    for sample in facility.samples.all():
        services.sample_result_record(sample=sample, result="negative", result_on=sample.taken_on)
    services.order_release(order=facility, released_on=facility.planned_end)
    still_inside = order(person("Trong khu"), Subject.F1, OrderKind.FACILITY, D(2021, 7, 20))
    elsewhere = order(person("Xã khác", village=world.village_b), Subject.F0, OrderKind.HOME, D(2021, 7, 20))
    f3 = person("F3 truy vết")  # levels written directly (as tracing would) after the last re-levelling
    TraceState.objects.create(person=f3, level=3, exposed_on=D(2021, 7, 18))
    old_f3 = person("F3 cũ")
    TraceState.objects.create(person=old_f3, level=3, exposed_on=D(2021, 6, 1))

    rows = {row.person_id: row for row in selectors.followup_list(world.commune_a, D(2021, 7, 22))}
    assert rows[home.person_id].reason == ListReason.HOME
    assert rows[selfmon.person_id].reason == ListReason.SELF_MONITORING
    assert rows[facility.person_id].reason == ListReason.AFTER_FACILITY
    assert rows[f3.pk].reason == ListReason.F3 and rows[f3.pk].order_id is None
    assert still_inside.person_id not in rows and old_f3.pk not in rows and elsewhere.person_id not in rows
    assert rows[home.person_id].commune == world.commune_a.name

    services.followup_record(person=home.person, day=D(2021, 7, 22), outcome="well", temperature=Decimal("36.6"))
    rows = {row.person_id: row for row in selectors.followup_list(world.village_a, D(2021, 7, 22))}
    assert rows[home.person_id].outcome == "well" and rows[f3.pk].outcome == ""


def test_a_symptom_or_fever_requests_a_test_once(person, world):
    someone = person()
    order(someone, Subject.F0, OrderKind.HOME, D(2021, 7, 20))
    world.user("commune")
    with pytest.raises(ValidationError) as caught:
        services.followup_record(person=someone, day=D(2021, 7, 21), outcome="well", temperature=Decimal("38.2"))
    assert "outcome" in caught.value.message_dict
    followup = services.followup_record(
        person=someone, day=D(2021, 7, 21), outcome="symptoms", temperature=Decimal("38.2")
    )
    assert followup.symptoms == ["fever"]
    request = followup.test_sample
    assert request.reason == SampleReason.SYMPTOMS and not request.collected and request.result == "pending"
    again = services.followup_record(person=someone, day=D(2021, 7, 22), outcome="symptoms", symptoms=["cough"])
    assert again.test_sample == request
    assert TestSample.objects.filter(reason=SampleReason.SYMPTOMS).count() == 1
    assert Notification.objects.filter(subject__contains=str(someone)).exists()


def test_a_breach_becomes_a_violation_note(person):
    someone = person()
    order(someone, Subject.F0, OrderKind.HOME, D(2021, 7, 20))
    with pytest.raises(ValidationError):
        services.followup_record(person=someone, day=D(2021, 7, 21), outcome="well", violation="Ra chợ")
    followup = services.followup_record(
        person=someone, day=D(2021, 7, 21), outcome="breach", violation="Ra chợ Nội Hoàng lúc 7 giờ"
    )
    note = ViolationNote.objects.get()
    assert note.followup == followup and note.order == followup.order and "chợ" in note.description


def test_a_follow_up_in_the_future_is_refused(person):
    with pytest.raises(ValidationError) as caught:
        services.followup_record(person=person(), day=D(2021, 8, 21), outcome="well")
    assert "day" in caught.value.message_dict


def test_community_report_requests_a_test_and_closes_with_its_result(person, world):
    someone = person()
    with pytest.raises(ValidationError) as caught:
        services.community_report_record(
            unit=world.village_a, reported_on=D(2021, 7, 20), symptoms=["sore_throat"], person=someone
        )
    assert "symptoms" in caught.value.message_dict
    report = services.community_report_record(
        unit=world.village_a, reported_on=D(2021, 7, 20), symptoms=["cough", "fever"], person=someone
    )
    assert "RT-PCR" in report.required_action and report.follow_up_on == D(2021, 7, 21)
    sample = report.test_sample
    assert sample.reason == SampleReason.COMMUNITY and not sample.collected
    services.sample_result_record(sample=sample, result="negative", result_on=D(2021, 7, 21))
    report.refresh_from_db()
    assert report.status == ActionStatus.DONE and report.outcome_note
    unknown = services.community_report_record(
        unit=world.village_a, reported_on=D(2021, 7, 20), symptoms=["breathlessness"], description="Nhà bà Tư, xóm 3"
    )
    assert unknown.test_sample is None and unknown.status == ActionStatus.PENDING


def test_an_arrival_from_luc_ngan_in_june_2021_gets_the_rule_s_action(person, world):
    luc_ngan = OriginArea.objects.create(
        name="Huyện Lục Ngạn", risk_level="very_high", valid_from=D(2021, 6, 1), valid_to=D(2021, 6, 30)
    )
    traveller = person("Người từ Lục Ngạn")
    with pytest.raises(ValidationError) as caught:
        services.arrival_record(person=traveller, origin_area=luc_ngan, arrived_on=D(2021, 7, 5))
    assert "origin_area" in caught.value.message_dict
    arrival = services.arrival_record(
        person=traveller, origin_area=luc_ngan, arrived_on=D(2021, 6, 12), left_area_on=D(2021, 6, 11)
    )
    assert arrival.required_kind == OrderKind.FACILITY and arrival.test_required
    assert "phong tỏa" in arrival.required_action
    services.arrival_apply(arrival=arrival)
    arrival.refresh_from_db()
    assert arrival.status == ActionStatus.DONE
    assert arrival.order.kind == OrderKind.FACILITY and arrival.order.planned_end == D(2021, 7, 2)  # 21 days
    assert arrival.test_sample.taken_on == D(2021, 6, 12)

    medium = OriginArea.objects.create(name="TP. Bắc Ninh", risk_level="medium", valid_from=D(2021, 6, 1))
    other = services.arrival_record(person=person(), origin_area=medium, arrived_on=D(2021, 7, 16))
    services.arrival_apply(arrival=other)
    other.refresh_from_db()
    assert other.order.kind == OrderKind.SELF_MONITORING and other.order.planned_end == D(2021, 7, 29)


def test_dashboard_counts(person, world, facility):
    user = world.user("department", unit=world.district)
    inside = order(person(), Subject.F1, OrderKind.FACILITY, D(2021, 8, 6))
    services.admission_create(order=inside, room=facility.rooms.get(code="P102"), admitted_on=D(2021, 8, 6))
    order(person(), Subject.F0, OrderKind.HOME, D(2021, 8, 10))
    pool = services.pool_create(code="G9", taken_on=D(2021, 8, 15), area=world.commune_a, members=[person(), person()])
    services.pool_result_record(pool=pool, result="positive", result_on=D(2021, 8, 16))
    data = selectors.dashboard(user, D(2021, 8, 20))
    assert data["commune_totals"]["total"] == 2
    assert [row["occupied"] for row in data["occupancy"]] == [1]
    assert data["pools"]["positive"] == 1 and data["pools"]["percent"] == 100.0
    # due on or before 20/8 and not taken: the order's tests of 6/8, 12/8 and 19/8, the two retests of 16/8
    assert data["tests_due_today"] == 0 and data["tests_overdue"] == 5
    assert data["followups"][0]["pending"] == 1


def test_turnaround_from_sample_to_result(person, world, settings):
    settings.DUALGOAL_TODAY = "2021-08-31"
    user = world.user("department", unit=world.district)
    for taken, resulted, lab in ((10, 11, "TTYT"), (10, 12, "TTYT"), (12, 16, "CDC Bắc Giang")):
        sample = services.sample_record(person=person(), taken_on=D(2021, 8, taken), lab=lab)
        services.sample_result_record(sample=sample, result="negative", result_on=D(2021, 8, resulted))
    data = selectors.turnaround(user, D(2021, 8, 20))
    assert (data["count"], data["median"], data["p90"]) == (3, 2, 4)
    assert data["by_lab"][0] == {"lab": "TTYT", "count": 2, "median": 1.5}
    assert selectors.turnaround(user, D(2021, 9, 30))["count"] == 0  # older than the window
