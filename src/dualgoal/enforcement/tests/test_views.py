"""What users see: the public list (no login, only the published fields), the staff screens and their scope."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from dualgoal.core.models import AccessLog, Rule
from dualgoal.enforcement import services
from dualgoal.enforcement.models import Violation

D = dt.date


def test_public_list_needs_no_login_and_never_shows_what_the_rule_does_not_allow(person, decided, world):
    offender = person("Trần Văn Bình", birth_year=1985, phone="0912345678", address="Số 12, ngõ 3, thôn Đông")
    decided(who=offender, fine=2_000_000, number="41/QĐ-XPVPHC")
    response = Client().get(reverse("enforcement:public"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trần Văn Bình" in html and "1985" in html and "41/QĐ-XPVPHC" in html and "2.000.000 đ" in html
    assert "Thôn Đông" in html and "Xã Nội Hoàng" in html
    assert offender.id_number not in html  # citizen ID
    assert "0912345678" not in html  # phone
    assert "Số 12, ngõ 3" not in html  # exact address
    assert "Chợ Nội Hoàng" not in html  # the place of the act is not published either
    assert "Danh sách công khai kết quả xử phạt" in html  # Vietnamese
    assert "Kế hoạch khôi phục KT-XH huyện Yên Dũng" in html  # the source of the publication rule


def test_public_list_hides_cancelled_undecided_and_old_decisions(person, decided):
    cancelled = decided(who=person("Người Đã Hủy"), number="1/QĐ-XPVPHC")
    services.violation_cancel(violation=cancelled, reason="Quyết định bị hủy do nhầm người")
    services.violation_record(
        person=person("Người Chờ Quyết Định"), act_code="no_mask", act_date=D(2021, 7, 10), place="Chợ"
    )
    decided(who=person("Người Quyết Định Cũ"), act_date=D(2021, 3, 1), decision_date=D(2021, 3, 2))  # > 90 days
    decided(who=person("Người Được Công Khai"))
    html = Client().get(reverse("enforcement:public")).content.decode()
    assert "Người Được Công Khai" in html
    assert "Người Đã Hủy" not in html
    assert "Người Chờ Quyết Định" not in html
    assert "Người Quyết Định Cũ" not in html


def test_public_list_follows_the_rule_in_force(person, decided):
    decided(who=person("Lê Thị Cúc", birth_year=1971))
    current = Rule.objects.get(key="enforcement.publication")
    current.valid_to = D(2021, 7, 10)
    current.save()
    value = dict(current.value)
    value["person_fields"] = [f for f in value["person_fields"] if f not in ("birth_year", "full_name")]
    Rule.objects.create(
        key="enforcement.publication",
        value=value,
        valid_from=D(2021, 7, 11),
        source="Quyết định mẫu của UBND huyện (thử)",
    )
    html = Client().get(reverse("enforcement:public")).content.decode()
    assert "Lê Thị Cúc" not in html and "1971" not in html
    assert "Quyết định mẫu của UBND huyện" in html


def test_public_list_filters_by_commune_and_month(person, decided, world):
    decided(who=person("Người Xã A"))
    decided(who=person("Người Xã B", village=world.village_b))
    decided(who=person("Người Tháng Sáu"), act_date=D(2021, 6, 10), decision_date=D(2021, 6, 11))
    url = reverse("enforcement:public")
    html = Client().get(url, {"commune": world.commune_b.code}).content.decode()
    assert "Người Xã B" in html and "Người Xã A" not in html
    html = Client().get(url, {"month": "2021-06"}).content.decode()
    assert "Người Tháng Sáu" in html and "Người Xã A" not in html


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_commune_officer_records_and_decides_through_the_forms(person, world):
    officer = _client(world.user("commune"))
    offender = person("Phạm Văn Dũng")
    response = officer.post(
        reverse("enforcement:violation_create"),
        {
            "offender_kind": "person",
            "id_number": offender.id_number,
            "act_code": "no_mask",
            "act_date": "10/07/2021",
            "place": "Chợ Nội Hoàng",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    violation = Violation.objects.get()
    assert violation.commune == world.commune_a and violation.status == "recorded"
    decide = reverse("enforcement:violation_decide", args=[violation.pk])
    refused = officer.post(
        decide,
        {
            "decision_number": "9/QĐ-XPVPHC",
            "decision_date": "12/07/2021",
            "authority": "Chủ tịch UBND xã Nội Hoàng",
            "signer": "Nguyễn Văn Hưng",
            "fine_amount": "500000",
        },
    )
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "ngoài khung" in text and "Nghị định 117/2020/NĐ-CP" in text
    violation.refresh_from_db()
    assert violation.status == "recorded"
    accepted = officer.post(
        decide,
        {
            "decision_number": "9/QĐ-XPVPHC",
            "decision_date": "12/07/2021",
            "authority": "Chủ tịch UBND xã Nội Hoàng",
            "signer": "Nguyễn Văn Hưng",
            "fine_amount": "1500000",
        },
    )
    assert accepted.status_code == 302
    violation.refresh_from_db()
    assert violation.status == "decided" and violation.fine_amount == 1_500_000


def test_community_team_records_but_cannot_decide(person, world):
    team = _client(world.user("community_team"))
    assert team.get(reverse("enforcement:violation_create")).status_code == 200
    violation = services.violation_record(person=person(), act_code="gathering", act_date=D(2021, 7, 1), place="Sân")
    assert team.get(reverse("enforcement:violation_decide", args=[violation.pk])).status_code == 403
    leader = _client(world.user("leader", unit=world.district, organisation=world.district_body))
    assert leader.get(violation.get_absolute_url()).status_code == 200
    assert leader.get(reverse("enforcement:violation_create")).status_code == 403


def test_detail_masks_the_citizen_id_and_logs_the_read_other_commune_gets_404(person, world):
    offender = person()
    violation = services.violation_record(person=offender, act_code="no_mask", act_date=D(2021, 7, 1), place="Chợ")
    team = world.user("community_team")  # may record, may not read citizen IDs (people.view_id_number)
    html = _client(team).get(violation.get_absolute_url()).content.decode()
    assert offender.id_number not in html and offender.id_number[:5] + "****" in html
    assert AccessLog.objects.filter(user=team, object_id=str(violation.pk)).exists()
    officer = world.user("commune")  # the commune committee reads the full ID, and the read is logged
    assert offender.id_number in _client(officer).get(violation.get_absolute_url()).content.decode()
    assert AccessLog.objects.filter(user=officer, object_id=str(violation.pk)).exists()
    other = _client(world.user("commune", unit=world.commune_b))
    assert other.get(violation.get_absolute_url()).status_code == 404
    assert other.get(reverse("enforcement:violation_decide", args=[violation.pk])).status_code == 404


def test_totals_count_fines_decided_and_collected(person, decided, world):
    paid = decided(fine=3_000_000)
    services.violation_mark_paid(violation=paid, paid_on=D(2021, 7, 5))
    decided(fine=2_000_000)
    services.violation_cancel(violation=decided(fine=1_000_000), reason="Hủy quyết định do nhầm người")
    html = _client(world.user("commune")).get(reverse("enforcement:totals")).content.decode()
    assert "5.000.000" in html.split('data-testid="total-decided"')[1][:40]
    assert "3.000.000" in html.split('data-testid="total-paid"')[1][:40]


def test_api_is_read_only_scoped_and_carries_no_citizen_id(person, world):
    offender = person()
    services.violation_record(person=offender, act_code="no_mask", act_date=D(2021, 7, 1), place="Chợ")
    client = _client(world.user("commune"))
    response = client.get("/api/v1/violations/")
    assert response.status_code == 200 and response.json()["count"] == 1
    assert offender.id_number not in response.content.decode()
    assert client.post("/api/v1/violations/", {}).status_code in (403, 405)
    assert _client(world.user("commune", unit=world.commune_b)).get("/api/v1/violations/").json()["count"] == 0


def test_every_staff_screen_opens_in_vietnamese(person, decided, world):
    client = _client(world.user("commune"))
    recorded = services.violation_record(person=person(), act_code="no_mask", act_date=D(2021, 7, 1), place="Chợ")
    done = decided()
    for url in (
        reverse("enforcement:violation_list") + "?month=2021-07&status=decided",
        reverse("enforcement:violation_create"),
        reverse("enforcement:violation_edit", args=[recorded.pk]),
        reverse("enforcement:violation_decide", args=[recorded.pk]),
        reverse("enforcement:violation_paid", args=[done.pk]),
        reverse("enforcement:violation_appeal", args=[done.pk]),
        reverse("enforcement:violation_cancel", args=[done.pk]),
        reverse("enforcement:violation_history", args=[done.pk]),
        reverse("enforcement:totals") + "?month=2021-07",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    decide = client.get(reverse("enforcement:violation_decide", args=[recorded.pk])).content.decode()
    assert "Khung tiền phạt đối với hành vi và đối tượng này: 1.000.000 đ – 3.000.000 đ" in decide
