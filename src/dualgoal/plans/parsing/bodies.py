"""Responsible bodies: splitting lists of organisation names and reading "X chủ trì, phối hợp với Y".

Commas separate names but also occur inside them ("Đội Quản lý trật tự giao thông, xây dựng, môi trường
huyện", "UBND các xã, thị trấn"), and "và" both joins two names and belongs to names ("Phòng Tài nguyên và
Môi trường"). Only the caller knows the organisations, so splitting asks the `is_known` callback, trying the
longest run of pieces first. When nothing is known a layout heuristic takes over: a piece that does not
start like an organisation ("thị trấn", "Môi trường") continues the previous name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .text import capitalise_first, fold, split_sentences, squash, strip_trailing_punctuation

IsKnown = Callable[[str], bool]

# Phrases that name no particular body; they are neither leads nor unresolved names.
GENERIC_PHRASES = frozenset(
    fold(phrase)
    for phrase in (
        "các cơ quan liên quan",
        "các cơ quan, đơn vị liên quan",
        "các cơ quan, đơn vị",
        "các đơn vị liên quan",
        "các ngành liên quan",
        "các cơ quan, ban, ngành liên quan",
        "các ban, ngành, đoàn thể",
        "các ban, ngành",
        "các sở, ngành",
        "các sở ngành",
        "các sở, ngành liên quan",
        "các cấp, các ngành",
        "UBND các cấp",
        "chính quyền các cấp",
        "các cấp",
        "các ngành",
        "các địa phương",
        "địa phương",
        "cơ quan chức năng",
        "các cơ quan chức năng",
        "chủ đầu tư",
        "các chủ đầu tư",
        "nhà thầu",
        "các nhà thầu",
        "đơn vị thi công",
        "các đơn vị thi công",
        "doanh nghiệp",
        "các doanh nghiệp",
        "nhân dân",
        "người dân",
        "các hộ gia đình",
        "gia đình",
        "các lực lượng",
    )
)

# Folded openings of organisation names; used only when the callback does not know a name.
_BODY_HEADS = tuple(
    fold(head) + " "  # fold() trims the spaces and line breaks around each head
    for head in """
    Phòng, Ban, Trung tâm, UBND, Ủy ban, Uỷ ban, HĐND, Công an, Đội, Văn phòng, Huyện đoàn,
    Huyện ủy, Huyện uỷ, Đảng ủy, Đảng uỷ, Trạm, Chi cục, Hạt, Bảo hiểm, Kho bạc, Chi nhánh,
    Thanh tra, Tòa án, Viện kiểm sát, Liên đoàn, Mặt trận, Trường, Bệnh viện, Đài, BCĐ, BCD, BCH,
    Các tổ chức, Các hội, Các đoàn thể, Các cơ quan, Các đơn vị, Các phòng, Các ban, Các trường,
    Các xã, Các thôn, Các trạm, Tổ Covid, Tổ dân phố, Tổ công tác, Tổ tự quản, Thôn, Hội Nông dân,
    Hội Liên hiệp, Hội Phụ nữ, Hội Cựu chiến binh, Hội Chữ thập đỏ, Hội Người cao tuổi,
    Đoàn Thanh niên, Đoàn TNCS, Công đoàn, Chi đoàn, Sở, Bưu điện, Điện lực, Ngân hàng, Chủ tịch,
    Thủ trưởng, MTTQ
""".strip()
    .replace("\n", " ")
    .split(",")
)

# Words that end a support list written in free text ("… phối hợp với Y đôn đốc …"). Matched in lower case
# only: names capitalise their first content word ("Ban Chỉ đạo", "Ban Quản lý"), sentences do not.
_STOP_WORDS = (
    r"để|nhằm|thực hiện|(?<!các )tổ chức|đôn đốc|triển khai|xây dựng|rà soát|kiểm tra|tham mưu|hướng dẫn|"
    r"theo dõi|đảm bảo|bảo đảm|tuyên truyền|chỉ đạo|giám sát|báo cáo|tổng hợp|vận động|xử lý|quản lý|lập|"
    r"cập nhật|chuẩn bị|duy trì|phun|khắc phục|thu gom|kịp thời|trong|tại|về|thường xuyên|hằng|hàng|"
    r"định kỳ|trước|xong|hoàn thành|chủ động|tăng cường|đẩy mạnh|tập trung|giải quyết|điều tra|truy vết|"
    r"vệ sinh|tiêu diệt|diệt|phát hiện|cung cấp|hỗ trợ|đánh giá|đề xuất|trình|ban hành|nắm|bố trí|"
    r"huy động|tiếp nhận|phân công|đón|cấp|điều chỉnh|đối với|theo|khi|nếu|sẵn sàng|thẩm định|ứng phó|"
    r"cứu hộ|sơ tán"
)
_STOP = re.compile(r"(?<!\w)(?:" + _STOP_WORDS + r")(?!\w)")
_SEPARATOR = re.compile(r"\s*;\s*|\s*,\s*|\s+(?:và|&)\s+", re.IGNORECASE)
_HARD_STOP = re.compile(r"[;:(]|\.(?:\s|$)")
_ROLE_WORDS = re.compile(
    r"(?<!\w)(?:thủ trưởng|chủ tịch|giám đốc|lãnh đạo|người đứng đầu|trưởng các)\s+", re.IGNORECASE
)
_LEAD_PREFIX = re.compile(
    r"^(?:giao(?:\s+cho)?|đề\s+nghị|yêu\s+cầu|các\s+cơ\s+quan\s*:|các\s+đơn\s+vị\s*:)\s*", re.IGNORECASE
)
_CHU_TRI = re.compile(r"(?<!\w)chủ\s+trì(?!\w)", re.IGNORECASE)
_PHOI_HOP_VOI = re.compile(
    r"(?<!\w)(?:và\s+)?phối\s+hợp(?:\s+(?:chặt\s+chẽ|tốt|thường\s+xuyên))?\s+(?:với|cùng)\s+", re.IGNORECASE
)


def is_generic(name: str) -> bool:
    """True for phrases such as "các cơ quan liên quan" that point at nobody in particular."""
    return fold(name) in GENERIC_PHRASES


def looks_like_body(name: str) -> bool:
    """True when a name starts like an organisation ("Phòng …", "Trung tâm …", "UBND …")."""
    folded = fold(name) + " "
    return folded.startswith(_BODY_HEADS)


def tidy_name(name: str) -> str:
    """Canonical display form of a name read from the text: trimmed, single-spaced, capitalised."""
    return capitalise_first(strip_trailing_punctuation(squash(name)))


@dataclass
class Names:
    """Names read from a list, and those the callback did not know (reported, never dropped)."""

    names: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def add(self, raw: str, is_known: IsKnown, *, keep_generic: bool = False) -> None:
        name = tidy_name(raw)
        if not name:
            return
        if is_known(name):
            known = True
        elif is_generic(name):
            if not keep_generic:
                return
            known = True
        else:
            known = False
        if fold(name) not in {fold(existing) for existing in self.names}:
            self.names.append(name)
        if not known and fold(name) not in {fold(existing) for existing in self.unresolved}:
            self.unresolved.append(name)


def _pieces(text: str) -> tuple[list[str], list[str]]:
    pieces, seps, position = [], [], 0
    for match in _SEPARATOR.finditer(text):
        pieces.append(text[position : match.start()])
        seps.append(match.group().strip())
        position = match.end()
    pieces.append(text[position:])
    return pieces, seps


def _join(pieces: list[str], seps: list[str], start: int, end: int) -> str:
    out = pieces[start].strip()
    for index in range(start, end):
        sep = seps[index]
        glue = ", " if sep == "," else "; " if sep == ";" else f" {sep} "
        out += glue + pieces[index + 1].strip()
    return out


def split_names(text: str, is_known: IsKnown, *, keep_generic: bool = False) -> Names:
    """Split an explicit list of names ("A, B; C và D") whose end is known (a heading, a subject)."""
    result = Names()
    pieces, seps = _pieces(squash(text))
    count, start = len(pieces), 0
    while start < count:
        if not pieces[start].strip():
            start += 1
            continue
        end = None
        # Longest run of pieces the callback (or the generic list) recognises; never across ";".
        for candidate_end in range(count - 1, start - 1, -1):
            if ";" in seps[start:candidate_end]:
                continue
            candidate = _join(pieces, seps, start, candidate_end)
            if is_known(tidy_name(candidate)) or is_generic(candidate):
                end = candidate_end
                break
        if end is None:
            # Unknown name: continue over pieces that do not look like the start of another body.
            end = start
            while end + 1 < count and seps[end] != ";" and not _starts_new_name(pieces[end + 1], is_known):
                end += 1
        result.add(_join(pieces, seps, start, end), is_known, keep_generic=keep_generic)
        start = end + 1
    return result


def _starts_new_name(piece: str, is_known: IsKnown) -> bool:
    piece = piece.strip()
    return bool(piece) and (looks_like_body(piece) or is_known(tidy_name(piece)))


def read_names(text: str, is_known: IsKnown) -> Names:
    """Read the names that open free text ("Y, Z đôn đốc …") and stop where the sentence goes on.

    Known names are matched longest first at word boundaries; an unknown name runs to the next stop word
    and is kept only if it looks like an organisation, so ordinary words never become "unresolved bodies".
    """
    result = Names()
    hard = _HARD_STOP.search(text)
    text = squash(text[: hard.start()] if hard else text)
    position = 0
    while position < len(text):
        rest = text[position:]
        words = [match.end() for match in re.finditer(r"[^\s,]+", rest)][:24]
        taken = None
        for end in reversed(words):
            candidate = rest[:end]
            if is_known(tidy_name(candidate)) or is_generic(candidate):
                taken = end
                break
        if taken is None:
            # Unknown name: it runs to the next stop word, or to a separator followed by another body.
            stop = _STOP.search(rest)
            limit = stop.start() if stop else len(rest)
            taken = limit
            for separator in _SEPARATOR.finditer(rest[:limit]):
                if looks_like_body(rest[separator.end() : limit]):
                    taken = separator.start()
                    break
            if not looks_like_body(rest[:taken]):
                break
        result.add(rest[:taken], is_known)
        position += taken
        separator = re.match(r"\s*(?:,|;|\s(?:và|&)\s)\s*", text[position:], re.IGNORECASE)
        if separator is None:
            break
        position += separator.end()
    return result


@dataclass
class Responsibility:
    """Who leads and who supports, read from one sentence. `lead` is None when the sentence has no
    subject ("Chủ trì, phối hợp với …" under a body's heading): the heading's bodies lead then."""

    lead: list[str] | None
    support: list[str]
    unresolved: list[str]


def find_responsibility(text: str, is_known: IsKnown) -> Responsibility | None:
    """Read "X chủ trì, phối hợp với Y, Z …", "Giao X chủ trì …", "X phối hợp với Y …" from a task text.

    Each sentence is tried in turn; the first one with a responsibility phrase wins.
    """
    for sentence in split_sentences(squash(text)):
        found = _responsibility_in(sentence, is_known)
        if found is not None:
            return found
    return None


def _responsibility_in(sentence: str, is_known: IsKnown) -> Responsibility | None:
    chu_tri = _CHU_TRI.search(sentence)
    phoi_hop = _PHOI_HOP_VOI.search(sentence)
    if chu_tri is None and phoi_hop is None:
        return None
    candidates = [match for match in (chu_tri, phoi_hop) if match is not None]
    anchor = min(candidates, key=lambda match: match.start())
    subject = _LEAD_PREFIX.sub("", sentence[: anchor.start()].strip()).strip(" ,;:")
    unresolved: list[str] = []
    lead: list[str] | None = None
    if subject:
        if not (looks_like_body(subject) or is_known(tidy_name(subject)) or _first_known(subject, is_known)):
            return None  # "Tăng cường … chủ trì" is no responsibility sentence
        names = split_names(subject, is_known)
        stop = _STOP.search(subject)
        if names.unresolved and stop:
            # "UBND các xã, thị trấn chủ động rà soát, phối hợp với …": the subject ends at the verb.
            shorter = split_names(subject[: stop.start()], is_known)
            if shorter.names and len(shorter.unresolved) <= len(names.unresolved):
                names = shorter
        lead, unresolved = names.names, list(names.unresolved)
    support: list[str] = []
    if phoi_hop is not None and phoi_hop.start() >= anchor.start():
        names = read_names(sentence[phoi_hop.end() :], is_known)
        support = [name for name in names.names if fold(name) not in {fold(x) for x in lead or []}]
        unresolved += [name for name in names.unresolved if name not in unresolved]
    return Responsibility(lead=lead or None, support=support, unresolved=unresolved)


def _first_known(subject: str, is_known: IsKnown) -> bool:
    pieces, _ = _pieces(subject)
    return bool(pieces) and is_known(tidy_name(pieces[0]))


_HEADING_PREFIX = re.compile(
    r"^(?:(?:các|những)\s+(?:cơ\s+quan|đơn\s+vị|ngành)[^:]{0,40}:|trách\s+nhiệm\s+của|đề\s+nghị|giao)\s*",
    re.IGNORECASE,
)
_HEADING_CUT = re.compile(
    r"(?<!\w)(?:chủ\s+trì|phối\s+hợp|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|thực\s+hiện)(?!\w)|[:(]|\.(?:\s|$)",
    re.IGNORECASE,
)


@dataclass
class HeadingBodies:
    """Bodies named by a numbered heading of the organisation section, and what follows the names."""

    names: list[str]
    unresolved: list[str]
    rest: str


def heading_bodies(heading: str, is_known: IsKnown) -> HeadingBodies | None:
    """Read "5. Phòng TN&MT; Trung tâm PTQĐ, Đội …" or "12. Đề nghị Ban Tuyên giáo … phối hợp …".

    Returns None when the heading does not open with an organisation ("Trách nhiệm chung").
    """
    body = _HEADING_PREFIX.sub("", squash(heading))
    cut = _HEADING_CUT.search(body)
    names_text = body[: cut.start()] if cut else body
    rest = body[cut.start() :].strip(" :") if cut else ""
    names_text = strip_trailing_punctuation(names_text)
    if not names_text:
        return None
    pieces, _ = _pieces(names_text)
    if not (looks_like_body(pieces[0]) or is_known(tidy_name(pieces[0])) or is_known(tidy_name(names_text))):
        return None
    names = split_names(names_text, is_known)
    if not names.names:
        return None
    return HeadingBodies(names=names.names, unresolved=names.unresolved, rest=rest)


def addressees(subject: str, is_known: IsKnown) -> Names:
    """Who must act, from "Thủ trưởng các cơ quan, đơn vị và Chủ tịch UBND các xã, thị trấn …".

    Role words ("Thủ trưởng", "Chủ tịch") are dropped so the names are organisations; generic groups are
    kept here because they are exactly who owes the sub-plan.
    """
    return split_names(_ROLE_WORDS.sub("", subject), is_known, keep_generic=True)
