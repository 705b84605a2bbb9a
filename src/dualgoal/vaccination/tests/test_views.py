"""Screens as a user meets them: record a dose from a session page, see coverage move, the due list, scope, API."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from dualgoal.core.models import AccessLog
from dualgoal.vaccination import services
from dualgoal.vaccination.models import Dose

D = dt.date


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def make_session(world, day=D(2021, 7, 15), product="pfizer", commune=None):
    return services.session_save(
        name="Tiêm chủng tại Trạm Y tế xã Nội Hoàng",
        unit=commune or world.commune_a,
        place="Trạm Y tế xã",
        date=day,
        product=product,
        lot_number="FE8163",
        capacity=50,
    )


def test_record_a_dose_from_the_session_page_and_see_coverage_move(world, person):
    officer = world.user("commune")
    c = client_for(officer)
    p = person("Nguyễn Thị Hoa", birth_date=D(1950, 3, 1))
    services.assignment_save(person=p, group_code="chronic_elderly", basis="age", assigned_on=D(2021, 7, 1))
    session = make_session(world)
    url = reverse("vaccination:session_detail", args=[session.pk])

    before = c.get(reverse("vaccination:coverage")).content.decode()
    assert 'data-testid="one-07708">0<' in before

    page = c.get(url, {"q": "thi hoa"})
    html = page.content.decode()
    assert page.status_code == 200 and "Nguyễn Thị Hoa" in html and "Ghi nhận mũi tiêm" in html
    response = c.post(url, {"person": p.pk, "reaction_notes": "Sốt nhẹ"})
    assert response.status_code == 302
    dose = Dose.objects.get(person=p)
    assert (dose.session, dose.dose_number, dose.reaction_notes) == (session, 1, "Sốt nhẹ")
    assert "Nguyễn Thị Hoa" in c.get(url).content.decode()

    after = c.get(reverse("vaccination:coverage")).content.decode()
    assert 'data-testid="one-07708">1<' in after
    assert 'data-testid="one-65+">1<' in after  # the age band
    assert 'data-testid="one-chronic_elderly">1<' in after  # the priority group
    assert "Độ bao phủ tiêm chủng" in after


def test_a_refusal_is_shown_on_the_session_page_and_nothing_is_saved(world, person):
    c = client_for(world.user("commune"))
    young = person("Lê Văn Trẻ", birth_date=D(2005, 1, 1))
    session = make_session(world)
    response = c.post(reverse("vaccination:session_detail", args=[session.pk]), {"person": young.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "vaccination.min_age_years" in html and "NQ 21/NQ-CP" in html and "Người được tiêm" in html
    assert not Dose.objects.exists()


def test_a_person_of_another_commune_cannot_be_recorded(world, person):
    c = client_for(world.user("commune"))
    other = person(village=world.village_b)
    session = make_session(world)
    response = c.post(reverse("vaccination:session_detail", args=[session.pk]), {"person": other.pk})
    assert response.status_code == 200 and not Dose.objects.exists()


def test_session_form_refuses_a_product_not_yet_approved(world):
    c = client_for(world.user("commune"))
    response = c.post(
        reverse("vaccination:session_create"),
        {
            "name": "Buổi tiêm Moderna",
            "unit": world.commune_a.pk,
            "date": "20/06/2021",
            "product": "moderna",
            "lot_number": "M1",
            "capacity": 10,
            "status": "planned",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "28/06/2021" in html and "vaccination.products" in html


def test_due_list_from_the_min_interval_and_overdue_after_the_max(world, person, settings):
    due = person("Trần Văn Đến Hạn")
    overdue = person("Phạm Văn Quá Hạn")
    early = person("Hoàng Văn Chưa Đến")
    other = person("Đỗ Văn Xã Khác", village=world.village_b)
    services.dose_record(person=due, given_on=D(2021, 5, 20), product="astrazeneca", place="TTYT")  # 56 d: 15/07
    services.dose_record(person=overdue, given_on=D(2021, 4, 1), product="astrazeneca", place="TTYT")  # > 84 d
    services.dose_record(person=early, given_on=D(2021, 5, 21), product="astrazeneca", place="TTYT")
    services.dose_record(person=other, given_on=D(2021, 4, 1), product="astrazeneca", place="TTYT")
    c = client_for(world.user("community_team"))  # sees masked IDs (no people.view_id_number)
    logs = AccessLog.objects.count()
    html = c.get(reverse("vaccination:due")).content.decode()
    assert "Trần Văn Đến Hạn" in html and "Phạm Văn Quá Hạn" in html
    assert "Hoàng Văn Chưa Đến" not in html and "Đỗ Văn Xã Khác" not in html  # not yet due / other commune
    assert html.count("table-danger") == 1 and "quá hạn" in html
    assert "02406" in html and "*" in html  # masked IDs
    assert AccessLog.objects.count() > logs
    later = c.get(reverse("vaccination:due"), {"due_by": "16/07/2021"}).content.decode()
    assert "Hoàng Văn Chưa Đến" in later
    only = c.get(reverse("vaccination:due"), {"overdue_only": "on"}).content.decode()
    assert "Phạm Văn Quá Hạn" in only and "Trần Văn Đến Hạn" not in only
    export = c.get(reverse("vaccination:due_export"))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_person_card_shows_doses_group_and_next_dose(world, person):
    p = person()
    services.dose_record(person=p, given_on=D(2021, 5, 1), product="astrazeneca", place="Bệnh viện tỉnh")
    services.assignment_save(person=p, group_code="front_line", basis="occupation", assigned_on=D(2021, 7, 1))
    c = client_for(world.user("commune"))
    html = c.get(reverse("vaccination:person_card", args=[p.pk])).content.decode()
    assert "Bệnh viện tỉnh" in html and "Lực lượng tuyến đầu" in html
    assert "26/06/2021" in html and "24/07/2021" in html  # next dose window: 56–84 days


def test_a_commune_officer_cannot_see_another_communes_doses(world, person):
    other = person(village=world.village_b)
    dose = services.dose_record(person=other, given_on=D(2021, 7, 1), product="astrazeneca", place="TTYT")
    c = client_for(world.user("commune"))
    assert c.get(reverse("vaccination:dose_detail", args=[dose.pk])).status_code == 404
    assert c.get(reverse("vaccination:person_card", args=[other.pk])).status_code == 404
    assert c.get(reverse("vaccination:dose_elsewhere", args=[other.pk])).status_code == 404
    assert c.get(reverse("api:dose-detail", args=[dose.pk])).status_code == 404
    assert dose.pk not in [row["id"] for row in c.get(reverse("api:dose-list")).json()["results"]]


def test_leader_sees_coverage_but_not_doses(world, person):
    leader = client_for(world.user("leader", unit=world.district))
    assert leader.get(reverse("vaccination:coverage")).status_code == 200
    assert leader.get(reverse("vaccination:due")).status_code == 403
    assert leader.get(reverse("vaccination:dose_list")).status_code == 403
    checkpoint = client_for(world.user("checkpoint"))
    assert checkpoint.get(reverse("vaccination:coverage")).status_code == 403


def test_coverage_api_per_commune_as_of_a_date_and_scoped(world, person):
    p = person()
    services.dose_record(person=p, given_on=D(2021, 7, 10), product="astrazeneca", place="TTYT")
    person(village=world.village_b)
    c = client_for(world.user("commune"))
    payload = c.get(reverse("api:vaccinationcoverage-list"), {"on": "2021-07-15"}).json()
    assert [row["unit_code"] for row in payload["results"]] == ["07708"]
    assert payload["results"][0]["one_dose"] == 1 and payload["results"][0]["adults"] == 1
    earlier = c.get(reverse("api:vaccinationcoverage-list"), {"on": "2021-07-01"}).json()
    assert earlier["results"][0]["one_dose"] == 0
    assert c.get(reverse("api:vaccinationcoverage-list"), {"on": "15/07"}).status_code == 400
    district = client_for(world.user("department", unit=world.district))
    codes = [row["unit_code"] for row in district.get(reverse("api:vaccinationcoverage-list")).json()["results"]]
    assert codes == ["07708", "07729"]


def test_forms_render_in_vietnamese_and_record_elsewhere(world, person):
    c = client_for(world.user("commune"))
    p = person()
    for name, args in [
        ("vaccination:session_create", []),
        ("vaccination:dose_elsewhere", [p.pk]),
        ("vaccination:assignment_create", [p.pk]),
        ("vaccination:session_list", []),
        ("vaccination:dose_list", []),
        ("vaccination:priorityassignment_list", []),
    ]:
        response = c.get(reverse(name, args=args))
        assert response.status_code == 200, name
    assert "Ghi nhận mũi tiêm ở nơi khác" in c.get(reverse("vaccination:dose_elsewhere", args=[p.pk])).content.decode()
    response = c.post(
        reverse("vaccination:dose_elsewhere", args=[p.pk]),
        {"given_on": "01/07/2021", "product": "astrazeneca", "place": "Bệnh viện Bạch Mai", "lot_number": "X1"},
    )
    assert response.status_code == 302 and Dose.objects.get(person=p).place == "Bệnh viện Bạch Mai"
    refused = c.post(
        reverse("vaccination:dose_elsewhere", args=[p.pk]),
        {"given_on": "10/07/2021", "product": "astrazeneca", "place": "Bệnh viện Bạch Mai"},
    )
    assert refused.status_code == 200 and "26/08/2021" in refused.content.decode()  # earliest date, 56 days
    assert Dose.objects.filter(person=p).count() == 1
    response = c.post(
        reverse("vaccination:assignment_create", args=[p.pk]),
        {
            "group_code": "front_line",
            "basis": "occupation",
            "basis_detail": "Y sĩ trạm y tế",
            "assigned_on": "01/07/2021",
        },
    )
    assert response.status_code == 302
    assert "Lực lượng tuyến đầu" in c.get(reverse("vaccination:person_card", args=[p.pk])).content.decode()
