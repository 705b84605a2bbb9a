"""Demo: cleaning plans in the demo outbreak's communes (Nội Hoàng, Tiền Phong, Yên Lư) and medical-waste
collections from the demo quarantine facilities, as of 15/07/2021.

Through the services: markets cleaned weekly (the 14/07 round left undone, so overdue on 15/07), boarding houses,
most homes of recent cases (a few left without a plan: the dashboard lists them), the demo zones when the zones
demo exists. Idempotent: nothing is added when demo plans exist.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from dualgoal.core.demo import register_demo_loader

DEMO_DAY = dt.date(2021, 7, 15)
COMMUNES = ("07708", "07711", "07726")
TEAM = "Tổ Covid cộng đồng {commune}"
MILITARY = "Ban Chỉ huy Quân sự huyện Yên Dũng"
INCINERATOR = "Lò đốt rác thải y tế – Trung tâm Y tế huyện Yên Dũng"
COLLECTOR = "Tổ thu gom rác thải y tế, Trung tâm Y tế huyện Yên Dũng"


@register_demo_loader("Làm sạch môi trường, thu gom rác thải y tế (demo, 6–7/2021)", order=95)
def load_cleaning() -> str:
    from .models import CleaningPlan

    if CleaningPlan.objects.filter(is_demo=True).exists():
        return "đã có"
    return CleaningDemo(seed=2021).build()


class CleaningDemo:
    def __init__(self, *, seed: int):
        self.rng = random.Random(seed)
        self.plans = 0
        self.done = 0
        self.waste = 0

    def build(self) -> str:
        from dualgoal.geography.selectors import unit_by_code

        for code in COMMUNES:
            commune = unit_by_code(code)
            if commune is None:
                continue
            self._market(commune)
            self._zones(commune)
            self._boarding_houses(commune)
            self._case_homes(commune)
        self._waste()
        return f"{self.plans} kế hoạch làm sạch ({self.done} đã thực hiện), {self.waste} lần thu gom rác thải y tế"

    def _plan(self, *, done_on=None, done_by="", **kwargs):
        from . import services

        plan = services.cleaning_plan_create(is_demo=True, **kwargs)
        self.plans += 1
        if done_on is not None:
            services.cleaning_mark_done(plan=plan, done_on=done_on, done_by=done_by or plan.in_charge)
            self.done += 1
        return plan

    def _market(self, commune) -> None:
        name = f"Chợ {commune.short_name}"
        team = TEAM.format(commune=commune.name)
        for day, done in (
            (dt.date(2021, 7, 5), True),
            (dt.date(2021, 7, 12), True),
            (dt.date(2021, 7, 14), False),
            (dt.date(2021, 7, 19), False),
        ):
            self._plan(
                target_kind="market",
                place_name=name,
                address=f"Trung tâm {commune.name}",
                commune=commune,
                method="chloramine_spray",
                method_detail="Phun dung dịch Cloramin B 2% toàn bộ khu vực chợ, quầy hàng, lối đi",
                in_charge=team,
                scheduled_on=day,
                done_on=day if done else None,
            )

    def _zones(self, commune) -> None:
        try:
            from dualgoal.zones.models import Zone
        except ImportError:  # pragma: no cover
            return
        for zone in Zone.objects.filter(is_demo=True).filter(units__path__startswith=commune.path).distinct()[:2]:
            self._plan(
                target_kind="zone",
                zone=zone,
                commune=commune,
                method="chloramine_spray",
                method_detail="Phun khử khuẩn đường thôn, ngõ xóm, nơi công cộng trong vùng phong tỏa",
                in_charge=MILITARY,
                scheduled_on=dt.date(2021, 7, 13),
                scheduled_until=dt.date(2021, 7, 16),
            )

    def _boarding_houses(self, commune) -> None:
        from dualgoal.economy.models import BoardingHouse

        team = TEAM.format(commune=commune.name)
        houses = BoardingHouse.objects.filter(village__parent=commune).order_by("pk")[:3]
        for i, house in enumerate(houses):
            day = (dt.date(2021, 7, 9), dt.date(2021, 7, 13), DEMO_DAY)[i]
            self._plan(
                target_kind="boarding_house",
                boarding_house=house,
                method="chloramine_spray",
                method_detail="Phun khử khuẩn từng phòng trọ, khu vệ sinh chung",
                in_charge=team,
                scheduled_on=day,
                done_on=day if i == 0 else None,
            )

    def _case_homes(self, commune) -> None:
        from dualgoal.epidemic.models import Case

        team = TEAM.format(commune=commune.name)
        cases = list(
            Case.objects.filter(
                is_demo=True, person__residence_unit__parent=commune, sample_date__gte=dt.date(2021, 6, 15)
            ).order_by("sample_date", "pk")
        )
        for case in cases[:-2]:  # the two latest are left unplanned: the dashboard lists them
            day = case.sample_date + dt.timedelta(days=1)
            late = self.rng.random() < 0.15
            self._plan(
                target_kind="case_home",
                case=case,
                method="chloramine_spray",
                method_detail="Phun khử khuẩn nhà ở, sân, khu vệ sinh của gia đình có ca bệnh",
                in_charge=team,
                scheduled_on=day,
                done_on=None if late or day > DEMO_DAY else day,
            )

    def _waste(self) -> None:
        from dualgoal.operations.models import QuarantineFacility

        from . import services

        for facility in QuarantineFacility.objects.filter(is_demo=True).order_by("pk"):
            day = dt.date(2021, 6, 1)
            serial = 1
            while day < DEMO_DAY:
                services.waste_collection_record(
                    source_kind="facility",
                    facility=facility,
                    collected_on=day,
                    weight_kg=Decimal(self.rng.randrange(150, 650)) / 10,
                    bags=self.rng.randrange(3, 14),
                    collector=COLLECTOR,
                    destination=INCINERATOR,
                    manifest_number=f"{serial:03d}/BBGN-RTYT",
                    is_demo=True,
                )
                self.waste += 1
                serial += 1
                day += dt.timedelta(days=self.rng.choice((2, 3)))
