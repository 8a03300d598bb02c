"""Plain text: a paragraph per line, kinds from position and shape, broken paragraphs rejoined
(the rules of :mod:`toolkit.segment`, unchanged)."""
from __future__ import annotations

from pathlib import Path

from toolkit.documents.base import Block, Parsed, SourceFormat
from toolkit.segment import SourceDocument, parse_text, read_source


class PlainText(SourceFormat):
    name = "text"
    description = "plain text, a paragraph per line"

    def read(self, path: Path, *, encoding: str = "utf-8", reference: str) -> Parsed:
        """Segments as :func:`toolkit.segment.parse_text` makes them: a rejoined paragraph's
        sentences keep their own lines, and its warnings are kept."""
        document, blocks = self.parse(path, encoding)
        document.reference = reference
        return Parsed(path, blocks, document, document)

    def parse(self, path: Path, encoding: str) -> tuple[SourceDocument, list[Block]]:
        document = parse_text(read_source(path, encoding), path, path.as_posix())
        blocks = [Block(p.text, p.kind, p.line, back=[{} for _ in p.segments]) for p in document.paragraphs]
        return document, blocks

    def write(self, parsed: Parsed, english: list[str | None]) -> str:
        from toolkit.render import compose, text_article

        chinese, _, _ = compose(parsed.document, {})
        return text_article(parsed.document, [source if text is None else text
                                              for text, source in zip(english, chinese)], markdown=False)
