"""Surface problems of the English: stray whitespace, doubled words, a length far from the catalog's norm."""
from __future__ import annotations

import operator
import re
import statistics
from collections import Counter
from typing import Iterator

from toolkit.po import TRANSLATED
from toolkit.checks.registry import register
from toolkit.checks.runner import Catalog, Context
from toolkit.po import Entry

_DOUBLE_SPACE = re.compile(r"\S( {2,}|\t)\S")
_OPENING = "\"“‘'(["
_CLOSING = ",.;:!?\"”’')]"
REPEATS_ALLOWED = {"that", "had", "bye", "very", "long"}  # "that that", "had had", "very very"
# "is is" after a clause that is a subject ("what it is is", "the thing is is"); else a slip ("it is is Asia").
IS_IS_SUBJECT = frozenset("what whatever thing problem point question truth fact reason trouble issue".split())
IS_IS_REACH = 6  # words before the repeat that may hold that clause's word

LENGTH_MIN_HAN = 12  # shorter sources vary too much to judge
LENGTH_FACTOR = 2.5  # how far from the catalog's median characters-per-Han counts as "far"
LENGTH_MIN_SAMPLE = 10  # entries needed to trust the catalog's own median
DEFAULT_CHARS_PER_HAN = 3.0  # a typical zh→en ratio, used for small catalogs


@register("whitespace", "warning")
def whitespace(item: Entry, context: Context) -> Iterator[str]:
    """Leading or trailing whitespace the source lacks, or doubled spaces inside the translation."""
    text, source = item.msgstr, item.msgid
    if text[:1].isspace() and not source[:1].isspace():
        yield "leading whitespace"
    if text[-1:].isspace() and not source[-1:].isspace():
        yield "trailing whitespace"
    if ("  " in text or "\t" in text) and _DOUBLE_SPACE.search(text):
        yield "double space or tab inside the translation"


@register("repeated-word", "warning")
def repeated_word(item: Entry, context: Context) -> Iterator[str]:
    """The same word twice in a row ("the the"): one finding for each word, however often it is doubled
    (a long entry pasted twice over doubles a word thousands of times)."""
    lowered = item.msgstr.lower()
    if may_repeat(lowered):
        for word, times in Counter(repeated_words(lowered)).items():
            yield f"repeated word: \"{word} {word}\"" + (f" ({times} times)" if times > 1 else "")


def repeated_words(lowered: str) -> Iterator[str]:
    """Each word written twice in a row in a lower-case text, but for the repeats English allows."""
    words = lowered.split()
    for index, (first, second) in enumerate(zip(words, words[1:])):
        word = first.lstrip(_OPENING)  # "how how, century century,: quotes and commas do not hide it
        if word.isalpha() and second.rstrip(_CLOSING) == word and word not in REPEATS_ALLOWED \
                and not _allowed_repeat(word, words[max(0, index - IS_IS_REACH):index], first):
            yield word


def _allowed_repeat(word: str, before: list[str], first: str) -> bool:
    """The repeats English allows in some places only: "is is" after a clause that is the subject ("what
    matters is is"), "no no" opening a clause ("No no, ...") or as a noun ("a no no")."""
    if word == "is":
        return any(piece.strip(_OPENING + _CLOSING) in IS_IS_SUBJECT for piece in before)
    if word == "no":
        return first[:1] in _OPENING or not before or before[-1][-1:] in _CLOSING or before[-1] == "a"
    return False


# A word twice in a row is, once the quotes and stops around words are dropped, two equal neighbours.
_AROUND_WORDS = str.maketrans("", "", _OPENING + _CLOSING)


def may_repeat(lowered: str) -> bool:
    """False when no word of the text can be repeated_words' (the test, made in C over the whole text,
    that rules out nearly every translation)."""
    words = lowered.translate(_AROUND_WORDS).split()
    return any(map(operator.eq, words, words[1:]))


def length_ratios(catalog: Catalog) -> tuple[list[tuple[Entry, float]], float]:
    """(entry, characters of English per Chinese character) for the translated entries long enough to
    judge, and the catalog's norm: their median, or a typical zh→en ratio for a small catalog."""
    measured = [(item, len(item.msgstr) / han) for item in catalog.items
                if item.status == TRANSLATED and (han := item.source_chars) >= LENGTH_MIN_HAN]
    norm = statistics.median(r for _, r in measured) if len(measured) >= LENGTH_MIN_SAMPLE \
        else DEFAULT_CHARS_PER_HAN
    return measured, norm


@register("length", "warning", scope="catalog")
def length(catalog: Catalog, context: Context) -> Iterator[tuple[Entry, str]]:
    """A translation far longer than the catalog's usual length per Chinese character (wrong segment?);
    short ones are the truncated check's."""
    measured, norm = length_ratios(catalog)
    for item, ratio in measured:
        if ratio > norm * LENGTH_FACTOR:
            yield item, (f"translation looks too long for its source (wrong segment?): {ratio:.1f} characters "
                         f"per Chinese character, catalog norm {norm:.1f}")
