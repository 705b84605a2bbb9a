"""Lines of a plan body grouped into blocks (headings, bullets, paragraphs) and headings into sections.

Numbering follows the usual administrative layout: "I." parts, "1." items, "1.1." (or "1.5 " without the
final dot) sub-items, "a)" letters, "-" bullets and "+" sub-groups. A paragraph that goes on across a blank
line or a page break ("Đẩy mạnh cải cách thủ tục hành" / "" / "chính …") starts with a lower-case letter,
which is how it is rejoined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import squash

_ROMAN = re.compile(r"^(?P<label>[IVX]{1,5})\s*[.)]\s*(?P<rest>\S.*)$")
_SUB = re.compile(r"^(?P<a>\d{1,2})\.(?P<b>\d{1,2})(?:\.(?P<c>\d{1,2}))?\.?\s+(?P<rest>\S.*)$")
_ITEM = re.compile(r"^(?P<a>\d{1,2})\s*[.)]\s+(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?P<a>[a-zđ])\)\s+(?P<rest>\S.*)$")
_DASH = re.compile(r"^[-–—•*]\s*(?P<rest>[^\s\-].*)$")
_PLUS = re.compile(r"^\+\s*(?P<rest>\S.*)$")
_VALID_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

HEADING_KINDS = ("part", "item", "sub", "letter")


@dataclass
class Block:
    """A heading, a bullet or a paragraph. `label` is the numbering ("III", "2", "2.3", "a")."""

    kind: str  # "part" | "item" | "sub" | "letter" | "dash" | "plus" | "para"
    text: str
    label: str = ""

    @property
    def is_heading(self) -> bool:
        return self.kind in HEADING_KINDS


def classify(line: str) -> Block:
    """Recognise the numbering at the start of one stripped line."""
    match = _ROMAN.match(line)
    if match and match["label"] in _VALID_ROMAN:
        return Block("part", match["rest"], match["label"])
    match = _SUB.match(line)
    if match:
        label = ".".join(x for x in (match["a"], match["b"], match["c"]) if x)
        return Block("sub", match["rest"], label)
    match = _ITEM.match(line)
    if match:
        return Block("item", match["rest"], match["a"])
    match = _LETTER.match(line)
    if match:
        return Block("letter", match["rest"], match["a"])
    match = _PLUS.match(line)
    if match:
        return Block("plus", match["rest"])
    match = _DASH.match(line)
    if match:
        return Block("dash", match["rest"])
    return Block("para", line)


def build_blocks(lines: list[str]) -> list[Block]:
    """Group lines into blocks; a line starting in lower case continues the previous block."""
    blocks: list[Block] = []
    for raw in lines:
        line = squash(raw)
        if not line:
            continue
        block = classify(line)
        if block.kind == "para" and blocks and line[:1].islower():
            blocks[-1].text = f"{blocks[-1].text} {line}"
            continue
        blocks.append(block)
    return blocks


@dataclass
class SectionNode:
    """A heading with the blocks that follow it up to the next heading."""

    code: str
    heading: str
    level: int
    parent: SectionNode | None = None
    content: list[Block] = field(default_factory=list)
    children: list[SectionNode] = field(default_factory=list)

    def ancestors(self) -> list[SectionNode]:
        """This node and its parents, nearest first."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


def build_sections(blocks: list[Block]) -> list[SectionNode]:
    """Turn heading blocks into a tree of sections in document order (the list is flat, pre-order)."""
    nodes: list[SectionNode] = []
    codes: set[str] = set()
    # The open heading at each depth: part (0), item (1), sub-item (2), letter (3).
    open_at: dict[int, SectionNode] = {}
    current: SectionNode | None = None
    for block in blocks:
        if not block.is_heading:
            if current is not None:
                current.content.append(block)
            continue
        level = HEADING_KINDS.index(block.kind)
        if block.kind == "sub":
            parent = open_at.get(1) or open_at.get(0)
            prefix = open_at[0].code if 0 in open_at else ""
            code = f"{prefix}.{block.label}" if prefix else block.label
        elif block.kind == "letter":
            parent = open_at.get(2) or open_at.get(1) or open_at.get(0)
            code = f"{parent.code}.{block.label}" if parent else block.label
        else:
            parent = open_at.get(level - 1) if level else None
            code = f"{parent.code}.{block.label}" if parent else block.label
        base, suffix = code, 2
        while code in codes:  # numbering restarted in the text: keep codes unique
            code, suffix = f"{base}-{suffix}", suffix + 1
        codes.add(code)
        node = SectionNode(code=code, heading=block.text, level=level, parent=parent)
        if parent is not None:
            parent.children.append(node)
        nodes.append(node)
        open_at = {depth: value for depth, value in open_at.items() if depth < level}
        open_at[level] = node
        current = node
    return nodes


_TITLE_CUT = re.compile(r"\.\s+(?=[^\W\d_])|:\s+(?=\S)")


def section_title(heading: str) -> str:
    """The heading sentence: "2.3. Tập trung … trọng điểm. Đảm bảo …, trong đó:" -> "Tập trung … trọng điểm".

    A colon only cuts when at least five words precede it, so "Các cơ quan: Phòng Y tế, …" stays whole.
    """
    text = squash(heading)
    for match in _TITLE_CUT.finditer(text):
        head = text[: match.start()]
        if match.group().startswith(".") and text[match.end() : match.end() + 1].isupper():
            return head.strip()
        if match.group().startswith(":") and len(head.split()) >= 5:
            return head.strip()
    return text.rstrip(" .:;")
