"""Paired significance of each draft against the first one, with sacrebleu's own tests.

sacrebleu.significance.PairedTest runs the paired bootstrap resampling
(Koehn 2004, as Moses' script does) or approximate randomization (Riezler and
Maxwell 2005), and gives p-values and bootstrap 95% confidence intervals. It
extracts each system's statistics itself; we hand it the ones the corpus
scores were computed from, so the drafts are not scored a second time.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Sequence

from toolkit.scoring.inputs import Draft
from toolkit.scoring.metrics import MetricRun

TESTS = {"bs": "paired bootstrap resampling", "ar": "approximate randomization"}
DEFAULT_SAMPLES = {"bs": 1000, "ar": 10000}  # as sacrebleu's PairedTest
RESAMPLING_BUDGET = 2 * 1024 ** 3  # bytes


@dataclass(frozen=True)
class Estimate:
    """One draft on one metric: its score, the bootstrap mean ± 95% CI and the p-value against the baseline."""

    score: float
    mean: float | None
    ci: float | None
    p_value: float | None  # None for the baseline itself

    def as_dict(self) -> dict:
        return {"score": self.score, "mean": self.mean, "ci": self.ci, "p_value": self.p_value}


@dataclass
class Significance:
    test: str  # "bs" or "ar"
    samples: int
    baseline: str
    signatures: dict[str, str]  # metric label -> signature with the test's settings
    estimates: dict[str, dict[str, Estimate]]  # draft name -> metric key -> estimate

    @property
    def method(self) -> str:
        return TESTS[self.test] if len(self.estimates) > 1 else "bootstrap resampling"

    @property
    def description(self) -> str:
        return f"{self.method}, {self.samples} {'resamples' if self.test == 'bs' else 'trials'}"

    def as_dict(self) -> dict:
        return {"test": self.method, "samples": self.samples, "baseline": self.baseline,
                "signatures": self.signatures,
                "drafts": {name: {key: e.as_dict() for key, e in per_metric.items()}
                           for name, per_metric in self.estimates.items()}}


def paired_test(runs: Sequence[MetricRun], drafts: Sequence[Draft], *, test: str = "bs",
                samples: int = 0) -> Significance:
    """Compare every draft with the first; ``samples`` 0 takes sacrebleu's defaults (1000 resamples, 10000 trials).

    With a single draft, PairedTest gives its bootstrap confidence intervals only.
    """
    from sacrebleu.significance import PairedTest

    if len(drafts) == 1:
        test = "bs"

    metrics = {run.spec.label: _with_known_statistics(run, drafts) for run in runs}
    paired = PairedTest([(draft.name, draft.hypotheses) for draft in drafts], metrics, references=None,
                        test_type=test, n_samples=samples, n_ar_confidence=0)
    signatures, results = paired()
    keys = {run.spec.label: run.spec.key for run in runs}
    estimates: dict[str, dict[str, Estimate]] = {draft.name: {} for draft in drafts}
    for label, column in results.items():
        if label == "System":
            continue
        for draft, result in zip(drafts, column):
            p_value = result.p_value
            if p_value is not None and draft.hypotheses == drafts[0].hypotheses:
                # sacrebleu counts only strictly larger deltas: a copy of the baseline would look "significant"
                p_value = 1.0
            estimates[draft.name][keys[label]] = Estimate(*(None if value is None else float(value) for value in (
                result.score, result.mean, result.ci, p_value)))  # numpy floats to plain ones
    return Significance(test, paired.n_samples, drafts[0].name,
                        {label: signature.format() for label, signature in signatures.items()}, estimates)


def resampling_bytes(runs: Sequence[MetricRun], segments: int, *, test: str, samples: int = 0) -> int:
    """About what sacrebleu's tests hold at once: for every bootstrap resample of every segment, an index and the
    statistics it picks (float32); approximate randomization adds two boolean masks of trials × segments."""
    width = max(len(run.stats[0][0]) for run in runs) if segments else 0
    bootstrap = (samples or DEFAULT_SAMPLES["bs"]) if test == "bs" else DEFAULT_SAMPLES["bs"]
    need = bootstrap * segments * (8 + 4 * width)
    if test == "ar":
        need += 2 * (samples or DEFAULT_SAMPLES["ar"]) * segments
    return need


def _with_known_statistics(run: MetricRun, drafts: Sequence[Draft]) -> Any:
    """A copy of the run's metric that returns each draft's kept statistics instead of recomputing them."""
    by_draft = {id(draft.hypotheses): stats for draft, stats in zip(drafts, run.stats)}
    metric = copy.copy(run.metric)
    metric._extract_corpus_statistics = lambda hypotheses, references: by_draft[id(hypotheses)]
    return metric
