"""Target figures in task texts: "750 tỷ đồng", "giải ngân 100% kế hoạch vốn", "giảm 10%"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import squash

# Units worth tracking as a target. Counts such as "3 xã" or "01 doanh nghiệp" are descriptions, not goals.
_UNITS = r"%|tỷ\s+đồng|triệu\s+đồng|nghìn\s+đồng|ngàn\s+đồng|đồng|ha|km|m2|m²|tấn"
# Not preceded by a digit, "/", "." or a letter, so parts of dates ("21/6/2021") and codes ("ĐH.5B") are
# never read as figures.
_FIGURE = re.compile(
    r"(?<![\w/.,])(?P<value>\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(?P<unit>" + _UNITS + r")(?!\w)",
    re.IGNORECASE,
)
_WORDS_BEFORE = 10  # Vietnamese words are syllables: "kế hoạch thu tiền sử dụng đất" is six
_WORDS_AFTER = 8


@dataclass(frozen=True)
class Target:
    """A target figure: numeric value, unit ("%", "tỷ đồng") and the phrase around it for display."""

    value: int | float
    unit: str
    text: str

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "unit": self.unit, "text": self.text}


def _number(raw: str) -> int | float:
    """Vietnamese numbers: "." groups thousands ("1.200"), "," is the decimal mark ("1,5")."""
    if "," in raw:
        return float(raw.replace(".", "").replace(",", "."))
    return int(raw.replace(".", ""))


def find_target(text: str) -> Target | None:
    """The first target figure in a task text, with a few words of its clause as context, or None."""
    text = squash(text.replace("\n", " "))
    match = _FIGURE.search(text)
    if match is None:
        return None
    unit = squash(match["unit"]).lower()
    # Context: the clause around the figure (between , ; : or sentence ends), at most a few words each side.
    clause_start = max(text.rfind(mark, 0, match.start()) for mark in (",", ";", ":", ". ")) + 1
    ends = (text.find(mark, match.end()) for mark in (",", ";", ":", ". ", "("))
    clause_ends = [pos for pos in ends if pos != -1]
    clause_end = min(clause_ends) if clause_ends else len(text)
    before = text[clause_start : match.start()].split()[-_WORDS_BEFORE:]
    after = text[match.end() : clause_end].rstrip(" .").split()[:_WORDS_AFTER]
    phrase = " ".join([*before, match.group().strip(), *after])
    return Target(value=_number(match["value"]), unit=unit, text=phrase)
