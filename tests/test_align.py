"""`toolkit align`: English splitting, reading translations, the aligner on real texts, filling catalogs, bad input."""
from __future__ import annotations

import json
import math
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ARTICLE, ARTICLE_CATALOG, msgfmt_check
from toolkit.align import (NOTE_PREFIX, SENTENCE_MOVES, CostModel, align_document, best_path, chinese_unit,
                           english_names, english_unit, fill_catalog, name_pattern, parse_translation,
                           split_english)
from toolkit.align.anchors import Side, continues_quotation, quotation_ends
from toolkit.align.cost import QUOTE_CUT_COST
from toolkit.align.document import _DocumentAligner
from toolkit.align.dp import _banded
from toolkit.po.catalog import entry_status, read_catalog, write_catalog
from toolkit.cli import cli
from toolkit.config import load_config
from toolkit.glossary import Glossary, Term
from toolkit.render import render_document
from toolkit.segment import build_catalog, parse_source, parse_text

DATA = Path(__file__).parent / "data" / "align"


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    """The article's approved translation, by Chinese segment."""
    return {e.msgid: e.msgstr for e in read_catalog(ARTICLE_CATALOG) if e.msgid and e.msgstr}


@pytest.fixture(scope="module")
def article_document():
    return parse_source(ARTICLE)


def article_english(document, reference: dict[str, str], merge_every: int = 0) -> str:
    """The approved translation in the source's paragraphs; with merge_every, some body paragraphs merged."""
    paragraphs = render_document(document, reference, markdown=True).text.strip().split("\n\n")
    kinds = [p.kind for p in document.paragraphs]
    out, i = [], 0
    while i < len(paragraphs):
        if merge_every and i + 1 < len(paragraphs) and kinds[i] == kinds[i + 1] == "body" and i % merge_every == 1:
            out.append(paragraphs[i] + " " + paragraphs[i + 1])
            i += 2
        else:
            out.append(paragraphs[i])
            i += 1
    return "\n\n".join(out) + "\n"


# --- English sentences ------------------------------------------------------------------------


@pytest.mark.parametrize("text, sentences", [
    # abbreviations and initials
    ("Mr. Wang of the U.S. branch donated books. He said so.",
     ["Mr. Wang of the U.S. branch donated books.", "He said so."]),
    ("J. K. Rowling wrote it. The No. 14 Division, e.g. its farmers, were happy.",
     ["J. K. Rowling wrote it.", "The No. 14 Division, e.g. its farmers, were happy."]),
    # decimals and thousands
    ("Haidian donated more than 14,800 books and 1.48 million yuan. The rate rose to 92.5% in 2019.",
     ["Haidian donated more than 14,800 books and 1.48 million yuan.", "The rate rose to 92.5% in 2019."]),
    # quotations: a said-clause stays with its quote; a sentence ends inside a quotation, as in Chinese
    ('"Tea seedlings are like children," he said. "The first three years matter most."',
     ['"Tea seedlings are like children," he said.', '"The first three years matter most."']),
    ('"Our biggest problems used to be a lack of money and a lack of good projects. In the past few years, '
     'we have more job opportunities."',
     ['"Our biggest problems used to be a lack of money and a lack of good projects.',
      'In the past few years, we have more job opportunities."']),
    ("“I never dared dream of it.” Farmers are grinning from ear to ear.",
     ["“I never dared dream of it.”", "Farmers are grinning from ear to ear."]),
    # an ellipsis before a capital ends a sentence, as a paragraph-final …… does in Chinese
    ("It includes the Beijing Federation of Trade… On October 14, 2020, Beijing held a meeting.",
     ["It includes the Beijing Federation of Trade…", "On October 14, 2020, Beijing held a meeting."]),
    ("", []),
])
def test_split_english(text, sentences):
    assert split_english(text) == sentences


@given(st.lists(st.sampled_from([
    'Mr. Li said "yes."', "It rose 3.5 per cent.", "Why?", "“Good.”", "J. K. Li came…", "U.S. aid arrived!",
    "The No. 7 team won", "Xi'an is far.", "e.g. this", '"One. Two," he said.']), max_size=8))
def test_split_english_loses_no_character(parts):
    text = " ".join(parts)
    assert " ".join(split_english(text)) == " ".join(text.split())


def test_fast_splitting_agrees_with_pysbd_on_the_article(reference, monkeypatch):
    import toolkit.align.english

    fast = [split_english(text) for text in reference.values()]
    monkeypatch.setattr(toolkit.align.english, "_doubtful", lambda match, text: True)  # every paragraph through pysbd
    assert [split_english(text) for text in reference.values()] == fast


@given(st.text(alphabet='a .“"', max_size=12), st.data())
def test_opening_quotes_are_found_from_their_run_as_from_the_paragraph_start(text, data):
    from toolkit.align.english import OPENING_QUOTES, _before_opening_quotes

    start = data.draw(st.integers(0, len(text)))
    assert _before_opening_quotes(text, start) == OPENING_QUOTES.search(text, 0, start).start()


def test_a_paragraph_of_many_sentences_is_split_in_work_linear_in_its_length(monkeypatch):
    """A 1 MB one-line translation took minutes: every sentence searched back to the paragraph's start."""
    import toolkit.align.english

    real, scanned = toolkit.align.english.OPENING_QUOTES, []

    class Counting:
        def search(self, text: str, pos: int, endpos: int):
            scanned.append(endpos - pos)
            return real.search(text, pos, endpos)

    monkeypatch.setattr(toolkit.align.english, "OPENING_QUOTES", Counting())
    text = "The unions helped workers in difficulty. " * 2000
    assert len(split_english(text)) == 2000
    assert sum(scanned) < len(text)


# --- anchors ----------------------------------------------------------------------------------


def test_pinyin_names_are_found_in_chinese_whatever_the_reading():
    names = english_names("Farmers from Zhangjiakou and Chongqing met Guo Lihua. Women in Pu'an county were glad.")
    assert names == {"Zhangjiakou", "Chongqing", "Lihua", "Pu'an"}  # Guo: one syllable; Women: English
    assert name_pattern("Zhangjiakou").search("到朔风阵阵的塞外重镇张家口")
    assert name_pattern("Chongqing").search("重庆")  # 重 is read chong here, zhong elsewhere
    assert name_pattern("Pu'an").search("贵州普安") and not name_pattern("Pu'an").search("普通")


def test_anchors_count_numbers_by_value_names_and_rendered_terms():
    glossary = Glossary([Term("四梁八柱", "four beams and eight pillars", variants=("pillars",))])
    zh = Side([chinese_unit("市总工会投入65万元，构建起北京工会扶贫协作的“四梁八柱”。", "body", glossary),
               chinese_unit("北京工会。", "body", glossary)])
    en = Side([english_unit('The federation put in 650,000 yuan and built the "four beams and eight pillars" '
                            "of its work in Xinjiang."),
               english_unit("Union work went on.")])
    model = CostModel(zh, en, SENTENCE_MOVES, glossary, ratio=4.5, variance=25, wide_share=0.1)
    right, wrong = model.anchors(0, 1, 0, 1), model.anchors(0, 1, 1, 1)
    assert (right.strong_numbers, right.terms, right.quotes) == (1, 1, 1)
    assert (wrong.strong_numbers, wrong.terms, wrong.quotes) == (0, 0, 0)
    assert model.cost(0, 1, 0, 1) + model.cost(1, 1, 1, 1) < model.cost(0, 1, 1, 1) + model.cost(1, 1, 0, 1)


# --- reading a translation --------------------------------------------------------------------


def test_blank_lines_separate_paragraphs_and_markdown_markers_go():
    text = "# The title\n\n## A subtitle\n\n*By a reporter*\n\nFirst body. Second sentence.\n\n> Quoted paragraph.\n"
    paragraphs = parse_translation(text)
    assert [p.text for p in paragraphs] == ["The title", "A subtitle", "By a reporter",
                                            "First body. Second sentence.", "Quoted paragraph."]
    assert [p.line for p in paragraphs] == [1, 3, 5, 7, 9]
    assert paragraphs[3].sentences == ("First body.", "Second sentence.")


def test_hard_wrapped_lines_join_but_exported_lines_are_paragraphs_each():
    wrapped = "The federation held a special meeting\nto pass on the decisions.\n# Heading\nNext\nparagraph.\n\nLast.\n"
    assert [p.text for p in parse_translation(wrapped)] == [
        "The federation held a special meeting to pass on the decisions.", "Heading", "Next paragraph.", "Last."]
    long_line = "A" * 130 + "."
    exported = f"{long_line}\nSecond paragraph.\n\nThird paragraph.\n"
    assert [p.text for p in parse_translation(exported)] == [long_line, "Second paragraph.", "Third paragraph."]
    short_lines = "Poverty alleviation through consumption\nOpening a window for higher incomes\nBody text.\n"
    assert len(parse_translation(short_lines)) == 3  # no blank line: a word processor's lines, not wrapping


def test_each_cell_of_a_markdown_table_is_a_paragraph_and_the_rule_is_dropped():
    text = ("Output by year:\n\n| Year | Area (10,000 mu) |\n| --- | :---: |\n| 2019 | **60** |\n"
            "| 2020 | 60.5 |\n\nThe county kept growing.\n")
    assert [p.text for p in parse_translation(text)] == [
        "Output by year:", "Year", "Area (10,000 mu)", "2019", "60", "2020", "60.5", "The county kept growing."]


# --- the dynamic programme --------------------------------------------------------------------


def test_band_widens_until_the_best_path_is_inside_it():
    """Units of lengths that drift from the diagonal: a narrow band must find what the full search finds."""
    zh = [10, 10, 40, 10, 10, 10, 10, 10]
    en = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]
    cost = lambda i, di, j, dj: abs(sum(zh[i:i + di]) - sum(en[j:j + dj])) + (di != dj)  # noqa: E731
    moves = [(1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 0), (0, 1)]
    assert _banded(len(zh), len(en), tuple(moves), cost, 1) is None  # the best path leaves a band of 1
    narrow = best_path(len(zh), len(en), moves, cost, band=1)
    full = best_path(len(zh), len(en), moves, cost, band=100)
    spans = [(s.zh_start, s.zh_end, s.en_start, s.en_end) for s in full]
    assert [(s.zh_start, s.zh_end, s.en_start, s.en_end) for s in narrow] == spans
    assert (2, 3, 3, 6) in spans  # the 40-long unit takes three English units


# --- alignment quality ------------------------------------------------------------------------


def test_own_text_links_have_high_precision_and_recall():
    """The Anji text: its English splits and joins sentences, drops a caption and a sentence, adds one."""
    gold = json.loads((DATA / "anji-tea.gold.json").read_text(encoding="utf-8"))["links"]
    alignment = align_document(parse_source(DATA / "anji-tea.zh.txt"),
                               parse_translation((DATA / "anji-tea.en.txt").read_text(encoding="utf-8")))
    expected = Counter((tuple(link["zh"]), tuple(link["en"])) for link in gold)
    found = Counter((link.source_text, link.target_text) for link in alignment.links)
    correct = sum((expected & found).values())
    assert correct / sum(found.values()) >= 0.85 and correct / sum(expected.values()) >= 0.8
    kinds = {link.kind for link in alignment.links if (link.source_text, link.target_text) in expected}
    assert {"1-2", "2-1", "2-2", "1-1", "1-0"} <= kinds  # 1-0: the caption the English leaves out


def test_two_chinese_sentences_in_one_english_and_one_in_two():
    """Real article sentences: 立下愚公志… and 从这一天起… joined in English (2-1); 以援疆为例… split in two (1-2)."""
    chinese = ("标题\n\n立下愚公志，吹响集结号。从这一天起，北京工会系统在助力打赢脱贫攻坚战的道路开始了“换挡提速”。\n\n"
               "以援疆为例，2018年市总工会对北京市援疆和田指挥部和北京援藏拉萨指挥部，分别安排了50万和80万的援派干部慰问、"
               "开展工会活动和服阵地建设资金，为援疆援藏干部解决实际困难；2019年市总工会对北京市援疆和田指挥部安排30万元资金。"
               "市总工会及时向援派干部开展送温暖等慰问活动。\n")
    english = ("Title\n\nWith the resolve of the Foolish Old Man who moved the mountains, they sounded the rallying "
               "call, and from that day on Beijing's trade unions \"shifted into a higher gear\" in helping to win the "
               "battle against poverty.\n\n"
               "Take aid to Xinjiang: in 2018, the federation allocated 500,000 yuan to the Beijing Xinjiang Aid "
               "Headquarters in Hotan and 800,000 yuan to the Beijing Tibet Aid Headquarters in Lhasa for visits to "
               "officials, union activities and service facilities. In 2019 it allocated another 300,000 yuan to the "
               "Hotan headquarters. The federation has also paid timely visits to the officials.\n")
    document = parse_text(chinese, Path("t.zh.txt"), "t.zh.txt")
    links = {link.kind: link for link in align_document(document, parse_translation(english)).links}
    assert links["2-1"].source_text[0].startswith("立下愚公志") and links["2-1"].target_text[0].startswith("With")
    assert links["1-2"].source_text[0].startswith("以援疆为例") and links["1-2"].target_text[1].startswith("In 2019")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(merge_every=st.integers(min_value=0, max_value=6))
def test_article_translation_reflowed_aligns_back(article_document, reference, merge_every):
    """Round trip: the approved translation, re-flowed into paragraphs (some merged), gives back every entry."""
    alignment = align_document(article_document, parse_translation(article_english(
        article_document, reference, merge_every)))
    po = build_catalog(article_document, load_config())
    fill_catalog(po, alignment)
    wrong = [e.msgid for e in po if e.msgid and " ".join(e.msgstr.split()) != " ".join(reference[e.msgid].split())]
    assert len(wrong) <= 1, wrong  # the issue asks for 98% of 94 segments


# --- the command and the catalog --------------------------------------------------------------


@pytest.fixture
def article_english_file(project: Path, article_document, reference) -> Path:
    path = project / "article.en.md"
    path.write_text(article_english(article_document, reference, merge_every=3), encoding="utf-8")
    return path


def test_align_fills_the_catalog_fuzzy_with_confidence_and_passes_msgfmt(project, article_english_file, reference):
    result = invoke("align", "src/article.zh.txt", article_english_file)
    assert result.exit_code == 0, result.output
    assert "po/article.po: wrote: 94 entries given English (fuzzy)" in result.stderr
    po = read_catalog(project / "po" / "article.po")
    entries = [e for e in po if e.msgid]
    assert all(entry_status(e) == "fuzzy" for e in entries)
    assert all(e.tcomment.startswith(f"{NOTE_PREFIX} ") and "confidence" in e.tcomment for e in entries)
    assert msgfmt_check(project / "po" / "article.po").returncode == 0
    again = invoke("align", "src/article.zh.txt", article_english_file)
    assert "po/article.po: unchanged" in again.stderr
    alone = invoke("align", article_english_file)  # the project's one catalog is SOURCE
    assert alone.exit_code == 0 and "po/article.po: unchanged" in alone.stderr


def test_align_with_the_translation_alone_needs_a_project_of_one_catalog(project, article_english_file):
    toml = project / "toolkit.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[[documents]]\nsource = "src/other.txt"\n'
                    'catalog = "po/other.po"\n', encoding="utf-8")
    result = invoke("align", article_english_file)
    assert result.exit_code == 2 and "give SOURCE too" in result.stderr
    assert not (project / "po").exists()


def test_translated_entries_are_kept_unless_overwrite(project, article_english_file):
    invoke("segment")
    catalog = project / "po" / "article.po"
    po = read_catalog(catalog)
    first = next(e for e in po if e.msgid)
    first.msgstr = "A title of our own"
    write_catalog(po, catalog)
    result = invoke("align", "po/article.po", article_english_file)  # SOURCE given as the catalog
    assert result.exit_code == 0 and "1 translated kept" in result.stderr
    kept = next(e for e in read_catalog(catalog) if e.msgid)
    assert kept.msgstr == "A title of our own" and entry_status(kept) == "translated"
    invoke("align", "po/article.po", article_english_file, "--overwrite")
    replaced = next(e for e in read_catalog(catalog) if e.msgid)
    assert replaced.msgstr.startswith("Beijing's trade unions") and entry_status(replaced) == "fuzzy"


def test_english_joining_two_segments_covers_both_and_renders_once(tmp_path, monkeypatch):
    """A 2-1 link: both entries get the sentence, the second flagged joined; checked with --include-fuzzy,
    accepted, then rendered with the sentence once and no Chinese left; stats count both as translated."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.zh.txt").write_text(
        "标题\n\n“以前最大的困难是缺资金、缺好项目。这几年，在北京市总工会的支援下，工作机会多了，我们的人生选择也多了，"
        "对未来也更有信心了。”这是北京市总工会对口支援众多工作场景中的一幕。\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(
        "Title\n\n\"Our biggest problems used to be a lack of money and good projects, but in the past few years, with "
        "support from the Beijing Federation of Trade Unions, we have more job opportunities and more choices in "
        "life, and we are more confident about the future.\" This is one of many scenes of the federation's "
        "paired assistance work.\n", encoding="utf-8")
    result = invoke("align", "a.zh.txt", "a.en.txt", "-o", "a.po")
    assert result.exit_code == 0 and "1 joined to the previous one's" in result.stderr, result.output
    msgfmt_check(tmp_path / "a.po")
    first, second, third = [e for e in read_catalog(tmp_path / "a.po") if e.msgid][1:]
    assert first.msgstr.startswith('"Our biggest problems') and "2-1 link" in first.tcomment
    assert second.msgstr == first.msgstr and "joined" in second.flags and "fuzzy" in second.flags
    assert third.msgstr.startswith("This is one of many scenes") and entry_status(third) == "fuzzy"
    checked = invoke("check", "a.po", "--include-fuzzy", "--no-cache", "--no-spelling")
    assert checked.exit_code == 0 and "[fuzzy]" in checked.stdout, checked.output
    accepted = invoke("accept", "a.po")
    assert accepted.exit_code == 0 and "accepted 4 aligned entries" in accepted.stderr, accepted.output
    assert all(entry_status(e) == "translated" for e in read_catalog(tmp_path / "a.po") if e.msgid)
    rendered = invoke("render", "a.po", "--source", "a.zh.txt")
    assert rendered.exit_code == 0, rendered.output
    assert rendered.stdout.count("Our biggest problems") == 1 and not any("\u4e00" <= c <= "\u9fff" for c in
                                                                           rendered.stdout)
    stats = invoke("stats", "a.po")
    assert "4/4" in stats.stdout or "100.0%" in stats.stdout, stats.output


def test_accept_clears_fuzzy_above_the_confidence_only_on_aligned_entries(project, article_english_file):
    invoke("align", "src/article.zh.txt", article_english_file)
    catalog = project / "po" / "article.po"
    po = read_catalog(catalog)
    po[3].tcomment = ""  # fuzzy for another reason: no align note
    write_catalog(po, catalog)
    from toolkit.align.accept import note_confidence

    confidences = [note_confidence(e) for e in read_catalog(catalog) if e.msgid and "fuzzy" in e.flags]
    noted = [c for c in confidences if c is not None]
    threshold = sorted(noted)[len(noted) // 4]  # a quarter of them below
    result = invoke("accept", "--min-confidence", threshold)
    assert result.exit_code == 0, result.output
    after = [e for e in read_catalog(catalog) if e.msgid]
    left = [e for e in after if "fuzzy" in e.flags]
    assert all(note_confidence(e) is None or note_confidence(e) < threshold for e in left)
    assert po[3].msgid in {e.msgid for e in left}
    assert sum(1 for e in after if "fuzzy" not in e.flags and e.msgstr) == sum(1 for c in noted if c >= threshold)
    msgfmt_check(catalog)
    assert invoke("accept", "--min-confidence", "2").exit_code == 2  # beyond 0..1: bad usage


def test_accept_refuses_a_confidence_that_is_not_a_number(project, article_english_file):
    invoke("align", "src/article.zh.txt", article_english_file)
    before = (project / "po" / "article.po").read_bytes()
    result = invoke("accept", "--min-confidence", "nan")
    assert result.exit_code == 2 and result.stderr.strip().splitlines() == [
        "Error: the confidence to accept from must be a number from 0 to 1, not nan"]
    assert (project / "po" / "article.po").read_bytes() == before


def test_check_include_fuzzy_checks_aligned_entries(project, article_english_file):
    invoke("align", "src/article.zh.txt", article_english_file)
    catalog = project / "po" / "article.po"
    po = read_catalog(catalog)
    entry = next(e for e in po if e.msgid and any(c.isdigit() for c in e.msgstr) and "fuzzy" in e.flags)
    entry.msgstr = "".join("9" if c.isdigit() else c for c in entry.msgstr)
    write_catalog(po, catalog)
    plain = invoke("check", "po/article.po", "--select", "missing-number", "--no-cache")
    fuzzy = invoke("check", "po/article.po", "--select", "missing-number", "--no-cache", "--include-fuzzy")
    assert plain.exit_code == 0 and "[missing-number]" not in plain.stdout
    assert fuzzy.exit_code == 0 and fuzzy.stdout.count("[missing-number]") == 1, fuzzy.output


def test_report_lists_least_confident_links_first_and_xlsx_matches(project, article_english_file):
    from openpyxl import load_workbook

    result = invoke("align", "src/article.zh.txt", article_english_file, "--report", "--xlsx", "links.xlsx",
                    "--dry-run")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines()[1:] if line[:5].strip()]
    confidences = [float(line.split()[0]) for line in rows]
    assert confidences == sorted(confidences) and len(rows) > 90
    assert "立下愚公志" in result.stdout
    sheet = load_workbook(project / "links.xlsx").active
    values = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [row[0] for row in values] == sorted(row[0] for row in values) and len(values) == len(rows)
    assert not (project / "po" / "article.po").exists()  # a dry run writes no catalog


def test_a_sheet_that_cannot_be_written_leaves_the_catalog_as_it_was(project, article_english_file):
    (project / "links.xlsx").mkdir()
    result = invoke("align", "src/article.zh.txt", article_english_file, "--xlsx", "links.xlsx")
    assert result.exit_code == 2 and "links.xlsx: cannot write it: a folder is there" in result.stderr
    assert not (project / "po" / "article.po").exists()


def test_a_catalog_whose_source_cannot_be_found_asks_for_the_source_as_align_takes_it(project, article_english_file):
    (project / "lone.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                                     encoding="utf-8")
    result = invoke("align", "lone.po", article_english_file)
    assert result.exit_code == 2
    assert "give the Chinese source as SOURCE and the catalog with -o" in result.stderr and "--source" not in result.stderr


def test_repeated_source_paragraph_gets_its_translation_once(project, article_english_file, reference):
    invoke("align", "src/article.zh.txt", article_english_file)
    entry = next(e for e in read_catalog(project / "po" / "article.po") if e.msgid == "落实任务，人是关键。")
    assert entry.msgstr == reference["落实任务，人是关键。"]
    assert len(entry.occurrences) == 2


# --- bad input --------------------------------------------------------------------------------


def _bad(project: Path, translation: Path) -> str:
    result = invoke("align", "src/article.zh.txt", translation)
    assert result.exit_code == 2
    assert not (project / "po" / "article.po").exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {translation.name}") and "Traceback" not in result.output
    return lines[0]


def test_a_translation_of_another_text_is_refused(project):
    shutil.copyfile(DATA / "anji-tea.en.txt", project / "other.en.txt")
    message = _bad(project, Path("other.en.txt"))
    assert "not a translation of article.zh.txt" in message and "numbers and names agree" in message
    (project / "short.en.txt").write_text("Beijing's unions helped.\n", encoding="utf-8")
    assert "English characters per Chinese character" in _bad(project, Path("short.en.txt"))


def test_empty_chinese_and_badly_encoded_translations_are_refused(project):
    (project / "empty.txt").write_text("\n  \n", encoding="utf-8")
    assert "empty file" in _bad(project, Path("empty.txt"))
    (project / "chinese.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert "Chinese, not an English translation" in _bad(project, Path("chinese.txt"))
    (project / "latin1.txt").write_bytes("The caf\u00e9 opened.\n".encode("latin-1"))
    assert "not valid utf-8" in _bad(project, Path("latin1.txt"))
    (project / "utf16.txt").write_bytes("Some English.\n".encode("utf-16-le"))  # no byte-order mark to tell
    assert "binary file" in _bad(project, Path("utf16.txt"))
    assert "no such file" in _bad(project, Path("missing.txt"))


@pytest.mark.parametrize("encoding, option", [("utf-16", ()), ("utf-32", ()),
                                              ("utf-16-le", ("--translation-encoding", "utf-16-le"))])
def test_a_utf16_or_utf32_translation_is_read_by_its_byte_order_mark_or_the_encoding_given(
        project, article_english_file, encoding, option):
    wide = project / "wide.en.txt"
    wide.write_bytes(article_english_file.read_text(encoding="utf-8").encode(encoding))
    result = invoke("align", "src/article.zh.txt", wide, *option)
    assert result.exit_code == 0, result.stderr
    aligned = {e.msgid: e.msgstr for e in read_catalog(project / "po" / "article.po")}
    (project / "po" / "article.po").unlink()
    invoke("align", "src/article.zh.txt", article_english_file)
    assert aligned == {e.msgid: e.msgstr for e in read_catalog(project / "po" / "article.po")}


def test_a_source_outside_the_project_needs_a_catalog(project):
    shutil.copyfile(DATA / "anji-tea.zh.txt", project / "anji.zh.txt")
    result = invoke("align", "anji.zh.txt", DATA / "anji-tea.en.txt")
    assert result.exit_code == 2 and "give the catalog with -o" in result.stderr


def test_a_long_align_note_wrapped_by_the_po_writer_is_replaced_whole(tmp_path):
    """A note longer than a PO line comes back as several comment lines; a second fill drops all of them and
    keeps the translator's own comment above."""
    import polib

    from toolkit.align.fill import comments_without_note
    from toolkit.po.catalog import new_catalog

    po = new_catalog(project="scratch", source="a.zh.txt")
    note = f"{NOTE_PREFIX} 1-3 link, confidence 1.00, with 1 English sentence(s) matching no Chinese segment"
    po.append(polib.POEntry(msgid="一句。", msgstr="One sentence.", tcomment=f"Source typo.\n{note}"))
    write_catalog(po, tmp_path / "a.po")
    lines = read_catalog(tmp_path / "a.po")[0].tcomment.splitlines()
    assert len(lines) > 2  # the writer wrapped the note
    assert comments_without_note("\n".join(lines)) == ["Source typo."]


# --- the lexical score ------------------------------------------------------------------------


def test_lexical_score_rewards_a_translation_and_penalises_a_neighbour():
    from toolkit.align.lexical import LexicalScore, chinese_words, english_words

    zh = [chinese_words("农民在山上种茶。"), chinese_words("孩子们去学校读书。")]
    en = [english_words("Farmers grow tea on the mountain."), english_words("The children go to school to study.")]
    score = LexicalScore(zh, en)
    assert score.bonus(0, 1, 0, 1) > 0 and score.bonus(1, 1, 1, 1) > 0
    assert score.bonus(0, 1, 1, 1) < 0 and score.bonus(1, 1, 0, 1) < 0
    # merging both into one link earns no more than the two true links apart
    assert score.bonus(0, 2, 0, 2) <= score.bonus(0, 1, 0, 1) + score.bonus(1, 1, 1, 1) + 1e-9


def test_english_function_words_and_digits_are_not_lexical_evidence():
    from toolkit.align.lexical import english_words

    assert english_words("It is of the 2024 a") == ()
    assert any("grow" in forms for forms in english_words("Farmers grew tea"))


def test_recent_cache_is_bounded_and_keeps_no_cycle_with_its_owner():
    import gc
    import weakref

    from toolkit.align.recent import Recent

    class Owner:
        def __init__(self):
            self.made = 0
            self.cache = Recent(self.square, size=4)

        def square(self, key: int) -> int:
            self.made += 1
            return key * key

    owner = Owner()
    assert [owner.cache[k] for k in range(10)] == [k * k for k in range(10)]
    assert len(owner.cache) + len(owner.cache.previous) <= 8  # two generations at most
    made = owner.made
    assert owner.cache[9] == 81 and owner.made == made  # recent keys are not made again
    gc.disable()
    try:
        alive = weakref.ref(owner)
        del owner
        assert alive() is None  # freed by reference counting alone
    finally:
        gc.enable()


def test_a_paragraph_split_elsewhere_in_english_still_pairs_its_sentences():
    """Two paragraphs against two, the break after the second Chinese sentence but after the first English one."""
    chinese = ("钟表铺\n\n老周把怀表放在她手心里。表针正在走动，发出细细的嘀嗒声，好像从来没有停过一样。\n\n"
               "姑娘把表贴在耳边，静静地听了很久很久，谁也没有说话。\n")
    english = ("The Watch Shop\n\nOld Zhou laid the watch in her palm.\n\n"
               "Its hands were moving, and it gave off a faint, fine ticking, as though it had never stopped at all. "
               "The girl held it to her ear and listened quietly for a long, long time, and nobody said a word.\n")
    document = parse_text(chinese, Path("t.zh.txt"), "t.zh.txt")
    links = align_document(document, parse_translation(english)).links
    assert [link.kind for link in links] == ["1-1", "1-1", "1-1", "1-1"]
    assert links[2].target_text[0].startswith("Its hands") and links[3].target_text[0].startswith("The girl")


def test_a_quotation_broken_by_its_attribution_counts_as_one_sentence_for_the_prior():
    """"Get in," he said. "Sit tight." is one turn: linking one Chinese sentence to both costs a 1-1 prior."""
    assert continues_quotation('"Get in, then," he said at last.', '"Sit tight and keep still."')
    assert continues_quotation('"All this for an old watch?" she said.', '"Is it worth it?"')
    assert not continues_quotation('"Can you fix this?" she asked.', "Layer by layer she unfolded the cloth.")
    assert not continues_quotation("His wife sighed.", '"Go to bed."')
    assert not continues_quotation('"Keep it for now.', '"We\'ll talk later."')
    zh = Side([chinese_unit("“上来吧，”他终于说，“坐稳了，别乱动。”", "body", Glossary())])
    sentences = ['"Get in, then," he said at last.', '"Sit tight and keep still."']

    def cost(continues: bool) -> float:
        units = [english_unit(s) for s in sentences]
        units[1].continues = continues
        return CostModel(zh, Side(units), SENTENCE_MOVES, None, ratio=3.0, variance=60.0,
                         wide_share=0.1).cost(0, 1, 0, 2)

    assert cost(False) - cost(True) == pytest.approx(math.log(SENTENCE_MOVES[(1, 1)] / SENTENCE_MOVES[(1, 2)]))


def test_the_aligner_marks_continued_quotations_within_a_paragraph_only():
    chinese = "“上来吧，”他说，“坐稳了。”\n\n“好。”\n"
    english = '"Get in," he said. "Sit tight."\n\n"All right."\n'
    aligner = _DocumentAligner(parse_text(chinese, Path("t.zh.txt"), "t.zh.txt"), parse_translation(english),
                               Glossary())
    assert [unit.continues for unit in aligner.en_units] == [False, True, False]
    english = '"Get in," he said.\n\n"Sit tight."\n'
    aligner = _DocumentAligner(parse_text(chinese, Path("t.zh.txt"), "t.zh.txt"), parse_translation(english),
                               Glossary())
    assert not any(unit.continues for unit in aligner.en_units)  # after a break: another speaker


@pytest.mark.parametrize("text, ends", [
    ('"Keep it for now.', (True, False)),
    ("We'll talk about that when it's done.\"", (False, True)),
    ('"It stopped," the girl said. "It stopped."', (False, False)),
    ("陈四笑了一声：“怎么没有？", (True, False)),
    ("两岸的人总得过河。”", (False, True)),
    ("“先别急着给钱，修好了再说。”", (False, False)),
    ("The lane was hushed.", (False, False)),
])
def test_quotation_ends_tell_a_sentence_inside_a_quotation(text, ends):
    assert quotation_ends(text) == ends


def test_a_link_ending_inside_a_quotation_on_one_side_only_costs_more():
    """“先别急着给钱，修好了再说。” is whole; "Keep it for now. / We'll talk…" is one quotation in two sentences."""
    zh = Side([chinese_unit(s, "body", Glossary()) for s in ("“先别急着给钱，修好了再说。”", "姑娘愣了一下。")])
    en = Side([english_unit(s) for s in ('"Keep it for now.', "We'll talk about that when it's done.\"",
                                         "She stared at him.")])
    model = CostModel(zh, en, SENTENCE_MOVES, None, ratio=3.0, variance=60.0, wide_share=0.1)
    assert model.cost(0, 1, 0, 1) - model.link_cost(0, 1, 0, 1) == pytest.approx(QUOTE_CUT_COST)
    assert model.cost(0, 1, 0, 2) == model.link_cost(0, 1, 0, 2)
