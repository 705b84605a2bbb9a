"""The seeded synthetic-data generator (`dualgoal generate`), which every module extends for its benchmarks.

A generator step is a function registered with `@register_step(name, order)`; it receives a `SynthContext` with
the scale, the seeded random generator and the units in scope, and returns a one-line summary. The same seed gives
the same data. The foundation's steps build the unit tree down to villages and spread the population over them;
`synth_persons` draws persons (names, birth dates, sex, valid citizen IDs) for the modules that store them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

SCALES = {
    # scale: (unit code, target population). Yên Dũng: ~140,000 residents in 2021; Bắc Giang: 1,803,950 (2019).
    "district": ("221", 140_000),
    "province": ("24", 1_803_950),
}


@dataclass
class SynthContext:
    scale: str
    seed: int
    rng: np.random.Generator
    root_code: str
    population: int
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str
    order: int
    run: Callable[[SynthContext], str]


STEPS: list[Step] = []


def register_step(name: str, order: int) -> Callable:
    def decorator(func: Callable[[SynthContext], str]) -> Callable[[SynthContext], str]:
        if name not in {s.name for s in STEPS}:
            STEPS.append(Step(name, order, func))
        return func

    return decorator


def synth_run(*, scale: str, seed: int, only: list[str] | None = None, log: Callable[[str], None] = print) -> None:
    root_code, population = SCALES[scale]
    context = SynthContext(scale, seed, np.random.default_rng(seed), root_code, population)
    for step in sorted(STEPS, key=lambda s: s.order):
        if only and step.name not in only:
            continue
        log(f"• {step.name}: {step.run(context)}")


# --- persons -----------------------------------------------------------------------------------------------

SURNAMES = np.array(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đào",
        "Đinh",
        "Lương",
        "Thân",
        "Giáp",
        "Trịnh",
        "Mai",
        "Tạ",
    ]
)
# Share of the population per surname (Nguyễn ≈ 38 %); the tail is spread evenly.
SURNAME_WEIGHTS = np.array(
    [38, 11, 9.5, 7, 5.1, 2.1, 4.5, 3.9, 1.3, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5, 1, 1, 1, 1, 1, 1, 1, 1.0]
)
MIDDLE_MALE = np.array(["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Ngọc", "Duy"])
MIDDLE_FEMALE = np.array(["Thị", "Thị", "Thị", "Ngọc", "Thu", "Minh", "Thanh", "Hồng", "Phương", "Kim"])
GIVEN_MALE = np.array(
    [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Giang",
        "Hải",
        "Hùng",
        "Huy",
        "Khánh",
        "Long",
        "Minh",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Tâm",
        "Thắng",
        "Trung",
        "Tuấn",
        "Việt",
        "Vinh",
    ]
)
GIVEN_FEMALE = np.array(
    [
        "Anh",
        "Chi",
        "Dung",
        "Hà",
        "Hạnh",
        "Hằng",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Loan",
        "Mai",
        "Nga",
        "Ngọc",
        "Nhung",
        "Oanh",
        "Phương",
        "Thảo",
        "Thu",
        "Trang",
        "Vân",
        "Yến",
    ]
)


def synth_persons(rng: np.random.Generator, n: int, *, province_code: str = "024", first_serial: int = 0) -> dict:
    """Draw `n` persons as columns (numpy arrays). Citizen IDs follow DOMAIN.md and are unique within the call.

    CCCD = province code (3) + century-and-sex digit (0/1 born 1900s, 2/3 born 2000s; even = male)
    + last two digits of the birth year + a 6-digit serial.
    """
    female = rng.random(n) < 0.505
    age = np.clip(rng.gamma(2.2, 16.0, n), 0, 99).astype(np.int32)
    birth_year = 2021 - age
    birth_doy = rng.integers(0, 365, n)
    surname = rng.choice(SURNAMES, n, p=SURNAME_WEIGHTS / SURNAME_WEIGHTS.sum())
    middle = np.where(female, rng.choice(MIDDLE_FEMALE, n), rng.choice(MIDDLE_MALE, n))
    given = np.where(female, rng.choice(GIVEN_FEMALE, n), rng.choice(GIVEN_MALE, n))
    full_name = np.char.add(np.char.add(np.char.add(np.char.add(surname, " "), middle), " "), given)
    century_sex = (birth_year >= 2000) * 2 + female
    serial = (first_serial + rng.permutation(n)) % 1_000_000
    ids = np.char.add(
        np.char.add(
            np.char.add(province_code, century_sex.astype(str)),
            np.char.zfill((birth_year % 100).astype(str), 2),
        ),
        np.char.zfill(serial.astype(str), 6),
    )
    return {
        "full_name": full_name,
        "female": female,
        "birth_year": birth_year,
        "birth_date": np.datetime64("1900-01-01")
        + ((birth_year - 1900) * 365.2425 + birth_doy).astype("timedelta64[D]"),
        "id_number": ids,
    }
