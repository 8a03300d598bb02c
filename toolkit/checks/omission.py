"""Completeness: a translation that leaves out part of its source, or stops before its end.

A source word is "seen" in the English when one of its CC-CEDICT senses
(toolkit.lexicon) shares a lemma with the English, when it carries a number
the English has, or when its pinyin or Latin letters are there (names). A
clause of the source (cut at ，；。！？) with several dictionary words and
none seen is most likely missing: published translations nearly always echo
some sense of a clause they render, however freely. Both checks are warnings
that report what they measured, so the translator judges.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from toolkit.checks import register
from toolkit.checks.runner import Context
from toolkit.english import word_forms
from toolkit.po import Entry

CLAUSE_END = re.compile(r"(?<=[，；。！？：!?;])")
ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+")
LATIN = re.compile(r"[A-Za-z]{2,}|\d+")
# A clause needs this many dictionary words, none of them seen, to count as missing.
MIN_CLAUSE_WORDS = 6
# The whole translation: below this share of the source's dictionary words seen (with enough of them),
# the English is most likely another segment's or a fragment.
MIN_SHARE = 0.08
MIN_WORDS_FOR_SHARE = 8
MIN_REST_SHARE = 0.2  # the share of the other clauses' words seen, for one clause's silence to mean omission
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
    from toolkit import lexicon

    forms = _english_forms(translation)
    latin = {m.group().lower() for m in LATIN.finditer(translation)}
    clauses = []
    for clause in filter(None, (part.strip() for part in CLAUSE_END.split(source))):
        total = seen = 0
        for word in lexicon.longest_words(clause):
            senses = lexicon.english_words(word)
            if len(word) < 2 and not senses & forms or not senses:
                continue  # single characters are mostly grammar; words without senses say nothing
            total += 1
            if senses & forms or _reading(word) in latin:
                seen += 1
        for match in LATIN.finditer(clause):  # Latin letters and digits in the source: names, figures
            total += 1
            seen += match.group().lower() in latin
        clauses.append((clause, total, seen))
    return Coverage(tuple(clauses))


def _english_forms(text: str) -> frozenset[str]:
    return _forms_cached(text)


@lru_cache(maxsize=256)
def _forms_cached(text: str) -> frozenset[str]:
    forms: set[str] = set()
    for match in ENGLISH_WORD.finditer(text):
        forms.update(word_forms(match.group()))
    return frozenset(forms)


@lru_cache(maxsize=65536)
def _reading(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


def _coverage(item: Entry, context: Context) -> Coverage:
    """Computed once per entry for both checks below (which run one after another)."""
    last = context.shared.get("coverage")
    if last is not None and last[0] is item:
        return last[1]
    result = coverage(item.msgid, item.msgstr)
    context.shared["coverage"] = (item, result)
    return result


@register("omission", "warning")
def omission(item: Entry, context: Context) -> Iterator[str]:
    """Part of the source has no counterpart in the translation: a clause none of whose dictionary words
    (CC-CEDICT senses, numbers, names) the English echoes, or a translation that echoes almost none."""
    if item.source_chars < 8:
        return
    result = _coverage(item, context)
    if result.words >= MIN_WORDS_FOR_SHARE and result.share < MIN_SHARE:
        yield (f"the translation echoes {result.share:.0%} of the source's {result.words} dictionary words: "
               f"is it this entry's translation?")
        return
    if len(result.clauses) < 2:
        return
    for clause, total, seen in result.clauses:
        others = result.words - total
        rest_seen = sum(s for _, _, s in result.clauses) - seen
        # Missing where the rest of the entry is echoed (a free rendering throughout proves nothing).
        if total >= MIN_CLAUSE_WORDS and seen == 0 and others and rest_seen / others >= MIN_REST_SHARE:
            yield f"no word of \"{_short(clause)}\" ({total} dictionary words) is echoed in the translation"


@register("truncated", "warning")
def truncated(item: Entry, context: Context) -> Iterator[str]:
    """The translation stops mid-sentence (no closing punctuation, or a last word such as "the" or "of")
    where the source ends its sentence, or it echoes the source's first clauses only."""
    source, text = item.msgid.strip(), item.msgstr.strip()
    if not text or item.source_chars < 8:
        return
    last_word = (ENGLISH_WORD.findall(text[-30:]) or [""])[-1].lower()
    if SOURCE_SENTENCE_END.search(source) and not ENGLISH_SENTENCE_END.search(text) \
            and (last_word in FUNCTION_WORDS or len(ENGLISH_WORD.findall(text)) >= 6):
        yield f"the translation stops without closing punctuation (\"…{text[-30:].lstrip()}\")"
        return
    result = _coverage(item, context)
    clauses = result.clauses
    if len(clauses) >= 3 and result.share >= 0.2:
        tail = clauses[len(clauses) // 2:]
        if sum(total for _, total, _ in tail) >= 2 * MIN_CLAUSE_WORDS and not any(seen for _, _, seen in tail):
            yield (f"the translation echoes nothing of the source after \"{_short(tail[0][0])}\": "
                   f"it may cover the first part only")


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
