import re

import pytest
from django.urls import reverse

from dualgoal.core.rulebook import rule_add_version


@pytest.fixture
def officer_client(world, client):
    client.force_login(world.user("commune"))
    return client


def test_home_is_vietnamese_by_default_whatever_the_browser_asks(officer_client):
    page = officer_client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
    assert "Tổng quan" in page and "Đăng xuất" in page


def test_english_switch(officer_client):
    response = officer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = officer_client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in page and "Overview" in page and "Log out" in page


def counter(page: str, label: str) -> int:
    match = re.search(r'<div class="display-6">([\d.]+)</div>\s*<div class="text-muted">(?:<a [^>]*>)?' + label, page)
    assert match, label
    return int(match.group(1).replace(".", ""))


def test_home_counts_are_real_and_scoped(world, officer_client):
    import datetime as dt

    page = officer_client.get(reverse("home")).content.decode()
    assert counter(page, "phiên bản quy định") == 0
    # A commune officer sees their commune and its village, not the other commune's.
    assert counter(page, "xã, thị trấn") == 1
    assert counter(page, "thôn, tổ dân phố") == 1
    rule_add_version(key="x", value=1, valid_from=dt.date(2021, 1, 1), valid_to=None, source="S")
    page = officer_client.get(reverse("home")).content.decode()
    assert counter(page, "phiên bản quy định") == 1


def test_every_asset_is_served_locally(officer_client):
    page = officer_client.get(reverse("home")).content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:css|js))"', page)
    assert assets, "no assets found"
    for url in assets:
        assert url.startswith("/static/"), url
        assert officer_client.get(url).status_code == 200, url
    docs = officer_client.get(reverse("api-docs")).content.decode()
    assert "cdn" not in docs.lower() and "https://" not in docs


def test_phone_width_layout_has_a_viewport_and_collapsing_menu(officer_client):
    page = officer_client.get(reverse("home")).content.decode()
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    assert "navbar-toggler" in page


def test_api_schema_pagination_and_token(world, client):
    user = world.user("commune")
    schema = client.get(reverse("api-schema"))
    assert schema.status_code == 200 and b"/api/v1/units/" in schema.content
    token = client.post(reverse("api:api-token"), {"username": user.username, "password": "Test-password-2021"})
    key = token.json()["token"]
    response = client.get(reverse("api:adminunit-list"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert {"count", "next", "previous", "results"} <= response.json().keys()
    me = client.get(reverse("api:api-me"), HTTP_AUTHORIZATION=f"Token {key}").json()
    assert me["roles"] == ["commune"] and me["memberships"][0]["admin_unit_code"] == "07708"


def test_unknown_page_is_a_vietnamese_404(officer_client):
    response = officer_client.get("/khong-co-trang-nay/")
    assert response.status_code == 404


def test_access_log_is_for_administrators_only(world, client):
    from dualgoal.core.access import access_log

    admin = world.user("admin", unit=world.district, organisation=world.district_body)
    request = type("R", (), {"user": admin, "META": {"REMOTE_ADDR": "127.0.0.1"}})()
    access_log(request=request, action="view", obj=world.committee_a, detail="kiểm tra")
    client.force_login(admin)
    page = client.get(reverse("core:accesslog_list"))
    assert page.status_code == 200 and "kiểm tra" in page.content.decode()
    client.force_login(world.user("commune"))
    assert client.get(reverse("core:accesslog_list")).status_code == 403


def test_notifications_page_lists_mine_and_marks_them_read(world, client):
    from dualgoal.core.notify import notify

    officer, other = world.user("commune"), world.user("commune")
    notify(users=[officer], subject="Nhiệm vụ sắp đến hạn", url="/plans/")
    notify(users=[other], subject="Thông báo của người khác")
    client.force_login(officer)
    assert 'class="badge text-bg-warning">1<' in client.get(reverse("home")).content.decode()
    page = client.get(reverse("core:notifications")).content.decode()
    assert "Nhiệm vụ sắp đến hạn" in page and "Thông báo của người khác" not in page
    assert officer.notifications.filter(read_at__isnull=True).count() == 0
