"""Demo: quarantine facilities, orders, tests, pools and follow-ups around the demo outbreak, as of 15/07/2021.

Built through the services (so every rule, every tracing call and every history row is the real thing) from the
traced levels of the epidemic demo: the latest F1 go to the facilities (released with a certificate where their
period ended before 15/07/2021), F2 wait at home for their F1's result, F3 appear on the daily follow-up lists.
Idempotent: nothing is added when the demo facilities exist.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from django.core.exceptions import ValidationError

from dualgoal.core.demo import register_demo_loader

DEMO_DAY = dt.date(2021, 7, 15)
FACILITIES = [
    ("07708", "Khu cách ly tập trung Trường THCS Nội Hoàng", "Thôn Đông, xã Nội Hoàng", 8, 5),
    ("07681", "Khu cách ly tập trung Trung tâm GDNN-GDTX huyện Yên Dũng", "Thị trấn Nham Biền", 10, 6),
]
STAFF = "Trưởng khu: BS. Nguyễn Văn Thành (0912 000 001)\nY tế: 4 y sĩ, 6 điều dưỡng\nAn ninh: Công an xã, dân quân"
AREAS = [
    ("Huyện Lục Ngạn", "219", "very_high", dt.date(2021, 6, 1), dt.date(2021, 6, 30)),
    ("Huyện Việt Yên", "222", "very_high", dt.date(2021, 5, 18), dt.date(2021, 6, 20)),
    ("Thành phố Bắc Giang", "213", "high", dt.date(2021, 5, 20), dt.date(2021, 7, 10)),
]
SOURCE = "Thông báo của BCĐ tỉnh Bắc Giang về vùng dịch (dữ liệu demo)"


@register_demo_loader("Cách ly, xét nghiệm, theo dõi sức khỏe (demo, đến 15/07/2021)", order=80)
def load_operations() -> str:
    from .models import QuarantineFacility
    from .rulebook import operations_rules_load

    operations_rules_load()
    if QuarantineFacility.objects.filter(is_demo=True).exists():
        return "đã có"
    return OperationsDemo(seed=2021).build()


class OperationsDemo:
    def __init__(self, *, seed: int):
        self.rng = random.Random(seed)
        self.counts = {"facilities": 0, "orders": 0, "released": 0, "pools": 0, "followups": 0}

    def build(self) -> str:
        from dualgoal.geography.models import AdminUnit

        facilities = []
        for code, name, address, rooms, capacity in FACILITIES:
            commune = AdminUnit.objects.filter(code=code).order_by("-valid_from").first()
            if commune is None:
                continue
            facilities.append(self._facility(commune, name, address, rooms, capacity))
        self._areas()
        if facilities:
            self._f1_orders(facilities)
        self._f2_orders()
        self._pools()
        self._followups()
        self._watch()
        return ", ".join(f"{n} {label}" for label, n in self.counts.items())

    def _facility(self, commune, name, address, rooms, capacity):
        from . import services

        facility = services.facility_save(
            name=name, commune=commune, capacity=rooms * capacity, address=address, staff=STAFF, is_demo=True
        )
        for number in range(1, rooms + 1):
            services.room_save(
                facility=facility,
                code=f"P{100 + number}",
                capacity=capacity,
                risk_level="high" if number > rooms - 2 else "low",
            )
        self.counts["facilities"] += 1
        return facility

    def _areas(self) -> None:
        from dualgoal.geography.models import AdminUnit

        from . import services
        from .models import OriginArea

        for name, code, risk, start, end in AREAS:
            if OriginArea.objects.filter(name=name, valid_from=start).exists():
                continue
            unit = AdminUnit.objects.filter(code=code).order_by("-valid_from").first()
            services.origin_area_save(
                name=name, risk_level=risk, valid_from=start, valid_to=end, unit=unit, source=SOURCE
            )

    def _demo_states(self, level: int, since: dt.date, until: dt.date = DEMO_DAY):
        from dualgoal.epidemic.models import TraceState

        return list(
            TraceState.objects.filter(level=level, exposed_on__gte=since, exposed_on__lt=until, person__is_demo=True)
            .select_related("person")
            .order_by("exposed_on", "person_id")
        )

    def _f1_orders(self, facilities) -> None:
        """The last F1 of the May–June outbreak: quarantined under the 21-day rule, all released by July."""
        for state in self._demo_states(1, dt.date(2021, 5, 28))[:40]:
            self._f1_order(state.person, min(state.exposed_on + dt.timedelta(days=1), DEMO_DAY), facilities)
        self._july_cluster(facilities)

    def _f1_order(self, person, start: dt.date, facilities):
        from . import services
        from .choices import OrderKind, Subject

        age = services.age_on(person, start)
        if age is not None and age < 5:
            return None
        try:
            order = services.order_create(
                person=person, subject=Subject.F1, kind=OrderKind.FACILITY, start_date=start, is_demo=True
            )
        except ValidationError:
            return None
        self.counts["orders"] += 1
        self._admit(order, facilities)
        self._tests_until(order, min(DEMO_DAY - dt.timedelta(days=1), order.planned_end))
        if order.planned_end < DEMO_DAY:
            try:
                order = services.order_release(order=order, released_on=order.planned_end)
            except ValidationError:
                return order
            services.certificate_issue(order=order, issued_on=order.planned_end, signer="Nguyễn Văn Thành")
            self.counts["released"] += 1
        return order

    def _july_cluster(self, facilities) -> None:
        """Two new cases in Nội Hoàng in July: one sampled 08/07 (its F1 quarantined 09/07 under the 21-day
        rule), one sampled 13/07 (its F1 quarantined 14/07 under the 14 + 14 rule); F2 at home; F3 followed."""
        from dualgoal.epidemic import services as epidemic
        from dualgoal.epidemic.models import Case
        from dualgoal.people.models import Person

        if Case.objects.filter(code__in=("BN31001", "BN31002")).exists():
            return
        people = list(
            Person.objects.filter(is_demo=True, residence_unit__parent__code="07708", trace__isnull=True)
            .filter(quarantine_orders__isnull=True)
            .order_by("pk")[:40]
        )
        if len(people) < 40:
            return
        first, f1a, f2a, f3a = people[0], people[1:9], people[9:17], people[17:23]
        second, f1b = people[23], people[24:30]
        day = dt.date
        for n, person in enumerate(f1a):
            epidemic.contact_record(
                person_a=first,
                person_b=person,
                date=day(2021, 7, 6),
                setting="household" if n < 3 else "workplace",
                is_demo=True,
            )
        for a, b in zip(f1a, f2a, strict=True):
            epidemic.contact_record(person_a=a, person_b=b, date=day(2021, 7, 7), setting="community", is_demo=True)
        for a, b in zip(f2a, f3a, strict=False):
            epidemic.contact_record(person_a=a, person_b=b, date=day(2021, 7, 8), setting="community", is_demo=True)
        for person in f1b:
            epidemic.contact_record(
                person_a=second, person_b=person, date=day(2021, 7, 12), setting="workplace", is_demo=True
            )
        epidemic.case_record(
            person=first,
            code="BN31001",
            sample_date=day(2021, 7, 8),
            onset_date=day(2021, 7, 7),
            isolation_date=day(2021, 7, 8),
            treatment_place="Bệnh viện Dã chiến số 1 Bắc Giang",
            is_demo=True,
        )
        epidemic.case_record(
            person=second,
            code="BN31002",
            sample_date=day(2021, 7, 13),
            isolation_date=day(2021, 7, 13),
            treatment_place="Bệnh viện Phổi Bắc Giang",
            is_demo=True,
        )
        for person in f1a:
            self._f1_order(person, day(2021, 7, 9), facilities)
        for person in f1b:
            self._f1_order(person, day(2021, 7, 14), facilities)

    def _admit(self, order, facilities) -> None:
        from . import services

        for facility in facilities:
            options = services.room_proposal(order=order, facility=facility, on=order.start_date)
            if options and options[0].suitable:
                services.admission_create(order=order, room=options[0].room, admitted_on=order.start_date)
                return

    def _tests_until(self, order, last: dt.date) -> None:
        from . import services

        for sample in order.samples.filter(taken_on__lte=last, collected=False).order_by("taken_on"):
            services.sample_result_record(
                sample=sample, result="negative", result_on=min(sample.taken_on + dt.timedelta(days=1), last)
            )

    def _f2_orders(self) -> None:
        from dualgoal.people.models import Person

        from . import services
        from .choices import OrderKind, Subject

        for state in self._demo_states(2, dt.date(2021, 7, 1))[:20]:
            f1_pk = state.path[-2]["person"] if len(state.path) >= 2 else None
            try:
                services.order_create(
                    person=state.person,
                    subject=Subject.F2,
                    kind=OrderKind.HOME,
                    start_date=min(state.exposed_on + dt.timedelta(days=1), DEMO_DAY),
                    source_person=Person.objects.filter(pk=f1_pk).first(),
                    is_demo=True,
                )
            except ValidationError:
                continue
            self.counts["orders"] += 1

    def _pools(self) -> None:
        from dualgoal.geography.models import AdminUnit
        from dualgoal.people.models import Person

        from . import services

        commune = AdminUnit.objects.filter(code="07711").order_by("-valid_from").first()
        if commune is None:
            return
        residents = list(
            Person.objects.filter(
                is_demo=True, residence_unit__parent=commune, quarantine_orders__isnull=True
            ).order_by("pk")[:25]
        )
        plan = [
            ("GOP-TP-0713-01", dt.date(2021, 7, 13), "low", 10, "negative"),
            ("GOP-TP-0713-02", dt.date(2021, 7, 13), "low", 10, "negative"),
            ("GOP-TP-0714-01", dt.date(2021, 7, 14), "high", 5, "positive"),
        ]
        offset = 0
        for code, day, risk, size, result in plan:
            members = residents[offset : offset + size]
            offset += size
            if len(members) < 2:
                break
            pool = services.pool_create(
                code=code,
                taken_on=day,
                area=commune,
                members=members,
                risk_level=risk,
                lab="CDC Bắc Giang",
                is_demo=True,
            )
            services.pool_result_record(pool=pool, result=result, result_on=day + dt.timedelta(days=1))
            self.counts["pools"] += 1

    def _followups(self) -> None:
        from dualgoal.geography.models import AdminUnit

        from . import selectors, services

        day = DEMO_DAY - dt.timedelta(days=1)
        for commune in AdminUnit.objects.filter(code__in=("07708", "07711", "07726")):
            for row in selectors.followup_list(commune, day):
                draw = self.rng.random()
                if draw < 0.15:
                    continue  # not checked: shows as overdue
                outcome, symptoms = ("symptoms", ["cough"]) if draw > 0.98 else ("well", [])
                services.followup_record(
                    person=_person(row.person_id), day=day, outcome=outcome, symptoms=symptoms, reason=row.reason
                )
                self.counts["followups"] += 1

    def _watch(self) -> None:
        from dualgoal.geography.models import AdminUnit
        from dualgoal.people.models import Person

        from . import services
        from .models import OriginArea

        village = AdminUnit.objects.filter(parent__code="07726", level=4).order_by("code").first()
        if village is not None:
            services.community_report_record(
                unit=village,
                reported_on=DEMO_DAY,
                symptoms=["cough", "fever"],
                description="Nhà ông Hùng, cạnh cổng chợ",
                reporter_name="Tổ Covid cộng đồng",
            )
        area = OriginArea.objects.filter(name="Huyện Lục Ngạn").first()
        traveller = Person.objects.filter(is_demo=True, quarantine_orders__isnull=True).order_by("-pk").first()
        if area and traveller:
            arrival = services.arrival_record(
                person=traveller, origin_area=area, arrived_on=dt.date(2021, 6, 28), left_area_on=dt.date(2021, 6, 28)
            )
            with contextlib.suppress(ValidationError):  # a demo person already in quarantine
                services.arrival_apply(arrival=arrival)


def _person(pk: int):
    from dualgoal.people.models import Person

    return Person.objects.get(pk=pk)
