"""person_create / person_update: every rule, messages in Vietnamese naming the field, nothing half-written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from dualgoal.people.models import Household, Person, PersonNameToken
from dualgoal.people.services import person_create, person_update


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def officer(world):
    return world.user("commune")


def create(officer, world, **fields):
    values = {"full_name": "Nguyễn Văn An", "residence_unit": world.village_a, **fields}
    return person_create(user=officer, **values)


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_valid_person_is_normalised(officer, world):
    person = create(
        officer,
        world,
        full_name="  Nguye\u0302\u0303n  Văn An ",  # decomposed, extra spaces
        id_number="24093001234",
        phone="+84 912 345 678",
        birth_date=dt.date(1993, 5, 2),
        sex="M",
    )
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Văn An"
    assert person.name_folded == "nguyen van an"
    assert person.id_number == "024093001234"
    assert person.phone == "0912345678"
    assert person.birth_year == 1993
    assert list(person.name_tokens.order_by("position").values_list("token", flat=True)) == [
        "nguyen van an",
        "van an",
        "an",
    ]
    assert person.history.count() == 1 and person.history.first().history_user == officer


def test_full_name_is_required(officer, world):
    errors = errors_of(lambda: create(officer, world, full_name="   "))
    assert "Họ và tên" in errors["full_name"][0]


def test_birth_date_not_in_the_future(officer, world, settings):
    errors = errors_of(lambda: create(officer, world, birth_date=dt.date.today() + dt.timedelta(days=3)))
    assert "Ngày sinh" in errors["birth_date"][0]


def test_birth_year_must_agree_with_the_date(officer, world):
    errors = errors_of(lambda: create(officer, world, birth_date=dt.date(1990, 1, 1), birth_year=1991))
    assert "Năm sinh" in errors["birth_year"][0]


def test_citizen_id_must_encode_the_birth_year(officer, world):
    errors = errors_of(lambda: create(officer, world, id_number="024093001234", birth_year=1994))
    assert "Số CCCD/CMND" in errors["id_number"][0]
    assert "1993" in errors["id_number"][0]


def test_citizen_id_from_a_birth_date_year_too(officer, world):
    errors = errors_of(lambda: create(officer, world, id_number="024093001234", birth_date=dt.date(1995, 3, 1)))
    assert "id_number" in errors


def test_citizen_id_must_encode_the_sex(officer, world):
    errors = errors_of(lambda: create(officer, world, id_number="024093001234", sex="F"))
    assert "Số CCCD/CMND" in errors["id_number"][0]


def test_citizen_id_of_the_wrong_length(officer, world):
    errors = errors_of(lambda: create(officer, world, id_number="12345"))
    assert "Số CCCD/CMND" in errors["id_number"][0]


def test_citizen_id_is_unique_and_the_message_names_the_holder_masked(officer, world):
    first = create(officer, world, id_number="024093001234")
    errors = errors_of(lambda: create(officer, world, full_name="Trần Văn Bình", id_number="24093001234"))
    message = errors["id_number"][0]
    assert "02409****234" in message and first.full_name in message
    assert "024093001234" not in message


def test_duplicate_outside_the_scope_does_not_name_the_holder(officer, world):
    other = world.user("commune", unit=world.commune_b)
    person_create(user=other, full_name="Lê Thị Mai", residence_unit=world.village_b, id_number="024193001234")
    message = errors_of(lambda: create(officer, world, id_number="024193001234"))["id_number"][0]
    assert "Lê Thị Mai" not in message and "02419****234" in message


def test_phone_is_checked(officer, world):
    errors = errors_of(lambda: create(officer, world, phone="12345"))
    assert "Số điện thoại" in errors["phone"][0]


def test_residence_is_required(officer, world):
    errors = errors_of(lambda: create(officer, world, residence_unit=None))
    assert "Nơi cư trú" in errors["residence_unit"][0]


def test_residence_village_must_be_in_scope(officer, world):
    errors = errors_of(lambda: create(officer, world, residence_unit=world.village_b))
    assert "Nơi cư trú" in errors["residence_unit"][0]


def test_residence_inside_the_district_must_be_a_village(officer, world):
    errors = errors_of(lambda: create(officer, world, residence_unit=world.commune_a, address="Số 5"))
    assert "thôn" in errors["residence_unit"][0]


def test_residence_outside_the_district_needs_an_address(officer, world):
    from dualgoal.core.testing import unit

    hanoi = unit("01", "Thành phố Hà Nội", "thành phố trung ương", 1)
    errors = errors_of(lambda: create(officer, world, residence_unit=hanoi))
    assert "Địa chỉ" in errors["address"][0]
    person = create(officer, world, residence_unit=hanoi, address="12 Hàng Bài, Hoàn Kiếm")
    assert person.residence_unit == hanoi


def test_household_must_be_in_the_residence_village(officer, world):
    household = Household.objects.create(code="HGD-B", village=world.village_b)
    errors = errors_of(lambda: create(officer, world, household=household))
    assert "Hộ gia đình" in errors["household"][0]


def test_every_fault_is_reported_at_once_and_nothing_is_written(officer, world):
    errors = errors_of(lambda: create(officer, world, full_name="", id_number="123", phone="abc", residence_unit=None))
    assert set(errors) == {"full_name", "id_number", "phone", "residence_unit"}
    assert Person.objects.count() == 0 and PersonNameToken.objects.count() == 0
    assert Person.history.count() == 0


def test_update_changes_only_what_is_given_and_keeps_history(officer, world):
    person = create(officer, world, phone="0912345678")
    person_update(person=person, user=officer, full_name="Nguyễn Văn Ân", phone="0987 654 321")
    person.refresh_from_db()
    assert (person.full_name, person.phone, person.residence_unit) == ("Nguyễn Văn Ân", "0987654321", world.village_a)
    assert person.history.count() == 2
    assert person.name_tokens.order_by("position").values_list("token", flat=True).first() == "nguyen van an"


def test_a_failed_update_leaves_the_record_as_it_was(officer, world):
    person = create(officer, world, phone="0912345678")
    errors_of(lambda: person_update(person=person, user=officer, full_name="Nguyễn Văn Bình", phone="123"))
    person.refresh_from_db()
    assert (person.full_name, person.phone) == ("Nguyễn Văn An", "0912345678")
    assert person.history.count() == 1


def test_an_update_without_change_writes_no_history(officer, world):
    person = create(officer, world)
    person_update(person=person, user=officer, full_name="Nguyễn Văn An")
    assert person.history.count() == 1


def test_unknown_fields_are_refused(officer, world):
    person = create(officer, world)
    with pytest.raises(TypeError):
        person_update(person=person, user=officer, is_demo=True)


def test_a_visitor_registered_by_a_commune_stays_visible_to_it_and_only_to_it(officer, world):
    from dualgoal.core.testing import unit

    hanoi = unit("01", "Thành phố Hà Nội", "thành phố", 1)
    visitor = create(officer, world, full_name="Đỗ Thị Hà", residence_unit=hanoi, address="12 Phố Huế, Hà Nội")
    assert visitor.residence_unit == hanoi and visitor.managing_unit == world.commune_a
    assert Person.objects.visible_to(officer).filter(pk=visitor.pk).exists()
    neighbour = world.user("commune", unit=world.commune_b)
    assert not Person.objects.visible_to(neighbour).filter(pk=visitor.pk).exists()
    # a resident has no managing unit: their village's commune manages them
    resident = create(officer, world, full_name="Lê Văn Bình", id_number="")
    assert resident.managing_unit is None


def test_a_managing_unit_outside_the_area_is_refused(officer, world):
    from dualgoal.core.testing import unit

    hanoi = unit("01", "Thành phố Hà Nội", "thành phố", 1)
    errors = errors_of(
        lambda: create(
            officer, world, residence_unit=hanoi, address="12 Phố Huế, Hà Nội", managing_unit=world.commune_b
        )
    )
    assert "managing_unit" in errors and "Tiến Dũng" in errors["managing_unit"][0]
    assert not Person.objects.exists()
