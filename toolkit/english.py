"""English words for glossary matching: tolerant of case, quotes, hyphens and inflection, never of word boundaries.

A text is analysed once into words, each with the set of forms it may stand
for (itself and its noun and verb lemmas from lemminflect); a phrase is
present where consecutive words share a form with the phrase's words. So
"model workers' team" contains "model worker team", "craftsmen" contains
"craftsman", "domestic-service" contains "domestic service", and "reunion"
never contains "union", because only whole words are compared.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from lemminflect import getAllLemmas

# A word: letters and digits, with inner apostrophes (Xi'an, don't); hyphens, dashes and quotes separate words.
WORD = re.compile(r"[^\W_]+(?:['’ʼ‘`´][^\W_]+)*")
# What may stand between the words of one phrase: space, hyphens and en dashes, quotes (not commas, stops, brackets).
JOINERS = re.compile(r"[\s\-‐‑‒–\"“”„'‘’«»‹›`´ʼ]*")
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
# Lemmas of these parts of speech cover plurals and verb forms; adjective lemmas would make "better" = "good".
LEMMA_POS = ("NOUN", "VERB", "AUX", "PROPN")


@lru_cache(maxsize=1 << 16)
def word_forms(word: str) -> frozenset[str]:
    """The forms a word may stand for: itself (lower case, possessive dropped) and its noun and verb lemmas."""
    word = unicodedata.normalize("NFKC", word).translate(APOSTROPHES).casefold()
    if word.endswith("'s"):
        word = word[:-2]
    forms = {word}
    for pos, lemmas in getAllLemmas(word).items():
        if pos in LEMMA_POS:
            forms.update(lemmas)
    return frozenset(forms)


@dataclass(frozen=True)
class Words:
    """A text split into words, with each word's forms, its run and an index from form to positions.

    A run is a stretch of words joined only by spaces, hyphens or quotes: a
    phrase never matches across a comma or a full stop, so "consumption, poverty
    alleviation" does not contain "consumption poverty alleviation".
    """

    forms: tuple[frozenset[str], ...]
    runs: tuple[int, ...]  # run number of each word: it grows at every punctuation break
    index: dict[str, list[int]] = field(repr=False, compare=False, hash=False)

    def __len__(self) -> int:
        return len(self.forms)

    def find(self, phrase: "Words") -> list[int]:
        """Word positions where the phrase starts, in text order."""
        if not phrase.forms:
            return []
        first, rest = phrase.forms[0], phrase.forms[1:]
        starts: set[int] = set()
        for form in first:
            starts.update(self.index.get(form, ()))
        limit = len(self.forms) - len(rest)
        return sorted(
            start for start in starts
            if start < limit and all(not self.forms[start + 1 + k].isdisjoint(want) for k, want in enumerate(rest))
            and self._breaks_allowed(start, phrase)
        )

    def _breaks_allowed(self, start: int, phrase: "Words") -> bool:
        """Punctuation inside the match only where the phrase itself has it."""
        last = start + len(phrase) - 1
        if self.runs[last] == self.runs[start]:
            return True
        return all(self.runs[start + k] == self.runs[start + k - 1] or phrase.runs[k] != phrase.runs[k - 1]
                   for k in range(1, len(phrase)))


def analyse(text: str) -> Words:
    """Split a text into words and their forms; see ``analyse_cached`` for repeated texts."""
    forms, runs = [], []
    index: defaultdict[str, list[int]] = defaultdict(list)
    run, previous_end = 0, 0
    for position, match in enumerate(WORD.finditer(text)):
        gap, previous_end = text[previous_end:match.start()], match.end()
        if position and not JOINERS.fullmatch(gap):
            run += 1
        runs.append(run)
        word = word_forms(match.group())
        forms.append(word)
        for form in word:
            index[form].append(position)
    return Words(tuple(forms), tuple(runs), index)


# A checker asks about many terms in the same translation: analyse each translation once.
analyse_cached = lru_cache(maxsize=4096)(analyse)


def same_phrase(first: str, second: str) -> bool:
    """Whether two phrases match each other word for word (equal as far as glossary matching can tell)."""
    a, b = analyse(first), analyse(second)
    return len(a) == len(b) > 0 and a.find(b) == [0]
