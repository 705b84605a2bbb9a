"""Enterprise recovery: what users notice of the services — validation, refusals that cite the rule, permits that a
checkpoint verifies and that tracing revokes, the reopening figure."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import translation

from dualgoal.economy import selectors, services
from dualgoal.economy.choices import ConditionStatus
from dualgoal.economy.models import AutomaticAction, Employment, Enterprise, LabourConfirmation, Permit, PermitScan
from dualgoal.epidemic import services as epidemic
from dualgoal.epidemic import tracing_service
from dualgoal.geography.selectors import unit_by_code
from dualgoal.organisations.models import Organisation
from dualgoal.people.models import Person

D = dt.date
LEASE_SOURCE = "Kế hoạch khôi phục KT-XH huyện Yên Dũng (06/2021), mục II.2.2"


@pytest.fixture(autouse=True)
def demo_day(settings):
    """The demo's date; messages in English (the msgids) so that the assertions read as the code does."""
    settings.DUALGOAL_TODAY = "2021-07-15"
    tracing_service.forget_engine()
    with translation.override("en"):
        yield
    tracing_service.forget_engine()


def enterprise_in(commune, *, tax_code="2400123456", name="Công ty TNHH Điện tử Hồng Phát", status="reopened"):
    return services.enterprise_register(tax_code=tax_code, name=name, commune=commune, workforce=10, status=status)


def village_of(commune):
    return commune.children.order_by("code").first()


def worker(enterprise, name="Nguyễn Văn An", *, village=None, id_number=None, committed=True, confirmed=True):
    """A worker of `enterprise`, committed and on a confirmed list unless told otherwise."""
    person = Person.objects.create(
        full_name=name,
        birth_year=1990,
        id_number=id_number,
        residence_unit=village or village_of(enterprise.commune),
        address="",
    )
    confirmation = None
    if confirmed:
        confirmation = LabourConfirmation.objects.create(
            enterprise=enterprise,
            number="12/DS-LĐTBXH",
            date=D(2021, 7, 10),
            confirmed_by=Organisation.objects.filter(kind="department").first() or enterprise.organisation,
        )
    return Employment.objects.create(
        enterprise=enterprise,
        person=person,
        commitment_signed_on=D(2021, 7, 8) if committed else None,
        confirmation=confirmation,
    )


def permit_for(employment, *, valid_from=D(2021, 7, 12), valid_to=D(2021, 7, 25)):
    return services.permit_issue(
        employment=employment,
        residence="Thôn Đông, Xã Nội Hoàng",
        workplace="KCN Song Khê - Nội Hoàng",
        valid_from=valid_from,
        valid_to=valid_to,
    )


@pytest.fixture
def noi_hoang(yen_dung):
    from dualgoal.core.demo_loaders import load_villages

    load_villages()
    return unit_by_code("07708")


# --- tax codes ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("2400123456", "2400123456"), ("2400 123 456", "2400123456"), ("2400123456001", "2400123456-001")],
)
def test_tax_codes_of_10_or_13_digits_are_accepted_and_normalised(world, raw, stored):
    enterprise = enterprise_in(world.commune_a, tax_code=raw)
    assert enterprise.tax_code == stored
    assert enterprise.organisation.kind == "enterprise"
    assert enterprise.conditions.count() == 4


@pytest.mark.parametrize("raw", ["240012345", "24001234567", "2400-123-ABC", ""])
def test_a_wrong_tax_code_is_refused_with_the_expected_form(world, raw):
    with pytest.raises(ValidationError) as refused:
        enterprise_in(world.commune_a, tax_code=raw)
    assert "10" in refused.value.message_dict["tax_code"][0]


def test_the_same_tax_code_twice_is_refused(world):
    enterprise_in(world.commune_a)
    with pytest.raises(ValidationError) as refused:
        enterprise_in(world.commune_b, tax_code="2400123456", name="Another")
    assert "2400123456" in refused.value.message_dict["tax_code"][0]


# --- boarding houses -------------------------------------------------------------------------------------------


def test_lease_refusals_name_the_rule_and_its_source(noi_hoang):
    from dualgoal.economy.models import BoardingHouse

    first = enterprise_in(noi_hoang)
    second = enterprise_in(noi_hoang, tax_code="2400999999", name="Công ty CP May Song Khê")
    house = BoardingHouse.objects.create(
        name="Nhà trọ Thắng", owner_name="Nguyễn Văn Thắng", address="Số 5", village=village_of(noi_hoang), rooms=12
    )
    with pytest.raises(ValidationError) as partial:
        services.lease_record(boarding_house=house, enterprise=first, rooms=8, start=D(2021, 7, 1))
    message = partial.value.message_dict["rooms"][0]
    assert "12" in message and LEASE_SOURCE in message

    services.lease_record(boarding_house=house, enterprise=first, rooms=12, start=D(2021, 7, 1))
    with pytest.raises(ValidationError) as taken:
        services.lease_record(boarding_house=house, enterprise=second, rooms=12, start=D(2021, 7, 5))
    message = taken.value.message_dict["enterprise"][0]
    assert first.name in message and LEASE_SOURCE in message


# --- permits ----------------------------------------------------------------------------------------------------


def test_a_permit_is_refused_with_every_missing_condition(world):
    enterprise = enterprise_in(world.commune_a, status="suspended")
    employment = worker(enterprise, committed=False, confirmed=False)
    with pytest.raises(ValidationError) as refused:
        permit_for(employment)
    reasons = " ".join(refused.value.messages)
    assert "not allowed to operate" in reasons
    assert "Labour department" in reasons
    assert "commitment" in reasons
    assert not Permit.objects.exists()


def test_an_eligible_worker_gets_a_permit_and_the_list_selector_agrees(world):
    enterprise = enterprise_in(world.commune_a)
    ready = worker(enterprise, "Trần Thị Bình")
    waiting = worker(enterprise, "Lê Văn Cường", committed=False)
    assert services.permit_refusals(ready, on=D(2021, 7, 15)) == []
    assert services.permit_refusals(waiting, on=D(2021, 7, 15))
    assert [e.pk for e in selectors.eligible_employments(Employment.objects.all(), on=D(2021, 7, 15))] == [ready.pk]
    permit = permit_for(ready)
    assert permit.status == "valid"
    assert selectors.eligible_employments(Employment.objects.all(), on=D(2021, 7, 15)) == []


def test_the_qr_token_holds_no_personal_data_and_verifies(world):
    enterprise = enterprise_in(world.commune_a)
    employment = worker(enterprise, "Phạm Thị Dung", id_number="024190001234")
    permit = permit_for(employment)
    token = services.permit_token(permit)
    payload = token.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert decoded == str(permit.pk).encode()
    for secret in ("Phạm", "Dung", "024190001234", "Hồng Phát", "Nội Hoàng"):
        assert secret not in token and secret.encode() not in decoded
    assert signing.loads(token, salt=services.PERMIT_SALT) == permit.pk

    scan, found = services.permit_scan(token=token, checkpoint="Chốt Nội Hoàng", officer=None)
    assert (scan.result, found) == ("valid", permit)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    scan, found = services.permit_scan(token=forged, checkpoint="Chốt Nội Hoàng", officer=None)
    assert (scan.result, found) == ("unknown", None)
    assert PermitScan.objects.count() == 2


def test_expired_and_not_yet_valid_permits_say_so(world):
    enterprise = enterprise_in(world.commune_a)
    old = permit_for(worker(enterprise, "A"), valid_from=D(2021, 6, 28), valid_to=D(2021, 7, 10))
    future = permit_for(worker(enterprise, "B"), valid_from=D(2021, 7, 20), valid_to=D(2021, 7, 30))
    scan, _ = services.permit_scan(token=services.permit_token(old), checkpoint="X", officer=None)
    assert scan.result == "expired" and "10/07/2021" in scan.reason
    scan, _ = services.permit_scan(token=services.permit_token(future), checkpoint="X", officer=None)
    assert scan.result == "not_yet" and "20/07/2021" in scan.reason


def test_scans_go_from_valid_to_revoked_when_the_worker_becomes_f1(world, django_capture_on_commit_callbacks):
    enterprise = enterprise_in(world.commune_a)
    employment = worker(enterprise, "Hoàng Văn Em")
    permit = permit_for(employment)
    token = services.permit_token(permit)
    assert services.permit_scan(token=token, checkpoint="Chốt Nội Hoàng", officer=None)[0].result == "valid"

    neighbour = Person.objects.create(full_name="Đặng Thị Giang", residence_unit=world.village_a)
    with django_capture_on_commit_callbacks(execute=True):
        epidemic.contact_record(person_a=employment.person, person_b=neighbour, date=D(2021, 7, 12))
        epidemic.case_record(person=neighbour, code="BN90001", sample_date=D(2021, 7, 13), onset_date=D(2021, 7, 13))

    permit.refresh_from_db()
    assert permit.status == "revoked"
    assert "Hoàng Văn Em" in permit.revoke_reason and "F1" in permit.revoke_reason
    scan, _ = services.permit_scan(token=token, checkpoint="Chốt Nội Hoàng", officer=None)
    assert scan.result == "revoked" and scan.reason == permit.revoke_reason
    assert list(PermitScan.objects.order_by("at", "pk").values_list("result", flat=True)) == ["valid", "revoked"]
    enterprise.refresh_from_db()
    assert enterprise.flagged
    actions = set(AutomaticAction.objects.values_list("action", "cause"))
    assert ("permit_revoked", permit.revoke_reason) in actions
    assert ("enterprise_flagged", permit.revoke_reason) in actions
    with pytest.raises(ValidationError) as refused:
        permit_for(Employment.objects.get(pk=employment.pk), valid_from=D(2021, 7, 15))
    assert "F1" in " ".join(refused.value.messages)


def test_suspension_revokes_every_permit_of_the_enterprise_with_its_cause(world):
    enterprise = enterprise_in(world.commune_a)
    permits = [permit_for(worker(enterprise, f"Công nhân {i}")) for i in range(3)]
    services.inspection_record(
        enterprise=enterprise,
        team="Đoàn kiểm tra liên ngành",
        date=D(2021, 7, 14),
        findings={"accommodation": "Khu lưu trú không bảo đảm giãn cách"},
        decision="suspend",
        decision_number="1500/QĐ-UBND",
    )
    enterprise.refresh_from_db()
    assert enterprise.status == "suspended"
    for permit in permits:
        permit.refresh_from_db()
        assert permit.status == "revoked"
        assert enterprise.name in permit.revoke_reason
    assert AutomaticAction.objects.filter(action="permit_revoked", enterprise=enterprise).count() == 3


def test_reopening_needs_every_condition_approved(world):
    enterprise = enterprise_in(world.commune_a, status="suspended")
    with pytest.raises(ValidationError) as refused:
        services.decision_record(enterprise=enterprise, kind="reopening", date=D(2021, 7, 14))
    assert "Cannot reopen" in refused.value.messages[0]
    enterprise.conditions.update(status=ConditionStatus.APPROVED)
    services.decision_record(enterprise=enterprise, kind="reopening", date=D(2021, 7, 14), number="1600/QĐ-UBND")
    enterprise.refresh_from_db()
    assert enterprise.status == "reopened"


# --- figures -----------------------------------------------------------------------------------------------------


def test_the_reopened_percentage_counts_reopened_and_operating_against_the_rule(yen_dung):
    commune = unit_by_code("07708")
    for n, status in enumerate(["reopened", "reopened", "operating", "suspended", "closed"]):
        enterprise_in(commune, tax_code=f"24000000{n:02d}", name=f"DN {n}", status=status)
    figure = selectors.reopen_figure(Enterprise.objects.all(), on=D(2021, 7, 15))
    assert (figure.open, figure.total, figure.percent) == (3, 5, 60.0)
    assert figure.target == 100 and not figure.met and figure.missing == 2
    assert "II.2.2" in figure.citation
    before_rule = selectors.reopen_figure(Enterprise.objects.all(), on=D(2021, 6, 1))
    assert before_rule.target is None


def test_workers_returned_count_valid_permits_against_the_registered_workforce(world):
    enterprise = enterprise_in(world.commune_a)  # workforce 10
    permit_for(worker(enterprise, "A"))
    permit_for(worker(enterprise, "B"), valid_from=D(2021, 7, 1), valid_to=D(2021, 7, 10))  # expired
    worker(enterprise, "C")
    figure = selectors.workers_figure(Enterprise.objects.all(), Employment.objects.all(), on=D(2021, 7, 15))
    assert (figure.returned, figure.registered, figure.listed, figure.percent) == (1, 10, 3, 10.0)
    counts = selectors.permit_counts(Permit.objects.all(), on=D(2021, 7, 15))
    assert (counts["issued"], counts["valid"], counts["expired"], counts["revoked"]) == (2, 1, 1, 0)


def test_inspections_due_are_the_latest_fix_by_dates(world):
    a = enterprise_in(world.commune_a, tax_code="2400000001", name="A")
    b = enterprise_in(world.commune_a, tax_code="2400000002", name="B")
    for enterprise, day, fix_by in ((a, D(2021, 7, 1), D(2021, 7, 10)), (b, D(2021, 7, 5), D(2021, 7, 20))):
        services.inspection_record(
            enterprise=enterprise, team="Đoàn", date=day, findings={}, decision="fix", fix_by=fix_by
        )
    services.inspection_record(enterprise=b, team="Đoàn", date=D(2021, 7, 14), findings={}, decision="pass")
    from dualgoal.economy.models import Inspection

    due = selectors.inspections_due(Inspection.objects.all(), on=D(2021, 7, 15))
    assert [(row["inspection"].enterprise, row["overdue"]) for row in due] == [(a, True)]
