"""Tracing end to end: the health office records a positive test for an F1, watches that person's contacts move
up a level, and opens the "why" panel of one of them to see the new path."""

import datetime as dt

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

D = dt.date


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Test-password-2021")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def totals(page, base) -> dict[str, int]:
    page.goto(f"{base}/epidemic/counts/")
    return {
        level: int(page.inner_text(f"[data-testid=total-{level}]").replace(".", ""))
        for level in ("F0", "F1", "F2", "F3")
    }


@pytest.fixture
def outbreak(yen_dung, settings):
    """In Nội Hoàng: An is F0; An → Bình (household, 5/7) → Cường (workplace, 7/7) → Dung (8/7)."""
    from dualgoal.epidemic import services, tracing_service
    from dualgoal.geography.selectors import unit_by_code
    from dualgoal.geography.services import village_ensure
    from dualgoal.people.models import Person

    settings.DUALGOAL_TODAY = "2021-07-15"
    tracing_service.forget_engine()
    village = village_ensure(commune=unit_by_code("07708"), number=1, name="Thôn Đông")
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    an, binh, cuong, dung = (
        Person.objects.create(full_name=name, id_number=f"02408{i:07d}", residence_unit=village)
        for i, name in enumerate(names, start=1)
    )
    services.case_record(person=an, code="BN6001", sample_date=D(2021, 7, 6), onset_date=D(2021, 7, 5))
    services.contact_record(person_a=an, person_b=binh, date=D(2021, 7, 5), setting="household")
    services.contact_record(person_a=binh, person_b=cuong, date=D(2021, 7, 7), setting="workplace", note="Xưởng may")
    services.contact_record(person_a=cuong, person_b=dung, date=D(2021, 7, 8), setting="community")
    yield {"an": an, "binh": binh, "cuong": cuong, "dung": dung}
    tracing_service.forget_engine()


def test_a_positive_test_moves_the_contacts_up_and_the_why_panel_explains(live_server, page, member, outbreak):
    member("y-te", "department", "yd-pyt")
    base = live_server.url
    login(page, base, "y-te")
    assert totals(page, base) == {"F0": 1, "F1": 1, "F2": 1, "F3": 1}

    page.goto(f"{base}/epidemic/why/{outbreak['binh'].pk}/")
    assert page.inner_text("[data-testid=person-level]").strip() == "F1"
    page.click("[data-testid=record-positive]")
    page.wait_for_selector("[data-testid=case-form]")
    assert "Trần Thị Bình" in page.inner_text("[data-testid=case-person]")
    page.fill("[data-testid=case-form] input[name=code]", "BN6002")
    page.fill("[data-testid=case-form] input[name=sample_date]", "09/07/2021")
    page.click("[data-testid=case-form] button[type=submit]")
    page.wait_for_selector("[data-testid=case-person]")
    assert "BN6002" in page.inner_text("h1")

    # everyone downstream of Bình moved up a level
    assert totals(page, base) == {"F0": 2, "F1": 1, "F2": 1, "F3": 0}
    page.goto(f"{base}/epidemic/why/{outbreak['cuong'].pk}/")
    assert page.inner_text("[data-testid=person-level]").strip() == "F1"
    steps = page.locator("[data-testid=why-step]")
    assert steps.count() == 2
    assert "Trần Thị Bình" in steps.nth(0).inner_text() and "BN6002" in steps.nth(0).inner_text()
    assert "Lê Văn Cường" in steps.nth(1).inner_text() and "07/07/2021" in steps.nth(1).inner_text()
    assert "Xưởng may" in steps.nth(1).inner_text()
    assert "BN6002" in page.inner_text("[data-testid=level-history]")  # the cause of the change

    # the F2 of the chain: the why panel leads back through Cường to the new case
    page.goto(f"{base}/epidemic/why/{outbreak['dung'].pk}/")
    assert page.inner_text("[data-testid=person-level]").strip() == "F2"
    who = [name.strip() for name in page.locator("[data-testid=step-who]").all_inner_texts()]
    assert who == ["Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    page.click("[data-testid=step-who] >> text=Lê Văn Cường")
    page.wait_for_url(f"{base}/epidemic/why/{outbreak['cuong'].pk}/")
