"""Scoring drafts against reference translations: sacrebleu metrics, terminology and significance.

One module per concern, as sacrebleu has one per metric: ``inputs`` aligns PO
catalogs or plain text, ``metrics`` runs BLEU, chrF++ and TER at corpus level,
``segments`` derives sentence scores, ``terminology`` measures glossary terms,
``significance`` runs sacrebleu's paired tests, ``report`` ties them together
and ``workbook`` writes the Excel report.
"""
from toolkit.scoring.inputs import Draft, ScoringSet, Segment, load_scoring_set
from toolkit.scoring.metrics import METRICS, MetricSpec
from toolkit.scoring.report import DraftResult, ScoreReport, score_drafts, score_project

__all__ = ["METRICS", "Draft", "DraftResult", "MetricSpec", "ScoreReport", "ScoringSet", "Segment",
           "load_scoring_set", "score_drafts", "score_project"]
