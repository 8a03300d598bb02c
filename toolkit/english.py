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
from itertools import chain

from lemminflect import Lemmatizer, getAllInflections, getAllLemmas

# A word: letters and digits, with inner apostrophes (Xi'an, don't); hyphens, dashes and quotes separate words.
WORD = re.compile(r"[^\W_]+(?:['’ʼ‘`´][^\W_]+)*")
# What may stand between the words of one phrase: space, hyphens and en dashes, quotes (not commas, stops, brackets).
JOINERS = re.compile(r"[\s\-‐‑‒–\"“”„'‘’«»‹›`´ʼ]*")
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
# Lemmas of these parts of speech cover plurals and verb forms; adjective lemmas would make "better" = "good".
LEMMA_POS = ("NOUN", "VERB", "AUX", "PROPN")
# How many leading letters of a word the presence test looks for (inflections mostly keep them: craftsm-an/-en).
KEY_LENGTH = 4
APOSTROPHE_LIKE = re.compile("['’ʼ‘`´]")
# Text made of these characters only reads the same lowered as word_forms reads it word by word: no
# normalisation changes it, and its word characters are ASCII letters and digits.
PLAIN_TEXT = re.compile(r"[\x00-\x7f’‘“”–—]*")


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


@dataclass(frozen=True)
class Phrase:
    """A glossary rendering analysed once, with what a text must contain for it to be there at all.

    Analysing a text costs far more than looking for a few short strings in
    it, and most renderings asked about are absent: ``may_occur_in`` rules
    them out first. For each word of the phrase, ``keys`` holds the first
    letters of every form that word may take in a text (its forms, and the
    dictionary words whose lemma is one of them: went for go), so a text
    lacking all of them for some word cannot contain the phrase.
    """

    words: Words
    keys: tuple[frozenset[str], ...]
    pattern: re.Pattern | None = None  # see surely_in

    def may_occur_in(self, folded: str | None) -> bool:
        """False only when the phrase is surely absent from the text ``folded_text`` returned."""
        return folded is None or all(any(key in folded for key in keys) for keys in self.keys)

    def surely_in(self, text: str) -> bool:
        """True when the phrase is certainly in the text; False means only "not known without analysis".

        The common case, a plain text with the phrase's words in their usual
        inflections joined by spaces, hyphens or quotes, is one regular
        expression search; ``Words.find`` would find the same occurrence.
        """
        return self.pattern is not None and PLAIN_TEXT.fullmatch(text) is not None \
            and self.pattern.search(folded_text(text)) is not None


def phrase(text: str) -> Phrase:
    words = analyse(text)
    irregular = _irregular_forms()
    surfaces = [_surfaces(forms, irregular.get) for forms in words.forms]
    pattern = None
    if words.forms and all(surfaces) and len(set(words.runs)) == 1:
        pattern = re.compile(_NOT_AFTER_WORD + _JOINED.join(
            "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")" + _WORD_END for words in surfaces))
    return Phrase(words, tuple(
        frozenset(_key(form) for form in chain(forms, *(irregular.get(f, ()) for f in forms)))
        for forms in words.forms), pattern)


# The pieces of Phrase.pattern, over plain lowered text: a word starts where no word (letters, or letters and
# an inner apostrophe) runs into it, may end in a possessive 's, and nothing word-like may follow it;
# between words only what JOINERS allows.
_NOT_AFTER_WORD = r"(?<![a-z0-9'’‘`])"
_WORD_END = r"(?:['’‘`]s)?(?![a-z0-9])(?!['’‘`][a-z0-9])"
_JOINED = r"[\s\-–\"“”'‘’`]+"


def _surfaces(forms: frozenset[str], irregular) -> list[str]:
    """The usual spellings of a phrase word (its forms and their inflections), plain lower-case letters and
    digits only, each checked with word_forms to stand for the phrase word."""
    candidates = set(forms)
    for form in forms:
        candidates.update(irregular(form, ()))
        candidates.update(w.lower() for spellings in getAllInflections(form).values() for w in spellings)
    return sorted(w for w in candidates
                  if w.isascii() and w.isalnum() and w == w.lower() and not word_forms(w).isdisjoint(forms))


@lru_cache(maxsize=64)
def folded_text(text: str) -> str | None:
    """The text as the keys of a Phrase are looked for in it, or None when they cannot be trusted there.

    Case folding maps each character on its own, so a word's folded form is
    part of the folded text; NFKC normalisation (which word_forms applies too)
    may join characters across word boundaries, so it must leave the text alone.
    """
    return text.casefold() if unicodedata.is_normalized("NFKC", text) else None


def _key(form: str) -> str:
    """The first letters of a form, up to any apostrophe (texts write them in several ways)."""
    return APOSTROPHE_LIKE.split(form[:KEY_LENGTH], 1)[0]


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, frozenset[str]]:
    """Lemma -> the dictionary words that lemmatise to it but do not start with its key (was, were -> be).

    Read from lemminflect's own lookup tables (what getAllLemmas consults), so
    no inflection it knows is missed; lemmas are lower case, as word_forms asks.
    """
    lemmatizer = Lemmatizer()
    found: defaultdict[str, set[str]] = defaultdict(set)
    for word, by_pos in chain(lemmatizer._getLemmaDict().items(), lemmatizer._getOverridesDict().items()):
        for pos, lemmas in by_pos.items():
            if pos in LEMMA_POS:
                for lemma in lemmas:
                    if not word.lower().startswith(_key(lemma.lower())):
                        found[lemma.lower()].add(word.lower())
    return {lemma: frozenset(words) for lemma, words in found.items()}


def same_phrase(first: str, second: str) -> bool:
    """Whether two phrases match each other word for word (equal as far as glossary matching can tell)."""
    a, b = analyse(first), analyse(second)
    return len(a) == len(b) > 0 and a.find(b) == [0]
