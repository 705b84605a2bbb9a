import pytest
from django.urls import reverse

from dualgoal.core.testing import PASSWORD


@pytest.fixture
def officer(world):
    return world.user("commune")


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_reaches_the_home_page_and_logout_leaves(client, officer):
    response = login(client, officer.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert "Tổng quan" in home.content.decode()
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_shows_a_vietnamese_error(client, officer):
    response = login(client, officer.username, "sai-mat-khau")
    assert response.status_code == 200
    assert "mật khẩu" in response.content.decode().lower()


def test_lockout_after_repeated_failures(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, officer.username, "sai-mat-khau")
    response = login(client, officer.username, PASSWORD)  # even the right password is refused now
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_password_change(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Mat-khau-moi-2021", "new_password2": "Mat-khau-moi-2021"},
    )
    assert response.status_code == 302
    client.logout()
    assert login(client, officer.username, "Mat-khau-moi-2021").status_code == 302


def test_anonymous_pages_redirect_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_roles_come_from_memberships(world):
    from dualgoal.accounts.roles import user_roles

    user = world.user("checkpoint")
    assert user_roles(user) == {"checkpoint"}
    assert user.has_perm("geography.view_adminunit")
    assert not user.has_perm("core.add_rule")
    assert not world.nobody().has_perm("geography.view_adminunit")


def test_a_role_narrowed_to_a_field_reaches_only_the_bodies_responsible_for_it(yen_dung, member):
    from dualgoal.accounts.roles import grant_keys, user_roles

    health = member("yte-1", "department", "yd-pyt")
    economy = member("ktht-1", "department", "yd-ktht")
    assert user_roles(health) == user_roles(economy) == {"department"}
    assert "department:health" in grant_keys(health) and "department:health" not in grant_keys(economy)
    # the health office records cases and doses and declares zones; the economy office does none of it
    for perm in ("epidemic.add_case", "vaccination.add_dose", "zones.add_zone", "people.view_health"):
        assert health.has_perm(perm) and not economy.has_perm(perm), perm
    # both still read what every department reads
    assert economy.has_perm("epidemic.view_case") and economy.has_perm("economy.add_inspection")
