"""parse_plan: a Vietnamese plan text -> sections, tasks with lead/support bodies, deadlines and targets.

Pipeline: normalise -> cut off "Nơi nhận"/signature -> header block and title -> opening paragraphs (cited
documents) -> blocks -> section tree -> tasks. Tasks come from "-" bullets, or from a section's body when
it has no bullets, or from the heading itself when an item is a whole sentence ("2.5. Tổ chức kỳ thi …").
Lead bodies come from an explicit "X chủ trì, phối hợp với Y" sentence, else from the nearest heading of
the organisation section ("III. TỔ CHỨC THỰC HIỆN") that names bodies. Closing paragraphs ("Thủ trưởng các
cơ quan … xây dựng kế hoạch … xong trước ngày …; Giao X chủ trì …") give the sub-plan requirement and
coordination tasks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .blocks import Block, SectionNode, build_blocks, build_sections, section_title
from .bodies import IsKnown, Names, addressees, find_responsibility, heading_bodies, tidy_name
from .deadlines import Deadline, find_deadline
from .header import find_cited, find_doc_type, find_tail, parse_header, parse_signature, read_title
from .model import ParsedPlan, ParsedSection, ParsedTask, PlanParseError
from .targets import Target, find_target
from .text import fold, normalise, split_sentences, squash, strip_markup

MESSAGE_EMPTY = "Tệp không có nội dung."
MESSAGE_BINARY = "Tệp không đọc được như văn bản (có thể là tệp nhị phân hoặc sai bảng mã)."
MESSAGE_NO_STRUCTURE = "Không tìm thấy cấu trúc kế hoạch (mục I., II. …) trong văn bản."

# Parts that explain the plan rather than assign work: their paragraphs are not tasks.
_NON_TASK_TITLES = (
    *("muc dich", "yeu cau", "muc tieu", "quan diem", "can cu", "co so", "su can thiet"),
    *("tinh hinh", "ket qua", "danh gia", "kinh phi"),
)
_ORGANISATION_TITLES = ("to chuc thuc hien", "trach nhiem thuc hien", "phan cong nhiem vu", "phan cong thuc")
_CLOSING = re.compile(r"^(?:thủ trưởng|yêu cầu|trên đây|trong quá trình)\b|kế hoạch này", re.IGNORECASE)
_SUBPLAN = re.compile(r"(?:xây dựng|ban hành)\s+kế\s+hoạch", re.IGNORECASE)
_SUBJECT_END = re.compile(r"\s+(?:căn cứ|khẩn trương|chủ động|xây dựng|ban hành|có trách nhiệm)\b", re.I)
_SENT_TO = re.compile(
    r"gửi\s+về\s+(?P<to>[^);.]+?)(?:\s+(?:trước|để|qua)\b|[);]|\.(?:\s|$)|$)",
    re.IGNORECASE,
)
_SEGMENT_WORD = re.compile(r"[^\W\d_]+")


def _is_non_task(node: SectionNode) -> bool:
    return any(fold(section_title(n.heading)).startswith(_NON_TASK_TITLES) for n in node.ancestors())


def _in_organisation_section(node: SectionNode) -> bool:
    titles = (fold(section_title(n.heading)) for n in node.ancestors())
    return any(key in title for title in titles for key in _ORGANISATION_TITLES)


@dataclass
class _Context:
    is_known: IsKnown
    reference: dt.date | None  # resolves year-less deadlines: the issue date, else the latest cited date
    unresolved: list[str] = field(default_factory=list)

    def report(self, names: list[str]) -> None:
        for name in names:
            if fold(name) not in {fold(existing) for existing in self.unresolved}:
                self.unresolved.append(name)


def parse_plan(text: str, *, is_known_body: IsKnown) -> ParsedPlan:
    """Parse a plan text. Raises PlanParseError (a ValueError) with a Vietnamese message on bad input.

    `is_known_body(name)` says whether a name is an organisation the caller knows (by name or alias); it
    drives how comma-separated lists are split, and unknown names are listed in `unresolved`.
    """
    if "\x00" in (text or "") or (text or "").count("\ufffd") > 20:
        raise PlanParseError(MESSAGE_BINARY)
    text = strip_markup(normalise(text))
    if not text.strip():
        raise PlanParseError(MESSAGE_EMPTY)
    lines = text.split("\n")

    plan = ParsedPlan()
    doc_type = find_doc_type(lines)
    start = 0
    if doc_type is not None:
        header = parse_header(lines[:doc_type])
        plan.issuer, plan.issuer_lines, plan.number = header.issuer, header.issuer_lines, header.number
        plan.place, plan.issued_on = header.place, header.issued_on
        plan.title, start = read_title(lines, doc_type)
    tail = start + find_tail(lines[start:])
    signature = parse_signature(lines[tail:])
    plan.signer_title, plan.signer_name = signature.title, signature.name

    blocks = build_blocks(lines[start:tail])
    first_heading = next((i for i, block in enumerate(blocks) if block.kind in ("part", "item")), None)
    if first_heading is None:
        raise PlanParseError(MESSAGE_NO_STRUCTURE)
    preamble, blocks = blocks[:first_heading], blocks[first_heading:]
    if plan.title is None and preamble and not preamble[0].text.lower().startswith(("thực hiện", "căn cứ")):
        plan.title = preamble.pop(0).text  # no "KẾ HOẠCH" line: the first line is the best title there is
    plan.cited = find_cited(" ".join(block.text for block in preamble))

    dates = [doc.date for doc in plan.cited if doc.date]
    context = _Context(is_known=is_known_body, reference=plan.issued_on or (max(dates) if dates else None))
    blocks, closing = _split_closing(blocks)
    nodes = build_sections(blocks)
    plan.sections = [
        ParsedSection(
            code=node.code,
            title=section_title(node.heading),
            parent=node.parent.code if node.parent else None,
            level=node.level,
            heading=node.heading,
        )
        for node in nodes
    ]
    for node in nodes:
        plan.tasks.extend(_section_tasks(node, context))
    if closing:
        _read_closing(closing, nodes, plan, context)
    plan.unresolved = context.unresolved
    return plan


def _split_closing(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """Closing paragraphs follow the last heading and open with "Thủ trưởng …", "Yêu cầu …" or speak of
    "Kế hoạch này"; they belong to the whole plan, not to the last numbered item."""
    last_heading = max(i for i, block in enumerate(blocks) if block.is_heading)
    for index in range(last_heading + 1, len(blocks)):
        if blocks[index].kind == "para" and _CLOSING.search(blocks[index].text):
            return blocks[:index], blocks[index:]
    return blocks, []


# --- tasks of one section ----------------------------------------------------------------------------------


def _section_bodies(node: SectionNode, context: _Context) -> list[str]:
    """Lead bodies named by the nearest heading (this one or an ancestor).

    In the organisation section every heading that opens with bodies counts ("5. Phòng TN&MT; …",
    "12. Đề nghị Ban Tuyên giáo … phối hợp …"). Elsewhere only a heading that is nothing but known names
    ("6. UBND các xã, thị trấn:") does, so "2.1. Các cơ quan … rà soát …" in part II leads nothing.
    """
    in_organisation = _in_organisation_section(node)
    for ancestor in node.ancestors():
        if ancestor.level == 0:
            break
        found = heading_bodies(ancestor.heading, context.is_known)
        if found is None:
            continue
        if not in_organisation and (found.rest or found.unresolved):
            continue
        context.report(found.unresolved)
        return found.names
    return []


def _section_tasks(node: SectionNode, context: _Context) -> list[ParsedTask]:
    if _is_non_task(node):
        return []
    bodies = _section_bodies(node, context)
    heading_deadline = find_deadline(node.heading, issued_on=context.reference) if node.level else None
    bullets = [block for block in node.content if block.kind in ("dash", "plus")]
    paragraphs = [block for block in node.content if block.kind == "para"]
    drafts: list[tuple[str, str | None, Target | None]] = []  # (text, group header, group target)
    if bullets:
        drafts = _bullet_drafts(node.content)
    elif paragraphs and not node.children:
        drafts = [(" ".join(block.text for block in paragraphs), None, None)]
    elif not node.content and not node.children and node.level > 0 and _heading_is_task(node, context):
        drafts = [(node.heading, None, None)]
        heading_deadline = None
    tasks = []
    for text, group, group_target in drafts:
        group_deadline = find_deadline(group, issued_on=context.reference) if group else None
        inherited = group_deadline or heading_deadline
        for segment in _segments(text, context.reference):
            tasks.append(_make_task(node.code, segment, bodies, group, group_target, inherited, context))
    return tasks


def _heading_is_task(node: SectionNode, context: _Context) -> bool:
    """An item with no body is a task when its heading says what to do, not when it only names bodies."""
    if _in_organisation_section(node):
        found = heading_bodies(node.heading, context.is_known)
        if found is not None:
            return len(found.rest.split()) >= 3
    return len(node.heading.split()) >= 6 or find_deadline(node.heading) is not None


def _bullet_drafts(content: list[Block]) -> list[tuple[str, str | None, Target | None]]:
    """Drafts from bullets: "-" bullets are tasks.

    "+" lines right after a bullet that ends with ":" detail that bullet ("- Tập huấn …:" / "+ Đợt 1 …;").
    Otherwise a "+" line ending with ":" or followed by "-" bullets heads a group: context and a shared
    target for the bullets under it, not a task. A paragraph after the first bullet is a task too.
    """
    drafts: list[tuple[str, str | None, Target | None]] = []
    group: str | None = None
    group_target: Target | None = None
    detailing = False  # inside a run of "+" lines that detail the preceding "-" bullet
    for index, block in enumerate(content):
        if block.kind == "plus":
            following = next((b.kind for b in content[index + 1 :] if b.kind in ("dash", "plus")), None)
            if detailing and drafts:
                text, _group, _target = drafts[-1]
                drafts[-1] = (f"{text.rstrip()} {block.text}", _group, _target)
            elif block.text.rstrip().endswith(":") or following == "dash":
                group, group_target = block.text.rstrip(" :"), find_target(block.text)
            else:
                drafts.append((block.text, group, group_target))
            continue
        if block.kind == "dash":
            drafts.append((block.text, group, group_target))
            next_kind = content[index + 1].kind if index + 1 < len(content) else None
            detailing = block.text.rstrip().endswith(":") and next_kind == "plus"
        elif block.kind == "para" and drafts:
            detailing = False
            drafts.append((block.text, group, group_target))
    return drafts


def _segments(text: str, reference: dt.date | None) -> list[str]:
    """Split "A … xong trước 31/7/2021; đoạn B … xong trong năm 2021" into one task per dated segment.

    Parts without a date of their own stay with the dated part they precede (or the last one). Later
    segments get the project name of the first as context ("Dự án … ĐH.5B: đoạn từ …").
    """
    parts = [part.strip() for part in text.split(";") if part.strip()]
    dated = [bool((d := find_deadline(part, issued_on=reference)) and d.date) for part in parts]
    if sum(dated) < 2:
        return [text]
    groups: list[list[str]] = [[]]
    for part, has_date in zip(parts, dated, strict=True):
        groups[-1].append(part)
        if has_date:
            groups.append([])
    if not groups[-1]:
        groups.pop()
    elif len(groups) > 1:
        groups[-2].extend(groups.pop())
    segments = ["; ".join(group) for group in groups]
    first_word = _SEGMENT_WORD.search(segments[1])
    prefix = ""
    if first_word:
        found = re.search(rf"(?<!\w){re.escape(first_word.group())}(?!\w)", segments[0], re.IGNORECASE)
        if found and found.start() > 0:
            prefix = segments[0][: found.start()].rstrip(" :,")
    return [segments[0]] + [f"{prefix}: {segment}" if prefix else segment for segment in segments[1:]]


def _make_task(
    code: str,
    text: str,
    bodies: list[str],
    group: str | None,
    group_target: Target | None,
    inherited: Deadline | None,
    context: _Context,
) -> ParsedTask:
    text = squash(text)
    responsibility = find_responsibility(text, context.is_known)
    lead, support = list(bodies), []
    if responsibility is not None:
        context.report(responsibility.unresolved)
        if responsibility.lead:
            lead = responsibility.lead
        support = responsibility.support
    return ParsedTask(
        section=code,
        text=text,
        lead=lead,
        support=support,
        deadline=find_deadline(text, issued_on=context.reference) or inherited,
        target=find_target(text) or group_target,
        group=group,
    )


# --- closing paragraphs ----------------------------------------------------------------------------------


def _read_closing(
    closing: list[Block],
    nodes: list[SectionNode],
    plan: ParsedPlan,
    context: _Context,
) -> None:
    """Sub-plan requirement and coordination tasks from the paragraphs after the last item."""
    organisation = next((n for n in nodes if n.level == 0 and _in_organisation_section(n)), None)
    code = organisation.code if organisation else nodes[-1].ancestors()[-1].code
    sentences = [sentence for block in closing for sentence in split_sentences(block.text)]
    for index, sentence in enumerate(sentences):
        if plan.subplan_due is None and not plan.subplan_addressees and _SUBPLAN.search(sentence):
            _read_subplan(sentences[index : index + 3], plan, context)
            continue
        responsibility = find_responsibility(sentence, context.is_known)
        if responsibility is not None and responsibility.lead:
            plan.tasks.append(_make_task(code, sentence, [], None, None, None, context))


def _read_subplan(sentences: list[str], plan: ParsedPlan, context: _Context) -> None:
    subject_match = _SUBJECT_END.search(sentences[0])
    subject = sentences[0][: subject_match.start()] if subject_match else ""
    names: Names = addressees(subject, context.is_known) if subject else Names()
    plan.subplan_addressees = names.names
    context.report(names.unresolved)
    for sentence in sentences:
        if find_responsibility(sentence, context.is_known) is not None:
            break  # the next directive ("Giao X chủ trì …") has its own dates
        deadline = find_deadline(sentence, issued_on=context.reference)
        if plan.subplan_due is None and deadline is not None and deadline.date:
            plan.subplan_due = deadline.date
        sent_to = _SENT_TO.search(sentence)
        if plan.subplan_to is None and sent_to:
            plan.subplan_to = tidy_name(sent_to["to"])
            if not context.is_known(plan.subplan_to):
                context.report([plan.subplan_to])
