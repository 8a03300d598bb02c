"""What the cost model knows about each unit: its length and the anchors a translation keeps.

Anchors are numbers of equal value, glossary terms whose approved rendering
is present, names in pinyin, Latin-script words and quotations.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple, Sequence

from toolkit import pinyin
from toolkit.align.lexical import Words, chinese_words, english_words
from toolkit.align.recent import Recent
from toolkit.glossary import Glossary, Term
from toolkit.numbers import chinese_quantities, english_quantities

# Captions, bylines and credits: translations often leave them out.
OMISSIBLE_KINDS = ("caption", "byline", "credit")
# A word seen this often in pyspellchecker's corpus is English, not a name in pinyin (women, change, hang).
COMMON_WORD_COUNT = 1000

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
NAME_TOKEN = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)*\b")
CHINESE_QUOTES = re.compile(r"[“「『《]")
ENGLISH_QUOTES = re.compile(r"“|\"(?=\w)")
ENGLISH_HEADING_END = re.compile(r"\w[\"'”’)\]]*$")
# A quotation broken off by its attribution ("…," she said.), and a sentence opening a quotation.
INTERRUPTED_QUOTATION = re.compile(r"[,?!…—–-][\"”]\s+[a-z][^\"“”]*$")
OPENING_QUOTATION = re.compile(r"^[\"“]")
# Double quotes of either language; a straight one opens at the start or after a space or bracket.
QUOTE_MARK = re.compile(r"[“”「」『』\"]")
OPENERS = "“「『"


@cache
def _english_words() -> frozenset[str]:
    """Common English words (pyspellchecker's list also holds Chongqing and Zhangjiakou, but as rare words)."""
    from spellchecker import SpellChecker

    frequency = SpellChecker().word_frequency
    return frozenset(word for word in frequency.keys() if frequency[word] >= COMMON_WORD_COUNT)


@cache
def name_pattern(name: str) -> re.Pattern[str] | None:
    """A pattern matching the Chinese characters a pinyin name can stand for (Zhangjiakou: 张家口 and homophones)."""
    parses = [parse for parse in pinyin.readings(name) if len(parse) >= 2]
    if not parses:
        return None
    return re.compile("|".join("".join(f"[{pinyin.characters(s)}]" for s in parse) for parse in parses))


def english_names(text: str) -> frozenset[str]:
    """Capitalised words that read as pinyin of two or more syllables and are not common English words."""
    return frozenset(token for token in NAME_TOKEN.findall(text)
                     if len(token) >= 4 and token.lower() not in _english_words() and name_pattern(token))


@dataclass
class Unit:
    """What the cost model knows about a sentence, a paragraph or a run of them."""

    text: str
    length: int
    numbers: Counter[float] = field(default_factory=Counter)  # every value
    strong: Counter[float] = field(default_factory=Counter)  # values not read from "one", "both", 一
    latin: frozenset[str] = frozenset()
    quotes: int = 0
    names: frozenset[str] = frozenset()  # English side
    terms: tuple[Term, ...] = ()  # Chinese side
    heading: bool = False  # a title, heading, byline or caption: in English, ends without punctuation
    omissible: bool = False  # a caption, byline or credit, which translations often leave out
    switches: int = 0  # changes between heading and body within a run
    words: Words = ()  # per dictionary word: its sense forms (Chinese) or its lemma forms (English)
    continues: bool = False  # English: carries on the quotation of the sentence before, after its attribution
    opens: bool = False  # ends inside a quotation it opened (a quoted speech going on in the next sentence)
    closes: bool = False  # starts inside a quotation it closes

    @classmethod
    def combine(cls, units: Sequence["Unit"], whole: bool = True) -> "Unit":
        """One unit for a run; without ``whole``, as the cost model's runs need it: no text, no words."""
        if len(units) == 1:
            return units[0]
        numbers: Counter[float] = Counter()
        strong: Counter[float] = Counter()
        terms: dict[str, Term] = {}
        for unit in units:
            numbers.update(unit.numbers)
            strong.update(unit.strong)
            terms.update((t.source, t) for t in unit.terms)
        return cls(" ".join(u.text for u in units) if whole else "", sum(u.length for u in units), numbers, strong,
                   frozenset().union(*(u.latin for u in units)), sum(u.quotes for u in units),
                   frozenset().union(*(u.names for u in units)), tuple(terms.values()), units[-1].heading,
                   all(u.omissible for u in units),
                   sum(u.switches for u in units) + sum(a.heading != b.heading for a, b in zip(units, units[1:])),
                   tuple(word for unit in units for word in unit.words) if whole else ())


def _value_counts(quantities) -> tuple[Counter[float], Counter[float]]:
    numbers: Counter[float] = Counter()
    strong: Counter[float] = Counter()
    for quantity in quantities:
        value = round(quantity.value, 6)
        numbers[value] += 1
        if not quantity.weak:
            strong[value] += 1
    return numbers, strong


def chinese_unit(text: str, kind: str, glossary: Glossary) -> Unit:
    numbers, strong = _value_counts(chinese_quantities(text))
    terms = {m.term.source: m.term for m in glossary.matches(text)}
    opens, closes = quotation_ends(text)
    return Unit(text, sum(1 for c in text if not c.isspace()), numbers, strong,
                frozenset(w.lower() for w in LATIN_WORD.findall(text)), len(CHINESE_QUOTES.findall(text)),
                terms=tuple(terms.values()), heading=kind != "body", omissible=kind in OMISSIBLE_KINDS,
                words=chinese_words(text), opens=opens, closes=closes)


def english_unit(text: str, latin: frozenset[str] | None = None) -> Unit:
    """The English side's unit; its Latin words only those in ``latin`` (the Chinese text's), when given."""
    numbers, strong = _value_counts(english_quantities(text))
    words = frozenset(w.lower() for w in LATIN_WORD.findall(text))
    opens, closes = quotation_ends(text)
    return Unit(text, len(text), numbers, strong, words if latin is None else words & latin,
                len(ENGLISH_QUOTES.findall(text)), english_names(text), heading=bool(ENGLISH_HEADING_END.search(text)),
                words=english_words(text), opens=opens, closes=closes)


def quotation_ends(text: str) -> tuple[bool, bool]:
    """Whether the text ends inside a quotation it opened, and whether it starts inside one it closes."""
    depth, closes = 0, False
    for match in QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if mark in OPENERS or (mark == '"' and (at == 0 or text[at - 1] in " ([")):
            depth += 1
        elif depth:
            depth -= 1
        else:
            closes = True
    return depth > 0, closes


def continues_quotation(previous: str, sentence: str) -> bool:
    """Whether ``sentence`` goes on with the speech ``previous`` broke off for an attribution.

    "Get in, then," he said at last. "Sit tight." is one turn of dialogue
    that English writes as two sentences; Chinese most often writes it as one
    (“上来吧，”他说，“坐稳了。”) or splits it elsewhere (“上来吧。”他说，“坐稳了。”).
    """
    return bool(INTERRUPTED_QUOTATION.search(previous) and OPENING_QUOTATION.match(sentence))


class Side:
    """A sequence of units, with the combined unit of any short run cached."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self._runs = Recent(self._combine)
        # per boundary k (before unit k): whether it lies inside a quotation; looked up by every link's cost
        self.cuts = tuple(0 < k < len(units) and (units[k - 1].opens or units[k].closes)
                          for k in range(len(units) + 1))

    def __len__(self) -> int:
        return len(self.units)

    def run(self, start: int, count: int) -> Unit:
        return self.units[start] if count == 1 else self._runs[(start, count)]

    def _combine(self, run: tuple[int, int]) -> Unit:
        start, count = run
        return Unit.combine(self.units[start:start + count], whole=False)


class Anchors(NamedTuple):
    """Anchors a link's two sides share, by kind."""

    strong_numbers: int
    weak_numbers: int
    names: int
    latin: int
    terms: int
    quotes: int

    @property
    def strong(self) -> int:
        """Anchors a translation of a different text would rarely share by chance."""
        return self.strong_numbers + self.names + self.latin


@cache
def rendering_keys(term: Term) -> tuple[str, ...]:
    """A cheap test before the glossary's inflection-tolerant one: the start of each rendering's longest word
    (the longest is the least likely to be an irregular verb)."""
    return tuple(max(re.findall(r"[a-z0-9]+", rendering.lower()) or [""], key=len)[:4] for rendering in term.renderings)


def shared(a: Counter[float], b: Counter[float]) -> int:
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[value]) for value, count in a.items() if value in b)

