"""Segment-level scores and the worst segments of a draft.

Sentence BLEU (with effective order), chrF++ and TER come from the statistics
the corpus scores were computed from (see metrics.MetricRun), so they cost no
second pass. Worst means lowest chrF++ first: at the level of one sentence it
follows human judgement far better than BLEU (WMT metrics tasks); ties are
broken by BLEU, then TER.
"""
from __future__ import annotations

from typing import Sequence

from toolkit.scoring.metrics import METRICS, MetricRun

WORST_ORDER = ("chrf", "bleu", "ter")

SegmentTable = dict[str, list[float]]  # metric key -> score per segment


def segment_table(runs: Sequence[MetricRun], draft: int) -> SegmentTable:
    return {run.spec.key: run.segment_scores(draft) for run in runs}


def badness(table: SegmentTable, index: int) -> tuple[float, ...]:
    """A sort key: smaller is worse."""
    return tuple(table[key][index] if METRICS[key].higher_is_better else -table[key][index]
                 for key in WORST_ORDER if key in table)


def worst_segments(table: SegmentTable, count: int | None = None) -> list[int]:
    """Segment indexes, worst first (all of them when count is None)."""
    size = len(next(iter(table.values()), []))
    order = sorted(range(size), key=lambda index: badness(table, index))
    return order if count is None else order[:count]
