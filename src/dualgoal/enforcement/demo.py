"""Demo: a few dozen violations in the demo communes in June–July 2021, as of 15/07/2021.

Built through the services (every rule check, every history row is the real thing): masks, quarantine breaches,
false health declarations, gatherings, and an enterprise that opened while suspended; most decided, some paid,
one cancelled, the latest still awaiting their decision. Idempotent: nothing is added when demo violations exist.
"""

from __future__ import annotations

import datetime as dt
import random

from dualgoal.core.demo import register_demo_loader

DEMO_DAY = dt.date(2021, 7, 15)
COMMUNES = ("07708", "07711", "07726")  # Nội Hoàng, Tiền Phong, Yên Lư (the demo outbreak's communes)
PLACES = {
    "no_mask": ("Chợ {commune}", "Đường trục thôn, {commune}", "Cổng UBND {commune}"),
    "quarantine_refusal": ("Nơi cách ly tại nhà, {commune}", "Khu cách ly tập trung, {commune}"),
    "health_declaration": ("Chốt kiểm soát dịch bệnh, {commune}",),
    "gathering": ("Sân nhà văn hóa thôn, {commune}", "Quán nước đầu thôn, {commune}"),
}
# (act, how many, fine)
PERSON_ACTS = (
    ("no_mask", 16, 2_000_000),
    ("quarantine_refusal", 7, 7_500_000),
    ("health_declaration", 4, 10_000_000),
    ("gathering", 5, 1_500_000),
)
SIGNERS = {"07708": "Nguyễn Văn Hưng", "07711": "Trần Đức Minh", "07726": "Lê Thị Thu"}


@register_demo_loader("Vi phạm và xử phạt hành chính phòng, chống dịch (demo, 6–7/2021)", order=90)
def load_violations() -> str:
    from .models import Violation
    from .rulebook import enforcement_rules_load

    enforcement_rules_load()
    if Violation.objects.filter(is_demo=True).exists():
        return "đã có"
    return ViolationDemo(seed=2021).build()


class ViolationDemo:
    def __init__(self, *, seed: int):
        self.rng = random.Random(seed)
        self.serial = {code: 100 + i * 50 for i, code in enumerate(COMMUNES)}
        self.pool: dict[int, list[int]] = {}
        self.counts = {"recorded": 0, "decided": 0, "paid": 0, "cancelled": 0}

    def build(self) -> str:
        from dualgoal.geography.selectors import unit_by_code

        communes = [unit for unit in (unit_by_code(code) for code in COMMUNES) if unit is not None]
        if not communes:
            return "chưa có xã demo"
        for act, count, fine in PERSON_ACTS:
            for i in range(count):
                commune = communes[i % len(communes)]
                person = self._person(commune)
                if person is None:
                    continue
                day = dt.date(2021, 6, 1) + dt.timedelta(days=self.rng.randrange(0, 44))
                place = self.rng.choice(PLACES[act]).format(commune=commune.name)
                self._one(commune, act, day, place, fine, person=person)
        self._enterprises()
        c = self.counts
        return (
            f"{sum(c.values())} vi phạm: {c['decided']} đã ra quyết định, {c['paid']} đã nộp phạt, "
            f"{c['cancelled']} hủy, {c['recorded']} chờ quyết định"
        )

    def _person(self, commune):
        """A random adult demo resident of the commune (each offender once)."""
        from dualgoal.people.models import Person

        if commune.pk not in self.pool:
            ids = list(
                Person.objects.filter(
                    is_demo=True, residence_unit__parent=commune, birth_year__range=(1960, 2003)
                ).values_list("pk", flat=True)
            )
            self.rng.shuffle(ids)
            self.pool[commune.pk] = ids
        ids = self.pool[commune.pk]
        return Person.objects.get(pk=ids.pop()) if ids else None

    def _enterprises(self) -> None:
        from dualgoal.economy.models import Enterprise

        for enterprise in Enterprise.objects.filter(is_demo=True, commune__code__in=COMMUNES).order_by("pk")[:2]:
            day = dt.date(2021, 6, 8) + dt.timedelta(days=self.rng.randrange(0, 10))
            place = f"Nhà xưởng {enterprise.name}, {enterprise.address or enterprise.commune.name}"
            self._one(
                enterprise.commune,
                "business_open_suspended",
                day,
                place,
                30_000_000,
                enterprise=enterprise,
                description="Tổ kiểm tra liên ngành phát hiện doanh nghiệp hoạt động trở lại khi chưa được "
                "UBND huyện cho phép, trong thời gian tạm dừng hoạt động.",
            )

    def _one(self, commune, act, day, place, fine, *, person=None, enterprise=None, description="") -> None:
        from . import services

        violation = services.violation_record(
            person=person,
            enterprise=enterprise,
            act_code=act,
            act_date=day,
            place=place,
            record_number=f"{self.rng.randrange(10, 99)}/BB-VPHC",
            description=description,
            is_demo=True,
        )
        decided_on = day + dt.timedelta(days=self.rng.randrange(1, 4))
        if decided_on > DEMO_DAY - dt.timedelta(days=1):
            self.counts["recorded"] += 1
            return
        self.serial[commune.code] += 1
        code = commune.code
        violation = services.violation_decide(
            violation=violation,
            decision_number=f"{self.serial[code]}/QĐ-XPVPHC",
            decision_date=decided_on,
            authority=f"Chủ tịch UBND {commune.name}",
            signer=SIGNERS.get(code, "Nguyễn Văn An"),
            fine_amount=fine,
            other_measures="Buộc thực hiện cách ly y tế theo quy định" if act == "quarantine_refusal" else "",
        )
        if self.counts["cancelled"] == 0 and act == "no_mask" and self.counts["decided"] > 4:
            services.violation_cancel(
                violation=violation,
                reason="Xác minh lại: người vi phạm đang ăn uống tại chỗ ngồi riêng, không thuộc trường hợp xử phạt; "
                "hủy quyết định theo đề nghị của công chức tư pháp xã.",
            )
            self.counts["cancelled"] += 1
            return
        paid_on = decided_on + dt.timedelta(days=self.rng.randrange(0, 10))
        if paid_on < DEMO_DAY and self.rng.random() < 0.55:
            services.violation_mark_paid(
                violation=violation, paid_on=paid_on, receipt_number=f"BL{self.rng.randrange(1000, 9999)}"
            )
            self.counts["paid"] += 1
        else:
            self.counts["decided"] += 1
