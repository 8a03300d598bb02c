"""Rebuilding the translated document from its source and catalog, in the source's own format."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.po import JOINED, TRANSLATED, catalog_references, read_entries
from toolkit.config import Config, load_config
from toolkit.errors import InputError, UsageError
from toolkit.segment import SourceDocument, read_document

MARKDOWN_PREFIX = {"title": "# ", "subtitle": "## ", "heading": "### "}
MARKDOWN_EMPHASIS = ("byline", "dateline", "caption", "credit")


@dataclass
class Rendering:
    text: str  # the rendered document; empty for a binary format (see ``data``)
    segments: int
    left_in_chinese: int
    data: bytes | None = None  # a binary document (DOCX)

    @property
    def coverage(self) -> float:
        return 100.0 * (self.segments - self.left_in_chinese) / self.segments if self.segments else 100.0


def find_source(catalog: Path, config: Config, *, remedy: str = "give --source") -> Path:
    """The source a catalog was segmented from: the project's pairing, else its first reference; else a usage
    error saying what the command needs (``remedy``)."""
    document = config.document_for_catalog(catalog)
    if document is not None:
        return document.source
    for reference in catalog_references(catalog):
        for base in (config.root, catalog.parent, Path.cwd()):
            if (base / reference).is_file():
                return base / reference
    raise UsageError(f"{catalog}: cannot tell which source it was segmented from; {remedy}")


def compose(document: SourceDocument, translations: dict[str, str],
            code_maps: list[list[dict[int, int]]] | None = None, *,
            drop_repeats: bool = False) -> tuple[list[str | None], int, int]:
    """Each paragraph's English (segments not translated left in Chinese), the number of distinct segments
    and of those left in Chinese: each segment once however often the source repeats it, as the catalog (and
    `toolkit stats`) holds it once. ``code_maps`` numbers each segment's placeholders back as in its block;
    with ``drop_repeats`` a paragraph the source prints again (the same segments) is None after its
    first time, as an editor would print it."""
    from toolkit.documents.placeholders import restore

    paragraphs: list[str | None] = []
    counted: set[str] = set()
    missing: set[str] = set()
    printed: set[tuple[str, ...]] = set()
    for number, paragraph in enumerate(document.paragraphs):
        segments = tuple(segment.text for segment in paragraph.segments)
        if drop_repeats and segments in printed:
            paragraphs.append(None)
            continue
        printed.add(segments)
        text = ""
        left_in_chinese = False
        for index, segment in enumerate(paragraph.segments):
            counted.add(segment.text)
            english = translations.get(segment.text)
            if english is None:
                missing.add(segment.text)
            if english == "":
                continue  # covered by the English of the segment before
            # Chinese sentences run on without spaces; English ones, or a mix, are spaced.
            separator = "" if not text or (english is None and left_in_chinese) else " "
            piece = english if english is not None else segment.text
            if code_maps is not None:
                piece = restore(piece, code_maps[number][index])
            text += separator + piece
            left_in_chinese = english is None
        paragraphs.append(text)
    return paragraphs, len(counted), len(missing)


def text_article(document: SourceDocument, paragraphs: list[str | None], *, markdown: bool) -> str:
    """A plain text's English, a paragraph per line, or as Markdown: headings as headings, byline,
    caption and credit in italics."""
    blocks = []
    for paragraph, text in zip(document.paragraphs, paragraphs):
        if text is None:
            continue
        if markdown and paragraph.kind in MARKDOWN_PREFIX:
            text = MARKDOWN_PREFIX[paragraph.kind] + text
        elif markdown and paragraph.kind in MARKDOWN_EMPHASIS:
            text = f"*{text}*"
        blocks.append(text)
    return "\n\n".join(blocks) + "\n"


def render_document(document: SourceDocument, translations: dict[str, str], *, markdown: bool,
                    drop_repeats: bool = False) -> Rendering:
    """A plain text's English, paragraph by paragraph, as text or Markdown."""
    paragraphs, total, missing = compose(document, translations, drop_repeats=drop_repeats)
    return Rendering(text_article(document, paragraphs, markdown=markdown), total, missing)


def render_catalog(catalog: str | Path, *, source: str | Path | None = None, markdown: bool = False,
                   drop_repeats: bool = False, encoding: str = "utf-8", source_format: str | None = None,
                   config: Config | None = None) -> Rendering:
    """The English document, in the source's format; segments not translated (or fuzzy) are left in
    Chinese and counted. ``markdown`` and ``drop_repeats`` apply to a plain-text source."""
    from toolkit.documents.placeholders import wrap

    catalog = Path(catalog)
    config = config or load_config(catalog.parent)  # the project that holds the catalog
    entries, _ = read_entries(catalog, str(catalog), words=False)
    source_path = Path(source) if source else find_source(catalog, config)
    configured = config.document_for_source(source_path)
    source_format, parsed = read_document(source_path, encoding=encoding, config=config,
                                          source_format=source_format or (configured and configured.format))
    if (markdown or drop_repeats) and source_format.name != "text":
        option = "--markdown" if markdown else "--drop-repeats"
        raise UsageError(f"{option} is for a plain-text source; {source_path} is {source_format.name}, "
                         "rendered in its own format")
    # a joined entry's English is the previous entry's too, printed there once
    translations = {e.msgid: "" if JOINED in e.flags else e.msgstr for e in entries if e.status == TRANSLATED}
    document = parsed.document
    if not document.segments:
        raise InputError("no segments in source", path=source_path)
    paragraphs, total, missing = compose(document, translations, [block.back for block in parsed.blocks],
                                         drop_repeats=drop_repeats)
    if markdown or drop_repeats:
        return Rendering(text_article(document, paragraphs, markdown=markdown), total, missing)
    # a block no translation changes stays as the source has it (its line breaks, runs, tracked changes)
    chinese, _, _ = compose(document, {}, [block.back for block in parsed.blocks])
    output = source_format.write(parsed, [None if text == source else wrap(text, block.outer)
                                          for text, source, block in zip(paragraphs, chinese, parsed.blocks)])
    if isinstance(output, bytes):
        return Rendering("", total, missing, output)
    return Rendering(output, total, missing)
