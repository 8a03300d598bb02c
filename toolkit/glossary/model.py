"""Terms and the glossary object: Chinese matching through one Aho-Corasick automaton, English through toolkit.english."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

import ahocorasick

from toolkit.english import Phrase, Words, analyse_cached, folded_text, phrase




TERM_TYPES = ("term", "slogan", "idiom", "org", "place", "person", "title", "other")
COLUMNS = ("source", "target", "variants", "forbidden", "type", "note")
REQUIRED = ("source", "target")
SEPARATOR = "|"
GLOSSARY_SUFFIXES = (".csv", ".tbx")


@dataclass(frozen=True)
class Term:
    """One glossary entry: a Chinese term and how it may (and may not) be rendered."""

    source: str
    target: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    type: str = "term"
    note: str = ""
    path: str = ""
    line: int | None = None

    @cached_property
    def renderings(self) -> tuple[str, ...]:
        """Every approved rendering, the preferred one first."""
        return (self.target, *self.variants)

    @cached_property
    def lowered_renderings(self) -> tuple[str, ...]:
        """The renderings in lower case, as a check first looks for them word for word."""
        return tuple(rendering.lower() for rendering in self.renderings)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class TermMatch(NamedTuple):
    """A term found in a source text; ``source[start:end]`` is the term, so other checks can skip those characters.

    A named tuple: the checks make one per term occurrence, and a tuple is the cheapest record to make."""

    term: Term
    start: int
    end: int


class Glossary:
    """Terms in load order; the first term with a given source is the one matched."""

    def __init__(self, terms: Iterable[Term] = ()):
        self.terms: list[Term] = list(terms)
        self._phrases: dict[str, Phrase] = {}
        # A check asks rendering_in then forbidden_in for the same term and translation: compute once.
        self._occurrences = lru_cache(maxsize=64)(self._find_occurrences)

    @classmethod
    def load(cls, paths: Iterable[str | Path], *, empty_folders: bool = False) -> "Glossary":
        """Terms from CSV and TBX files, or from every such file in the folders given (sorted by name);
        ``empty_folders`` as in :func:`toolkit.glossary.load.glossary_files`."""
        from toolkit.glossary.load import glossary_files, read_glossary_file  # load builds on this module

        terms: list[Term] = []
        for path in glossary_files(paths, empty_folders=empty_folders):
            terms.extend(read_glossary_file(path))
        return cls(terms)

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @cached_property
    def by_source(self) -> dict[str, Term]:
        """The matched term for each source string (the first loaded where a source is duplicated)."""
        found: dict[str, Term] = {}
        for term in self.terms:
            found.setdefault(term.source, term)
        return found

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        """Keys are the sources' UTF-8 bytes (one latin-1 character per byte), and so is each text searched.

        pyahocorasick scans a node's children one by one: over characters, the
        root of a 20,000-term glossary has thousands of children and every step
        of a search pays for them. Over UTF-8 bytes no node has more than 64,
        and as UTF-8 is self-synchronising a key only ever matches whole characters.
        """
        automaton = ahocorasick.Automaton()
        for source, term in self.by_source.items():
            key = _bytes(source)
            automaton.add_word(key, (len(key), term))
        automaton.make_automaton()
        return automaton

    def matches(self, source: str) -> list[TermMatch]:
        """Every term occurrence in the text, leftmost-longest: terms nested in a longer match do not count."""
        if not self.by_source or not source:
            return []
        encoded = _bytes(source)
        # Hits come in order of their end. Keep the leftmost-longest selection of the hits so far: a hit
        # starting inside a kept match is dropped, one starting before kept matches replaces them (it
        # starts further left or, at the same start, is longer). No sort, no tuple per nested hit, and
        # the last kept match at hand, as most hits start after it.
        # (Not pyahocorasick's iter_long, which misses matches reached through failure links.)
        kept: list[tuple[int, int, Term]] = []  # (first byte, end byte, term)
        kept_start = kept_end = -1  # the last kept match's
        for last, (size, term) in self._automaton.iter(encoded):
            start = last + 1 - size
            if start > kept_start:
                if start < kept_end:
                    continue
            else:
                keep = len(kept)
                while keep and kept[keep - 1][0] >= start:
                    keep -= 1
                if keep and kept[keep - 1][1] > start:
                    continue
                del kept[keep:]
            kept_start, kept_end = start, last + 1
            kept.append((start, kept_end, term))
        # A kept match starts at the first occurrence of its term at or after the end of the one before:
        # an earlier occurrence would have been kept itself. So finding it gives its character offset,
        # without counting the characters that the bytes before it stand for.
        chosen: list[TermMatch] = []
        at = 0
        for _, _, term in kept:
            at = source.find(term.source, at)
            chosen.append(TermMatch(term, at, at + len(term.source)))
            at += len(term.source)
        return chosen

    def all_matches(self, text: str) -> list[Term]:
        """Every term occurring in the text, nested and overlapping ones included (for lint, not for checks)."""
        if not self.by_source or not text:
            return []
        return [term for _, (_, term) in self._automaton.iter(_bytes(text))]

    def occurring(self, texts: Iterable[str]) -> set[str]:
        """The sources of the terms that occur anywhere in the texts, nested occurrences included."""
        return {term.source for text in texts for term in self.all_matches(text)}

    def rendering_in(self, term: Term, translation: str) -> str | None:
        """The first approved rendering (target, then variants) present in the translation, or None.

        An occurrence lying inside a longer forbidden rendering does not count:
        with the variant "family" and the forbidden "maiden family", the text
        "maiden family" has no approved rendering.

        A rendering's pattern is compiled the first time it may settle a
        question: that costs about one analysis of a translation, which the
        question would need otherwise (on a 10,000-entry catalog, waiting for
        a few questions first cost 140 more analyses and the same 64 compiles).
        """
        candidates = self._candidates(term.renderings, translation)
        if not candidates:
            return None
        if self._surely_absent(term.forbidden, translation):  # then none can hide an approved one
            for rendering in candidates:
                found = self._phrase(rendering).found_in(translation)
                if found is None:
                    break  # only the analysis can tell
                if found:
                    return rendering
            else:
                return None
        approved, _ = self._occurrences(term, translation)
        return next((rendering for rendering in term.renderings if rendering in approved), None)

    def forbidden_in(self, term: Term, translation: str) -> list[str]:
        """The forbidden renderings present in the translation (not counting those inside a longer approved one)."""
        if self._surely_absent(term.forbidden, translation):
            return []  # the translation need not be analysed for the approved ones
        _, forbidden = self._occurrences(term, translation)
        return [rendering for rendering in term.forbidden if rendering in forbidden]

    def _phrase(self, rendering: str) -> Phrase:
        found = self._phrases.get(rendering)
        if found is None:
            found = self._phrases[rendering] = phrase(rendering)
        return found

    def _find_occurrences(self, term: Term, translation: str) -> tuple[set[str], set[str]]:
        """Approved and forbidden renderings present, where an occurrence inside a longer one of the other kind is dropped.

        Renderings surely absent are left out before the translation is analysed (often it need not be).
        """
        approved = self._candidates(term.renderings, translation)
        forbidden = self._candidates(term.forbidden, translation)
        if not approved and not forbidden:
            return set(), set()
        words = analyse_cached(translation)
        approved_spans = self._spans(approved, words)
        forbidden_spans = self._spans(forbidden, words)
        return _outside(approved_spans, forbidden_spans), _outside(forbidden_spans, approved_spans)

    def _candidates(self, renderings: tuple[str, ...], translation: str) -> list[str]:
        """The renderings that may occur in the translation (the others surely do not)."""
        if not renderings:
            return []
        folded = folded_text(translation)
        return [rendering for rendering in renderings if self._phrase(rendering).may_occur_in(folded)]

    def _surely_absent(self, renderings: tuple[str, ...], translation: str) -> bool:
        """None of the renderings is in the translation, as settled without analysing it."""
        if not renderings:
            return True
        folded = folded_text(translation)
        for rendering in renderings:
            wanted = self._phrase(rendering)
            if wanted.may_occur_in(folded) and wanted.found_in(translation) is not False:
                return False
        return True

    def _spans(self, renderings: Iterable[str], words: Words) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        for rendering in renderings:
            wanted = self._phrase(rendering).words
            starts = words.find(wanted)
            if starts:
                found[rendering] = [(start, start + len(wanted)) for start in starts]
        return found


def _outside(spans: dict[str, list[tuple[int, int]]], others: dict[str, list[tuple[int, int]]]) -> set[str]:
    """Renderings with at least one occurrence not strictly inside a longer occurrence from ``others``."""
    covers = [span for found in others.values() for span in found]

    def inside(start: int, end: int) -> bool:
        return any(o_start <= start and end <= o_end and o_end - o_start > end - start for o_start, o_end in covers)

    return {rendering for rendering, found in spans.items() if any(not inside(*span) for span in found)}


def _bytes(text: str) -> str:
    """The text's UTF-8 bytes as latin-1 characters: what the automaton's keys are made of."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")
