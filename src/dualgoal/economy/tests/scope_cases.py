import datetime as dt
import itertools

from dualgoal.core.testing import ScopeCase
from dualgoal.economy import services
from dualgoal.economy.models import (
    BoardingHouse,
    Decision,
    Employment,
    Enterprise,
    IndustrialPark,
    Inspection,
    LabourConfirmation,
    Lease,
    Permit,
    Shuttle,
    Trip,
)
from dualgoal.people.models import Person

_serial = itertools.count(1)


def village_of(world, commune):
    return world.village_a if commune == world.commune_a else world.village_b


def make_park(world, commune):
    return IndustrialPark.objects.create(name=f"KCN {commune.name}", kind="kcn", commune=commune)


def make_enterprise(world, commune):
    n = next(_serial)
    return services.enterprise_register(
        tax_code=f"24{n:08d}", name=f"Công ty TNHH Thử {n} ({commune.name})", commune=commune, status="reopened"
    )


def make_inspection(world, commune):
    return Inspection.objects.create(
        enterprise=make_enterprise(world, commune), team="Đoàn kiểm tra", date=dt.date(2021, 7, 1), decision="pass"
    )


def make_decision(world, commune):
    return Decision.objects.create(
        enterprise=make_enterprise(world, commune), kind="reopening", number="1/QĐ", date=dt.date(2021, 7, 2)
    )


def make_confirmation(world, commune):
    return LabourConfirmation.objects.create(
        enterprise=make_enterprise(world, commune),
        number="1/DS",
        date=dt.date(2021, 7, 3),
        confirmed_by=world.district_body,
    )


def make_employment(world, commune):
    person = Person.objects.create(
        full_name=f"Trần Văn Công {next(_serial)}", birth_year=1990, residence_unit=village_of(world, commune)
    )
    return Employment.objects.create(enterprise=make_enterprise(world, commune), person=person)


def make_house(world, commune):
    village = village_of(world, commune)
    return BoardingHouse.objects.create(
        name=f"Nhà trọ {next(_serial)}",
        owner_name="Lê Văn Chủ",
        address=f"Số 1, {village.name}",
        village=village,
        rooms=8,
    )


def make_lease(world, commune):
    return Lease.objects.create(
        boarding_house=make_house(world, commune),
        enterprise=make_enterprise(world, commune),
        rooms=8,
        start=dt.date(2021, 7, 1),
    )


def make_shuttle(world, commune):
    return Shuttle.objects.create(
        enterprise=make_enterprise(world, commune), plate=f"98B-{next(_serial):03d}.01", route="Neo – Nội Hoàng"
    )


def make_trip(world, commune):
    trip = Trip.objects.create(shuttle=make_shuttle(world, commune), date=dt.date(2021, 7, 10))
    trip.riders.add(make_employment(world, commune).person)
    return trip


def make_permit(world, commune):
    return Permit.objects.create(
        employment=make_employment(world, commune),
        residence="Thôn Đông",
        workplace="KCN",
        valid_from=dt.date(2021, 7, 1),
        valid_to=dt.date(2021, 7, 31),
    )


CASES = [
    ScopeCase(IndustrialPark, make_park),
    ScopeCase(Enterprise, make_enterprise, api_basename="enterprise"),
    ScopeCase(Inspection, make_inspection),
    ScopeCase(Decision, make_decision),
    ScopeCase(LabourConfirmation, make_confirmation),
    ScopeCase(Employment, make_employment, api_basename="employment"),
    ScopeCase(BoardingHouse, make_house, api_basename="boardinghouse"),
    ScopeCase(Lease, make_lease),
    ScopeCase(Shuttle, make_shuttle, api_basename="shuttle"),
    ScopeCase(Trip, make_trip),
    ScopeCase(Permit, make_permit, api_basename="permit"),
]
