"""The operations screens as users meet them."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from dualgoal.core.models import AccessLog
from dualgoal.operations import certificate, services
from dualgoal.operations.choices import OrderKind, OrderStatus, Subject
from dualgoal.operations.models import (
    Admission,
    Arrival,
    CommunityReport,
    FollowUp,
    OriginArea,
    Pool,
    QuarantineOrder,
    ReleaseCertificate,
    TestSample,
)

D = dt.date


@pytest.fixture
def manager(world):
    client = Client()
    client.force_login(world.user("facility_manager", unit=world.district))
    return client


@pytest.fixture
def commune(world):
    client = Client()
    client.force_login(world.user("commune"))
    return client


def test_dashboard_and_menu(manager, person, facility):
    services.order_create(person=person(), subject=Subject.F1, kind=OrderKind.FACILITY, start_date=D(2021, 8, 20))
    page = manager.get(reverse("operations:dashboard"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="tests-due-today">1<' in html
    assert facility.name in html
    assert reverse("operations:dashboard") in manager.get("/").content.decode()


def test_order_then_admit_with_the_proposed_room_and_a_refusal_when_full(manager, person, facility):
    someone = person("Ngô Văn Tuấn")
    response = manager.post(
        reverse("operations:order_create"),
        {"id_number": someone.id_number, "subject": "f1", "kind": "facility", "start_date": "14/07/2021"},
    )
    order = QuarantineOrder.objects.get(person=someone)
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    assert order.planned_end == D(2021, 7, 27)
    detail = manager.get(order.get_absolute_url()).content.decode()
    assert "27/07/2021" in detail and 'data-testid="admit-link"' in detail
    assert AccessLog.objects.filter(object_type="operations.QuarantineOrder", object_id=str(order.pk)).exists()

    admit = manager.get(reverse("operations:order_admit", args=[order.pk]))
    assert "room-proposal" in admit.content.decode()
    proposed = admit.context["form"].initial["room"]
    response = manager.post(
        reverse("operations:order_admit", args=[order.pk]), {"room": proposed.pk, "admitted_on": "14/07/2021"}
    )
    assert response.status_code == 302
    assert Admission.objects.get(order=order).room == proposed

    small = facility.rooms.get(code="P101")
    assert proposed == small  # empty rooms: the first by number
    for _ in range(1):
        other = services.order_create(person=person(), subject="f1", kind="facility", start_date=D(2021, 7, 14))
        services.admission_create(order=other, room=small, admitted_on=D(2021, 7, 14))
    late = services.order_create(person=person(), subject="f1", kind="facility", start_date=D(2021, 7, 14))
    response = manager.post(
        reverse("operations:order_admit", args=[late.pk]), {"room": small.pk, "admitted_on": "14/07/2021"}
    )
    assert response.status_code == 200
    assert "P101" in response.content.decode() and not Admission.objects.filter(order=late).exists()


def test_pool_positive_shows_retests_then_release_and_certificate(manager, person, world, facility):
    members = [person(f"Thành viên {i}") for i in range(3)]
    response = manager.post(
        reverse("operations:pool_create"),
        {
            "code": "g-noihoang-01",
            "taken_on": "20/07/2021",
            "area": world.commune_a.pk,
            "risk_level": "low",
            "members": "\n".join(m.id_number for m in members),
        },
    )
    pool = Pool.objects.get(code="G-NOIHOANG-01")
    assert response.status_code == 302 and pool.samples.count() == 3
    response = manager.post(
        reverse("operations:pool_result", args=[pool.pk]), {"result": "positive", "result_on": "21/07/2021"}
    )
    assert response.status_code == 302
    page = manager.get(pool.get_absolute_url()).content.decode()
    assert 'data-testid="pool-retests"' in page and all(m.full_name in page for m in members)

    order = services.order_create(person=person("Lê Thị Hoa"), subject="f1", kind="facility", start_date=D(2021, 7, 14))
    for sample in order.samples.all():
        services.sample_result_record(sample=sample, result="negative", result_on=sample.taken_on)
    early = manager.post(reverse("operations:order_release", args=[order.pk]), {"released_on": "20/07/2021"})
    assert early.status_code == 200 and "27/07/2021" in early.content.decode()
    response = manager.post(
        reverse("operations:order_release", args=[order.pk]), {"released_on": "27/07/2021", "signer": "Nguyễn Văn B"}
    )
    cert = ReleaseCertificate.objects.get(order=order)
    assert response["Location"] == cert.get_absolute_url()
    page = manager.get(cert.get_absolute_url()).content.decode()
    assert "data:image/png;base64," in page and 'data-testid="verify-link"' in page
    assert ("certificate-pdf" in page) == certificate.pdf_available()
    docx = manager.get(reverse("operations:certificate_docx", args=[cert.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"

    public = Client()
    url = reverse("operations:certificate_verify", args=[certificate.certificate_token(cert)])
    valid = public.get(url).content.decode()
    assert "verify-result" in valid and cert.number in valid and "Lê Thị Hoa" not in valid and "Hoa" in valid
    forged = public.get(reverse("operations:certificate_verify", args=["abc:def"]))
    assert forged.status_code == 200 and cert.number not in forged.content.decode()


def test_the_day_list_and_a_check_with_symptoms(commune, person):
    someone = person("Vũ Thị Lan")
    services.order_create(person=someone, subject=Subject.F0, kind=OrderKind.HOME, start_date=D(2021, 8, 15))
    page = commune.get(reverse("operations:followups_today")).content.decode()
    assert "Vũ Thị Lan" in page
    response = commune.post(
        reverse("operations:followup_record", args=[someone.pk]) + "?day=2021-08-20",
        {"outcome": "symptoms", "symptoms": ["cough"], "temperature": "37.0"},
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get(person=someone)
    assert followup.test_sample.reason == "symptoms"
    assert TestSample.objects.filter(person=someone, collected=False).exists()


def test_community_report_and_arrival_screens(commune, person, world):
    someone = person()
    response = commune.post(
        reverse("operations:communityreport_create"),
        {
            "unit": world.village_a.pk,
            "id_number": someone.id_number,
            "symptoms": ["fever"],
            "reported_on": "19/08/2021",
        },
    )
    assert response.status_code == 302 and CommunityReport.objects.get().test_sample is not None
    area = OriginArea.objects.create(name="Huyện Lục Ngạn", risk_level="high", valid_from=D(2021, 6, 1))
    response = commune.post(
        reverse("operations:arrival_create"),
        {"id_number": someone.id_number, "origin_area": area.pk, "arrived_on": "18/08/2021"},
    )
    arrival = Arrival.objects.get()
    assert response.status_code == 302
    response = commune.post(reverse("operations:arrival_apply", args=[arrival.pk]), {})
    arrival.refresh_from_db()
    assert arrival.order.kind == OrderKind.HOME and arrival.order.status == OrderStatus.ACTIVE


def test_a_commune_user_cannot_admit_or_override(commune, person, facility):
    order = services.order_create(person=person(), subject="f1", kind="facility", start_date=D(2021, 8, 20))
    assert commune.get(reverse("operations:order_admit", args=[order.pk])).status_code == 403
