"""The epidemic screens as a user meets them: cases, recording a positive test or a contact, the "why" panel,
counts by level and commune, the transmission graph."""

import datetime as dt
import json

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from dualgoal.core.models import AccessLog
from dualgoal.epidemic import selectors, services, tracing_service
from dualgoal.epidemic.models import Case, Contact, TraceState
from dualgoal.people.models import Person

D = dt.date


@pytest.fixture(autouse=True)
def fresh_engine(settings):
    settings.DUALGOAL_TODAY = "2021-07-15"
    tracing_service.forget_engine()
    yield
    tracing_service.forget_engine()


@pytest.fixture
def chain(world):
    """An, Bình, Cường, Dung in commune A; Em in commune B. An is F0; An→Bình→Cường→Dung; Cường→Em."""
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    people = [
        Person.objects.create(full_name=n, id_number=f"02409{i:07d}", residence_unit=world.village_a)
        for i, n in enumerate(names, start=1)
    ]
    em = Person.objects.create(full_name="Hoàng Văn Em", id_number="024090000009", residence_unit=world.village_b)
    an, binh, cuong, dung = people
    services.case_record(person=an, code="BN1001", sample_date=D(2021, 7, 2), onset_date=D(2021, 7, 1))
    services.contact_record(person_a=an, person_b=binh, date=D(2021, 7, 2), setting="household")
    services.contact_record(person_a=binh, person_b=cuong, date=D(2021, 7, 4), setting="workplace", note="Xưởng may")
    services.contact_record(person_a=cuong, person_b=dung, date=D(2021, 7, 6), setting="community")
    services.contact_record(person_a=cuong, person_b=em, date=D(2021, 7, 6), setting="shuttle")
    return {"an": an, "binh": binh, "cuong": cuong, "dung": dung, "em": em}


def level(person) -> int | None:
    state = TraceState.objects.filter(person=person).first()
    return state.level if state else None


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_case_list_masks_ids_for_roles_without_the_id_permission(world, chain):
    team = client_for(world.user("community_team"))
    page = team.get(reverse("epidemic:case_list")).content.decode()
    assert "BN1001" in page and "Nguyễn Văn An" in page
    assert "024090000001" not in page and "02409****001" in page
    officer = client_for(world.user("commune"))
    assert "024090000001" in officer.get(reverse("epidemic:case_list")).content.decode()


def test_checkpoint_officers_see_no_health_records(world, chain):
    checkpoint = client_for(world.user("checkpoint"))
    assert checkpoint.get(reverse("epidemic:case_list")).status_code == 403
    assert checkpoint.get(reverse("epidemic:why", args=[chain["binh"].pk])).status_code == 403
    assert checkpoint.get(reverse("epidemic:counts")).status_code == 403


def test_case_detail_is_logged_and_links_to_the_graph(world, chain):
    client = client_for(world.user("commune"))
    case = Case.objects.get(code="BN1001")
    before = AccessLog.objects.count()
    page = client.get(case.get_absolute_url()).content.decode()
    assert AccessLog.objects.count() == before + 1
    assert AccessLog.objects.latest("pk").object_id == str(case.pk)
    assert reverse("epidemic:graph") + "?case=BN1001" in page
    assert 'data-testid="level-badge">F0<' in page


def test_recording_a_positive_test_moves_the_contacts_up_a_level(world, chain):
    client = client_for(world.user("commune"))
    binh, cuong, dung = chain["binh"], chain["cuong"], chain["dung"]
    assert [level(binh), level(cuong), level(dung)] == [1, 2, 3]
    url = reverse("epidemic:case_create") + f"?person={binh.pk}"
    form = client.get(url).content.decode()
    assert "Trần Thị Bình" in form and 'name="id_number"' not in form
    response = client.post(
        url,
        {"person": binh.pk, "code": "bn2002", "sample_date": "05/07/2021", "test_kind": "rt_pcr", "source": "local"},
    )
    case = Case.objects.get(code="BN2002")
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert [level(binh), level(cuong), level(dung)] == [0, 1, 2]
    why = client.get(reverse("epidemic:why", args=[dung.pk])).content.decode()
    assert "BN2002" in why and "Trần Thị Bình" in why


def test_a_case_for_a_person_typed_by_citizen_id_and_the_errors_a_user_sees(world, chain):
    client = client_for(world.user("department", unit=world.district, organisation=world.district_body))
    url = reverse("epidemic:case_create")
    base = {"code": "BN1001", "sample_date": "05/07/2021", "test_kind": "rt_pcr", "source": "local"}
    duplicate = client.post(url, {**base, "id_number": "0240 9000 0003"})
    assert duplicate.status_code == 200
    assert "BN1001" in duplicate.context["form"].errors["code"][0]
    unknown = client.post(url, {**base, "code": "BN3003", "id_number": "024099999999"})
    assert "024099999999" in unknown.context["form"].errors["id_number"][0]
    future = client.post(url, {**base, "code": "BN3003", "id_number": "024090000003", "sample_date": "20/07/2021"})
    assert "20/07/2021" in future.context["form"].errors["sample_date"][0]
    ok = client.post(url, {**base, "code": "BN3003", "id_number": "024090000003"})
    assert ok.status_code == 302 and level(chain["cuong"]) == 0


def test_a_commune_cannot_record_a_case_for_someone_outside_it(world, chain):
    client = client_for(world.user("commune"))
    assert client.get(reverse("epidemic:case_create") + f"?person={chain['em'].pk}").status_code == 404
    response = client.post(
        reverse("epidemic:case_create"),
        {
            "id_number": "024090000009",
            "code": "BN4004",
            "sample_date": "05/07/2021",
            "test_kind": "rt_pcr",
            "source": "local",
        },
    )
    assert response.status_code == 200 and not Case.objects.filter(code="BN4004").exists()


def test_recording_a_contact_with_someone_in_another_commune(world, chain):
    client = client_for(world.user("commune"))
    dung, em = chain["dung"], chain["em"]
    url = reverse("epidemic:contact_create") + f"?person={chain['an'].pk}"
    response = client.post(
        url,
        {
            "person_a": chain["an"].pk,
            "id_number_b": em.id_number,
            "date": "02/07/2021",
            "setting": "venue",
            "note": "Quán ăn",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("epidemic:why", args=[chain["an"].pk])
    assert Contact.objects.filter(person_a=chain["an"], person_b=em, setting="venue").exists()
    assert level(em) == 1
    same = client.post(
        url,
        {"person_a": chain["an"].pk, "id_number_b": chain["an"].id_number, "date": "02/07/2021", "setting": "other"},
    )
    assert same.status_code == 200 and same.context["form"].errors
    assert level(dung) == 3


def test_the_why_panel_shows_the_path_and_the_history(world, chain):
    client = client_for(world.user("commune"))
    before = AccessLog.objects.count()
    response = client.get(reverse("epidemic:why", args=[chain["dung"].pk]))
    page = response.content.decode()
    assert AccessLog.objects.count() == before + 1
    steps = response.context["path"]
    assert [s.name for s in steps] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    assert [s.day for s in steps[1:]] == [D(2021, 7, 2), D(2021, 7, 4), D(2021, 7, 6)]
    assert "BN1001" in page and "Xưởng may" in page and "04/07/2021" in page
    history = list(response.context["history"])
    assert history and history[0].new_level == 3
    assert history[0].cause in page


def test_the_why_panel_does_not_name_persons_outside_the_users_area(world, chain):
    officer_b = client_for(world.user("commune", unit=world.commune_b, organisation=world.committee_b))
    response = officer_b.get(reverse("epidemic:why", args=[chain["em"].pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hoàng Văn Em" in page
    steps = response.context["path"]
    assert [s.name for s in steps] == ["", "", "", "Hoàng Văn Em"]
    assert "Nguyễn Văn An" not in page
    assert "BN1001" in page  # case codes are not personal
    assert "Xã Nội Hoàng" in page  # where the path came from, not who
    assert officer_b.get(reverse("epidemic:why", args=[chain["dung"].pk])).status_code == 404


def test_counts_by_level_and_commune_follow_the_scope(world, chain):
    district = client_for(world.user("department", unit=world.district, organisation=world.district_body))
    rows = {row.label: cells for row, cells in district.get(reverse("epidemic:counts")).context["rows"]}
    assert rows == {"Xã Nội Hoàng": [1, 1, 1, 1], "Xã Tiến Dũng": [0, 0, 0, 1]}
    commune = client_for(world.user("commune"))
    response = commune.get(reverse("epidemic:counts"))
    assert [row.label for row, _ in response.context["rows"]] == ["Xã Nội Hoàng"]
    assert response.context["total"] == 4


def test_home_counters_show_the_levels(world, chain):
    page = client_for(world.user("commune")).get(reverse("home")).content.decode()
    assert "F0" in page and reverse("epidemic:counts") in page


def test_the_graph_page_asks_for_a_case_before_drawing_anything(world, chain):
    client = client_for(world.user("commune"))
    page = client.get(reverse("epidemic:graph")).content.decode()
    assert "plotly.min.js" not in page and "BN1001" in page
    missing = client.get(reverse("epidemic:graph"), {"case": "BN777"})
    assert missing.context["form"].errors["case"]


def test_the_graph_of_a_cluster(world, chain):
    services.case_record(person=chain["dung"], code="BN5005", sample_date=D(2021, 7, 13), onset_date=D(2021, 7, 12))
    client = client_for(world.user("department", unit=world.district, organisation=world.district_body))
    response = client.get(reverse("epidemic:graph"), {"case": "bn1001"})
    page = response.content.decode()
    assert "vendor/plotly/plotly.min.js" in page
    figure = json.loads(page.split('id="graph-figure" type="application/json">')[1].split("</script>")[0])
    hover = " ".join(t for trace in figure["data"] for t in trace.get("text", []))
    assert "Nguyễn Văn An" in hover and "Phạm Thị Dung" in hover and "BN5005" in hover
    cluster = response.context["cluster"]
    assert cluster.person_count == 5 and not cluster.truncated
    assert cluster.level_counts() == {0: 2, 1: 1, 2: 1, 3: 1}  # Dung fell ill after meeting the exposed Cường


def test_a_later_case_knows_who_may_have_infected_it(world, chain):
    services.case_record(person=chain["binh"], code="BN6006", sample_date=D(2021, 7, 6), onset_date=D(2021, 7, 5))
    user = world.user("commune")
    later = Case.objects.get(code="BN6006")
    assert [c.code for c in selectors.infectors_of(later, user)] == ["BN1001"]
    cluster = selectors.cluster_graph(Case.objects.get(code="BN1001"), user)
    assert ("p", chain["binh"].pk) in cluster.nodes and cluster.nodes[("p", chain["binh"].pk)]["level"] == 0
    page = client_for(user).get(reverse("epidemic:graph"), {"case": "BN6006"}).content.decode()
    assert 'data-testid="graph-infected-by"' in page and "?case=BN1001" in page


def test_a_large_cluster_is_cut_with_a_clear_flag(world, chain):
    case = Case.objects.get(code="BN1001")
    admin = world.user("admin", unit=world.district, organisation=world.district_body)
    cluster = selectors.cluster_graph(case, admin, limit=3)
    assert cluster.truncated and len(cluster.nodes) == 3
    page = client_for(admin).get(reverse("epidemic:graph"), {"case": "BN1001"}).content.decode()
    assert 'data-testid="graph-truncated"' not in page


def test_plotly_is_served_locally():
    assert finders.find("vendor/plotly/plotly.min.js")


def test_updating_isolation_relevels(world, chain):
    client = client_for(world.user("commune"))
    case = Case.objects.get(code="BN1001")
    response = client.post(case.get_absolute_url(), {"isolation_date": "01/07/2021", "outcome": "treating"})
    assert response.status_code == 302
    assert level(chain["binh"]) is None  # the contact on 2/7 came after the isolation
