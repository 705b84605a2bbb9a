"""Every eligibility rule refuses with a message naming the rule and its source; nothing is saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dualgoal.epidemic.models import Case
from dualgoal.vaccination import services
from dualgoal.vaccination.models import Dose, Session

D = dt.date


def session(world, day=D(2021, 7, 10), product="astrazeneca", commune=None):
    return services.session_save(
        name="Tiêm chủng tại Trạm Y tế",
        unit=commune or world.commune_a,
        date=day,
        product=product,
        lot_number="A1234",
        lot_expiry=D(2021, 12, 31),
        capacity=100,
    )


def refusal(**kwargs) -> dict:
    before = Dose.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.dose_record(**kwargs)
    assert Dose.objects.count() == before
    return caught.value.message_dict


def test_a_dose_in_a_session_is_recorded_with_the_session_product_and_lot(world, person):
    p = person()
    s = session(world)
    dose = services.dose_record(person=p, session=s)
    assert (dose.dose_number, dose.product, dose.lot_number, dose.given_on) == (1, "astrazeneca", "A1234", s.date)
    assert not dose.completes_series


def test_under_age_refused_citing_the_rule(world, person):
    p = person("Trần Văn Nhỏ", birth_date=D(2004, 1, 1))
    errors = refusal(person=p, session=session(world))
    assert "17" in errors["person"][0] and "vaccination.min_age_years" in errors["person"][0]
    assert "NQ 21/NQ-CP" in errors["person"][0]


def test_birth_year_only_is_judged_by_year_and_says_so(world, person):
    too_young = person(birth_year=2004)
    errors = refusal(person=too_young, session=session(world))
    assert "2004" in errors["person"][0] and "vaccination.min_age_years" in errors["person"][0]
    assert "year" in errors["person"][0] or "năm" in errors["person"][0]
    turning_18 = person(birth_year=2003)  # turns 18 later in 2021: judged by year, eligible
    assert services.dose_record(person=turning_18, session=session(world)).dose_number == 1


def test_product_not_yet_approved_is_refused(world, person):
    p = person()
    errors = refusal(person=p, given_on=D(2021, 7, 14), product="janssen", place="Bệnh viện tỉnh")
    assert "15/07/2021" in errors["product"][0] and "vaccination.products" in errors["product"][0]
    with pytest.raises(ValidationError) as caught:
        session(world, day=D(2021, 6, 11), product="pfizer")
    assert "12/06/2021" in caught.value.message_dict["product"][0]


def test_interval_refused_with_the_earliest_date(world, person):
    p = person()
    services.dose_record(person=p, session=session(world, day=D(2021, 5, 20)))
    errors = refusal(person=p, session=session(world, day=D(2021, 7, 14)))
    message = errors["given_on"][0]
    assert "56" in message and "15/07/2021" in message and "vaccination.products" in message
    assert services.dose_record(person=p, session=session(world, day=D(2021, 7, 15))).completes_series


def test_dose_number_must_follow_and_the_series_must_not_be_complete(world, person):
    p = person()
    errors = refusal(person=p, session=session(world), dose_number=2)
    assert "dose_number" in errors
    services.dose_record(person=p, given_on=D(2021, 7, 15), product="janssen", place="Bệnh viện tỉnh")
    errors = refusal(person=p, given_on=D(2021, 7, 15), product="janssen", place="Bệnh viện tỉnh")
    assert "vaccination.products" in errors["dose_number"][0]


def test_one_dose_product_completes_the_series(world, person):
    p = person()
    dose = services.dose_record(person=p, given_on=D(2021, 7, 15), product="janssen", place="Bệnh viện tỉnh")
    assert dose.completes_series and dose.dose_number == 1


def test_az_then_pfizer_refused_on_21_july_allowed_on_22_july(world, person, settings):
    settings.DUALGOAL_TODAY = "2021-07-30"
    p = person()
    services.dose_record(person=p, given_on=D(2021, 5, 1), product="astrazeneca", place="TTYT huyện")
    errors = refusal(person=p, given_on=D(2021, 7, 21), product="pfizer", place="TTYT huyện")
    assert "vaccination.dose2_mix" in errors["product"][0] and "AstraZeneca" in errors["product"][0]
    dose = services.dose_record(person=p, given_on=D(2021, 7, 22), product="pfizer", place="TTYT huyện")
    assert dose.dose_number == 2 and dose.completes_series


def test_sinopharm_after_astrazeneca_stays_refused(world, person, settings):
    settings.DUALGOAL_TODAY = "2021-07-30"
    p = person()
    services.dose_record(person=p, given_on=D(2021, 5, 1), product="astrazeneca", place="TTYT huyện")
    errors = refusal(person=p, given_on=D(2021, 7, 28), product="sinopharm", place="TTYT huyện")
    assert "vaccination.dose2_mix" in errors["product"][0]


def test_future_date_refused(world, person):
    errors = refusal(person=person(), given_on=D(2021, 7, 16), product="astrazeneca", place="TTYT huyện")
    assert "16/07/2021" in errors["given_on"][0]


def test_same_person_twice_in_one_session_refused(world, person):
    p = person()
    s = session(world, day=D(2021, 7, 15), product="janssen")
    refusals = services.dose_refusals(p, "janssen", D(2021, 7, 15), session=s)
    assert refusals == []
    services.dose_record(person=p, session=s)
    messages = [r.message for r in services.dose_refusals(p, "janssen", D(2021, 7, 15), session=s)]
    assert any("session" in m or "buổi tiêm" in m for m in messages)


def test_active_f0_refused_and_every_reason_returned_at_once(world, person):
    p = person(birth_date=D(2005, 1, 1))
    Case.objects.create(person=p, code="BN99999", sample_date=D(2021, 7, 1))
    refusals = services.dose_refusals(p, "janssen", D(2021, 7, 14))
    fields = sorted(r.field for r in refusals)
    assert fields == ["person", "person", "product"]
    f0 = next(r.message for r in refusals if "BN99999" in r.message)
    assert "vaccination.defer_active_case" in f0
    discharged = person()
    Case.objects.create(person=discharged, code="BN88888", sample_date=D(2021, 6, 1), outcome="discharged")
    assert services.dose_refusals(discharged, "astrazeneca", D(2021, 7, 14)) == []


def test_expired_lot_and_cancelled_session_refused(world, person):
    s = session(world)
    Session.objects.filter(pk=s.pk).update(lot_expiry=D(2021, 7, 1), status="cancelled")
    s.refresh_from_db()
    errors = refusal(person=person(), session=s)
    assert len(errors["session"]) == 2


def test_priority_group_validated_against_the_rule(world, person):
    p = person()
    with pytest.raises(ValidationError) as caught:
        services.assignment_save(person=p, group_code="astronauts", basis="occupation", assigned_on=D(2021, 7, 1))
    assert "vaccination.priority_groups" in caught.value.message_dict["group_code"][0]
    first = services.assignment_save(person=p, group_code="front_line", basis="occupation", assigned_on=D(2021, 7, 1))
    second = services.assignment_save(person=p, group_code="chronic_elderly", basis="age", assigned_on=D(2021, 7, 2))
    first.refresh_from_db()
    assert not first.is_current and second.is_current
