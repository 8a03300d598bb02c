"""toolkit score: sacrebleu's numbers on PO catalogs and plain text, terminology, significance, reports."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.po.catalog import new_catalog, write_catalog
from toolkit.cli import cli
from toolkit.glossary import Glossary
from toolkit.scoring import METRICS, load_scoring_set, score_drafts
from toolkit.scoring.inputs import read_lines
from toolkit.scoring.segments import worst_segments
from toolkit.scoring.terminology import score_terms, source_terms

# (source, approved reference, a literal first pass) from the article
ARTICLE = [
    ("扶贫“大考”的北京工会答卷",
     "Beijing Trade Unions' Answers in the Poverty Alleviation \"Exam\"",
     "The answer sheet of Beijing trade unions for the big exam of helping the poor"),
    ("新年前夕，国家主席习近平发表2021新年贺词，作出郑重宣告。",
     "On New Year's Eve, President Xi Jinping made this solemn announcement in his 2021 New Year address.",
     "On the eve of the new year, State Chairman Xi Jinping delivered the 2021 New Year greetings and made "
     "a solemn declaration."),
    ("在此前扶贫协作工作基础上，2018年春，北京市总工会成为北京市扶贫协作和支援合作领导小组成员单位。",
     "Building on its earlier poverty alleviation cooperation, in spring 2018 the Beijing Federation of Trade "
     "Unions joined the Beijing Leading Group for Poverty Alleviation Cooperation and Paired Assistance.",
     "On the basis of previous poverty relief cooperation work, in the spring of 2018, Beijing Municipal General "
     "Trade Union became a member unit of the Beijing poverty alleviation cooperation and support leading group."),
    ("立下愚公志，吹响集结号。",
     "With the resolve of the Foolish Old Man who moved mountains, they sounded the rallying call.",
     "Set up the will of Yu Gong, blow the assembly horn."),
    ("市总工会及时向援派干部开展送温暖等慰问活动，让援派干部切实感受到工会的温暖和关怀。",
     "The federation promptly visited the seconded cadres to bring them warmth, so that they truly felt "
     "the care of the trade unions.",
     "The municipal general trade union timely carried out sending warmth and other condolence activities to "
     "the aided cadres, letting them truly feel the warmth and care of the trade union."),
    ("作为“娘家人”，市总工会连续拨付援助资金。",
     "As their \"home away from home\", the federation kept allocating aid funds.",
     "As the \"maiden family\", the municipal general trade union continuously allocated aid funds."),
]
SOURCES = [source for source, _, _ in ARTICLE]
REFERENCES = [reference for _, reference, _ in ARTICLE]
LITERAL = [draft for _, _, draft in ARTICLE]
REVISED = [
    "Beijing Trade Unions' Answers in the Poverty Alleviation Exam",
    "On New Year's Eve, President Xi Jinping made a solemn announcement in his 2021 New Year address.",
    "Building on earlier poverty alleviation cooperation, the Beijing Federation of Trade Unions joined the "
    "Beijing Leading Group for Poverty Alleviation Cooperation and Paired Assistance in spring 2018.",
    "With the resolve of the Foolish Old Man, they sounded the rallying call.",
    "The federation promptly visited the seconded cadres, so that they truly felt the warmth and care of the "
    "trade unions.",
    "As their \"home away from home\", the federation kept allocating aid funds.",
]

GLOSSARY_CSV = """source,target,variants,forbidden,type,note
北京市总工会,Beijing Federation of Trade Unions,,Beijing Municipal General Trade Union,org,
市总工会,federation,Beijing Federation of Trade Unions,municipal general trade union,org,short form
工会,trade union,,,org,
扶贫协作,poverty alleviation cooperation,,poverty relief cooperation,term,
愚公,Foolish Old Man,,Yu Gong,idiom,
习近平,Xi Jinping,,,person,
娘家人,home away from home,,maiden family,term,metaphor
"""


def write_po(path: Path, pairs: list[tuple[str, str]], *, fuzzy: set[str] = frozenset(),
             context: dict[str, str] | None = None) -> Path:
    po = new_catalog(project="score-test", source="article.zh.txt")
    for msgid, msgstr in pairs:
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=(context or {}).get(msgid))
        if msgid in fuzzy:
            entry.flags.append("fuzzy")
        po.append(entry)
    write_catalog(po, path)
    return path


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["score", *args], catch_exceptions=False)


def sacrebleu_cli(*args: str) -> str:
    command = [sys.executable, "-m", "sacrebleu", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, Path]:
    return {"ref": write_lines(tmp_path / "ref.txt", REFERENCES),
            "literal": write_lines(tmp_path / "literal.txt", LITERAL),
            "revised": write_lines(tmp_path / "revised.txt", REVISED)}


@pytest.fixture
def catalogs(tmp_path: Path) -> dict[str, Path]:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    return {"ref": write_po(tmp_path / "ref.po", list(zip(SOURCES, REFERENCES))),
            "literal": write_po(tmp_path / "literal.po", list(zip(SOURCES, LITERAL))),
            "revised": write_po(tmp_path / "revised.po", list(zip(SOURCES, REVISED))),
            "glossary": glossary}


# --- the numbers are sacrebleu's --------------------------------------------------------------


def cli_scores(text: str) -> dict[str, tuple[str, str]]:
    """sacrebleu's text output: metric name -> (signature, printed score)."""
    found = re.findall(r"^\s*(\S+?)\|(\S+) = (\S+)", text, flags=re.M)
    return {name: (signature, score) for name, signature, score in found}


@pytest.mark.parametrize("references", [["ref"], ["ref", "revised"]])
def test_plain_text_corpus_scores_equal_the_sacrebleu_command_line(texts, references):
    ref_files = [str(texts[name]) for name in references]
    metrics = ["-m", "bleu", "chrf", "ter", "--chrf-word-order", "2"]
    printed = cli_scores(sacrebleu_cli(*ref_files, "-i", str(texts["literal"]), *metrics, "-f", "text"))
    precise = cli_scores(sacrebleu_cli(*ref_files, "-i", str(texts["literal"]), *metrics, "-f", "text", "-w", "6"))
    ref_options = [arg for name in ref_files for arg in ("--ref", name)]

    data = json.loads(run(*ref_options, "--metrics", "bleu,chrf,ter", str(texts["literal"]), "--format", "json").stdout)
    text = run(*ref_options, "--metrics", "bleu,chrf,ter", str(texts["literal"])).stdout

    assert set(printed) == {"BLEU", "chrF2++", "TER"}
    row = next(line.split() for line in text.splitlines() if line.split()[1:2] == ["literal"])
    for column, (key, label) in enumerate((("bleu", "BLEU"), ("chrf", "chrF2++"), ("ter", "TER")), start=2):
        signature, score = printed[label]
        assert data["signatures"][label] == signature
        assert row[column] == score  # the table prints what sacrebleu prints
        assert f"{data['drafts'][0][key]:.6f}" == precise[label][1]


def test_segment_scores_equal_sacrebleu_sentence_scores(texts):
    from sacrebleu.metrics import BLEU, CHRF, TER

    inputs = load_scoring_set([texts["ref"]], [texts["literal"]])
    table = score_drafts(inputs, metrics=METRICS).drafts[0].segments
    for index, (hypothesis, reference) in enumerate(zip(LITERAL, REFERENCES)):
        assert table["bleu"][index] == BLEU(effective_order=True).sentence_score(hypothesis, [reference]).score
        assert table["chrf"][index] == CHRF(word_order=2).sentence_score(hypothesis, [reference]).score
        assert table["ter"][index] == TER().sentence_score(hypothesis, [reference]).score


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_significance_equals_sacrebleus_paired_test_run_directly(texts, test):
    from sacrebleu.metrics import BLEU, CHRF, TER
    from sacrebleu.significance import PairedTest

    inputs = load_scoring_set([texts["ref"]], [texts["literal"], texts["revised"]])
    ours = score_drafts(inputs, test=test, samples=200, metrics=METRICS).significance
    metrics = {"BLEU": BLEU(tokenize="13a"), "chrF2++": CHRF(word_order=2), "TER": TER()}
    _, theirs = PairedTest([("literal", LITERAL), ("revised", REVISED)], metrics, [REFERENCES],
                           test_type=test, n_samples=200, n_ar_confidence=0)()
    for key, label in (("bleu", "BLEU"), ("chrf", "chrF2++"), ("ter", "TER")):
        for name, result in zip(("literal", "revised"), theirs[label]):
            estimate = ours.estimates[name][key]
            assert (estimate.score, estimate.p_value) == (result.score, result.p_value)
            assert estimate.mean == pytest.approx(result.mean) and estimate.ci == pytest.approx(result.ci)
    assert ours.estimates["revised"]["chrf"].p_value < 0.05


def test_one_draft_gets_confidence_intervals(texts):
    output = run("--ref", str(texts["ref"]), str(texts["literal"]), "--segments", "0").stdout
    assert "Confidence (bootstrap resampling, 1000 resamples; score (bootstrap mean ± 95% CI))" in output
    assert re.search(r"^literal\s+\d+\.\d \(\d+\.\d ± \d+\.\d\)", output, flags=re.M)


def test_resampling_too_large_for_memory_is_left_out_with_a_warning(texts, monkeypatch):
    monkeypatch.setattr("toolkit.scoring.report.RESAMPLING_BUDGET", 1000)
    result = run("--ref", str(texts["ref"]), str(texts["literal"]), str(texts["revised"]), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["significance"] is None
    assert "confidence intervals and significance left out: sacrebleu's resampling would hold" in result.stderr


def test_a_copy_of_the_baseline_is_not_significantly_different(tmp_path, texts):
    copy = write_lines(tmp_path / "copy.txt", LITERAL)
    significance = score_drafts(load_scoring_set([texts["ref"]], [texts["literal"], copy]), samples=100).significance
    assert {estimate.p_value for estimate in significance.estimates["copy"].values()} == {1.0}


# --- PO catalogs ------------------------------------------------------------------------------


def test_catalogs_match_by_context_and_msgid_and_count_missing_segments(tmp_path, catalogs):
    from sacrebleu.metrics import CHRF

    context = {SOURCES[1]: "title"}
    ref = write_po(tmp_path / "ctx-ref.po", list(zip(SOURCES, REFERENCES)), context=context)
    # shuffled, one segment untranslated, one absent, one extra entry, one under another context
    pairs = [(SOURCES[4], LITERAL[4]), (SOURCES[0], LITERAL[0]), (SOURCES[2], ""), (SOURCES[3], LITERAL[3]),
             ("不在参考译文中的句子。", "A sentence the reference does not have."), (SOURCES[1], LITERAL[1])]
    draft = write_po(tmp_path / "draft.po", pairs, fuzzy={SOURCES[3]})

    result = json.loads(run("--ref", str(ref), str(draft), "--format", "json").stdout)["drafts"][0]

    expected = [LITERAL[0], "", "", LITERAL[3], LITERAL[4], ""]  # SOURCES[1] in the draft has no context
    assert [s["translation"] for s in result["segments"]] == expected
    assert (result["missing"], result["fuzzy"]) == (3, 1)
    assert result["chrf"] == CHRF(word_order=2).corpus_score(expected, [REFERENCES]).score


def test_untranslated_reference_entries_are_left_out_with_a_warning(tmp_path, catalogs):
    pairs = list(zip(SOURCES, REFERENCES))
    pairs[2] = (SOURCES[2], "")
    ref = write_po(tmp_path / "partial.po", pairs, fuzzy={SOURCES[4]})

    result = run("--ref", str(ref), str(catalogs["literal"]), "--format", "json")

    assert result.exit_code == 0
    assert "2 of 6 reference entries are untranslated or fuzzy" in result.stderr
    data = json.loads(result.stdout)
    assert data["segment_count"] == 4
    assert [s["source"] for s in data["segments"]] == [SOURCES[0], SOURCES[1], SOURCES[3], SOURCES[5]]


def test_several_references_per_segment_may_vary(tmp_path, catalogs):
    from sacrebleu.metrics import BLEU

    second = write_po(tmp_path / "second.po", [(SOURCES[0], REVISED[0]), (SOURCES[5], "")])
    data = json.loads(run("--ref", str(catalogs["ref"]), "--ref", str(second), str(catalogs["literal"]),
                          "--format", "json").stdout)

    assert data["signatures"]["BLEU"].startswith("nrefs:var|")
    streams = [REFERENCES, [REVISED[0], None, None, None, None, None]]
    assert data["drafts"][0]["bleu"] == BLEU().corpus_score(LITERAL, streams).score


# --- terminology ------------------------------------------------------------------------------


def test_term_accuracy_consistency_and_forbidden_renderings(catalogs):
    glossary = Glossary.load([catalogs["glossary"]])
    terms = source_terms(glossary, SOURCES)
    literal = score_terms(glossary, terms, LITERAL)
    revised = score_terms(glossary, terms, REVISED)

    # occurrences: 工会 (0), 习近平 (1), 扶贫协作 ×2 + 北京市总工会 (2), 愚公 (3), 市总工会 + 工会 (4), 娘家人 + 市总工会 (5)
    assert literal.total.occurrences == revised.total.occurrences == 10
    # literal: trade union(s) in 0 and 4, Xi Jinping, both 扶贫协作 (the second is rendered approvedly);
    # no approved rendering of 北京市总工会, 愚公, 市总工会 (twice), 娘家人
    assert literal.total.hits == 5
    assert revised.total.hits == 10
    assert literal.total.forbidden == 6  # relief cooperation, General Trade Union, Yu Gong, maiden family, ×2 municipal
    assert revised.total.forbidden == 0
    # terms in two segments or more: 工会 (0, 4) and 市总工会 (4, 5)
    assert (literal.total.repeated, literal.total.consistent) == (2, 1)
    assert (revised.total.repeated, revised.total.consistent) == (2, 2)
    assert literal.by_type["org"].occurrences == 5 and literal.by_type["org"].hits == 2
    missed = {(p.segment, p.term.source) for p in literal.problems if p.missing}
    assert missed == {(2, "北京市总工会"), (3, "愚公"), (4, "市总工会"), (5, "市总工会"), (5, "娘家人")}


def test_term_scores_reach_the_report_and_plain_text_says_not_available(catalogs, texts):
    data = json.loads(run("--ref", str(catalogs["ref"]), str(catalogs["literal"]), str(catalogs["revised"]),
                          "--glossary", str(catalogs["glossary"]), "--format", "json").stdout)
    literal, revised = data["drafts"]
    assert literal["term_accuracy"] == pytest.approx(50.0) and revised["term_accuracy"] == pytest.approx(100.0)
    assert literal["forbidden_terms"] == 6
    assert {"term": "娘家人", "type": "term", "approved": ["home away from home"], "missing": True,
            "forbidden": ["maiden family"], "translation": LITERAL[5],
            "location": f"{catalogs['ref']}:{_line_of(catalogs['ref'], SOURCES[5])}"} in literal["terms"]["problems"]

    text = run("--ref", str(texts["ref"]), str(texts["literal"]), "--glossary", str(catalogs["glossary"])).stdout
    assert "Terminology n/a: plain text has no Chinese source" in text


def _line_of(path: Path, msgid: str) -> int:
    return next(e.linenum for e in polib.pofile(str(path)) if e.msgid == msgid)


# --- ranking, significance, worst segments, workbook -----------------------------------------


def test_text_report_ranks_drafts_with_significance_terms_and_worst_segments(catalogs):
    result = run("--ref", str(catalogs["ref"]), str(catalogs["literal"]), str(catalogs["revised"]),
                 "--glossary", str(catalogs["glossary"]), "--segments", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    ranked = [line.split()[1] for line in lines if re.match(r"\s+[12]\s+(literal|revised)\b", line)]
    assert ranked == ["revised", "literal"]
    assert "Significance against literal (paired bootstrap resampling, 1000 resamples" in result.stdout
    assert re.search(r"^revised\s.*p=0\.\d{4}\*", result.stdout, flags=re.M)
    assert "Terminology of literal: accuracy 50.0% (5/10 occurrences)" in result.stdout
    line = _line_of(catalogs["ref"], SOURCES[5])
    assert f"娘家人 → home away from home (term): missing 1×, forbidden “maiden family” 1×; {line}\n" in result.stdout
    assert re.search(r"市总工会 → federation \(org\): missing 2×, forbidden “municipal general trade union” 2×; \d+, "
                     f"{line}\n", result.stdout)
    worst = lines[lines.index(next(l for l in lines if l.startswith("Worst segments of literal"))) + 1:]
    shown = [float(re.search(r"chrF2\+\+ (\S+)", line).group(1)) for line in worst
             if re.match(r"  \d+  chrF2", line)][:2]
    assert len(shown) == 2 and shown == sorted(shown)


def test_worst_segments_are_lowest_chrf_first():
    table = {"chrf": [50.0, 10.0, 10.0, 80.0], "bleu": [5.0, 20.0, 3.0, 1.0], "ter": [1.0, 1.0, 1.0, 1.0]}
    assert worst_segments(table) == [2, 1, 0, 3]
    assert worst_segments(table, 1) == [2]


def test_approximate_randomization_on_request(catalogs):
    output = run("--ref", str(catalogs["ref"]), str(catalogs["literal"]), str(catalogs["revised"]),
                 "--paired-ar", "--samples", "500", "--segments", "0").stdout
    assert "approximate randomization, 500 trials" in output
    assert "ar:500" in output


def test_workbook_has_corpus_chart_segments_worst_first_and_term_problems(tmp_path, catalogs):
    from openpyxl import load_workbook

    draft = write_po(tmp_path / "formula.po", [(SOURCES[0], "=HYPERLINK(\"x\")"), *zip(SOURCES[1:], REVISED[1:])])
    out = tmp_path / "reports" / "score.xlsx"
    result = run("--ref", str(catalogs["ref"]), str(catalogs["literal"]), str(draft),
                 "--glossary", str(catalogs["glossary"]), "--xlsx", str(out), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Corpus", "Segments", "Term problems"]
    corpus = workbook["Corpus"]
    assert [corpus.cell(row, 2).value for row in (2, 3)] == ["literal", "formula"]
    assert corpus.cell(2, 3).value == round(data["drafts"][0]["bleu"], 2)
    assert len(corpus._charts) == 1
    segments = workbook["Segments"]
    header = [cell.value for cell in segments[1]]
    assert header[:4] == ["Location", "Source", "Reference", "literal"]
    chrf_columns = [header.index("literal chrF2++") + 1, header.index("formula chrF2++") + 1]
    means = [sum(segments.cell(row, c).value for c in chrf_columns) / 2 for row in range(2, 8)]
    assert means == sorted(means)
    formula_cell = next(cell for row in segments.iter_rows(min_row=2) for cell in row
                        if cell.value == "=HYPERLINK(\"x\")")
    assert formula_cell.data_type == "s"
    assert workbook["Term problems"].max_row == 1 + len(data["drafts"][0]["terms"]["problems"]) + len(
        data["drafts"][1]["terms"]["problems"])
    assert [p.name for p in out.parent.iterdir()] == ["score.xlsx"]


def test_json_has_the_agreed_fields(catalogs):
    data = json.loads(run("--metrics", "bleu,chrf,ter", "--ref", str(catalogs["ref"]), str(catalogs["literal"]), str(catalogs["revised"]),
                          "--format", "json").stdout)
    for draft in data["drafts"]:
        assert {"name", "bleu", "chrf", "ter", "term_accuracy", "segments"} <= set(draft)
        assert len(draft["segments"]) == len(SOURCES)
    assert set(data["signatures"]) == {"BLEU", "chrF2++", "TER"}
    assert data["significance"]["baseline"] == "literal"
    assert data["significance"]["drafts"]["literal"]["bleu"]["p_value"] is None
    assert [d["rank"] for d in data["drafts"]] == [2, 1]


def test_bare_command_scores_the_projects_configured_files(tmp_path, monkeypatch, catalogs):
    (tmp_path / "toolkit.toml").write_text(
        '[glossary]\npaths = ["glossary.csv"]\n\n[score]\nreferences = ["ref.po"]\ndrafts = ["literal.po"]\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["name"] for d in data["drafts"]] == ["literal"]
    assert data["drafts"][0]["term_accuracy"] == pytest.approx(50.0)


# --- bad input --------------------------------------------------------------------------------


def test_mismatched_line_counts_are_refused(tmp_path, texts):
    short = write_lines(tmp_path / "short.txt", LITERAL[:-1])
    result = run("--ref", str(texts["ref"]), str(short))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {short}: 5 lines, but the reference {texts['ref']} has 6: plain text files "
                             "must hold one segment per line, in the same order\n")


@pytest.mark.parametrize("make_draft, message", [
    (lambda d: write_po(d / "other.po", [("完全不同的一句话。", "Something else entirely.")]),
     "no segment in common with the reference"),
    (lambda d: write_po(d / "nothing.po", []), "empty draft: the catalog has no entries"),
    (lambda d: write_po(d / "blank.po", [(s, "") for s in SOURCES]),
     "empty draft: none of the 6 reference segments is translated"),
    (lambda d: d / "absent.po", "no such file"),
    (lambda d: write_lines(d / "draft.txt", LITERAL), "mix PO catalogs and plain text"),
])
def test_drafts_that_cannot_be_scored_exit_2_with_one_line(tmp_path, catalogs, make_draft, message):
    draft = make_draft(tmp_path)
    result = run("--ref", str(catalogs["ref"]), str(draft))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stdout


def test_a_draft_given_twice_is_refused(catalogs):
    result = run("--ref", str(catalogs["ref"]), str(catalogs["literal"]), str(catalogs["literal"]))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {catalogs['literal']}: draft given twice\n"


def test_unusable_references_exit_2(tmp_path, catalogs):
    untranslated = write_po(tmp_path / "untranslated.po", [(s, "") for s in SOURCES])
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    blank = write_lines(tmp_path / "blank.txt", ["", ""])
    two_lines = write_lines(tmp_path / "two.txt", ["a", "b"])
    for ref, draft, message in ((untranslated, catalogs["literal"], "no translated entry in the reference"),
                                (broken, catalogs["literal"], f"Error: {broken}:"),
                                (blank, two_lines, "every reference line is blank")):
        result = run("--ref", str(ref), str(draft))
        assert result.exit_code == 2, result.stdout
        assert message in result.stderr


def test_blank_draft_lines_count_as_missing_and_an_all_blank_draft_is_refused(tmp_path, texts):
    gappy = write_lines(tmp_path / "gappy.txt", [LITERAL[0], "", *LITERAL[2:]])
    data = json.loads(run("--ref", str(texts["ref"]), str(gappy), "--format", "json").stdout)
    assert data["drafts"][0]["missing"] == 1
    blank = write_lines(tmp_path / "blank.txt", [""] * len(REFERENCES))
    result = run("--ref", str(texts["ref"]), str(blank))
    assert result.exit_code == 2 and "empty draft: all 6 lines are blank" in result.stderr


def test_without_reference_or_project_the_command_says_what_to_give(tmp_path, monkeypatch, texts):
    monkeypatch.chdir(tmp_path)
    result = run(str(texts["literal"]))
    assert result.exit_code == 2
    assert "no reference: give --ref FILE or set [score] references in toolkit.toml" in result.stderr


# --- plain text is read as sacrebleu reads it -------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab \t\r\x0b\x0c\x1c\x85\u2028\u3000。"), max_size=8), max_size=6),
       st.booleans())
def test_plain_text_lines_are_read_as_sacrebleu_reads_them(tmp_path_factory, lines, final_newline):
    from sacrebleu.utils import smart_open

    path = tmp_path_factory.mktemp("lines") / "file.txt"
    path.write_bytes(("\n".join(lines) + ("\n" if final_newline and lines else "")).encode("utf-8"))
    with smart_open(str(path)) as handle:
        assert read_lines(path) == [line.rstrip() for line in handle]



def test_a_single_segment_is_counted_in_the_singular(tmp_path):
    reference = write_lines(tmp_path / "ref.txt", ["The cat sat on the mat."])
    draft = write_lines(tmp_path / "draft.txt", ["The cat sat on a mat."])
    result = run("--ref", str(reference), str(draft), "--summary")
    assert result.exit_code == 0 and f"Reference: {reference} (1 segment)\n" in result.stdout
