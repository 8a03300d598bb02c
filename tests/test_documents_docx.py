"""DOCX sources: segmented with placeholders, translated, rendered back, reopened with python-docx."""
from __future__ import annotations

import html
import shutil
import subprocess
import zipfile

import polib
import pytest
from click.testing import CliRunner

from tests.article_documents import (drop_link, BOLD, ITALIC, approved, chinese_article, docx_document, docx_view, english_article,
                                     translate_catalog)
from tests.conftest import msgfmt_check
from toolkit.cli import cli
from toolkit.documents.docx import MAX_UNPACKED


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def article_docx(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no project: no glossary
    docx_document(chinese_article(), "", tmp_path / "article.docx")
    return tmp_path / "article.docx"


def expected_view(tmp_path):
    docx_document(english_article(), " ", tmp_path / "expected.docx")
    return docx_view(tmp_path / "expected.docx")


def test_docx_article_round_trip(article_docx, tmp_path):
    catalog, output = tmp_path / "article.po", tmp_path / "article.en.docx"
    result = run("segment", str(article_docx), "-o", str(catalog))
    assert result.exit_code == 0, result.output
    assert msgfmt_check(catalog).returncode == 0
    po = polib.pofile(str(catalog))
    assert len(po) == len(approved())  # the split run is one segment; the table's headings are entries already
    assert len([e for e in po if "<" in e.msgid]) == 3  # the bold, italic and linked sentences only
    link = next(e for e in po if "<1>北京市总工会</1>" in e.msgid)
    assert "placeholders: <1>…</1> link to https://www.workercn.cn/" in link.comment
    assert translate_catalog(catalog) == 6  # bold, italic, link: the split run and the styles make no code
    assert run("check", str(catalog)).exit_code == 0

    result = run("render", str(catalog), "--source", str(article_docx), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert docx_view(output) == expected_view(tmp_path)


def test_docx_render_needs_an_output_file_and_keeps_chinese_untranslated(article_docx, tmp_path):
    catalog = tmp_path / "article.po"
    run("segment", str(article_docx), "-o", str(catalog))
    result = run("render", str(catalog), "--source", str(article_docx))
    assert result.exit_code == 2 and "give the output file with -o" in result.stderr
    result = run("render", str(catalog), "--source", str(article_docx), "-o", str(tmp_path / "zh.docx"))
    assert result.exit_code == 0 and "94 of 94 segments" in result.stderr  # distinct: the cells repeat headings
    assert docx_view(tmp_path / "zh.docx") == docx_view(article_docx)


def working_soffice(folder) -> str:
    """soffice, if it is installed and converts a document here (a core install without Writer cannot)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    probe = folder / "probe.txt"
    probe.write_text("probe\n", encoding="utf-8")
    converted = subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                                "--convert-to", "odt", "--outdir", str(folder), str(probe)],
                               capture_output=True, text=True, timeout=120)
    if not (folder / "probe.odt").exists():
        pytest.skip(f"LibreOffice cannot convert documents here: {converted.stderr.strip().splitlines()[-1:]}")
    return soffice


def test_libreoffice_opens_the_rendered_docx(article_docx, tmp_path):
    soffice = working_soffice(tmp_path)
    catalog, output = tmp_path / "article.po", tmp_path / "article.en.docx"
    run("segment", str(article_docx), "-o", str(catalog))
    translate_catalog(catalog)
    run("render", str(catalog), "--source", str(article_docx), "-o", str(output))
    for target in ("txt:Text", "html"):
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                        "--convert-to", target, "--outdir", str(tmp_path), str(output)],
                       check=True, capture_output=True, timeout=120)
    text = (tmp_path / "article.en.txt").read_text(encoding="utf-8-sig")
    assert english_article()[0].sentences[0][0][0] in text and "北京市总工会" not in text
    # LibreOffice's own reading of the formatting: the bold sentence comes out bold, the italic one italic
    page = " ".join(html.unescape((tmp_path / "article.en.html").read_text(encoding="utf-8")).split())
    paragraphs = english_article()
    assert f"<b>{' '.join(paragraphs[BOLD[0]].sentences[BOLD[1]][0][0].split())}" in page
    assert f"<i>{' '.join(paragraphs[ITALIC[0]].sentences[ITALIC[1]][0][0].split())}" in page


def zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(MAX_UNPACKED // len(chunk) + 1):
                member.write(chunk)


def truncated(path, source):
    path.write_bytes(source.read_bytes()[: source.stat().st_size // 2])


def corrupt(path, source):
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as package:
        member = package.getinfo("word/document.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra) + 10
    data[start:start + 40] = b"\xff" * 40  # inside the compressed document: the CRC no longer matches
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("make, message", [
    (lambda path, source: path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504), "a Word 97–2003 .doc"),
    (lambda path, source: path.write_text("北京工会", encoding="utf-8"), "not a zip package"),
    (truncated, "not a zip package"),
    (corrupt, "broken DOCX package"),
    (lambda path, source: zipfile.ZipFile(path, "w").writestr("xl/workbook.xml", "<workbook/>"),
     "no word/document.xml"),
    (lambda path, source: zip_bomb(path), "zip bomb"),
])
def test_a_bad_docx_is_one_error_line(article_docx, tmp_path, make, message):
    bad = tmp_path / "bad.docx"
    make(bad, article_docx)
    result = run("segment", str(bad), "-o", str(tmp_path / "bad.po"))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {bad}: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "bad.po").exists()


def test_a_project_from_a_docx_in_three_commands(article_docx, tmp_path, monkeypatch):
    assert run("init", str(tmp_path / "job"), "--source", str(article_docx)).exit_code == 0
    monkeypatch.chdir(tmp_path / "job")
    catalog = tmp_path / "job/translations/en/article.po"
    assert run("segment").exit_code == 0  # init segmented it already: nothing changes
    translate_catalog(catalog)
    result = run("render", "-o", "article.en.docx")
    assert result.exit_code == 0, result.output
    assert docx_view(tmp_path / "job/article.en.docx") == expected_view(tmp_path)


def test_a_dropped_link_is_an_error_and_renders_as_plain_text(article_docx, tmp_path):
    catalog, output = tmp_path / "article.po", tmp_path / "article.en.docx"
    run("segment", str(article_docx), "-o", str(catalog))
    translate_catalog(catalog)
    drop_link(catalog)
    result = run("check", str(catalog))
    assert result.exit_code == 1 and "[placeholders] placeholder <1>…</1> of the source is missing" in result.output
    assert run("render", str(catalog), "--source", str(article_docx), "-o", str(output)).exit_code == 0
    assert not [s for _, stretches in docx_view(output) for s in stretches if s[3]]  # no hyperlink left
