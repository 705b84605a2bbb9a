"""Deadline phrases: every form the seed uses and the other common ones. Pure Python, no database."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dualgoal.plans.parsing import Deadline, DeadlineParseError, find_deadline, parse_deadline


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("trước 31/7/2021", dt.date(2021, 7, 31)),
        ("trước ngày 30/10/2021", dt.date(2021, 10, 30)),
        ("xong trước ngày 30/6/2021", dt.date(2021, 6, 30)),
        ("xong trong tháng 8/2021", dt.date(2021, 8, 31)),
        ("trong tháng 9/2021", dt.date(2021, 9, 30)),
        ("trong tháng 2/2024", dt.date(2024, 2, 29)),
        ("trong tháng 7/2021", dt.date(2021, 7, 31)),
        ("trong tháng 7 năm 2021", dt.date(2021, 7, 31)),
        ("trong năm 2021", dt.date(2021, 12, 31)),
        ("xong trong năm 2021", dt.date(2021, 12, 31)),
        ("6 tháng cuối năm 2021", dt.date(2021, 12, 31)),
        ("6 tháng đầu năm 2022", dt.date(2022, 6, 30)),
        ("quý III/2021", dt.date(2021, 9, 30)),
        ("quý I/2022", dt.date(2022, 3, 31)),
        ("quý II năm 2022", dt.date(2022, 6, 30)),
        ("quý IV/2022", dt.date(2022, 12, 31)),
        ("quý 3/2021", dt.date(2021, 9, 30)),
        ("trong quý 4/2022", dt.date(2022, 12, 31)),
        ("trước ngày 05/02/2021", dt.date(2021, 2, 5)),
        ("trước ngày 5/2/2021", dt.date(2021, 2, 5)),
        ("trước ngày 05-02-2021", dt.date(2021, 2, 5)),
        ("trước ngày 05 tháng 02 năm 2021", dt.date(2021, 2, 5)),
        ("chậm nhất ngày 15/8/2022", dt.date(2022, 8, 15)),
        ("hoàn thành trước 30/9/2022", dt.date(2022, 9, 30)),
        ("thời gian: 30/9/2022", dt.date(2022, 9, 30)),
        # "trước" a whole period means before that period begins.
        ("trước tháng 9/2021", dt.date(2021, 8, 31)),
        ("trước quý IV/2022", dt.date(2022, 9, 30)),
    ],
)
def test_dated_forms(phrase, expected):
    deadline = parse_deadline(phrase)
    assert deadline.date == expected
    assert deadline.recurrence is None
    assert deadline.text == phrase


@pytest.mark.parametrize(
    ("phrase", "recurrence", "day"),
    [
        ("hằng ngày", "daily", None),
        ("hàng ngày", "daily", None),
        ("hằng tuần", "weekly", None),
        ("hàng tuần", "weekly", None),
        ("vào thứ Sáu hằng tuần", "weekly", None),
        ("hằng tháng", "monthly", None),
        ("định kỳ hằng tháng", "monthly", None),
        ("trước ngày 25 hằng tháng", "monthly", 25),
        ("trước ngày 25 hàng tháng", "monthly", 25),
        ("thường xuyên", "continuous", None),
    ],
)
def test_recurring_forms(phrase, recurrence, day):
    deadline = parse_deadline(phrase)
    assert deadline == Deadline(date=None, recurrence=recurrence, text=phrase, day_of_month=day)


def test_find_deadline_inside_a_sentence_keeps_the_matched_phrase():
    sentence = "Dự án Cụm công nghiệp Nham Sơn - Yên Lư: thực hiện xong trong tháng 8/2021."
    assert find_deadline(sentence) == Deadline(date=dt.date(2021, 8, 31), text="xong trong tháng 8/2021")


def test_dates_of_cited_documents_are_not_deadlines():
    assert find_deadline("Thực hiện Thông báo số 365-TB/TU ngày 21/6/2021 của Ban Thường vụ Tỉnh uỷ") is None
    assert find_deadline("Khôi phục lại hoạt động thể thao tại sân Golf từ ngày 01/7/2021") is None
    assert find_deadline("Hội nghị giao ban trực tuyến (ngày 22/6/2021)") is None
    assert find_deadline("kỳ thi tốt nghiệp THPT năm 2021, năm học 2021 - 2022") is None


def test_a_cited_date_next_to_a_deadline_does_not_win():
    sentence = "Thực hiện Kế hoạch số 12/KH-UBND ngày 02/3/2022, hoàn thành trước ngày 30/4/2022."
    assert find_deadline(sentence).date == dt.date(2022, 4, 30)


def test_explicit_date_beats_the_period_it_reviews():
    deadline = find_deadline("Tổng kết 6 tháng đầu năm 2022, gửi báo cáo trước ngày 15/7/2022.")
    assert deadline.date == dt.date(2022, 7, 15)


def test_dated_deadline_beats_a_recurrence_in_the_same_sentence():
    deadline = find_deadline("Thường xuyên kiểm tra; hoàn thành việc cắm mốc xong trong quý III/2022.")
    assert deadline.date == dt.date(2022, 9, 30)


def test_recurrent_expenditure_is_not_a_continuous_task():
    deadline = find_deadline("tiết kiệm giảm 10% trong chi thường xuyên 7 tháng cuối năm")
    assert deadline.recurrence is None
    assert deadline.text == "7 tháng cuối năm"


def test_year_less_phrases_use_the_issue_date():
    issued = dt.date(2021, 6, 25)
    assert find_deadline("7 tháng cuối năm", issued_on=issued).date == dt.date(2021, 12, 31)
    assert find_deadline("trong tháng 7", issued_on=issued).date == dt.date(2021, 7, 31)
    assert find_deadline("trong quý III", issued_on=issued).date == dt.date(2021, 9, 30)
    assert find_deadline("xong trước ngày 15/8", issued_on=issued).date == dt.date(2021, 8, 15)
    # A day already past at issue time is next year's.
    assert find_deadline("trước ngày 15/01", issued_on=dt.date(2021, 12, 1)).date == dt.date(2022, 1, 15)


def test_year_less_phrase_without_issue_date_is_recognised_but_undated():
    deadline = find_deadline("trong tháng 7")
    assert deadline is not None and deadline.date is None and deadline.text == "trong tháng 7"


def test_nfd_and_upper_case_input():
    phrase = unicodedata.normalize("NFD", "XONG TRƯỚC NGÀY 30/6/2021")
    deadline = find_deadline(phrase)
    assert deadline.date == dt.date(2021, 6, 30)
    assert deadline.text == "XONG TRƯỚC NGÀY 30/6/2021"  # NFC-normalised


def test_impossible_dates_and_fractions_are_not_deadlines():
    assert find_deadline("trước ngày 31/2/2021") is None
    assert find_deadline("trong 2/3 số hộ gia đình", issued_on=dt.date(2022, 1, 1)) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("31/7/2021", dt.date(2021, 7, 31)),
        ("tháng 8/2021", dt.date(2021, 8, 31)),
        ("năm 2021", dt.date(2021, 12, 31)),
    ],
)
def test_parse_deadline_accepts_bare_dates(phrase, expected):
    assert parse_deadline(phrase).date == expected


@pytest.mark.parametrize("phrase", ["", "sớm nhất có thể", "ngày 21/6/2021 của Tỉnh ủy", "31/2/2021"])
def test_parse_deadline_rejects_other_text(phrase):
    with pytest.raises(DeadlineParseError, match="Không nhận ra thời hạn"):
        parse_deadline(phrase)
    assert issubclass(DeadlineParseError, ValueError)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)), st.booleans())
def test_any_valid_date_round_trips(day, zero_padded):
    pattern = "{:02d}/{:02d}/{}" if zero_padded else "{}/{}/{}"
    numeric = pattern.format(day.day, day.month, day.year)
    assert parse_deadline(f"trước ngày {numeric}").date == day
    assert parse_deadline(f"xong trước ngày {day.day:02d} tháng {day.month:02d} năm {day.year}").date == day
    assert find_deadline(f"Báo cáo kết quả về UBND huyện trước {numeric}.").date == day


@given(st.text(max_size=200))
def test_find_deadline_never_crashes(text):
    found = find_deadline(text)
    assert found is None or isinstance(found, Deadline)
