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
