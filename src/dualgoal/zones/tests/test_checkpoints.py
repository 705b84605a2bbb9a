"""Checkpoints: shifts without overlap, passages with permit scans, the arrivals watch, the phone page, the API."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dualgoal.core.models import AccessLog
from dualgoal.economy import services as economy
from dualgoal.economy.models import Employment, Permit, PermitScan
from dualgoal.operations import services as operations
from dualgoal.operations.models import Arrival
from dualgoal.people.models import Person
from dualgoal.zones import services
from dualgoal.zones.models import Passage, Shift

from .conftest import client_for

D = dt.date


def at(hour, minute=0, day=15):
    return timezone.make_aware(dt.datetime(2021, 7, day, hour, minute))


@pytest.fixture
def permit(world, person):
    enterprise = economy.enterprise_register(
        tax_code="2400000099", name="Công ty TNHH Điện tử Thử", commune=world.commune_a, status="reopened"
    )
    employment = Employment.objects.create(enterprise=enterprise, person=person("Vũ Thị Công Nhân"))
    return Permit.objects.create(
        employment=employment,
        residence="Thôn Đông, Nội Hoàng",
        workplace="KCN Song Khê – Nội Hoàng",
        valid_from=D(2021, 7, 1),
        valid_to=D(2021, 7, 31),
    )


@pytest.fixture
def luc_ngan():
    return operations.origin_area_save(
        name="Huyện Lục Ngạn", risk_level="high", valid_from=D(2021, 6, 1), source="Công văn demo"
    )


def test_shift_overlap_is_refused_including_night_shifts(checkpoint):
    services.shift_create(checkpoint=checkpoint, date=D(2021, 7, 15), start_time=dt.time(6), end_time=dt.time(14))
    night = services.shift_create(
        checkpoint=checkpoint,
        date=D(2021, 7, 15),
        start_time=dt.time(22),
        end_time=dt.time(6),
        staff=[{"name": "Nguyễn Văn Trực", "role": "militia", "phone": "0912345678"}],
    )
    assert night.ends_at == dt.datetime(2021, 7, 16, 6)
    assert night.staff.get().phone == "0912345678"
    with pytest.raises(ValidationError) as error:
        services.shift_create(checkpoint=checkpoint, date=D(2021, 7, 16), start_time=dt.time(5), end_time=dt.time(13))
    assert error.value.message_dict["start_time"] == [
        "Ca trực này trùng với ca ngày 15/07/2021 22:00–06:00 tại Chốt cầu Đông."
    ]
    with pytest.raises(ValidationError):
        services.shift_create(checkpoint=checkpoint, date=D(2021, 7, 15), start_time=dt.time(13), end_time=dt.time(15))
    services.shift_create(checkpoint=checkpoint, date=D(2021, 7, 15), start_time=dt.time(14), end_time=dt.time(22))
    assert Shift.objects.filter(checkpoint=checkpoint).count() == 3


def test_passage_finds_its_shift_or_is_off_shift(world, checkpoint):
    chot = world.user("checkpoint")
    shift = services.shift_create(
        checkpoint=checkpoint, date=D(2021, 7, 14), start_time=dt.time(22), end_time=dt.time(6)
    )
    night = services.passage_log(
        checkpoint=checkpoint, officer=chot, direction="in", outcome="allowed", plate="98a12345", at=at(2, 30)
    )
    assert night.shift == shift and night.plate == "98A-123.45"
    off = services.passage_log(
        checkpoint=checkpoint, officer=chot, direction="out", outcome="allowed", name="Lê Văn Đi", at=at(9)
    )
    assert off.shift is None
    page = client_for(world.user("commune")).get(checkpoint.get_absolute_url()).content.decode()
    assert 'data-count="in">1<' in page


def test_plate_normalisation():
    assert services.plate_normalise("98A-123.45") == "98A-123.45"
    assert services.plate_normalise("98 a 12345") == "98A-123.45"
    assert services.plate_normalise("98b1 234.56") == "98B1-234.56"
    assert services.plate_normalise("29LD1234") == "29LD-1234"
    with pytest.raises(ValidationError):
        services.plate_normalise("ABC")


def test_revoked_permit_shows_revoked_and_logs_a_scan(world, checkpoint, permit):
    economy.permit_revoke(permit=permit, reason="Công nhân là F1")
    token = economy.permit_token(permit)
    passage = services.passage_log(
        checkpoint=checkpoint,
        officer=world.user("checkpoint"),
        direction="in",
        outcome="turned_back",
        reason="Giấy đi đường đã bị thu hồi",
        permit_token=f"http://testserver/economy/check/{token}/",
        at=at(8),
    )
    assert passage.scan_result == "revoked"
    assert passage.person == permit.employment.person
    scan = PermitScan.objects.get()
    assert passage.permit_scan == scan and scan.permit == permit and scan.checkpoint == "Chốt cầu Đông"
    page = client_for(world.user("commune")).get(passage.get_absolute_url()).content.decode()
    assert "Đã thu hồi" in page or "đã thu hồi" in page


def test_turned_back_from_an_epidemic_area_goes_on_the_arrivals_watch(world, checkpoint, luc_ngan):
    passage = services.passage_log(
        checkpoint=checkpoint,
        officer=world.user("checkpoint"),
        direction="in",
        outcome="turned_back",
        reason="Đến từ vùng dịch, không có giấy xét nghiệm",
        name="Hà Văn Lục",
        id_number="024090123456",
        origin_area=luc_ngan,
        at=at(10),
    )
    arrival = Arrival.objects.get()
    assert passage.arrival == arrival and arrival.origin_area == luc_ngan and arrival.arrived_on == D(2021, 7, 15)
    person = Person.objects.get(id_number="024090123456")
    assert arrival.person == person == passage.person and person.residence_unit == world.commune_a
    assert "Lục Ngạn" in person.address


def test_turned_back_without_reason_is_refused_and_nothing_is_saved(world, checkpoint, permit, luc_ngan):
    with pytest.raises(ValidationError) as error:
        services.passage_log(
            checkpoint=checkpoint,
            officer=world.user("checkpoint"),
            direction="in",
            outcome="turned_back",
            permit_token=economy.permit_token(permit),
            name="Hà Văn Lục",
            origin_area=luc_ngan,
            at=at(10),
        )
    assert error.value.message_dict["reason"] == ["Ghi rõ lý do cho người hoặc phương tiện quay đầu."]
    assert not Passage.objects.exists() and not PermitScan.objects.exists() and not Arrival.objects.exists()


def test_arrival_refusal_rolls_back_the_scan(world, checkpoint, permit):
    old_area = operations.origin_area_save(
        name="TP Bắc Ninh", risk_level="high", valid_from=D(2021, 5, 1), valid_to=D(2021, 6, 30)
    )
    with pytest.raises(ValidationError) as error:
        services.passage_log(
            checkpoint=checkpoint,
            officer=world.user("checkpoint"),
            direction="in",
            outcome="turned_back",
            reason="Không có giấy xét nghiệm",
            permit_token=economy.permit_token(permit),
            origin_area=old_area,
            at=at(11),
        )
    assert "origin_area" in error.value.message_dict
    assert not Passage.objects.exists() and not PermitScan.objects.exists() and not Arrival.objects.exists()


def test_phone_page_for_the_checkpoint_officer(world, checkpoint, permit):
    officer = client_for(world.user("checkpoint"))
    page = officer.get(reverse("zones:phone"))
    assert page.status_code == 200 and "Ghi lượt qua chốt" in page.content.decode()
    token = economy.permit_token(permit)
    response = officer.post(
        reverse("zones:phone"),
        {"checkpoint": checkpoint.pk, "scan": f"/economy/check/{token}/", "direction": "in", "outcome": "allowed"},
    )
    assert response.status_code == 302
    result = officer.get(response["Location"]).content.decode()
    assert 'data-result="valid"' in result and "HỢP LỆ" in result
    passage = Passage.objects.get()
    assert passage.scan_result == "valid" and passage.officer.username.startswith("checkpoint")
    refused = officer.post(
        reverse("zones:phone"),
        {"checkpoint": checkpoint.pk, "plate": "98A12345", "direction": "in", "outcome": "turned_back"},
    )
    assert refused.status_code == 200 and "Ghi rõ lý do" in refused.content.decode()
    assert Passage.objects.count() == 1


def test_phone_page_is_refused_or_hidden_outside_scope(world, checkpoint):
    other_checkpoint = services.checkpoint_create(name="Chốt Tây", unit=world.commune_b)
    leader = client_for(world.user("leader", unit=world.district, organisation=world.district_body))
    assert leader.get(reverse("zones:phone")).status_code == 403
    officer = client_for(world.user("checkpoint"))
    assert officer.get(reverse("zones:phone_checkpoint", args=[other_checkpoint.pk])).status_code == 404
    assert officer.get(reverse("zones:phone_checkpoint", args=[checkpoint.pk])).status_code == 200
    response = officer.post(
        reverse("zones:phone"),
        {"checkpoint": other_checkpoint.pk, "name": "A", "direction": "in", "outcome": "allowed"},
    )
    assert response.status_code == 200 and not Passage.objects.exists()


def test_passage_api_is_scoped_masked_and_logged(world, checkpoint):
    services.passage_log(
        checkpoint=checkpoint,
        officer=None,
        direction="in",
        outcome="allowed",
        name="Bùi Văn Qua",
        id_number="024090765432",
        at=at(7),
    )
    other = services.checkpoint_create(name="Chốt Tây", unit=world.commune_b)
    services.passage_log(checkpoint=other, officer=None, direction="out", outcome="allowed", name="Xa", at=at(7))
    officer = client_for(world.user("checkpoint"))
    rows = officer.get(reverse("api:passage-list")).json()["results"]
    assert [r["name"] for r in rows] == ["Bùi Văn Qua"]
    assert rows[0]["id_number"] == "02409****432"
    assert AccessLog.objects.filter(object_type="zones.Passage", action="api").exists()
    checkpoints = officer.get(reverse("api:checkpoint-list")).json()["results"]
    assert [c["name"] for c in checkpoints] == ["Chốt cầu Đông"]


def test_checkpoint_and_shift_forms(world, zone):
    commune = client_for(world.user("commune"))
    response = commune.post(
        reverse("zones:checkpoint_create"),
        {"name": "Chốt ngã ba Đông", "unit": world.commune_a.pk, "place": "Ngã ba", "zone": zone.pk},
    )
    assert response.status_code == 302
    checkpoint = zone.checkpoints.get()
    shift_url = reverse("zones:shift_create", args=[checkpoint.pk])
    data = {
        "date": "15/07/2021",
        "start_time": "22:00",
        "end_time": "06:00",
        "staff": "Nguyễn Văn Trực; công an; 0912345678\nLê Thị Y; y tế",
    }
    assert commune.post(shift_url, data).status_code == 302
    shift = checkpoint.shifts.get()
    assert sorted(shift.staff.values_list("role", flat=True)) == ["health", "police"]
    again = commune.post(shift_url, {**data, "start_time": "23:00", "end_time": "02:00", "staff": ""})
    assert again.status_code == 200 and "trùng với ca ngày 15/07/2021 22:00–06:00" in again.content.decode()
    page = commune.get(checkpoint.get_absolute_url()).content.decode()
    assert "Nguyễn Văn Trực (công an)" in page and "ca đêm" in page
    zone_page = commune.get(zone.get_absolute_url()).content.decode()
    assert "Chốt ngã ba Đông" in zone_page and 'data-testid="zone-dashboard"' in zone_page
