"""Text folding for search: one function, used for the indexed `*_folded` columns and for queries."""

import re
import unicodedata

from anyascii import anyascii

_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """NFC-normalise and collapse whitespace (Excel and old software often send decomposed Vietnamese)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


def fold(value: str) -> str:
    """Lower-case ASCII form without diacritics: "Nguyễn Văn Đặng" -> "nguyen van dang"."""
    return _SPACES.sub(" ", anyascii(nfc(value)).lower()).strip()


_WORD = re.compile(r"[a-z0-9]+")


def name_words(text: str) -> list[str]:
    """ "Nguyễn Văn Đặng" -> ["nguyen", "van", "dang"]; the same split for stored names and for queries."""
    return _WORD.findall(fold(text))


def name_tails(text: str) -> list[str]:
    """The word-suffixes of a name: ["nguyen van an", "van an", "an"] — one search key per word boundary."""
    return _tails(name_words(text))


def name_search_forms(text: str) -> tuple[str, list[str]]:
    """(fold(text), name_tails(text)), folding once: what a bulk writer of persons derives from each name."""
    folded = fold(text)
    return folded, _tails(_WORD.findall(folded))


def _tails(words: list[str]) -> list[str]:
    # Distinct even when two long suffixes are cut to the same TOKEN_LENGTH characters: a key is (token, person).
    return list(dict.fromkeys(" ".join(words[i:])[:TOKEN_LENGTH] for i in range(len(words))))


TOKEN_LENGTH = 150  # the longest search key (a folded name is at most as long as the name: 150)
