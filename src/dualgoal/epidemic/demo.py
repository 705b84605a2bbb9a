"""Demo: a synthetic outbreak (is_demo) in Nội Hoàng, Tiền Phong and Yên Lư, May–June 2021.

Residents live in households in the communes' villages; many work in teams at the Song Khê–Nội Hoàng industrial
park. A few index cases fall ill in early May; the outbreak spreads along households, work teams, neighbours, a
market and a wedding until a few hundred F0 are confirmed. Tracing records the contacts of every F0 during their
infectious period, then the contacts of those contacts before their quarantine, so F1, F2 and F3 appear. Everything
is bulk-inserted and the levels are computed once at the end (`trace_recompute`).
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from dataclasses import dataclass, field

import numpy as np

from dualgoal.core.demo import register_demo_loader

COMMUNES = ("07708", "07711", "07726")  # Nội Hoàng, Tiền Phong, Yên Lư
PERSONS_PER_COMMUNE = 900
TARGET_F0 = 220
START = dt.date(2021, 5, 6)
LAST_ONSET = dt.date(2021, 6, 24)
HOUSEHOLD_PREFIX = "DEMO-EPI-"
TREATMENT_PLACES = (
    "Bệnh viện Dã chiến số 1 Bắc Giang",
    "Bệnh viện Phổi Bắc Giang",
    "Trung tâm Y tế huyện Yên Dũng",
)
INFECTION = {"household": 0.45, "workplace": 0.2, "community": 0.1, "venue": 0.1}


@dataclass
class Resident:
    index: int
    commune: int
    village: object
    household: int
    age: int
    team: int | None = None
    neighbours: list[tuple[int, str]] = field(default_factory=list)


@register_demo_loader("Ổ dịch demo (Nội Hoàng, Tiền Phong, Yên Lư): F0, tiếp xúc, F1–F3", order=70)
def load_outbreak() -> str:
    from .models import Case

    if Case.objects.filter(is_demo=True).exists():
        return "đã có"
    return Outbreak(seed=2021).build()


class Outbreak:
    def __init__(self, *, seed: int):
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self.residents: list[Resident] = []
        self.person_ids: list[int] = []
        self.contacts: list[tuple[int, int, dt.date, str, str]] = []  # (a, b, day, setting, note) by index
        self.contacted: set[tuple[int, int, dt.date]] = set()
        self.f0: dict[int, dict] = {}  # index -> onset, sample, isolation
        self.exposed: dict[int, dt.date] = {}  # first recorded exposure of a non-F0
        self.quarantine: dict[int, dt.date] = {}
        self.drawn: list[tuple[str, str, bool]] = []

    # --- population ------------------------------------------------------------------------------------------

    def build(self) -> str:
        from dualgoal.geography.choices import Level
        from dualgoal.geography.selectors import unit_by_code

        communes = [unit_by_code(code) for code in COMMUNES]
        villages = {c.pk: list(c.children.filter(level=Level.VILLAGE).order_by("code")) for c in communes}
        if any(not v for v in villages.values()):
            return "thiếu thôn: chạy các bước nền trước"
        self._population(communes, villages)
        self._insert_persons(communes)
        self._simulate()
        groups = self._group_exposures(communes)
        self._trace_contacts()
        counts = self._insert_records(groups)
        from .tracing_service import forget_engine, trace_recompute

        forget_engine()
        result = trace_recompute(cause="Dữ liệu demo: ổ dịch Nội Hoàng – Tiền Phong – Yên Lư")
        levels = ", ".join(f"F{level}: {n}" for level, n in sorted(result.counts.items()))
        return f"{len(self.residents)} người, {len(self.f0)} F0, {counts['contacts']} tiếp xúc; {levels}"

    def _draw(self) -> None:
        """Names, sexes and citizen IDs (consistent with the birth year), avoiding IDs already registered."""
        from dualgoal.core.synth import synth_persons
        from dualgoal.people.models import Person

        total = PERSONS_PER_COMMUNE * len(COMMUNES)
        drawn = synth_persons(self.np_rng, total * 2, first_serial=870_000)
        ids = drawn["id_number"].tolist()
        taken = set(Person.objects.filter(id_number__in=ids).values_list("id_number", flat=True))
        names, female = drawn["full_name"].tolist(), drawn["female"].tolist()
        self.drawn = [(names[k], ids[k], female[k]) for k in range(total * 2) if ids[k] not in taken][:total]

    def _population(self, communes, villages) -> None:
        self._draw()
        household = 0
        for number, commune in enumerate(communes):
            placed = 0
            while placed < PERSONS_PER_COMMUNE:
                village = self.rng.choice(villages[commune.pk])
                size = min(PERSONS_PER_COMMUNE - placed, self.rng.choice((1, 2, 3, 3, 4, 4, 4, 5, 5, 6)))
                for _ in range(size):
                    digits = self.drawn[len(self.residents)][1]
                    age = 2021 - ((1900 if int(digits[3]) < 2 else 2000) + int(digits[4:6]))
                    self.residents.append(Resident(len(self.residents), number, village, household, age))
                placed += size
                household += 1
        by_household: dict[int, list[int]] = {}
        for r in self.residents:
            by_household.setdefault(r.household, []).append(r.index)
        # work teams at the industrial park mix the three communes
        workers = [r for r in self.residents if 18 <= r.age <= 50 and self.rng.random() < 0.55]
        self.rng.shuffle(workers)
        for position, worker in enumerate(workers):
            worker.team = position // 14
        by_team: dict[int, list[int]] = {}
        for worker in workers:
            by_team.setdefault(worker.team, []).append(worker.index)
        by_village: dict[int, list[int]] = {}
        for r in self.residents:
            by_village.setdefault(r.village.pk, []).append(r.index)
        for r in self.residents:
            r.neighbours += [(o, "household") for o in by_household[r.household] if o != r.index]
            if r.team is not None:
                mates = [o for o in by_team[r.team] if o != r.index]
                r.neighbours += [(o, "workplace") for o in self.rng.sample(mates, min(4, len(mates)))]
            near = [o for o in by_village[r.village.pk] if o != r.index]
            r.neighbours += [(o, "community") for o in self.rng.sample(near, min(2, len(near)))]

    def _insert_persons(self, communes) -> None:
        from dualgoal.people.models import Household, Person, name_tokens_bulk

        households = {}
        for r in self.residents:
            if r.household not in households:
                households[r.household] = Household(
                    code=f"{HOUSEHOLD_PREFIX}{r.village.code}-{r.household:04d}",
                    village=r.village,
                    address=f"{r.village.name}, {communes[r.commune].name}",
                )
        Household.objects.bulk_create(households.values(), batch_size=1000)
        persons = []
        for r in self.residents:
            name, digits, female = self.drawn[r.index]
            year = 2021 - r.age
            person = Person(
                full_name=name,
                sex="F" if female else "M",
                birth_year=year,
                birth_date=dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365)),
                id_number=digits,
                phone=f"09{self.rng.randrange(10**8):08d}" if r.age >= 15 else "",
                residence_unit=r.village,
                address=households[r.household].address,
                household=households[r.household],
                is_demo=True,
            )
            person.prepare()
            persons.append(person)
        Person.objects.bulk_create(persons, batch_size=1000)
        name_tokens_bulk(persons)
        self.person_ids = [p.pk for p in persons]

    # --- the outbreak ----------------------------------------------------------------------------------------

    def _day(self, start: dt.date, stop: dt.date) -> dt.date:
        """A day in [start, stop] (stop included)."""
        span = max(0, (stop - start).days)
        return start + dt.timedelta(days=self.rng.randint(0, span))

    def _contact(self, a: int, b: int, day: dt.date, setting: str, note: str = "") -> bool:
        key = (min(a, b), max(a, b), day)
        if a == b or key in self.contacted:
            return False
        self.contacted.add(key)
        self.contacts.append((a, b, day, setting, note))
        return True

    def _simulate(self) -> None:
        workers = [r.index for r in self.residents if r.team is not None]
        index_cases = self.rng.sample(workers, 6)
        queue: list[tuple[dt.date, int]] = []
        for number, who in enumerate(index_cases):
            onset = START + dt.timedelta(days=number + self.rng.randint(0, 3))
            self._confirm(who, onset)
            heapq.heappush(queue, (onset, who))
        while queue:
            _onset, who = heapq.heappop(queue)
            case = self.f0[who]
            first, last = case["infectious"], case["isolation"] - dt.timedelta(days=1)
            for other, setting in self.residents[who].neighbours:
                day = last if setting == "household" else self._day(first, last)
                if not self._contact(who, other, day, setting):
                    continue
                if other in self.f0 or len(self.f0) >= TARGET_F0:
                    continue
                if self.rng.random() < INFECTION[setting]:
                    onset = day + dt.timedelta(days=self.rng.randint(2, 5))
                    if onset <= LAST_ONSET:
                        self._confirm(other, onset)
                        heapq.heappush(queue, (onset, other))
        for a, b, day, _setting, _note in self.contacts:
            for person in (a, b):
                if person not in self.f0:
                    self.exposed[person] = min(self.exposed.get(person, day), day)

    def _confirm(self, who: int, onset: dt.date) -> None:
        symptomatic = self.rng.random() < 0.7
        sample = onset + dt.timedelta(days=self.rng.randint(0, 2))
        isolation = sample + dt.timedelta(days=self.rng.randint(0, 1))
        self.f0[who] = {
            "onset": onset if symptomatic else None,
            "sample": sample,
            "isolation": isolation,
            "infectious": onset - dt.timedelta(days=2),
        }

    def _group_exposures(self, communes) -> list[dict]:
        """A market day in Nội Hoàng and a wedding in Tiền Phong, each attended by an infectious F0."""
        groups = []
        plans = [
            ("Chợ phiên Nội Hoàng", "venue", "Chợ Nội Hoàng", 0, dt.date(2021, 5, 16), 45),
            ("Đám cưới thôn Tây, xã Tiền Phong", "community", "Nhà văn hóa thôn Tây", 1, dt.date(2021, 6, 5), 55),
        ]
        for name, setting, place, commune, day, size in plans:
            spreader = next(
                (p for p, c in sorted(self.f0.items()) if c["infectious"] <= day < c["isolation"]),
                None,
            )
            pool = [r.index for r in self.residents if r.commune == commune and r.index != spreader]
            attendees = self.rng.sample(pool, size) + ([spreader] if spreader is not None else [])
            for person in attendees:
                if person not in self.f0:
                    self.exposed[person] = min(self.exposed.get(person, day), day)
            groups.append(
                {
                    "name": name,
                    "setting": setting,
                    "place": place,
                    "unit": communes[commune],
                    "day": day,
                    "who": attendees,
                }
            )
        return groups

    def _trace_contacts(self) -> None:
        """F1s' contacts before their quarantine (F2), and some F2s' contacts after (F3)."""
        quarantine: dict[int, dt.date] = {}
        second: dict[int, dt.date] = {}
        for person, day in sorted(self.exposed.items()):
            quarantine[person] = day + dt.timedelta(days=self.rng.randint(2, 4))
            for other, setting in self.residents[person].neighbours:
                if other in self.f0 or (setting == "workplace" and self.rng.random() < 0.5):
                    continue
                when = day + dt.timedelta(days=1)
                if self._contact(person, other, when, setting, "") and other not in self.exposed:
                    second[other] = min(second.get(other, when), when)
        for person, day in sorted(second.items()):
            candidates = [(o, s) for o, s in self.residents[person].neighbours if o not in self.f0 and o not in second]
            for other, setting in self.rng.sample(candidates, min(2, len(candidates))):
                if self.rng.random() < 0.7:
                    self._contact(person, other, day + dt.timedelta(days=1), setting)
        self.quarantine = {p: d for p, d in quarantine.items() if self.rng.random() < 0.6}

    # --- writing ---------------------------------------------------------------------------------------------

    def _insert_records(self, groups: list[dict]) -> dict[str, int]:
        from .models import Attendance, Case, Contact, GroupExposure, QuarantineStart

        pk = self.person_ids
        cases = []
        taken = set(Case.objects.filter(code__startswith="BN").values_list("code", flat=True))
        number = 0
        for who, info in sorted(self.f0.items(), key=lambda item: (item[1]["sample"], item[0])):
            code = f"BN{5130 + number * 7 + self.rng.randint(0, 6)}"
            number += 1
            while code in taken:
                code = f"BN{5130 + number * 7}"
                number += 1
            taken.add(code)
            outcome, outcome_date = "treating", None
            if info["sample"] <= dt.date(2021, 6, 18):
                roll = self.rng.random()
                if roll < 0.8:
                    outcome, outcome_date = "discharged", info["sample"] + dt.timedelta(days=self.rng.randint(18, 26))
                elif roll < 0.81:
                    outcome, outcome_date = "died", info["sample"] + dt.timedelta(days=self.rng.randint(6, 15))
            cases.append(
                Case(
                    person_id=pk[who],
                    code=code,
                    sample_date=info["sample"],
                    onset_date=info["onset"],
                    isolation_date=info["isolation"],
                    treatment_place=self.rng.choice(TREATMENT_PLACES),
                    outcome=outcome,
                    outcome_date=outcome_date,
                    is_demo=True,
                )
            )
        Case.objects.bulk_create(cases, batch_size=1000)
        Contact.objects.bulk_create(
            [
                Contact(person_a_id=pk[a], person_b_id=pk[b], date=day, setting=setting, note=note, is_demo=True)
                for a, b, day, setting, note in self.contacts
            ],
            batch_size=2000,
        )
        for group in groups:
            record = GroupExposure.objects.create(
                name=group["name"],
                setting=group["setting"],
                place=group["place"],
                admin_unit=group["unit"],
                date_from=group["day"],
                date_to=group["day"],
                is_demo=True,
            )
            Attendance.objects.bulk_create(
                [
                    Attendance(group=record, person_id=pk[who], date_from=group["day"], date_to=group["day"])
                    for who in group["who"]
                ]
            )
        QuarantineStart.objects.bulk_create(
            [
                QuarantineStart(person_id=pk[who], kind="facility", start_date=day, note="Demo")
                for who, day in self.quarantine.items()
            ],
            batch_size=1000,
        )
        return {"contacts": len(self.contacts)}
