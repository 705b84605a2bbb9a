"""The database side of tracing: services re-level incrementally, a recompute agrees, history keeps causes."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from dualgoal.epidemic import services, tracing_service
from dualgoal.epidemic.models import LevelChange, TraceState
from dualgoal.people.models import Person

D = dt.date


@pytest.fixture(autouse=True)
def fresh_engine(settings):
    settings.DUALGOAL_TODAY = "2021-07-15"
    tracing_service.forget_engine()
    yield
    tracing_service.forget_engine()


@pytest.fixture
def people(world):
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Đặng Thị Giang"]
    return [
        Person.objects.create(full_name=name, id_number=f"02409{i:07d}", residence_unit=world.village_a)
        for i, name in enumerate(names)
    ]


def levels(people):
    states = {s.person_id: s for s in TraceState.objects.all()}
    return [states[p.pk].level if p.pk in states else None for p in people]


def test_a_case_levels_its_contacts_forward_in_time(people):
    a, b, c, d, e, _ = people
    services.contact_record(person_a=a, person_b=b, date=D(2021, 7, 5))
    services.contact_record(person_a=b, person_b=c, date=D(2021, 7, 6))
    services.contact_record(person_a=c, person_b=d, date=D(2021, 7, 4))  # before c was exposed: passes nothing
    services.contact_record(person_a=c, person_b=e, date=D(2021, 7, 8))
    services.case_record(person=a, code="BN1001", sample_date=D(2021, 7, 7), onset_date=D(2021, 7, 6))
    assert levels(people) == [0, 1, 2, None, 3, None]
    path = TraceState.objects.get(person=e).path
    assert [step["person"] for step in path] == [a.pk, b.pk, c.pk, e.pk]


def test_isolation_and_quarantine_stop_exposure(people):
    a, b, c, *_ = people
    services.case_record(person=a, code="BN1002", sample_date=D(2021, 7, 1), isolation_date=D(2021, 7, 2))
    services.contact_record(person_a=a, person_b=b, date=D(2021, 7, 3))  # after isolation
    assert levels(people)[1] is None
    services.contact_record(person_a=a, person_b=b, date=D(2021, 7, 1))
    services.quarantine_start_record(person=b, kind="facility", start_date=D(2021, 7, 2))
    services.contact_record(person_a=b, person_b=c, date=D(2021, 7, 4))  # b already quarantined
    assert levels(people)[:3] == [0, 1, None]


def test_an_f1_turning_f0_relevels_downstream_with_history(people):
    a, b, c, d, *_ = people
    services.case_record(person=a, code="BN1003", sample_date=D(2021, 7, 1))
    for x, y, day in ((a, b, 2), (b, c, 3), (c, d, 4)):
        services.contact_record(person_a=x, person_b=y, date=D(2021, 7, day))
    assert levels(people)[:4] == [0, 1, 2, 3]
    services.case_record(person=b, code="BN1004", sample_date=D(2021, 7, 5))
    assert levels(people)[:4] == [0, 0, 1, 2]
    change = LevelChange.objects.filter(person=d).order_by("-pk").first()
    assert (change.old_level, change.new_level) == (3, 2) and "BN1004" in change.cause


def test_incremental_state_equals_a_full_recompute(people):
    a, b, c, _d, e, g = people
    services.case_record(person=a, code="BN1005", sample_date=D(2021, 7, 2))
    services.contact_record(person_a=a, person_b=b, date=D(2021, 7, 1))
    services.contact_record(person_a=b, person_b=c, date=D(2021, 7, 2))
    services.contact_record(person_a=e, person_b=g, date=D(2021, 7, 3))
    services.contact_record(person_a=c, person_b=e, date=D(2021, 7, 3))
    services.quarantine_start_record(person=c, kind="home", start_date=D(2021, 7, 3))
    incremental = {s.person_id: (s.level, s.exposed_on) for s in TraceState.objects.all()}
    tracing_service.forget_engine()
    result = tracing_service.trace_recompute()
    assert result.changed == 0
    assert {s.person_id: (s.level, s.exposed_on) for s in TraceState.objects.all()} == incremental


def test_group_exposure_without_pairs(people, world):
    a, b, c, *_ = people
    services.case_record(person=a, code="BN1006", sample_date=D(2021, 7, 6))
    services.group_exposure_create(
        name="Đám cưới thôn Đông",
        admin_unit=world.commune_a,
        date_from=D(2021, 7, 5),
        date_to=D(2021, 7, 6),
        attendees=[
            (a, D(2021, 7, 5), D(2021, 7, 5)),
            (b, D(2021, 7, 5), D(2021, 7, 5)),
            (c, D(2021, 7, 6), D(2021, 7, 6)),
        ],
    )
    assert levels(people)[:3] == [0, 1, None]  # c came the next day, when neither a nor b was there
    assert TraceState.objects.get(person=b).path[1]["group"] is not None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"same": True, "date": D(2021, 7, 1)}, "person_b"),
        ({"date": D(2021, 7, 20)}, "date"),
    ],
)
def test_bad_contacts_are_refused(people, kwargs, field):
    a, b, *_ = people
    with pytest.raises(ValidationError) as error:
        services.contact_record(person_a=a, person_b=a if kwargs.get("same") else b, date=kwargs["date"])
    assert field in error.value.message_dict
    assert not TraceState.objects.exists()


def test_duplicate_case_code_is_refused(people):
    services.case_record(person=people[0], code="BN2001", sample_date=D(2021, 7, 1))
    with pytest.raises(ValidationError) as error:
        services.case_record(person=people[1], code="bn2001", sample_date=D(2021, 7, 1))
    assert "code" in error.value.message_dict


def test_trace_command_counts_and_json(people):
    a, b, *_ = people
    services.case_record(person=a, code="BN3001", sample_date=D(2021, 7, 1))
    services.contact_record(person_a=a, person_b=b, date=D(2021, 7, 1))
    out = io.StringIO()
    call_command("trace", "--as-of", "2021-07-15", stdout=out)
    assert "F0: 1" in out.getvalue() and "F1: 1" in out.getvalue()
    out = io.StringIO()
    call_command("trace", "--json", stdout=out)
    records = json.loads(out.getvalue())
    assert records[1] == {
        "id_number": b.id_number,
        "full_name": b.full_name,
        "level": 1,
        "exposed_on": "2021-07-01",
        "path": [a.id_number, b.id_number],
    }


def _committed(capture, call):
    """Run a service as if its transaction committed (so the in-process engine is trusted again)."""
    with capture(execute=True):
        return call()


def test_changes_after_a_commit_are_incremental_and_agree_with_a_recompute(
    people, world, monkeypatch, django_capture_on_commit_callbacks
):
    a, b, c, *_ = people
    cap = django_capture_on_commit_callbacks
    _committed(cap, lambda: services.case_record(person=a, code="BN1101", sample_date=D(2021, 7, 2)))
    _committed(cap, lambda: services.contact_record(person_a=a, person_b=b, date=D(2021, 7, 3)))

    def no_full_recompute(**kwargs):
        raise AssertionError("a full recompute was not expected")

    monkeypatch.setattr(tracing_service, "trace_recompute", no_full_recompute)
    _committed(cap, lambda: services.contact_record(person_a=b, person_b=c, date=D(2021, 7, 4)))
    # A person registered after the engine was built takes a spare slot: still no full recompute.
    newcomer = Person.objects.create(full_name="Vũ Văn Mới", id_number="024090009999", residence_unit=world.village_a)
    _committed(cap, lambda: services.contact_record(person_a=c, person_b=newcomer, date=D(2021, 7, 5)))
    assert levels([a, b, c, newcomer]) == [0, 1, 2, 3]
    assert [s["person"] for s in TraceState.objects.get(person=newcomer).path] == [a.pk, b.pk, c.pk, newcomer.pk]

    monkeypatch.undo()
    incremental = {s.person_id: (s.level, s.exposed_on) for s in TraceState.objects.all()}
    tracing_service.forget_engine()
    assert tracing_service.trace_recompute().changed == 0
    assert {s.person_id: (s.level, s.exposed_on) for s in TraceState.objects.all()} == incremental


def test_history_causes_name_no_person(people):
    a, b, c, *_ = people
    services.case_record(person=a, code="BN1201", sample_date=D(2021, 7, 2))
    contact = services.contact_record(person_a=a, person_b=b, date=D(2021, 7, 3))
    services.contact_record(person_a=b, person_b=c, date=D(2021, 7, 4))
    services.quarantine_start_record(person=b, kind="home", start_date=D(2021, 7, 4))
    causes = list(LevelChange.objects.values_list("cause", flat=True))
    assert any(str(contact.pk) in cause for cause in causes)
    for cause in causes:
        assert not any(p.full_name in cause for p in people), cause
