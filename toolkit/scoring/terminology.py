"""Term accuracy, consistency and forbidden renderings of a draft, with the glossary engine's matching.

As the WMT 2021 and 2023 terminology tasks measure it (exact-match term
accuracy), but found by the glossary engine: leftmost-longest matches in the
Chinese source, and an approved rendering or variant counted as present in the
draft's segment despite inflection, case, quotes and hyphenation.

- accuracy: the share of term occurrences in the source whose approved
  rendering or a variant appears in the draft's segment (two occurrences of a
  term in one segment count twice, both hit when the rendering is there);
- consistency: of the terms whose source occurs in two segments or more, the
  share rendered in every one of them, and the same way each time;
- forbidden: renderings the glossary forbids for a term found in a segment
  whose source holds that term.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence


class TermEngine(Protocol):
    """What scoring needs of toolkit.glossary.Glossary."""

    def matches(self, source: str) -> list[Any]: ...
    def rendering_in(self, term: Any, translation: str) -> str | None: ...
    def forbidden_in(self, term: Any, translation: str) -> list[str]: ...


@dataclass(frozen=True)
class TermProblem:
    """A term of a segment's source that the draft misses, or renders with a forbidden rendering."""

    segment: int
    term: Any
    missing: bool
    forbidden: tuple[str, ...] = ()


@dataclass
class TermTally:
    occurrences: int = 0
    hits: int = 0
    forbidden: int = 0
    repeated: int = 0  # terms whose source occurs in two segments or more
    consistent: int = 0

    @property
    def accuracy(self) -> float | None:
        return 100.0 * self.hits / self.occurrences if self.occurrences else None

    @property
    def consistency(self) -> float | None:
        return 100.0 * self.consistent / self.repeated if self.repeated else None

    def as_dict(self) -> dict:
        return {"occurrences": self.occurrences, "hits": self.hits, "accuracy": self.accuracy,
                "repeated_terms": self.repeated, "consistent_terms": self.consistent,
                "consistency": self.consistency, "forbidden": self.forbidden}


@dataclass
class TermReport:
    total: TermTally = field(default_factory=TermTally)
    by_type: dict[str, TermTally] = field(default_factory=dict)
    problems: list[TermProblem] = field(default_factory=list)


def source_terms(glossary: TermEngine, sources: Sequence[str]) -> list[Counter]:
    """Each segment's glossary terms with their number of occurrences, shared by every draft."""
    return [Counter(match.term for match in glossary.matches(source)) for source in sources]


def score_terms(glossary: TermEngine, terms_per_segment: Sequence[Counter], hypotheses: Sequence[str]) -> TermReport:
    report = TermReport()
    renderings: dict[Any, set[str]] = defaultdict(set)
    segments_with: Counter = Counter()
    segments_rendered: Counter = Counter()
    for index, (terms, hypothesis) in enumerate(zip(terms_per_segment, hypotheses)):
        for term, count in terms.items():
            tally = report.by_type.setdefault(term.type or "term", TermTally())
            found = glossary.rendering_in(term, hypothesis) if hypothesis else None
            forbidden = tuple(glossary.forbidden_in(term, hypothesis)) if hypothesis and term.forbidden else ()
            for counts in (tally, report.total):
                counts.occurrences += count
                counts.hits += count if found else 0
                counts.forbidden += len(forbidden)
            segments_with[term] += 1
            if found:
                segments_rendered[term] += 1
                renderings[term].add(found.casefold())
            if forbidden or not found:
                report.problems.append(TermProblem(index, term, missing=found is None, forbidden=forbidden))
    for term, segments in segments_with.items():
        if segments < 2:
            continue
        consistent = segments_rendered[term] == segments and len(renderings[term]) == 1
        for counts in (report.by_type[term.type or "term"], report.total):
            counts.repeated += 1
            counts.consistent += consistent
    return report
