"""The catalog of the article: gettext validity, merges that never lose work, idempotence, bad input."""
from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from conftest import msgfmt_check
from toolkit.po.catalog import index_entries, read_catalog, write_catalog
from toolkit.cli import cli
from toolkit.errors import InputError
from toolkit.segment import parse_text


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def translate_all(path: Path) -> polib.POFile:
    """Give every entry a distinct placeholder translation, as a translator would have."""
    po = read_catalog(path)
    for number, entry in enumerate(e for e in po if e.msgid):
        entry.msgstr = f"English sentence {number}."
    write_catalog(po, path)
    return po


def test_segment_writes_a_valid_catalog_with_one_entry_per_distinct_segment(project):
    result = run("segment")
    assert result.exit_code == 0, result.output
    catalog = project / "po" / "article.po"
    checked = msgfmt_check(catalog)
    assert checked.returncode == 0, checked.stderr
    assert "0 translated messages, 94 untranslated messages" in checked.stderr
    po = read_catalog(catalog)
    assert po.metadata["Language"] == "en" and po.metadata["X-Source-Language"] == "zh_CN"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert "Plural-Forms" in po.metadata and po.metadata["Project-Id-Version"] == "scratch"
    repeated = index_entries(po)[(None, "落实任务，人是关键。")]
    assert repeated.occurrences == [("src/article.zh.txt", "29"), ("src/article.zh.txt", "35")]
    assert "#. type: heading\n#: src/article.zh.txt:37\nmsgid \"精准发力 形成工会扶贫有效模式\"" in catalog.read_text("utf-8")
    assert "src/article.zh.txt:71: warning: paragraph ends mid-sentence" in result.stderr


def test_segmenting_an_unchanged_source_changes_no_byte(project):
    run("segment")
    catalog = project / "po" / "article.po"
    translate_all(catalog)
    before = catalog.read_bytes()
    result = run("segment")
    assert "unchanged" in result.stderr
    assert catalog.read_bytes() == before


def edit_source(project: Path, old: str, new: str) -> None:
    source = project / "src" / "article.zh.txt"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_sentence_keeps_its_translation_as_fuzzy_with_the_old_source(project):
    run("segment")
    catalog = project / "po" / "article.po"
    before = {e.msgid: e.msgstr for e in translate_all(catalog) if e.msgid}
    edit_source(project, "立下愚公志，吹响集结号。", "立下愚公之志，吹响集结号。")
    result = run("segment")
    assert "1 fuzzy" in result.stderr
    po = read_catalog(catalog)
    edited = index_entries(po)[(None, "立下愚公之志，吹响集结号。")]
    assert edited.fuzzy and edited.previous_msgid == "立下愚公志，吹响集结号。"
    assert edited.msgstr == before["立下愚公志，吹响集结号。"]
    others = {e.msgid: e.msgstr for e in po if e.msgid and not e.obsolete and e is not edited}
    assert all(before[msgid] == msgstr for msgid, msgstr in others.items())
    assert msgfmt_check(catalog).returncode == 0
    assert "#| msgid \"立下愚公志，吹响集结号。\"" in catalog.read_text("utf-8")


def test_reverting_an_edit_restores_the_entry_as_it_was(project):
    run("segment")
    catalog = project / "po" / "article.po"
    translate_all(catalog)
    original = catalog.read_text("utf-8")
    edit_source(project, "立下愚公志，吹响集结号。", "立下愚公之志，吹响集结号。")
    assert "1 fuzzy" in run("segment").stderr
    edit_source(project, "立下愚公之志，吹响集结号。", "立下愚公志，吹响集结号。")
    result = run("segment")
    assert "0 fuzzy" in result.stderr and "1 revived" in result.stderr
    restored = index_entries(read_catalog(catalog))[(None, "立下愚公志，吹响集结号。")]
    assert not restored.fuzzy and restored.previous_msgid is None
    assert all(not entry.fuzzy for entry in read_catalog(catalog) if entry.msgid)
    revision = re.compile(r'"PO-Revision-Date: [^"]*"')
    assert revision.sub("", catalog.read_text("utf-8")) == revision.sub("", original)  # the file as it was


def test_a_deleted_paragraph_leaves_obsolete_entries_and_an_added_one_new(project):
    run("segment")
    catalog = project / "po" / "article.po"
    before = {e.msgid: e.msgstr for e in translate_all(catalog) if e.msgid}
    paragraph = next(line for line in (project / "src" / "article.zh.txt").read_text("utf-8").splitlines()
                     if line.startswith("海淀区、内蒙古自治区敖汉旗"))
    edit_source(project, paragraph, "全新的一段话在这里出现。")
    result = run("segment")
    assert "1 new" in result.stderr and "1 obsolete" in result.stderr
    po = read_catalog(catalog)
    obsolete = [e for e in po if e.obsolete]
    assert [e.msgid for e in obsolete] == [paragraph]
    assert obsolete[0].msgstr == before[paragraph]
    assert index_entries(po)[(None, "全新的一段话在这里出现。")].msgstr == ""
    assert msgfmt_check(catalog).returncode == 0
    # Putting the paragraph back revives its translation.
    edit_source(project, "全新的一段话在这里出现。", paragraph)
    run("segment")
    revived = index_entries(read_catalog(catalog))[(None, paragraph)]
    assert revived.msgstr == before[paragraph] and not revived.obsolete


def gettext_accepts(catalog: Path) -> None:
    """msgfmt's format and header checks pass, and msgcat reads the catalog."""
    import subprocess

    checked = msgfmt_check(catalog)
    assert checked.returncode == 0, checked.stderr
    concatenated = subprocess.run(["msgcat", str(catalog)], capture_output=True, text=True)
    assert concatenated.returncode == 0, concatenated.stderr


EDITED, EDIT = "立下愚公志，吹响集结号。", "立下愚公之志，吹响集结号。"
def test_hand_added_plural_entries_keep_their_forms_through_segment(project):
    run("segment")
    catalog = project / "po" / "article.po"
    po = translate_all(catalog)
    po.append(polib.POEntry(msgid="%d个工会", msgid_plural="%d个工会", msgstr_plural={0: "%d union", 1: "%d unions"},
                            flags=["c-format"]))
    segment = next(e for e in po if e.msgid == EDITED)
    segment.msgid_plural, segment.msgstr_plural, segment.msgstr = "复数", {0: "One form.", 1: "Other forms."}, ""
    write_catalog(po, catalog)
    edit_source(project, "落实任务，人是关键。", "落实任务，人才是关键。")
    assert run("segment").exit_code == 0
    after = read_catalog(catalog)
    [gone] = [e for e in after if e.msgid == "%d个工会"]
    assert gone.obsolete and gone.msgstr_plural == {0: "%d union", 1: "%d unions"}
    kept = index_entries(after)[(None, EDITED)]
    assert not kept.obsolete and kept.msgstr_plural == {0: "One form.", 1: "Other forms."}
    gettext_accepts(catalog)
    before = catalog.read_bytes()
    assert run("segment").exit_code == 0 and catalog.read_bytes() == before


@pytest.mark.parametrize("previous", [None, "立下愚公志。"])
def test_a_fuzzy_translation_stays_fuzzy_through_an_edit_and_its_revert(project, previous):
    run("segment")
    catalog = project / "po" / "article.po"
    po = translate_all(catalog)
    entry = next(e for e in po if e.msgid == EDITED)
    entry.flags.append("fuzzy")
    entry.previous_msgid = previous
    write_catalog(po, catalog)
    original = catalog.read_text("utf-8")
    edit_source(project, EDITED, EDIT)
    run("segment")
    edited = index_entries(read_catalog(catalog))[(None, EDIT)]
    assert edited.fuzzy and edited.previous_msgid == previous  # the source its translation was made for
    gettext_accepts(catalog)
    edit_source(project, EDIT, EDITED)
    run("segment")
    assert index_entries(read_catalog(catalog))[(None, EDITED)].fuzzy
    revision = re.compile(r'"PO-Revision-Date: [^"]*"')
    assert revision.sub("", catalog.read_text("utf-8")) == revision.sub("", original)


def test_a_translation_taken_from_an_entry_with_msgctxt_names_that_context(project):
    run("segment")
    catalog = project / "po" / "article.po"
    po = translate_all(catalog)
    entry = next(e for e in po if e.msgid == EDITED)
    entry.msgctxt = "slogan"
    write_catalog(po, catalog)
    run("segment")
    text = catalog.read_text("utf-8")
    assert f'#, fuzzy\n#| msgctxt "slogan"\n#| msgid "{EDITED}"\nmsgid "{EDITED}"' in text
    gettext_accepts(catalog)
    assert "unchanged" in run("segment").stderr and catalog.read_text("utf-8") == text


def test_dry_run_reports_and_writes_nothing(project):
    run("segment")
    catalog = project / "po" / "article.po"
    translate_all(catalog)
    before = catalog.read_bytes()
    edit_source(project, "立下愚公志，吹响集结号。", "立下愚公之志，吹响集结号。")
    result = run("segment", "--dry-run")
    assert "~ fuzzy: 立下愚公之志，吹响集结号。" in result.stdout and "would write" in result.stderr
    assert catalog.read_bytes() == before


def test_segment_outside_a_project_writes_where_told(tmp_path, article, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("segment", str(article), "-o", "out.po")
    assert result.exit_code == 0
    assert len(index_entries(read_catalog(tmp_path / "out.po"))) == 94


def test_gb18030_source_is_one_clear_error_and_segments_with_encoding(project):
    source = project / "src" / "article.zh.txt"
    source.write_bytes(source.read_text("utf-8").encode("gb18030"))
    result = CliRunner().invoke(cli, ["segment"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {source}:3: not valid utf-8 (GB18030? try --encoding gb18030)"]
    assert not (project / "po").exists()
    assert CliRunner().invoke(cli, ["segment", "--encoding", "gb18030"]).exit_code == 0
    assert len(index_entries(read_catalog(project / "po" / "article.po"))) == 94


@pytest.mark.parametrize("content, line, message", [
    ('msgid "a"\nmsgstr "b"\nmsgid "c"\n', 3, "msgid without msgstr"),
    ('msgid "a"\nmsgstr "b\n', 2, "unterminated string"),
    ('msgid "a\nmsgstr "b"\n', 1, "unterminated string"),
    ('msgid "a"\nmsgstr "b"\nfoo bar\n', 3, "not a PO keyword"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate msgid"),
])
def test_malformed_catalog_is_located_and_left_alone(project, content, line, message):
    catalog = project / "po" / "article.po"
    catalog.parent.mkdir()
    catalog.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment"])
    assert result.exit_code == 2, result.output
    error = result.stderr.strip()
    assert re.fullmatch(rf"Error: {re.escape(str(catalog))}:{line}: .*{message}.*", error, re.I), error
    assert catalog.read_text(encoding="utf-8") == content


def test_missing_source_is_exit_2(project):
    result = CliRunner().invoke(cli, ["segment", "nowhere.txt", "-o", "x.po"])
    assert result.exit_code == 2 and "nowhere.txt: no such file" in result.stderr
    assert "Traceback" not in result.output


def test_interrupted_write_leaves_the_old_catalog(project, monkeypatch):
    run("segment")
    catalog = project / "po" / "article.po"
    before = catalog.read_bytes()
    po = read_catalog(catalog)
    po[0].msgstr = "changed"

    def crash(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_catalog(po, catalog)
    assert catalog.read_bytes() == before
    assert [p.name for p in catalog.parent.iterdir()] == ["article.po"]


def test_segments_after_a_join_point_keep_their_own_line(tmp_path):
    text = "标题\n\n" + "甲" * 40 + "，对推进\n\n各级工会工作进行部署。第二句在这里。\n"
    document = parse_text(text, tmp_path / "t.txt", "t.txt")
    assert [(s.text, s.line) for s in document.segments[1:]] == [
        ("甲" * 40 + "，对推进各级工会工作进行部署。", 3), ("第二句在这里。", 5)]


def test_read_catalog_rejects_non_utf8(tmp_path):
    path = tmp_path / "latin.po"
    path.write_bytes('msgid ""\nmsgstr ""\n\nmsgid "é"\nmsgstr ""\n'.encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_catalog(path)
    assert caught.value.line == 4
