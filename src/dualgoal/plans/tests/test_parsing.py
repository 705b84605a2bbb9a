"""The plan parser on the seed plan and on three plans written in the same administrative style.

Pure Python: no Django, no database. The known-body callback is built here from names and aliases, matched
by folding (lower case, no Vietnamese diacritics, "&" = "và", punctuation ignored) as the importer does.
"""

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest
from anyascii import anyascii
from hypothesis import given, settings
from hypothesis import strategies as st

from dualgoal.plans.parsing import ParsedPlan, PlanParseError, parse_plan
from dualgoal.plans.parsing.blocks import build_blocks
from dualgoal.plans.parsing.bodies import find_responsibility

TEXTS = Path(__file__).parent / "texts"
# A verbatim copy of the project's seed plan (/work/shared/seed/…), so the tests are self-contained.
SEED = Path(__file__).parent.parent / "data" / "ke-hoach-khoi-phuc-kt-xh-yen-dung-2021.txt"
OTHER_TEXTS = sorted(path for path in TEXTS.glob("*.txt") if path != SEED)


def fold(name: str) -> str:
    text = anyascii(unicodedata.normalize("NFC", name).replace("&", " và ")).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def known_bodies(*names: str):
    folded = {fold(name) for name in names}
    return lambda name: fold(name) in folded


# The bodies named in section III of the seed (and its closing paragraph), with the aliases the text uses.
DISTRICT_BODIES = (
    "Phòng Y tế",
    "Trung tâm Y tế huyện",
    "TTYT huyện",
    "Phòng Tài chính - Kế hoạch",
    "Phòng TC-KH",
    "Phòng Tài chính - KH",
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
    "Ủy ban MTTQ",
    "Các tổ chức chính trị - xã hội",
    "UBND huyện",
    "Văn phòng HĐND và UBND huyện",
    "Văn phòng HĐND và HĐND huyện",  # sic, the seed's typo
    "UBND các xã, thị trấn",
    "BCD các xã, thị trấn",
    "BCĐ các xã, thị trấn",
    "Các cơ quan, đơn vị",
)
is_district_body = known_bodies(*DISTRICT_BODIES)

SEED_LEADS = {
    "III.1": ["Phòng Y tế", "Trung tâm Y tế huyện"],
    "III.2": ["Phòng Tài chính - Kế hoạch"],
    "III.3": ["Phòng Kinh tế và Hạ tầng", "Ban Quản lý dự án đầu tư xây dựng huyện"],
    "III.4": ["Phòng Lao động - Thương binh và Xã hội"],
    "III.5": [
        "Phòng Tài nguyên và Môi trường",
        "Trung tâm Phát triển quỹ đất và CCN",
        "Đội Quản lý trật tự giao thông, xây dựng, môi trường huyện",
    ],
    "III.6": ["Phòng Nông nghiệp và PTNT", "Trung tâm Dịch vụ - KTNN huyện"],
    "III.7": ["Phòng Giáo dục và Đào tạo"],
    "III.8": ["Phòng Nội vụ"],
    "III.9": ["Phòng Văn hóa và Thông tin", "Trung tâm Văn hoá - Thông tin và Thể thao huyện"],
    "III.10": ["Công an huyện", "Ban Chỉ huy Quân sự huyện"],
    "III.11": ["UBND các xã, thị trấn"],
    "III.12": ["Ban Tuyên giáo Huyện ủy", "Ủy ban MTTQ", "Các tổ chức chính trị - xã hội"],
}


@pytest.fixture(scope="module")
def seed() -> ParsedPlan:
    return parse_plan(SEED.read_text(encoding="utf-8"), is_known_body=is_district_body)


def task_with(plan: ParsedPlan, fragment: str):
    matches = [task for task in plan.tasks if fragment in task.text]
    assert len(matches) == 1, f"{len(matches)} tasks contain {fragment!r}"
    return matches[0]


# --- the seed ---------------------------------------------------------------------------------------------
def test_seed_has_no_header_but_a_readable_title(seed):
    title = "Kế hoạch Khôi phục các hoạt động phát triển kinh tế - xã hội trên địa bàn huyện Yên Dũng"
    assert seed.title == title
    assert (seed.number, seed.issuer, seed.issued_on) == (None, None, None)


def test_seed_sections(seed):
    codes = [section.code for section in seed.sections]
    assert codes[:4] == ["I", "I.1", "I.2", "II"]
    assert [c for c in codes if c.startswith("II.1.")] == [f"II.1.{n}" for n in range(1, 7)]
    assert [c for c in codes if c.startswith("II.2.")] == [f"II.2.{n}" for n in range(1, 8)]
    assert [c for c in codes if c.startswith("III.")] == [f"III.{n}" for n in range(1, 13)]
    assert len(codes) == 32
    # "1.5 Thực hiện …" has no final dot and is still a sub-item.
    assert seed.section("II.1.5").title == "Thực hiện hiệu quả việc tiêm vaccin và lấy mẫu xét nghiệm"
    # A heading that runs on is trimmed to its heading sentence.
    assert seed.section("II.2.3").title == (
        "Tập trung cao chỉ đạo đẩy nhanh tiến độ, giải quyết kịp thời vướng mắc trong giải phóng mặt bằng "
        "các công trình, dự án, nhất là các dự án trọng điểm"
    )
    assert seed.section("III").title == "TỔ CHỨC THỰC HIỆN"


def test_every_item_of_section_three_has_tasks_led_by_its_bodies(seed):
    for code, leads in SEED_LEADS.items():
        tasks = seed.tasks_in(code)
        assert tasks, code
        for task in tasks:
            assert task.lead == leads, (code, task.text)
            assert all(is_district_body(name) for name in task.lead)
    assert [len(seed.tasks_in(f"III.{n}")) for n in range(1, 13)] == [6, 3, 4, 3, 3, 3, 1, 2, 2, 3, 3, 1]
    assert seed.unresolved == []


def test_seed_support_bodies(seed):
    assert task_with(seed, "Phối hợp với BCD các xã").support == ["BCD các xã, thị trấn"]
    # "các cơ quan liên quan" names nobody: not a support body, not unresolved.
    assert task_with(seed, "Chủ trì, phối hợp với các cơ quan liên quan rà soát").support == []
    item_12 = seed.tasks_in("III.12")[0]
    assert item_12.text.startswith("Đề nghị Ban Tuyên giáo Huyện ủy")
    assert item_12.text.endswith("tích cực tham gia công tác phòng chống dịch.")
    assert item_12.support == ["Các cơ quan, đơn vị"]  # "UBND các cấp" is generic


def test_closing_paragraph_gives_the_subplan_and_a_coordination_task(seed):
    assert seed.subplan_due == dt.date(2021, 6, 30)
    assert seed.subplan_to == "Phòng Tài chính - KH"
    assert seed.subplan_addressees == ["Các cơ quan, đơn vị", "UBND các xã, thị trấn"]
    assert seed.subplan_json() == {
        "due": "2021-06-30",
        "to": "Phòng Tài chính - KH",
        "addressees": ["Các cơ quan, đơn vị", "UBND các xã, thị trấn"],
    }
    coordination = task_with(seed, "đôn đốc các cơ quan, đơn vị, các xã, thị trấn thực hiện Kế hoạch này")
    assert coordination.section == "III"
    assert coordination.lead == ["Phòng Tài chính - Kế hoạch"]
    assert coordination.support == ["Văn phòng HĐND và HĐND huyện"]
    # The closing request is no task, and the sub-plan sentence did not leak into item 12.
    assert not [task for task in seed.tasks if "nghiêm túc triển khai thực hiện./." in task.text]
    assert "30/6/2021" not in seed.tasks_in("III.12")[0].text


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("đường ĐH.5B đoạn qua các xã Cảnh Thụy", dt.date(2021, 7, 31)),
        ("ĐH.5B: đoạn từ thị trấn Nham Biền đi Cụm công nghiệp", dt.date(2021, 12, 31)),
        ("Quốc lộ 17 đoạn từ cống Kem", dt.date(2021, 12, 31)),
        ("Đường tỉnh 398", dt.date(2021, 12, 31)),
        ("Đoạn từ Công an huyện đi QL17", dt.date(2021, 10, 30)),
        ("đoạn từ Bru điện huyện đi cầu Bến Đám", dt.date(2021, 12, 31)),
        ("Dự án Cụm công nghiệp Nham Sơn - Yên Lư:", dt.date(2021, 8, 31)),
        ("Dự án Cụm công nghiệp Yên Lư:", dt.date(2021, 9, 30)),
        ("khu nhà ở xã hội dành cho công nhân, xã Nội Hoàng", dt.date(2021, 9, 30)),
        ("công tác bồi thường, chuyển mục đích sử dụng đất", dt.date(2021, 7, 31)),
        ("khu dân cư mới còn lại thực hiện GPMB", dt.date(2021, 12, 31)),
    ],
)
def test_seed_deadlines_of_key_projects(seed, fragment, expected):
    task = task_with(seed, fragment)
    assert task.section == "II.2.3"
    assert task.deadline_date == expected


def test_two_segment_bullets_are_split_with_their_project_name(seed):
    first = task_with(seed, "đường ĐH.5B đoạn qua các xã Cảnh Thụy")
    second = task_with(seed, "ĐH.5B: đoạn từ thị trấn Nham Biền")
    assert first.deadline.text == "xong trước 31/7/2021"
    assert second.text.startswith("Dự án xây dựng đường ĐH.5B: đoạn từ thị trấn Nham Biền")
    assert second.deadline.text == "xong trong năm 2021"
    # The seven residential areas are one task although the bullet is full of ";".
    compensation = task_with(seed, "công tác bồi thường")
    assert "(gói 6)" in compensation.text and "thôn An Phú" in compensation.text
    assert len(seed.tasks_in("II.2.3")) == 11


def test_plus_lines_are_group_headers_not_tasks(seed):
    tasks = seed.tasks_in("II.2.3")
    assert not [task for task in tasks if task.text.startswith(("Đối với các dự án", "Tập trung đẩy nhanh"))]
    assert tasks[0].group == "Đối với các dự án trọng điểm của tỉnh, của huyện"
    # The group's "750 tỷ đồng" target is the target of each task in that group.
    for fragment in ("công tác bồi thường", "khu dân cư mới còn lại"):
        target = task_with(seed, fragment).target
        assert (target.value, target.unit) == (750, "tỷ đồng")
        assert "thu tiền sử dụng đất 750 tỷ đồng" in target.text
    assert tasks[0].target is None


def test_seed_targets(seed):
    tasks = seed.tasks_in("III.2")
    assert (tasks[1].target.value, tasks[1].target.unit) == (10, "%")
    assert (tasks[2].target.value, tasks[2].target.unit) == (100, "%")
    assert "giải ngân 100% kế hoạch vốn" in tasks[2].target.text
    assert task_with(seed, "chỉ khai thác tối đa 50% công suất").target.value == 50


def test_sections_without_bullets_are_one_task(seed):
    assert [task.text[:28] for task in seed.tasks_in("II.1.5")] == ["Tiếp tục thực hiện tốt việc "]
    assert [task.text[:26] for task in seed.tasks_in("III.7")] == ["Tham mưu cho UBND huyện ch"]
    # A heading that is a whole sentence is its own task.
    assert seed.tasks_in("II.2.5")[0].text.startswith("Tổ chức kỳ thi tốt nghiệp THPT năm 2021")


def test_paragraphs_broken_across_blank_lines_are_rejoined(seed):
    quarantine = task_with(seed, "Quản lý chặt chẽ các trường hợp cách ly tại nhà (gồm")
    assert quarantine.section == "III.11"
    assert "đánh giá, dự báo tình hình" in seed.tasks_in("II.2.1")[0].text
    blocks = build_blocks(SEED.read_text(encoding="utf-8").split("\n"))
    assert any("cải cách thủ tục hành chính để cải thiện" in block.text for block in blocks)


def test_parts_one_and_two_have_no_lead_and_part_one_no_tasks(seed):
    assert seed.tasks_in("I") == []
    assert all(task.lead == [] for task in seed.tasks_in("II"))
    assert task_with(seed, "Thường xuyên đánh giá nguy cơ dịch").recurrence == "continuous"
    assert task_with(seed, "Nắm bắt diễn biến tình hình dịch Covid-19 hàng ngày").recurrence == "daily"


def test_seed_signature_and_cited_documents(seed):
    assert seed.signer_title == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    assert seed.signer_name == "Bùi Quang Huy"
    assert seed.cited_json() == [
        {"number": "365-TB/TU", "date": "2021-06-21"},
        {"number": "245/TB-UBND", "date": "2021-06-22"},
        {"number": "252/TB-UBND", "date": "2021-06-24"},
    ]
    # Nothing from "Nơi nhận" became a task.
    assert not [task for task in seed.tasks if "Lưu: VT" in task.text or "pth@" in task.text]


def test_seed_json_has_exactly_the_importer_shape(seed):
    data = json.loads(json.dumps(seed.to_json(), ensure_ascii=False))
    assert list(data) == ["title", "number", "issuer", "issued_on", "sections", "tasks", "unresolved"]
    assert all(list(section) == ["code", "title"] for section in data["sections"])
    keys = ["section", "text", "lead", "support", "deadline", "deadline_text", "recurrence", "target"]
    assert all(list(task) == keys for task in data["tasks"])
    recurrences = (None, "daily", "weekly", "monthly", "continuous")
    assert all(task["recurrence"] in recurrences for task in data["tasks"])
    bt_road = next(task for task in data["tasks"] if "Công an huyện đi QL17" in task["text"])
    assert (bt_road["deadline"], bt_road["deadline_text"]) == ("2021-10-30", "xong trước ngày 30/10/2021")
    targets = [task["target"] for task in data["tasks"] if task["target"]]
    assert all(set(target) == {"value", "unit", "text"} for target in targets)
    assert {target["unit"] for target in targets} == {"%", "tỷ đồng"}
    assert "**" not in json.dumps(data, ensure_ascii=False)
    assert len(data["tasks"]) == 70


def test_decomposed_text_and_crlf_give_the_same_result(seed):
    text = unicodedata.normalize("NFD", SEED.read_text(encoding="utf-8")).replace("\n", "\r\n")
    assert parse_plan(text, is_known_body=is_district_body).to_json() == seed.to_json()


def test_unknown_bodies_are_reported_and_still_kept():
    plan = parse_plan(SEED.read_text(encoding="utf-8"), is_known_body=lambda name: False)
    assert plan.tasks_in("III.5")[0].lead == SEED_LEADS["III.5"]  # the layout alone splits the list
    assert plan.tasks_in("III.11")[0].lead == ["UBND các xã, thị trấn"]
    for name in [*SEED_LEADS["III.5"], "UBND các xã, thị trấn", "Văn phòng HĐND", "HĐND huyện"]:
        assert name in plan.unresolved
    assert "Các cơ quan liên quan" not in plan.unresolved


# --- (a) a commune plan with a header block ---------------------------------------------------------------
is_commune_body = known_bodies(
    "Trạm Y tế xã",
    "Công an xã",
    "Ban Chỉ huy Quân sự xã",
    "Đài truyền thanh xã",
    "Trưởng các thôn",
    "Ủy ban MTTQ xã",
    "UBND xã",
    "Trung tâm Y tế huyện",
)


@pytest.fixture(scope="module")
def commune() -> ParsedPlan:
    text = (TEXTS / "xa-tien-dung-sot-xuat-huyet-2022.txt").read_text(encoding="utf-8")
    return parse_plan(text, is_known_body=is_commune_body)


def test_commune_header_block(commune):
    assert commune.number == "45/KH-UBND"
    assert commune.issuer == "ỦY BAN NHÂN DÂN XÃ TIẾN DŨNG"
    assert commune.issuer_lines == ["UBND HUYỆN YÊN DŨNG", "ỦY BAN NHÂN DÂN XÃ TIẾN DŨNG"]
    assert commune.issued_on == dt.date(2022, 4, 12)
    assert commune.place == "Tiến Dũng"
    title = "Kế hoạch Phòng, chống dịch bệnh sốt xuất huyết trên địa bàn xã Tiến Dũng năm 2022"
    assert commune.title == title
    assert commune.cited_json() == [{"number": "112/KH-UBND", "date": "2022-03-25"}]
    assert (commune.signer_title, commune.signer_name) == ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Nguyễn Văn Bình")
    data = commune.to_json()
    assert (data["number"], data["issuer"], data["issued_on"]) == (
        "45/KH-UBND",
        "ỦY BAN NHÂN DÂN XÃ TIẾN DŨNG",
        "2022-04-12",
    )


def test_commune_responsibility_headings(commune):
    assert commune.tasks_in("III.1")[1].lead == ["Trạm Y tế xã"]
    assert commune.tasks_in("III.2")[0].lead == ["Công an xã", "Ban Chỉ huy Quân sự xã"]
    assert commune.tasks_in("III.2")[0].support == ["Trạm Y tế xã"]
    assert commune.tasks_in("III.4")[0].lead == ["Trưởng các thôn", "Ban Công tác Mặt trận các thôn"]
    assert commune.tasks_in("III.5")[0].lead == ["Ủy ban MTTQ xã", "Các đoàn thể chính trị - xã hội xã"]
    assert commune.unresolved == ["Ban Công tác Mặt trận các thôn", "Các đoàn thể chính trị - xã hội xã"]
    assert commune.subplan_json() is None


def test_commune_deadlines_and_split_campaign(commune):
    assert commune.tasks_in("II.1")[0].deadline_date == dt.date(2022, 4, 20)
    assert commune.tasks_in("II.1")[1].recurrence == "weekly"
    first, second = (task for task in commune.tasks_in("II.2") if "bọ gậy" in task.text)
    assert (first.deadline_date, second.deadline_date) == (dt.date(2022, 5, 31), dt.date(2022, 8, 31))
    assert second.text.startswith("Tổ chức chiến dịch diệt bọ gậy, loăng quăng: đợt 2")
    assert second.target.value == 100 and first.target is None
    report = commune.tasks_in("III.1")[1]
    assert (report.recurrence, report.deadline.day_of_month) == ("monthly", 25)
    assert commune.tasks_in("III.3")[0].recurrence == "continuous"
    assert commune.tasks_in("III.4")[0].deadline.text == "vào thứ Bảy hằng tuần"
    # A paragraph broken across a blank line is one task.
    assert commune.tasks_in("II.3")[0].text.endswith("dụng cụ chứa nước đọng quanh nhà.")
    assert commune.tasks_in("I") == []
    assert len(commune.tasks) == 12


# --- (b) tasks written as "X chủ trì, phối hợp với Y, Z …" sentences --------------------------------------
@pytest.fixture(scope="module")
def disaster() -> ParsedPlan:
    text = (TEXTS / "yen-dung-phong-chong-thien-tai-2022.txt").read_text(encoding="utf-8")
    return parse_plan(text, is_known_body=is_district_body)


@pytest.mark.parametrize(
    ("code", "lead", "support", "deadline"),
    [
        (
            "II.1",
            ["Phòng Nông nghiệp và PTNT"],
            ["Phòng Tài chính - Kế hoạch", "UBND các xã, thị trấn"],
            "2022-05-31",
        ),
        ("II.2", ["Ban Chỉ huy Quân sự huyện"], ["Công an huyện", "Trung tâm Y tế huyện"], "2022-09-30"),
        (
            "II.3",
            ["Phòng Kinh tế và Hạ tầng"],
            ["Điện lực Yên Dũng", "Đội Quản lý trật tự giao thông, xây dựng, môi trường huyện"],
            "2022-06-15",
        ),
        ("II.4", ["Trung tâm Văn hóa - Thông tin và Thể thao huyện"], ["UBND các xã, thị trấn"], None),
        ("II.5", ["Phòng Tài chính - Kế hoạch"], [], None),
        ("II.6.a", ["UBND các xã, thị trấn"], [], "2022-05-20"),
        ("II.6.b", ["UBND các xã, thị trấn"], [], None),
        ("III", ["Phòng Nông nghiệp và PTNT"], ["Văn phòng HĐND và UBND huyện"], "2022-12-15"),
    ],
)
def test_chu_tri_phoi_hop_sentences(disaster, code, lead, support, deadline):
    [task] = [task.to_json() for task in disaster.tasks if task.section == code]
    assert (task["lead"], task["support"], task["deadline"]) == (lead, support, deadline)


def test_chu_tri_plan_header_targets_recurrences_and_subplan(disaster):
    assert disaster.issuer == "ỦY BAN NHÂN DÂN HUYỆN YÊN DŨNG"  # rejoined from two lines
    assert (disaster.number, disaster.issued_on) == ("78/KH-UBND", dt.date(2022, 5, 5))
    assert disaster.unresolved == ["Điện lực Yên Dũng"]
    assert disaster.tasks_in("II.4")[0].recurrence == "weekly"
    assert disaster.tasks_in("II.6.b")[0].deadline.day_of_month == 25
    target = disaster.tasks_in("II.5")[0].target
    assert (target.value, target.unit) == (2.5, "tỷ đồng")
    assert disaster.subplan_json() == {
        "due": "2022-05-20",
        "to": "Phòng Nông nghiệp và PTNT",
        "addressees": ["Các cơ quan, đơn vị", "UBND các xã, thị trấn"],
    }
    assert (disaster.signer_title, disaster.signer_name) == ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Trần Minh Đức")
    assert disaster.tasks_in("I") == []


# --- (c) recurring and quarterly deadlines ----------------------------------------------------------------
@pytest.fixture(scope="module")
def digital() -> ParsedPlan:
    text = (TEXTS / "yen-dung-chuyen-doi-so-2022.txt").read_text(encoding="utf-8")
    return parse_plan(text, is_known_body=is_district_body)


def test_recurring_and_quarterly_deadlines(digital):
    tasks = digital.tasks_in("II.1")
    assert [task.recurrence for task in tasks[:3]] == ["daily", "weekly", "monthly"]
    assert tasks[2].deadline.day_of_month == 25
    assert task_with(digital, "kho dữ liệu dùng chung").deadline_date == dt.date(2022, 9, 30)
    quarter_four = task_with(digital, "dịch vụ công trực tuyến mức độ 4")
    assert quarter_four.deadline_date == dt.date(2022, 12, 31)
    assert quarter_four.deadline.text == "trong quý 4/2022"
    assert quarter_four.target.value == 100
    assert task_with(digital, "Tổ công nghệ số cộng đồng").recurrence == "continuous"
    assert task_with(digital, "Tổng kết, đánh giá").deadline_date == dt.date(2022, 7, 15)
    assert digital.tasks_in("II.2.2")[0].deadline.text == "6 tháng cuối năm 2022"
    assert digital.tasks_in("III.1")[0].recurrence == "monthly"
    assert digital.tasks_in("III.1")[0].lead == ["Văn phòng HĐND và UBND huyện"]
    assert digital.tasks_in("III.1")[0].support == ["Phòng Văn hóa và Thông tin"]
    assert digital.tasks_in("III.3")[0].deadline.text == "vào thứ Sáu hằng tuần"


def test_plus_lines_after_a_bullet_detail_that_bullet(digital):
    training = task_with(digital, "Tổ chức tập huấn kỹ năng số")
    assert "Đợt 1 dành cho cán bộ cấp xã" in training.text and "Đợt 2" in training.text
    assert not [task for task in digital.tasks if task.text.startswith("Đợt")]


def test_all_capital_title_and_no_header(digital):
    assert digital.title == "Kế hoạch Thực hiện chuyển đổi số trên địa bàn huyện Yên Dũng năm 2022"
    assert (digital.number, digital.issuer, digital.issued_on) == (None, None, None)
    assert digital.cited_json() == [{"number": "35/KH-UBND", "date": "2022-01-10"}]
    assert digital.tasks_in("I") == []  # "MỤC TIÊU" states goals, not tasks


# --- bad input --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   \n\n\t  ", "\ufeff"])
def test_empty_text_is_rejected(text):
    with pytest.raises(PlanParseError) as raised:
        parse_plan(text, is_known_body=is_district_body)
    assert str(raised.value) == "Tệp không có nội dung."


@pytest.mark.parametrize(
    "text",
    [
        "Kính gửi anh chị,\nĐây là một lá thư không có mục nào.\nTrân trọng.",
        "KẾ HOẠCH\nPhòng, chống dịch\n\nThực hiện chỉ đạo của UBND huyện, UBND xã triển khai ngay.",
    ],
)
def test_unstructured_text_is_rejected(text):
    with pytest.raises(PlanParseError) as raised:
        parse_plan(text, is_known_body=is_district_body)
    assert str(raised.value) == "Không tìm thấy cấu trúc kế hoạch (mục I., II. …) trong văn bản."
    assert isinstance(raised.value, ValueError)


def test_binary_content_is_rejected():
    with pytest.raises(PlanParseError, match="không đọc được như văn bản"):
        parse_plan("PK\x03\x04\x00\x00word/document.xml", is_known_body=is_district_body)


# --- robustness ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SEED, *OTHER_TEXTS], ids=lambda path: path.name)
def test_one_paragraph_per_line_gives_the_same_result(path):
    """Text taken from a .docx has no blank lines between paragraphs; the result must not change."""
    text = path.read_text(encoding="utf-8")
    compact = "\n".join(line for line in text.split("\n") if line.strip())
    assert (
        parse_plan(compact, is_known_body=is_district_body).to_json()
        == parse_plan(text, is_known_body=is_district_body).to_json()
    )


def test_subject_ends_at_its_verb():
    is_known = known_bodies("UBND các xã, thị trấn", "Phòng Y tế", "Trung tâm Y tế huyện")
    sentence = "UBND các xã, thị trấn chủ động rà soát, phối hợp với Phòng Y tế kiểm tra."
    found = find_responsibility(sentence, is_known)
    assert (found.lead, found.support, found.unresolved) == (["UBND các xã, thị trấn"], ["Phòng Y tế"], [])
    found = find_responsibility("Tăng cường tuyên truyền, phối hợp với Phòng Y tế kiểm tra.", is_known)
    assert found is None  # no body opens the sentence: not a responsibility sentence


ALL_TEXTS = [SEED, *OTHER_TEXTS]
_CORPUS_LINES = [line for path in ALL_TEXTS for line in path.read_text(encoding="utf-8").split("\n")]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_CORPUS_LINES), max_size=60), st.integers(min_value=0, max_value=200))
def test_any_mix_of_plan_lines_parses_or_fails_cleanly(lines, cut):
    text = "\n".join(line[:cut] for line in lines)
    try:
        plan = parse_plan(text, is_known_body=is_district_body)
    except PlanParseError as error:
        assert str(error) in (
            "Tệp không có nội dung.",
            "Không tìm thấy cấu trúc kế hoạch (mục I., II. …) trong văn bản.",
        )
    else:
        json.dumps(plan.to_json(), ensure_ascii=False)
