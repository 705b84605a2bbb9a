"""The demo loader: coverage differs between communes, some people are due or overdue on 15/07/2021, idempotent."""

import datetime as dt
import random

from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.people.models import Person
from dualgoal.vaccination import services
from dualgoal.vaccination.demo import load_vaccination
from dualgoal.vaccination.models import Dose, PriorityAssignment, Session
from dualgoal.vaccination.selectors import coverage_by_commune, due_doses

D = dt.date


def test_demo_loader(yen_dung):
    rng = random.Random(1)
    communes = list(AdminUnit.objects.filter(parent=yen_dung, level=Level.COMMUNE).order_by("path")[:3])
    persons = []
    for commune in communes:
        village = AdminUnit.objects.create(
            code=f"{commune.code}-T1", name="Thôn Demo", kind="thôn", level=Level.VILLAGE, parent=commune
        )
        for i in range(80):
            persons.append(
                Person(
                    full_name=f"Người demo {commune.code} {i}",
                    birth_date=D(rng.randint(1940, 2002), rng.randint(1, 12), rng.randint(1, 28)),
                    residence_unit=village,
                    is_demo=True,
                )
            )
    for person in persons:
        person.save()

    summary = load_vaccination()
    assert "doses" in summary and Dose.objects.count() > 50
    assert load_vaccination() == "đã có"  # idempotent

    day = D(2021, 7, 15)
    coverage = coverage_by_commune(on=day, commune_ids=[c.pk for c in communes])
    shares = {round(c.share_one, 2) for c in coverage.values()}
    assert len(shares) > 1, "coverage should differ between communes"
    due = due_doses(Dose.objects.all(), due_by=day, today=day)
    assert due.filter(overdue=True).exists() and due.filter(overdue=False).exists()
    assert PriorityAssignment.objects.filter(group_code="front_line").exists()
    assert PriorityAssignment.objects.filter(group_code="chronic_elderly").exists()
    assert Session.objects.filter(date=day, status="open").exists()

    # every demo dose passes the eligibility rules it was given under
    for dose in Dose.objects.select_related("person").order_by("given_on")[:300]:
        earlier = Dose.objects.filter(person=dose.person, dose_number__lt=dose.dose_number)
        assert earlier.count() == dose.dose_number - 1
        assert dose.person.birth_date <= D(dose.given_on.year - 18, dose.given_on.month, dose.given_on.day)
    due_person = due.filter(product="sinopharm").first().person  # due today: eligible for dose 2 today
    assert services.dose_refusals(due_person, "sinopharm", day) == []
