import datetime as dt
import itertools

import pytest

from dualgoal.people.models import Person

D = dt.date
_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _today_and_rules(settings, db):
    from dualgoal.core.rulebook import rules_load
    from dualgoal.enforcement.rulebook import enforcement_rules_load

    settings.DUALGOAL_TODAY = "2021-07-15"
    rules_load()
    enforcement_rules_load()


@pytest.fixture
def person(world):
    def make(name: str | None = None, *, village=None, **fields):
        n = next(_serial)
        fields.setdefault("id_number", f"02409{n:07d}")
        return Person.objects.create(
            full_name=name or f"Người vi phạm {n}", residence_unit=village or world.village_a, **fields
        )

    return make


@pytest.fixture
def enterprise(world):
    from dualgoal.economy import services

    def make(commune=None):
        n = next(_serial)
        commune = commune or world.commune_a
        return services.enterprise_register(
            tax_code=f"24{n:08d}", name=f"Công ty TNHH Mẫu {n}", commune=commune, status="suspended"
        )

    return make


@pytest.fixture
def decided(person):
    """decided(person=…, fine=…, decision_date=…) -> a decided no-mask violation."""
    from dualgoal.enforcement import services

    def make(*, who=None, fine=2_000_000, act_date=D(2021, 7, 1), decision_date=D(2021, 7, 2), number=None):
        violation = services.violation_record(
            person=who or person(), act_code="no_mask", act_date=act_date, place="Chợ Nội Hoàng"
        )
        return services.violation_decide(
            violation=violation,
            decision_number=number or f"{next(_serial)}/QĐ-XPVPHC",
            decision_date=decision_date,
            authority="Chủ tịch UBND xã Nội Hoàng",
            signer="Nguyễn Văn Hưng",
            fine_amount=fine,
        )

    return make
