"""/api/v1/cases/, /api/v1/contacts/ and /api/v1/persons/{id}/exposure/: scoped, logged."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from dualgoal.core.models import AccessLog
from dualgoal.epidemic import services, tracing_service
from dualgoal.people.models import Person

D = dt.date


@pytest.fixture(autouse=True)
def fresh_engine(settings):
    settings.DUALGOAL_TODAY = "2021-07-15"
    tracing_service.forget_engine()
    yield
    tracing_service.forget_engine()


@pytest.fixture
def pair(world):
    an = Person.objects.create(full_name="Nguyễn Văn An", id_number="024090000001", residence_unit=world.village_a)
    binh = Person.objects.create(full_name="Trần Thị Bình", id_number="024090000002", residence_unit=world.village_b)
    lone = Person.objects.create(full_name="Lê Văn Cô", id_number="024090000003", residence_unit=world.village_a)
    case = services.case_record(person=an, code="BN1001", sample_date=D(2021, 7, 2))
    contact = services.contact_record(person_a=an, person_b=binh, date=D(2021, 7, 3), setting="workplace")
    return {"an": an, "binh": binh, "lone": lone, "case": case, "contact": contact}


def api(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def exposure_url(person) -> str:
    return reverse("api:person-exposure", args=[person.pk])


def test_exposure_gives_level_date_and_path(world, pair):
    officer_b = api(world.user("commune", unit=world.commune_b, organisation=world.committee_b))
    before = AccessLog.objects.count()
    response = officer_b.get(exposure_url(pair["binh"]))
    assert response.status_code == 200
    assert response.json() == {
        "level": 1,
        "exposed_on": "2021-07-03",
        "path": [
            # the F0 with the start of their infectious period: 2 days before the positive sample
            {"person": pair["an"].pk, "day": "2021-06-30", "from": None, "contact": None, "group": None},
            {
                "person": pair["binh"].pk,
                "day": "2021-07-03",
                "from": pair["an"].pk,
                "contact": pair["contact"].pk,
                "group": None,
            },
        ],
    }
    log = AccessLog.objects.latest("pk")
    assert AccessLog.objects.count() == before + 1 and log.object_id == str(pair["binh"].pk)


def test_exposure_outside_scope_is_404_and_without_permission_403(world, pair):
    officer_a = api(world.user("commune"))
    assert officer_a.get(exposure_url(pair["binh"])).status_code == 404
    assert api(world.user("checkpoint")).get(exposure_url(pair["an"])).status_code == 403
    assert Client().get(exposure_url(pair["an"])).status_code in (401, 403)


def test_exposure_of_someone_never_traced(world, pair):
    response = api(world.user("commune")).get(exposure_url(pair["lone"]))
    assert response.json() == {"level": None, "exposed_on": None, "path": []}


def test_cases_are_scoped_and_reads_logged(world, pair):
    officer_a = api(world.user("commune"))
    rows = officer_a.get(reverse("api:case-list")).json()["results"]
    assert [r["code"] for r in rows] == ["BN1001"]
    before = AccessLog.objects.count()
    detail = officer_a.get(reverse("api:case-detail", args=[pair["case"].pk])).json()
    assert detail["person_name"] == "Nguyễn Văn An" and detail["outcome"] == "treating"
    assert AccessLog.objects.count() == before + 1
    officer_b = api(world.user("commune", unit=world.commune_b, organisation=world.committee_b))
    assert officer_b.get(reverse("api:case-list")).json()["results"] == []
    assert officer_b.get(reverse("api:case-detail", args=[pair["case"].pk])).status_code == 404


def test_a_contact_across_communes_is_seen_from_both_sides(world, pair):
    for user in (
        world.user("commune"),
        world.user("commune", unit=world.commune_b, organisation=world.committee_b),
    ):
        rows = api(user).get(reverse("api:contact-list")).json()["results"]
        assert [(r["person_a"], r["person_b"], r["setting"]) for r in rows] == [
            (pair["an"].pk, pair["binh"].pk, "workplace")
        ]
