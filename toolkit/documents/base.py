"""The interface every source format implements, and the segmentation they share.

A format reads a file into blocks (paragraph-level units: a heading, a paragraph, a list item, a table
cell) whose text carries its inline formatting as placeholders, and writes the document back with the
English of each block in place. Everything between (sentence splitting, segment kinds, catalogs,
joining translated sentences) is the same for every format.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from toolkit.documents import placeholders
from toolkit.documents.placeholders import Code
from toolkit.errors import InputError
from toolkit.segment import Paragraph, Segment, SegmentWarning, SourceDocument, ends_sentence, split_segments


CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")


def join_lines(text: str, *, collapse: bool) -> str:
    """A block's source line breaks as a reader sees them: none beside a Chinese character (unless a
    Latin letter is on the other side), a space elsewhere; with ``collapse`` (HTML) every run of
    whitespace is one space. Placeholders do not count as neighbours."""
    out = []
    position = 0
    for match in re.finditer(r"\s+" if collapse else r"[ \t]*\n[ \t]*", text):
        out.append(text[position:match.start()])
        position = match.end()
        if "\n" in match.group(0):
            before = placeholders.strip(text[:match.start()])[-1:] or " "
            after = placeholders.strip(text[match.end():])[:1] or " "
            if (CJK.match(before) or CJK.match(after)) and not (LATIN.match(before) or LATIN.match(after)):
                continue
        out.append(" ")
    out.append(text[position:])
    return "".join(out).strip()


@dataclass
class Block:
    """A paragraph-level unit of a document: its kind, its text with placeholders, where it is, and
    where the format puts its translation (``target``)."""

    text: str
    kind: str
    line: int
    codes: dict[int, Code] = field(default_factory=dict)
    target: object = None
    outer: tuple[int, ...] = ()  # codes around the whole block, left out of the catalog
    running: bool = True  # a paragraph of running text (not a list item or a table cell): it should end a sentence
    back: list[dict[int, int]] = field(default_factory=list)  # per segment: its code numbers → the block's


@dataclass
class Parsed:
    """A document read by a format: its blocks, in document order, and the format's own model of it."""

    path: Path
    blocks: list[Block]
    model: object
    document: SourceDocument


def broken_paragraphs(blocks: list[Block]) -> list[SegmentWarning]:
    """Body paragraphs that stop mid-sentence before another body paragraph: the layout broke them (a
    PDF converted to Word, a page pasted line by line). A document's paragraphs are its own, so they
    are reported, not rejoined as a plain text's are. List items and table cells need not end a sentence."""
    warnings = []
    for block, following in zip(blocks, blocks[1:]):
        text = placeholders.strip(block.text)
        if block.kind == following.kind == "body" and block.running and following.running and text \
                and not ends_sentence(text) \
                and text[-1] not in "：:" and ends_sentence(placeholders.strip(following.text)):
            warnings.append(SegmentWarning(block.line, f"paragraph ends mid-sentence (…{text[-12:]}) and the next "
                                                        "one ends a sentence: broken by the layout? kept as it is"))
    return warnings


class SourceFormat(ABC):
    """One document format: how to find its blocks and how to put the English back."""

    name: ClassVar[str]
    description: ClassVar[str]

    def read(self, path: Path, *, encoding: str = "utf-8", reference: str) -> Parsed:
        """The document's blocks and segments (the catalog's ``#:`` lines name it ``reference``)."""
        model, blocks = self.parse(path, encoding)
        blocks = [block for block in blocks if placeholders.strip(block.text).strip()]
        if not blocks:  # an empty document, or only code: nothing a catalog could hold, as an empty text file
            raise InputError("nothing to translate: no paragraph, heading, list item or table cell with text",
                             path=path)
        paragraphs = []
        for number, block in enumerate(blocks):
            block.text, block.outer = placeholders.outer_codes(block.text)
            segments = []
            for text in split_segments(block.text, block.kind):
                local, back = placeholders.renumber(text)
                block.back.append(back)
                note = placeholders.describe(block.codes, back)
                segments.append(Segment(local, block.kind, block.line, number, f"placeholders: {note}" if note else ""))
            paragraphs.append(Paragraph(block.text, block.kind, block.line, [(0, block.line)], segments))
        return Parsed(path, blocks, model, SourceDocument(path, reference, paragraphs, broken_paragraphs(blocks)))

    @abstractmethod
    def parse(self, path: Path, encoding: str) -> tuple[object, list[Block]]:
        """The format's model of the file and its blocks; an InputError for a file it cannot read."""

    @abstractmethod
    def write(self, parsed: Parsed, english: list[str | None]) -> str | bytes:
        """The document with each block's text replaced by ``english`` (placeholder texts, one per block);
        a block given None is written as it was in the source, its line breaks, whitespace and runs kept."""
