import datetime as dt
import itertools

from dualgoal.core.testing import ScopeCase
from dualgoal.enforcement.models import Violation
from dualgoal.people.models import Person

_serial = itertools.count(1)


def make_violation(world, commune):
    n = next(_serial)
    village = world.village_a if commune == world.commune_a else world.village_b
    person = Person.objects.create(full_name=f"Người vi phạm {n}", id_number=f"02406{n:07d}", residence_unit=village)
    return Violation.objects.create(
        offender_kind="person",
        person=person,
        act_code="no_mask",
        act_label="Không đeo khẩu trang tại nơi công cộng",
        legal_basis="điểm a khoản 1 Điều 12 Nghị định 117/2020/NĐ-CP",
        act_date=dt.date(2021, 7, 1),
        place="Chợ",
        commune=commune,
    )


CASES = [ScopeCase(Violation, make_violation, api_basename="violation")]
