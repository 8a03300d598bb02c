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
from functools import cached_property, lru_cache
from itertools import chain
from typing import Iterable

from toolkit.memo import remembered

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
_DIGIT = re.compile(r"\d")
# Text made of these characters only reads the same lowered as word_forms reads it word by word: its words
# are ASCII letters and digits, which neither case folding nor normalisation changes.
PLAIN_TEXT = re.compile(r"[\x00-\x7f’‘“”–—…\xa0]*")


@lru_cache(maxsize=1 << 16)
def word_forms(word: str) -> frozenset[str]:
    """The forms a word may stand for: itself (lower case, possessive dropped) and its noun and verb lemmas."""
    word = unicodedata.normalize("NFKC", word).translate(APOSTROPHES).casefold()
    if word.endswith("'s"):
        word = word[:-2]
    # lemminflect has no word with a digit (a test holds it): figures (1990s, 5G) are not asked of it
    lemmas = None if _DIGIT.search(word) else _lemmas(word)
    if lemmas is None:
        return frozenset({word, *regular_singulars(word)})  # a word lemminflect lacks (counties): the regular rules
    return lemmas | {word}


@remembered("lemminflect")
def _lemmas(word: str) -> frozenset[str] | None:
    """lemminflect's noun and verb lemmas of a word, None when it does not know the word (kept between runs:
    its table, with numpy, costs 0.4 s to load)."""
    from lemminflect import getAllLemmas

    lemmas_by_pos = getAllLemmas(word)
    if not lemmas_by_pos:
        return None
    return frozenset(lemma for pos, lemmas in lemmas_by_pos.items() if pos in LEMMA_POS for lemma in lemmas)


def regular_singulars(word: str) -> set[str]:
    """The singulars a regular English plural may stand for: counties -> county, taxes -> tax, heroes ->
    hero, farms -> farm. For words lemminflect lacks; it knows the irregular ones (craftsmen, analyses)."""
    found = set()
    if len(word) > 4 and word.endswith("ies"):
        found.add(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es") and (word[-3] in "sxzo" or word.endswith(("ches", "shes"))):
        found.add(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ies")):
        found.add(word[:-1])
    return found


def regular_plurals(word: str) -> set[str]:
    """The regular plurals of a singular, the inverse of regular_singulars: county -> counties, tax -> taxes."""
    if not word.isalpha():
        return set()
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return {word[:-1] + "ies"}
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return {word + "es", word + "s"}
    return {word + "s"}


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
analyse_cached = lru_cache(maxsize=256)(analyse)


@dataclass(frozen=True)
class Phrase:
    """A glossary rendering analysed once, with cheap ways to settle most questions about a text.

    Analysing a text costs far more than looking for a few short strings in
    it. ``may_occur_in`` rules a phrase out: for each of its words, ``keys``
    holds the first letters of every spelling that word may take in a text
    (its forms, and the dictionary words whose lemma is one of them: went for
    go), so a text lacking all of them for some word cannot contain the
    phrase. ``found_in`` settles most of the rest with one regular expression.
    Only what neither settles needs ``Words.find``.
    """

    words: Words
    keys: tuple[tuple[str, ...], ...]
    spellings: tuple[tuple[str, ...], ...]  # per word, those of its spellings made of ASCII letters and digits
    exact: bool  # no spelling has an inner apostrophe: in plain text, spellings are all the word may be

    def may_occur_in(self, folded: str | None) -> bool:
        """False only when the phrase is surely absent from the text ``folded_text`` returned."""
        if folded is None:
            return True
        for keys in self.keys:  # (plain loops: this runs for every term in every segment)
            for key in keys:
                if key in folded:
                    break
            else:
                return False
        return True

    def found_in(self, text: str) -> bool | None:
        """Whether the phrase is in a plain text, as Words.find would say; None when only the analysis can tell.

        Plain text (ASCII, curly quotes, dashes, ellipses, no-break spaces)
        reads the same lowered as word_forms reads it word by word, so the
        phrase is there exactly where its words' spellings stand joined by
        what JOINERS allows; a spelling with an apostrophe inside leaves
        absence unsettled.
        """
        if self._pattern is None:
            return None
        searched = _searchable(text)
        if searched is None:
            return None
        if self._pattern.search(searched):
            return True
        return False if self.exact else None

    @cached_property
    def _pattern(self) -> re.Pattern | None:
        """Compiled on first use (most renderings are never asked about in a text that may contain them)."""
        if not self.words.forms or not all(self.spellings) or len(set(self.words.runs)) > 1:
            return None  # no words, one never plainly spelt, or punctuation inside: left to the analysis
        first, *rest = self.spellings
        by_letter: dict[str, list[str]] = defaultdict(list)
        for spelling in first:
            by_letter[spelling[0]].append(spelling[1:])
        # Each alternative for the first word starts with a literal (the engine then skips ahead to the
        # letters that may begin a match), the word start being checked behind that first letter: once per
        # letter, as the spellings of a word mostly share it (trade, trading).
        started = "|".join(letter + _STARTED_WORD + _either(tails) for letter, tails in by_letter.items())
        return re.compile(f"(?:{started})" + _WORD_END + "".join(_JOINED + _either(words) + _WORD_END for words in rest))


def _either(spellings: Iterable[str]) -> str:
    """A group matching any of the spellings, the longest tried first."""
    return "(?:" + "|".join(sorted(spellings, key=len, reverse=True)) + ")"


# The pieces of Phrase._pattern, over the text _searchable makes. A word starts where no letter or digit,
# nor one and an apostrophe, runs into it (checked after its first letter); it may end in a possessive 's
# (which word_forms drops); no letter or digit, nor an apostrophe and one, may follow. Between words only
# what JOINERS allows in plain text.
_STARTED_WORD = r"(?<![a-z0-9].)(?<![a-z0-9]['`].)"
_WORD_END = r"(?:['`]s)?(?![a-z0-9])(?!['`][a-z0-9])"
_JOINED = r"[\s\-\"'`]+"
# Plain text's curly quotes, en dash and no-break space as the ASCII characters they count as, so that the
# pattern's classes are ASCII only: a class holding a character beyond Latin-1 costs the compiler a
# table for it, and the patterns compiled some eight times slower.
_AS_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "\xa0": " "})


@lru_cache(maxsize=64)
def _searchable(text: str) -> str | None:
    """A plain text lowered, with _AS_ASCII's replacements, as Phrase patterns search it; None when the text
    is not plain. Cached: the patterns of every term of a segment search the same translation."""
    return text.lower().translate(_AS_ASCII) if PLAIN_TEXT.fullmatch(text) else None
_PLAIN_SPELLING = re.compile(r"[a-z0-9]+")
_APOSTROPHE_SPELLING = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)+")


@remembered("lemminflect")
def phrase(text: str) -> Phrase:
    """A rendering analysed for matching in many texts (kept between runs: a glossary's renderings are
    analysed once, not on every check)."""
    words = analyse(text)
    spellings = [{spelling for spelling in forms.union(*map(_inflections, forms),
                                                       *(regular_plurals(form) for form in forms))
                  if not word_forms(spelling).isdisjoint(forms)} for forms in words.forms]
    return Phrase(
        words,
        keys=tuple(_fewest_keys({_key(spelling) for spelling in spelt}) for spelt in spellings),
        spellings=tuple(tuple(sorted(filter(_PLAIN_SPELLING.fullmatch, spelt))) for spelt in spellings),
        exact=not any(_APOSTROPHE_SPELLING.fullmatch(spelling) for spelt in spellings for spelling in spelt),
    )


@lru_cache(maxsize=64)
def folded_text(text: str) -> str | None:
    """The text as the keys of a Phrase are looked for in it, or None when they cannot be trusted there.

    Case folding maps each character on its own, so each word's folded form is
    part of the folded text, provided NFKC normalisation (which word_forms
    applies to each word first) leaves every word as it is: checked on the
    text, else on the text with all but its words blanked out (an ellipsis or
    a no-break space between words changes under NFKC, but is never read).
    """
    if unicodedata.is_normalized("NFKC", text) or unicodedata.is_normalized("NFKC", _BETWEEN_WORDS.sub(" ", text)):
        return text.casefold()
    return None


_BETWEEN_WORDS = re.compile(r"[^\w'’ʼ‘`´]|_")


def _key(spelling: str) -> str:
    """The first letters of a spelling, up to any apostrophe (texts write them in several ways)."""
    return APOSTROPHE_LIKE.split(spelling[:KEY_LENGTH], 1)[0]


def _fewest_keys(keys: set[str]) -> tuple[str, ...]:
    """The keys without those that contain another (a text with "goes" has "go")."""
    kept: list[str] = []
    for key in sorted(keys, key=len):
        if not any(shorter in key for shorter in kept):
            kept.append(key)
    return tuple(kept)


@remembered("lemminflect")
def _inflections(lemma: str) -> frozenset[str]:
    """Every word lemminflect lemmatises to the lemma (kept between runs, as its inverted table is costly)."""
    return _words_by_lemma().get(lemma, frozenset())


@lru_cache(maxsize=1)
def _words_by_lemma() -> dict[str, frozenset[str]]:
    """Lemma -> every word that lemminflect's lookup tables lemmatise to it (went, gone, goes -> go).

    Read from the tables getAllLemmas consults, so no inflection it knows is
    missed; lower case, as word_forms asks.
    """
    from lemminflect import Lemmatizer

    lemmatizer = Lemmatizer()
    found: defaultdict[str, set[str]] = defaultdict(set)
    for word, by_pos in chain(lemmatizer._getLemmaDict().items(), lemmatizer._getOverridesDict().items()):
        for pos, lemmas in by_pos.items():
            if pos in LEMMA_POS:
                for lemma in lemmas:
                    found[lemma.lower()].add(word.lower())
    return {lemma: frozenset(words) for lemma, words in found.items()}


def same_phrase(first: str, second: str) -> bool:
    """Whether two phrases match each other word for word (equal as far as glossary matching can tell)."""
    a, b = analyse(first), analyse(second)
    return len(a) == len(b) > 0 and a.find(b) == [0]
