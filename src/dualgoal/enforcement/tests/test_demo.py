"""The demo loader: violations in the demo communes as of 15/07/2021, through the services, idempotent."""

import datetime as dt

from dualgoal.enforcement.demo import load_violations
from dualgoal.enforcement.models import Violation


def test_demo_violations_are_decided_paid_cancelled_and_rerun_adds_nothing(yen_dung):
    from dualgoal.economy import services as economy
    from dualgoal.geography.models import AdminUnit
    from dualgoal.people.models import Person

    for code in ("07708", "07711", "07726"):
        commune = AdminUnit.objects.get(code=code)
        village = AdminUnit.objects.create(code=f"{code}-D1", name="Thôn Demo", kind="thôn", level=4, parent=commune)
        for i in range(12):
            Person.objects.create(
                full_name=f"Người demo {code} {i}", birth_year=1980 + i, residence_unit=village, is_demo=True
            )
    enterprise = economy.enterprise_register(
        tax_code="2400000001",
        name="Công ty TNHH Demo",
        commune=AdminUnit.objects.get(code="07708"),
        status="suspended",
    )
    enterprise.is_demo = True
    enterprise.save()

    message = load_violations()
    demo = Violation.objects.filter(is_demo=True)
    assert demo.count() >= 30, message
    assert demo.filter(status="cancelled").count() == 1
    assert demo.filter(status="paid").exists() and demo.filter(status="decided").exists()
    assert demo.filter(enterprise=enterprise, act_code="business_open_suspended").exists()
    assert not demo.filter(act_date__gt=dt.date(2021, 7, 15)).exists()
    assert load_violations() == "đã có" and Violation.objects.count() == demo.count()
