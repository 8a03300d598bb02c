"""Aligning a document: paragraphs first, then sentences inside each group of aligned paragraphs."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from toolkit.align.anchors import Side, Unit, chinese_unit, continues_quotation, english_unit
from toolkit.align.cost import PARAGRAPH_MOVES, SENTENCE_MOVES, WIDE_SHARE, CostModel
from toolkit.align.dp import Step, best_path
from toolkit.align.english import EnglishParagraph
from toolkit.errors import InputError
from toolkit.glossary import Glossary
from toolkit.gc_pause import collector_paused
from toolkit.segment import SourceDocument

# A glossary term is an anchor only where it is rare: in at most this share of segments (or this many).
RARE_TERM_SHARE = 0.05
RARE_TERM_SEGMENTS = 2

# Chinese characters of evidence the document's length ratio is worth against a paragraph group's own.
RATIO_SHRINK = 100

# Paragraph counts further apart than this factor are not paired: sentences are aligned over the whole text.
PARAGRAPHS_APART = 2

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
        latin = frozenset().union(*(u.latin for u in self.zh_units))
        self.en_units = [english_unit(s, latin) for s in self.sentences]
        self.zh_first = _firsts(len(p.segments) for p in document.paragraphs)
        self.en_first = _firsts(len(p.sentences) for p in english)
        self.zh_starts = frozenset(self.zh_first)
        self.en_starts = frozenset(self.en_first)
        for k in range(1, len(self.en_units)):
            # a quotation after a paragraph break is another speaker's
            self.en_units[k].continues = k not in self.en_starts and continues_quotation(
                self.sentences[k - 1], self.sentences[k])

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

