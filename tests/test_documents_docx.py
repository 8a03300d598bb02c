"""DOCX sources: segmented with placeholders, translated, rendered back, reopened with python-docx."""
from __future__ import annotations

import html
import re
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


def encrypted(path, source):
    """An OLE container as Word writes a password-protected DOCX: a directory entry EncryptedPackage."""
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\0")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + entry + b"\0" * 448)


def strict(path, source):
    """The document saved as Strict Open XML: its namespaces are purl.oclc.org's."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in package.namelist():
            data = package.read(name)
            for transitional, strict_name in ((b"schemas.openxmlformats.org/wordprocessingml/2006/main",
                                               b"purl.oclc.org/ooxml/wordprocessingml/main"),
                                              (b"schemas.openxmlformats.org/officeDocument/2006/relationships",
                                               b"purl.oclc.org/ooxml/officeDocument/relationships")):
                data = data.replace(transitional, strict_name)
            out.writestr(name, data)


@pytest.mark.parametrize("make, message", [
    (lambda path, source: path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504), "a Word 97–2003 .doc"),
    (encrypted, "a password-protected (encrypted) DOCX: remove the password"),  # "a Word 97–2003 .doc" before
    (strict, "a Strict Open XML document"),  # "no relationship of type 'http://…officeDocument' in collection"
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


NOTES = {
    "footnotes": ("数据来源：花垣县统计局。", "Source: Huayuan County Statistics Bureau."),
    "endnotes": ("本文有删节。", "This article has been abridged."),
}
MARGINS = {"header": ("湘西日报", "Xiangxi Daily"), "footer": ("第一版", "Page One")}


def notes_docx(path) -> None:
    """A story with a header, a footer, a footnote and an endnote (python-docx makes the first two; the notes
    parts are written into the package as Word writes them, separator notes included)."""
    import docx

    document = docx.Document()
    document.add_paragraph("十八洞村集体经济收入突破200万元。")
    section = document.sections[0]
    section.header.paragraphs[0].text = MARGINS["header"][0]
    section.footer.paragraphs[0].text = MARGINS["footer"][0]
    document.save(str(path))
    main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    types = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/{}"
    with zipfile.ZipFile(path) as package:
        members = {name: package.read(name) for name in package.namelist()}
    overrides, relations = "", ""
    for number, (name, (chinese, _)) in enumerate(NOTES.items(), start=1):
        note = name[:-1]
        members[f"word/{name}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{name} xmlns:w="{main}">'
            f'<w:{note} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{note}>'
            f'<w:{note} w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{note}Ref/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {chinese}</w:t></w:r></w:p></w:{note}></w:{name}>').encode()
        overrides += f'<Override PartName="/word/{name}.xml" ContentType="{types.format(name)}"/>'
        relations += f'<Relationship Id="rIdNote{number}" Type="{relation.format(name)}" Target="{name}.xml"/>'
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(b"</Types>", overrides.encode() + b"</Types>")
    rels = "word/_rels/document.xml.rels"
    members[rels] = members[rels].replace(b"</Relationships>", relations.encode() + b"</Relationships>")
    body = members["word/document.xml"].decode()
    reference = (f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
                 f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteReference w:id="1"/></w:r></w:p>')
    members["word/document.xml"] = body.replace("</w:p>", reference, 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)


def test_notes_headers_and_footers_are_translated_and_keep_their_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source, catalog, output = tmp_path / "story.docx", tmp_path / "story.po", tmp_path / "story.en.docx"
    notes_docx(source)
    assert run("segment", str(source), "-o", str(catalog)).exit_code == 0
    po = polib.pofile(str(catalog))
    english = {"十八洞村集体经济收入突破200万元。<1/><2/>": "Shibadong's collective income topped 2 million yuan.<1/><2/>"}
    for chinese, translation in (*NOTES.values(), *MARGINS.values()):
        entry = next(e for e in po if e.msgid.endswith(chinese))
        english[entry.msgid] = entry.msgid.replace(chinese, translation)
    assert [e.msgid for e in po] == list(english)
    assert po[1].msgid.startswith("<1><2/></1> ")  # the note's number, superscript, where Word puts it
    assert ["type: header" in e.comment for e in po] == [False, False, False, True, False]
    for entry in po:
        entry.msgstr = english[entry.msgid]
    po.save()
    assert run("render", str(catalog), "--source", str(source), "-o", str(output)).exit_code == 0
    with zipfile.ZipFile(output) as package:
        parts = {name: package.read(name).decode() for name in package.namelist() if name.endswith(".xml")}
    for name, (chinese, translation) in NOTES.items():
        assert translation in parts[f"word/{name}.xml"] and chinese not in parts[f"word/{name}.xml"]
        assert f"<w:{name[:-1]}Ref/>" in parts[f"word/{name}.xml"] and "<w:separator/>" in parts[f"word/{name}.xml"]
    margins = "".join(text for name, text in parts.items() if name.startswith(("word/header", "word/footer")))
    assert all(translation in margins and chinese not in margins for chinese, translation in MARGINS.values())
    assert "<w:footnoteReference" in parts["word/document.xml"] and "Shibadong" in parts["word/document.xml"]


def test_an_untranslated_paragraph_keeps_its_runs_and_tracked_changes(tmp_path, monkeypatch):
    import docx
    from docx.oxml import parse_xml

    monkeypatch.chdir(tmp_path)
    document = docx.Document()
    document.add_paragraph("翻译这一段。")
    tracked = parse_xml('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                        '<w:r><w:t>修订前的文字</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>插入的文字</w:t></w:r></w:ins>'
                        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除的文字</w:delText></w:r></w:del>'
                        '<w:r><w:t>。</w:t></w:r></w:p>')
    document.element.body.insert(1, tracked)
    document.save(tmp_path / "a.docx")
    catalog, output = tmp_path / "a.po", tmp_path / "a.en.docx"
    assert run("segment", "a.docx", "-o", str(catalog)).exit_code == 0
    po = polib.pofile(str(catalog))
    assert po.find("修订前的文字插入的文字。") is not None  # read as accepted
    po.find("翻译这一段。").msgstr = "Translate this paragraph."
    po.save()
    assert run("render", str(catalog), "--source", "a.docx", "-o", str(output)).exit_code == 0
    body = zipfile.ZipFile(output).read("word/document.xml").decode()
    assert "Translate this paragraph." in body
    assert "<w:del " in body and "<w:delText>删除的文字</w:delText>" in body and "<w:ins " in body  # were accepted


def empty_docx(path) -> None:
    import docx

    docx.Document().save(path)


@pytest.mark.parametrize("name, make", [
    ("empty.docx", empty_docx),  # an empty body: a catalog of 0 entries, exit 0, before
    ("code.md", lambda path: path.write_text("```\n代码\n```\n", encoding="utf-8")),  # only code
])
def test_a_document_with_nothing_to_translate_is_one_error_line(tmp_path, name, make):
    source = tmp_path / name
    make(source)
    result = run("segment", str(source), "-o", str(tmp_path / "a.po"))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: {source}: nothing to translate: no ")
    assert not (tmp_path / "a.po").exists()


def test_moved_text_and_a_simple_hyperlink_field_are_translated(tmp_path, monkeypatch):
    import docx
    from docx.oxml import parse_xml

    monkeypatch.chdir(tmp_path)
    document = docx.Document()
    for xml in ('<w:r><w:t>移动</w:t></w:r><w:moveTo w:id="3" w:author="a"><w:r><w:t>过来的文字</w:t></w:r></w:moveTo>'
                '<w:r><w:t>在这里。</w:t></w:r>',
                '<w:r><w:t>请访问</w:t></w:r><w:fldSimple w:instr=" HYPERLINK &quot;https://example.com/&quot; ">'
                '<w:r><w:t>示例网站</w:t></w:r></w:fldSimple><w:r><w:t>。</w:t></w:r>'):
        document.element.body.insert(0, parse_xml(
            f'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{xml}</w:p>'))
    document.save(tmp_path / "a.docx")
    catalog, output = tmp_path / "a.po", tmp_path / "a.en.docx"
    assert run("segment", "a.docx", "-o", str(catalog)).exit_code == 0
    po = polib.pofile(str(catalog))
    # both were codes no translation could reach ("移动<1/>在这里。", "请访问<1/>。")
    po.find("请访问<1>示例网站</1>。").msgstr = "Visit <1>the example site</1>."
    po.find("移动过来的文字在这里。").msgstr = "The moved text is here."
    assert "<1>…</1> link to https://example.com/" in po.find("请访问<1>示例网站</1>。").comment
    po.save()
    assert run("render", str(catalog), "--source", "a.docx", "-o", str(output)).exit_code == 0
    body = zipfile.ZipFile(output).read("word/document.xml").decode()
    assert "HYPERLINK" in body and "<w:t>the example site</w:t></w:r></w:fldSimple>" in body
    assert "The moved text is here." in body and not re.search("[\u4e00-\u9fff]", body)
