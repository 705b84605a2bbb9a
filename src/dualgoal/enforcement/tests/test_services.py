"""The refusals a commune officer meets when recording and deciding violations: each names the field and the rule."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dualgoal.enforcement import services
from dualgoal.enforcement.models import Violation

D = dt.date


def test_fine_outside_the_acts_range_is_refused_citing_decree_117_and_nothing_is_saved(person):
    violation = services.violation_record(person=person(), act_code="no_mask", act_date=D(2021, 7, 1), place="Chợ")
    with pytest.raises(ValidationError) as refusal:
        services.violation_decide(
            violation=violation,
            decision_number="12/QĐ-XPVPHC",
            decision_date=D(2021, 7, 2),
            authority="Chủ tịch UBND xã Nội Hoàng",
            signer="Nguyễn Văn Hưng",
            fine_amount=5_000_000,
        )
    message = refusal.value.message_dict["fine_amount"][0]
    assert "1.000.000 đ – 3.000.000 đ" in message
    assert "Nghị định 117/2020/NĐ-CP" in message
    violation.refresh_from_db()
    assert violation.status == "recorded" and violation.decision_number == "" and violation.fine_amount is None


def test_an_enterprise_pays_twice_the_individual_range(person, enterprise):
    company = services.violation_record(
        enterprise=enterprise(), act_code="business_open_suspended", act_date=D(2021, 6, 10), place="Nhà xưởng"
    )
    decided = services.violation_decide(
        violation=company,
        decision_number="5/QĐ-XPVPHC",
        decision_date=D(2021, 6, 12),
        authority="Chủ tịch UBND huyện Yên Dũng",
        signer="Lê Văn Hùng",
        fine_amount=30_000_000,  # above the individual's 20 million: allowed for an organisation (×2)
    )
    assert decided.status == "decided" and "40.000.000 đ" in decided.fine_rule
    individual = services.violation_record(
        person=person(), act_code="business_open_suspended", act_date=D(2021, 6, 10), place="Quán karaoke"
    )
    with pytest.raises(ValidationError) as refusal:
        services.violation_decide(
            violation=individual,
            decision_number="6/QĐ-XPVPHC",
            decision_date=D(2021, 6, 12),
            authority="Chủ tịch UBND xã Nội Hoàng",
            signer="Nguyễn Văn Hưng",
            fine_amount=30_000_000,
        )
    assert "20.000.000 đ" in refusal.value.message_dict["fine_amount"][0]


def test_exactly_one_offender_in_the_service_and_in_the_database(person, enterprise, world):
    with pytest.raises(ValidationError) as both:
        services.violation_record(
            person=person(), enterprise=enterprise(), act_code="gathering", act_date=D(2021, 7, 1), place="Sân"
        )
    assert "exactly one" in both.value.message_dict["person"][0] or "một" in both.value.message_dict["person"][0]
    with pytest.raises(ValidationError):
        services.violation_record(act_code="gathering", act_date=D(2021, 7, 1), place="Sân")
    with pytest.raises(IntegrityError), transaction.atomic():
        Violation.objects.create(
            offender_kind="person",
            person=person(),
            enterprise=enterprise(),
            act_code="gathering",
            act_label="x",
            legal_basis="y",
            act_date=D(2021, 7, 1),
            place="Sân",
            commune=world.commune_a,
        )
    assert not Violation.objects.exists()


def test_an_act_dated_before_the_decree_is_refused_naming_the_rule(person):
    with pytest.raises(ValidationError) as refusal:
        services.violation_record(person=person(), act_code="no_mask", act_date=D(2020, 10, 1), place="Chợ")
    assert "enforcement.acts" in refusal.value.message_dict["act_code"][0]
    assert not Violation.objects.exists()


def test_an_act_for_persons_only_is_refused_for_an_enterprise(enterprise):
    with pytest.raises(ValidationError) as refusal:
        services.violation_record(enterprise=enterprise(), act_code="no_mask", act_date=D(2021, 7, 1), place="Chợ")
    assert "117/2020" in refusal.value.message_dict["act_code"][0]


def test_the_other_act_needs_its_wording_and_legal_basis(person):
    with pytest.raises(ValidationError) as refusal:
        services.violation_record(person=person(), act_code="other", act_date=D(2021, 7, 1), place="Chợ")
    assert set(refusal.value.message_dict) == {"other_act", "other_legal_basis"}
    violation = services.violation_record(
        person=person(),
        act_code="other",
        other_act="Vứt khẩu trang đã sử dụng không đúng nơi quy định",
        other_legal_basis="Nghị định 45/2022/NĐ-CP (ví dụ)",
        act_date=D(2021, 7, 1),
        place="Chợ",
    )
    assert violation.act_label.startswith("Vứt khẩu trang") and violation.legal_basis.startswith("Nghị định 45")


def test_commune_comes_from_the_residence_and_the_record_keeps_the_article(person, world):
    violation = services.violation_record(
        person=person(village=world.village_b), act_code="quarantine_refusal", act_date=D(2021, 7, 3), place="Nhà"
    )
    assert violation.commune == world.commune_b
    assert "Điều 11" in violation.legal_basis and "117/2020" in violation.legal_basis


def test_dates_in_the_future_and_payment_before_the_decision_are_refused(person, decided):
    with pytest.raises(ValidationError) as future:
        services.violation_record(person=person(), act_code="no_mask", act_date=D(2021, 7, 16), place="Chợ")
    assert "act_date" in future.value.message_dict
    violation = decided()
    with pytest.raises(ValidationError) as early:
        services.violation_mark_paid(violation=violation, paid_on=D(2021, 7, 1))
    assert "paid_on" in early.value.message_dict
    paid = services.violation_mark_paid(violation=violation, paid_on=D(2021, 7, 5), receipt_number="BL0001")
    assert paid.status == "paid" and paid.paid_on == D(2021, 7, 5)
    with pytest.raises(ValidationError):
        services.violation_cancel(violation=paid, reason="Nhầm người")


def test_cancel_needs_a_reason_and_a_decision_number_is_unique_per_year(decided):
    first = decided(number="77/QĐ-XPVPHC")
    with pytest.raises(ValidationError) as duplicate:
        decided(number="77/QĐ-XPVPHC")
    assert "77/QĐ-XPVPHC" in duplicate.value.message_dict["decision_number"][0]
    with pytest.raises(ValidationError) as no_reason:
        services.violation_cancel(violation=first, reason="")
    assert "reason" in no_reason.value.message_dict
    cancelled = services.violation_cancel(violation=first, reason="Quyết định bị hủy do nhầm đối tượng")
    assert cancelled.status == "cancelled"
    assert cancelled.history.count() == 3  # recorded, decided, cancelled


def test_bad_decision_number_is_refused(person):
    violation = services.violation_record(person=person(), act_code="no_mask", act_date=D(2021, 7, 1), place="Chợ")
    with pytest.raises(ValidationError) as refusal:
        services.violation_decide(
            violation=violation,
            decision_number="quyết định số 5",
            decision_date=D(2021, 7, 2),
            authority="UBND xã",
            signer="A",
            fine_amount=1_000_000,
        )
    assert "decision_number" in refusal.value.message_dict
