"""Inline formatting as numbered placeholders inside a segment, as Okapi and po4a do.

``<1>粗体</1>`` is a paired code (bold, italics, a link) around the words it marks; ``<2/>`` a standalone
one (a footnote mark, an image, a line break, inline code). Codes are numbered from 1 in each segment,
so a sentence reads the same wherever it stands; the catalog entry names what each one is
(``#. placeholders: <1>…</1> bold, <2/> footnote mark``). The translation must keep every code of the
source, paired codes nested as they were; text that merely looks like a code is left as text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

PLACEHOLDER = re.compile(r"<(/?)([1-9][0-9]{0,2})(/?)>")


@dataclass(frozen=True)
class Code:
    """One inline code of a block: a label for the translator and what the format needs to rebuild it."""

    label: str
    data: object
    paired: bool


@dataclass
class Tagged:
    """A paired code and the content it encloses, in a parsed placeholder text."""

    id: int
    children: list["Node"] = field(default_factory=list)


@dataclass(frozen=True)
class Standalone:
    id: int


Node = str | Tagged | Standalone


@dataclass(frozen=True)
class Literal:
    """Source text that reads as a code (``&lt;1&gt;`` in a page): kept as a standalone code of its own,
    so that it cannot be taken for one of the block's codes, and written back as the text it is."""

    text: str


class InlineBuilder:
    """Collects a block's text and inline codes into one placeholder text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.codes: dict[int, Code] = {}
        self._pending: list[str] = []  # text since the last code, checked for lookalikes once complete

    def text(self, text: str) -> None:
        self._pending.append(text)

    def open(self, label: str, data: object) -> int:
        self._flush()
        number = self._add(Code(label, data, paired=True))
        self.parts.append(f"<{number}>")
        return number

    def close(self, number: int) -> None:
        self._flush()
        self.parts.append(f"</{number}>")

    def standalone(self, label: str, data: object) -> None:
        self._flush()
        self._standalone(label, data)

    def _standalone(self, label: str, data: object) -> None:
        number = self._add(Code(label, data, paired=False))
        self.parts.append(f"<{number}/>")

    def _flush(self) -> None:
        """The text since the last code, a lookalike in it (even one split over runs) made a Literal code."""
        text = "".join(self._pending)
        self._pending = []
        position = 0
        for match in PLACEHOLDER.finditer(text):
            self.parts.append(text[position:match.start()])
            self._standalone(f"the text {match.group(0)} (not a code)", Literal(match.group(0)))
            position = match.end()
        self.parts.append(text[position:])

    def _add(self, code: Code) -> int:
        number = len(self.codes) + 1
        self.codes[number] = code
        return number

    @property
    def placeholder_text(self) -> str:
        self._flush()
        return "".join(self.parts)


def tokens(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(kind, number, start, end) of each placeholder: kind is "open", "close" or "standalone"."""
    for match in PLACEHOLDER.finditer(text):
        closing, number, selfclosing = match.groups()
        if closing and selfclosing:
            continue
        kind = "close" if closing else "standalone" if selfclosing else "open"
        yield kind, int(number), match.start(), match.end()


def parse(text: str, codes: dict[int, Code]) -> list[Node]:
    """The tree of a placeholder text, tolerant of a translator's slips: codes the block does not have
    stay as text (and so does a Literal code), a closing code with no opening one is dropped, an unclosed one closes at the end."""
    root = Tagged(0)
    stack = [root]
    position = 0

    def add_text(piece: str) -> None:
        if not piece:
            return
        children = stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += piece
        else:
            children.append(piece)

    for kind, number, start, end in tokens(text):
        add_text(text[position:start])
        position = end
        code = codes.get(number)
        if code is None or code.paired != (kind != "standalone"):
            add_text(text[start:end])
        elif kind == "standalone" and isinstance(code.data, Literal):
            add_text(code.data.text)
        elif kind == "standalone":
            stack[-1].children.append(Standalone(number))
        elif kind == "open":
            node = Tagged(number)
            stack[-1].children.append(node)
            stack.append(node)
        elif any(node.id == number for node in stack[1:]):
            while stack.pop().id != number:
                pass
    add_text(text[position:])
    return root.children


def renumber(text: str) -> tuple[str, dict[int, int]]:
    """A segment's text with its codes numbered from 1 in order of appearance, and the map back
    (segment number → block number)."""
    local: dict[int, int] = {}

    def replace(match: re.Match) -> str:
        closing, number, selfclosing = match.groups()
        block_number = int(number)
        if block_number not in local:
            local[block_number] = len(local) + 1
        return f"<{closing}{local[block_number]}{selfclosing}>"

    renumbered = PLACEHOLDER.sub(replace, text)
    return renumbered, {segment: block for block, segment in local.items()}


def restore(text: str, back: dict[int, int]) -> str:
    """A segment's text (source or translation) with its codes numbered as in the block again."""
    def replace(match: re.Match) -> str:
        closing, number, selfclosing = match.groups()
        block_number = back.get(int(number))
        return match.group(0) if block_number is None else f"<{closing}{block_number}{selfclosing}>"

    return PLACEHOLDER.sub(replace, text)


def balance(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans adjusted so that no code is cut: closing codes and standalone ones (a footnote
    mark) right after a sentence's end go with it; a sentence that leaves a code open takes the next."""
    adjusted: list[tuple[int, int]] = []
    for start, end in spans:
        lead = _LEADING.match(text, start, end)
        if adjusted and lead and lead.end() > start:
            adjusted[-1] = (adjusted[-1][0], lead.end())
            start = lead.end()
            while start < end and text[start].isspace():
                start += 1
        if start >= end:
            continue
        if adjusted and not is_balanced(text[adjusted[-1][0]:adjusted[-1][1]]):
            adjusted[-1] = (adjusted[-1][0], end)
        else:
            adjusted.append((start, end))
    return adjusted


# closing codes, standalone ones and footnote marks (<3>1</3>, <3>[2]</3>, <3>*</3>)
_LEADING = re.compile(r"(?:</[1-9][0-9]{0,2}>|<[1-9][0-9]{0,2}/>|<([1-9][0-9]{0,2})>[\d\[\]*†‡§]{1,4}</\1>)+")


def is_balanced(text: str) -> bool:
    """Every paired code opened in ``text`` is closed in it, inner ones first, and none is closed unopened."""
    return _nesting(text) is None


def strip(text: str) -> str:
    """The text without its placeholders."""
    return PLACEHOLDER.sub("", text)


def describe(codes: dict[int, Code], back: dict[int, int]) -> str:
    """What a segment's codes stand for, for the entry's comment: ``<1>…</1> bold, <2/> footnote mark``."""
    described = []
    for segment_number, block_number in sorted(back.items()):
        code = codes[block_number]
        shown = f"<{segment_number}>…</{segment_number}>" if code.paired else f"<{segment_number}/>"
        described.append(f"{shown} {code.label}")
    return ", ".join(described)


def outer_codes(text: str) -> tuple[str, tuple[int, ...]]:
    """Strip paired codes that enclose the whole text (a heading set all in bold): they stay in the
    document, not in the catalog. Returns the inner text and the stripped codes, outermost first."""
    outer: list[int] = []
    while True:
        match = re.fullmatch(r"<([1-9][0-9]{0,2})>(.*)</\1>", text, re.S)
        if not match or not _balanced_inside(match.group(2), int(match.group(1))):
            return text, tuple(outer)
        outer.append(int(match.group(1)))
        text = match.group(2)


def _balanced_inside(inner: str, number: int) -> bool:
    """True when ``number`` is not closed and reopened inside ``inner`` (``<1>a</1>b<1>c</1>``)."""
    return not any(n == number for _, n, _, _ in tokens(inner))


def wrap(text: str, outer: tuple[int, ...]) -> str:
    for number in reversed(outer):
        text = f"<{number}>{text}</{number}>"
    return text


def problems(source: str, translation: str) -> list[str]:
    """How a translation's placeholders differ from its source's, as messages for the translator."""
    wanted, found = _inventory(source), _inventory(translation)
    messages = []
    for shown in wanted:
        if shown not in found:
            where = "at the place it marks" if shown.endswith("/>") else "around the words it marks"
            messages.append(f"placeholder {shown} of the source is missing: put it {where}, or the document "
                            "loses that formatting")
    for shown in found:
        if shown not in wanted:
            messages.append(f"placeholder {shown} is not in the source: remove it")
    if not messages:
        for shown in wanted:
            if wanted[shown] != found[shown]:
                messages.append(f"placeholder {shown} occurs {found[shown]} times, {wanted[shown]} in the source")
    if not messages and _nesting(translation) is not None:
        messages.append(f"placeholders {_nesting(translation)} overlap: close the inner one first, as the source does")
    return messages


def _inventory(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    opened: set[int] = set()
    for kind, number, _, _ in tokens(text):
        if kind == "standalone":
            shown = f"<{number}/>"
        elif kind == "open":
            opened.add(number)
            shown = f"<{number}>…</{number}>"
        elif number in opened:
            continue  # counted with its opening code
        else:
            shown = f"</{number}>"
        counts[shown] = counts.get(shown, 0) + 1
    return counts


def _nesting(text: str) -> str | None:
    """The first pair of overlapping or unclosed codes (``<1>…<2>…</1>…</2>``), shown, or None."""
    stack: list[int] = []
    for kind, number, _, _ in tokens(text):
        if kind == "open":
            stack.append(number)
        elif kind == "close":
            if not stack or stack[-1] != number:
                inner = stack[-1] if stack else number
                return f"<{inner}> and <{number}>"
            stack.pop()
    return f"<{stack[-1]}> (unclosed)" if stack else None
