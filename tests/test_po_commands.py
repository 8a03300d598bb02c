"""Every command reads what ``toolkit segment`` writes, through every kind of source edit."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.cli import cli
from toolkit.config import load_config
from toolkit.po import read_catalog, read_entries, write_catalog
from toolkit.segment import segment_source

from conftest import msgfmt_check

SOURCE = "北京工会扶贫纪实\n市总工会连续拨付援助资金。\n让援派干部感受到娘家人的温暖。\n他们走访了三百户贫困家庭。\n"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def edited(project: Path) -> Path:
    """The catalog after three ordinary source edits and a deletion: an obsolete entry with a ``#~|`` line."""
    source, catalog = project / "src" / "article.zh.txt", project / "po" / "article.po"
    source.write_text(SOURCE, encoding="utf-8")
    assert run("segment").exit_code == 0
    po = read_catalog(catalog)
    for entry in po:
        if entry.msgid:
            entry.msgstr = "EN " + entry.msgid
    write_catalog(po, catalog)
    for old, new in [("三百户", "四百户"), ("连续", "持续"), ("四百户", "五百户"), ("持续", "再次")]:
        source.write_text(source.read_text("utf-8").replace(old, new), encoding="utf-8")
        assert run("segment").exit_code == 0
    source.write_text("".join(line + "\n" for line in source.read_text("utf-8").splitlines() if "五百户" not in line),
                      encoding="utf-8")
    assert run("segment").exit_code == 0
    text = catalog.read_text("utf-8")
    assert '#~ msgid "他们走访了五百户贫困家庭。"' in text
    # the previous msgid msgmerge keeps on an obsolete entry
    catalog.write_text(text.replace('#~ msgid "他们走访了五百户', '#~| msgid "他们走访了四百户贫困家庭。"\n#~ msgid "他们走访了五百户'),
                       encoding="utf-8")
    assert msgfmt_check(catalog).returncode == 0
    return catalog


def test_segment_reads_its_own_obsolete_previous_msgid(edited: Path) -> None:
    result = run("segment")
    assert result.exit_code == 0, result.output
    assert msgfmt_check(edited).returncode == 0
    written = edited.read_bytes()
    assert run("segment").exit_code == 0
    assert edited.read_bytes() == written  # nothing changed in the source: no byte changes


@pytest.mark.parametrize("command", [["stats"], ["check"], ["render", "po/article.po"],
                                     ["score", "po/article.po", "--ref", "po/article.po"],
                                     ["export", "-o", "review.xlsx"]])
def test_every_command_reads_the_merged_catalog(edited: Path, command: list[str]) -> None:
    result = run(*command)
    assert "syntax error" not in result.output
    assert result.exit_code in (0, 1), result.output  # 1: findings (fuzzy entries), never bad input


def test_align_and_import_read_the_merged_catalog(edited: Path) -> None:
    english = "A record of Beijing unions.\n\nThe federation again allocated aid.\n\nCadres felt the warmth.\n"
    Path("en.txt").write_text(english, encoding="utf-8")
    result = run("align", "po/article.po", "en.txt", "--overwrite")
    assert "syntax error" not in result.output and result.exit_code in (0, 1), result.output
    assert run("export", "-o", "review.xlsx").exit_code in (0, 1)
    result = run("import", "review.xlsx")
    assert "syntax error" not in result.output and result.exit_code in (0, 1), result.output
    assert msgfmt_check(edited).returncode == 0


sentence = st.sampled_from(["市总工会连续拨付援助资金。", "让援派干部感受到娘家人的温暖。", "他们走访了三百户贫困家庭。",
                            "工会扶贫协作取得实效。", "北京市总工会成为成员单位。", "援助内蒙古的项目落地。"])


@st.composite
def edits(draw) -> list[list[str]]:
    """A long sequence of versions of a source: sentences edited, deleted, brought back, added."""
    versions = [draw(st.lists(sentence, min_size=1, max_size=5, unique=True))]
    for _ in range(draw(st.integers(2, 8))):
        current = list(versions[-1])
        action = draw(st.sampled_from(["edit", "delete", "revive", "add"]))
        at = draw(st.integers(0, len(current) - 1))
        if action == "edit":
            current[at] = current[at].replace("。", draw(st.sampled_from(["了。", "啊。", "呢。"])), 1)
        elif action == "delete" and len(current) > 1:
            del current[at]
        elif action == "revive":
            earlier = [s for version in versions for s in version if s not in current]
            if earlier:
                current.insert(at, draw(st.sampled_from(earlier)))
        else:
            current.insert(at, draw(sentence))
        versions.append(list(dict.fromkeys(current)))
    return versions


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(versions=edits())
def test_the_toolkit_reads_back_every_catalog_it_writes_through_edits_and_merges(project: Path, versions) -> None:
    source, catalog = project / "src" / "article.zh.txt", project / "po" / "article.po"
    catalog.unlink(missing_ok=True)
    for number, version in enumerate(versions):
        source.write_text("北京工会扶贫纪实\n" + "\n".join(version) + "\n", encoding="utf-8")
        segment_source(source, catalog, config=load_config())
        po = read_catalog(catalog)  # it reads back what it wrote, or this raises
        entries, _ = read_entries(catalog, "x")
        assert [e.msgid for e in entries] == [e.msgid for e in po if e.msgid and not e.obsolete]
        for entry in po:
            if entry.msgid and not entry.msgstr:
                entry.msgstr = f"EN {number}: {entry.msgid}"  # a translator at work between edits
        write_catalog(po, catalog)
    assert msgfmt_check(catalog).returncode == 0


@pytest.mark.parametrize("header", ["", 'msgid ""\nmsgstr "Project-Id-Version: x\\n"\n\n', '#, fuzzy\nmsgid ""\nmsgstr ""\n\n'])
def test_a_catalog_without_a_charset_is_written_with_utf8_declared(project: Path, header: str) -> None:
    """A hand-made catalog with no header (msgfmt refuses it) or none naming the charset gets one when written."""
    source, catalog = project / "src" / "article.zh.txt", project / "po" / "article.po"
    source.write_text(SOURCE, encoding="utf-8")
    catalog.parent.mkdir()
    catalog.write_text(header + '#: src/article.zh.txt:1\nmsgid "北京工会扶贫纪实"\nmsgstr "Beijing unions"\n',
                       encoding="utf-8")
    assert run("segment").exit_code == 0
    assert msgfmt_check(catalog).returncode == 0, msgfmt_check(catalog).stderr
    assert read_catalog(catalog).metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert read_catalog(catalog).find("北京工会扶贫纪实").msgstr == "Beijing unions"
