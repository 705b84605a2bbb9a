"""The registry's pages and API: masking, access log, search box, forms through the services."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from dualgoal.core.models import AccessLog
from dualgoal.people.models import Person


@pytest.fixture
def person(world):
    return Person.objects.create(
        full_name="Đặng Văn Hùng",
        id_number="024085001234",
        phone="0912345678",
        birth_year=1985,
        sex="M",
        residence_unit=world.village_a,
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def team(world):
    """Community Covid team: may view persons, may not see unmasked citizen IDs."""
    return client_for(world.user("community_team"))


@pytest.fixture
def officer(world):
    """Commune officer: may see unmasked citizen IDs."""
    return client_for(world.user("commune"))


LIST = "people:person_list"


def test_list_is_empty_until_a_search_for_a_large_registry(world, officer, monkeypatch):
    from dualgoal.people import selectors

    Person.objects.create(full_name="Lê Thị Mai", residence_unit=world.village_a)
    monkeypatch.setattr(selectors, "SMALL_SCOPE", 0)
    page = officer.get(reverse(LIST)).content.decode()
    assert 'data-testid="search-prompt"' in page and "Lê Thị Mai" not in page
    page = officer.get(reverse(LIST), {"q": "le thi"}).content.decode()
    assert "Lê Thị Mai" in page
    page = officer.get(reverse(LIST), {"village": world.village_a.pk}).content.decode()
    assert "Lê Thị Mai" in page


def test_search_without_diacritics_on_the_page(person, officer):
    page = officer.get(reverse(LIST), {"q": "dang van hung"}).content.decode()
    assert person.get_absolute_url() in page


@pytest.mark.parametrize("query", ["+84 912 345 678", "912345678", "0912.345.678", "24085001234"])
def test_search_by_phone_and_id_on_the_page(person, officer, query):
    page = officer.get(reverse(LIST), {"q": query}).content.decode()
    assert person.get_absolute_url() in page


def test_list_masks_ids_without_the_permission(person, team, officer):
    masked = team.get(reverse(LIST), {"q": "dang"}).content.decode()
    assert "02408****234" in masked and "024085001234" not in masked
    plain = officer.get(reverse(LIST), {"q": "dang"}).content.decode()
    assert "024085001234" in plain


def test_detail_masks_and_logs_every_view(person, team, officer):
    url = person.get_absolute_url()
    page = team.get(url).content.decode()
    assert "02408****234" in page and "024085001234" not in page
    assert "024085001234" in officer.get(url).content.decode()
    logs = AccessLog.objects.filter(object_type="people.Person", object_id=str(person.pk), action="view")
    assert logs.count() == 2


def test_history_masks_ids_and_is_logged(person, world, team):
    from dualgoal.people.services import person_update

    person_update(person=person, user=world.user("commune"), id_number="024085009999")
    page = team.get(reverse("people:person_history", args=[person.pk])).content.decode()
    assert "024085009999" not in page and "02408****999" in page
    assert AccessLog.objects.filter(object_id=str(person.pk), detail="history").exists()


def test_searches_are_logged_with_ids_masked(person, officer):
    officer.get(reverse(LIST), {"q": "024085001234"})
    log = AccessLog.objects.get(action="search")
    assert "024085001234" not in log.detail


def test_create_through_the_form(world, officer):
    response = officer.post(
        reverse("people:person_create"),
        {
            "full_name": "Phạm Thị Thu",
            "birth_date": "02/03/1990",
            "sex": "F",
            "id_number": "024190000123",
            "phone": "0987.654.321",
            "residence_unit": world.village_a.pk,
        },
    )
    person = Person.objects.get(full_name="Phạm Thị Thu")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert (person.phone, person.birth_year) == ("0987654321", 1990)


def test_form_errors_are_in_vietnamese_on_their_field(world, officer):
    with translation.override("vi"):
        response = officer.post(
            reverse("people:person_create"),
            {
                "full_name": "Phạm Thị Thu",
                "id_number": "024090000123",
                "sex": "F",
                "residence_unit": world.village_a.pk,
            },
        )
    assert response.status_code == 200
    assert "id_number" in response.context["form"].errors
    assert "Số CCCD/CMND" in response.context["form"].errors["id_number"][0]
    assert not Person.objects.exists()


def test_edit_through_the_form(person, world, officer):
    response = officer.post(
        reverse("people:person_update", args=[person.pk]),
        {
            "full_name": "Đặng Văn Hùng",
            "birth_year": "1985",
            "sex": "M",
            "id_number": "024085001234",
            "phone": "0912 000 111",
            "residence_unit": world.village_a.pk,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "0912000111"
    assert person.history.count() == 2


def test_team_without_change_permission_cannot_edit_but_can_add(person, world):
    checkpoint = client_for(world.user("checkpoint"))
    assert checkpoint.get(reverse("people:person_update", args=[person.pk])).status_code == 403
    assert checkpoint.get(reverse("people:person_create")).status_code == 403


def test_edit_outside_scope_is_404(person, world):
    other = client_for(world.user("commune", unit=world.commune_b))
    assert other.get(reverse("people:person_update", args=[person.pk])).status_code == 404


# --- API ---------------------------------------------------------------------------------------------------


def test_api_search_and_masking(person, team, officer):
    url = reverse("api:person-list")
    rows = team.get(url, {"q": "dang van"}).json()["results"]
    assert [r["id_number"] for r in rows] == ["02408****234"]
    rows = officer.get(url, {"q": "+84 912 345 678"}).json()["results"]
    assert [r["id_number"] for r in rows] == ["024085001234"]


def test_api_retrieve_is_logged(person, team):
    data = team.get(reverse("api:person-detail", args=[person.pk])).json()
    assert data["id_number"] == "02408****234"
    assert AccessLog.objects.filter(action="api", object_id=str(person.pk)).count() == 1


def test_api_list_of_a_large_scope_needs_a_query(person, officer, monkeypatch):
    from dualgoal.people import selectors

    monkeypatch.setattr(selectors, "SMALL_SCOPE", 0)
    response = officer.get(reverse("api:person-list"))
    assert response.status_code == 400 and "q" in response.json()


def test_api_create_and_update_through_the_services(world, officer):
    url = reverse("api:person-list")
    response = officer.post(
        url,
        {"full_name": "Vũ Văn Nam", "birth_year": 2001, "sex": "M", "residence_unit": world.village_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = officer.patch(
        reverse("api:person-detail", args=[pk]), {"phone": "+84 987 654 321"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["phone"] == "0987654321"


def test_api_errors_name_the_field(world, officer):
    with translation.override("vi"):
        response = officer.post(
            reverse("api:person-list"),
            {"full_name": "", "phone": "123", "residence_unit": world.village_b.pk},
            content_type="application/json",
            headers={"accept-language": "vi"},
        )
    assert response.status_code == 400
    assert set(response.json()) >= {"full_name", "phone", "residence_unit"}
    assert not Person.objects.exists()


def test_admin_search_uses_the_registry_search(person, django_user_model):
    root = client_for(django_user_model.objects.create_superuser("root", password="x-Test-2021"))
    page = root.get(reverse("admin:people_person_changelist"), {"q": "dang van"}).content.decode()
    assert "Đặng Văn Hùng" in page
    page = root.get(reverse("admin:people_person_changelist"), {"q": "+84 912 345 678"}).content.decode()
    assert "Đặng Văn Hùng" in page
