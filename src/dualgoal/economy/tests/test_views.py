"""The economy screens as their users meet them: the enterprise portal, the inspection and decision forms, the
printable permit, the checkpoint phone page, the dashboard and the automatic actions."""

from __future__ import annotations

import datetime as dt

import pytest
import segno
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from dualgoal.accounts.models import Membership, User
from dualgoal.economy import services
from dualgoal.economy.models import BoardingHouse, Permit, PermitScan
from dualgoal.economy.views import CHECKPOINT_SESSION_KEY
from dualgoal.geography.selectors import unit_by_code

from .test_services import LEASE_SOURCE, enterprise_in, permit_for, village_of, worker

D = dt.date
PASSWORD = "Test-password-2021"


@pytest.fixture(autouse=True)
def demo_day(settings):
    settings.DUALGOAL_TODAY = "2021-07-15"
    with translation.override("en"):
        yield


@pytest.fixture
def district(yen_dung):
    from dualgoal.core.demo_loaders import load_villages

    load_villages()
    return yen_dung


@pytest.fixture
def firms(district):
    """Two enterprises of the Song Khê–Nội Hoàng park, each with its own portal user."""
    noi_hoang, tien_phong = unit_by_code("07708"), unit_by_code("07711")
    own = enterprise_in(noi_hoang)
    other = enterprise_in(tien_phong, tax_code="2400777777", name="Công ty CP May Song Khê")
    return own, other


def portal_user(enterprise, username="doanhnghiep-test"):
    user = User.objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(
        user=user, organisation=enterprise.organisation, admin_unit=enterprise.commune, role="enterprise"
    )
    return user


def client_for(user) -> Client:
    """Signed in, with English chosen (the msgids), so that the assertions read as the code does."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


# --- the enterprise's own users --------------------------------------------------------------------------------


def test_an_enterprise_user_lands_on_their_enterprise_and_sees_no_other(firms):
    own, other = firms
    client = client_for(portal_user(own))
    response = client.get("/economy/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("economy:portal", args=[own.pk])
    assert own.name in response.content.decode()

    for name in ("enterprise_detail", "portal", "portal_workers", "portal_housing", "portal_shuttles"):
        assert client.get(reverse(f"economy:{name}", args=[other.pk])).status_code == 404, name
    listing = client.get(reverse("economy:enterprise_list")).content.decode()
    assert own.name in listing and other.name not in listing

    theirs = permit_for(worker(other, "Công nhân DN khác"))
    assert client.get(reverse("economy:permit_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("economy:permit_print", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("economy:employment_detail", args=[theirs.employment_id])).status_code == 404
    assert client.get(reverse("economy:dashboard")).status_code == 403  # staff only
    assert client.get(reverse("economy:checkpoint")).status_code == 403  # checkpoint officers and staff only


def test_conditions_are_submitted_with_their_document_then_approved(firms, member):
    own, _ = firms
    client = client_for(portal_user(own))
    condition = own.conditions.get(kind="safe_production")
    document = SimpleUploadedFile("phuong-an-san-xuat.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    response = client.post(
        reverse("economy:condition_submit", args=[condition.pk]), {"document": document, "note": "Bản ký ngày 10/7"}
    )
    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.status == "submitted" and condition.document
    download = client.get(reverse("economy:condition_document", args=[condition.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 plan"

    empty = own.conditions.get(kind="shuttle_plan")
    response = client.post(reverse("economy:condition_submit", args=[empty.pk]), {"note": ""}, follow=True)
    assert "Attach the document" in messages_of(response)
    assert (
        client.post(reverse("economy:condition_review", args=[condition.pk]), {"decision": "approved"}).status_code
        == 403
    )

    officer = client_for(member("ktht-1", "department", "yd-ktht"))
    page = officer.get(own.get_absolute_url()).content.decode()
    assert 'data-testid="review-safe_production"' in page
    officer.post(reverse("economy:condition_review", args=[condition.pk]), {"decision": "approved"})
    condition.refresh_from_db()
    assert condition.status == "approved"
    response = officer.post(reverse("economy:condition_review", args=[empty.pk]), {"decision": "rejected"}, follow=True)
    assert "not been submitted" in messages_of(response)


def test_requesting_permits_lists_who_was_refused_and_why(firms):
    own, _ = firms
    ready = worker(own, "Trần Thị Bình")
    unconfirmed = worker(own, "Lê Văn Cường", confirmed=False)
    client = client_for(portal_user(own))
    page = client.get(reverse("economy:portal_workers", args=[own.pk])).content.decode()
    assert "not on a list confirmed by the Labour department" in page

    response = client.post(
        reverse("economy:portal_workers", args=[own.pk]),
        {
            "action": "permits",
            "employment": [ready.pk, unconfirmed.pk],
            "valid_from": "15/07/2021",
            "valid_to": "28/07/2021",
            "route": "QL17",
        },
        follow=True,
    )
    text = messages_of(response)
    assert "1 permits issued" in text
    assert "Lê Văn Cường: The worker is not on a list confirmed by the Labour department." in text
    permit = Permit.objects.get()
    assert permit.employment == ready and permit.route == "QL17"
    assert "Thôn" in permit.residence and own.name in permit.workplace


def test_request_for_all_eligible_workers(firms):
    own, _ = firms
    for n in range(3):
        worker(own, f"Công nhân {n}")
    worker(own, "Chưa cam kết", committed=False)
    client = client_for(portal_user(own))
    client.post(
        reverse("economy:portal_workers", args=[own.pk]),
        {"action": "all_eligible", "valid_from": "15/07/2021", "valid_to": "28/07/2021"},
    )
    assert Permit.objects.count() == 3


def test_declaring_a_boarding_house_and_a_refused_lease_that_cites_the_rule(firms):
    own, other = firms
    village = village_of(unit_by_code("07711"))  # another commune of the district: workers live there too
    client = client_for(portal_user(own))
    response = client.post(
        reverse("economy:portal_housing", args=[own.pk]),
        {
            "action": "declare",
            "house-name": "Nhà trọ Thắng",
            "house-owner_name": "Nguyễn Văn Thắng",
            "house-address": "Số 5",
            "house-village": village.pk,
            "house-rooms": 12,
            "house-start": "01/07/2021",
        },
    )
    assert response.status_code == 302
    house = BoardingHouse.objects.get(name="Nhà trọ Thắng")
    assert house.leases.get().enterprise == own and house.leases.get().rooms == 12
    assert "Nhà trọ Thắng" in client.get(reverse("economy:portal_housing", args=[own.pk])).content.decode()

    theirs = client_for(portal_user(other, "doanhnghiep-khac"))
    response = theirs.post(
        reverse("economy:portal_housing", args=[other.pk]),
        {"action": "lease", "lease-boarding_house": house.pk, "lease-rooms": 12, "lease-start": "05/07/2021"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert own.name in page and LEASE_SOURCE in page
    response = theirs.post(
        reverse("economy:portal_housing", args=[other.pk]),
        {"action": "lease", "lease-boarding_house": house.pk, "lease-rooms": 6, "lease-start": "05/07/2021"},
    )
    assert "must lease all its rooms" in response.content.decode()


def test_shuttles_and_trip_manifests(firms):
    own, _ = firms
    riders = [worker(own, f"Công nhân {n}") for n in range(3)]
    client = client_for(portal_user(own))
    url = reverse("economy:portal_shuttles", args=[own.pk])
    client.post(
        url, {"action": "shuttle", "shuttle-plate": "98b-123.45", "shuttle-route": "Neo – KCN", "shuttle-seats": 2}
    )
    shuttle = own.shuttles.get()
    assert shuttle.plate == "98B-123.45"
    too_many = client.post(
        url,
        {
            "action": "trip",
            "trip-shuttle": shuttle.pk,
            "trip-date": "14/07/2021",
            "trip-riders": [r.pk for r in riders],
        },
    )
    assert too_many.status_code == 400 and "2-seat" in too_many.content.decode()
    client.post(
        url,
        {
            "action": "trip",
            "trip-shuttle": shuttle.pk,
            "trip-date": "14/07/2021",
            "trip-riders": [riders[0].pk, riders[1].pk],
        },
    )
    trip = shuttle.trips.get()
    assert set(trip.riders.all()) == {riders[0].person, riders[1].person}


# --- staff forms -------------------------------------------------------------------------------------------------


def test_registering_an_enterprise_checks_the_tax_code(district, member):
    client = client_for(member("ktht-2", "department", "yd-ktht"))
    url = reverse("economy:enterprise_create")
    commune = unit_by_code("07708")
    response = client.post(url, {"tax_code": "12345", "name": "DN thử", "commune": commune.pk, "workforce": 10})
    assert response.status_code == 200 and "10 digits" in response.content.decode()
    response = client.post(url, {"tax_code": "2400555555001", "name": "DN thử", "commune": commune.pk, "workforce": 10})
    assert response.status_code == 302
    assert client.get(response["Location"]).context["object"].tax_code == "2400555555-001"


def test_inspection_form_fix_needs_a_date_and_suspension_revokes_permits(firms, member):
    own, _ = firms
    permit = permit_for(worker(own, "Công nhân"))
    client = client_for(member("ktht-3", "department", "yd-ktht"))
    url = reverse("economy:inspection_create", args=[own.pk])
    data = {
        "team": "Đoàn liên ngành",
        "date": "14/07/2021",
        "decision": "fix",
        "finding_accommodation": "Chưa giãn cách",
    }
    assert "fixed" in client.post(url, data).content.decode()
    data.update(decision="suspend", decision_number="1500/QĐ-UBND")
    assert client.post(url, data).status_code == 302
    inspection = own.inspections.get()
    assert inspection.findings == {"accommodation": "Chưa giãn cách"}
    permit.refresh_from_db()
    own.refresh_from_db()
    assert own.status == "suspended" and permit.status == "revoked"
    page = client.get(own.get_absolute_url()).content.decode()
    assert "Chưa giãn cách" in page and permit.revoke_reason in page  # the automatic action with its cause

    response = client.post(
        reverse("economy:decision_create", args=[own.pk]), {"kind": "reopening", "date": "15/07/2021"}
    )
    assert "Cannot reopen" in response.content.decode()


def test_labour_department_confirms_a_list(firms, member):
    own, _ = firms
    committed = worker(own, "Đã cam kết", confirmed=False)
    worker(own, "Chưa cam kết", confirmed=False, committed=False)
    client = client_for(member("ldtbxh-1", "department", "yd-ldtbxh"))
    url = reverse("economy:confirmation_create", args=[own.pk])
    form = client.get(url).context["form"]
    assert [e.pk for e in form.fields["employments"].queryset] == [committed.pk]
    response = client.post(
        url,
        {
            "number": "45/DS-LĐTBXH",
            "date": "14/07/2021",
            "confirmed_by": form.fields["confirmed_by"].initial.pk,
            "employments": [committed.pk],
        },
    )
    assert response.status_code == 302
    committed.refresh_from_db()
    assert committed.confirmation.number == "45/DS-LĐTBXH"
    assert committed.confirmation.confirmed_by.code == "yd-ldtbxh"


def test_only_the_labour_office_confirms_lists_not_any_department(firms, member):
    own, _ = firms
    worker(own, "Đã cam kết", confirmed=False)
    url = reverse("economy:confirmation_create", args=[own.pk])
    economy_office = member("ktht-1", "department", "yd-ktht")  # Phòng KT-HT: enterprises yes, labour lists no
    assert economy_office.has_perm("economy.add_inspection")
    assert not economy_office.has_perm("economy.add_labourconfirmation")
    assert client_for(economy_office).get(url).status_code == 403
    labour_office = member("ldtbxh-2", "department", "yd-ldtbxh")
    assert client_for(labour_office).get(url).status_code == 200


# --- the permit and the checkpoint ----------------------------------------------------------------------------------


def test_the_printed_permit_carries_a_qr_of_the_checkpoint_url(firms):
    own, _ = firms
    permit = permit_for(worker(own, "Phạm Thị Dung", id_number="024190001234"))
    client = client_for(portal_user(own))
    response = client.get(reverse("economy:permit_print", args=[permit.pk]))
    page = response.content.decode()
    url = response.context["check_url"]
    prefix = "http://testserver" + reverse("economy:checkpoint")
    assert url.startswith(prefix)
    token = url.removeprefix(prefix).strip("/")
    assert signing.loads(token, salt=services.PERMIT_SALT) == permit.pk
    assert f'data-check-url="{url}"' in page
    assert segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff") in page
    assert "Phạm Thị Dung" in page and "@page" in page and "A5" in page
    for secret in ("Phạm", "Dung", "024190001234"):
        assert secret not in url


def test_the_checkpoint_page_answers_and_logs_every_scan(firms, member, django_capture_on_commit_callbacks):
    own, _ = firms
    employment = worker(own, "Hoàng Văn Em")
    permit = permit_for(employment)
    url = reverse("economy:check", args=[services.permit_token(permit)])

    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client_for(portal_user(own)).get(url).status_code == 403

    officer = member("chot-1", "checkpoint", "yd-cahuyen", "07708")
    client = client_for(officer)
    first = client.get(url)
    assert first.context["choose"] and not PermitScan.objects.exists()  # where are you? asked once
    choices = first.context["form"].fields["checkpoint"].choices
    assert ("Checkpoint Xã Nội Hoàng", "Checkpoint Xã Nội Hoàng") in choices
    client.post(url, {"checkpoint": "Checkpoint Xã Nội Hoàng"})
    assert client.session[CHECKPOINT_SESSION_KEY] == "Checkpoint Xã Nội Hoàng"

    page = client.get(url).content.decode()
    assert 'data-result="valid"' in page and "VALID" in page
    assert "Hoàng Văn Em" in page and own.name in page and permit.residence in page and permit.workplace in page

    from dualgoal.epidemic import services as epidemic
    from dualgoal.people.models import Person

    neighbour = Person.objects.create(full_name="Đặng Thị Giang", residence_unit=employment.person.residence_unit)
    with django_capture_on_commit_callbacks(execute=True):
        epidemic.contact_record(person_a=employment.person, person_b=neighbour, date=D(2021, 7, 12))
        epidemic.case_record(person=neighbour, code="BN90002", sample_date=D(2021, 7, 13))
    page = client.get(url).content.decode()
    assert 'data-result="revoked"' in page and "REVOKED" in page and "F1" in page
    scans = list(PermitScan.objects.order_by("pk").values_list("checkpoint", "officer", "result"))
    assert scans == [
        ("Checkpoint Xã Nội Hoàng", officer.pk, "valid"),
        ("Checkpoint Xã Nội Hoàng", officer.pk, "revoked"),
    ]

    bogus = client.get(reverse("economy:check", args=["not-a-permit:abc:def"])).content.decode()
    assert 'data-result="unknown"' in bogus
    assert PermitScan.objects.filter(result="unknown", permit__isnull=True).count() == 1
    home = client.get(reverse("economy:checkpoint")).content.decode()
    assert "Checkpoint Xã Nội Hoàng" in home and home.count('<li class="list-group-item d-flex') == 3


def test_dashboard_shows_the_live_reopened_figure_and_the_actions(firms, member):
    own, other = firms
    permit = permit_for(worker(own, "Công nhân"))
    services.decision_record(enterprise=other, kind="suspension", date=D(2021, 7, 14), reason="Có ca mắc")
    services.permit_revoke(permit=permit, reason="Thử thu hồi")
    client = client_for(member("lanhdao-1", "leader", "yd-ubnd"))
    response = client.get(reverse("economy:dashboard"))
    figure = response.context["reopen"]
    assert (figure.open, figure.total, figure.percent) == (1, 2, 50.0)
    page = response.content.decode()
    assert "50,0%" in page or "50.0%" in page
    assert "II.2.2" in page
    actions = client.get(reverse("economy:automaticaction_list")).content.decode()
    assert "Thử thu hồi" in actions and "permit revoked" in actions
    assert f"GĐL-{permit.pk:06d}" in actions


# --- the demo ----------------------------------------------------------------------------------------------------


def test_the_demo_loads_once_quickly_and_its_enterprise_user_lands_on_the_portal(district):
    import time

    from dualgoal.core.demo_loaders import load_users
    from dualgoal.economy.demo import load_economy
    from dualgoal.economy.models import Employment, Enterprise

    load_users()
    started = time.monotonic()
    summary = load_economy()
    assert time.monotonic() - started < 30, summary
    assert load_economy() == "đã có"
    enterprises = Enterprise.objects.filter(is_demo=True)
    assert 24 <= enterprises.count() <= 48
    assert {"reopened", "suspended"} <= set(enterprises.values_list("status", flat=True))
    assert Employment.objects.count() > 2000 and Permit.objects.count() > 1000
    assert BoardingHouse.objects.filter(leases__isnull=True).count() == 1  # one left free

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    login = client.post("/accounts/login/", {"username": "doanhnghiep", "password": "dualgoal2021"})
    assert login.status_code == 302
    response = client.get("/economy/", follow=True)
    own = Enterprise.objects.get(organisation__memberships__user__username="doanhnghiep")
    assert response.redirect_chain[-1][0] == reverse("economy:portal", args=[own.pk])
    assert client.get(reverse("economy:portal_workers", args=[own.pk])).status_code == 200
