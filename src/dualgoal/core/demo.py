"""Demo data: the seed district (Yên Dũng, Bắc Giang, June 2021) with villages and one user per role.

`dualgoal load_demo` runs every registered loader in order; each is idempotent (running twice changes nothing).
Modules add their own demo with `register_demo_loader`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

DEMO_PASSWORD = "dualgoal2021"


@dataclass(frozen=True)
class DemoLoader:
    name: str
    order: int
    load: Callable[[], str]


LOADERS: list[DemoLoader] = []


def register_demo_loader(name: str, order: int) -> Callable:
    def decorator(func: Callable[[], str]) -> Callable[[], str]:
        if name not in {loader.name for loader in LOADERS}:
            LOADERS.append(DemoLoader(name, order, func))
        return func

    return decorator


def demo_load(*, log: Callable[[str], None] = print) -> None:
    for loader in sorted(LOADERS, key=lambda item: item.order):
        with transaction.atomic():
            log(f"• {loader.name}: {loader.load()}")


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    organisation_code: str
    unit_code: str  # the admin unit at the root of the user's scope
    superuser: bool = False


# Organisation codes: organisations/data/yen-dung-2021.json; commune committees are "ubnd-<commune code>".
DEMO_USERS = [
    DemoUser("admin", "Quản trị hệ thống", "admin", "yd-vphdndubnd", "221", superuser=True),
    DemoUser("lanhdao", "Bùi Quang Huy (Chủ tịch UBND huyện)", "leader", "yd-ubnd", "221"),
    DemoUser("tckh", "Nguyễn Thị Hoa (Phòng TC-KH)", "coordinator", "yd-tckh", "221"),
    DemoUser("yte", "Trần Văn Minh (Phòng Y tế)", "department", "yd-pyt", "221"),
    DemoUser("ktht", "Lê Văn Hùng (Phòng KT-HT)", "department", "yd-ktht", "221"),
    DemoUser("noivu", "Phạm Thị Lan (Phòng Nội vụ)", "department", "yd-noivu", "221"),
    DemoUser("noihoang", "Đặng Văn Nam (UBND xã Nội Hoàng)", "commune", "ubnd-07708", "07708"),
    DemoUser("tiendung", "Ngô Thị Thu (UBND xã Tiến Dũng)", "commune", "ubnd-07729", "07729"),
    DemoUser(
        "tocovid",
        "Hoàng Văn Tâm (Tổ Covid cộng đồng thôn Đông, Nội Hoàng)",
        "community_team",
        "ubnd-07708",
        "07708-01",
    ),
    DemoUser("chot", "Vũ Đức Long (Chốt kiểm soát Nội Hoàng)", "checkpoint", "yd-cahuyen", "07708"),
    DemoUser("cachly", "Đỗ Thị Mai (Khu cách ly tập trung)", "facility_manager", "yd-ttyt", "221"),
]

# Villages named in the seed (II.2.3), the rest are demo names.
SEED_VILLAGES = {
    "07714": ["Thôn An Phú", "Thôn Xuân Đông"],
    "07702": ["Thôn Tân Sơn"],
    "07720": ["Thôn Sơn Thịnh", "Thôn Minh Đức"],
    "07750": ["Thôn Cự Tân"],
}
DEMO_VILLAGE_NAMES = ["Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Trung", "Thôn Thượng"]
VILLAGES_PER_COMMUNE = 6


def village_names(commune_code: str, kind: str) -> list[str]:
    if kind == "thị trấn":
        return [f"Tổ dân phố số {i}" for i in range(1, VILLAGES_PER_COMMUNE + 1)]
    named = SEED_VILLAGES.get(commune_code, [])
    return [*named, *DEMO_VILLAGE_NAMES][:VILLAGES_PER_COMMUNE]
