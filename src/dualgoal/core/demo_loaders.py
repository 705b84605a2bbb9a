"""The foundation's demo loaders: units, bodies, villages, rules, users."""

from __future__ import annotations

from dualgoal.core.demo import DEMO_PASSWORD, DEMO_USERS, register_demo_loader, village_names


@register_demo_loader("Đơn vị hành chính", order=10)
def load_units() -> str:
    from dualgoal.geography.services import units_load

    created, updated = units_load()
    return f"{created} mới, {updated} cập nhật"


@register_demo_loader("Thôn, tổ dân phố (demo)", order=20)
def load_villages() -> str:
    from dualgoal.geography.selectors import YEN_DUNG_CODE, communes_of, unit_by_code
    from dualgoal.geography.services import village_ensure

    count = 0
    for commune in communes_of(unit_by_code(YEN_DUNG_CODE)):
        for number, name in enumerate(village_names(commune.code, commune.kind), start=1):
            village_ensure(commune=commune, number=number, name=name)
            count += 1
    return f"{count} thôn/tổ dân phố"


@register_demo_loader("Cơ quan, đơn vị huyện Yên Dũng", order=30)
def load_organisations() -> str:
    from dualgoal.organisations.services import organisations_load

    return f"{organisations_load()} cơ quan, đơn vị"


@register_demo_loader("Quy định (bảng quy tắc có phiên bản)", order=40)
def load_rules() -> str:
    from dualgoal.core.rulebook import rules_load

    return f"{rules_load()} phiên bản mới"


@register_demo_loader("Tài khoản demo", order=50)
def load_users() -> str:
    from dualgoal.accounts.services import user_ensure

    created = sum(user_ensure(demo=u, password=DEMO_PASSWORD) for u in DEMO_USERS)
    return f"{created} tài khoản mới, {len(DEMO_USERS)} tài khoản demo"
