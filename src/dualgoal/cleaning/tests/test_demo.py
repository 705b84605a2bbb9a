"""The demo loader: plans in the demo communes, some done, some overdue on 15/07/2021; waste from facilities."""

import datetime as dt

from dualgoal.cleaning import selectors
from dualgoal.cleaning.demo import load_cleaning
from dualgoal.cleaning.models import CleaningPlan, WasteCollection


def test_demo_cleaning_has_done_and_overdue_plans_and_waste(yen_dung, django_user_model):
    from dualgoal.geography.models import AdminUnit
    from dualgoal.operations.models import QuarantineFacility

    QuarantineFacility.objects.create(
        name="Khu cách ly demo", commune=AdminUnit.objects.get(code="07708"), capacity=40, is_demo=True
    )
    message = load_cleaning()
    admin = django_user_model.objects.create_superuser("root", "r@x.vn", "Test-password-2021")
    assert CleaningPlan.objects.filter(status="done").exists(), message
    assert selectors.plans_overdue(admin, dt.date(2021, 7, 15)).count() >= 3  # the 14/07 market round
    assert WasteCollection.objects.filter(facility__is_demo=True).count() > 10
    assert load_cleaning() == "đã có"
