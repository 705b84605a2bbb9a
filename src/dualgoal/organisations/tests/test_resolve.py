import pytest

from dualgoal.geography.selectors import YEN_DUNG_CODE, unit_by_code
from dualgoal.geography.services import units_load
from dualgoal.organisations.models import Organisation
from dualgoal.organisations.selectors import alias_key, organisation_resolve
from dualgoal.organisations.services import organisations_load

SECTION_III_BODIES = [
    "Phòng Y tế",
    "Trung tâm Y tế huyện",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Kinh tế và Hạ tầng",
    "Ban Quản lý dự án đầu tư xây dựng huyện",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Tài nguyên và Môi trường",
    "Trung tâm Phát triển quỹ đất và CCN",
    "Đội Quản lý trật tự giao thông, xây dựng, môi trường huyện",
    "Phòng Nông nghiệp và PTNT",
    "Trung tâm Dịch vụ - KTNN huyện",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Nội vụ",
    "Phòng Văn hóa và Thông tin",
    "Trung tâm Văn hóa - Thông tin và Thể thao huyện",
    "Công an huyện",
    "Ban Chỉ huy Quân sự huyện",
    "Ban Tuyên giáo Huyện ủy",
    "Ủy ban MTTQ huyện",
    "Văn phòng HĐND và UBND huyện",
]


@pytest.fixture
def yen_dung(db):
    units_load()
    organisations_load()
    return unit_by_code(YEN_DUNG_CODE)


def test_every_body_of_section_iii_exists_with_kind_and_unit(yen_dung):
    for name in SECTION_III_BODIES:
        body = Organisation.objects.get(name=name)
        assert body.admin_unit == yen_dung and body.kind
    committees = Organisation.objects.filter(kind="committee", admin_unit__parent=yen_dung)
    assert committees.count() == 18
    assert Organisation.objects.get(name="UBND xã Nội Hoàng").admin_unit.short_name == "Nội Hoàng"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phòng TC-KH", "Phòng Tài chính - Kế hoạch"),
        ("Phòng Tài chính - KH", "Phòng Tài chính - Kế hoạch"),
        ("TTYT huyện", "Trung tâm Y tế huyện"),
        ("phong y te", "Phòng Y tế"),
        ("Phòng Văn hoá và Thông tin", "Phòng Văn hóa và Thông tin"),  # hoá / hóa
        ("Phòng LĐ-TB&XH", "Phòng Lao động - Thương binh và Xã hội"),
        ("Văn phòng HĐND và HĐND huyện", "Văn phòng HĐND và UBND huyện"),  # the seed's own typo
        ("UBND xã Nội Hoàng", "UBND xã Nội Hoàng"),
        ("UBND thị trấn Nham Biền", "UBND thị trấn Nham Biền"),
        ("Đề nghị Ban Tuyên giáo Huyện ủy", "Ban Tuyên giáo Huyện ủy"),
    ],
)
def test_aliases_resolve_to_the_right_body(yen_dung, text, expected):
    found = organisation_resolve(text, within=yen_dung)
    assert [o.name for o in found.organisations] == [expected]


def test_group_resolves_to_every_commune_committee(yen_dung):
    found = organisation_resolve("UBND các xã, thị trấn", within=yen_dung)
    assert found.group is not None
    assert len(found.organisations) == 18
    assert all(o.kind == "committee" for o in found.organisations)


def test_unknown_name_is_reported_not_guessed(yen_dung):
    found = organisation_resolve("Sở Ngoại vụ", within=yen_dung)
    assert not found.resolved and found.text == "Sở Ngoại vụ"


def test_aliases_are_per_district(yen_dung):
    other_district = unit_by_code("222")  # Huyện Việt Yên has no bodies loaded
    assert not organisation_resolve("Phòng Y tế", within=other_district).resolved


def test_loading_twice_changes_nothing(yen_dung):
    before = (Organisation.objects.count(), Organisation.history.count())
    organisations_load()
    assert (Organisation.objects.count(), Organisation.history.count()) == before


def test_alias_key_ignores_case_marks_and_punctuation():
    assert alias_key("Phòng TC-KH") == alias_key("phong tc kh") == "phong tc kh"
    assert alias_key("Phòng NN&PTNT") == alias_key("Phòng NN và PTNT")
    assert alias_key("Đội") == "doi"
