"""Demo zones and checkpoints (after the economy and operations loaders, order 80): Directive 15 kept in Nội Hoàng,
Tiền Phong and Yên Lư (seed II.1), a lockdown of one village of Nội Hoàng, four checkpoints with shifts and staff
around 15/07/2021, and passages — some with scans of the demo permits, some turned back from an epidemic area.
Decision numbers carry "(DEMO)": they are not real decisions."""

from __future__ import annotations

import datetime as dt
import random

from django.conf import settings
from django.test.utils import override_settings
from django.utils import timezone

from dualgoal.core.demo import register_demo_loader

DEMO_DAY = dt.date(2021, 7, 15)
SEED = 2021_07_15
CHECKPOINTS = [  # name, commune code, place, which zone ("d15" or "lockdown"), organisation code
    ("Chốt cầu Đông Nội Hoàng", "07708", "Đường ĐH.5B, đầu cầu thôn Đông", "lockdown", "yd-cahuyen"),
    ("Chốt QL17 Nội Hoàng", "07708", "Quốc lộ 17, ngã ba KCN Song Khê – Nội Hoàng", "d15", "ubnd-07708"),
    ("Chốt Tiền Phong", "07711", "Đường ĐT398, cổng UBND xã Tiền Phong", "d15", "ubnd-07711"),
    ("Chốt Yên Lư", "07726", "Đường vào CCN Yên Lư", "d15", "ubnd-07726"),
]
SHIFTS = [(dt.time(6), dt.time(14)), (dt.time(14), dt.time(22)), (dt.time(22), dt.time(6))]
STAFF_NAMES = [
    "Nguyễn Văn Hải",
    "Trần Đức Thắng",
    "Lê Thị Hồng",
    "Phạm Văn Toàn",
    "Đào Minh Quân",
    "Ngô Thị Hạnh",
    "Vũ Văn Khải",
    "Hoàng Thị Yến",
    "Bùi Văn Lực",
    "Đặng Quốc Việt",
]
TRAVELLERS = ["Hà Văn Lộc", "Giáp Thị Nhung", "Thân Văn Quý", "Nông Thị Lan", "Chu Văn Đạt"]
# Around Nội Hoàng (lon/lat, approximate, for the demo drawing only)
LOCKDOWN_POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [
            [106.232, 21.238],
            [106.246, 21.236],
            [106.249, 21.247],
            [106.238, 21.252],
            [106.229, 21.246],
            [106.232, 21.238],
        ]
    ],
}


@register_demo_loader("Vùng giãn cách, phong tỏa, chốt kiểm soát (demo, quanh 15/07/2021)", order=90)
def load_zones() -> str:
    from .models import Zone

    if Zone.objects.filter(is_demo=True).exists():
        return "đã có"
    if getattr(settings, "DUALGOAL_TODAY", ""):
        return ZonesDemo().build()
    with override_settings(DUALGOAL_TODAY=DEMO_DAY.isoformat()):  # permit checks judge validity on the demo date
        return ZonesDemo().build()


class ZonesDemo:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.counts = {"passages": 0, "scans": 0, "arrivals": 0, "shifts": 0}

    def build(self) -> str:
        from dualgoal.geography.models import AdminUnit

        units = {
            u.code: u for u in AdminUnit.objects.valid_on(DEMO_DAY).filter(code__in=["221", "07708", "07711", "07726"])
        }
        if len(units) < 4:
            return "thiếu đơn vị hành chính: chạy các bước nền trước"
        zones = self._zones(units)
        checkpoints = self._checkpoints(units, zones)
        self._shifts(checkpoints)
        self._passages(checkpoints)
        c = self.counts
        return (
            f"{len(zones)} vùng, {len(checkpoints)} chốt, {c['shifts']} ca trực, {c['passages']} lượt qua chốt "
            f"({c['scans']} lượt quét giấy đi đường, {c['arrivals']} người đưa vào theo dõi)"
        )

    def _zones(self, units) -> dict:
        from . import services

        d15 = services.zone_declare(
            name="Giãn cách xã hội theo Chỉ thị 15 — Nội Hoàng, Tiền Phong, Yên Lư",
            kind="distancing",
            directive=15,
            unit=units["221"],
            units=[units["07708"], units["07711"], units["07726"]],
            decision_number="Quyết định số 1501/QĐ-UBND (DEMO)",
            issued_on=dt.date(2021, 6, 14),
            start_date=dt.date(2021, 6, 15),
            planned_end=dt.date(2021, 6, 30),
            inner_control="Không tụ tập quá 10 người ngoài công sở, trường học, bệnh viện; giữ khoảng cách 2 m; "
            "dừng các hoạt động không thiết yếu tại chợ, quán ăn.",
            outer_control="Lập chốt tại các trục đường ĐH.5B, QL17, ĐT398; kiểm tra giấy đi đường “2 điểm, 1 đường” "
            "của công nhân; người đến từ vùng dịch khai báo y tế.",
            is_demo=True,
        )
        services.zone_extend(
            zone=d15,
            decision_number="Quyết định số 1720/QĐ-UBND (DEMO)",
            decided_on=dt.date(2021, 6, 29),
            new_end=dt.date(2021, 7, 31),
            reason="Còn ca mắc mới trong cộng đồng tại Nội Hoàng (demo)",
        )
        village = units["07708"].children.filter(level=4).order_by("code").first()
        zones = {"d15": d15}
        if village is not None:
            zones["lockdown"] = services.zone_declare(
                name=f"Phong tỏa {village.name}, xã Nội Hoàng",
                kind="lockdown",
                directive=16,
                unit=units["07708"],
                units=[village],
                polygon=LOCKDOWN_POLYGON,
                decision_number="Quyết định số 215/QĐ-UBND (DEMO)",
                issued_on=dt.date(2021, 7, 9),
                start_date=dt.date(2021, 7, 10),
                planned_end=dt.date(2021, 7, 24),
                inner_control="Người dân ở tại nhà; Tổ Covid cộng đồng đi chợ hộ; xét nghiệm toàn thôn 3 ngày/lần.",
                outer_control="Chốt 24/24 tại các lối vào thôn; không cho người, phương tiện ra vào trừ cấp cứu, "
                "chở hàng thiết yếu.",
                is_demo=True,
            )
        return zones

    def _checkpoints(self, units, zones) -> list:
        from dualgoal.organisations.models import Organisation

        from . import services

        checkpoints = []
        for name, code, place, zone_key, organisation_code in CHECKPOINTS:
            checkpoints.append(
                services.checkpoint_create(
                    name=name,
                    unit=units[code],
                    place=place,
                    zone=zones.get(zone_key) or zones["d15"],
                    organisation=Organisation.objects.filter(code=organisation_code).first(),
                    is_demo=True,
                )
            )
        return checkpoints

    def _shifts(self, checkpoints) -> None:
        from dualgoal.accounts.models import User

        from . import services

        officer = User.objects.filter(username="chot").first()
        for checkpoint in checkpoints:
            for day in (DEMO_DAY - dt.timedelta(days=1), DEMO_DAY):
                for index, (start, end) in enumerate(SHIFTS):
                    names = self.rng.sample(STAFF_NAMES, 3)
                    staff = [
                        {"name": names[0], "role": "police", "phone": f"09{self.rng.randint(10000000, 99999999)}"},
                        {"name": names[1], "role": "militia", "phone": ""},
                        {"name": names[2], "role": "health", "phone": ""},
                    ]
                    if officer and checkpoint is checkpoints[0] and index == 0:
                        staff[0] = {"user": officer, "role": "police", "phone": ""}
                    services.shift_create(checkpoint=checkpoint, date=day, start_time=start, end_time=end, staff=staff)
                    self.counts["shifts"] += 1

    def _epidemic_area(self):
        """An epidemic area in force on the demo day: the operations demo's, or Hồ Chí Minh City (Directive 16 from
        0h 09/7/2021), recorded through the operations service."""
        from dualgoal.operations.models import OriginArea
        from dualgoal.operations.services import area_in_force, origin_area_save

        for area in OriginArea.objects.order_by("-valid_from"):
            if area_in_force(area, DEMO_DAY) and area.risk_level in ("very_high", "high"):
                return area
        return origin_area_save(
            name="Thành phố Hồ Chí Minh",
            risk_level="very_high",
            valid_from=dt.date(2021, 7, 9),
            source="TP.HCM áp dụng Chỉ thị 16/CT-TTg từ 0h ngày 09/7/2021 (dữ liệu demo)",
        )

    def _passages(self, checkpoints) -> None:
        from dualgoal.accounts.models import User
        from dualgoal.economy.models import Permit
        from dualgoal.economy.services import permit_token

        from . import services

        officer = User.objects.filter(username="chot").first()
        permits = list(
            Permit.objects.filter(status="valid", valid_from__lte=DEMO_DAY, valid_to__gte=DEMO_DAY).order_by("pk")[:12]
        )
        permits += list(Permit.objects.filter(status="revoked").order_by("pk")[:2])
        permits += list(Permit.objects.filter(valid_to__lt=DEMO_DAY).order_by("pk")[:1])
        area = self._epidemic_area()

        def moment(day_offset: int, hour: int) -> dt.datetime:
            day = DEMO_DAY - dt.timedelta(days=day_offset)
            return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59))))

        def log(**fields):
            passage = services.passage_log(officer=officer, is_demo=True, **fields)
            self.counts["passages"] += 1
            self.counts["scans"] += passage.permit_scan_id is not None
            self.counts["arrivals"] += passage.arrival_id is not None
            return passage

        for index, permit in enumerate(permits):  # workers on their "2 points, 1 road" with a permit
            checkpoint = checkpoints[1 + index % 3]
            bad = permit.status == "revoked" or permit.valid_to < DEMO_DAY
            log(
                checkpoint=checkpoint,
                direction=self.rng.choice(["in", "out"]),
                outcome="turned_back" if bad else "allowed",
                reason="Giấy đi đường không hợp lệ" if bad else "",
                permit_token=permit_token(permit),
                at=moment(index % 2, self.rng.choice([6, 7, 16, 17])),
            )
        for index in range(14):  # trucks and cars with goods
            log(
                checkpoint=checkpoints[index % 4],
                direction="in" if index % 2 else "out",
                outcome="allowed",
                plate=f"98{self.rng.choice('ABCH')}{self.rng.randint(10000, 99999)}",
                name=self.rng.choice(STAFF_NAMES),
                origin=self.rng.choice(["TP Bắc Giang", "Huyện Lạng Giang", "Huyện Việt Yên", "Hà Nội"]),
                at=moment(index % 2, self.rng.randint(5, 21)),
            )
        for index in range(3):  # people of the locked-down village who tried to go out
            log(
                checkpoint=checkpoints[0],
                direction="out",
                outcome="turned_back",
                reason="Thôn đang phong tỏa, không thuộc trường hợp được ra khỏi vùng",
                name=self.rng.choice(STAFF_NAMES),
                at=moment(index % 2, self.rng.randint(7, 19)),
            )
        if area is not None:
            for index, name in enumerate(TRAVELLERS):  # from an epidemic area: turned back, put on the arrivals watch
                log(
                    checkpoint=checkpoints[1 + index % 3],
                    direction="in",
                    outcome="turned_back",
                    reason="Đến từ vùng dịch, không có kết quả xét nghiệm âm tính",
                    name=name,
                    plate=f"98B1{self.rng.randint(10000, 99999)}",
                    origin_area=area,
                    at=moment(index % 2, self.rng.randint(6, 10)),
                )
