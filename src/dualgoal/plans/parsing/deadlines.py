"""Deadline phrases of Vietnamese administrative plans turned into dates or recurrences.

Plans state time limits in a handful of set phrases ("xong trước 31/7/2021", "trong tháng 9/2021",
"quý III/2021", "6 tháng cuối năm 2021", "trước ngày 25 hằng tháng", "thường xuyên"). A date that is not
introduced by such a phrase — the date of a cited document ("Thông báo số 365-TB/TU ngày 21/6/2021"), a start
date ("từ ngày 01/7/2021") — is deliberately not a deadline, so every dated pattern needs a trigger word.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .text import normalise, squash

RECURRENCES = frozenset({"daily", "weekly", "monthly", "continuous"})

__all__ = ["RECURRENCES", "Deadline", "DeadlineParseError", "find_deadline", "parse_deadline"]


class DeadlineParseError(ValueError):
    """The phrase holds no deadline the parser recognises."""


@dataclass(frozen=True)
class Deadline:
    """A task's time limit: a due date, or a recurrence for standing tasks (both may be None if unresolved).

    `text` is the phrase exactly as matched, so a reviewer can see what the date was read from.
    `day_of_month` is set for "trước ngày 25 hằng tháng" (monthly reports due on the 25th).
    """

    date: dt.date | None = None
    recurrence: str | None = None
    text: str = ""
    day_of_month: int | None = None


# --- building blocks -------------------------------------------------------------------------------------

_DONE = r"(?:(?:xong|hoàn\s+thành)\s+)?"  # "xong trước …", "hoàn thành trong …" — kept in the matched text
_PERIOD_TRIGGER = r"(?P<trig>đến\s+hết|đến\s+cuối|trong|cuối|hết|trước|xong|hoàn\s+thành)"
_DATE_TRIGGER = (
    r"(?P<trig>trước|chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|trước))?|hạn\s+chót(?:\s+là)?|đến\s+hết|đến|trong"
    r"|thời\s+gian(?:\s+hoàn\s+thành|\s+thực\s+hiện)?\s*:)"
)
# Year-less dates need a stronger trigger: "trong 2/3 số hộ" is a fraction, not the 2nd of March.
_YEARLESS_TRIGGER = (
    r"(?:(?P<trig>trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|đến\s+hết)\s*(?:ngày\s+)?|trong\s+ngày\s+)"
)
_DMY = r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})(?!\d)"
_DMY_WORDS = r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
_DM = r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/.\-])"  # year-less, resolved against the issue date
_MONTH_YEAR = r"tháng\s+(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)(?P<y>\d{4})(?!\d)"
_MONTH_ONLY = r"tháng\s+(?P<m>\d{1,2})(?![\d/])(?!\s+năm)"
_QUARTER = r"quý\s+(?P<q>IV|I{1,3}|[1-4])(?![\w])(?:(?:\s*/\s*|\s+năm\s+)(?P<y>\d{4}))?"
_MONTHLY_DAY = r"(?:(?:trước|chậm\s+nhất(?:\s+là)?|vào)\s+)?ngày\s+(?P<d>\d{1,2})\s+(?:hằng|hàng|mỗi)\s+tháng"
_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_NUMBER_WORDS = {"ba": 3, "sáu": 6, "chín": 9}

_Builder = Callable[[re.Match[str], dt.date | None], Deadline | None]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _previous_period_end(start: dt.date) -> dt.date:
    """Period end for "trước tháng 9/2021": before September begins, i.e. the last day of August.

    "Trước" with a month, quarter or year means before that period starts."""
    return start - dt.timedelta(days=1)


def _yearless(day: int, month: int, issued_on: dt.date | None) -> dt.date | None:
    """Resolve "trước ngày 25/7" against the issue date; a date already past rolls over to next year."""
    if issued_on is None:
        return None
    candidate = dt.date(issued_on.year, month, day)
    return candidate if candidate >= issued_on else dt.date(issued_on.year + 1, month, day)


def _is_before(match: re.Match[str]) -> bool:
    trig = match.groupdict().get("trig") or ""
    return trig.lower().startswith("trước")


# --- builders: one per pattern; each returns None when the numbers do not make a real date --------------


def _exact(match: re.Match[str], issued_on: dt.date | None) -> Deadline | None:
    year = match.groupdict().get("y")
    day, month = int(match["d"]), int(match["m"])
    when = dt.date(int(year), month, day) if year else _yearless(day, month, issued_on)
    return Deadline(date=when, text=match.group())


def _month(match: re.Match[str], issued_on: dt.date | None) -> Deadline | None:
    month = int(match["m"])
    year = match.groupdict().get("y")
    if not 1 <= month <= 12:
        return None
    if year:
        start = dt.date(int(year), month, 1)
    elif issued_on is not None:
        start = dt.date(issued_on.year, month, 1)
        if _month_end(start.year, month) < issued_on:
            start = dt.date(issued_on.year + 1, month, 1)
    else:
        return Deadline(text=match.group())
    end = _previous_period_end(start) if _is_before(match) else _month_end(start.year, month)
    return Deadline(date=end, text=match.group())


def _quarter(match: re.Match[str], issued_on: dt.date | None) -> Deadline | None:
    label = match["q"].lower()
    quarter = _ROMAN_QUARTERS.get(label) or int(label)
    year = match["y"]
    if not year and not match.groupdict().get("trig"):
        return None  # a bare "quý II" with neither year nor trigger is too weak to be a deadline
    if year:
        start_year = int(year)
    elif issued_on is not None:
        start_year = issued_on.year
    else:
        return Deadline(text=match.group())
    start = dt.date(start_year, 3 * quarter - 2, 1)
    end = _previous_period_end(start) if _is_before(match) else _month_end(start_year, 3 * quarter)
    return Deadline(date=end, text=match.group())


def _year(match: re.Match[str], issued_on: dt.date | None) -> Deadline | None:
    year = int(match["y"])
    end = dt.date(year - 1, 12, 31) if _is_before(match) else dt.date(year, 12, 31)
    return Deadline(date=end, text=match.group())


def _months_of_year(match: re.Match[str], issued_on: dt.date | None) -> Deadline | None:
    """Half-years and the like: "6 tháng đầu năm 2022" ends on 30 June, "N tháng cuối năm" on 31 December."""
    raw = match["n"].lower()
    months = _NUMBER_WORDS.get(raw) or int(raw)
    if not 1 <= months <= 12:
        return None
    year = int(match["y"]) if match["y"] else (issued_on.year if issued_on else None)
    if year is None:
        return Deadline(text=match.group())
    first_half = match["half"].lower() == "đầu"
    end = _month_end(year, months) if first_half else dt.date(year, 12, 31)
    return Deadline(date=end, text=match.group())


def _monthly_day(match: re.Match[str], issued_on: dt.date | None) -> Deadline | None:
    day = int(match["d"])
    if not 1 <= day <= 31:
        return None
    return Deadline(recurrence="monthly", day_of_month=day, text=match.group())


def _recurring(match: re.Match[str], issued_on: dt.date | None) -> Deadline | None:
    unit = match["u"].lower()
    recurrence = {"ngày": "daily", "tuần": "weekly", "tháng": "monthly"}[unit]
    return Deadline(recurrence=recurrence, text=match.group())


def _continuous(match: re.Match[str], issued_on: dt.date | None) -> Deadline | None:
    return Deadline(recurrence="continuous", text=match.group())


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + pattern, re.IGNORECASE)


# (rank, pattern, builder). A lower rank wins when one sentence holds several phrases: a dated limit is
# more useful than "thường xuyên" next to it. Within a rank the leftmost, then the longest, match wins.
_PATTERNS: list[tuple[int, re.Pattern[str], _Builder]] = [
    (0, _compile(_DONE + _DATE_TRIGGER + r"\s*(?:ngày\s+)?" + _DMY), _exact),
    (0, _compile(_DONE + _DATE_TRIGGER + r"\s*ngày\s+" + _DMY_WORDS), _exact),
    (0, _compile(_DONE + _YEARLESS_TRIGGER + _DM), _exact),
    (0, _compile(_DONE + _PERIOD_TRIGGER + r"\s+" + _MONTH_YEAR), _month),
    (0, _compile(_DONE + _PERIOD_TRIGGER + r"\s+" + _MONTH_ONLY), _month),
    (0, _compile(_DONE + r"(?:" + _PERIOD_TRIGGER + r"\s+)?" + _QUARTER), _quarter),
    # Not after "tháng": "6 tháng cuối năm 2022" is the longer period phrase below, not "cuối năm 2022".
    (0, _compile(r"(?<!tháng\s)" + _DONE + _PERIOD_TRIGGER + r"\s+năm\s+(?P<y>\d{4})(?!\d)"), _year),
    # "Tổng kết 6 tháng đầu năm 2022 trước ngày 15/7/2022": the period is what is reviewed, the explicit
    # "trước ngày" is the deadline, so period phrases rank just below explicit dates.
    (
        1,
        _compile(r"(?P<n>\d{1,2}|sáu|ba|chín)\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?:\s+(?P<y>\d{4})(?!\d))?"),
        _months_of_year,
    ),
    (
        2,
        _compile(_MONTHLY_DAY),
        _monthly_day,
    ),
    (
        3,
        _compile(
            r"(?:định\s+kỳ\s+)?(?:(?:vào\s+)?(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s+)?"
            r"(?:hằng|hàng|mỗi)\s+(?P<u>ngày|tuần|tháng)(?!\w)"
        ),
        _recurring,
    ),
    # "chi thường xuyên" is recurrent *expenditure*, not a standing task.
    (4, _compile(r"(?<!chi\s)thường\s+xuyên(?!\w)"), _continuous),
]


def find_deadline(text: str, *, issued_on: dt.date | None = None) -> Deadline | None:
    """Find the deadline phrase inside a longer sentence, or None.

    `issued_on` (the plan's date) resolves phrases without a year ("trước ngày 25/7", "7 tháng cuối năm").
    Without it such phrases are still recognised but carry no date.
    """
    text = squash(normalise(text).replace("\n", " "))
    best: tuple[int, int, int] | None = None
    found: Deadline | None = None
    for rank, pattern, build in _PATTERNS:
        for match in pattern.finditer(text):
            try:
                deadline = build(match, issued_on)
            except ValueError:  # 31/2/2021 and the like: not a date, so not a deadline
                continue
            if deadline is None:
                continue
            # A recognised phrase whose date cannot be resolved ranks below every resolved one.
            effective = rank if deadline.date or deadline.recurrence else 9
            key = (effective, match.start(), -len(match.group()))
            if best is None or key < best:
                best, found = key, deadline
    return found


_BARE_FORMS: list[tuple[re.Pattern[str], _Builder]] = [
    (re.compile(r"(?:ngày\s+)?" + _DMY, re.I), _exact),
    (re.compile(r"ngày\s+" + _DMY_WORDS, re.I), _exact),
    (re.compile(_MONTH_YEAR, re.I), _month),
    (re.compile(r"năm\s+(?P<y>\d{4})", re.I), _year),
]


def parse_deadline(phrase: str, *, issued_on: dt.date | None = None) -> Deadline:
    """Parse a phrase that is meant to be a deadline (e.g. typed in a review form).

    Accepts every form `find_deadline` knows, plus bare dates ("31/7/2021", "tháng 8/2021", "năm 2021").
    Raises DeadlineParseError (a ValueError) when nothing is recognised.
    """
    cleaned = squash(normalise(phrase).replace("\n", " ")).strip(" .;:,")
    found = find_deadline(cleaned, issued_on=issued_on)
    if found is not None:
        return found
    for pattern, build in _BARE_FORMS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        try:
            deadline = build(match, issued_on)
        except ValueError:
            break
        if deadline is not None:
            return deadline
    raise DeadlineParseError(f"Không nhận ra thời hạn trong “{phrase.strip()}”.")
