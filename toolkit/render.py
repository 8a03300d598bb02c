"""Rebuilding the translated article from its source and catalog, in the source's paragraphs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.po import TRANSLATED, entry_status, index_entries, read_catalog
from toolkit.config import Config, load_config
from toolkit.errors import InputError, UsageError
from toolkit.segment import SourceDocument, parse_source

MARKDOWN_PREFIX = {"title": "# ", "subtitle": "## ", "heading": "### "}
MARKDOWN_EMPHASIS = ("byline", "caption", "credit")


@dataclass
class Rendering:
    text: str
    segments: int
    left_in_chinese: int

    @property
    def coverage(self) -> float:
        return 100.0 * (self.segments - self.left_in_chinese) / self.segments if self.segments else 100.0


def find_source(catalog: Path, config: Config) -> Path:
    """The source a catalog was segmented from: the project's pairing, else its first reference."""
    document = config.document_for_catalog(catalog)
    if document is not None:
        return document.source
    po = read_catalog(catalog)
    for entry in po:
        for reference, _ in entry.occurrences:
            for base in (config.root, catalog.parent, Path.cwd()):
                if (base / reference).is_file():
                    return base / reference
    raise UsageError(f"{catalog}: cannot tell which source it was segmented from; give --source")


def render_document(document: SourceDocument, translations: dict[str, str], *, markdown: bool,
                    drop_repeats: bool = False) -> Rendering:
    """The article paragraph by paragraph; with ``drop_repeats``, a paragraph the source prints again (the same
    segments) only the first time, as an editor would print it."""
    blocks: list[str] = []
    total = missing = 0
    printed: set[tuple[str, ...]] = set()
    for paragraph in document.paragraphs:
        segments = tuple(segment.text for segment in paragraph.segments)
        if drop_repeats and segments in printed:
            continue
        printed.add(segments)
        text = ""
        left_in_chinese = False
        for segment in paragraph.segments:
            total += 1
            english = translations.get(segment.text)
            if english is None:
                missing += 1
            # Chinese sentences run on without spaces; English ones, or a mix, are spaced.
            separator = "" if not text or (english is None and left_in_chinese) else " "
            text += separator + (english if english is not None else segment.text)
            left_in_chinese = english is None
        if markdown and paragraph.kind in MARKDOWN_PREFIX:
            text = MARKDOWN_PREFIX[paragraph.kind] + text
        elif markdown and paragraph.kind in MARKDOWN_EMPHASIS:
            text = f"*{text}*"
        blocks.append(text)
    return Rendering("\n\n".join(blocks) + "\n", total, missing)


def render_catalog(catalog: str | Path, *, source: str | Path | None = None, markdown: bool = False,
                   drop_repeats: bool = False, encoding: str = "utf-8", config: Config | None = None) -> Rendering:
    """The English article; segments not translated (or fuzzy) are left in Chinese and counted."""
    config = config or load_config()
    catalog = Path(catalog)
    po = read_catalog(catalog)
    source_path = Path(source) if source else find_source(catalog, config)
    document = parse_source(source_path, encoding=encoding, config=config)
    translations = {msgid: e.msgstr for (_, msgid), e in index_entries(po).items()
                    if entry_status(e) == TRANSLATED}
    if not document.segments:
        raise InputError("no segments in source", path=source_path)
    return render_document(document, translations, markdown=markdown, drop_repeats=drop_repeats)
