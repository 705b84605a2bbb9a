"""Small text helpers shared by the plan parser (pure standard library, no Django)."""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_FOLD_DROP = re.compile(r"[^0-9a-z]+")
# A sentence ends at . ! ? followed by a space; it is a real end only when an upper-case letter (or a
# quote/bracket) follows. Abbreviations such as "ĐH.5B" carry no space after the dot, so they never split.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def normalise(text: str) -> str:
    """NFC-normalise and tidy line endings.

    Text exported from old software is often NFD-decomposed; regular expressions written in NFC would
    silently miss "trước" spelt with combining marks, so every entry point normalises first.
    """
    text = unicodedata.normalize("NFC", text or "").translate(_ZERO_WIDTH)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")


def strip_markup(text: str) -> str:
    """Remove markdown emphasis ("**bold**", "*italic*") that copy-paste from web pages leaves behind.

    A "*" at the start of a line followed by a space is a bullet and is kept.
    """
    text = text.replace("**", "").replace("__", "")
    return re.sub(r"(?<!^)\*|\*(?!\s)", "", text, flags=re.M)


def squash(text: str) -> str:
    """Collapse runs of spaces (not newlines) and trim."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case ASCII key without diacritics or punctuation: "Phòng TN&MT" -> "phong tn va mt".

    Used to compare generic phrases and body-name prefixes regardless of spelling variants
    ("Ủy"/"Uỷ", "đ"/"d", "&"/"và").
    """
    text = unicodedata.normalize("NFD", (text or "").replace("&", " và "))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return _FOLD_DROP.sub(" ", text).strip()


def capitalise_first(text: str) -> str:
    """Upper-case only the first character ("các cơ quan" -> "Các cơ quan"), keeping acronyms intact."""
    return text[:1].upper() + text[1:] if text else text


def is_upper_text(text: str) -> bool:
    """True when every letter is upper case (header lines and part titles are written in capitals)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping the final punctuation with each sentence."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end() : match.end() + 2].lstrip('"“(')
        if following[:1].isupper():
            sentences.append(text[start : match.start()].strip())
            start = match.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def strip_trailing_punctuation(text: str) -> str:
    """Drop trailing separators and full stops ("Phòng Nội vụ;" -> "Phòng Nội vụ")."""
    return text.strip().rstrip(" .,;:").strip()
