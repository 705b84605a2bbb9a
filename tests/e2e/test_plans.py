"""Plan execution end to end: upload a plan text, correct a task, save, report as the lead body, see the status
change on the coordinator's board."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLAN = """ỦY BAN NHÂN DÂN
HUYỆN YÊN DŨNG
Số: 77/KH-UBND
Yên Dũng, ngày 01 tháng 7 năm 2021

KẾ HOẠCH
Hỗ trợ doanh nghiệp hoạt động trở lại

I. MỤC ĐÍCH, YÊU CẦU

Bảo đảm 100% doanh nghiệp trên địa bàn hoạt động trở lại an toàn.

II. NHIỆM VỤ

1. Phòng Kinh tế và Hạ tầng chủ trì, phối hợp với Phòng Y tế kiểm tra điều kiện an toàn của các doanh nghiệp, xong trước ngày 31/7/2021.

2. Phòng Lao động - Thương binh và Xã hội chủ trì xác nhận danh sách người lao động đủ điều kiện trở lại làm việc, xong trong tháng 8/2021.
"""


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Test-password-2021")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def logout(page, base):
    page.context.clear_cookies()


def test_upload_correct_save_report_and_see_it_on_the_board(live_server, page, member, settings, tmp_path):
    settings.DUALGOAL_TODAY = "2021-07-15"
    member("dieu-phoi", "coordinator", "yd-tckh")
    member("kinh-te", "department", "yd-ktht")
    base = live_server.url
    plan_file = tmp_path / "ke-hoach-ho-tro-dn.txt"
    plan_file.write_text(PLAN, encoding="utf-8")

    login(page, base, "dieu-phoi")
    page.goto(f"{base}/plans/import/")
    page.set_input_files("input[name=file]", str(plan_file))
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_selector("[data-testid=review-form]")
    assert page.input_value("input[name=number]") == "77/KH-UBND"
    first = page.locator("textarea[name=task-0-text]")
    assert "kiểm tra điều kiện an toàn" in first.input_value()
    first.fill("Kiểm tra điều kiện an toàn phòng, chống dịch tại 45 doanh nghiệp")
    assert page.input_value("input[name=task-0-deadline]") == "2021-07-31"
    page.click("[data-testid=save-plan]")
    page.wait_for_selector("[data-testid=plan-tasks]")
    assert "45 doanh nghiệp" in page.inner_text("[data-testid=plan-tasks]")
    logout(page, base)

    login(page, base, "kinh-te")
    page.goto(f"{base}/plans/board/")
    page.click("text=Kiểm tra điều kiện an toàn phòng, chống dịch tại 45 doanh nghiệp")
    assert page.inner_text("[data-testid=task-status]").strip() == "chưa hoàn thành trong hạn"
    page.fill("[data-testid=report-form] input[name=reported_on]", "14/07/2021")
    page.fill("[data-testid=report-form] input[name=percent]", "100")
    page.fill("[data-testid=report-form] textarea[name=text]", "Đã kiểm tra 45/45 doanh nghiệp, 43 đạt.")
    page.click("[data-testid=report-form] button[type=submit]")
    page.wait_for_selector("[data-testid=reports] >> text=Đã kiểm tra 45/45")
    assert page.inner_text("[data-testid=task-status]").strip() == "hoàn thành đúng hạn"
    logout(page, base)

    login(page, base, "dieu-phoi")
    page.goto(f"{base}/plans/board/")
    page.select_option("select[name=organisation]", label="Phòng Kinh tế và Hạ tầng")
    page.wait_for_selector('[data-column="done_on_time"]')
    assert "45 doanh nghiệp" in page.inner_text('[data-column="done_on_time"]')
    assert "45 doanh nghiệp" not in page.inner_text('[data-column="in_progress"]')
