"""Spelling of the English, tolerant of what a zh→en text is full of.

A word is known when simplemma's English lexicon has it (it has British
spellings: labour, programme, organise) or pyspellchecker's word list does,
when it is in a glossary rendering, when it is a capitalised Chinese name in
pinyin (Zhangjiakou, Guo Lihua), an acronym, or a Latin word the source
itself contains. pyspellchecker also supplies the "did you mean" guesses.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from toolkit.checks import register
from toolkit.checks.runner import Context
from toolkit.pinyin import is_pinyin
from toolkit.po import Entry

if TYPE_CHECKING:
    from toolkit.glossary import Glossary

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SKIP = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|<[^>]+>|%\(\w+\)[sd]|\{\w*\}")
_SKIP_MARKS = ("/", "@", "<", "%", "{", "www")  # cheap test before the _SKIP regex
_POSSESSIVE = re.compile(r"['’]s?$")
class Speller:
    """The lexicons plus this run's known words, with a verdict cached per word."""

    def __init__(self, glossary: "Glossary | None"):
        import simplemma  # loaded only when spelling is checked

        self.lexicon = simplemma
        self.extra = {w.lower() for term in (glossary.terms if glossary else ())
                      for rendering in term.renderings for w in _WORD.findall(rendering)}
        self._checker = None
        self.verdicts: dict[str, bool] = {}
        self.known: set[str] = set()  # the words found good so far: most segments hold no other
        self.guesses: dict[str, str | None] = {}

    @property
    def checker(self):
        """pyspellchecker, loaded on the first word simplemma does not know."""
        if self._checker is None:
            from spellchecker import SpellChecker

            self._checker = SpellChecker(language="en", distance=1)
        return self._checker

    def unknown(self, word: str) -> bool:
        verdict = self.verdicts.get(word)
        if verdict is None:
            verdict = self.verdicts[word] = self._unknown(word)
            if not verdict:
                self.known.add(word)
        return verdict

    def _unknown(self, word: str) -> bool:
        if len(word) < 2 or word.isupper() or any(c.isupper() for c in word[1:]):
            return False  # single letters, acronyms (CPC), inner capitals (WeChat)
        lower = word.lower()
        if "'" in lower or "’" in lower:
            lower = _POSSESSIVE.sub("", lower.replace("’", "'"))
        if lower in self.extra or self.lexicon.is_known(lower, lang="en"):
            return False
        if word[0].isupper() and is_pinyin(lower):
            return False
        return lower not in self.checker.word_frequency.dictionary and \
            lower.split("'")[0] not in self.checker.word_frequency.dictionary

    def suggestion(self, word: str) -> str | None:
        """A correction for a lower-case word (for names the dictionary's guesses are noise)."""
        if word not in self.guesses:
            guess = None if word[0].isupper() else self.checker.correction(word)
            self.guesses[word] = None if guess == word else guess
        return self.guesses[word]


@register("spelling", "warning")
def spelling(item: Entry, context: Context) -> Iterator[str]:
    """A word of the English that no dictionary, glossary or pinyin reading knows."""
    speller = context.shared.get("speller")
    if speller is None:
        speller = context.shared["speller"] = Speller(context.glossary)
    text = item.msgstr
    if any(mark in text for mark in _SKIP_MARKS):
        text = _SKIP.sub(" ", text)
    words = _WORD.findall(text)
    if speller.known.issuperset(words):
        return
    unknown = [word for word in dict.fromkeys(words) if speller.unknown(word)]
    if unknown:
        in_source = {w.lower() for w in _WORD.findall(item.msgid)}
        for word in unknown:
            if word.lower() not in in_source:
                guess = speller.suggestion(word)
                yield f"unknown word \"{word}\"" + (f" (did you mean \"{guess}\"?)" if guess else "")
