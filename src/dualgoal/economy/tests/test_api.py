"""The economy API: scoped like the screens, writes through the services with their refusals."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from dualgoal.economy.models import BoardingHouse, Permit
from dualgoal.geography.selectors import unit_by_code

from .test_services import LEASE_SOURCE, enterprise_in, permit_for, village_of, worker
from .test_views import portal_user


@pytest.fixture(autouse=True)
def demo_day(settings):
    settings.DUALGOAL_TODAY = "2021-07-15"
    with translation.override("en"):
        yield


@pytest.fixture
def firms(yen_dung):
    from dualgoal.core.demo_loaders import load_villages

    load_villages()
    return enterprise_in(unit_by_code("07708")), enterprise_in(
        unit_by_code("07708"), tax_code="2400777777", name="Công ty CP May Song Khê"
    )


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_enterprise_user_reads_only_their_enterprise(firms):
    own, other = firms
    api = api_for(portal_user(own))
    listing = api.get(reverse("api:enterprise-list")).json()
    assert [row["id"] for row in listing["results"]] == [own.pk]
    assert len(listing["results"][0]["conditions"]) == 4
    assert api.get(reverse("api:enterprise-detail", args=[other.pk])).status_code == 404
    theirs = permit_for(worker(other, "Công nhân DN khác"))
    assert api.get(reverse("api:permit-detail", args=[theirs.pk])).status_code == 404
    assert api.get(reverse("api:employment-list")).json()["results"] == []


def test_requesting_a_permit_through_the_api(firms):
    own, _ = firms
    api = api_for(portal_user(own))
    waiting = worker(own, "Lê Văn Cường", committed=False, confirmed=False)
    response = api.post(
        reverse("api:permit-list"),
        {"employment": waiting.pk, "valid_from": "2021-07-15", "valid_to": "2021-07-28"},
        format="json",
    )
    assert response.status_code == 400
    reasons = " ".join(response.json()["non_field_errors"])
    assert "Labour department" in reasons and "commitment" in reasons

    ready = worker(own, "Trần Thị Bình")
    response = api.post(
        reverse("api:permit-list"),
        {"employment": ready.pk, "valid_from": "2021-07-15", "valid_to": "2021-07-28", "route": "QL17"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "valid" and body["person_name"] == "Trần Thị Bình" and own.name in body["workplace"]
    revoke = api.post(reverse("api:permit-revoke", args=[body["id"]]), {"reason": "x"}, format="json")
    assert revoke.status_code == 403  # an enterprise does not revoke; the district does


def test_revoking_and_registering_as_the_district(firms, member):
    own, _ = firms
    permit = permit_for(worker(own, "Công nhân"))
    api = api_for(member("ktht-api", "department", "yd-ktht"))
    response = api.post(reverse("api:permit-revoke", args=[permit.pk]), {"reason": "Nghỉ việc"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    assert Permit.objects.get().revoke_reason == "Nghỉ việc"

    bad = api.post(
        reverse("api:enterprise-list"),
        {"tax_code": "123", "name": "DN", "commune": unit_by_code("07708").pk},
        format="json",
    )
    assert bad.status_code == 400 and "10 digits" in bad.json()["tax_code"][0]
    good = api.post(
        reverse("api:enterprise-list"),
        {"tax_code": "2400 888 888", "name": "DN mới", "commune": unit_by_code("07708").pk, "workforce": 50},
        format="json",
    )
    assert good.status_code == 201 and good.json()["tax_code"] == "2400888888"


def test_a_lease_through_the_api_is_refused_under_the_rule(firms, member):
    own, other = firms
    house = BoardingHouse.objects.create(
        name="Nhà trọ Thắng", owner_name="Nguyễn Văn Thắng", address="Số 5", village=village_of(own.commune), rooms=12
    )
    api = api_for(member("ktht-api-2", "department", "yd-ktht"))
    url = reverse("api:boardinghouse-lease", args=[house.pk])
    assert api.post(url, {"enterprise": own.pk, "rooms": 12, "start": "2021-07-01"}, format="json").status_code == 201
    refused = api.post(url, {"enterprise": other.pk, "rooms": 12, "start": "2021-07-05"}, format="json")
    assert refused.status_code == 400
    message = refused.json()["enterprise"][0]
    assert own.name in message and LEASE_SOURCE in message
