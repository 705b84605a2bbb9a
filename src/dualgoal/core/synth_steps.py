"""The foundation's generator steps: synthetic villages for every commune in scope and their population."""

from __future__ import annotations

import numpy as np

from dualgoal.core.synth import SynthContext, register_step

VILLAGES_PER_COMMUNE = (5, 14)


@register_step("villages", order=10)
def villages(context: SynthContext) -> str:
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit
    from dualgoal.geography.selectors import unit_by_code
    from dualgoal.geography.services import units_load, village_ensure

    units_load()
    root = unit_by_code(context.root_code)
    communes = list(AdminUnit.objects.filter(path__startswith=root.path, level=Level.COMMUNE).order_by("path"))
    created = 0
    for commune in communes:
        count = int(context.rng.integers(*VILLAGES_PER_COMMUNE))
        existing = commune.children.count()
        for number in range(existing + 1, count + 1):
            kind = "Tổ dân phố số" if commune.kind in {"thị trấn", "phường"} else "Thôn"
            village_ensure(commune=commune, number=number, name=f"{kind} {number}")
            created += 1
    context.extra["communes"] = communes
    return f"{len(communes)} xã/phường/thị trấn, {created} thôn/tổ dân phố mới"


@register_step("population", order=20)
def population(context: SynthContext) -> str:
    """Spread the target population over villages (log-normal sizes), stored on each unit."""
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit
    from dualgoal.geography.selectors import unit_by_code

    root = unit_by_code(context.root_code)
    village_list = list(AdminUnit.objects.filter(path__startswith=root.path, level=Level.VILLAGE).order_by("path"))
    if not village_list:
        return "không có thôn nào"
    weights = context.rng.lognormal(0.0, 0.5, len(village_list))
    counts = np.floor(weights / weights.sum() * context.population).astype(int)
    counts[: context.population - counts.sum()] += 1
    for village, count in zip(village_list, counts.tolist(), strict=True):
        village.population = count
    AdminUnit.objects.bulk_update(village_list, ["population"], batch_size=1000)
    context.extra["village_population"] = dict(zip([v.pk for v in village_list], counts.tolist(), strict=True))
    return f"{int(counts.sum()):,} người trên {len(village_list)} thôn/tổ dân phố".replace(",", ".")
