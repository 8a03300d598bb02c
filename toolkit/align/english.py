"""Reading the English translation: paragraphs of plain text or Markdown, and their sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from toolkit.errors import InputError
from toolkit.segment import read_source
from toolkit.text import HAN

WRAPPED_WIDTH = 120
MARKDOWN_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)")
MARKDOWN_EMPHASIS = re.compile(r"^(\*\*|\*|__|_)(.+)\1$")
TABLE_ROW = re.compile(r"^\s{0,3}\|.*\|\s*$")
TABLE_RULE = re.compile(r"^[\s|:-]+$")  # | --- | :---: |

SENTENCE_BREAK = re.compile(r"(?P<word>\S*?)(?P<end>[.!?]+)['’)\]]*\s+(?=[‘'(\[]?[A-Z0-9])")
DOUBLE_QUOTE = re.compile(r"[\"“”]")
OPENING_QUOTES = re.compile(r"(?:(?<=\s)[\"“]|^[\"“]|“)*$")
CLOSING_QUOTE = re.compile(r"^(?:”|\"(?=\s|$))+")
ELLIPSIS_BREAK = re.compile(r"(?:…|\.\.\.)[\"”’)]*\s+(?=[\"“‘(]?[A-Z])")


@dataclass(frozen=True)
class EnglishParagraph:
    text: str
    line: int
    sentences: tuple[str, ...]


@cache
def _sentence_splitter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


@cache
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    return frozenset(English.Abbreviation.ABBREVIATIONS)


def split_english(text: str) -> list[str]:
    """English sentences, by pysbd's rules (abbreviations, decimals and initials end none) and the Chinese ones.

    As the Chinese rules do, a sentence ends inside a quotation too (pysbd
    keeps a quotation whole, so it reads the text with double quotes masked,
    then hands each closing quote back to its sentence), and an ellipsis
    before a capital ends one. pysbd is slow (it compiles regular expressions
    as it goes), so a paragraph none of whose full stops follows an
    abbreviation, an initial or a dotted word is cut at its terminators
    directly, as pysbd would cut it.
    """
    text = " ".join(text.split())
    masked = DOUBLE_QUOTE.sub(" ", text)
    breaks = list(SENTENCE_BREAK.finditer(masked))
    if any(_doubtful(match, masked) for match in breaks):
        starts = [span.start for span in _sentence_splitter().segment(masked)]
    else:
        starts = [match.end() for match in breaks]
    starts += [match.end() for match in ELLIPSIS_BREAK.finditer(text)]
    cuts = {0} | {_before_opening_quotes(text, start) for start in starts}
    sentences: list[str] = []
    for start, end in zip(sorted(cuts), [*sorted(cuts)[1:], len(text)]):
        sentence = text[start:end].strip()
        closer = CLOSING_QUOTE.match(sentence)
        if closer and sentences:
            sentences[-1] += closer.group(0).rstrip()
            sentence = sentence[closer.end():].strip()
        if sentence:
            sentences.append(sentence)
    return sentences


def _before_opening_quotes(text: str, start: int) -> int:
    """Where the opening quotes just before ``start`` begin; searched from the run of quote marks there only,
    as a search from the paragraph's start costs its length at every sentence (minutes on a 1 MB line)."""
    run = start
    while run and text[run - 1] in "\"“":
        run -= 1
    return OPENING_QUOTES.search(text, run, start).start()


def _doubtful(match: re.Match[str], text: str) -> bool:
    """A full stop that may not end a sentence: after an abbreviation, initial or dotted word, or before a digit."""
    if "." not in match.group("end"):
        return False
    word = match.group("word").lstrip("('‘[").lower()
    return "." in word or len(word) <= 1 or word in _abbreviations() or text[match.end()].isdigit()


def parse_translation(text: str) -> list[EnglishParagraph]:
    """Paragraphs of a plain-text or Markdown translation.

    Blank lines separate paragraphs. Inside a block, lines are one paragraph
    when the file is hard-wrapped (blank lines between blocks and no line
    longer than 120 characters), else each line is a paragraph (a word
    processor's export). Markdown headings, quotes and list items start a
    paragraph; their markers and emphasis wrapping a whole paragraph are dropped.
    Each cell of a Markdown table is a paragraph, as the source's cells are segments.
    """
    lines = text.strip("\n").split("\n")
    wrapped = any(not line.strip() for line in lines) and max(len(line.rstrip()) for line in lines) <= WRAPPED_WIDTH
    paragraphs: list[EnglishParagraph] = []
    current: list[str] = []
    start = 0

    def flush() -> None:
        if current:
            joined = _strip_markdown(" ".join(current))
            if joined:
                paragraphs.append(EnglishParagraph(joined, start, tuple(split_english(joined))))
            current.clear()

    first_line = len(text) - len(text.lstrip("\n")) + 1
    for number, line in enumerate(lines, start=first_line):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if TABLE_ROW.match(line):
            flush()
            if not TABLE_RULE.match(stripped):
                for cell in stripped.strip("|").split("|"):
                    text = _strip_markdown(cell)
                    if text:
                        paragraphs.append(EnglishParagraph(text, number, (text,)))
            continue
        if current and (not wrapped or MARKDOWN_PREFIX.match(line)):
            flush()
        if not current:
            start = number
        current.append(MARKDOWN_PREFIX.sub("", stripped))
        if MARKDOWN_PREFIX.match(line) and line.lstrip().startswith("#"):
            flush()
    flush()
    return paragraphs


def _strip_markdown(text: str) -> str:
    text = " ".join(text.split())
    emphasis = MARKDOWN_EMPHASIS.match(text)
    return emphasis.group(2).strip() if emphasis else text


def read_translation(path: str | Path, encoding: str = "utf-8") -> list[EnglishParagraph]:
    """The paragraphs of an English translation file, or an InputError saying why it cannot be used."""
    path = Path(path)
    try:
        text = read_source(path, encoding)
    except InputError as exc:
        if isinstance(exc.__cause__, UnicodeDecodeError):
            raise InputError(f"not valid {encoding} (save it as UTF-8, or give --translation-encoding)",
                             path=path, line=exc.line) from exc
        raise
    paragraphs = parse_translation(text)
    letters = sum(1 for c in text if c.isalpha())
    if letters and len(HAN.findall(text)) > letters / 3:
        raise InputError("this is Chinese, not an English translation", path=path)
    if not any(p.sentences for p in paragraphs):
        raise InputError("no English sentences", path=path)
    return paragraphs

