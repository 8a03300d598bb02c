"""Spelling of the English, with pyspellchecker's word list, tolerant of what a zh→en text is full of.

A word is known when pyspellchecker's word list or simplemma's English lexicon
has it (the latter brings British spellings: labour, programme, organise), when
it is in a glossary rendering, when it is a capitalised Chinese name in pinyin
(Zhangjiakou, Guo Lihua), an acronym, or a Latin word the source itself contains.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from toolkit.checks import register
from toolkit.checks.runner import Context, Item

if TYPE_CHECKING:
    from toolkit.glossary import Glossary

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SKIP = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|<[^>]+>|%\(\w+\)[sd]|\{\w*\}")
_POSSESSIVE = re.compile(r"['’]s?$")
class Speller:
    """The dictionary plus this run's known words, with a verdict cached per word."""

    def __init__(self, glossary: "Glossary | None"):
        import simplemma  # both loaded only when spelling is checked
        from spellchecker import SpellChecker

        self.checker = SpellChecker(language="en", distance=1)
        extra = {w.lower() for term in (glossary.terms if glossary else ())
                 for rendering in term.renderings for w in _WORD.findall(rendering)}
        self.checker.word_frequency.load_words(extra)
        self.known = self.checker.word_frequency.dictionary
        self.lexicon = simplemma
        self.verdicts: dict[str, bool] = {}

    def unknown(self, word: str) -> bool:
        verdict = self.verdicts.get(word)
        if verdict is None:
            verdict = self.verdicts[word] = self._unknown(word)
        return verdict

    def _unknown(self, word: str) -> bool:
        if len(word) < 2 or word.isupper() or any(c.isupper() for c in word[1:]):
            return False  # single letters, acronyms (CPC), inner capitals (WeChat)
        lower = _POSSESSIVE.sub("", word.replace("’", "'").lower()) if "'" in word or "’" in word else word.lower()
        if lower in self.known or lower.split("'")[0] in self.known:
            return False
        if self.lexicon.is_known(lower, lang="en"):
            return False  # simplemma's lexicon has British spellings and rarer words pyspellchecker lacks
        return not (word[0].isupper() and is_pinyin(lower))

    def suggestion(self, word: str) -> str | None:
        """A correction for a lower-case word (for names the dictionary's guesses are noise)."""
        if word[0].isupper():
            return None
        guess = self.checker.correction(word)
        return None if guess == word else guess


@register("spelling", "warning")
def spelling(item: Item, context: Context) -> Iterator[str]:
    """A word of the English that no dictionary, glossary or pinyin reading knows."""
    speller = context.shared.get("speller")
    if speller is None:
        speller = context.shared["speller"] = Speller(context.glossary)
    text = _SKIP.sub(" ", item.msgstr)
    source_words = None
    for word in dict.fromkeys(_WORD.findall(text)):
        if speller.unknown(word):
            if source_words is None:
                source_words = {w.lower() for w in _WORD.findall(item.msgid)}
            if word.lower() in source_words:
                continue
            guess = speller.suggestion(word)
            yield f"unknown word \"{word}\"" + (f" (did you mean \"{guess}\"?)" if guess else "")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (ü written v or u), from pypinyin's character table."""
    from pypinyin.constants import PINYIN_DICT

    found = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
            if any(v in plain for v in "aeiouü"):
                found.update({plain.replace("ü", "v"), plain.replace("ü", "u")})
    return frozenset(found)


@lru_cache(maxsize=65536)
def is_pinyin(word: str) -> bool:
    """True when the word splits wholly into pinyin syllables: zhangjiakou = zhang+jia+kou, xi'an = xi+an."""
    syllables = _syllables()
    parts = [p for p in re.split(r"['’-]", word.lower()) if p]
    if not parts:
        return False
    for part in parts:
        reachable = [True] + [False] * len(part)
        for end in range(1, len(part) + 1):
            reachable[end] = any(reachable[start] and part[start:end] in syllables
                                 for start in range(max(0, end - 6), end))
        if not reachable[-1]:
            return False
    return True
