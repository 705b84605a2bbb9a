"""Log in as a demo user, see the Vietnamese home page, switch to English and back, log out — on a phone width."""

import pytest

from dualgoal.core.testing import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_home_language_logout(live_server, page):
    from dualgoal.core.testing import build_world

    world = build_world()
    user = world.user("commune")

    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert page.locator("h1").inner_text() == "Đăng nhập"  # Vietnamese although the browser asks for English
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")

    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Tổng quan"
    assert page.locator("html").get_attribute("lang") == "vi"
    # Real counts of what the user's scope holds: one commune, one village.
    assert "xã, thị trấn" in page.locator("[data-testid=counters]").inner_text()
    # Usable at 390 px: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.click("[data-testid=lang-en]")
    page.wait_for_selector("html[lang=en]")
    assert page.locator("h1").inner_text() == "Overview"
    page.click("[data-testid=lang-vi]")
    page.wait_for_selector("html[lang=vi]")

    page.click(".navbar-toggler")
    page.wait_for_selector("#nav.show")  # the collapsed menu has finished opening
    page.click("[data-testid=user-menu]")
    page.wait_for_selector("[data-testid=logout]", state="visible")
    with page.expect_navigation():
        page.click("[data-testid=logout]")
    page.wait_for_url("**/accounts/login/")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
