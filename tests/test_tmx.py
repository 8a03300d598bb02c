"""TMX 1.4b export and import of the translation memory, and bad TMX input."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import ARTICLE_CATALOG, REPO
from toolkit.cli import cli
from toolkit.config import load_config
from toolkit.errors import InputError
from toolkit.formats import format_for_path
from toolkit.formats.tmx import read_tmx, write_tmx
from toolkit.tm import TranslationMemory, Unit
from toolkit.tm.update import update_from_catalogs

DTD = REPO / "tests" / "data" / "schemas" / "tmx14.dtd"


def _article_units(tmp_path: Path) -> list[Unit]:
    with TranslationMemory(tmp_path / "article.sqlite") as memory:
        update_from_catalogs(memory, [ARTICLE_CATALOG], load_config(REPO))
        return list(memory.units())


def test_export_validates_against_the_tmx_dtd(tmp_path):
    out = tmp_path / "article.tmx"
    assert write_tmx(_article_units(tmp_path), out) == 94
    dtd = etree.DTD(str(DTD))
    document = etree.parse(str(out))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
    assert document.getroot().find("header").get("srclang") == "zh-CN"


def test_export_then_import_gives_the_same_units(tmp_path):
    units = _article_units(tmp_path)
    out = tmp_path / "article.tmx"
    write_tmx(units, out)
    assert read_tmx(out) == units
    with TranslationMemory(tmp_path / "copy.sqlite") as copy:
        assert copy.add(read_tmx(out)) == 94 and copy.add(read_tmx(out)) == 0


_xml_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\ufffe\uffff",
                                  min_codepoint=0x20) | st.sampled_from("\n\t\u3000“”"), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_xml_text, _xml_text, st.none() | _xml_text), min_size=1, max_size=5))
def test_any_units_survive_a_round_trip(tmp_path_factory, rows):
    units = [Unit(source, target, context, "a.po", number, "2026-12-03T06:00:00Z")
             for number, (source, target, context) in enumerate(rows, start=1)]
    out = tmp_path_factory.mktemp("tmx") / "any.tmx"
    write_tmx(units, out)
    assert read_tmx(out) == units


def test_foreign_tmx_with_inline_codes_and_other_languages(tmp_path):
    tmx = tmp_path / "client.tmx"
    tmx.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en-US" srclang="zh-CN" datatype="html"/><body>\n'
        '<tu changedate="20250101T120000Z"><tuv xml:lang="zh-CN"><seg>北京市<bpt i="1">&lt;b&gt;</bpt>总工会'
        '<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="en-US"><seg>the <ph>&lt;br/&gt;</ph>Beijing '
        'Federation of Trade Unions</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="zh-CN"><seg>只有德文</seg></tuv><tuv xml:lang="de"><seg>nur Deutsch</seg></tuv></tu>\n'
        '</body></tmx>', encoding="utf-8")
    [unit] = format_for_path(tmx, "units").read(tmx, source_lang="zh_CN", target_lang="en")
    assert (unit.source, unit.target) == ("北京市总工会", "the Beijing Federation of Trade Unions")
    assert (unit.origin, unit.date) == ("client.tmx", "2025-01-01T12:00:00Z")


BAD = {
    "broken.tmx": ('<tmx version="1.4"><header/><body><tu></body></tmx>', "broken.tmx:1: not well-formed XML"),
    "bomb.tmx": ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                 '<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>&b;</seg></tuv></tu></body></tmx>',
                 "bomb.tmx: refused: the file declares the XML entity 'a'"),
    "root.tmx": ('<xliff version="1.2"/>', "root.tmx: not a TMX file: the root element is <xliff>"),
    "german.tmx": ('<tmx version="1.4"><header srclang="de" creationtool="x" creationtoolversion="1" '
                   'segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body><tu>'
                   '<tuv xml:lang="de"><seg>Haus</seg></tuv><tuv xml:lang="fr"><seg>maison</seg></tuv></tu>'
                   '</body></tmx>', "german.tmx: wrong languages: the TMX's source language is de"),
    # expat reads no multi-byte encoding but UTF-8 and UTF-16: it raised a bare ValueError
    "gbk.tmx": ('<?xml version="1.0" encoding="GBK"?>\n<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>工会</seg>'
                '</tuv><tuv xml:lang="en"><seg>union</seg></tuv></tu></body></tmx>'.encode("gbk"),
                "gbk.tmx:1: the XML reader cannot read GBK: save it as UTF-8"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_tmx_is_one_line_and_exit_2(project, name):
    text, message = BAD[name]
    (project / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result = CliRunner().invoke(cli, ["tm", "import", name])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {message}") and len(result.output.strip().splitlines()) == 1
    assert not (project / ".toolkit" / "tm.sqlite").exists()


def test_missing_tmx_is_one_line(project):
    result = CliRunner().invoke(cli, ["tm", "import", "nowhere.tmx"])
    assert result.exit_code == 2 and result.output == "Error: nowhere.tmx: no such file\n"


def test_a_control_character_stops_the_export_and_writes_nothing(tmp_path):
    out = tmp_path / "out.tmx"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(InputError, match="U\\+0007"):
        write_tmx([Unit("北京", "Beijing\a", origin="a.po", line=3)], out)
    assert out.read_text(encoding="utf-8") == "old"


def test_cli_export_and_import(project, tmp_path):
    runner = CliRunner()
    (project / "done.po").write_bytes(ARTICLE_CATALOG.read_bytes())
    assert runner.invoke(cli, ["tm", "update", "done.po"]).exit_code == 0
    result = runner.invoke(cli, ["tm", "export", "-o", "out.tmx"])
    assert result.exit_code == 0 and result.output == "out.tmx: 94 units\n"
    result = runner.invoke(cli, ["tm", "import", "out.tmx", "--tm", str(tmp_path / "other.sqlite")])
    assert result.exit_code == 0 and result.output == "out.tmx: 94 units, 94 new\n"
