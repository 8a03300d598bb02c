"""Scoring drafts end to end: inputs, corpus and segment metrics, terminology, significance."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from toolkit.config import Config
from toolkit.scoring.inputs import Draft, ScoringSet, load_scoring_set
from toolkit.scoring.metrics import DEFAULT_METRICS, METRICS, metric_specs, quality_key, run_metrics
from toolkit.scoring.segments import SegmentTable, segment_table
from toolkit.scoring.significance import RESAMPLING_BUDGET, Significance, paired_test, resampling_bytes
from toolkit.scoring.terminology import TermEngine, TermReport, score_terms, source_terms


@dataclass
class DraftResult:
    draft: Draft
    corpus: dict[str, Any]  # metric key -> sacrebleu Score
    terms: TermReport | None = None
    segments: SegmentTable | None = None

    @property
    def name(self) -> str:
        return self.draft.name

    def quality(self) -> tuple[float, ...]:
        return quality_key({key: score.score for key, score in self.corpus.items()})


@dataclass
class ScoreReport:
    inputs: ScoringSet
    signatures: dict[str, str]  # metric label -> sacrebleu signature
    segment_signatures: dict[str, str]
    drafts: list[DraftResult]
    significance: Significance | None = None
    terminology_note: str | None = None  # why there are no term scores, when there are none
    warnings: list[str] = field(default_factory=list)

    @property
    def metrics(self) -> list[str]:
        """The keys of the metrics computed, in the registry's order (bleu, chrf, ter)."""
        return [key for key in METRICS if key in self.drafts[0].corpus] if self.drafts else []

    def ranking(self) -> list[DraftResult]:
        return sorted(self.drafts, key=DraftResult.quality, reverse=True)

    def as_dict(self) -> dict:
        ranks = {id(result): number for number, result in enumerate(self.ranking(), start=1)}
        segments = self.inputs.segments
        return {
            "references": self.inputs.reference_paths,
            "signatures": self.signatures,
            "segment_signatures": self.segment_signatures,
            "segment_count": len(segments),
            "drafts": [self._draft_dict(result, ranks[id(result)]) for result in self.drafts],
            "significance": self.significance.as_dict() if self.significance else None,
            "terminology": self.terminology_note,
            "segments": [{"location": s.location, "context": s.context, "source": s.source,
                          "references": [stream[i] for stream in self.inputs.references]}
                         for i, s in enumerate(segments)],
            "warnings": self.warnings,
        }

    def _draft_dict(self, result: DraftResult, rank: int) -> dict:
        terms = result.terms
        data: dict[str, Any] = {"name": result.name, "path": result.draft.path, "rank": rank}
        data.update({key: score.score for key, score in result.corpus.items()})
        data["bleu_details"] = result.corpus["bleu"]._verbose if "bleu" in result.corpus else None
        data["term_accuracy"] = terms.total.accuracy if terms else None
        data["term_consistency"] = terms.total.consistency if terms else None
        data["forbidden_terms"] = terms.total.forbidden if terms else None
        data["missing"] = result.draft.missing
        data["fuzzy"] = result.draft.fuzzy
        if terms:
            data["terms"] = {"total": terms.total.as_dict(),
                             "by_type": {kind: tally.as_dict() for kind, tally in sorted(terms.by_type.items())},
                             "problems": [self._problem_dict(result, p) for p in terms.problems]}
        if result.segments is not None:
            data["segments"] = [{"location": segment.location, "translation": result.draft.hypotheses[i],
                                 **{key: scores[i] for key, scores in result.segments.items()}}
                                for i, segment in enumerate(self.inputs.segments)]
        return data

    def _problem_dict(self, result: DraftResult, problem) -> dict:
        term = problem.term
        return {"location": self.inputs.segments[problem.segment].location, "term": term.source,
                "type": term.type, "approved": list(term.renderings), "missing": problem.missing,
                "forbidden": list(problem.forbidden), "translation": result.draft.hypotheses[problem.segment]}


def score_drafts(inputs: ScoringSet, *, glossary: TermEngine | None = None, segment_scores: bool = True,
                 test: str | None = "bs", samples: int = 0, metrics: Iterable[str] = DEFAULT_METRICS,
                 progress: Callable[[int, int], None] | None = None) -> ScoreReport:
    """Score every draft of ``inputs`` on the ``metrics`` named, with confidence intervals and paired
    significance (test "bs" or "ar"); ``progress(done, total)`` follows the metrics' segments."""
    runs = run_metrics(inputs.references, [draft.hypotheses for draft in inputs.drafts], metric_specs(metrics),
                       progress)
    terms_per_segment = (source_terms(glossary, [s.source for s in inputs.segments])
                         if glossary is not None and inputs.has_source else None)
    results = []
    for index, draft in enumerate(inputs.drafts):
        results.append(DraftResult(
            draft,
            {run.spec.key: run.scores[index] for run in runs},
            score_terms(glossary, terms_per_segment, draft.hypotheses) if terms_per_segment is not None else None,
            segment_table(runs, index) if segment_scores else None,
        ))
    warnings = list(inputs.warnings)
    significance = None
    if test:
        need = resampling_bytes(runs, len(inputs.segments), test=test, samples=samples)
        if need <= RESAMPLING_BUDGET:
            significance = paired_test(runs, inputs.drafts, test=test, samples=samples)
        else:
            warnings.append(f"confidence intervals and significance left out: sacrebleu's resampling would hold "
                            f"about {need / 1024 ** 3:.1f} GB for {len(inputs.segments)} segments; "
                            "lower --samples to have them")
    return ScoreReport(
        inputs,
        {run.spec.label: run.signature for run in runs},
        {run.spec.label: run.segment_metric().get_signature().format() for run in runs},
        results,
        significance,
        warnings=warnings,
    )


def score_project(references: Sequence[Path], drafts: Sequence[Path], *, config: Config,
                  glossary_paths: Sequence[Path] = (), segment_scores: bool = True, test: str | None = "bs",
                  samples: int = 0, metrics: Iterable[str] = DEFAULT_METRICS,
                  progress: Callable[[int, int], None] | None = None) -> ScoreReport:
    """``toolkit score``: the files given, else the project's [score] references and drafts."""
    inputs = load_scoring_set(list(references) or _from_here(config.references),
                              list(drafts) or _from_here(config.drafts))
    note = None
    glossary = None
    if not inputs.has_source:
        note = "n/a: plain text has no Chinese source (score PO catalogs for terminology)"
    else:
        from toolkit.glossary import load_glossary

        glossary = load_glossary(list(glossary_paths), config)
        if glossary.is_empty:
            glossary, note = None, "n/a: no glossary (give --glossary PATH or set [glossary] paths)"
    report = score_drafts(inputs, glossary=glossary, segment_scores=segment_scores, test=test, samples=samples,
                          metrics=metrics, progress=progress)
    report.terminology_note = note
    return report


def _from_here(paths: Sequence[Path]) -> list[Path]:
    """The project's paths relative to the working directory where they lie below it, as a user types them."""
    here = Path.cwd()
    return [path.relative_to(here) if path.is_relative_to(here) else path for path in paths]
