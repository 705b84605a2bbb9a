"""Epidemic operations end to end: order and admit an F1 to a facility room, record a positive pool and see the
individual retests, release a person and get a certificate that the public verification page accepts."""

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


@pytest.fixture
def scene(yen_dung, member, settings):
    from dualgoal.epidemic import tracing_service
    from dualgoal.geography.selectors import unit_by_code
    from dualgoal.geography.services import village_ensure
    from dualgoal.operations import services
    from dualgoal.people.models import Person

    settings.DUALGOAL_TODAY = "2021-07-15"
    tracing_service.forget_engine()
    member("quan-ly", "facility_manager", "yd-ttyt")
    commune = unit_by_code("07708")
    village = village_ensure(commune=commune, number=1, name="Thôn Đông")
    facility = services.facility_save(name="Khu cách ly Trường THCS Nội Hoàng", commune=commune, capacity=12)
    for code in ("P101", "P102"):
        services.room_save(facility=facility, code=code, capacity=6)
    people = [
        Person.objects.create(full_name=name, id_number=f"0240930{n:05d}", residence_unit=village)
        for n, name in enumerate(
            ["Nguyễn Văn Tiếp", "Trần Thị Gộp", "Lê Văn Mẫu", "Phạm Thị Ba", "Đỗ Thị Hoàn Thành"], start=1
        )
    ]
    done = services.order_create(person=people[4], subject="f1", kind="facility", start_date=D(2021, 6, 20))
    for sample in done.samples.all():
        services.sample_result_record(sample=sample, result="negative", result_on=sample.taken_on)
    yield {"people": people, "done": done}
    tracing_service.forget_engine()


def test_admit_pool_retests_release_and_certificate(live_server, page, scene):
    base = live_server.url
    people, done = scene["people"], scene["done"]
    login(page, base, "quan-ly")

    # 1. an F1 quarantined from 14/07/2021 (14 days under CV 5599), admitted to the proposed room
    page.goto(f"{base}/operations/orders/new/")
    page.fill("[data-testid=order-form] input[name=id_number]", people[0].id_number)
    page.select_option("select[name=subject]", "f1")
    page.select_option("select[name=kind]", "facility")
    page.fill("input[name=start_date]", "14/07/2021")
    page.click("[data-testid=order-form] button[type=submit]")
    page.wait_for_selector("[data-testid=order-person]")
    assert "27/07/2021" in page.inner_text("main")
    page.click("[data-testid=admit-link]")
    page.wait_for_selector("[data-testid=room-proposal]")
    page.fill("input[name=admitted_on]", "14/07/2021")
    page.click("[data-testid=admit-form] button[type=submit]")
    page.wait_for_selector("[data-testid=admissions] >> text=P101")

    # 2. a pool of three, positive: each member gets an individual retest
    page.goto(f"{base}/operations/pools/new/")
    page.fill("input[name=code]", "GOP-NH-0714")
    page.fill("input[name=taken_on]", "14/07/2021")
    page.select_option("select[name=area]", label="Xã Nội Hoàng")
    page.fill("textarea[name=members]", "\n".join(p.id_number for p in people[1:4]))
    page.click("[data-testid=pool-form] button[type=submit]")
    page.wait_for_selector("[data-testid=pool-members]")
    page.click("[data-testid=pool-result-link]")
    page.select_option("select[name=result]", "positive")
    page.fill("input[name=result_on]", "15/07/2021")
    page.click("[data-testid=result-form] button[type=submit]")
    page.wait_for_selector("[data-testid=pool-retests]")
    retests = page.inner_text("[data-testid=pool-retests]")
    assert all(p.full_name in retests for p in people[1:4])

    # 3. release at the end of the 21-day period (started 20/06/2021) with a certificate
    page.goto(f"{base}/operations/orders/{done.pk}/")
    assert "10/07/2021" in page.inner_text("main")
    page.click("[data-testid=release-link]")
    page.fill("input[name=released_on]", "10/07/2021")
    page.fill("input[name=signer]", "Nguyễn Văn Thành")
    page.click("[data-testid=release-form] button[type=submit]")
    page.wait_for_selector("[data-testid=verify-link]")
    assert "001/2021/GXN-CL" in page.inner_text("main")
    docx = page.request.get(base + page.get_attribute("[data-testid=certificate-docx]", "href"))
    assert docx.ok and docx.body()[:2] == b"PK"
    verify = page.get_attribute("[data-testid=verify-link]", "href")

    page.context.clear_cookies()
    page.goto(verify)
    result = page.locator("[data-testid=verify-result]")
    assert "alert-success" in result.get_attribute("class")
    assert "001/2021/GXN-CL" in page.inner_text("main")
    page.goto(verify[:-3] + "xyz/")
    assert "alert-danger" in page.locator("[data-testid=verify-result]").get_attribute("class")
