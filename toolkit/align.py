"""Aligning an existing English translation to the Chinese segments of its source.

Translations arrive paragraph by paragraph, never sentence by sentence. Two
passes of one banded dynamic programme turn them into catalog entries:
paragraphs first (the English may merge or split them), then sentences inside
each group of aligned paragraphs (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1).

A link costs what the Gale–Church length model says about its English
characters against its Chinese characters (ratio and variance estimated from
the two texts), minus a bonus for every anchor both sides share: numbers of
equal value, glossary terms whose approved rendering is present, names in
pinyin, Latin-script words and quotations. The band follows the cheapest cell
of the previous row and widens when the best path touches its edge, so time
grows linearly with the text. Forward–backward over the same band gives each
link's posterior probability: the confidence written to the catalog.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Sequence

from toolkit.po import Catalog, TRANSLATED, entry_status, index_entries, merge_catalog, read_catalog, write_catalog
from toolkit.config import Config, load_config
from toolkit.errors import InputError, UsageError
from toolkit.files import atomic_path
from toolkit.glossary import Glossary, Term
from toolkit.memory import collector_paused
from toolkit.numbers import chinese_quantities, english_quantities
from toolkit.segment import SourceDocument, build_catalog, parse_source, read_source
from toolkit.text import HAN

Move = tuple[int, int]

# Prior probabilities of each kind of link (Chinese units, English units).
PARAGRAPH_MOVES: dict[Move, float] = {
    (1, 1): 0.90, (2, 1): 0.04, (1, 2): 0.03, (3, 1): 0.01, (1, 3): 0.006,
    (4, 1): 0.003, (1, 4): 0.002, (1, 0): 0.004, (0, 1): 0.004,
}
SENTENCE_MOVES: dict[Move, float] = {
    (1, 1): 0.85, (1, 2): 0.07, (2, 1): 0.05, (2, 2): 0.002, (1, 3): 0.012, (3, 1): 0.006,
    (1, 0): 0.006, (0, 1): 0.006,
}
# Bonus, in nats of the cost, for each anchor a link's two sides share.
NUMBER_BONUS = 2.5
WEAK_NUMBER_BONUS = 0.5
NAME_BONUS = 2.0
LATIN_BONUS = 2.0
TERM_BONUS = 1.0
QUOTE_BONUS = 0.7
# A glossary term is an anchor only where it is rare: in at most this share of segments (or this many).
RARE_TERM_SHARE = 0.05
RARE_TERM_SEGMENTS = 2
# A sentence link reaching across a paragraph boundary the paragraph pass kept together.
CROSSING_COST = 3.0
# A link whose two sides end differently (one a heading or caption, the other a sentence), or that runs a
# heading into body text, costs this for each such difference.
SHAPE_COST = 2.0
# Leaving out a caption, byline or credit costs this (−log 0.1), whatever its length.
OMISSIBLE_KINDS = ("caption", "byline", "credit")
OMITTED_COST = -math.log(0.1)
# A unit left without counterpart costs its prior plus this per Chinese character (or its English equivalent).
NULL_COST_PER_CHAR = 0.05
# Chinese characters of evidence the document's length ratio is worth against a paragraph group's own.
RATIO_SHRINK = 100
# Past this length cost (|δ| ≈ 7) no anchors can make a link likely: they are not looked for.
HOPELESS_COST = 25.0
# Cells each side of the cheapest one of the previous row that the search looks at (it widens when needed).
BAND = 3
# Paragraph counts further apart than this factor are not paired: sentences are aligned over the whole text.
PARAGRAPHS_APART = 2
# The sentence length model's wide component: its share, and its spread against the narrow one.
WIDE_SHARE = 0.1
WIDE_SPREAD = 3.0
# Below this the report lists a link among those to check first.
LOW_CONFIDENCE = 0.5
# A translation of this source shares this fraction of its anchors with it, or more (0.8 is usual);
# its length is within these bounds per Chinese character (2.5 to 5 is usual).
MIN_ANCHOR_AGREEMENT = 0.2
MIN_ANCHORS_TO_JUDGE = 6
MIN_RATIO, MAX_RATIO = 1.0, 12.0
# Gale–Church's variance per character (6.8), scaled by the squared ratio, bounds the estimate.
GALE_CHURCH_VARIANCE = 6.8
MAX_VARIANCE_FACTOR = 8.0

# A word seen this often in pyspellchecker's corpus is English, not a name in pinyin (women, change, hang).
COMMON_WORD_COUNT = 1000
WRAPPED_WIDTH = 120
MARKDOWN_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)")
MARKDOWN_EMPHASIS = re.compile(r"^(\*\*|\*|__|_)(.+)\1$")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
NAME_TOKEN = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)*\b")
CHINESE_QUOTES = re.compile(r"[“「『《]")
ENGLISH_QUOTES = re.compile(r"“|\"(?=\w)")
ENGLISH_HEADING_END = re.compile(r"\w[\"'”’)\]]*$")
SENTENCE_BREAK = re.compile(r"(?P<word>\S*?)(?P<end>[.!?]+)['’)\]]*\s+(?=[‘'(\[]?[A-Z0-9])")
DOUBLE_QUOTE = re.compile(r"[\"“”]")
OPENING_QUOTES = re.compile(r"(?:(?<=\s)[\"“]|^[\"“]|“)*$")
CLOSING_QUOTE = re.compile(r"^(?:”|\"(?=\s|$))+")
ELLIPSIS_BREAK = re.compile(r"(?:…|\.\.\.)[\"”’)]*\s+(?=[\"“‘(]?[A-Z])")
NOTE_PREFIX = "align:"


# --- reading the English ---------------------------------------------------------------------


@dataclass(frozen=True)
class EnglishParagraph:
    text: str
    line: int
    sentences: tuple[str, ...]


@cache
def _sentence_splitter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


@cache
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    return frozenset(English.Abbreviation.ABBREVIATIONS)


def split_english(text: str) -> list[str]:
    """English sentences, by pysbd's rules (abbreviations, decimals and initials end none) and the Chinese ones.

    As the Chinese rules do, a sentence ends inside a quotation too (pysbd
    keeps a quotation whole, so it reads the text with double quotes masked,
    then hands each closing quote back to its sentence), and an ellipsis
    before a capital ends one. pysbd is slow (it compiles regular expressions
    as it goes), so a paragraph none of whose full stops follows an
    abbreviation, an initial or a dotted word is cut at its terminators
    directly, as pysbd would cut it.
    """
    text = " ".join(text.split())
    masked = DOUBLE_QUOTE.sub(" ", text)
    breaks = list(SENTENCE_BREAK.finditer(masked))
    if any(_doubtful(match, masked) for match in breaks):
        starts = [span.start for span in _sentence_splitter().segment(masked)]
    else:
        starts = [match.end() for match in breaks]
    starts += [match.end() for match in ELLIPSIS_BREAK.finditer(text)]
    cuts = {0} | {OPENING_QUOTES.search(text, 0, start).start() for start in starts}
    sentences: list[str] = []
    for start, end in zip(sorted(cuts), [*sorted(cuts)[1:], len(text)]):
        sentence = text[start:end].strip()
        closer = CLOSING_QUOTE.match(sentence)
        if closer and sentences:
            sentences[-1] += closer.group(0).rstrip()
            sentence = sentence[closer.end():].strip()
        if sentence:
            sentences.append(sentence)
    return sentences


def _doubtful(match: re.Match[str], text: str) -> bool:
    """A full stop that may not end a sentence: after an abbreviation, initial or dotted word, or before a digit."""
    if "." not in match.group("end"):
        return False
    word = match.group("word").lstrip("('‘[").lower()
    return "." in word or len(word) <= 1 or word in _abbreviations() or text[match.end()].isdigit()


def parse_translation(text: str) -> list[EnglishParagraph]:
    """Paragraphs of a plain-text or Markdown translation.

    Blank lines separate paragraphs. Inside a block, lines are one paragraph
    when the file is hard-wrapped (blank lines between blocks and no line
    longer than 120 characters), else each line is a paragraph (a word
    processor's export). Markdown headings, quotes and list items start a
    paragraph; their markers and emphasis wrapping a whole paragraph are dropped.
    """
    lines = text.strip("\n").split("\n")
    wrapped = any(not line.strip() for line in lines) and max(len(line.rstrip()) for line in lines) <= WRAPPED_WIDTH
    paragraphs: list[EnglishParagraph] = []
    current: list[str] = []
    start = 0

    def flush() -> None:
        if current:
            joined = _strip_markdown(" ".join(current))
            if joined:
                paragraphs.append(EnglishParagraph(joined, start, tuple(split_english(joined))))
            current.clear()

    first_line = len(text) - len(text.lstrip("\n")) + 1
    for number, line in enumerate(lines, start=first_line):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if current and (not wrapped or MARKDOWN_PREFIX.match(line)):
            flush()
        if not current:
            start = number
        current.append(MARKDOWN_PREFIX.sub("", stripped))
        if MARKDOWN_PREFIX.match(line) and line.lstrip().startswith("#"):
            flush()
    flush()
    return paragraphs


def _strip_markdown(text: str) -> str:
    text = " ".join(text.split())
    emphasis = MARKDOWN_EMPHASIS.match(text)
    return emphasis.group(2).strip() if emphasis else text


def read_translation(path: str | Path, encoding: str = "utf-8") -> list[EnglishParagraph]:
    """The paragraphs of an English translation file, or an InputError saying why it cannot be used."""
    path = Path(path)
    try:
        text = read_source(path, encoding)
    except InputError as exc:
        if isinstance(exc.__cause__, UnicodeDecodeError):
            raise InputError(f"not valid {encoding} (save it as UTF-8, or give --translation-encoding)",
                             path=path, line=exc.line) from exc
        raise
    paragraphs = parse_translation(text)
    letters = sum(1 for c in text if c.isalpha())
    if letters and len(HAN.findall(text)) > letters / 3:
        raise InputError("this is Chinese, not an English translation", path=path)
    if not any(p.sentences for p in paragraphs):
        raise InputError("no English sentences", path=path)
    return paragraphs


# --- anchors ---------------------------------------------------------------------------------


@cache
def _syllable_chars() -> dict[str, str]:
    """Each toneless pinyin syllable and every Chinese character that can be read so."""
    from pypinyin.pinyin_dict import pinyin_dict

    @cache
    def toneless(reading: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))

    chars: dict[str, list[str]] = {}
    for code, readings in pinyin_dict.items():
        for reading in readings.split(","):
            plain = toneless(reading)
            if plain.isascii() and plain.isalpha():
                chars.setdefault(plain, []).append(chr(code))
    return {syllable: "".join(sorted(set(found))) for syllable, found in chars.items()}


def _pinyin_parses(word: str) -> list[list[str]]:
    """Every way of reading a romanised word as two or more pinyin syllables (Xi'an: xi an)."""
    syllables = _syllable_chars()
    parts = re.split(r"['’]", word.lower())
    readings: list[list[str]] = [[]]
    for part in parts:
        ways: list[list[list[str]]] = [[] for _ in range(len(part) + 1)]
        ways[0] = [[]]
        for end in range(1, len(part) + 1):
            for begin in range(max(0, end - 6), end):
                if ways[begin] and part[begin:end] in syllables:
                    ways[end].extend(way + [part[begin:end]] for way in ways[begin])
        readings = [r + w for r in readings for w in ways[len(part)]][:16]
    return [r for r in readings if len(r) >= 2]


@cache
def _english_words() -> frozenset[str]:
    """Common English words (pyspellchecker's list also holds Chongqing and Zhangjiakou, but as rare words)."""
    from spellchecker import SpellChecker

    frequency = SpellChecker().word_frequency
    return frozenset(word for word in frequency.keys() if frequency[word] >= COMMON_WORD_COUNT)


@cache
def name_pattern(name: str) -> re.Pattern[str] | None:
    """A pattern matching the Chinese characters a pinyin name can stand for (Zhangjiakou: 张家口 and homophones)."""
    parses = _pinyin_parses(name)
    if not parses:
        return None
    syllables = _syllable_chars()
    return re.compile("|".join("".join(f"[{syllables[s]}]" for s in parse) for parse in parses))


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

    @classmethod
    def combine(cls, units: Sequence["Unit"]) -> "Unit":
        if len(units) == 1:
            return units[0]
        numbers: Counter[float] = Counter()
        strong: Counter[float] = Counter()
        terms: dict[str, Term] = {}
        for unit in units:
            numbers.update(unit.numbers)
            strong.update(unit.strong)
            terms.update((t.source, t) for t in unit.terms)
        return cls(" ".join(u.text for u in units), sum(u.length for u in units), numbers, strong,
                   frozenset().union(*(u.latin for u in units)), sum(u.quotes for u in units),
                   frozenset().union(*(u.names for u in units)), tuple(terms.values()), units[-1].heading,
                   all(u.omissible for u in units),
                   sum(u.switches for u in units) + sum(a.heading != b.heading for a, b in zip(units, units[1:])))


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
    return Unit(text, sum(1 for c in text if not c.isspace()), numbers, strong,
                frozenset(w.lower() for w in LATIN_WORD.findall(text)), len(CHINESE_QUOTES.findall(text)),
                terms=tuple(terms.values()), heading=kind != "body", omissible=kind in OMISSIBLE_KINDS)


def english_unit(text: str) -> Unit:
    numbers, strong = _value_counts(english_quantities(text))
    return Unit(text, len(text), numbers, strong, frozenset(w.lower() for w in LATIN_WORD.findall(text)),
                len(ENGLISH_QUOTES.findall(text)), english_names(text), heading=bool(ENGLISH_HEADING_END.search(text)))


class Side:
    """A sequence of units, with the combined unit of any short run cached."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self._runs: dict[tuple[int, int], Unit] = {}

    def __len__(self) -> int:
        return len(self.units)

    def run(self, start: int, count: int) -> Unit:
        key = (start, count)
        unit = self._runs.get(key)
        if unit is None:
            unit = self._runs[key] = Unit.combine(self.units[start:start + count])
        return unit


class CostModel:
    """The cost of linking a run of Chinese units to a run of English units, in nats."""

    def __init__(self, zh: Side, en: Side, moves: dict[Move, float], glossary: Glossary | None, *,
                 ratio: float, variance: float, wide_share: float, zh_breaks: frozenset[int] = frozenset(),
                 en_breaks: frozenset[int] = frozenset()):
        self.zh, self.en, self.glossary = zh, en, glossary
        self.priors = {move: -math.log(p) for move, p in moves.items()}
        self.ratio, self.variance, self.wide_share = ratio, variance, wide_share
        self.zh_breaks, self.en_breaks = zh_breaks, en_breaks  # unit indices that start a paragraph
        self._pairs: dict[tuple[int, int], tuple[frozenset[str], frozenset[str]]] = {}
        self._names: dict[tuple[str, int], bool] = {}  # (name, Chinese unit)
        self._terms: dict[tuple[str, int], bool] = {}  # (term source, English unit)

    def cost(self, i: int, di: int, j: int, dj: int) -> float:
        prior = self.priors[(di, dj)]
        if not dj:
            zh = self.zh.run(i, di)
            return OMITTED_COST if zh.omissible else prior + NULL_COST_PER_CHAR * zh.length
        if not di:
            return prior + NULL_COST_PER_CHAR * self.en.run(j, dj).length / self.ratio
        zh, en = self.zh.run(i, di), self.en.run(j, dj)
        cost = prior + length_cost(zh.length, en.length, self.ratio, self.variance, self.wide_share)
        if cost > HOPELESS_COST:
            return cost
        if (di > 1 and any(k in self.zh_breaks for k in range(i + 1, i + di))) or (
                dj > 1 and any(k in self.en_breaks for k in range(j + 1, j + dj))):
            cost += CROSSING_COST
        cost += SHAPE_COST * ((zh.heading != en.heading) + zh.switches + en.switches)
        return cost - self.bonus(i, di, j, dj, zh, en)

    def bonus(self, i: int, di: int, j: int, dj: int, zh: Unit, en: Unit) -> float:
        anchors = self.anchors(i, di, j, dj, zh, en)
        return (NUMBER_BONUS * anchors.strong_numbers + WEAK_NUMBER_BONUS * anchors.weak_numbers
                + NAME_BONUS * anchors.names + LATIN_BONUS * anchors.latin + TERM_BONUS * anchors.terms
                + QUOTE_BONUS * anchors.quotes)

    def anchors(self, i: int, di: int, j: int, dj: int, zh: Unit | None = None, en: Unit | None = None
                ) -> "Anchors":
        zh = zh or self.zh.run(i, di)
        en = en or self.en.run(j, dj)
        strong = _shared(zh.strong, en.strong)
        if di == dj == 1:
            names, terms = self._pair(i, j)
            shared_names, shared_terms = len(names), len(terms)
        else:
            pairs = [self._pair(k, l) for k in range(i, i + di) for l in range(j, j + dj)]
            shared_names = len(set().union(*(names for names, _ in pairs)))
            shared_terms = len(set().union(*(terms for _, terms in pairs)))
        return Anchors(strong, _shared(zh.numbers, en.numbers) - strong, shared_names, len(zh.latin & en.latin),
                       shared_terms, min(zh.quotes, en.quotes))

    def _pair(self, k: int, l: int) -> tuple[frozenset[str], frozenset[str]]:
        """Names of English unit l found in Chinese unit k, and terms of k whose rendering is in l."""
        found = self._pairs.get((k, l))
        if found is None:
            names = frozenset(name for name in self.en.units[l].names if self._name_in(name, k))
            terms = frozenset(term.source for term in self.zh.units[k].terms
                              if self.glossary and self._rendered(term, l))
            found = self._pairs[(k, l)] = (names, terms)
        return found

    def _name_in(self, name: str, k: int) -> bool:
        found = self._names.get((name, k))
        if found is None:
            found = self._names[(name, k)] = bool(name_pattern(name).search(self.zh.units[k].text))
        return found

    def _rendered(self, term: Term, l: int) -> bool:
        found = self._terms.get((term.source, l))
        if found is None:
            text = self.en.units[l].text
            lowered = text.lower()
            found = self._terms[(term.source, l)] = any(key in lowered for key in _rendering_keys(term)) and (
                self.glossary.rendering_in(term, text) is not None)
        return found


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
def _rendering_keys(term: Term) -> tuple[str, ...]:
    """A cheap test before the glossary's inflection-tolerant one: the start of each rendering's longest word
    (the longest is the least likely to be an irregular verb)."""
    return tuple(max(re.findall(r"[a-z0-9]+", rendering.lower()) or [""], key=len)[:4] for rendering in term.renderings)


def _shared(a: Counter[float], b: Counter[float]) -> int:
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[value]) for value, count in a.items() if value in b)


def length_cost(zh_length: int, en_length: int, ratio: float, variance: float, wide_share: float = 0.0) -> float:
    """−log of the two-sided tail probability of the English length given the Chinese.

    Gale–Church's normal model, mixed (for sentences) with a share of one
    three times as wide: a translator who spells out a four-character idiom
    in a whole clause is unusual, not impossible, and should not force a merge.
    """
    delta = abs(en_length - ratio * zh_length) / math.sqrt(variance * max(zh_length, 1))
    z = delta / math.sqrt(2)
    if wide_share:
        z_wide = z / WIDE_SPREAD
        if z_wide < 20:
            return -math.log(max((1 - wide_share) * math.erfc(z) + wide_share * math.erfc(z_wide), 1e-300))
        return _log_tail(z_wide) - math.log(wide_share)
    return -math.log(max(math.erfc(z), 1e-300)) if z < 20 else _log_tail(z)


def _log_tail(z: float) -> float:
    """−log erfc(z) for large z, from its asymptotic form, to stay finite."""
    return z * z + math.log(z * math.sqrt(math.pi))


# --- the banded dynamic programme ------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One link of a path: Chinese units [zh_start, zh_end), English units [en_start, en_end)."""

    zh_start: int
    zh_end: int
    en_start: int
    en_end: int
    confidence: float


def best_path(n: int, m: int, moves: Iterable[Move], cost: Callable[[int, int, int, int], float],
              band: int = BAND) -> list[Step]:
    """The cheapest alignment of n units against m, each link with its posterior probability.

    Row i holds the cells (i, j) within ``band`` of the cheapest cell of row
    i−1 moved on by the average slope. When the best path touches the band's
    edge the search is repeated with a band twice as wide, until it does not.
    """
    moves = tuple(moves)
    while True:
        steps = _banded(n, m, moves, cost, band)
        if steps is not None:
            return steps
        band *= 2


def _banded(n: int, m: int, moves: tuple[Move, ...], cost: Callable[[int, int, int, int], float],
            band: int) -> list[Step] | None:
    full = band >= max(n, m)
    slope = m / n if n else 0.0
    windows: list[tuple[int, int]] = []
    index: dict[tuple[int, int], int] = {}
    viterbi: list[float] = []
    alpha: list[float] = []
    back: list[int] = []
    links: list[list[tuple[int, float]]] = []  # per cell: (predecessor cell, link cost)
    best_j = 0
    for i in range(n + 1):
        if full:
            low, high = 0, m
        else:
            centre = round(best_j + slope) if i else 0
            low, high = max(0, centre - band), min(m, centre + band)
            if i == n:
                high = m
        windows.append((low, high))
        row_best, row_best_j = math.inf, low
        for j in range(low, high + 1):
            cell = len(viterbi)
            index[(i, j)] = cell
            best, best_from, total = (0.0, -1, 0.0) if i == j == 0 else (math.inf, -1, -math.inf)
            incoming: list[tuple[int, float]] = []
            for di, dj in moves:
                previous = index.get((i - di, j - dj))
                if previous is None or viterbi[previous] == math.inf:
                    continue
                step = cost(i - di, di, j - dj, dj)
                incoming.append((previous, step))
                if viterbi[previous] + step < best:
                    best, best_from = viterbi[previous] + step, previous
                total = _log_add(total, alpha[previous] - step)
            viterbi.append(best)
            alpha.append(total)
            back.append(best_from)
            links.append(incoming)
            if best < row_best:
                row_best, row_best_j = best, j
        best_j = row_best_j
    end = index.get((n, m))
    if end is None or viterbi[end] == math.inf:
        return None if not full else []

    cells = list(index)
    beta = [-math.inf] * len(cells)
    beta[end] = 0.0
    for cell in range(len(cells) - 1, -1, -1):
        if beta[cell] == -math.inf:
            continue
        for previous, step in links[cell]:
            beta[previous] = _log_add(beta[previous], beta[cell] - step)

    path: list[Step] = []
    cell = end
    log_z = alpha[end]
    while back[cell] >= 0:
        previous = back[cell]
        (i1, j1), (i0, j0) = cells[cell], cells[previous]
        if not full and _on_edge(i0, j0, windows, m) or not full and _on_edge(i1, j1, windows, m):
            return None
        step = next(s for p, s in links[cell] if p == previous)
        posterior = math.exp(min(0.0, alpha[previous] - step + beta[cell] - log_z))
        path.append(Step(i0, i1, j0, j1, posterior))
        cell = previous
    path.reverse()
    return path


def _on_edge(i: int, j: int, windows: list[tuple[int, int]], m: int) -> bool:
    low, high = windows[i]
    return (j == low and low > 0) or (j == high and high < m)


def _log_add(a: float, b: float) -> float:
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    if a < b:
        a, b = b, a
    return a + math.log1p(math.exp(b - a))


# --- aligning a document ---------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """Chinese segments (indices into the document's segments) and the English sentences that render them."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    source_text: tuple[str, ...]
    target_text: tuple[str, ...]
    confidence: float
    line: int  # source line of the first Chinese segment (or the nearest before it)
    group: int  # which paragraph link it lies in

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def english(self) -> str:
        return " ".join(self.target_text)


@dataclass
class Alignment:
    document: SourceDocument
    english: list[EnglishParagraph]
    links: list[Link]
    paragraph_links: list[Step]
    ratio: float  # English characters per Chinese character
    variance: float
    anchors_shared: int  # strong anchors (numbers, names, Latin words) inside sentence links
    anchors_total: int  # strong anchors in the Chinese, plus names in the English

    @property
    def anchor_agreement(self) -> float:
        return self.anchors_shared / self.anchors_total if self.anchors_total else 1.0

    @property
    def mean_confidence(self) -> float:
        """Mean confidence over Chinese segments (a segment in a 1-0 link counts with its link)."""
        weights = [(len(link.source), link.confidence) for link in self.links if link.source]
        total = sum(w for w, _ in weights)
        return sum(w * c for w, c in weights) / total if total else 0.0

    def by_confidence(self) -> list[Link]:
        """Links for review: the least certain first, then in text order."""
        return sorted(self.links, key=lambda link: (link.confidence, link.source or (math.inf,)))


def align_document(document: SourceDocument, english: list[EnglishParagraph],
                   glossary: Glossary | None = None) -> Alignment:
    """Align English paragraphs to a parsed Chinese source: paragraphs first, then sentences within them."""
    with collector_paused():
        return _DocumentAligner(document, english, glossary or Glossary()).align()


class _DocumentAligner:
    """The two passes over one document, sharing its units and the estimated length model."""

    def __init__(self, document: SourceDocument, english: list[EnglishParagraph], glossary: Glossary):
        self.document, self.english, self.glossary = document, english, glossary
        self.segments = document.segments
        self.sentences = [s for p in english for s in p.sentences]
        self.zh_units = [chinese_unit(s.text, s.kind, glossary) for s in self.segments]
        _keep_rare_terms(self.zh_units)
        self.en_units = [english_unit(s) for s in self.sentences]
        self.zh_first = _firsts(len(p.segments) for p in document.paragraphs)
        self.en_first = _firsts(len(p.sentences) for p in english)
        self.zh_starts = frozenset(self.zh_first)
        self.en_starts = frozenset(self.en_first)

    def align(self) -> Alignment:
        zh = Side([Unit.combine(self.zh_units[a:b]) for a, b in zip(self.zh_first, self.zh_first[1:])])
        en = Side([Unit.combine(self.en_units[a:b]) if b > a else english_unit("")
                   for a, b in zip(self.en_first, self.en_first[1:])])
        zh_length = sum(u.length for u in zh.units)
        if not zh_length:
            raise InputError("no Chinese text to align", path=self.document.path)
        ratio = sum(u.length for u in en.units) / zh_length
        variance = GALE_CHURCH_VARIANCE * ratio * ratio
        if max(len(zh), len(en)) > PARAGRAPHS_APART * min(len(zh), len(en)):
            # paragraphs too unlike to pair (an English text without breaks): sentences over the whole text
            steps = [Step(0, len(zh), 0, len(en), 1.0)]
        else:
            # glossary terms only in the sentence pass: checking them across the band costs more than they tell
            model = CostModel(zh, en, PARAGRAPH_MOVES, None, ratio=ratio, variance=variance, wide_share=0.0)
            steps = best_path(len(zh), len(en), PARAGRAPH_MOVES, model.cost)
            variance = _estimate_variance(steps, zh, en, ratio, variance)
        links: list[Link] = []
        shared = 0
        for group, step in enumerate(steps):
            group_links, group_shared = self._sentence_links(group, step, ratio, variance)
            links.extend(group_links)
            shared += group_shared
        total = sum(sum(u.strong.values()) + len(u.latin) for u in self.zh_units) + sum(
            len(u.names) for u in self.en_units)
        return Alignment(self.document, self.english, links, steps, ratio, variance, shared, total)

    def _sentence_links(self, group: int, paragraphs: Step, ratio: float, variance: float
                        ) -> tuple[list[Link], int]:
        """Sentence links inside one paragraph link (the ratio shrunk towards the group's own), and their
        strong anchors shared."""
        zh_range = range(self.zh_first[paragraphs.zh_start], self.zh_first[paragraphs.zh_end])
        en_range = range(self.en_first[paragraphs.en_start], self.en_first[paragraphs.en_end])
        if not zh_range or not en_range:
            # a whole paragraph without counterpart: one null link per unit, as sentence links are
            return [self._link(group, (k,), (), paragraphs.confidence) for k in zh_range] + [
                self._link(group, (), (k,), paragraphs.confidence, after=zh_range.start) for k in en_range], 0
        zh_units = self.zh_units[zh_range.start:zh_range.stop]
        en_units = self.en_units[en_range.start:en_range.stop]
        zh_length = sum(u.length for u in zh_units)
        en_length = sum(u.length for u in en_units)
        local_ratio = (en_length + ratio * RATIO_SHRINK) / (zh_length + RATIO_SHRINK)
        model = CostModel(Side(zh_units), Side(en_units), SENTENCE_MOVES, self.glossary, ratio=local_ratio,
                          variance=variance, wide_share=WIDE_SHARE,
                          zh_breaks=frozenset(k - zh_range.start for k in zh_range if k in self.zh_starts),
                          en_breaks=frozenset(k - en_range.start for k in en_range if k in self.en_starts))
        links = []
        shared = 0
        for step in best_path(len(zh_units), len(en_units), SENTENCE_MOVES, model.cost):
            source = tuple(range(zh_range.start + step.zh_start, zh_range.start + step.zh_end))
            target = tuple(range(en_range.start + step.en_start, en_range.start + step.en_end))
            links.append(self._link(group, source, target, step.confidence * paragraphs.confidence,
                                    after=zh_range.start + step.zh_start))
            if source and target:
                shared += model.anchors(step.zh_start, len(source), step.en_start, len(target)).strong
        return links, shared

    def _link(self, group: int, source: tuple[int, ...], target: tuple[int, ...], confidence: float,
              after: int = 0) -> Link:
        """A link located at its first Chinese segment, or (English only) at the segment before ``after``."""
        line = self.segments[source[0] if source else max(after - 1, 0)].line
        return Link(source, target, tuple(self.segments[k].text for k in source),
                    tuple(self.sentences[k] for k in target), confidence, line, group)


def _keep_rare_terms(units: list[Unit]) -> None:
    """Drop terms found in many segments as anchors: 工会 everywhere tells no sentence from another."""
    frequency = Counter(term.source for unit in units for term in unit.terms)
    limit = max(RARE_TERM_SEGMENTS, RARE_TERM_SHARE * len(units))
    for unit in units:
        unit.terms = tuple(term for term in unit.terms if frequency[term.source] <= limit)


def _firsts(counts: Iterable[int]) -> list[int]:
    """Index of each paragraph's first unit, and one past the last unit."""
    firsts = [0]
    for count in counts:
        firsts.append(firsts[-1] + count)
    return firsts


def _estimate_variance(steps: list[Step], zh: Side, en: Side, ratio: float, prior: float) -> float:
    """The length model's variance per Chinese character, from the 1-1 paragraph links (median, robust)."""
    residuals = sorted(
        (en.units[s.en_start].length - ratio * zh.units[s.zh_start].length) ** 2 / zh.units[s.zh_start].length
        for s in steps
        if s.zh_end - s.zh_start == 1 and s.en_end - s.en_start == 1 and zh.units[s.zh_start].length >= 10)
    if len(residuals) < 5:
        return prior
    estimate = residuals[len(residuals) // 2] / 0.455  # the median of chi-squared with one degree of freedom
    return min(max(estimate, prior / MAX_VARIANCE_FACTOR), prior * MAX_VARIANCE_FACTOR)


def check_is_translation(alignment: Alignment, translation: Path) -> None:
    """Refuse an English text that is plainly not a translation of this source, saying why.

    Either a length out of all proportion to the Chinese, or too few of the
    numbers and names shared (judged when there are enough of them). The mean
    confidence is not a test: without anchors, an unrelated text of the right
    length aligns about as confidently as a loose translation.
    """
    reasons = []
    if not MIN_RATIO <= alignment.ratio <= MAX_RATIO:
        reasons.append(f"{alignment.ratio:.1f} English characters per Chinese character")
    if alignment.anchors_total >= MIN_ANCHORS_TO_JUDGE and alignment.anchor_agreement < MIN_ANCHOR_AGREEMENT:
        reasons.append(f"only {alignment.anchors_shared} of {alignment.anchors_total} numbers and names agree")
    if reasons:
        raise InputError(f"not a translation of {alignment.document.path.name}: {'; '.join(reasons)}",
                         path=translation)


# --- filling the catalog ---------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """What the alignment says one catalog entry should hold."""

    english: str
    confidence: float
    note: str


def proposals(alignment: Alignment) -> dict[str, Proposal]:
    """The English (or a note) for each Chinese segment text, from the most confident link that has English.

    English sentences linked to no Chinese segment are added to the link
    before them in the same paragraph group (the one after when they come
    first), so that nothing of the translation is lost.
    """
    links = alignment.links
    orphans: dict[int, list[str]] = {}
    for number, link in enumerate(links):
        if link.source:
            continue
        host = _host(links, number)
        if host is not None:
            orphans.setdefault(host, []).extend(link.target_text)
    chosen: dict[str, Proposal] = {}
    for number, link in enumerate(links):
        if not link.source:
            continue
        extra = orphans.get(number, [])
        english = " ".join((*link.target_text, *extra))
        described = f"{link.kind} link, confidence {link.confidence:.2f}"
        if extra:
            described += f", with {len(extra)} English sentence(s) matching no Chinese"
        first, *rest = link.source_text
        offers = [(first, Proposal(english, link.confidence, f"{NOTE_PREFIX} {described}") if english else
                   Proposal("", link.confidence, f"{NOTE_PREFIX} no English found ({described})"))]
        offers += [(text, Proposal("", link.confidence,
                                   f"{NOTE_PREFIX} its English is joined to the previous segment's ({described})"))
                   for text in rest]
        for text, offer in offers:
            held = chosen.get(text)
            if held is None or (bool(offer.english), offer.confidence) > (bool(held.english), held.confidence):
                chosen[text] = offer
    return chosen


def _host(links: list[Link], number: int) -> int | None:
    """The link an unmatched English sentence joins: the nearest one before it in its group, else after."""
    group = links[number].group
    for candidates in (range(number - 1, -1, -1), range(number + 1, len(links))):
        for other in candidates:
            if links[other].group != group:
                break
            if links[other].source:
                return other
    return None


@dataclass
class FillReport:
    filled: int = 0  # entries given English, marked fuzzy
    kept: int = 0  # translated entries left alone (no overwrite)
    noted: int = 0  # entries given only a note: joined to the previous one, or no English found


def fill_catalog(po: Catalog, alignment: Alignment, *, overwrite: bool = False) -> FillReport:
    """Write the alignment into the catalog's entries; translated ones only with ``overwrite``."""
    report = FillReport()
    entries = index_entries(po)
    for text, proposal in proposals(alignment).items():
        entry = entries.get((None, text))
        if entry is None:
            continue
        if entry_status(entry) == TRANSLATED and not overwrite:
            report.kept += 1
            continue
        notes = [line for line in entry.tcomment.splitlines() if not line.startswith(NOTE_PREFIX)]
        entry.tcomment = "\n".join([*notes, proposal.note])
        entry.msgstr = proposal.english
        if proposal.english:
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            report.filled += 1
        else:
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            report.noted += 1
    return report


@dataclass
class AlignResult:
    source: Path
    catalog: Path
    alignment: Alignment
    fill: FillReport
    created: bool
    written: bool


def align_translation(source: str | Path, translation: str | Path, catalog: str | Path | None = None, *,
                      overwrite: bool = False, dry_run: bool = False, encoding: str = "utf-8",
                      translation_encoding: str = "utf-8", glossary: Glossary | None = None,
                      config: Config | None = None) -> AlignResult:
    """Align an English translation to a Chinese source and fill the source's catalog with it.

    SOURCE is the Chinese text or its catalog (whose source is then found as
    ``toolkit render`` finds it). The catalog, created or merged with a fresh
    segmentation of the source first, is written only when the English is
    plainly a translation of this source and something changed.
    """
    config = config or load_config()
    source_path, catalog_path = _source_and_catalog(Path(source), Path(catalog) if catalog else None, config)
    document = parse_source(source_path, encoding=encoding, config=config)
    if not document.segments:
        raise InputError("no segments in source", path=source_path)
    english = read_translation(translation, translation_encoding)
    alignment = align_document(document, english, glossary)
    check_is_translation(alignment, Path(translation))
    fresh = build_catalog(document, config)
    created = not catalog_path.exists()
    po = fresh if created else merge_catalog(read_catalog(catalog_path), fresh)[0]
    report = fill_catalog(po, alignment, overwrite=overwrite)
    written = False if dry_run else write_catalog(po, catalog_path)
    return AlignResult(source_path, catalog_path, alignment, report, created, written)


def _source_and_catalog(source: Path, catalog: Path | None, config: Config) -> tuple[Path, Path]:
    if source.suffix in (".po", ".pot"):
        from toolkit.render import find_source

        return find_source(source, config), catalog or source
    if catalog is None:
        document = config.document_for_source(source)
        if document is None:
            raise UsageError(f"{source}: not a source in toolkit.toml; give the catalog with -o")
        catalog = document.catalog
    return source, catalog


def write_alignment_sheet(alignment: Alignment, path: str | Path) -> None:
    """The links as an Excel sheet, least confident first, for a reviewer to check side by side."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment as CellAlignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "alignment"
    sheet.append(["confidence", "link", "line", "Chinese", "English"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for link in alignment.by_confidence():
        sheet.append([round(link.confidence, 3), link.kind, link.line, "".join(link.source_text), link.english])
    for column, width in zip("ABCDE", (11, 6, 6, 60, 80)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.alignment = CellAlignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    try:
        with atomic_path(path) as temp:
            book.save(temp)
    except OSError as exc:
        raise UsageError(f"cannot write the sheet: {exc.strerror or exc}", path=path) from exc
