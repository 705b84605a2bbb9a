"""The demo outbreak: F0 to F3 in Nội Hoàng, Tiền Phong and Yên Lư, quickly, once."""

import time

import pytest

from dualgoal.epidemic import tracing_service
from dualgoal.epidemic.models import Case, Contact, GroupExposure, TraceState
from dualgoal.people.models import Person


@pytest.fixture(autouse=True)
def fresh_engine(settings):
    settings.DUALGOAL_TODAY = "2021-07-15"
    tracing_service.forget_engine()
    yield
    tracing_service.forget_engine()


def test_the_demo_outbreak_has_every_level_and_loads_once(yen_dung):
    from dualgoal.core.demo_loaders import load_villages
    from dualgoal.epidemic.demo import load_outbreak

    load_villages()
    started = time.monotonic()
    summary = load_outbreak()
    assert time.monotonic() - started < 30
    assert "F3" in summary
    levels = {level: TraceState.objects.filter(level=level).count() for level in range(4)}
    assert levels[0] >= 150 and all(levels[level] > 0 for level in (1, 2, 3)), levels
    assert not Case.objects.filter(is_demo=False).exists() and Contact.objects.filter(is_demo=True).count() > 1000
    assert GroupExposure.objects.filter(is_demo=True).count() == 2
    communes = set(Person.objects.filter(is_demo=True).values_list("residence_unit__parent__code", flat=True))
    assert communes == {"07708", "07711", "07726"}
    assert Case.objects.filter(sample_date__month__in=[5, 6]).count() == Case.objects.count()
    assert load_outbreak() == "đã có"
