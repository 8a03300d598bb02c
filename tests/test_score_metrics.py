"""`toolkit score --metrics` and `--summary`: the metrics chosen, each computed once per segment pair."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from sacrebleu.metrics.ter import TER

from test_score import catalogs, run, texts  # noqa: F401 (fixtures)
from toolkit.scoring import METRICS, load_scoring_set, score_drafts
from toolkit.scoring.metrics import DEFAULT_METRICS


def test_the_default_leaves_ter_out_and_metrics_chooses(texts):
    default = json.loads(run("--ref", str(texts["ref"]), str(texts["literal"]), "--format", "json").stdout)
    assert set(default["signatures"]) == {"BLEU", "chrF2++"} and "ter" not in default["drafts"][0]
    only_ter = json.loads(run("--metrics", "TER", "--ref", str(texts["ref"]), str(texts["literal"]),
                              "--format", "json").stdout)
    assert set(only_ter["signatures"]) == {"TER"} and {"bleu", "chrf"}.isdisjoint(only_ter["drafts"][0])
    text = run("--metrics", "ter", "--ref", str(texts["ref"]), str(texts["literal"]), "--segments", "1").stdout
    assert "Ranked by TER; better is lower TER." in text and "lowest TER first" in text


@pytest.mark.parametrize("value, message", [("bleu,meteor", "unknown metric meteor; choose from bleu, chrf, ter"),
                                            (",", "no metric chosen; choose from bleu, chrf, ter")])
def test_an_unknown_metric_is_one_line_and_exit_2(texts, value, message):
    result = run("--metrics", value, "--ref", str(texts["ref"]), str(texts["literal"]))
    assert result.exit_code == 2 and result.stderr == f"Error: {message}\n"


def test_summary_is_the_ranking_alone(catalogs):
    drafts = [str(catalogs["literal"]), str(catalogs["revised"])]
    result = run("--summary", "--ref", str(catalogs["ref"]), *drafts, "--glossary", str(catalogs["glossary"]))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Reference: ") and lines[2].split()[:4] == ["#", "Draft", "BLEU", "chrF2++"]
    assert [line.split()[1] for line in lines[3:5]] == ["revised", "literal"]
    assert len(lines) == 6 and lines[5].startswith("Ranked by chrF2++; better is higher BLEU, higher chrF2++.")


def test_ter_is_computed_once_per_segment_pair(texts, monkeypatch, tmp_path):
    calls = []
    compute = TER._compute_segment_statistics
    monkeypatch.setattr(TER, "_compute_segment_statistics",
                        lambda self, hypothesis, ref_kwargs: calls.append(hypothesis) or compute(self, hypothesis,
                                                                                                ref_kwargs))
    result = run("--metrics", "bleu,chrf,ter", "--ref", str(texts["ref"]), str(texts["literal"]),
                 str(texts["revised"]), "--xlsx", str(tmp_path / "score.xlsx"), "--format", "json")
    assert result.exit_code == 0
    segments = json.loads(result.stdout)["segment_count"]
    assert len(calls) == 2 * segments  # corpus, segment scores, significance and workbook share them


def test_progress_reports_every_segment_and_changes_no_score(texts):
    inputs = load_scoring_set([texts["ref"]], [texts["literal"], texts["revised"]])
    reported = []
    followed = score_drafts(inputs, metrics=METRICS, progress=lambda done, total: reported.append((done, total)),
                            test=None)
    plain = score_drafts(inputs, metrics=METRICS, test=None)
    total = 3 * 2 * len(inputs.segments)
    assert reported[-1] == (total, total) and all(b[0] > a[0] for a, b in zip(reported, reported[1:]))
    for ours, theirs in zip(followed.drafts, plain.drafts):
        assert {k: s.score for k, s in ours.corpus.items()} == {k: s.score for k, s in theirs.corpus.items()}
        assert ours.segments == theirs.segments


def test_the_workbook_has_the_chosen_metrics_only(texts, tmp_path):
    path = tmp_path / "score.xlsx"
    assert run("--ref", str(texts["ref"]), str(texts["literal"]), "--xlsx", str(path)).exit_code == 0
    workbook = load_workbook(path)
    corpus_header = [cell.value for cell in workbook["Corpus"][1]]
    segment_header = [cell.value for cell in workbook["Segments"][1]]
    labels = [METRICS[key].label for key in DEFAULT_METRICS]
    assert corpus_header[2:4] == labels and "TER" not in corpus_header
    assert segment_header[-2:] == [f"literal {label}" for label in labels]
