"""Markdown sources: segmented with placeholders, translated, rendered back in the same structure."""
from __future__ import annotations

import polib
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from tests.article_documents import (ITALIC, Paragraph, approved, chinese_article, english_article, markdown,
                                     translate_catalog)
from tests.conftest import msgfmt_check
from toolkit.cli import cli
from toolkit.documents import get_format
from toolkit.render import render_catalog


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def structure(text: str) -> list[tuple[str, str]]:
    return [(t.type, t.tag) for t in MarkdownIt("commonmark").enable("table").parse(text)]


def test_markdown_article_round_trip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source, catalog, output = tmp_path / "article.md", tmp_path / "article.po", tmp_path / "article.en.md"
    source.write_text(markdown(chinese_article(), ""), encoding="utf-8")
    assert run("segment", str(source), "-o", str(catalog)).exit_code == 0
    assert msgfmt_check(catalog).returncode == 0
    po = polib.pofile(str(catalog))
    assert len(po) == len(approved())  # the same 94 segments as the plain text
    bold = next(e for e in po if e.msgid.startswith("<1>"))
    assert "placeholders: <1>…</1> bold" in bold.comment
    assert translate_catalog(catalog) == 6  # bold, italic and link: an opening and a closing code each
    assert run("check", str(catalog)).exit_code == 0

    result = run("render", str(catalog), "--source", str(source), "-o", str(output))
    assert result.exit_code == 0, result.output
    rendered = output.read_text(encoding="utf-8")
    assert rendered == markdown(english_article(), " ")
    assert structure(rendered) == structure(source.read_text(encoding="utf-8"))
    assert "北京市总工会 = 代码，不翻译" in rendered and "title: 扶贫" in rendered  # code and front matter kept


def test_a_dropped_bold_is_an_error_and_untranslated_stays_chinese(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source, catalog = tmp_path / "article.md", tmp_path / "article.po"
    source.write_text(markdown(chinese_article(), ""), encoding="utf-8")
    run("segment", str(source), "-o", str(catalog))
    translate_catalog(catalog)
    po = polib.pofile(str(catalog))
    bold = next(e for e in po if e.msgid.startswith("<1>"))
    bold.msgstr = bold.msgstr.replace("<1>", "").replace("</1>", "")
    italic_source = chinese_article()[ITALIC[0]].sentences[ITALIC[1]][0][0]
    italic = po.find(f"<1>{italic_source}</1>")
    italic.msgstr = ""
    po.save(str(catalog))
    result = run("check", str(catalog))
    assert result.exit_code == 1
    assert "error: [placeholders] placeholder <1>…</1> of the source is missing" in result.output
    rendering = render_catalog(catalog, source=source)
    assert rendering.left_in_chinese == 1
    assert f"*{italic_source}*" in rendering.text


chinese = st.text(st.sampled_from("北京工会扶贫攻坚战答卷一二三"), min_size=1, max_size=6)
styled = st.tuples(chinese, st.sampled_from(["bold", "italic", "link"]))
# styled pieces between plain ones: Markdown has no way to write **a***b* unambiguously
sentence = st.builds(lambda plain, pieces: [p for piece in pieces for p in (piece, (plain, None))],
                     chinese, st.lists(styled, min_size=1, max_size=3))
paragraph = st.builds(Paragraph, st.sampled_from(["body", "heading", "caption"]),
                      st.lists(st.builds(lambda s: [*s, ("。", None)], sentence), min_size=1, max_size=3))


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=4))
def test_an_untranslated_document_renders_back_as_it_was(tmp_path_factory, paragraphs):
    source = tmp_path_factory.mktemp("md") / "doc.md"
    source.write_text(markdown(paragraphs, ""), encoding="utf-8")
    reader = get_format("markdown")
    parsed = reader.read(source, reference="doc.md")
    from toolkit.render import compose
    english, _, missing = compose(parsed.document, {}, [b.back for b in parsed.blocks])
    from toolkit.documents.placeholders import wrap
    output = reader.write(parsed, [wrap(t, b.outer) for t, b in zip(english, parsed.blocks)])
    assert output == source.read_text(encoding="utf-8")
    assert missing == len({segment.text for segment in parsed.document.segments})  # each distinct segment once


NOTES = """# 十八洞村调研笔记

- 户籍人口：939人
- 耕地面积：817亩

| 年份 | 人均收入 |
|------|---------|
| 2013 | 1668元 |

这一段被版面截断了，后面

还有内容。
"""


def test_list_items_and_cells_need_not_end_a_sentence_and_ascii_cells_come_copied(tmp_path):
    source, catalog = tmp_path / "notes.md", tmp_path / "notes.po"
    source.write_text(NOTES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", str(source), "-o", str(catalog)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "这一段被版面截断了，后面" in warnings[0]  # the one broken paragraph only
    po = polib.pofile(str(catalog))
    year = po.find("2013")
    assert year.msgstr == "2013" and "no Chinese: copied as it is" in year.comment and not year.fuzzy
    assert po.find("1668元").msgstr == ""
    assert msgfmt_check(catalog).returncode == 0
    assert [e.msgid for e in po.translated_entries()] == ["2013"]


def test_a_block_no_translation_changes_keeps_its_lines(tmp_path):
    source, catalog, output = tmp_path / "a.md", tmp_path / "a.po", tmp_path / "a.en.md"
    text = "第一行没有结束\n第二行结束了。\n\n> 引用的第一句。\n> 引用的第二句。\n\n硬换行在这里  \n然后继续。\n\n翻译这一段。\n"
    source.write_text(text, encoding="utf-8")
    assert CliRunner().invoke(cli, ["segment", str(source), "-o", str(catalog)]).exit_code == 0
    assert CliRunner().invoke(cli, ["render", str(catalog), "--source", str(source), "-o", str(output)]).exit_code == 0
    assert output.read_text(encoding="utf-8") == text  # the lines were joined, the hard break made a backslash
    po = polib.pofile(str(catalog))
    po.find("翻译这一段。").msgstr = "Translate this paragraph."
    po.save()
    assert CliRunner().invoke(cli, ["render", str(catalog), "--source", str(source), "-o", str(output)]).exit_code == 0
    assert output.read_text(encoding="utf-8") == text.replace("翻译这一段。", "Translate this paragraph.")


LINKS = """这有[链接][ref]和[北京][]，还有[上海]与[内联](https://例子.cn/路径 "标题")。注在这里[^1]。

[ref]: https://example.com/
[北京]: https://beijing.example/
[上海]: https://shanghai.example/
[^1]: 脚注的内容。
"""


def test_links_keep_their_destination_or_reference_as_written_and_footnote_marks_stay_marks(tmp_path):
    source, catalog, output = tmp_path / "a.md", tmp_path / "a.po", tmp_path / "a.en.md"
    source.write_text(LINKS, encoding="utf-8")
    assert CliRunner().invoke(cli, ["segment", str(source), "-o", str(catalog)]).exit_code == 0
    po = polib.pofile(str(catalog))
    assert po[0].msgid == "这有<1>链接</1>和<2>北京</2>，还有<3>上海</3>与<4>内联</4>。"
    assert po[1].msgid == "注在这里<1/>。" and "<1/> footnote mark" in po[1].comment
    po[0].msgstr = "Here are a <1>link</1>, <2>Beijing</2>, <3>Shanghai</3> and <4>inline</4>."
    po[1].msgstr = "A note here<1/>."
    po.save()
    assert CliRunner().invoke(cli, ["render", str(catalog), "--source", str(source), "-o", str(output)]).exit_code == 0
    first = output.read_text(encoding="utf-8").split("\n")[0]
    # the references were inline links to their URLs, the footnote mark one to "%E8%84%9A…" (GitHub showed no note)
    assert first == ('Here are a [link][ref], [Beijing][北京], [Shanghai][上海] and [inline](https://例子.cn/路径 "标题"). '
                     "A note here[^1].")

    def hrefs(text: str) -> list[str]:
        return [child.attrs["href"] for token in MarkdownIt("commonmark").parse(text) if token.type == "inline"
                for child in token.children if child.type == "link_open"]
    assert hrefs(output.read_text(encoding="utf-8")) == hrefs(LINKS)


def test_a_table_cell_with_an_escaped_pipe_is_read_and_its_english_keeps_the_table(tmp_path):
    source, catalog, output = tmp_path / "a.md", tmp_path / "a.po", tmp_path / "a.en.md"
    text = "| 名称 | 说明 |\n|---|---|\n| 管道 | 含有\\|竖线的单元格 |\n"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", str(source), "-o", str(catalog)])
    assert result.exit_code == 0, result.output  # "cannot place this block's text in the file", exit 2, before
    po = polib.pofile(str(catalog))
    po.find("含有|竖线的单元格").msgstr = "a cell with a | pipe"
    po.save()
    assert CliRunner().invoke(cli, ["render", str(catalog), "--source", str(source), "-o", str(output)]).exit_code == 0
    rendered = output.read_text(encoding="utf-8")
    assert rendered.endswith("| 管道 | a cell with a \\| pipe |\n")
    assert structure(rendered) == structure(text)  # still two cells in the row
