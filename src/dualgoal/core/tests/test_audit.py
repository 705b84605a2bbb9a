from django.urls import reverse

from dualgoal.core.services import model_upsert
from dualgoal.organisations.models import Organisation


def test_a_change_is_kept_with_who_when_and_which_fields(world, client):
    admin = world.user("admin", unit=world.district, organisation=world.district_body)
    client.force_login(admin)
    body = world.district_body
    # A change made through a request is attributed to the user (simple-history's middleware).
    client.get(reverse("home"))
    body._history_user = admin
    model_upsert(Organisation, lookup={"code": body.code}, values={"short_name": "PYT mới"})
    latest = body.history.latest()
    assert latest.short_name == "PYT mới"
    changes = latest.diff_against(latest.prev_record).changes
    assert [c.field for c in changes] == ["short_name"]

    page = client.get(reverse("organisations:organisation_history", args=[body.pk])).content.decode()
    assert "PYT mới" in page
    assert "Lịch sử thay đổi" in page


def test_history_page_is_scoped_like_the_record(world, client):
    client.force_login(world.user("commune"))
    url = reverse("organisations:organisation_history", args=[world.committee_b.pk])
    assert client.get(url).status_code == 404
