"""Chinese source texts: reading, paragraph repair, segment kinds and sentence splitting.

The rules (documented in the README):
- every non-blank line is a paragraph; a paragraph the page layout broke in two
  (a body paragraph ending mid-sentence, continued by a body paragraph that
  ends a sentence) is rejoined; one that ends mid-sentence and cannot be
  joined is kept and reported as a warning;
- sentences end after 。！？ (and runs of them) and after an ellipsis …… that
  ends the paragraph or is followed by an opening quote; closing quotes and
  brackets right after the terminator stay with the sentence; ，；：、 never split.
"""
from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from toolkit.po import (Catalog, CatalogEntry, MergeReport, default_layout, merge_catalog, new_catalog, read_catalog,
                        write_catalog, written_text)
from toolkit.config import Config, load_config
from toolkit.errors import InputError, UsageError
from toolkit.files import locked, read_text

TERMINATORS = "。！？!?"
CLOSERS = "”’」』）》\"')"
ELLIPSIS = "…"
OPENING_QUOTES = "“‘「『"
KINDS = ("title", "subtitle", "byline", "dateline", "heading", "body", "caption", "credit", "header", "footer")
HEADING_MAX_CHARS = 30

BYLINE = re.compile(r"^[□■◎●]|本报记者|本报通讯员|^记者\s|/文\b|/摄\b")
CAPTION = re.compile(r"^(资料图|图为|图片来源|图：|图:|（图|\(图)")
CREDIT = re.compile(r"(亦有贡献|供稿|责任编辑|编辑[:：]|来源[:：])")
# A line that opens with a date (2020年10月14日 星期三 …): the paper's dateline, not a heading.
DATELINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
DATELINE_MAX_CHARS = 60
CLAUSE_MARKS = re.compile(r"[，,。；;！!？?]")  # a date opening a sentence (2020年10月14日，在…) is body text


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str
    line: int
    paragraph: int
    note: str = ""  # for the catalog entry: what its placeholders stand for


@dataclass
class Paragraph:
    text: str
    kind: str
    line: int
    # (offset in text, source line) for each source line the paragraph was built from
    line_starts: list[tuple[int, int]] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        line = self.line
        for start, number in self.line_starts:
            if start <= offset:
                line = number
        return line


@dataclass(frozen=True)
class SegmentWarning:
    line: int
    message: str

    def key(self, source: str) -> str:
        """How an acknowledgement names the warning: its source and message, not its line (which moves)."""
        return f"{source}: {self.message}"


ACKNOWLEDGED = "toolkit-acknowledged.txt"  # beside toolkit.toml: warnings the project has seen and accepts


def acknowledged_warnings(config: Config) -> set[str]:
    """The keys of the warnings ``toolkit segment --acknowledge`` recorded (none outside a project)."""
    path = config.root / ACKNOWLEDGED
    if not config.found or not path.is_file():
        return set()
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def acknowledge_warnings(config: Config, keys: Iterable[str]) -> Path:
    """Add warning keys to the project's acknowledgements, keeping those already there."""
    from toolkit.files import write_text_atomic

    if not config.found:
        raise UsageError("--acknowledge records warnings in the project: run it where toolkit.toml is")
    known = acknowledged_warnings(config)
    path = config.root / ACKNOWLEDGED
    lines = ["# Segmentation warnings seen and accepted (toolkit segment --acknowledge); delete a line to see it again.",
             *sorted(known | set(keys))]
    write_text_atomic(path, "\n".join(lines) + "\n")
    return path


@dataclass
class SourceDocument:
    path: Path
    reference: str  # the path as written in `#:` references
    paragraphs: list[Paragraph]
    warnings: list[SegmentWarning]

    @property
    def segments(self) -> list[Segment]:
        return [s for p in self.paragraphs for s in p.segments]


def read_source(path: str | Path, encoding: str = "utf-8") -> str:
    """The text of a source file, or an InputError saying why it cannot be read as text."""
    hint = " (GB18030? try --encoding gb18030)" if encoding.lower().replace("-", "") == "utf8" else ""
    text = read_text(path, encoding, hint=hint).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty file", path=path)
    return text


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and (stripped[-1] in TERMINATORS or stripped[-1] == ELLIPSIS)


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences by the module's rules."""
    return [text[a:b] for a, b in _sentence_spans(text)]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        char = text[i]
        if char in TERMINATORS or char == ELLIPSIS:
            end = i
            while end < n and (text[end] in TERMINATORS or text[end] == ELLIPSIS):
                end += 1
            terminated = any(c in TERMINATORS for c in text[i:end])
            while end < n and text[end] in CLOSERS:
                end += 1
            if terminated or end >= n or text[end] in OPENING_QUOTES:
                spans.append((start, end))
                start = end
            i = end
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    return [(a, b) for a, b in (_strip_span(text, a, b) for a, b in spans) if a < b]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_segments(text: str, kind: str) -> list[str]:
    """A paragraph's segments: its sentences if it is body text, else the whole of it. Inline
    placeholders (<1>…</1>) are never cut: a sentence that leaves one open runs on to the next."""
    if kind != "body":
        return [text]
    spans = _sentence_spans(text)
    if "<" in text:
        from toolkit.documents.placeholders import balance

        spans = balance(text, spans)
    return [text[a:b] for a, b in spans]


def classify_body(text: str) -> str:
    """The kind of a paragraph the document itself calls body text: a byline, caption or credit by
    its wording, else body."""
    if CAPTION.search(text):
        return "caption"
    if CREDIT.search(text) and len(text) <= 60 and not ends_sentence(text):
        return "credit"
    if BYLINE.search(text) and len(text) <= 80:
        return "byline"
    if DATELINE.match(text) and len(text) <= DATELINE_MAX_CHARS and not CLAUSE_MARKS.search(text):
        return "dateline"
    return "body"


def classify(text: str, *, first: bool) -> str:
    """The kind of a paragraph of plain text, from its position and shape."""
    if first:
        return "title"
    if text.startswith(("——", "--", "—")):
        return "subtitle"
    if (kind := classify_body(text)) != "body":
        return kind
    if len(text) <= HEADING_MAX_CHARS and not ends_sentence(text) and text[-1] not in "，,；;：:、":
        return "heading"
    return "body"


def parse_text(text: str, path: Path, reference: str) -> SourceDocument:
    """Paragraphs (repaired) and their segments from a source text."""
    raw: list[Paragraph] = []
    for number, line in enumerate(text.split("\n"), start=1):
        content = line.strip().strip("\u3000")
        if content:
            raw.append(Paragraph(content, classify(content, first=not raw), number, [(0, number)]))

    paragraphs: list[Paragraph] = []
    warnings: list[SegmentWarning] = []
    i = 0
    while i < len(raw):
        para = raw[i]
        if para.kind == "body" and not ends_sentence(para.text):
            following = raw[i + 1] if i + 1 < len(raw) else None
            if following is not None and following.kind == "body" and ends_sentence(following.text):
                para = Paragraph(para.text + following.text, "body", para.line,
                                 [(0, para.line), (len(para.text), following.line)])
                i += 1
            else:
                tail = para.text[-12:]
                warnings.append(SegmentWarning(
                    para.line, f"paragraph ends mid-sentence and has no continuation (…{tail}); kept as it is"))
        paragraphs.append(para)
        i += 1

    for number, para in enumerate(paragraphs):
        spans = _sentence_spans(para.text) if para.kind == "body" else [(0, len(para.text))]
        para.segments = [Segment(para.text[a:b], para.kind, para.line_at(a), number) for a, b in spans]
    return SourceDocument(path=path, reference=reference, paragraphs=paragraphs, warnings=warnings)


def parse_source(path: str | Path, *, encoding: str = "utf-8", config: Config | None = None,
                 reference: str | None = None, source_format: str | None = None) -> SourceDocument:
    """A source's paragraphs and segments, read in its format (see :mod:`toolkit.documents`);
    ``reference`` (default: its path in the project) is how the catalog's ``#:`` lines name it."""
    return read_document(path, encoding=encoding, config=config, reference=reference,
                         source_format=source_format)[1].document


def read_document(path: str | Path, *, encoding: str = "utf-8", config: Config | None = None,
                  reference: str | None = None, source_format: str | None = None):
    """The format a source is read in (``source_format``, else by its extension) and the parsed document."""
    from toolkit.documents import format_name, get_format

    path = Path(path)
    config = config or load_config(path.parent)  # the project that holds the file, not the working folder's
    reader = get_format(format_name(path, source_format))
    return reader, reader.read(path, encoding=encoding, reference=reference or config.relative(path))


COPIED_NOTE = "no Chinese: copied as it is"


def build_catalog(document: SourceDocument, config: Config) -> Catalog:
    """A fresh catalog: one entry per distinct segment, in source order, with every reference. A segment
    of ASCII alone (2013 in a table, a URL, an English name) is translated already: its copy."""
    po = new_catalog(project=config.project_name, source=document.reference, source_language=config.source_language,
                     target_language=config.target_language)
    entries: dict[str, CatalogEntry] = {}
    for segment in document.segments:
        entry = entries.get(segment.text)
        if entry is None:
            notes = [f"type: {segment.kind}", *([segment.note] if segment.note else [])]
            copied = segment.text.isascii()  # a year, a figure, a name in Latin letters: nothing to translate
            if copied:
                notes.append(COPIED_NOTE)
            entry = CatalogEntry(msgid=segment.text, msgstr=segment.text if copied else "", comment="\n".join(notes))
            entries[segment.text] = entry
            po.append(entry)
        entry.occurrences.append((document.reference, str(segment.line)))
    return po


@dataclass
class SegmentResult:
    catalog: Path
    created: bool
    changed: bool  # written, or on a dry run: would be written
    report: MergeReport
    warnings: list[SegmentWarning]
    document: SourceDocument


def segment_source(source: str | Path, catalog: str | Path | None = None, *, encoding: str = "utf-8",
                   dry_run: bool = False, source_format: str | None = None,
                   config: Config | None = None) -> SegmentResult:
    """Segment a source text into its catalog, merging into the catalog when it exists.

    The catalog defaults to the one the project config pairs with the source.
    Nothing is written on a dry run, nor when the merge changes no byte.
    """
    source = Path(source)
    config = config or load_config(source.parent)  # the project that holds the source
    configured = config.document_for_source(source)
    if catalog is None:
        if configured is None:
            raise UsageError(f"{source}: not a source in toolkit.toml; give the catalog with -o")
        catalog = configured.catalog
    catalog = Path(catalog)
    parsed = parse_source(source, encoding=encoding, config=config,
                          source_format=source_format or (configured and configured.format))
    fresh = build_catalog(parsed, config)
    with nullcontext() if dry_run else locked(catalog):  # from reading the catalog to writing it
        created = not catalog.exists()
        if created:
            merged, report = fresh, MergeReport(added=[e.msgid for e in fresh])
            merged.layout = default_layout()  # gettext's, so that msgcat and msgmerge leave it as it is
            rewritten = None
        else:
            merged, report = merge_catalog(read_catalog(catalog), fresh)
            rewritten = report.rewritten  # the other entries keep their bytes
        if dry_run:
            old = None if created else catalog.read_bytes()
            changed = created or old != written_text(merged, old, rewritten).encode("utf-8")
        else:
            changed = write_catalog(merged, catalog, changed=rewritten)
    return SegmentResult(catalog, created, changed, report, parsed.warnings, parsed)
