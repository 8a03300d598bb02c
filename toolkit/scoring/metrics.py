"""Corpus metrics through sacrebleu: BLEU (13a), chrF++ and TER, each with its signature.

sacrebleu scores a corpus from per-segment sufficient statistics. We keep them
(`MetricRun.stats`): the corpus score is sacrebleu's own aggregate of them,
segment scores and significance tests reuse them instead of scoring each
segment a second time, which keeps the corpus path as cheap as sacrebleu's.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from toolkit.errors import UsageError


@dataclass(frozen=True)
class MetricSpec:
    """How to build one sacrebleu metric: the corpus options, and what changes for single segments."""

    key: str  # the JSON field
    label: str  # the name sacrebleu gives its scores
    sacrebleu_class: str  # in sacrebleu.metrics
    options: dict[str, Any] = field(default_factory=dict)
    segment_options: dict[str, Any] = field(default_factory=dict)
    higher_is_better: bool = True

    def build(self, references: Sequence[Sequence[str | None]]) -> Any:
        """The metric with the references tokenized and cached once for every draft."""
        import sacrebleu.metrics

        return getattr(sacrebleu.metrics, self.sacrebleu_class)(**self.options, references=references)


# The tokenizer 13a is sacrebleu's default and the right one for English output; chrF++ is chrF with
# word bigrams (word_order 2); sentence BLEU needs effective order, or short segments score 0.
METRICS: dict[str, MetricSpec] = {
    spec.key: spec
    for spec in (
        MetricSpec("bleu", "BLEU", "BLEU", {"tokenize": "13a"}, {"effective_order": True}),
        MetricSpec("chrf", "chrF2++", "CHRF", {"word_order": 2}),
        MetricSpec("ter", "TER", "TER", higher_is_better=False),
    )
}

# What `toolkit score` computes unless asked: TER costs a hundred times more than the other two on long
# segments (its shift search grows with the cube of their length), so it is computed only with --metrics.
DEFAULT_METRICS = ("bleu", "chrf")
PROGRESS_CHUNK = 8  # segments between two progress reports

# chrF++ first: of the three it agrees best with human judgement (WMT metrics tasks), down to single sentences
QUALITY_ORDER = ("chrf", "bleu", "ter")


def ranking_metric(keys: Iterable[str]) -> str:
    """The metric drafts and segments are ranked by: the first of QUALITY_ORDER computed."""
    return next(key for key in QUALITY_ORDER if key in keys)


def quality_key(scores: Mapping[str, float]) -> tuple[float, ...]:
    """A sort key, larger is better: chrF++, then BLEU, then TER (lower is better)."""
    return tuple(scores[key] if METRICS[key].higher_is_better else -scores[key]
                 for key in QUALITY_ORDER if key in scores)


class MetricRun:
    """One metric over all drafts: corpus scores, and the statistics they were computed from."""

    def __init__(self, spec: MetricSpec, references: Sequence[Sequence[str | None]],
                 drafts: Sequence[Sequence[str]], progress: Callable[[int], None] | None = None):
        self.spec = spec
        self.metric = spec.build(references)
        # per draft, per segment, computed once; what ``corpus_score`` computes and then throws away
        self.stats: list[list[list[float]]] = [self._statistics(hypotheses, progress) for hypotheses in drafts]
        self.scores: list[Any] = [self.metric._aggregate_and_compute(stats) for stats in self.stats]
        # Everything below needs only the statistics: free the tokenized references before the next metric.
        self.metric._ref_cache = None

    def _statistics(self, hypotheses: Sequence[str], progress: Callable[[int], None] | None) -> list[list[float]]:
        """sacrebleu's statistics of every segment, a few segments at a time when progress is reported."""
        if progress is None:
            return self.metric._extract_corpus_statistics(hypotheses, None)
        references, stats = self.metric._ref_cache, []
        try:
            for start in range(0, len(hypotheses), PROGRESS_CHUNK):
                self.metric._ref_cache = references[start:start + PROGRESS_CHUNK]
                stats += self.metric._extract_corpus_statistics(hypotheses[start:start + PROGRESS_CHUNK], None)
                progress(len(self.metric._ref_cache))
        finally:
            self.metric._ref_cache = references
        return stats

    @property
    def signature(self) -> str:
        return self.metric.get_signature().format()

    def segment_metric(self) -> Any:
        """The same metric set up for single segments."""
        metric = copy.copy(self.metric)
        for name, value in self.spec.segment_options.items():
            setattr(metric, name, value)
        return metric

    def segment_scores(self, draft: int) -> list[float]:
        """Sentence-level scores of one draft, equal to sacrebleu's ``sentence_score`` per segment."""
        metric = self.segment_metric()
        return [metric._compute_score_from_stats(row).score for row in self.stats[draft]]


def metric_specs(keys: Iterable[str]) -> list[MetricSpec]:
    """The metrics named (bleu, chrf, ter), in the registry's order; an unknown name is a usage error."""
    keys = set(keys)
    unknown = sorted(keys - set(METRICS))
    if unknown or not keys:
        raise UsageError(f"unknown metric {', '.join(unknown)}; choose from {', '.join(METRICS)}" if unknown
                         else f"no metric chosen; choose from {', '.join(METRICS)}")
    return [spec for key, spec in METRICS.items() if key in keys]


def run_metrics(references: Sequence[Sequence[str | None]], drafts: Sequence[Sequence[str]],
                specs: Sequence[MetricSpec] = tuple(METRICS.values()),
                progress: Callable[[int, int], None] | None = None) -> list[MetricRun]:
    """Each metric over every draft; ``progress(done, total)`` counts segments scored by each metric for each draft."""
    if progress is None:
        return [MetricRun(spec, references, drafts) for spec in specs]
    total = len(specs) * sum(len(hypotheses) for hypotheses in drafts)
    done = 0

    def advance(segments: int) -> None:
        nonlocal done
        done += segments
        progress(done, total)

    return [MetricRun(spec, references, drafts, advance) for spec in specs]
