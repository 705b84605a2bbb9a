"""Demo: venues, their operator's account, and the commune levels of the weeks of May–July 2021.

Resolution 128/NQ-CP (the level criteria) is in force only from 11/10/2021; the demo lives on 15/07/2021. So this
loader adds, for the demo period only, versions of the level rules visibly labelled as a demo assumption (source
"Dữ liệu minh họa: …", confidence "demo"). It also gives the communes an illustrative population where the unit
tree has none (estimates: the demo rule versions' source says so). Then it computes the weeks from 03/05/2021 to
the demo week with the real service, so the demo outbreak (Nội Hoàng, Tiền Phong, Yên Lư) shows as differing
levels on the grid.
Idempotent: rule versions, populations and venues already present are left alone; re-computing a week changes
nothing.
"""

from __future__ import annotations

import datetime as dt

from dualgoal.core.demo import register_demo_loader

DEMO_FROM = dt.date(2021, 5, 3)
FIRST_WEEK = dt.date(2021, 5, 3)  # the demo outbreak's cases are sampled from early May to early June
LAST_WEEK = dt.date(2021, 7, 12)
DEMO_SOURCE = (
    "Dữ liệu minh họa: áp dụng thử tiêu chí NQ 128/NQ-CP cho giai đoạn trước 11/10/2021; "
    "dân số các xã là số ước tính (chưa kiểm chứng)"
)
DEMO_CONFIDENCE = "demo"

# Illustrative populations (≈ 177,000 people in the district): estimates, not census figures.
POPULATIONS = {
    "07681": 15200,
    "07682": 11800,
    "07684": 6300,
    "07690": 9100,
    "07702": 5600,
    "07708": 10400,
    "07711": 12100,
    "07714": 8200,
    "07717": 7600,
    "07720": 8700,
    "07723": 7200,
    "07726": 9300,
    "07729": 8100,
    "07735": 9600,
    "07738": 9800,
    "07741": 9200,
    "07747": 10300,
    "07750": 7400,
}

OPERATORS = [
    # organisation code, name, commune code
    ("venue-golf-yd", "Công ty vận hành Sân Golf và Dịch vụ Yên Dũng (demo)", "07723"),
    ("venue-ttvh-yd", "Trung tâm Văn hóa - Thể thao huyện Yên Dũng (demo)", "07681"),
    ("venue-ubnd-07708", "Nhà văn hóa xã Nội Hoàng (demo)", "07708"),
]
VENUES = [
    # name, kind, commune code, operator code, capacity, address, opens_on (None) / "golf", note
    (
        "Sân Golf và Dịch vụ Yên Dũng",
        "golf",
        "07723",
        "venue-golf-yd",
        400,
        "Xã Lãng Sơn, huyện Yên Dũng (địa chỉ minh họa)",
        "golf",
        "Hoạt động trở lại từ 01/7/2021, trước mắt chỉ phục vụ khách đang lưu trú tại tỉnh Bắc Giang; lập danh sách "
        "người đến chơi hằng ngày, khai báo y tế bắt buộc (Kế hoạch khôi phục KT-XH huyện, mục II.2.6).",
    ),
    (
        "Nhà thi đấu thể thao huyện Yên Dũng",
        "sport",
        "07681",
        "venue-ttvh-yd",
        800,
        "Thị trấn Nham Biền (địa chỉ minh họa)",
        None,
        "",
    ),
    (
        "Nhà văn hóa xã Nội Hoàng",
        "culture",
        "07708",
        "venue-ubnd-07708",
        200,
        "Xã Nội Hoàng (địa chỉ minh họa)",
        None,
        "",
    ),
    (
        "Khu di tích chùa Vĩnh Nghiêm",
        "tourism",
        "07720",
        None,
        1500,
        "Xã Trí Yên",
        None,
        "Sức chứa bình thường là số minh họa.",
    ),
]
VENUE_USER = ("sangolf", "Lê Thị Ngọc (Sân Golf và Dịch vụ Yên Dũng)", "venue-golf-yd", "07723")


@register_demo_loader("Cấp độ dịch cấp xã (minh họa 5–7/2021) và cơ sở văn hóa, thể thao, du lịch", order=97)
def load_levels() -> str:
    from django.core.exceptions import ValidationError

    from .rulebook import levels_rules_load
    from .services import levels_compute

    levels_rules_load()
    added_rules = demo_rules_add()
    populations = demo_populations()
    venues = demo_venues()
    weeks, changes = 0, 0
    week = FIRST_WEEK
    while week <= LAST_WEEK:
        try:
            run = levels_compute(week_start=week, is_demo=True)
        except ValidationError:
            break
        weeks += 1
        changes += len(run.changes)
        week += dt.timedelta(days=7)
    return (
        f"{added_rules} phiên bản quy định minh họa, {populations} xã được gán dân số minh họa, {venues} cơ sở mới; "
        f"{weeks} tuần đã tính, {changes} lần thay đổi cấp độ"
    )


def demo_rules_add() -> int:
    """Versions of the level rules for the demo period, labelled as a demo assumption (never as verified)."""
    from dualgoal.core.models import Rule
    from dualgoal.core.rulebook import rule_add_version

    from .rulebook import ADJUSTMENT, THRESHOLDS, VENUE_CAPS

    added = 0
    for key in (THRESHOLDS, ADJUSTMENT, VENUE_CAPS):
        if Rule.objects.filter(key=key, valid_from=DEMO_FROM).exists():
            continue
        real = Rule.objects.filter(key=key, valid_from__gt=DEMO_FROM).order_by("valid_from").first()
        if real is None:
            continue
        rule_add_version(
            key=key,
            value=real.value,
            valid_from=DEMO_FROM,
            valid_to=real.valid_from - dt.timedelta(days=1),
            source=DEMO_SOURCE,
            confidence=DEMO_CONFIDENCE,
            note=(
                "Giả định minh họa cho bản demo (tháng 5–10/2021): các tiêu chí của phiên bản từ "
                f"{real.valid_from:%d/%m/%Y} ({real.source}) được áp dụng thử cho giai đoạn chưa có quy định. "
                "Không phải quy định có hiệu lực."
            ),
        )
        added += 1
    return added


def demo_populations() -> int:
    from dualgoal.geography.models import AdminUnit

    changed = 0
    for code, population in POPULATIONS.items():
        for unit in AdminUnit.objects.filter(code=code, population__isnull=True):
            unit.population = population
            # The unit's `source` names its code list and is rewritten by the units loader: the estimate is
            # documented here and in the demo rule versions' source, not on the unit.
            unit.save(update_fields=["population", "updated_at"])
            changed += 1
    return changed


def demo_venues() -> int:
    from dualgoal.accounts.services import user_ensure
    from dualgoal.core.demo import DEMO_PASSWORD, DemoUser
    from dualgoal.core.rulebook import RuleNotFound, rule
    from dualgoal.core.services import model_upsert
    from dualgoal.geography.selectors import unit_by_code
    from dualgoal.organisations.models import Organisation

    from .models import Venue

    organisations = {}
    for code, name, commune_code in OPERATORS:
        commune = unit_by_code(commune_code)
        if commune is None:
            return 0
        organisations[code], _, _ = model_upsert(
            Organisation, lookup={"code": code}, values={"name": name, "kind": "other", "admin_unit": commune}
        )
    try:
        golf_opens = dt.date.fromisoformat(rule("golf.reopen_date", on=dt.date(2021, 7, 1)).value)
    except (RuleNotFound, ValueError):
        golf_opens = dt.date(2021, 7, 1)
    created = 0
    for name, kind, commune_code, operator, capacity, address, opens, note in VENUES:
        _, was_created, _ = model_upsert(
            Venue,
            lookup={"name": name},
            values={
                "kind": kind,
                "commune": unit_by_code(commune_code),
                "organisation": organisations.get(operator),
                "normal_capacity": capacity,
                "address": address,
                "opens_on": golf_opens if opens == "golf" else None,
                "note": note,
                "is_demo": True,
            },
        )
        created += was_created
    username, full_name, organisation_code, unit_code = VENUE_USER
    user_ensure(
        demo=DemoUser(username, full_name, "venue_operator", organisation_code, unit_code), password=DEMO_PASSWORD
    )
    return created
