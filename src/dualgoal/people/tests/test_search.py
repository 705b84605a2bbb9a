"""Person search: names without diacritics (word-prefix), citizen IDs and phone numbers in every usual writing."""

import pytest

from dualgoal.people import selectors
from dualgoal.people.models import Person, name_tails


@pytest.fixture
def registry(world):
    def person(name, village=None, **fields):
        return Person.objects.create(full_name=name, residence_unit=village or world.village_a, **fields)

    return {
        "an": person("Nguyễn Văn An", id_number="024093001234", phone="0912345678", birth_year=1993, sex="M"),
        "anh": person("Nguyễn Văn Anh"),
        "dang": person("Đặng Thị Hoa"),
        "hoa": person("Trần Thị Hoa"),
        "middle": person("Lê Đăng Khoa"),
        "hoang": person("Hoàng Hoa Thám"),
        "other": person("Nguyễn Văn An", village=world.village_b),
    }


@pytest.fixture
def officer(world):
    return world.user("commune")


def names(queryset):
    return sorted(p.full_name for p in queryset)


def test_tails_are_the_word_suffixes_of_the_folded_name():
    assert name_tails("Nguyễn Văn Đặng") == ["nguyen van dang", "van dang", "dang"]
    assert name_tails("  H'Hen  Niê ") == ["h hen nie", "hen nie", "nie"]


@pytest.mark.parametrize("plan", ["name", "scope", "walk"])
class TestNames:
    """The same answers whichever plan the selector picks (forced by moving its thresholds)."""

    @pytest.fixture(autouse=True)
    def force(self, plan, monkeypatch, officer):
        if plan == "scope":
            monkeypatch.setattr(selectors, "NAME_DRIVEN", -1)
        elif plan == "walk":
            monkeypatch.setattr(selectors, "NAME_DRIVEN", -1)
            monkeypatch.setattr(selectors, "SCOPE_DRIVEN", -1)

    def test_full_name_without_diacritics(self, registry, officer):
        found = selectors.person_search("nguyen van an", officer)
        assert names(found) == ["Nguyễn Văn An", "Nguyễn Văn Anh"]  # the last word is a prefix
        assert registry["other"] not in found  # another commune's namesake stays out of scope

    def test_dang_finds_dang_with_d_stroke_and_any_word(self, registry, officer):
        assert names(selectors.person_search("dang", officer)) == ["Lê Đăng Khoa", "Đặng Thị Hoa"]

    def test_consecutive_words_inside_the_name(self, registry, officer):
        assert names(selectors.person_search("thi hoa", officer)) == ["Trần Thị Hoa", "Đặng Thị Hoa"]
        assert names(selectors.person_search("Thị  Hoa", officer)) == ["Trần Thị Hoa", "Đặng Thị Hoa"]

    def test_word_prefix_not_infix(self, registry, officer):
        assert names(selectors.person_search("oa", officer)) == []
        assert names(selectors.person_search("van a", officer)) == ["Nguyễn Văn An", "Nguyễn Văn Anh"]

    def test_a_person_matching_twice_is_listed_once(self, registry, officer):
        found = list(selectors.person_search("ho", officer))  # "hoang hoa tham" and "hoa tham" both start so
        assert len(found) == len(set(found))
        assert names(found) == ["Hoàng Hoa Thám", "Trần Thị Hoa", "Đặng Thị Hoa"]


def test_superuser_sees_every_commune(registry, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x-Test-2021")
    assert len(selectors.person_search("nguyen van an", root)) == 3


def test_empty_or_punctuation_finds_nothing(registry, officer):
    assert not selectors.person_search("", officer).exists()
    assert not selectors.person_search(" ,. ", officer).exists()


@pytest.mark.parametrize("query", ["024093001234", "24093001234", "24093001234.0", "0240 9300 1234"])
def test_citizen_id_in_any_writing(registry, officer, query):
    assert list(selectors.person_search(query, officer)) == [registry["an"]]


@pytest.mark.parametrize(
    "query", ["0912345678", "+84 912 345 678", "912345678", "0912.345.678", "84912345678", "(+84) 912-345-678"]
)
def test_phone_in_any_writing(registry, officer, query):
    assert list(selectors.person_search(query, officer)) == [registry["an"]]


def test_a_cmnd_is_found_by_its_nine_digits(world, officer):
    person = Person.objects.create(full_name="Vũ Thị Lan", id_number="121234567", residence_unit=world.village_a)
    assert list(selectors.person_search("121 234 567", officer)) == [person]


def test_search_stays_in_scope_for_ids(registry, world):
    other_officer = world.user("commune", unit=world.commune_b)
    assert not selectors.person_search("024093001234", other_officer).exists()


def test_renaming_updates_the_search(registry, officer):
    person = registry["hoa"]
    person.full_name = "Trần Thị Hồng"
    person.save()
    assert person not in selectors.person_search("thi hoa", officer)
    assert person in selectors.person_search("tran thi hong", officer)


def test_within_a_village(registry, world, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x-Test-2021")
    found = selectors.person_search("nguyen van an", root, within=world.village_b)
    assert list(found) == [registry["other"]]


def test_counts_are_capped(registry, officer):
    queryset = selectors.person_search("nguyen", officer)
    assert selectors.search_count(queryset, cap=1) == 2  # "more than 1"
    assert selectors.search_count(queryset) == 2


# --- the storage of the search keys -----------------------------------------------------------------------------------


def test_name_keys_are_the_table_itself_and_compare_byte_by_byte(db):
    """The token table is keyed by (token, person) — WITHOUT ROWID on SQLite, so the key is the table — and the keys
    compare byte by byte ("C" on PostgreSQL), so that a prefix range with a space in it stays a prefix range. A later
    migration that rebuilt the table (Django's SQLite schema editor does on most alterations) would lose the clause."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'people_personnametoken'")
            assert cursor.fetchone()[0].rstrip().endswith("WITHOUT ROWID")
        else:
            cursor.execute(
                "SELECT attname, attcollation::regcollation::text FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attname IN ('token', 'name_folded', 'id_number', 'phone') ORDER BY attname",
                ["people_personnametoken"],
            )
            assert cursor.fetchall() == [("token", '"C"')]
            cursor.execute(
                "SELECT attname, attcollation::regcollation::text FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attname IN ('name_folded', 'id_number', 'phone') ORDER BY attname",
                ["people_person"],
            )
            assert cursor.fetchall() == [("id_number", '"C"'), ("name_folded", '"C"'), ("phone", '"C"')]
    person = Person.objects.create(full_name="Nguyễn Văn An")
    assert sorted(person.name_tokens.values_list("token", "position")) == [
        ("an", 2),
        ("nguyen van an", 0),
        ("van an", 1),
    ]
    person.full_name = "Nguyễn Văn Anh"
    person.save()
    assert sorted(person.name_tokens.values_list("token", flat=True)) == ["anh", "nguyen van anh", "van anh"]
    person.delete()
    assert not Person.name_tokens.rel.related_model.objects.filter(person_id=person.pk).exists()


def test_a_citizen_id_is_registered_once(db):
    from django.db import IntegrityError, transaction

    Person.objects.create(full_name="Nguyễn Văn An", id_number="024093001234")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(full_name="Trần Văn Bình", id_number="024093001234")
    Person.objects.create(full_name="Lê Thị Cúc")  # no ID: any number of them
    Person.objects.create(full_name="Lê Thị Cúc")


def test_search_keys_of_a_very_long_name_are_distinct():
    """Keys are cut to 150 characters; two long suffixes cut alike would be one key (the table's key is (token,
    person)), so a repetitive long name still gets each key once."""
    tails = name_tails("An " * 80)
    assert len(tails) == len(set(tails)) and all(len(t) <= 150 for t in tails)
    assert tails[-1] == "an"
