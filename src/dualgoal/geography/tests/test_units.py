import datetime as dt

import pytest

from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.geography.selectors import YEN_DUNG_CODE, commune_by_name, communes_of, unit_by_code
from dualgoal.geography.services import units_load

YEN_DUNG_COMMUNES = {
    "Nham Biền",
    "Tân An",
    "Lão Hộ",
    "Hương Gián",
    "Quỳnh Sơn",
    "Nội Hoàng",
    "Tiền Phong",
    "Xuân Phú",
    "Tân Liễu",
    "Trí Yên",
    "Lãng Sơn",
    "Yên Lư",
    "Tiến Dũng",
    "Đức Giang",
    "Cảnh Thụy",
    "Tư Mại",
    "Đồng Việt",
    "Đồng Phúc",
}


@pytest.fixture
def loaded(db):
    return units_load()


def test_yen_dung_has_its_18_communes(loaded):
    yen_dung = unit_by_code(YEN_DUNG_CODE)
    assert yen_dung.name == "Huyện Yên Dũng"
    assert yen_dung.parent.name == "Tỉnh Bắc Giang"
    communes = communes_of(yen_dung)
    assert {c.short_name for c in communes} == YEN_DUNG_COMMUNES
    assert {c.kind for c in communes if c.short_name in {"Nham Biền", "Tân An"}} == {"thị trấn"}


def test_the_tree_is_versioned(loaded):
    yen_dung = unit_by_code(YEN_DUNG_CODE)
    assert AdminUnit.objects.valid_on(dt.date(2021, 6, 25)).filter(pk=yen_dung.pk).exists()
    # Merged into Bắc Giang city on 1/1/2025; the district level itself ended on 30/6/2025.
    assert not AdminUnit.objects.valid_on(dt.date(2025, 1, 1)).filter(pk=yen_dung.pk).exists()
    assert not AdminUnit.objects.valid_on(dt.date(2025, 7, 1)).filter(level=Level.DISTRICT, parent__code="24").exists()


def test_whole_province_and_country(loaded):
    bac_giang = unit_by_code("24")
    assert AdminUnit.objects.filter(level=Level.DISTRICT, parent=bac_giang).count() == 10
    assert AdminUnit.objects.subtree(bac_giang.path).filter(level=Level.COMMUNE).count() > 200
    assert AdminUnit.objects.filter(level=Level.PROVINCE).count() == 63


def test_loading_twice_changes_nothing(loaded):
    created, _ = loaded
    assert created > 900
    assert units_load() == (0, 0)


def test_subtree_paths(loaded):
    noi_hoang = commune_by_name("noi hoang", district=unit_by_code(YEN_DUNG_CODE))
    assert noi_hoang.path == "24/221/07708/"
    assert [a.code for a in noi_hoang.ancestors()] == ["24", "221"]
