"""Zones, checkpoints and vaccination end to end (issue 7): a commune officer declares a Directive 15 zone over
Nội Hoàng and sees who lives inside; sets up a checkpoint for it; the checkpoint officer logs on the phone page a
person turned back, who came from an epidemic area and goes on the arrivals watch; the commune's health staff record
a dose in a vaccination session and the coverage figures move."""

import datetime as dt

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

D = dt.date


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Test-password-2021")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


@pytest.fixture
def setting(yen_dung, member, settings):
    from dualgoal.geography.selectors import unit_by_code
    from dualgoal.geography.services import village_ensure
    from dualgoal.operations.models import OriginArea
    from dualgoal.people.models import Person
    from dualgoal.vaccination.services import session_save

    settings.DUALGOAL_TODAY = "2021-07-15"
    noi_hoang = unit_by_code("07708")
    east = village_ensure(commune=noi_hoang, number=1, name="Thôn Đông")
    west = village_ensure(commune=noi_hoang, number=2, name="Thôn Tây")
    residents = [
        Person.objects.create(
            full_name="Nguyễn Văn An", id_number="024090001234", birth_date=D(1990, 3, 12), residence_unit=east
        ),
        Person.objects.create(
            full_name="Trần Thị Bình", id_number="024195000321", birth_date=D(1995, 11, 5), residence_unit=west
        ),
    ]
    elsewhere = unit_by_code("07681")  # Nham Biền: outside the zone
    Person.objects.create(full_name="Lê Văn Cường", id_number="024088000777", residence_unit=elsewhere)
    area = OriginArea.objects.create(
        name="Thành phố Hồ Chí Minh", risk_level="very_high", valid_from=D(2021, 7, 9), source="Thông báo (e2e)"
    )
    member("xa-noi-hoang", "commune", "ubnd-07708", "07708")
    member("chot-kiem-soat", "checkpoint", "yd-cahuyen", "07708")
    session = session_save(
        name="Tiêm vắc xin Pfizer ngày 15/7 — Xã Nội Hoàng",
        unit=noi_hoang,
        date=D(2021, 7, 15),
        product="pfizer",
        lot_number="FF1234",
        capacity=200,
        place="Trạm Y tế xã Nội Hoàng",
        status="open",
    )
    return {"residents": residents, "session": session, "noi_hoang": noi_hoang, "area": area}


def coverage_one(page, base, code):
    page.goto(f"{base}/vaccination/")
    return int(page.inner_text(f"[data-testid=one-{code}]").strip())


def test_zone_checkpoint_passage_and_dose(live_server, page, setting):
    from django.urls import reverse

    from dualgoal.operations.models import Arrival
    from dualgoal.zones.models import Passage

    base = live_server.url
    noi_hoang = setting["noi_hoang"]

    # the commune declares a Directive 15 zone over Nội Hoàng
    login(page, base, "xa-noi-hoang")
    page.goto(f"{base}{reverse('zones:zone_create')}")
    page.select_option("select[name=kind]", "distancing")
    page.select_option("select[name=directive]", "15")
    page.select_option("select[name=unit]", str(noi_hoang.pk))
    page.fill("input[name=decision_number]", "125/QĐ-UBND")
    page.fill("input[name=issued_on]", "14/07/2021")
    page.fill("input[name=start_date]", "15/07/2021")
    page.fill("input[name=planned_end]", "28/07/2021")
    page.select_option("select[name=units]", [str(noi_hoang.pk)])
    page.fill("textarea[name=inner_control]", "Hạn chế người dân ra khỏi nhà khi không cần thiết")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("[data-testid=zone-status]")
    assert page.get_attribute("[data-testid=zone-status]", "data-status") == "in_force"
    # who is inside is listed automatically: the two residents of Nội Hoàng, not the one of Nham Biền
    assert page.inner_text("[data-testid=count-residents]").strip() == "2"
    inside = page.inner_text("[data-testid=inside-residents]")
    assert "Nguyễn Văn An" in inside and "Trần Thị Bình" in inside and "Lê Văn Cường" not in inside
    # the directive's measures come from the rules, with their source
    assert "Chỉ thị 15/CT-TTg" in page.inner_text("[data-testid=zone-measures-source]")
    zone_url = page.url

    # a checkpoint for the zone
    page.goto(f"{base}{reverse('zones:checkpoint_create')}")
    page.fill("input[name=name]", "Chốt cầu Đông Xuyên")
    page.select_option("select[name=unit]", str(noi_hoang.pk))
    page.select_option("select[name=zone]", label=page.locator("select[name=zone] option").nth(1).inner_text())
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    assert "Chốt cầu Đông Xuyên" in page.inner_text("main")

    # the checkpoint officer turns back someone coming from Hồ Chí Minh City, on the phone page
    login(page, base, "chot-kiem-soat")
    page.goto(f"{base}{reverse('zones:phone')}")
    page.fill("input[name=name]", "Phạm Văn Dũng")
    page.fill("input[name=id_number]", "024089004321")
    page.fill("input[name=plate]", "98a12345")
    page.click("label[for=dir-in]")
    page.click("label[for=out-turned_back]")
    page.fill("input[name=reason]", "Đến từ vùng dịch, không có giấy đi đường")
    page.click("main details summary")  # "coming from an epidemic area?"
    assert "Thành phố Hồ Chí Minh" in page.inner_text("select[name=origin_area]")
    page.select_option("select[name=origin_area]", str(setting["area"].pk))
    page.click("[data-testid=passage-submit]")
    page.wait_for_selector("[data-testid=phone-result]")
    assert page.get_attribute("[data-testid=phone-result]", "data-outcome") == "turned_back"
    assert page.is_visible("[data-testid=phone-arrival]")
    passage = Passage.objects.get()
    assert passage.checkpoint.name == "Chốt cầu Đông Xuyên" and passage.plate == "98A-123.45"
    assert Arrival.objects.filter(person__id_number="024089004321").exists()

    # back at the zone: its checkpoint counts the passage
    login(page, base, "xa-noi-hoang")
    page.goto(zone_url)
    assert "Chốt cầu Đông Xuyên" in page.inner_text("[data-testid=zone-dashboard]")

    # a dose in the session: coverage of Nội Hoàng moves from 0 to 1
    assert coverage_one(page, base, "07708") == 0
    session_url = f"{base}{reverse('vaccination:session_detail', args=[setting['session'].pk])}"
    page.goto(f"{session_url}?q=nguyen van an")
    page.click("[data-testid=record-dose-form] button[type=submit]")
    page.wait_for_selector("[data-testid=session-doses]")
    assert "Nguyễn Văn An" in page.inner_text("[data-testid=session-doses]")
    assert coverage_one(page, base, "07708") == 1
    # the same person twice in one session is refused, citing the rule, and nothing is saved
    page.goto(f"{session_url}?q=nguyen van an")
    page.click("[data-testid=record-dose-form] button[type=submit]")
    page.wait_for_selector("[data-testid=form-errors]")
    assert coverage_one(page, base, "07708") == 1
