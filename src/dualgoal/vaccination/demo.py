"""Demo: vaccination in Yên Dũng, April–July 2021, as of 15/07/2021 (is_demo).

The district's front-line staff got AstraZeneca from the TTYT in April (some had dose 2 in late June, the others are
overdue by 15/07); the communes then held AstraZeneca sessions in June, Sinopharm sessions from mid-June and Pfizer
sessions in July, each at its health station, with a different reach per commune (so coverage differs). Over-65s
and front-line staff get their priority group. Every dose respects the rules (age, approval date, intervals, same
product for dose 2); F0 under treatment are skipped. Sessions go through `session_save`; doses and assignments are
bulk-inserted (demo data, not anybody's change: no history rows). Idempotent: nothing is added when the demo
sessions exist.
"""

from __future__ import annotations

import datetime as dt
import random

from dualgoal.core.demo import register_demo_loader

DEMO_DAY = dt.date(2021, 7, 15)
FRONT_LINE_D1 = dt.date(2021, 4, 15)
FRONT_LINE_D2 = dt.date(2021, 6, 25)
LOTS = {"astrazeneca": ("ABV5300", dt.date(2021, 9, 30)), "sinopharm": ("202104B2178", dt.date(2023, 4, 1)),
        "pfizer": ("FE8163", dt.date(2021, 10, 31))}  # fmt: skip
OCCUPATIONS = [
    ("Nhân viên Trạm Y tế xã", "yd-ttyt"),
    ("Thành viên Tổ Covid cộng đồng", None),
    ("Công an xã", "yd-cahuyen"),
    ("Nhân viên Trung tâm Y tế huyện", "yd-ttyt"),
    ("Thành viên Ban chỉ đạo phòng, chống dịch xã", None),
]


@register_demo_loader("Tiêm chủng vắc xin COVID-19 (demo, 4–7/2021)", order=85)
def load_vaccination() -> str:
    from .models import Session
    from .rulebook import vaccination_rules_load

    vaccination_rules_load()
    if Session.objects.filter(is_demo=True).exists():
        return "đã có"
    return VaccinationDemo(seed=2021).build()


class VaccinationDemo:
    def __init__(self, *, seed: int):
        self.rng = random.Random(seed)
        self.counts = {"sessions": 0, "doses": 0, "assignments": 0}
        self.dose_rows: list = []
        self.numbers: dict[int, int] = {}  # person pk -> doses so far

    def build(self) -> str:
        from dualgoal.epidemic.choices import Outcome
        from dualgoal.epidemic.models import Case
        from dualgoal.geography.choices import Level
        from dualgoal.geography.models import AdminUnit
        from dualgoal.geography.selectors import YEN_DUNG_CODE, unit_by_code
        from dualgoal.people.models import Person

        from .selectors import years_before

        district = unit_by_code(YEN_DUNG_CODE)
        if district is None:
            return "không có huyện Yên Dũng"
        communes = {
            u.pk: u
            for u in AdminUnit.objects.filter(path__startswith=district.path, level=Level.COMMUNE).order_by("path")
        }
        sick = set(Case.objects.filter(outcome=Outcome.TREATING).values_list("person_id", flat=True))
        adult_cut = years_before(dt.date(2021, 6, 1), 18)
        residents: dict[int, list[tuple[int, dt.date]]] = {pk: [] for pk in communes}
        parents = dict(AdminUnit.objects.filter(path__startswith=district.path).values_list("pk", "parent_id"))
        for pk, unit_id, birth in (
            Person.objects.filter(
                is_demo=True, residence_unit__path__startswith=district.path, birth_date__lte=adult_cut
            )
            .order_by("pk")
            .values_list("pk", "residence_unit_id", "birth_date")
        ):
            commune = unit_id if unit_id in communes else parents.get(unit_id)
            if commune in residents and pk not in sick:
                residents[commune].append((pk, birth))
        populated = [pk for pk in communes if len(residents[pk]) >= 30]
        if not populated:
            return "chưa có dân cư demo"
        self._front_line(district, communes, residents, populated)
        for index, pk in enumerate(populated):
            self._commune(communes[pk], residents[pk], index)
        self._flush()
        self._open_session(communes)
        return ", ".join(f"{n} {label}" for label, n in self.counts.items())

    # --- helpers -------------------------------------------------------------------------------------------------

    def _session(self, *, commune, name, place, day, product, capacity, status, organisation=None):
        from .services import session_save

        lot, expiry = LOTS[product]
        self.counts["sessions"] += 1
        return session_save(
            name=name,
            unit=commune,
            place=place,
            organisation=organisation,
            date=day,
            product=product,
            lot_number=lot,
            lot_expiry=expiry,
            capacity=capacity,
            status=status,
            is_demo=True,
        )

    def _dose(self, person_pk: int, session, *, complete: bool) -> None:
        from .models import Dose

        number = self.numbers.get(person_pk, 0) + 1
        self.numbers[person_pk] = number
        self.dose_rows.append(
            Dose(
                person_id=person_pk,
                session=session,
                dose_number=number,
                given_on=session.date,
                product=session.product,
                lot_number=session.lot_number,
                place=session.place,
                completes_series=complete,
                is_demo=True,
            )
        )

    def _flush(self) -> None:
        from .models import Dose

        Dose.objects.bulk_create(self.dose_rows, batch_size=1000)
        self.counts["doses"] += len(self.dose_rows)
        self.dose_rows = []

    # --- front line and over-65s -----------------------------------------------------------------------------

    def _front_line(self, district, communes, residents, populated) -> None:
        from dualgoal.organisations.models import Organisation

        from .models import PriorityAssignment
        from .selectors import years_before

        ttyt = Organisation.objects.filter(code="yd-ttyt").first()
        orgs = {o.code: o for o in Organisation.objects.filter(code__in=["yd-ttyt", "yd-cahuyen"])}
        township = next((u for u in communes.values() if u.code == "07681"), next(iter(communes.values())))
        working = [
            (pk, birth)
            for commune in populated
            for pk, birth in residents[commune]
            if birth >= dt.date(1961, 1, 1) and birth <= years_before(FRONT_LINE_D1, 18)
        ]
        chosen = self.rng.sample(working, min(len(working), 150))
        assignments = []
        for pk, _birth in chosen:
            occupation, org_code = self.rng.choice(OCCUPATIONS)
            assignments.append(
                PriorityAssignment(
                    person_id=pk,
                    group_code="front_line",
                    basis="occupation",
                    basis_detail=occupation,
                    organisation=orgs.get(org_code) if org_code else None,
                    assigned_on=dt.date(2021, 4, 1),
                    is_current=True,
                    is_demo=True,
                )
            )
        front = {pk for pk, _ in chosen}
        elderly_cut = years_before(dt.date(2021, 6, 1), 65)
        for commune in populated:
            for pk, birth in residents[commune]:
                if birth <= elderly_cut and pk not in front:
                    assignments.append(
                        PriorityAssignment(
                            person_id=pk,
                            group_code="chronic_elderly",
                            basis="age",
                            basis_detail="Người trên 65 tuổi",
                            assigned_on=dt.date(2021, 6, 1),
                            is_current=True,
                            is_demo=True,
                        )
                    )
        PriorityAssignment.objects.bulk_create(assignments, batch_size=1000)
        self.counts["assignments"] = len(assignments)
        self.front = front
        self.elderly = {a.person_id for a in assignments if a.group_code == "chronic_elderly"}

        place = "Trung tâm Y tế huyện Yên Dũng"
        first = self._session(
            commune=township,
            name="Tiêm vắc xin đợt 1 cho lực lượng tuyến đầu",
            place=place,
            day=FRONT_LINE_D1,
            product="astrazeneca",
            capacity=len(chosen) + 20,
            status="closed",
            organisation=ttyt,
        )
        for pk, _ in chosen:
            self._dose(pk, first, complete=False)
        second = self._session(
            commune=township,
            name="Tiêm mũi 2 AstraZeneca cho lực lượng tuyến đầu",
            place=place,
            day=FRONT_LINE_D2,
            product="astrazeneca",
            capacity=100,
            status="closed",
            organisation=ttyt,
        )
        for pk, _ in chosen[: int(len(chosen) * 0.6)]:  # the rest are overdue on 15/07 (max 84 days: 08/07)
            self._dose(pk, second, complete=True)

    # --- the communes' sessions --------------------------------------------------------------------------------

    def _commune(self, commune, people, index) -> None:
        from dualgoal.organisations.models import Organisation

        committee = Organisation.objects.filter(code=f"ubnd-{commune.code}").first()
        place = f"Trạm Y tế {commune.name[0].lower()}{commune.name[1:]}"
        reach = (0.08, 0.18, 0.3, 0.42, 0.55)[index % 5]
        pool = [(pk, birth) for pk, birth in people if pk not in self.front]
        elderly = [p for p in pool if p[0] in self.elderly]
        others = [p for p in pool if p[0] not in self.elderly]
        self.rng.shuffle(elderly)
        self.rng.shuffle(others)
        wanted = int(len(pool) * reach)
        take = elderly[: int(len(elderly) * min(0.9, reach * 1.6))]
        take += others[: max(0, wanted - len(take))]
        if not take:
            return
        n = len(take)
        az, sino_early, sino, pfizer = (
            take[: n * 4 // 10],
            take[n * 4 // 10 : n * 5 // 10],
            take[n * 5 // 10 : n * 7 // 10],
            take[n * 7 // 10 :],
        )
        june = dt.date(2021, 6, 3) + dt.timedelta(days=(index * 3) % 14)
        plan = [
            (az, "astrazeneca", june, "Tiêm vắc xin AstraZeneca đợt tháng 6"),
            (sino_early, "sinopharm", dt.date(2021, 6, 15), "Tiêm Sinopharm mũi 1 (đợt 1)"),
            (sino, "sinopharm", dt.date(2021, 6, 22) + dt.timedelta(days=index % 3), "Tiêm Sinopharm mũi 1 (đợt 2)"),
            (pfizer, "pfizer", dt.date(2021, 7, 6) + dt.timedelta(days=index % 6), "Tiêm vắc xin Pfizer mũi 1"),
        ]  # fmt: skip
        for group, product, day, name in plan:
            if not group:
                continue
            session = self._session(
                commune=commune,
                name=f"{name} — {commune.name}",
                place=place,
                day=day,
                product=product,
                capacity=len(group) + 10 + len(group) // 5,
                status="closed",
                organisation=committee,
            )
            for pk, _birth in group:
                self._dose(pk, session, complete=False)
        # dose 2 of Sinopharm (min 21 days) for part of the first Sinopharm round; the rest are overdue (max 28)
        second = sino_early[: len(sino_early) // 2]
        if second:
            session = self._session(
                commune=commune,
                name=f"Tiêm vắc xin Sinopharm mũi 2 — {commune.name}",
                place=place,
                day=dt.date(2021, 7, 9),
                product="sinopharm",
                capacity=len(second) + 10,
                status="closed",
                organisation=committee,
            )
            for pk, _birth in second:
                self._dose(pk, session, complete=True)

    def _open_session(self, communes) -> None:
        """Today's session in Nội Hoàng (open, nobody vaccinated yet) and a planned one next week."""
        from dualgoal.organisations.models import Organisation

        noi_hoang = next((u for u in communes.values() if u.code == "07708"), None)
        if noi_hoang is None:
            return
        committee = Organisation.objects.filter(code="ubnd-07708").first()
        self._session(
            commune=noi_hoang,
            name="Tiêm vắc xin Pfizer ngày 15/7 — Xã Nội Hoàng",
            place="Trạm Y tế xã Nội Hoàng",
            day=DEMO_DAY,
            product="pfizer",
            capacity=200,
            status="open",
            organisation=committee,
        )
        self._session(
            commune=noi_hoang,
            name="Tiêm vắc xin Sinopharm ngày 20/7 — Xã Nội Hoàng",
            place="Trường THCS Nội Hoàng",
            day=dt.date(2021, 7, 20),
            product="sinopharm",
            capacity=300,
            status="planned",
            organisation=committee,
        )
