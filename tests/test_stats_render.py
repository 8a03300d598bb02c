"""`toolkit stats` agrees with msgfmt; `toolkit render` rebuilds the article in its paragraphs."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from conftest import msgfmt_check
from toolkit.po.catalog import read_catalog, write_catalog
from toolkit.cli import cli
from toolkit.segment import parse_source
from toolkit.text import count_han


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def partly_translated(project) -> dict[str, str]:
    """Translate the first twenty entries, mark every fourth of them fuzzy; return the usable ones."""
    invoke("segment")
    catalog = project / "po" / "article.po"
    po = read_catalog(catalog)
    usable = {}
    for number, entry in enumerate(e for e in po if e.msgid):
        if number < 20:
            entry.msgstr = f"Sentence {number} in English."
            if number % 4 == 0:
                entry.flags.append("fuzzy")
            else:
                usable[entry.msgid] = entry.msgstr
    write_catalog(po, catalog)
    return usable


def test_stats_agree_with_msgfmt_statistics(project):
    partly_translated(project)
    figures = json.loads(invoke("stats", "--format", "json").stdout)["catalogs"][0]
    statistics = msgfmt_check(project / "po" / "article.po").stderr
    found = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", statistics)}
    assert (figures["translated"], figures["fuzzy"], figures["untranslated"]) == (
        found["translated"], found["fuzzy"], found["untranslated"]) == (15, 5, 74)
    distinct = {s.text for s in parse_source(project / "src" / "article.zh.txt").segments}
    assert figures["source_chars"] == sum(count_han(text) for text in distinct)
    assert figures["target_words"] == 20 * 4


def test_stats_text_table_has_a_row_per_catalog_and_a_total(project):
    partly_translated(project)
    output = invoke("stats").stdout.splitlines()
    assert output[1].startswith("po/article.po") and output[2].startswith("total")
    assert output[2].split()[1:4] == ["15", "5", "74"]


def test_render_leaves_untranslated_and_fuzzy_in_chinese_and_counts_them(project):
    usable = partly_translated(project)
    document = parse_source(project / "src" / "article.zh.txt")
    distinct = {s.text for s in document.segments}
    left = len(distinct - set(usable))
    result = invoke("render")
    assert result.exit_code == 0
    assert f"po/article.po: {left} of {len(distinct)} segments untranslated or fuzzy" in result.stderr
    figures = json.loads(invoke("stats", "--format", "json").stdout)["catalogs"][0]  # the same count as stats
    assert (left, len(distinct)) == (figures["fuzzy"] + figures["untranslated"], figures["total"])
    paragraphs = result.stdout.rstrip("\n").split("\n\n")
    assert len(paragraphs) == len(document.paragraphs)
    assert paragraphs[0] == "扶贫“大考”的北京工会答卷"  # fuzzy: left in Chinese
    assert paragraphs[3].startswith("Sentence 3 in English. 新年前夕，")
    assert paragraphs[-3].endswith("支援合作体系。包括市总工")  # Chinese runs on without spaces


def test_render_markdown_marks_headings_and_refuses_below_min_coverage(project):
    partly_translated(project)
    result = invoke("render", "--markdown")
    assert result.stdout.startswith("# 扶贫“大考”的北京工会答卷\n\n## Sentence 1 in English.\n\n*Sentence 2")
    assert "\n### 精准发力 形成工会扶贫有效模式\n" in result.stdout
    refused = invoke("render", "-o", "article.en.md", "--min-coverage", "50")
    assert refused.exit_code == 1 and refused.stderr.startswith("Error: po/article.po: ")
    assert "below --min-coverage 50" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert not (project / "article.en.md").exists()
    assert invoke("render", "-o", "article.en.md", "--min-coverage", "10").exit_code == 0
    assert (project / "article.en.md").read_text("utf-8") == invoke("render").stdout


def test_render_drop_repeats_prints_the_repeated_paragraph_once(project):
    """The article prints one paragraph twice (lines 29 and 35); the editor's rendering keeps the first."""
    from conftest import ARTICLE_CATALOG

    invoke("segment")
    (project / "po" / "article.po").write_bytes(ARTICLE_CATALOG.read_bytes())
    faithful, edited = invoke("render").stdout, invoke("render", "--drop-repeats").stdout
    repeated = "People are the key to getting the job done."
    assert faithful.count(repeated) == 2 and edited.count(repeated) == 1
    paragraphs = faithful.split("\n\n")
    assert edited.split("\n\n") == [p for i, p in enumerate(paragraphs) if p not in paragraphs[:i]]
    assert len(edited.split("\n\n")) == len(paragraphs) - 1


def test_render_to_an_output_it_cannot_write_says_only_that(project):
    partly_translated(project)
    (project / "out").mkdir()
    result = invoke("render", "-o", "out")
    assert result.exit_code == 2 and result.stderr.startswith("Error: out: ") and len(result.stderr.splitlines()) == 1


def test_stats_on_a_missing_catalog_is_exit_2(project):
    result = invoke("stats", "nowhere.po")
    assert result.exit_code == 2 and result.stderr.strip() == "Error: nowhere.po: no such file or folder"


def test_a_date_line_is_a_dateline_not_a_heading(project):
    from toolkit.segment import classify

    assert classify("2020年10月14日 星期三", first=False) == "dateline"
    assert classify("2020年10月14日，北京市总工会召开会议，部署扶贫协作工作。", first=False) == "body"
    assert classify("精准发力 形成工会扶贫有效模式", first=False) == "heading"
    source = project / "src" / "article.zh.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    title = next(number for number, line in enumerate(lines) if line.strip())
    lines[title + 1:title + 1] = ["", "2021年1月4日 星期一"]
    source.write_text("\n".join(lines), encoding="utf-8")
    invoke("segment")
    markdown = invoke("render", "--markdown").stdout
    assert "\n*2021年1月4日 星期一*\n" in markdown and "### 2021年" not in markdown
