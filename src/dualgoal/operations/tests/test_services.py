"""Operations services: dates from the rule in force on the start day, admissions, testing and pools, release."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dualgoal.epidemic import services as epidemic_services
from dualgoal.epidemic.models import Case, Contact, QuarantineStart, TraceState
from dualgoal.operations import certificate, services
from dualgoal.operations.choices import OrderKind, OrderStatus, SampleResult, Subject, WarningSign
from dualgoal.operations.models import Admission, IncidentReview, Pool, QuarantineOrder, TestSample

D = dt.date


def f1(person, start, kind=OrderKind.FACILITY, **kwargs):
    return services.order_create(person=person, subject=Subject.F1, kind=kind, start_date=start, **kwargs)


def negative_all_tests(order, on=None):
    for sample in order.samples.filter(result=SampleResult.PENDING).order_by("taken_on"):
        services.sample_result_record(sample=sample, result="negative", result_on=on or sample.taken_on)


def test_a_start_on_10_july_runs_21_days_and_one_on_14_july_14_plus_14(person):
    before = f1(person("Trước"), D(2021, 7, 10))
    assert before.planned_end == D(2021, 7, 30)  # day 21
    assert before.monitoring_end == D(2021, 8, 6)  # then 7 days at home
    assert before.test_days == [1, 7, 14, 20]
    assert [s.taken_on for s in before.samples.order_by("taken_on")] == [
        D(2021, 7, 10),
        D(2021, 7, 16),
        D(2021, 7, 23),
        D(2021, 7, 29),
    ]
    assert "21" in before.rule_note and "05/05/2021" in before.rule_note

    after = f1(person("Sau"), D(2021, 7, 14))
    assert after.planned_end == D(2021, 7, 27)  # day 14
    assert after.monitoring_end == D(2021, 8, 10)  # then 14 days at home
    assert after.test_days == [1, 7, 14]
    assert "CV 5599/BYT-MT" in after.rule_note
    # tracing knows: the person passes no exposure on from the start date
    assert QuarantineStart.objects.get(person=after.person).start_date == D(2021, 7, 14)
    assert after.quarantine_start is not None


def test_before_5_may_the_14_day_rule_applies(person):
    order = f1(person(), D(2021, 5, 1))
    assert order.planned_end == D(2021, 5, 14)
    assert order.monitoring_end is None


def test_a_second_order_while_one_is_in_force_is_refused(person):
    someone = person()
    f1(someone, D(2021, 7, 14))
    with pytest.raises(ValidationError) as caught:
        f1(someone, D(2021, 7, 15))
    assert "person" in caught.value.message_dict


def test_a_child_under_5_stays_home_with_a_carer(person):
    child = person("Bé An", birth_date=D(2018, 3, 1))
    with pytest.raises(ValidationError) as caught:
        f1(child, D(2021, 7, 14))
    assert "kind" in caught.value.message_dict
    assert "CV 897/BYT-MT" in caught.value.message_dict["kind"][0]
    with pytest.raises(ValidationError) as caught:
        f1(child, D(2021, 7, 14), kind=OrderKind.HOME)
    assert "carer" in caught.value.message_dict
    assert not QuarantineOrder.objects.exists() and not QuarantineStart.objects.exists()
    order = f1(child, D(2021, 7, 14), kind=OrderKind.HOME, carer=person("Mẹ bé An", birth_year=1990))
    assert order.planned_end == D(2021, 7, 27)
    assert order.warning_sign == WarningSign.TO_POST
    services.warning_sign_set(order=order, status=WarningSign.POSTED, on=D(2021, 7, 14))
    order.refresh_from_db()
    assert order.warning_sign == WarningSign.POSTED


def test_a_child_of_10_has_7_days_in_the_facility_then_home(person):
    order = f1(person(birth_date=D(2011, 1, 1)), D(2021, 7, 14))
    assert order.planned_end == D(2021, 7, 20)
    assert order.monitoring_end == D(2021, 7, 27)
    assert order.test_days == [1, 3, 7]


def test_f0_after_treatment_and_f3(person):
    f0 = services.order_create(person=person(), subject=Subject.F0, kind=OrderKind.HOME, start_date=D(2021, 7, 20))
    assert f0.planned_end == D(2021, 8, 2)
    with pytest.raises(ValidationError):
        services.order_create(person=person(), subject=Subject.F0, kind=OrderKind.FACILITY, start_date=D(2021, 7, 20))
    f3 = services.order_create(
        person=person(), subject=Subject.F3, kind=OrderKind.SELF_MONITORING, start_date=D(2021, 7, 20)
    )
    assert f3.planned_end == D(2021, 8, 2)


def test_admission_over_capacity_is_refused_and_nothing_saved(person, facility):
    room = facility.rooms.get(code="P101")
    for name in ("A", "B"):
        order = f1(person(name), D(2021, 7, 14), cluster="BN100")
        services.admission_create(order=order, room=room, admitted_on=D(2021, 7, 14))
    third = f1(person("C"), D(2021, 7, 14), cluster="BN100")
    with pytest.raises(ValidationError) as caught:
        services.admission_create(order=third, room=room, admitted_on=D(2021, 7, 14))
    message = caught.value.message_dict["room"][0]
    assert "P101" in message and "2" in message
    assert Admission.objects.count() == 2
    third.refresh_from_db()
    assert third.facility is None


def test_discharge_before_admission_is_refused(person, facility):
    order = f1(person(), D(2021, 7, 14))
    admission = services.admission_create(order=order, room=facility.rooms.first(), admitted_on=D(2021, 7, 15))
    with pytest.raises(ValidationError) as caught:
        services.admission_discharge(admission=admission, discharged_on=D(2021, 7, 14))
    assert "discharged_on" in caught.value.message_dict
    admission.refresh_from_db()
    assert admission.discharged_on is None
    with pytest.raises(ValidationError) as caught:
        services.admission_create(
            order=f1(person(), D(2021, 7, 14)), room=facility.rooms.first(), admitted_on=D(2021, 7, 13)
        )
    assert "admitted_on" in caught.value.message_dict


def test_cohorts_are_kept_apart_unless_a_manager_overrides(person, facility, world):
    room = facility.rooms.get(code="P102")
    first = f1(person(), D(2021, 7, 14), cluster="BN100", exposed_on=D(2021, 7, 12))
    services.admission_create(order=first, room=room, admitted_on=D(2021, 7, 14))
    other_cluster = f1(person(), D(2021, 7, 14), cluster="BN200", exposed_on=D(2021, 7, 12))
    with pytest.raises(ValidationError) as caught:
        services.admission_create(order=other_cluster, room=room, admitted_on=D(2021, 7, 14))
    assert "BN200" in caught.value.message_dict["room"][0]
    far_apart = f1(person(), D(2021, 7, 18), cluster="BN100", exposed_on=D(2021, 7, 17))
    with pytest.raises(ValidationError) as caught:
        services.admission_create(order=far_apart, room=room, admitted_on=D(2021, 7, 18))
    assert "quarantine.cohort" not in caught.value.message_dict["room"][0]  # cites the source, not the key
    assert "QĐ 878/QĐ-BYT" in caught.value.message_dict["room"][0]

    proposal = services.room_proposal(order=other_cluster, facility=facility, on=D(2021, 7, 14))
    assert proposal[0].suitable and proposal[0].room.code != "P102"
    same = services.room_proposal(
        order=f1(person(), D(2021, 7, 14), cluster="BN100"), facility=facility, on=D(2021, 7, 14)
    )
    assert same[0].room.code == "P102"  # fill the cohort's room first

    manager = world.user("facility_manager")
    admission = services.admission_create(
        order=other_cluster, room=room, admitted_on=D(2021, 7, 14), override_reason="Hết phòng", overridden_by=manager
    )
    assert admission.override_reason == "Hết phòng" and admission.overridden_by == manager


def test_an_f0_found_in_a_facility_opens_a_review_and_relevels_room_mates(person, facility):
    room = facility.rooms.get(code="P102")
    a, b = person("Nguyễn Văn A"), person("Trần Thị B")
    order_a = f1(a, D(2021, 7, 14), cluster="BN100")
    order_b = f1(b, D(2021, 7, 14), cluster="BN100")
    for order in (order_a, order_b):
        services.admission_create(order=order, room=room, admitted_on=D(2021, 7, 14))
    sample = order_a.samples.get(taken_on=D(2021, 7, 20))
    services.sample_collect(sample=sample, taken_on=D(2021, 7, 20))
    services.sample_result_record(sample=sample, result="positive", result_on=D(2021, 7, 21), ct_value=Decimal("22.5"))

    case = Case.objects.get(person=a)
    assert case.sample_date == D(2021, 7, 20)
    order_a.refresh_from_db()
    assert order_a.status == OrderStatus.BECAME_CASE
    assert order_a.admissions.get().discharged_on == D(2021, 7, 21)
    review = IncidentReview.objects.get()
    assert review.person == a and review.room == room and review.room_contacts == 1
    assert Contact.objects.filter(person_a=a, person_b=b, date=D(2021, 7, 20)).exists()
    assert TraceState.objects.get(person=a).level == 0
    assert TraceState.objects.get(person=b).level == 1
    order_b.refresh_from_db()
    assert order_b.planned_end == D(2021, 8, 2)  # 14 days counted again from 20/7
    assert "20/07/2021" in order_b.extension_note


def test_a_sample_dated_before_the_order_is_refused(person):
    someone = person()
    f1(someone, D(2021, 7, 14))
    with pytest.raises(ValidationError) as caught:
        services.sample_record(person=someone, taken_on=D(2021, 7, 13))
    assert "taken_on" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.pool_create(
            code="G1", taken_on=D(2021, 7, 13), area=someone.residence_unit.parent, members=[someone, person()]
        )
    assert not TestSample.objects.filter(collected=True).exists() and not Pool.objects.exists()


def test_pool_size_follows_the_area_risk(person, world):
    members = [person() for _ in range(6)]
    with pytest.raises(ValidationError) as caught:
        services.pool_create(
            code="G-HIGH", taken_on=D(2021, 7, 20), area=world.commune_a, members=members, risk_level="high"
        )
    assert "5" in caught.value.message_dict["members"][0]
    pool = services.pool_create(code="G-LOW", taken_on=D(2021, 7, 20), area=world.commune_a, members=members)
    assert pool.samples.count() == 6


def test_positive_pool_retests_each_member_and_negative_clears_all(person, world):
    members = [person() for _ in range(4)]
    orders = [f1(m, D(2021, 7, 14)) for m in members]
    pool = services.pool_create(code="G2", taken_on=D(2021, 7, 20), area=world.commune_a, members=members)
    # the scheduled day-7 tests were taken in the pool
    assert pool.samples.filter(reason="scheduled").count() == 4
    retests = services.pool_result_record(pool=pool, result="positive", result_on=D(2021, 7, 21))
    assert sorted(r.person_id for r in retests) == sorted(m.pk for m in members)
    assert all(not r.collected and r.result == SampleResult.PENDING and r.order in orders for r in retests)
    assert set(pool.samples.values_list("result", flat=True)) == {SampleResult.POOL_POSITIVE}
    with pytest.raises(ValidationError):
        services.pool_result_record(pool=pool, result="negative", result_on=D(2021, 7, 21))
    services.sample_result_record(sample=retests[0], result="positive", result_on=D(2021, 7, 22), case_code="BN17001")
    assert Case.objects.get(code="BN17001").person_id == retests[0].person_id

    clean = services.pool_create(code="G3", taken_on=D(2021, 7, 20), area=world.commune_a, members=[person(), person()])
    assert services.pool_result_record(pool=clean, result="negative", result_on=D(2021, 7, 21)) == []
    assert set(clean.samples.values_list("result", flat=True)) == {SampleResult.NEGATIVE}


def test_an_f2_ends_with_the_f1s_negative_result_or_becomes_an_f1(person):
    f1_person, f2_person, other_f1, other_f2 = person(), person(), person(), person()
    f1(f1_person, D(2021, 7, 14))
    f2 = services.order_create(
        person=f2_person, subject=Subject.F2, kind=OrderKind.HOME, start_date=D(2021, 7, 15), source_person=f1_person
    )
    assert f2.planned_end is None
    first = f1_person.test_samples.order_by("taken_on").first()
    services.sample_result_record(sample=first, result="negative", result_on=D(2021, 7, 15))
    f2.refresh_from_db()
    assert f2.status == OrderStatus.ENDED_EARLY and f2.released_on == D(2021, 7, 15)

    f1(other_f1, D(2021, 7, 14))
    f2b = services.order_create(
        person=other_f2, subject=Subject.F2, kind=OrderKind.HOME, start_date=D(2021, 7, 15), source_person=other_f1
    )
    first = other_f1.test_samples.order_by("taken_on").first()
    services.sample_result_record(sample=first, result="positive", result_on=D(2021, 7, 15))
    f2b.refresh_from_db()
    assert f2b.subject == Subject.F1 and f2b.status == OrderStatus.ACTIVE
    assert f2b.planned_end == D(2021, 7, 28)


def test_release_needs_the_end_and_every_result_then_a_verifiable_certificate(person, facility, world):
    order = f1(person("Lê Thị Hoa"), D(2021, 7, 14))
    services.admission_create(order=order, room=facility.rooms.first(), admitted_on=D(2021, 7, 14))
    with pytest.raises(ValidationError) as caught:
        services.order_release(order=order, released_on=D(2021, 7, 26))
    assert "27/07/2021" in caught.value.message_dict["released_on"][0]
    with pytest.raises(ValidationError) as caught:
        services.order_release(order=order, released_on=D(2021, 7, 27))
    assert "14/07/2021" in caught.value.message_dict["released_on"][0]  # the day-1 test was not taken
    negative_all_tests(order)
    services.order_release(order=order, released_on=D(2021, 7, 27))
    order.refresh_from_db()
    assert order.status == OrderStatus.RELEASED
    assert order.admissions.get().discharged_on == D(2021, 7, 27)

    cert = services.certificate_issue(order=order, issued_on=D(2021, 7, 27), user=world.user("commune"))
    assert cert.number == "001/2021/GXN-CL"
    assert services.certificate_issue(order=order, issued_on=D(2021, 7, 28)) == cert
    token = certificate.certificate_token(cert)
    assert certificate.certificate_from_token(token) == cert
    assert certificate.certificate_from_token(token[:-2] + "xx") is None
    content = certificate.certificate_docx(cert, base_url="http://testserver")
    assert content[:2] == b"PK"


def test_a_certificate_needs_a_release(person):
    order = f1(person(), D(2021, 7, 14))
    with pytest.raises(ValidationError) as caught:
        services.certificate_issue(order=order, issued_on=D(2021, 7, 20))
    assert "order" in caught.value.message_dict


def test_extension_on_re_exposure_uses_the_rule_of_that_day(person):
    order = f1(person(), D(2021, 7, 1))  # 21-day regime: until 21/7
    assert order.planned_end == D(2021, 7, 21)
    services.order_extend(order=order, exposed_on=D(2021, 7, 16), reason="Tiếp xúc F0 cùng khu")
    order.refresh_from_db()
    assert order.planned_end == D(2021, 7, 29)  # 14 days from 16/7 under CV 5599
    assert order.samples.filter(taken_on=D(2021, 7, 29), collected=False).exists()
    with pytest.raises(ValidationError):
        services.order_extend(order=order, exposed_on=D(2021, 7, 2), reason="x")


def test_tracing_contacts_are_recorded_once_for_the_review(person, facility):
    """An F0 alone in a room: a review with no contacts."""
    a = person()
    order = f1(a, D(2021, 7, 14))
    services.admission_create(order=order, room=facility.rooms.first(), admitted_on=D(2021, 7, 14))
    sample = services.sample_record(person=a, taken_on=D(2021, 7, 16))
    services.sample_result_record(sample=sample, result="positive", result_on=D(2021, 7, 16))
    assert IncidentReview.objects.get().room_contacts == 0
    assert not Contact.objects.exists()
    assert epidemic_services  # the module the F0 goes through
