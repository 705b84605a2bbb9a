"""The demo loader on the real district: Directive 15 in Nội Hoàng, Tiền Phong, Yên Lư, checkpoints, shifts."""

from dualgoal.zones.choices import ZoneStatus
from dualgoal.zones.demo import load_zones
from dualgoal.zones.models import Checkpoint, Passage, Shift, Zone


def test_demo_loader_is_idempotent_and_marks_its_decisions(yen_dung):
    first = load_zones()
    assert "chốt" in first
    zone = Zone.objects.get(directive=15)
    assert "(DEMO)" in zone.decision_number
    assert sorted(u.code for u in zone.units.all()) == ["07708", "07711", "07726"]
    assert zone.status_on(zone.start_date.replace(month=7, day=15)) == ZoneStatus.EXTENDED
    assert Checkpoint.objects.count() == 4 and Shift.objects.count() == 24
    assert Passage.objects.filter(is_demo=True).count() >= 17
    assert Passage.objects.filter(arrival__isnull=False, outcome="turned_back").count() == 5
    counts = (Zone.objects.count(), Passage.objects.count())
    assert load_zones() == "đã có"
    assert (Zone.objects.count(), Passage.objects.count()) == counts
