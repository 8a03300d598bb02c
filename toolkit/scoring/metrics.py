"""Corpus metrics through sacrebleu: BLEU (13a), chrF++ and TER, each with its signature.

sacrebleu scores a corpus from per-segment sufficient statistics. We keep them
(`MetricRun.stats`): the corpus score is sacrebleu's own aggregate of them,
segment scores and significance tests reuse them instead of scoring each
segment a second time, which keeps the corpus path as cheap as sacrebleu's.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence


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

# chrF++ first: of the three it agrees best with human judgement (WMT metrics tasks), down to single sentences
QUALITY_ORDER = ("chrf", "bleu", "ter")


def quality_key(scores: Mapping[str, float]) -> tuple[float, ...]:
    """A sort key, larger is better: chrF++, then BLEU, then TER (lower is better)."""
    return tuple(scores[key] if METRICS[key].higher_is_better else -scores[key]
                 for key in QUALITY_ORDER if key in scores)


class MetricRun:
    """One metric over all drafts: corpus scores, and the statistics they were computed from."""

    def __init__(self, spec: MetricSpec, references: Sequence[Sequence[str | None]],
                 drafts: Sequence[Sequence[str]]):
        self.spec = spec
        self.metric = spec.build(references)
        # per draft, per segment; what ``corpus_score`` computes and then throws away
        self.stats: list[list[list[float]]] = [self.metric._extract_corpus_statistics(hypotheses, None)
                                               for hypotheses in drafts]
        self.scores: list[Any] = [self.metric._aggregate_and_compute(stats) for stats in self.stats]
        # Everything below needs only the statistics: free the tokenized references before the next metric.
        self.metric._ref_cache = None

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


def run_metrics(references: Sequence[Sequence[str | None]], drafts: Sequence[Sequence[str]],
                specs: Sequence[MetricSpec] = tuple(METRICS.values())) -> list[MetricRun]:
    return [MetricRun(spec, references, drafts) for spec in specs]
