"""XLIFF 1.2 export and import: valid files, a lossless round trip, the review import's conflict rule, bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import ARTICLE_CATALOG, REPO, msgfmt_check
from toolkit.cli import cli
from toolkit.config import load_config
from toolkit.formats.xliff import NS, import_xliff, read_xliff, write_xliff
from toolkit.po import CatalogEntry, new_catalog, read_catalog, write_catalog

SCHEMA = etree.XMLSchema(etree.parse(str(REPO / "tests" / "data" / "schemas" / "xliff-core-1.2-subset.xsd")))
X = f"{{{NS}}}"


@pytest.fixture
def catalog(project: Path) -> Path:
    """The article's catalog in the scratch project, with one entry made fuzzy and one untranslated."""
    path = project / "po" / "article.po"
    path.parent.mkdir()
    po = read_catalog(ARTICLE_CATALOG)
    entries = [e for e in po if e.msgid and not e.obsolete]
    entries[3].flags.append("fuzzy")
    entries[4].msgstr = ""
    entries[5].tcomment = "Check the name of the award\nwith the client."
    write_catalog(po, path)
    return path


def _export(project: Path) -> Path:
    result = CliRunner().invoke(cli, ["xliff", "export", "-o", "out.xlf"])
    assert result.exit_code == 0, result.output
    return project / "out.xlf"


def _units(xlf: Path) -> list[etree._Element]:
    return etree.parse(str(xlf)).getroot().findall(f".//{X}trans-unit")


def test_export_validates_and_carries_states_and_notes(catalog, project):
    xlf = _export(project)
    document = etree.parse(str(xlf))
    assert SCHEMA.validate(document), SCHEMA.error_log.filter_from_errors()
    units = _units(xlf)
    assert len(units) == 94
    states = [u.find(f"{X}target").get("state") for u in units]
    assert states[3] == "needs-review-translation" and states[4] == "needs-translation"
    assert states.count("translated") == 92 and units[0].get("approved") == "yes"
    notes = {n.get("from"): n.text for n in units[5].findall(f"{X}note")}
    assert notes == {"developer": "type: body", "translator": "Check the name of the award\nwith the client."}
    assert document.getroot().find(f"{X}file").get("original") == "po/article.po"


def test_import_with_no_edit_changes_no_byte(catalog, project):
    before = catalog.read_bytes()
    xlf = _export(project)
    result = CliRunner().invoke(cli, ["xliff", "import", str(xlf), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["counts"]["unchanged"] == 94
    assert catalog.read_bytes() == before


_text = st.text(st.characters(min_codepoint=0x20, blacklist_categories=("Cs",),
                              blacklist_characters="\ufffe\uffff") | st.sampled_from("\t“”，。"), max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_text.filter(bool), _text, st.booleans(), _text, st.none() | _text), min_size=1,
                max_size=6, unique_by=lambda row: (row[4], row[0])))
def test_any_catalog_round_trips_byte_for_byte(project, rows):
    path = project / "any.po"
    po = new_catalog(project="scratch", source="any.zh.txt")
    for msgid, msgstr, fuzzy, comment, context in rows:
        po.append(CatalogEntry(msgid=msgid, msgstr=msgstr, msgctxt=context, tcomment=comment,
                               flags=["fuzzy"] if fuzzy and msgstr else []))
    write_catalog(po, path)
    before = path.read_bytes()
    write_xliff([(path, "any.po")], project / "any.xlf")
    report = import_xliff(project / "any.xlf", config=load_config(project))
    assert report.counts["unchanged"] == len(rows) and path.read_bytes() == before


def _edit(xlf: Path, number: int, *, target: str | None = None, state: str | None = None) -> None:
    document = etree.parse(str(xlf))
    unit = document.getroot().findall(f".//{X}trans-unit")[number]
    if target is not None:
        unit.find(f"{X}target").text = target
    if state is not None:
        unit.find(f"{X}target").set("state", state)
    document.write(str(xlf), xml_declaration=True, encoding="UTF-8")


def test_a_cat_tools_translation_and_state_come_back(catalog, project):
    xlf = _export(project)
    _edit(xlf, 3, state="final")
    _edit(xlf, 4, target="Set your sights high and sound the rallying call.", state="translated")
    result = CliRunner().invoke(cli, ["xliff", "import", str(xlf)])
    assert result.exit_code == 0, result.output
    assert "trans-unit 4: po/article.po:" in result.output and "applied: fuzzy cleared" in result.output
    assert "2 applied, 92 unchanged" in result.output
    entries = [e for e in read_catalog(catalog) if e.msgid]
    assert not entries[3].fuzzy and entries[4].msgstr == "Set your sights high and sound the rallying call."
    assert not entries[4].fuzzy
    assert msgfmt_check(catalog).returncode == 0


def test_an_entry_changed_after_the_export_is_a_conflict(catalog, project):
    xlf = _export(project)
    po = read_catalog(catalog)
    entry = [e for e in po if e.msgid][6]
    entry.msgstr = "A translator's later version."
    write_catalog(po, catalog)
    before = catalog.read_bytes()
    _edit(xlf, 6, target="The CAT tool's version.")
    result = CliRunner().invoke(cli, ["xliff", "import", str(xlf)])
    assert result.exit_code == 1
    assert "conflict: the entry changed in the catalog after the export" in result.output
    assert "now:      A translator's later version." in result.output and catalog.read_bytes() == before
    result = CliRunner().invoke(cli, ["xliff", "import", str(xlf), "--force"])
    assert result.exit_code == 0 and "forced over a later change" in result.output
    assert [e for e in read_catalog(catalog) if e.msgid][6].msgstr == "The CAT tool's version."


def test_a_unit_whose_id_was_changed_is_unknown(catalog, project):
    xlf = _export(project)
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(_units(xlf)[0].get("id"), "not-a-digest", 1),
                   encoding="utf-8")
    [unknown] = [r for r in import_xliff(xlf, config=load_config(project)).results if r.outcome == "unknown"]
    assert unknown.reason.startswith("no key: a trans-unit added by hand")


FIRST_ID = 'id="e504b2954e0f2ffd4e1160aa12ffaec9"'


@pytest.mark.parametrize("old, new, message", [
    (' original="po/article.po"', "", "out.xlf:3: <file> without an original attribute"),
    (FIRST_ID, "", "out.xlf:8: <trans-unit> without an id"),
    (FIRST_ID, 'id=""', "out.xlf:8: <trans-unit> without an id"),
    ('original="po/article.po"', 'original="po/gone.po"',
     "out.xlf:8: trans-unit 1 names catalog 'po/gone.po', which is not there"),
])
def test_a_unit_naming_no_catalog_or_entry_is_one_located_error(catalog, project, old, new, message):
    xlf = _export(project)
    text = xlf.read_text(encoding="utf-8")
    assert old in text
    xlf.write_text(text.replace(old, new, 1).replace("Beijing's trade unions rise", "Beijing unions rise"),
                   encoding="utf-8")
    before = catalog.read_bytes()
    result = CliRunner().invoke(cli, ["xliff", "import", "out.xlf"])
    assert result.exit_code == 2 and result.output.startswith(f"Error: {message}"), result.output
    assert len(result.output.splitlines()) == 1 and catalog.read_bytes() == before


BAD = {
    "broken.xlf": ('<xliff version="1.2"><file>', "broken.xlf:1: not well-formed XML"),
    "bomb.xlf": ('<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n'
                 '<xliff version="1.2"><file original="po/article.po"><body><trans-unit id="x"><source>&lol2;'
                 '</source></trans-unit></body></file></xliff>', "bomb.xlf: refused: the file declares the XML entity"),
    "tmx.xlf": ('<tmx version="1.4"/>', "tmx.xlf: not an XLIFF file: the root element is <tmx>"),
    "two.xlf": ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh"/>',
                "two.xlf: XLIFF 2.0: only XLIFF 1.2 is read"),
    "french.xlf": (f'<xliff xmlns="{NS}" version="1.2"><file original="po/article.po" source-language="zh-CN" '
                   'target-language="fr" datatype="po"><body/></file></xliff>',
                   "french.xlf: wrong languages: file 'po/article.po' has target-language fr"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_xliff_is_one_line_and_exit_2(catalog, project, name):
    text, message = BAD[name]
    (project / name).write_text(text, encoding="utf-8")
    before = catalog.read_bytes()
    result = CliRunner().invoke(cli, ["xliff", "import", name])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {message}") and len(result.output.strip().splitlines()) == 1
    assert catalog.read_bytes() == before


def test_inline_codes_are_markup_not_text(project, tmp_path):
    xlf = tmp_path / "tool.xlf"
    xlf.write_text(f'<xliff xmlns="{NS}" version="1.2"><file original="a.po" source-language="zh" datatype="po">'
                   '<body><trans-unit id="1"><source>北京<ph id="1">&lt;br/&gt;</ph>工会</source>'
                   '<target state="translated">Beijing <g id="2">trade</g> unions<x id="3"/></target></trans-unit>'
                   '</body></file></xliff>', encoding="utf-8")
    [unit] = read_xliff(xlf)
    assert (unit.source, unit.target) == ("北京工会", "Beijing trade unions")


def test_export_of_a_missing_catalog_is_one_line(project):
    result = CliRunner().invoke(cli, ["xliff", "export", "nowhere.po", "-o", "out.xlf"])
    assert result.exit_code == 2 and result.output == "Error: nowhere.po: no such file or folder\n"
    assert not (project / "out.xlf").exists()
