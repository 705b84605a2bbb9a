import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command

from dualgoal.core.rulebook import rule
from dualgoal.core.synth import synth_persons


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in {"core", "geography", "organisations", "accounts"}
    }


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(client):
    call_command("load_demo", verbosity=0)
    first = row_counts()
    call_command("load_demo", verbosity=0)
    assert row_counts() == first
    assert first["geography.AdminUnit"] > 1000  # country + Bắc Giang + demo villages
    assert rule("venue.capacity_max_percent", on=dt.date(2021, 7, 1)).value == 50
    # The demo login reaches the home page.
    response = client.post("/accounts/login/", {"username": "tckh", "password": "dualgoal2021"})
    assert response.status_code == 302
    assert "Phòng Tài chính - Kế hoạch" in client.get("/").content.decode()


@pytest.mark.django_db
def test_demo_villages_are_marked_as_demo():
    from dualgoal.geography.models import AdminUnit

    call_command("load_demo", verbosity=0)
    villages = AdminUnit.objects.filter(level=4)
    assert villages.count() == 18 * 6 and all(v.is_demo for v in villages)
    assert villages.filter(name="Thôn An Phú", parent__name="Xã Xuân Phú").exists()


@pytest.mark.django_db
def test_generate_is_seeded():
    from dualgoal.geography.models import AdminUnit

    call_command("generate", scale="district", seed=7, only=["villages", "population"], verbosity=0)
    first = list(AdminUnit.objects.filter(level=4).order_by("code").values_list("code", "population"))
    assert sum(p for _, p in first) == 140_000
    AdminUnit.objects.filter(level=4).delete()
    call_command("generate", scale="district", seed=7, only=["villages", "population"], verbosity=0)
    assert list(AdminUnit.objects.filter(level=4).order_by("code").values_list("code", "population")) == first


def test_synthetic_persons_have_valid_citizen_ids():
    import numpy as np

    persons = synth_persons(np.random.default_rng(1), 20_000)
    ids = persons["id_number"]
    assert len(set(ids.tolist())) == len(ids)
    for cid, year, female in zip(ids[:500], persons["birth_year"][:500], persons["female"][:500], strict=True):
        assert len(cid) == 12 and cid.isdigit() and cid.startswith("024")
        assert int(cid[3]) == (2 if year >= 2000 else 0) + int(female)
        assert cid[4:6] == f"{year % 100:02d}"
