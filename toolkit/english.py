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
    """A text split into words, with each word's forms and an index from form to positions."""

    forms: tuple[frozenset[str], ...]
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
        )


def analyse(text: str) -> Words:
    """Split a text into words and their forms; see ``analyse_cached`` for repeated texts."""
    forms = tuple(map(word_forms, WORD.findall(text)))
    index: defaultdict[str, list[int]] = defaultdict(list)
    for position, word in enumerate(forms):
        for form in word:
            index[form].append(position)
    return Words(forms, index)


# A checker asks about many terms in the same translation: analyse each translation once.
analyse_cached = lru_cache(maxsize=4096)(analyse)


def same_phrase(first: str, second: str) -> bool:
    """Whether two phrases match each other word for word (equal as far as glossary matching can tell)."""
    a, b = analyse(first), analyse(second)
    return len(a) == len(b) > 0 and a.find(b) == [0]
