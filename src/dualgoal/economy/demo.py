"""Demo: Yên Dũng's industrial park and clusters, a few dozen enterprises (is_demo) as of 15/07/2021.

The story follows Bắc Giang in 2021: the enterprises of the parks were suspended in May; since late June they
reopen one by one once their four conditions are approved and an inspection passes. Workers (thousands, living in
the district's villages, plus the working-age residents of the demo outbreak's communes) signed the "2 điểm,
1 đường" commitment; the Labour department confirmed their lists; the eligible ones hold permits. Boarding houses
are leased whole by one enterprise each; shuttles carry workers and their trip manifests are kept. Workers who
became F0/F1 in the demo outbreak lost their permit automatically, with the cause.

Persons, employments and permits are bulk-inserted (no history: demo data, not anybody's change); enterprises,
leases and decisions go through the services. Idempotent: nothing happens if demo enterprises exist.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
from django.db import connection
from django.utils import timezone

from dualgoal.core.bulk import insert_rows
from dualgoal.core.demo import DEMO_PASSWORD, register_demo_loader

SEED = 2021
DAY = dt.date(2021, 7, 15)
SUSPENDED_ON = dt.date(2021, 5, 18)
PARKS = [
    # (name, kind, commune code)
    ("KCN Song Khê - Nội Hoàng", "kcn", "07708"),
    ("CCN Nham Sơn - Yên Lư", "ccn", "07726"),
    ("CCN Yên Lư", "ccn", "07726"),
]
PARK_COMMUNES = {
    "KCN Song Khê - Nội Hoàng": ("07708", "07711"),
    "CCN Nham Sơn - Yên Lư": ("07726",),
    "CCN Yên Lư": ("07726",),
}
PREFIXES = ("Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV")
NAMES = (
    "Điện tử Hồng Phát",
    "May mặc Song Khê",
    "Linh kiện Quang Minh",
    "Cơ khí Nội Hoàng",
    "Bao bì Tiền Phong",
    "Giày da Phúc An",
    "Công nghệ Vina Tech",
    "Dệt may Yên Dũng",
    "Nhựa Kim Long",
    "Điện tử Sao Việt",
    "Thực phẩm Bắc Hà",
    "Gỗ nội thất Thành Đạt",
    "May xuất khẩu Hà Bắc",
    "Linh kiện điện tử Tân Tiến",
    "Kết cấu thép Đông Á",
    "Vật liệu xây dựng Nham Sơn",
    "In ấn Minh Châu",
    "Cáp điện Việt Hàn",
    "Thiết bị y tế An Khang",
    "Gốm sứ Yên Lư",
    "Sợi Hưng Thịnh",
    "Khuôn mẫu Phú Thành",
    "Túi xách Hoàng Gia",
    "Điện máy Kinh Bắc",
    "Hóa chất Sông Thương",
    "Chế biến nông sản Lục Nam",
    "Quang học Ánh Dương",
    "Mô-tơ Đại Việt",
    "Pin Năng Lượng Xanh",
    "Kính Thái Dương",
    "May thêu Hương Giang",
    "Phụ tùng ô tô Bắc Giang",
)
SECTORS = {
    "Điện tử": ("Điện tử", "Linh kiện", "Công nghệ", "Cáp", "Quang học", "Mô-tơ", "Pin", "Điện máy", "Điện"),
    "May mặc, giày da": ("May", "Dệt", "Giày", "Túi", "Sợi"),
    "Cơ khí": ("Cơ khí", "Kết cấu", "Khuôn", "Phụ tùng"),
}
LDTBXH = "yd-ldtbxh"
DEMO_ENTERPRISE_USER = ("doanhnghiep", "Nguyễn Thị Hằng (Phòng Nhân sự, Điện tử Hồng Phát)")
FIRST_SERIAL = 640_000


EMPLOYMENT_COLUMNS = (
    "created_at",
    "updated_at",
    "enterprise_id",
    "person_id",
    "department",
    "position",
    "commitment_signed_on",
    "commitment_scan",
    "confirmation_id",
    "active",
)
PERMIT_COLUMNS = (
    "created_at",
    "updated_at",
    "employment_id",
    "residence",
    "workplace",
    "route",
    "valid_from",
    "valid_to",
    "status",
    "revoked_on",
    "revoke_reason",
)


def iso(day: dt.date | None):
    return connection.ops.adapt_datefield_value(day)


def sector_of(name: str) -> str:
    for sector, words in SECTORS.items():
        if any(w in name for w in words):
            return sector
    return "Sản xuất khác"


@register_demo_loader("Doanh nghiệp, KCN/CCN, nhà trọ, xe đưa đón", order=80)
def load_economy() -> str:
    from .models import Enterprise

    if Enterprise.objects.filter(is_demo=True).exists():
        return "đã có"
    return EconomyDemo(seed=SEED).build()


class EconomyDemo:
    def __init__(self, *, seed: int):
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self.enterprises = []
        self.workers: dict[int, list] = {}  # enterprise pk -> [Person]
        self.counts: dict[str, int] = {}

    def build(self) -> str:
        from dualgoal.geography.selectors import unit_by_code

        if unit_by_code("07708") is None or unit_by_code("07708").children.count() == 0:
            return "thiếu đơn vị hành chính/thôn: chạy các bước nền trước"
        self._parks()
        self._enterprises()
        self._reopening()
        self._workers()
        self._permits()
        self._housing()
        self._shuttles()
        self._exposed_workers()
        self._scans()
        self._user()
        c = self.counts
        return (
            f"{len(self.parks)} KCN/CCN, {len(self.enterprises)} doanh nghiệp, {c['workers']} lao động "
            f"({c['new_persons']} người mới), {c['permits']} giấy đi đường, {c['houses']} nhà trọ, "
            f"{c['shuttles']} xe đưa đón ({c['trips']} chuyến), {c['actions']} hành động tự động"
        )

    # --- parks and enterprises ----------------------------------------------------------------------------------

    def _parks(self) -> None:
        from dualgoal.geography.selectors import unit_by_code

        from .models import IndustrialPark

        self.parks = {}
        for name, kind, code in PARKS:
            park, _ = IndustrialPark.objects.get_or_create(
                name=name, defaults={"kind": kind, "commune": unit_by_code(code)}
            )
            self.parks[name] = park

    def _enterprises(self) -> None:
        from dualgoal.geography.selectors import unit_by_code

        from .services import enterprise_register

        plan = [("KCN Song Khê - Nội Hoàng", 20), ("CCN Nham Sơn - Yên Lư", 6), ("CCN Yên Lư", 4), (None, 2)]
        names = list(NAMES)
        number = 0
        for park_name, count in plan:
            for _ in range(count):
                base = names[number % len(names)]
                number += 1
                if park_name:
                    commune = unit_by_code(self.rng.choice(PARK_COMMUNES[park_name]))
                    park = self.parks[park_name]
                    address = f"Lô {self.rng.choice('ABCDE')}{self.rng.randint(1, 12)}, {park_name}"
                else:
                    commune = unit_by_code(self.rng.choice(("07714", "07720")))
                    park = None
                    address = f"Thôn {self.rng.choice(('Đông', 'Tây', 'Nam'))}, {commune.name}"
                workforce = self.rng.choice((60, 90, 120, 180, 250, 320, 450, 600))
                if number == 1:
                    workforce = 800  # the demo portal's enterprise
                enterprise = enterprise_register(
                    tax_code=f"24{self.rng.randint(0, 99_999_999):08d}",
                    name=f"{self.rng.choice(PREFIXES)} {base}",
                    commune=commune,
                    park=park,
                    address=address,
                    sector=sector_of(base),
                    workforce=workforce,
                    is_demo=True,
                )
                self.enterprises.append(enterprise)

    # --- workers -------------------------------------------------------------------------------------------------

    def _workers(self) -> None:
        """Workers: the outbreak's working-age residents (they work at the parks), then new persons drawn for the
        rest of each enterprise's list, living in the district's villages (more of them near the parks)."""
        from dualgoal.core.synth import synth_persons
        from dualgoal.geography.choices import Level
        from dualgoal.geography.models import AdminUnit
        from dualgoal.geography.selectors import YEN_DUNG_CODE, unit_by_code
        from dualgoal.people.models import Person, name_tokens_bulk

        from .models import Employment

        district = unit_by_code(YEN_DUNG_CODE)
        villages = list(
            AdminUnit.objects.filter(path__startswith=district.path, level=Level.VILLAGE)
            .select_related("parent")
            .order_by("path")
        )
        near = [v for v in villages if v.parent.code in {"07708", "07711", "07726"}]
        local = list(
            Person.objects.filter(is_demo=True, household__code__startswith="DEMO-EPI-", birth_year__range=(1966, 2003))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.rng.shuffle(local)
        # each enterprise lists 70–95 % of its registered workforce
        wanted = {e.pk: int(e.workforce * self.rng.uniform(0.7, 0.95)) for e in self.enterprises}
        park_firms = [e for e in self.enterprises if e.park_id]
        assigned: dict[int, list[int]] = {e.pk: [] for e in self.enterprises}
        for position, pk in enumerate(local):
            firm = park_firms[position % len(park_firms)]
            if len(assigned[firm.pk]) < wanted[firm.pk] // 3:
                assigned[firm.pk].append(pk)
        missing = sum(max(0, wanted[e.pk] - len(assigned[e.pk])) for e in self.enterprises)
        drawn = synth_persons(self.np_rng, missing * 3, first_serial=FIRST_SERIAL)
        working = np.flatnonzero((drawn["birth_year"] >= 1966) & (drawn["birth_year"] <= 2003))
        ids = drawn["id_number"][working].tolist()
        taken = set()
        for start in range(0, len(ids), 900):
            taken.update(
                Person.objects.filter(id_number__in=ids[start : start + 900]).values_list("id_number", flat=True)
            )
        keep = [k for k, digits in zip(working.tolist(), ids, strict=True) if digits not in taken][:missing]
        names, female, years = drawn["full_name"].tolist(), drawn["female"].tolist(), drawn["birth_year"].tolist()
        persons = []
        for k in keep:
            village = self.rng.choice(near) if self.rng.random() < 0.6 else self.rng.choice(villages)
            person = Person(
                full_name=names[k],
                sex="F" if female[k] else "M",
                birth_year=years[k],
                birth_date=dt.date(years[k], 1, 1) + dt.timedelta(days=self.rng.randrange(365)),
                id_number=drawn["id_number"][k],
                phone=f"09{self.rng.randrange(10**8):08d}",
                residence_unit=village,
                address=f"{village.name}, {village.parent.name}",
                is_demo=True,
            )
            person.prepare()
            persons.append(person)
        Person.objects.bulk_create(persons, batch_size=1000)
        name_tokens_bulk(persons)
        self.counts["new_persons"] = len(persons)
        pool = iter(p.pk for p in persons)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        departments = ("Sản xuất", "Lắp ráp", "Kiểm tra chất lượng", "Kho vận", "Bảo trì", "Văn phòng")
        rows = []
        for enterprise in self.enterprises:
            confirmations = self._confirmations(enterprise)
            people = list(assigned[enterprise.pk])
            while len(people) < wanted[enterprise.pk]:
                pk = next(pool, None)
                if pk is None:
                    break
                people.append(pk)
            for pk in people:
                signed = self._commitment(enterprise, confirmations)
                rows.append(
                    (
                        now,
                        now,
                        enterprise.pk,
                        pk,
                        self.rng.choice(departments),
                        "Công nhân" if self.rng.random() < 0.9 else "Tổ trưởng",
                        iso(signed.get("commitment_signed_on")),
                        "",
                        signed["confirmation"].pk if "confirmation" in signed else None,
                        True,
                    )
                )
        insert_rows(Employment._meta.db_table, EMPLOYMENT_COLUMNS, rows)
        self.counts["workers"] = len(rows)

    # --- reopening: conditions, inspections, decisions ------------------------------------------------------------

    def _reopening(self) -> None:
        """Most park firms were suspended in May; by mid-July most reopened, some wait for fixes or approval."""
        from .choices import ConditionStatus, DecisionKind, EnterpriseStatus, InspectionDecision
        from .models import Condition, Decision, Inspection

        teams = (
            "Đoàn kiểm tra liên ngành huyện (KT-HT, Y tế, LĐ-TB&XH)",
            "Tổ công tác Phòng KT-HT và Trung tâm Y tế huyện",
        )
        inspections, decisions = [], []
        for index, enterprise in enumerate(self.enterprises):
            roll = self.rng.random() if index else 0.0  # the first one (the demo portal's) reopened
            conditions = list(enterprise.conditions.all())
            if not enterprise.park_id and index % 2:
                stage = "operating"
            elif roll < 0.62:
                stage = "reopened"
            elif roll < 0.74:
                stage = "fix"
            elif roll < 0.86:
                stage = "submitted"
            elif roll < 0.95:
                stage = "missing"
            else:
                stage = "closed"
            if stage != "operating":
                decisions.append(
                    Decision(
                        enterprise=enterprise,
                        kind=DecisionKind.SUSPENSION,
                        number=f"{self.rng.randint(900, 1200)}/QĐ-UBND",
                        date=SUSPENDED_ON,
                        reason="Tạm dừng hoạt động để phòng, chống dịch COVID-19 tại khu, cụm công nghiệp",
                    )
                )
            inspected = DAY - dt.timedelta(days=self.rng.randint(4, 20))
            for condition in conditions:
                condition.status = {
                    "operating": ConditionStatus.APPROVED,
                    "reopened": ConditionStatus.APPROVED,
                    "fix": self.rng.choice((ConditionStatus.APPROVED, ConditionStatus.REJECTED)),
                    "submitted": ConditionStatus.SUBMITTED,
                    "missing": self.rng.choice((ConditionStatus.MISSING, ConditionStatus.SUBMITTED)),
                    "closed": ConditionStatus.MISSING,
                }[stage]
                if condition.status == ConditionStatus.REJECTED:
                    condition.note = "Chưa đạt: cần bổ sung theo kết luận kiểm tra"
            if stage == "fix" and all(c.status == ConditionStatus.APPROVED for c in conditions):
                conditions[1].status = ConditionStatus.REJECTED
                conditions[1].note = "Khu lưu trú chưa bảo đảm giãn cách"
            Condition.objects.bulk_update(conditions, ["status", "note"])
            if stage in {"reopened", "fix"}:
                findings = {
                    c.kind: ("Đạt" if c.status == ConditionStatus.APPROVED else "Chưa đạt, yêu cầu khắc phục")
                    for c in conditions
                }
                fix = stage == "fix"
                inspections.append(
                    Inspection(
                        enterprise=enterprise,
                        team=self.rng.choice(teams),
                        date=inspected,
                        findings=findings,
                        decision=InspectionDecision.FIX if fix else InspectionDecision.PASS,
                        fix_by=inspected + dt.timedelta(days=self.rng.choice((5, 7, 10, 14))) if fix else None,
                    )
                )
            if stage == "reopened":
                decisions.append(
                    Decision(
                        enterprise=enterprise,
                        kind=DecisionKind.REOPENING,
                        number=f"{self.rng.randint(1300, 1700)}/QĐ-UBND",
                        date=inspected + dt.timedelta(days=1),
                        reason="Đáp ứng đủ điều kiện hoạt động trở lại theo kết quả kiểm tra",
                    )
                )
            if stage == "closed":
                decisions.append(
                    Decision(
                        enterprise=enterprise,
                        kind=DecisionKind.CLOSURE,
                        number=f"{self.rng.randint(1300, 1700)}/QĐ-UBND",
                        date=dt.date(2021, 6, 30),
                        reason="Doanh nghiệp đề nghị chấm dứt hoạt động",
                    )
                )
            enterprise.status = {
                "operating": EnterpriseStatus.OPERATING,
                "reopened": EnterpriseStatus.REOPENED,
                "closed": EnterpriseStatus.CLOSED,
            }.get(stage, EnterpriseStatus.SUSPENDED)
            enterprise.save(update_fields=["status", "updated_at"])
        Inspection.objects.bulk_create(inspections)
        Decision.objects.bulk_create(decisions)

    def _commitment(self, enterprise, confirmations) -> dict:
        """A worker's commitment and confirmation: most workers of an open enterprise have both."""
        share = 0.95 if confirmations else 0.5
        if self.rng.random() >= share:
            return {}
        values = {"commitment_signed_on": DAY - dt.timedelta(days=self.rng.randint(10, 24))}
        if confirmations and self.rng.random() < 0.93:
            values["confirmation"] = confirmations[0] if self.rng.random() < 0.7 else confirmations[1]
        return values

    def _confirmations(self, enterprise) -> list:
        """The Labour department's two lists for an open enterprise (none for the others)."""
        from dualgoal.organisations.models import Organisation

        from .models import LabourConfirmation

        if enterprise.status not in {"operating", "reopened"}:
            return []
        labour = Organisation.objects.get(code=LDTBXH)
        return [
            LabourConfirmation.objects.create(
                enterprise=enterprise,
                number=f"{self.rng.randint(100, 400)}/DS-LĐTBXH",
                date=DAY - dt.timedelta(days=days),
                confirmed_by=labour,
            )
            for days in (9, 3)
        ]

    def _permits(self) -> None:
        """Permits for the eligible workers (some also hold an earlier, expired one)."""
        from .models import Employment, Permit
        from .selectors import eligible_employments
        from .views import permit_points

        employments = Employment.objects.filter(enterprise__in=self.enterprises)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        route = "Theo tuyến đường ngắn nhất, không dừng, đỗ dọc đường"
        permits = []
        for employment in eligible_employments(employments, on=DAY):
            residence, workplace = permit_points(employment)
            start = DAY - dt.timedelta(days=self.rng.randint(0, 12))
            end = start + dt.timedelta(days=self.rng.choice((13, 13, 13, 29)))
            common = (now, now, employment.pk, residence, workplace)
            permits.append((*common, route, iso(start), iso(end), "valid", None, ""))
            if self.rng.random() < 0.1:  # an earlier permit, expired
                earlier = start - dt.timedelta(days=1)
                permits.append((*common, route, iso(dt.date(2021, 6, 25)), iso(earlier), "valid", None, ""))
        insert_rows(Permit._meta.db_table, PERMIT_COLUMNS, permits)
        self.counts["permits"] = len(permits)

    # --- boarding houses, shuttles -----------------------------------------------------------------------------

    def _housing(self) -> None:
        """Boarding houses near the parks, each leased whole by one enterprise (one left free)."""
        from dualgoal.geography.choices import Level
        from dualgoal.geography.models import AdminUnit

        from .models import BoardingHouse
        from .services import lease_record

        villages = list(
            AdminUnit.objects.filter(parent__code__in=("07708", "07711", "07726"), level=Level.VILLAGE)
            .select_related("parent")
            .order_by("path")
        )
        owners = ("Nguyễn Văn Thắng", "Trần Thị Lụa", "Lê Văn Bình", "Phạm Thị Nga", "Hoàng Văn Tuấn", "Đỗ Thị Hạnh")
        tenants = [e for e in self.enterprises if e.park_id and e.status in {"operating", "reopened"}][:14]
        houses = 0
        for number in range(1, len(tenants) + 2):
            village = self.rng.choice(villages)
            owner = self.rng.choice(owners)
            house = BoardingHouse.objects.create(
                name=f"Nhà trọ {owner.split()[-1]} {number}",
                owner_name=owner,
                owner_phone=f"09{self.rng.randrange(10**8):08d}",
                address=f"Số {self.rng.randint(1, 150)}",
                village=village,
                rooms=self.rng.choice((8, 10, 12, 16, 20)),
            )
            houses += 1
            if number <= len(tenants):
                lease_record(
                    boarding_house=house,
                    enterprise=tenants[number - 1],
                    rooms=house.rooms,
                    start=dt.date(2021, 6, 28) + dt.timedelta(days=self.rng.randint(0, 10)),
                )
        self.counts["houses"] = houses

    def _shuttles(self) -> None:
        """Shuttles of the larger open enterprises, two trips a day over the last five days, with manifests."""
        from .models import Employment, Permit, Shuttle, Trip

        big = [e for e in self.enterprises if e.status in {"operating", "reopened"} and e.workforce >= 250][:8]
        shuttles = trips = 0
        routes = (
            "Thị trấn Neo – Tiền Phong – KCN Song Khê - Nội Hoàng",
            "Tân Dân – Đức Giang – KCN Song Khê - Nội Hoàng",
            "Lãng Sơn – Trí Yên – Yên Lư",
            "Cảnh Thụy – Tư Mại – Nội Hoàng",
        )
        through = Trip.riders.through
        for enterprise in big:
            holders = list(
                Permit.objects.filter(employment__enterprise=enterprise, status="valid", valid_to__gte=DAY)
                .values_list("employment__person_id", flat=True)
                .distinct()
            )
            if len(holders) < 20:
                continue
            driver = Employment.objects.filter(enterprise=enterprise).order_by("pk").first()
            for _ in range(self.rng.choice((1, 2))):
                shuttles += 1
                shuttle = Shuttle.objects.create(
                    enterprise=enterprise,
                    plate=f"98B-{self.rng.randint(100, 999)}.{self.rng.randint(10, 99)}",
                    driver=driver.person if driver else None,
                    route=self.rng.choice(routes),
                    seats=self.rng.choice((29, 35, 45)),
                )
                regulars = self.rng.sample(holders, min(len(holders), shuttle.seats - 4))
                rows = []
                for days in range(5, 0, -1):
                    for departure in (dt.time(6, 30), dt.time(17, 15)):
                        trip = Trip.objects.create(
                            shuttle=shuttle, date=DAY - dt.timedelta(days=days), departure=departure
                        )
                        trips += 1
                        riders = [pk for pk in regulars if self.rng.random() < 0.85]
                        rows += [through(trip_id=trip.pk, person_id=pk) for pk in riders]
                through.objects.bulk_create(rows, batch_size=1000)
        self.counts["shuttles"], self.counts["trips"] = shuttles, trips

    # --- where the two goals meet -------------------------------------------------------------------------------

    def _exposed_workers(self) -> None:
        """Workers who are F0/F1 in the demo outbreak held a permit before: it is revoked automatically, their
        enterprise and boarding house flagged — what `worker_exposed` does when tracing reports them."""
        from dualgoal.epidemic.models import LevelChange, TraceState

        from .models import AutomaticAction, Employment, Permit
        from .services import worker_exposed
        from .views import permit_points

        exposed = list(
            TraceState.objects.filter(
                level__lte=1, person__employments__enterprise__in=self.enterprises, exposed_on__gte=dt.date(2021, 6, 1)
            )
            .select_related("person")
            .order_by("-exposed_on", "person_id")[:12]
        )
        before = AutomaticAction.objects.count()
        for state in exposed:
            employment = (
                Employment.objects.filter(person=state.person)
                .select_related("person__residence_unit__parent", "enterprise__park")
                .first()
            )
            if employment.enterprise.status not in {"operating", "reopened"}:
                continue
            residence, workplace = permit_points(employment)
            Permit.objects.create(
                employment=employment,
                residence=residence,
                workplace=workplace,
                valid_from=dt.date(2021, 6, 28),
                valid_to=dt.date(2021, 7, 25),
            )
            change = LevelChange.objects.filter(person=state.person, new_level=state.level).order_by("-at").first()
            cause = "%s trở thành F%s: %s" % (  # noqa: UP031
                state.person.full_name,
                state.level,
                change.cause if change else "dữ liệu demo",
            )
            worker_exposed(person=state.person, level=1, cause=cause)
        actions = AutomaticAction.objects.filter(pk__gt=0).order_by("pk")[before:]
        for offset, action in enumerate(actions):
            AutomaticAction.objects.filter(pk=action.pk).update(
                at=timezone.make_aware(dt.datetime(2021, 7, 14, 8, 0)) + dt.timedelta(minutes=7 * offset)
            )
        self.counts["actions"] = AutomaticAction.objects.count() - before

    def _scans(self) -> None:
        """This morning's scans at the checkpoints (valid, a revoked one, an expired one)."""
        from dualgoal.accounts.models import User

        from .models import Permit, PermitScan

        officer = User.objects.filter(username="chot").first()
        places = ("Chốt kiểm soát Xã Nội Hoàng", "Chốt kiểm soát Xã Tiền Phong", "Chốt kiểm soát Xã Yên Lư")
        valid = list(
            Permit.objects.filter(
                employment__enterprise__in=self.enterprises, status="valid", valid_from__lte=DAY, valid_to__gte=DAY
            )[:40]
        )
        revoked = list(Permit.objects.filter(employment__enterprise__in=self.enterprises, status="revoked")[:3])
        expired = list(Permit.objects.filter(employment__enterprise__in=self.enterprises, valid_to__lt=DAY)[:3])
        scans = [
            PermitScan(permit=p, checkpoint=self.rng.choice(places), officer=officer, result="valid") for p in valid
        ]
        scans += [
            PermitScan(permit=p, checkpoint=places[0], officer=officer, result="revoked", reason=p.revoke_reason)
            for p in revoked
        ]
        scans += [
            PermitScan(
                permit=p,
                checkpoint=places[1],
                officer=officer,
                result="expired",
                reason=f"Hết hạn ngày {p.valid_to:%d/%m/%Y}.",
            )
            for p in expired
        ]
        PermitScan.objects.bulk_create(scans)
        start = timezone.make_aware(dt.datetime(DAY.year, DAY.month, DAY.day, 6, 5))
        for offset, scan in enumerate(scans):
            scan.at = start + dt.timedelta(minutes=3 * offset)
        PermitScan.objects.bulk_update(scans, ["at"])

    def _user(self) -> None:
        """The enterprise's own account in the portal (doanhnghiep / the demo password)."""
        from dualgoal.accounts.models import User
        from dualgoal.accounts.services import membership_grant

        enterprise = self.enterprises[0]
        username, full_name = DEMO_ENTERPRISE_USER
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        membership_grant(
            user=user, organisation=enterprise.organisation, admin_unit=enterprise.commune, role="enterprise"
        )
