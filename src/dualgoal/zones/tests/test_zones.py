"""Zones: declaring, who and what is inside, extension and lifting rules, boundaries, the directive's measures."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dualgoal.core.models import AccessLog
from dualgoal.economy.models import BoardingHouse, Enterprise
from dualgoal.zones import services
from dualgoal.zones.choices import ZoneStatus
from dualgoal.zones.geo import polygon_clean
from dualgoal.zones.models import Zone

from .conftest import client_for

D = dt.date


def square(lon=106.2, lat=21.25, size=0.01):
    return [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]


def test_declared_zone_lists_residents_enterprises_and_boarding_houses(world, zone, person):
    inside = person("Lê Thị Trong", village=world.village_a)
    outside = person("Phạm Văn Ngoài", village=world.village_b)
    Enterprise.objects.create(
        tax_code="2400000001",
        name="Công ty May Nội Hoàng",
        commune=world.commune_a,
        organisation=world.committee_a,
    )
    BoardingHouse.objects.create(
        name="Nhà trọ Hoa Hồng", owner_name="Trần Văn Chủ", address="Thôn Đông", village=world.village_a, rooms=6
    )
    BoardingHouse.objects.create(
        name="Nhà trọ Tây", owner_name="Ngô Văn B", address="Thôn Tây", village=world.village_b, rooms=4
    )
    client = client_for(world.user("commune"))
    page = client.get(reverse("zones:zone_detail", args=[zone.pk])).content.decode()
    assert inside.full_name in page and outside.full_name not in page
    assert inside.id_number in page  # the commune committee may read citizen IDs in full
    assert 'data-testid="count-residents">1<' in page
    assert 'data-testid="count-enterprises">1<' in page
    assert 'data-testid="count-boarding-houses">1<' in page
    assert AccessLog.objects.filter(object_type="people.Person", detail__contains=f"zone {zone.pk}").exists()
    houses = client.get(reverse("zones:zone_detail", args=[zone.pk]), {"tab": "boarding_houses"}).content.decode()
    assert "Nhà trọ Hoa Hồng" in houses and "Nhà trọ Tây" not in houses
    enterprises = client.get(reverse("zones:zone_detail", args=[zone.pk]), {"tab": "enterprises"}).content.decode()
    assert "Công ty May Nội Hoàng" in enterprises


def test_ids_are_masked_for_users_without_the_id_permission(world, zone, person):
    resident = person("Đỗ Văn Ẩn")
    page = client_for(world.user("community_team", unit=world.village_a)).get(
        reverse("zones:zone_detail", args=[zone.pk])
    )
    text = page.content.decode()
    assert resident.full_name in text and resident.id_number not in text


def test_a_person_moving_out_disappears_from_the_zone(world, zone, person):
    mover = person("Hoàng Văn Chuyển")
    client = client_for(world.user("commune", unit=world.district, organisation=world.district_body))
    url = reverse("zones:zone_detail", args=[zone.pk])
    assert mover.full_name in client.get(url).content.decode()
    mover.residence_unit = world.village_b
    mover.save()
    assert mover.full_name not in client.get(url).content.decode()


def test_village_zone_covers_only_that_village_and_redundant_village_is_dropped(world):
    zone = services.zone_declare(
        kind="lockdown",
        directive=16,
        unit=world.district,
        units=[world.commune_a, world.village_a, world.village_b],
        decision_number="45/QĐ-UBND",
        issued_on=D(2021, 7, 10),
        start_date=D(2021, 7, 10),
        planned_end=D(2021, 7, 24),
    )
    assert set(zone.units.all()) == {world.commune_a, world.village_b}
    assert "Phong tỏa" in zone.name or "phong tỏa" in zone.name.lower()


def test_zone_refuses_units_outside_the_issuer_and_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        services.zone_declare(
            kind="lockdown",
            directive=16,
            unit=world.commune_a,
            units=[world.village_b],
            decision_number="46/QĐ-UBND",
            issued_on=D(2021, 7, 10),
            start_date=D(2021, 7, 10),
            planned_end=D(2021, 7, 24),
        )
    assert "nằm ngoài" in " ".join(error.value.message_dict["units"])
    assert not Zone.objects.exists()


def test_status_as_of_a_date(zone):
    assert zone.status_on(D(2021, 7, 1)) == ZoneStatus.PLANNED
    assert zone.status_on(D(2021, 7, 10)) == ZoneStatus.IN_FORCE
    assert zone.status_on(D(2021, 7, 17)) == ZoneStatus.EXPIRED
    services.zone_extend(zone=zone, decision_number="130/QĐ-UBND", decided_on=D(2021, 7, 15), new_end=D(2021, 7, 30))
    assert zone.status_on(D(2021, 7, 14)) == ZoneStatus.IN_FORCE  # the extension was not decided yet
    assert zone.status_on(D(2021, 7, 17)) == ZoneStatus.EXTENDED
    services.zone_lift(zone=zone, lift_decision="140/QĐ-UBND", lifted_on=D(2021, 7, 20))
    zone.refresh_from_db()
    assert zone.status_on(D(2021, 7, 21)) == ZoneStatus.LIFTED


def test_list_filters_by_status(world, zone):
    client = client_for(world.user("commune"))
    url = reverse("zones:zone_list")
    assert zone.name in client.get(url, {"status": "in_force"}).content.decode()
    assert zone.name not in client.get(url, {"status": "lifted"}).content.decode()
    assert zone.name in client.get(url, {"directive": "15"}).content.decode()
    assert zone.name not in client.get(url, {"directive": "16"}).content.decode()


def test_extension_must_end_after_the_current_end(zone):
    with pytest.raises(ValidationError) as error:
        services.zone_extend(
            zone=zone, decision_number="131/QĐ-UBND", decided_on=D(2021, 7, 15), new_end=D(2021, 7, 16)
        )
    assert error.value.message_dict["new_end"] == [
        "Ngày kết thúc mới 16/07/2021 phải sau ngày kết thúc hiện tại 16/07/2021."
    ]
    services.zone_extend(zone=zone, decision_number="131/QĐ-UBND", decided_on=D(2021, 7, 15), new_end=D(2021, 7, 23))
    with pytest.raises(ValidationError) as error:
        services.zone_extend(
            zone=zone, decision_number="132/QĐ-UBND", decided_on=D(2021, 7, 15), new_end=D(2021, 7, 20)
        )
    assert "23/07/2021" in error.value.message_dict["new_end"][0]
    assert zone.extensions.count() == 1


def test_lifting_not_before_the_start_and_only_once(zone):
    with pytest.raises(ValidationError) as error:
        services.zone_lift(zone=zone, lift_decision="150/QĐ-UBND", lifted_on=D(2021, 7, 1))
    assert error.value.message_dict["lifted_on"] == [
        "Không thể dỡ bỏ vùng vào ngày 01/07/2021, trước ngày bắt đầu 02/07/2021."
    ]
    services.zone_lift(zone=zone, lift_decision="150/QĐ-UBND", lifted_on=D(2021, 7, 12))
    with pytest.raises(ValidationError) as error:
        services.zone_lift(zone=zone, lift_decision="151/QĐ-UBND", lifted_on=D(2021, 7, 13))
    assert "đã được dỡ bỏ" in error.value.message_dict["lifted_on"][0]
    with pytest.raises(ValidationError) as error:
        services.zone_extend(zone=zone, decision_number="152/QĐ-UBND", decided_on=D(2021, 7, 13), new_end=D(2021, 8, 1))
    assert "đã được dỡ bỏ" in error.value.message_dict["new_end"][0]


def test_polygon_validation():
    assert polygon_clean({"type": "Polygon", "coordinates": [square()]})["type"] == "Polygon"
    assert (
        polygon_clean(
            '{"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [[' + str(square()) + "]]}}"
        )["type"]
        == "MultiPolygon"
    )
    assert polygon_clean("") is None
    cases = {
        "open": {"type": "Polygon", "coordinates": [[*square()[:-1], [106.3, 21.3]]]},
        "short": {"type": "Polygon", "coordinates": [[[106.2, 21.2], [106.3, 21.2], [106.2, 21.2]]]},
        "latitude": {"type": "Polygon", "coordinates": [square(lat=95)]},
        "longitude": {"type": "Polygon", "coordinates": [square(lon=190)]},
        "kind": {"type": "Point", "coordinates": [106.2, 21.2]},
    }
    messages = {}
    for name, value in cases.items():
        with pytest.raises(ValidationError) as error:
            polygon_clean(value)
        messages[name] = error.value.message_dict["polygon"][0]
    assert "không khép kín" in messages["open"]
    assert "ít nhất 4" in messages["short"]
    assert "vĩ độ" in messages["latitude"]
    assert "kinh độ" in messages["longitude"]
    assert "Point" in messages["kind"]
    with pytest.raises(ValidationError):
        polygon_clean("{not json")


def test_declare_form_with_drawn_polygon_and_bad_polygon(world):
    client = client_for(world.user("commune"))
    data = {
        "kind": "lockdown",
        "directive": "16",
        "unit": world.commune_a.pk,
        "units": [world.village_a.pk],
        "decision_number": "Quyết định số 77/QĐ-UBND",
        "issued_on": "14/07/2021",
        "start_date": "14/07/2021",
        "planned_end": "28/07/2021",
        "polygon": '{"type": "Polygon", "coordinates": [[[106.2, 21.2], [106.3, 21.2], [106.2, 21.2]]]}',
        "inner_control": "Cấm ra khỏi nhà sau 18h",
        "outer_control": "Chốt 24/24 tại các lối vào",
    }
    response = client.get(reverse("zones:zone_create"))
    assert "zones/draw.js" in response.content.decode() and "Công bố vùng" in response.content.decode()
    response = client.post(reverse("zones:zone_create"), data)
    assert response.status_code == 200 and "ít nhất 4" in response.content.decode()
    assert not Zone.objects.exists()
    data["polygon"] = '{"type": "Polygon", "coordinates": [' + str(square()) + "]}"
    response = client.post(reverse("zones:zone_create"), data)
    zone = Zone.objects.get()
    assert response.status_code == 302 and response["Location"] == zone.get_absolute_url()
    assert zone.polygon["coordinates"][0][0] == [106.2, 21.25]
    assert list(zone.units.all()) == [world.village_a]


def test_directive_measures_are_shown_with_their_source(world, zone):
    page = client_for(world.user("commune")).get(reverse("zones:zone_detail", args=[zone.pk])).content.decode()
    assert "Không tổ chức sự kiện tập trung trên 20 người" in page
    assert "Chỉ thị 15/CT-TTg ngày 27/3/2020" in page
    assert 'data-testid="zone-measures-source"' in page


def test_zone_refused_when_no_directive_rule_is_in_force(world):
    with pytest.raises(ValidationError) as error:
        services.zone_declare(
            kind="distancing",
            directive=19,
            unit=world.commune_a,
            units=[world.commune_a],
            decision_number="1/QĐ-UBND",
            issued_on=D(2020, 1, 1),
            start_date=D(2020, 1, 2),
            planned_end=D(2020, 1, 20),
        )
    assert "directive.19.measures" in error.value.message_dict["directive"][0]


def test_commune_sees_a_district_zone_touching_its_village_but_not_others(world):
    zone = services.zone_declare(
        kind="lockdown",
        directive=16,
        unit=world.district,
        units=[world.village_a],
        decision_number="88/QĐ-UBND",
        issued_on=D(2021, 7, 10),
        start_date=D(2021, 7, 10),
        planned_end=D(2021, 7, 24),
    )
    assert client_for(world.user("commune")).get(zone.get_absolute_url()).status_code == 200
    other = world.user("commune", unit=world.commune_b, organisation=world.committee_b)
    assert client_for(other).get(zone.get_absolute_url()).status_code == 404
    api = client_for(other).get(reverse("api:zone-list")).json()
    assert api["count"] == 0


def test_leader_views_but_may_not_declare(world, zone):
    leader = client_for(world.user("leader", unit=world.district, organisation=world.district_body))
    assert leader.get(reverse("zones:zone_list")).status_code == 200
    assert leader.get(reverse("zones:zone_create")).status_code == 403
    assert leader.get(reverse("zones:zone_extend", args=[zone.pk])).status_code == 403


def test_extend_form_shows_the_vietnamese_error(world, zone):
    client = client_for(world.user("commune"))
    response = client.post(
        reverse("zones:zone_extend", args=[zone.pk]),
        {"decision_number": "133/QĐ-UBND", "decided_on": "15/07/2021", "new_end": "10/07/2021"},
    )
    assert response.status_code == 200
    assert "phải sau ngày kết thúc hiện tại 16/07/2021" in response.content.decode()
    assert not zone.extensions.exists()
