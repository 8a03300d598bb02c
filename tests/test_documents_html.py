"""HTML pages: the article segmented with placeholders, translated, rendered back in the same markup."""
from __future__ import annotations

import lxml.html
import polib
import pytest
from click.testing import CliRunner

from tests.article_documents import (drop_link, approved, chinese_article, english_article, html_body, html_page,
                                     translate_catalog)
from tests.conftest import msgfmt_check
from toolkit.cli import cli

TITLE = chinese_article()[0].sentences[0][0][0]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def inner_html(element) -> str:
    return (element.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in element)


def test_html_article_round_trip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no project: no glossary
    source, catalog, output = tmp_path / "article.html", tmp_path / "article.po", tmp_path / "article.en.html"
    source.write_text(html_page(chinese_article(), "", TITLE), encoding="utf-8")
    assert run("segment", str(source), "-o", str(catalog)).exit_code == 0
    assert msgfmt_check(catalog).returncode == 0
    po = polib.pofile(str(catalog))
    assert len(po) == len(approved())  # the page's title is the article's: navigation, ads, scripts left out
    assert not [e.msgid for e in po if "首页" in e.msgid or "广告" in e.msgid or "分享" in e.msgid or "版权" in e.msgid]
    link = next(e for e in po if "<1>北京市总工会</1>" in e.msgid)
    assert "placeholders: <1>…</1> link to https://www.workercn.cn/" in link.comment
    assert translate_catalog(catalog) == 6
    assert run("check", str(catalog)).exit_code == 0

    result = run("render", str(catalog), "--source", str(source), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n<html")  # standards mode, as the source
    page = lxml.html.fromstring(output.read_bytes())
    english = english_article()
    assert inner_html(page.find(".//article")).strip() == html_body(english, " ")
    assert page.findtext(".//title") == english[0].sentences[0][0][0]
    assert page.get("lang") == "en"
    assert page.find(".//nav").text_content() == "首页新闻"  # outside the article: as it was
    assert '"北京市总工会"' in page.findtext(".//head/script")
    assert page.find(".//footer").text_content() == "版权所有 中工网"


def test_line_breaks_in_the_page_source_vanish_between_chinese_characters(tmp_path):
    source = tmp_path / "a.html"
    source.write_text("<html><body><p>北京市\n  总工会\n<b>2018年</b>\n春。</p><p>本报记者 郭丽华</p><p>Beijing\nunions.</p></body></html>",
                      encoding="utf-8")
    assert run("segment", str(source), "-o", str(tmp_path / "a.po")).exit_code == 0
    assert [e.msgid for e in polib.pofile(str(tmp_path / "a.po"))] == ["北京市总工会<1>2018年</1>春。", "本报记者 郭丽华",
                                                                       "Beijing unions."]


def test_a_gb2312_page_is_read_by_its_meta_charset(tmp_path):
    source = tmp_path / "a.html"
    source.write_bytes('<html><head><meta charset="gb2312"></head><body><p>北京工会。</p></body></html>'
                       .encode("gb18030"))
    result = run("segment", str(source), "-o", str(tmp_path / "a.po"))
    assert result.exit_code == 0, result.output
    assert polib.pofile(str(tmp_path / "a.po"))[0].msgid == "北京工会。"


@pytest.mark.parametrize("content, message", [
    (b"<html><head><title></title></head><body><nav><p>\xe9\xa6\x96\xe9\xa1\xb5</p></nav></body></html>",
     "no article text"),
    (b"<html><head><title>\xe6\xa0\x87\xe9\xa2\x98</title></head></html>", "no article text"),
    (b"   \n", "empty file"),
    (b"<p>\xff\xfe\xfa</p>", "not valid utf-8"),
])
def test_a_page_with_no_article_is_one_error_line(tmp_path, content, message):
    source = tmp_path / "bad.html"
    source.write_bytes(content)
    result = run("segment", str(source), "-o", str(tmp_path / "bad.po"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "bad.po").exists()


def test_an_untranslated_page_renders_its_article_as_it_was_and_a_dropped_link_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source, catalog, output = tmp_path / "article.html", tmp_path / "article.po", tmp_path / "zh.html"
    source.write_text(html_page(chinese_article(), "", TITLE), encoding="utf-8")
    run("segment", str(source), "-o", str(catalog))
    assert run("render", str(catalog), "--source", str(source), "-o", str(output)).exit_code == 0
    page = lxml.html.fromstring(output.read_bytes())
    assert inner_html(page.find(".//article")).strip() == html_body(chinese_article(), "")

    translate_catalog(catalog)
    drop_link(catalog)
    result = run("check", str(catalog))
    assert result.exit_code == 1 and "[placeholders] placeholder <1>…</1> of the source is missing" in result.output


def test_a_paragraph_broken_by_the_layout_is_reported_with_its_line(tmp_path):
    source = tmp_path / "a.html"
    source.write_text("<html><body>\n<h2>精准发力</h2>\n<p>北京市总工会召开专题会，对推进</p>\n"
                      "<p>各级工会对口精准脱贫工作进行动员部署。</p>\n<p>全文如下：</p>\n<p>要求各级工会落实。</p>\n"
                      "</body></html>", encoding="utf-8")
    result = run("segment", str(source), "-o", str(tmp_path / "a.po"))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (f"{source}:3: warning: paragraph ends mid-sentence (…总工会召开专题会，对推进) and "
                                             "the next one ends a sentence: broken by the layout? kept as it is")
    assert "warning" not in result.stderr.splitlines()[1]  # a colon introduces what follows


def test_text_that_reads_as_a_code_is_a_code_of_its_own_and_comes_back_as_text(tmp_path):
    source, catalog, output = tmp_path / "a.html", tmp_path / "a.po", tmp_path / "a.en.html"
    source.write_text("<html><body><p><b>粗体</b>见&lt;1&gt;号文件&lt;/1&gt;。</p></body></html>", encoding="utf-8")
    assert run("segment", str(source), "-o", str(catalog)).exit_code == 0  # a KeyError traceback before
    po = polib.pofile(str(catalog))
    entry = po[0]
    assert entry.msgid == "<1>粗体</1>见<2/>号文件<3/>。"
    assert "<2/> the text <1> (not a code), <3/> the text </1> (not a code)" in entry.comment.replace("\n", " ")
    entry.msgstr = "See <2/> file <3/> in <1>bold</1>."
    po.save()
    assert run("render", str(catalog), "--source", str(source), "-o", str(output)).exit_code == 0
    assert "<p>See &lt;1&gt; file &lt;/1&gt; in <b>bold</b>.</p>" in output.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", [
    "<p>只有一个片段。</p>\n<p>第二段<b>也是</b>。</p>\n",  # a fragment: written as one, not wrapped in html and body
    "<html><body><p>没有文档类型的页面。</p></body></html>\n",  # no doctype: none added (lxml reports HTML 4's)
])
def test_a_fragment_or_a_page_without_doctype_renders_as_it_was(tmp_path, page):
    source, catalog, output = tmp_path / "a.html", tmp_path / "a.po", tmp_path / "a.en.html"
    source.write_text(page, encoding="utf-8")
    assert run("segment", str(source), "-o", str(catalog)).exit_code == 0
    assert run("render", str(catalog), "--source", str(source), "-o", str(output)).exit_code == 0
    assert output.read_text(encoding="utf-8") == page
