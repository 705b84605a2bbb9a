import datetime as dt
import itertools

from dualgoal.cleaning.models import CleaningPlan, WasteCollection
from dualgoal.core.testing import ScopeCase

_serial = itertools.count(1)


def make_plan(world, commune):
    return CleaningPlan.objects.create(
        target_kind="market",
        place_name=f"Chợ {next(_serial)}",
        address="Trung tâm xã",
        commune=commune,
        in_charge="Tổ Covid cộng đồng",
        scheduled_on=dt.date(2021, 7, 14),
    )


def make_waste(world, commune):
    return WasteCollection.objects.create(
        source_kind="other",
        place=f"Điểm tập kết {next(_serial)}",
        commune=commune,
        collected_on=dt.date(2021, 7, 14),
        weight_kg=12.5,
        collector="TTYT huyện",
        destination="Lò đốt TTYT huyện",
    )


CASES = [
    ScopeCase(CleaningPlan, make_plan, api_basename="cleaningplan"),
    ScopeCase(WasteCollection, make_waste, api_basename="wastecollection"),
]
