"""Segment-level scores and the worst segments of a draft.

Sentence BLEU (with effective order), chrF++ and TER come from the statistics
the corpus scores were computed from (see metrics.MetricRun), so they cost no
second pass. Worst means lowest chrF++ first (metrics.quality_key).
"""
from __future__ import annotations

from typing import Sequence

from toolkit.scoring.metrics import MetricRun, quality_key

SegmentTable = dict[str, list[float]]  # metric key -> score per segment


def segment_table(runs: Sequence[MetricRun], draft: int) -> SegmentTable:
    return {run.spec.key: run.segment_scores(draft) for run in runs}


def segment_quality(table: SegmentTable, index: int) -> tuple[float, ...]:
    return quality_key({key: scores[index] for key, scores in table.items()})


def worst_segments(table: SegmentTable, count: int | None = None) -> list[int]:
    """Segment indexes, worst first (all of them when count is None)."""
    size = len(next(iter(table.values()), []))
    order = sorted(range(size), key=lambda index: segment_quality(table, index))
    return order if count is None else order[:count]
