"""Round trips of the document formats on Chinese text nobody on the project wrote.

Each Time magazine translation in the development corpus (mag/tgt/NNN, one Chinese sentence a line) is
made into a Markdown file, an HTML page and a DOCX: paragraphs of three sentences, every fourth
sentence bold, every seventh italic, the first four characters of every fifth linked. Each is
segmented; the floor is the plain-text sentence splitter on each paragraph's text. Reported per format: the share of the plain
text's segments found (placeholders aside), the codes in the catalog, whether the untranslated
document renders back as it was, and whether a pseudo-translation ("EN " before every segment, its
codes kept) reads back from the rendered file, with the same library, as the expected blocks.

Usage: python bench/documents_roundtrip.py [CORPUS]  (default: ../shared/corpora/aligner-eval-dev/mag)
"""
from __future__ import annotations

import sys
import tempfile
from collections import Counter
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.documents import get_format  # noqa: E402
from toolkit.documents.placeholders import strip, wrap  # noqa: E402
from toolkit.render import compose  # noqa: E402
from toolkit.segment import split_sentences  # noqa: E402

CORPUS = next((base / "shared/corpora/aligner-eval-dev/mag" for base in Path(__file__).resolve().parents[2:4]
               if (base / "shared/corpora/aligner-eval-dev/mag").is_dir()), Path("../shared/corpora/aligner-eval-dev/mag"))


def styled(sentences: list[str], start: int) -> list[tuple[str, str | None]]:
    pieces: list[tuple[str, str | None]] = []
    for offset, sentence in enumerate(sentences):
        number = start + offset
        if number % 4 == 3:
            pieces.append((sentence, "bold"))
        elif number % 7 == 6:
            pieces.append((sentence, "italic"))
        elif number % 5 == 4 and len(sentence) > 8:
            pieces += [(sentence[:4], "link"), (sentence[4:], None)]
        else:
            pieces.append((sentence, None))
    return pieces


def paragraphs_of(lines: list[str]) -> list[list[tuple[str, str | None]]]:
    return [styled(lines[i:i + 3], i) for i in range(0, len(lines), 3)]


MD = {None: "{}", "bold": "**{}**", "italic": "*{}*", "link": "[{}](https://example.com/)"}
HTML = {None: "{}", "bold": "<b>{}</b>", "italic": "<i>{}</i>", "link": '<a href="https://example.com/">{}</a>'}


def write_markdown(paragraphs, path: Path) -> None:
    escaped = lambda text: "".join("\\" + c if c in "\\`*_[]<>#" else c for c in text)  # noqa: E731
    path.write_text("\n\n".join("".join(MD[s].format(escaped(t)) for t, s in p) for p in paragraphs) + "\n",
                    encoding="utf-8")


def write_html(paragraphs, path: Path) -> None:
    body = "\n".join("<p>" + "".join(HTML[s].format(escape(t, quote=False)) for t, s in p) + "</p>"
                     for p in paragraphs)
    path.write_text(f"<!DOCTYPE html><html><head><title>t</title></head><body><nav>首页</nav><article>{body}"
                    "</article></body></html>", encoding="utf-8")


def write_docx(paragraphs, path: Path) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for pieces in paragraphs:
        paragraph = document.add_paragraph()
        for text, style in pieces:
            if style == "link":
                link = OxmlElement("w:hyperlink")
                link.set(qn("r:id"), document.part.relate_to("https://example.com/", RELATIONSHIP_TYPE.HYPERLINK,
                                                             is_external=True))
                run = paragraph.add_run(text)
                run.underline = True
                link.append(run._r)
                paragraph._p.append(link)
            else:
                run = paragraph.add_run(text)
                run.bold, run.italic = (style == "bold") or None, (style == "italic") or None
    document.save(str(path))


WRITERS = {"markdown": (write_markdown, ".md"), "html": (write_html, ".html"), "docx": (write_docx, ".docx")}


def blocks_text(name: str, path: Path) -> list[str]:
    parsed = get_format(name).read(path, reference=path.name)
    return [wrap(block.text, block.outer) for block in parsed.blocks]


def render(name: str, path: Path, translations: dict[str, str], out: Path) -> list[str]:
    """Render with ``translations``, write the output, return the expected blocks' placeholder texts."""
    reader = get_format(name)
    parsed = reader.read(path, reference=path.name)
    english, _, _ = compose(parsed.document, translations, [b.back for b in parsed.blocks])
    blocks = [wrap(text, block.outer) for text, block in zip(english, parsed.blocks)]
    output = reader.write(parsed, blocks)
    out.write_bytes(output if isinstance(output, bytes) else output.encode("utf-8"))
    return blocks


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not (corpus / "tgt").is_dir():
        print(f"skipped: no corpus at {corpus}")
        return 0
    totals: dict[str, Counter] = {name: Counter() for name in WRITERS}
    texts = sorted((corpus / "tgt").iterdir())
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for text in texts:
            lines = [line.strip() for line in text.read_text(encoding="utf-8").splitlines() if line.strip()]
            paragraphs = paragraphs_of(lines)
            floor = Counter(sentence for p in paragraphs for sentence in split_sentences("".join(t for t, _ in p)))
            for name, (writer, suffix) in WRITERS.items():
                source = work / f"{text.name}{suffix}"
                writer(paragraphs, source)
                document = get_format(name).read(source, reference=source.name).document
                found = Counter(strip(s.text) for s in document.segments)
                tally = totals[name]
                tally["floor"] += sum(floor.values())
                tally["matched"] += sum((found & floor).values())
                tally["codes"] += sum(s.text.count("</") + s.text.count("/>") for s in document.segments)
                untranslated = work / f"{text.name}.zh{suffix}"
                render(name, source, {}, untranslated)
                tally["identity"] += blocks_text(name, untranslated) == blocks_text(name, source)
                pseudo = {s.text: "EN " + s.text for s in document.segments}
                english = work / f"{text.name}.en{suffix}"
                expected = render(name, source, pseudo, english)
                tally["pseudo"] += blocks_text(name, english) == expected
                tally["texts"] += 1
    print(f"{len(texts)} texts, {sum(len(t.read_text(encoding='utf-8').splitlines()) for t in texts)} sentence lines")
    print("format    segments as plain text   codes   untranslated render = source   pseudo-translation read back")
    for name, tally in totals.items():
        print(f"{name:<9} {tally['matched']}/{tally['floor']} ({100 * tally['matched'] / tally['floor']:.1f}%)"
              f"{'':>6}{tally['codes']:>6}   {tally['identity']}/{tally['texts']:<28} {tally['pseudo']}/{tally['texts']}")
    return 0 if all(t["identity"] == t["pseudo"] == t["texts"] for t in totals.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
