"""Permits end to end (issue 6, point 9): an enterprise uploads its worker list with an error, fixes it and uploads
again; the workers sign the commitment, the Labour department confirms the list, the enterprise gets a permit and
prints it; a checkpoint officer scans it on a phone (VALID); the health office records a case for a contact of the
worker, who becomes F1; the same scan now says REVOKED, with the cause."""

import datetime as dt

import pytest
from django.core import signing

from dualgoal.economy.models import Permit
from dualgoal.economy.services import PERMIT_SALT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

D = dt.date
GOOD_ID = "024190001234"


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Test-password-2021")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def worker_list(path, second_id: str):
    """The list as an enterprise sends it: a title above the header, then two workers."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["CÔNG TY TNHH ĐIỆN TỬ HỒNG PHÁT"])
    sheet.append(["DANH SÁCH CÔNG NHÂN ĐI LÀM THEO PHƯƠNG ÁN 2 ĐIỂM 1 ĐƯỜNG"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Chỗ ở hiện tại", "Bộ phận"])
    sheet.append([1, "Nguyễn Văn An", "12/03/1990", GOOD_ID, "Thôn Đông, xã Nội Hoàng", "Lắp ráp"])
    sheet.append([2, "Trần Thị Bình", "05/11/1995", second_id, "Thôn Tây, xã Tiền Phong", "Kho vận"])
    book.save(path)
    return str(path)


@pytest.fixture
def setting(yen_dung, member, settings):
    from dualgoal.accounts.models import Membership, User
    from dualgoal.economy import services
    from dualgoal.epidemic import tracing_service
    from dualgoal.geography.selectors import unit_by_code
    from dualgoal.geography.services import village_ensure
    from dualgoal.people.models import Person

    settings.DUALGOAL_TODAY = "2021-07-15"
    tracing_service.forget_engine()
    noi_hoang = unit_by_code("07708")
    village = village_ensure(commune=noi_hoang, number=1, name="Thôn Đông")
    enterprise = services.enterprise_register(
        tax_code="2400123456",
        name="Công ty TNHH Điện tử Hồng Phát",
        commune=noi_hoang,
        address="Lô E5, KCN Song Khê - Nội Hoàng",
        workforce=800,
        status="reopened",
    )
    user = User.objects.create_user(username="doanh-nghiep", password="Test-password-2021")
    Membership.objects.create(user=user, organisation=enterprise.organisation, admin_unit=noi_hoang, role="enterprise")
    member("lao-dong", "department", "yd-ldtbxh")
    member("chot-kiem-soat", "checkpoint", "yd-cahuyen", "07708")
    member("y-te", "department", "yd-pyt")
    neighbour = Person.objects.create(full_name="Lê Văn Cường", id_number="024088000777", residence_unit=village)
    yield {"enterprise": enterprise, "neighbour": neighbour}
    tracing_service.forget_engine()


def upload(page, base, path):
    page.goto(f"{base}/economy/portal/")
    page.click("[data-testid=tab-workers]")
    page.click("[data-testid=upload-workers]")
    page.set_input_files("[data-testid=worker-upload-form] input[name=file]", path)
    page.click("[data-testid=worker-upload-form] button[type=submit]")
    page.wait_for_selector("[data-testid=import-outcome]")


def test_upload_fix_issue_scan_then_f1_revokes(live_server, browser, page, setting, tmp_path):
    from django.urls import reverse

    base = live_server.url
    enterprise = setting["enterprise"]

    # the enterprise uploads its list: one citizen ID is wrong
    login(page, base, "doanh-nghiep")
    upload(page, base, worker_list(tmp_path / "danh-sach.xlsx", second_id="02419500"))
    assert page.inner_text("[data-testid=imported]").strip() == "1"
    errors = page.inner_text("[data-testid=errors-table]")
    assert "6" in errors  # the Excel row of Trần Thị Bình
    # fixed, uploaded again: Bình is added, An is not duplicated
    upload(page, base, worker_list(tmp_path / "danh-sach-sua.xlsx", second_id="024195000321"))
    assert page.inner_text("[data-testid=error-rows]").strip() == "0"
    assert enterprise.employments.count() == 2

    # the workers signed the commitment
    page.goto(f"{base}{reverse('economy:portal_workers', args=[enterprise.pk])}")
    assert "Nguyễn Văn An" in page.inner_text("[data-testid=workers]")
    page.check("[data-testid=workers] thead input[type=checkbox]")
    page.fill("[data-testid=workers-form] input[name=commitment_signed_on]", "14/07/2021")
    page.click("[data-testid=record-commitments]")
    page.wait_for_selector(".alert-success")

    # the Labour department confirms the list
    login(page, base, "lao-dong")
    page.goto(f"{base}{reverse('economy:confirmation_create', args=[enterprise.pk])}")
    page.fill("[data-testid=confirmation-form] input[name=number]", "45/DS-LĐTBXH")
    page.fill("[data-testid=confirmation-form] input[name=date]", "14/07/2021")
    for box in page.locator("input[name=employments]").all():
        box.check()
    page.click("[data-testid=confirmation-form] button[type=submit]")
    page.wait_for_selector(".alert-success")

    # the enterprise requests An's permit and prints it
    login(page, base, "doanh-nghiep")
    page.goto(f"{base}{reverse('economy:portal_workers', args=[enterprise.pk])}")
    page.click("[data-testid=workers] >> text=Nguyễn Văn An")
    page.wait_for_selector("[data-testid=eligible]")
    page.click("[data-testid=request-permit]")
    page.wait_for_selector("[data-testid=permit-state]")
    assert page.inner_text("[data-testid=permit-state]").strip() == "hợp lệ"
    page.click("[data-testid=print-permit]")
    page.wait_for_selector("[data-testid=permit-sheet] svg")
    assert "Nguyễn Văn An" in page.inner_text("[data-testid=print-name]")
    check_url = page.get_attribute("[data-testid=qr]", "data-check-url")
    assert check_url.startswith(f"{base}/economy/check/")
    token = check_url.split("/economy/check/")[1].strip("/")
    # the code carries the permit's number, signed, and nothing about the worker
    assert signing.loads(token, salt=PERMIT_SALT) == Permit.objects.get(employment__enterprise=enterprise).pk
    assert GOOD_ID not in token and "Nguy" not in token

    # a checkpoint officer scans it on a phone (390 px wide)
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.set_default_timeout(15_000)
    phone.goto(check_url)
    phone.fill("input[name=username]", "chot-kiem-soat")
    phone.fill("input[name=password]", "Test-password-2021")
    phone.click("button[type=submit]")
    phone.wait_for_selector("[data-testid=checkpoint-form]")  # which checkpoint? asked once, then remembered
    phone.click("[data-testid=checkpoint-form] button[type=submit]")
    phone.wait_for_selector("[data-testid=verdict]")
    assert phone.get_attribute("[data-testid=verdict]", "data-result") == "valid"
    assert phone.inner_text("[data-testid=verdict]").strip() == "HỢP LỆ"
    assert "Nguyễn Văn An" in phone.inner_text("[data-testid=check-name]")
    assert enterprise.name in phone.inner_text("[data-testid=check-details]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the check page scrolls sideways ({width}px)"

    # the health office: An met Cường on 12/07; Cường tests positive → An becomes F1
    login(page, base, "y-te")
    page.goto(f"{base}/epidemic/contacts/new/")
    page.fill("[data-testid=contact-form] input[name=id_number_a]", "024088000777")
    page.fill("[data-testid=contact-form] input[name=id_number_b]", GOOD_ID)
    page.fill("[data-testid=contact-form] input[name=date]", "12/07/2021")
    page.click("[data-testid=contact-form] button[type=submit]")
    page.wait_for_selector(".alert-success")
    page.goto(f"{base}/epidemic/cases/new/")
    page.fill("[data-testid=case-form] input[name=id_number]", "024088000777")
    page.fill("[data-testid=case-form] input[name=code]", "BN90001")
    page.fill("[data-testid=case-form] input[name=sample_date]", "13/07/2021")
    page.click("[data-testid=case-form] button[type=submit]")
    page.wait_for_selector("[data-testid=case-person]")

    # the same QR, scanned again: revoked, with the cause
    phone.goto(check_url)
    phone.wait_for_selector("[data-testid=verdict]")
    assert phone.get_attribute("[data-testid=verdict]", "data-result") == "revoked"
    assert phone.inner_text("[data-testid=verdict] .word").strip() == "ĐÃ THU HỒI"
    reason = phone.inner_text("[data-testid=verdict-reason]")
    assert "Nguyễn Văn An" in reason and "F1" in reason
    phone.goto(f"{base}/economy/check/")
    assert phone.locator("[data-testid=recent-scans] li").count() == 2
    phone.context.close()
