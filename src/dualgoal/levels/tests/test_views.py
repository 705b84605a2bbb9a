"""The screens in Vietnamese: the commune grid, a commune's history, the compute button, venues; and the API."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from dualgoal.levels.models import CommuneLevel, Venue
from dualgoal.levels.services import levels_compute

from .conftest import PREVIOUS, WEEK


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_grid_shows_a_tile_per_commune_in_vietnamese(district, coverage, cases):
    cases(district.village_a, 6, WEEK)
    levels_compute(week_start=WEEK)
    officer_b = district.user("commune", unit=district.commune_b)
    page = client_for(officer_b).get(reverse("levels:grid"), {"week": "2021-10-20"}).content.decode()
    assert page.count('data-testid="commune-tile"') == 2
    assert "Cấp độ dịch cấp xã" in page
    assert "Cấp 3 – Nguy cơ cao" in page  # the level is written, not only coloured
    assert "Cấp 1 – Nguy cơ thấp" in page
    assert "Nội Hoàng" in page and "Tiến Dũng" in page
    assert "ca/100.000" in page
    assert 'data-testid="compute-form"' not in page  # a commune officer computes nothing


def test_a_week_without_rule_says_so_on_the_grid(district):
    leader = district.user("leader", unit=district.district, organisation=district.district_body)
    page = client_for(leader).get(reverse("levels:grid"), {"week": "2021-07-15"}).content.decode()
    assert "Chưa có quy định xác định cấp độ dịch trong tuần này" in page
    assert "11/10/2021" in page
    assert 'data-testid="compute-form"' not in page


def test_commune_officer_sees_all_levels_but_cannot_compute(district, coverage):
    levels_compute(week_start=WEEK)
    officer_a = district.user("commune")
    client = client_for(officer_a)
    other = CommuneLevel.objects.get(commune=district.commune_b)
    assert client.get(other.get_absolute_url()).status_code == 200
    assert client.get(reverse("levels:commune_history", args=[district.commune_b.pk])).status_code == 200
    response = client.post(reverse("levels:compute"), {"week": "2021-10-25"})
    assert response.status_code == 403
    assert not CommuneLevel.objects.filter(week_start=dt.date(2021, 10, 25)).exists()
    api = client.get(reverse("api:communelevel-list"), {"week": "2021-10-20"}).json()
    assert {row["commune_code"] for row in api["results"]} == {"07708", "07729"}


def test_compute_button_for_the_health_department(district, coverage, cases):
    yte = district.user("department", unit=district.district, organisation=district.district_body)
    cases(district.village_a, 2, WEEK)
    client = client_for(yte)
    response = client.post(reverse("levels:compute"), {"week": "2021-10-21"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã tính cấp độ dịch" in page
    assert CommuneLevel.objects.get(commune=district.commune_a, week_start=WEEK).level == 2
    refused = client.post(reverse("levels:compute"), {"week": "2021-07-14"}, follow=True).content.decode()
    assert "Chưa có quy định xác định cấp độ dịch trong tuần này" in refused
    assert not CommuneLevel.objects.filter(week_start=dt.date(2021, 7, 12)).exists()


def test_commune_history_table_and_chart(district, coverage, cases):
    levels_compute(week_start=PREVIOUS)
    cases(district.village_a, 6, WEEK)
    levels_compute(week_start=WEEK)
    officer = district.user("commune")
    page = client_for(officer).get(reverse("levels:commune_history", args=[district.commune_a.pk])).content.decode()
    assert "<svg" in page and page.count("<rect") == 2
    assert page.count("Cấp 3 – Nguy cơ cao") >= 1
    assert "11/10/2021–17/10/2021" in page and "18/10/2021–24/10/2021" in page


def test_venue_capacity_follows_the_level(district, coverage, cases, settings):
    from dualgoal.organisations.models import Organisation

    cases(district.village_a, 20, WEEK)  # 200 per 100,000: level 4, venues closed
    levels_compute(week_start=WEEK)
    org = Organisation.objects.create(code="t-sport", name="Nhà thi đấu", kind="other", admin_unit=district.commune_a)
    venue = Venue.objects.create(
        name="Nhà thi đấu A", kind="sport", commune=district.commune_a, organisation=org, normal_capacity=800
    )
    quiet = Venue.objects.create(name="Nhà văn hóa B", kind="culture", commune=district.commune_b, normal_capacity=200)
    operator = district.user("venue_operator", organisation=org)
    client = client_for(operator)
    page = client.get(venue.get_absolute_url()).content.decode()
    assert "0% — tối đa 0/800 người" in page
    assert client.get(quiet.get_absolute_url()).status_code == 404  # not its venue
    listing = client.get(reverse("api:venue-list")).json()["results"]
    assert [(v["name"], v["allowed_persons"]) for v in listing] == [("Nhà thi đấu A", 0)]
    officer_b = district.user("commune", unit=district.commune_b)
    data = client_for(officer_b).get(reverse("api:venue-detail", args=[quiet.pk])).json()
    assert (data["allowed_percent"], data["allowed_persons"]) == (50.0, 100)  # level 1: the plan's 50% ceiling


def test_venue_form_refuses_bad_input_in_vietnamese(district):
    officer = district.user("commune")
    client = client_for(officer)
    response = client.post(reverse("levels:venue_create"), {"name": "", "kind": "golf", "normal_capacity": "0"})
    page = response.content.decode()
    assert response.status_code == 200
    assert not Venue.objects.exists()
    assert "Trường này là bắt buộc" in page or "bắt buộc" in page
    ok = client.post(
        reverse("levels:venue_create"),
        {"name": "Sân bóng xã", "kind": "sport", "commune": district.commune_a.pk, "normal_capacity": "300"},
    )
    assert ok.status_code == 302
    assert Venue.objects.get().commune == district.commune_a


def test_level_page_gives_reasons_and_rule_versions(district, coverage, cases):
    coverage({district.commune_a.pk: 0.5})
    cases(district.village_a, 5, WEEK)  # 50 per 100,000: level 3, raised to 4 by low coverage
    levels_compute(week_start=WEEK)
    row = CommuneLevel.objects.get(commune=district.commune_a)
    page = client_for(district.user("commune")).get(row.get_absolute_url()).content.decode()
    assert "đạt ngưỡng cấp 3 (≥ 50)" in page
    assert "dưới 80%: nâng từ cấp 3 lên cấp 4" in page
    assert "11/10/2021 đến ngày 26/01/2022" in page  # the thresholds version used, as dates
    assert "chưa kiểm chứng" in page
