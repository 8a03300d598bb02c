"""Round trips through the real gettext tools change only what changed: a catalog keeps the layout it has."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.po import read_catalog, write_catalog
from toolkit.po.layout import GETTEXT, TOOLKIT, Layout

from conftest import ARTICLE, ARTICLE_CATALOG, msgfmt_check

SOURCE = "translations/source/beijing-unions-poverty-alleviation.zh.txt"
CATALOG = "translations/en/beijing-unions-poverty-alleviation.po"


@pytest.fixture
def article_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project holding the article and its translated catalog at the paths its references name."""
    for name, origin in ((SOURCE, ARTICLE), (CATALOG, ARTICLE_CATALOG)):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, tmp_path / name)
    (tmp_path / "toolkit.toml").write_text(
        f'[project]\nname = "beijing-unions-poverty-alleviation"\n\n[[documents]]\nsource = "{SOURCE}"\n'
        f'catalog = "{CATALOG}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def gettext_tool(*args: str) -> None:
    subprocess.run(list(args), check=True, capture_output=True)


def segment() -> None:
    result = CliRunner().invoke(cli, ["segment"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("options", [[], ["--no-wrap"]], ids=["wrapped", "no-wrap"])
def test_a_catalog_msgcat_wrote_is_left_as_it_is_by_segment(article_project: Path, options: list[str]) -> None:
    catalog = article_project / CATALOG
    gettext_tool("msgcat", *options, "-o", str(catalog), str(catalog))
    written = catalog.read_bytes()
    segment()
    assert catalog.read_bytes() == written


def test_a_catalog_msgmerge_wrote_is_left_as_it_is_by_segment(article_project: Path) -> None:
    catalog = article_project / CATALOG
    gettext_tool("msgmerge", "--quiet", "--previous", "-o", str(catalog), str(catalog), str(catalog))
    written = catalog.read_bytes()
    segment()
    assert catalog.read_bytes() == written


def test_what_segment_writes_msgcat_and_msgmerge_leave_as_it_is(project: Path) -> None:
    segment()  # a new catalog, then translated, then merged after an edit of the source
    catalog = project / "po" / "article.po"
    po = read_catalog(catalog)
    for number, entry in enumerate(po):
        entry.msgstr = f"Sentence {number}, translated at some length so that gettext has to wrap it over lines."
    write_catalog(po, catalog)
    source = project / "src" / "article.zh.txt"
    source.write_text(source.read_text("utf-8").replace("北京市总工会", "北京市总工会（市总）", 1), encoding="utf-8")
    segment()
    written = catalog.read_bytes()
    assert b"#, fuzzy" in written and b"#| msgid" in written
    for tool in (["msgcat", "-o", str(catalog), str(catalog)],
                 ["msgmerge", "--quiet", "--previous", "-o", str(catalog), str(catalog), str(catalog)]):
        gettext_tool(*tool)
        assert catalog.read_bytes() == written, tool[0]
    assert msgfmt_check(catalog).returncode == 0


def test_an_edit_in_a_gettext_catalog_changes_only_its_entry(article_project: Path) -> None:
    catalog = article_project / CATALOG
    gettext_tool("msgcat", "-o", str(catalog), str(catalog))
    before = catalog.read_text("utf-8").splitlines()
    po = read_catalog(catalog)
    entry = next(e for e in po if e.msgid.startswith("新年前夕"))
    entry.msgstr = "On New Year's Eve, President Xi Jinping delivered his 2021 New Year address, making a solemn " \
                   "declaration that everyone could hear."
    write_catalog(po, catalog, changed={(entry.msgctxt, entry.msgid)})
    after = catalog.read_text("utf-8").splitlines()
    changed = [line for line in after if line not in before] + [line for line in before if line not in after]
    assert 0 < len(changed) <= 6, changed  # the old msgstr lines and the new, nothing else


def test_the_layout_of_a_long_catalog_is_told_from_its_start(tmp_path: Path) -> None:
    po = read_catalog(ARTICLE_CATALOG)
    for copy in range(40):  # well over the 64 KB sample
        for entry in list(po)[:94]:
            po.append(type(entry)(msgid=f"{entry.msgid}（{copy}）", msgstr=entry.msgstr))
    path = tmp_path / "long.po"
    po.layout = Layout(TOOLKIT)
    write_catalog(po, path)
    gettext_tool("msgcat", "-o", str(path), str(path))
    assert path.stat().st_size > 1 << 17
    assert read_catalog(path).layout == Layout(GETTEXT)


def lines_changed(before: bytes, after: bytes) -> list[bytes]:
    old, new = before.split(b"\n"), after.split(b"\n")
    return [line for line in new if line not in old] + [line for line in old if line not in new]


@pytest.mark.parametrize("width", ["60", "100"])
def test_a_catalog_msgcat_wrapped_at_another_width_keeps_that_width(article_project: Path, width: str) -> None:
    catalog = article_project / CATALOG
    gettext_tool("msgcat", f"--width={width}", "-o", str(catalog), str(catalog))
    written = catalog.read_bytes()
    segment()  # unchanged source: nothing to write
    assert catalog.read_bytes() == written
    assert read_catalog(catalog).layout == Layout(GETTEXT, int(width))
    # an edit of the source: the fuzzy entry is wrapped as msgcat wraps at that width, the rest stays
    source = article_project / SOURCE
    source.write_text(source.read_text("utf-8").replace("国家主席习近平", "国家主席习近平同志", 1), encoding="utf-8")
    segment()
    edited = catalog.read_bytes()
    assert b"#| msgid" in edited and 0 < len(lines_changed(written, edited)) <= 12
    gettext_tool("msgcat", f"--width={width}", "-o", str(catalog), str(catalog))
    assert catalog.read_bytes() == edited
    assert msgfmt_check(catalog).returncode == 0


def test_a_catalog_with_crlf_line_ends_keeps_them(article_project: Path) -> None:
    catalog = article_project / CATALOG
    lf = catalog.read_bytes()
    catalog.write_bytes(lf.replace(b"\n", b"\r\n"))
    written = catalog.read_bytes()
    segment()
    assert catalog.read_bytes() == written
    po = read_catalog(catalog)
    assert (po.layout.wrap, po.layout.newline) == (GETTEXT, "\r\n")
    entry = next(e for e in po if e.msgid.startswith("新年前夕"))
    entry.msgstr = "On New Year's Eve, President Xi Jinping delivered his 2021 New Year address, making a solemn " \
                   "declaration that everyone could hear."
    write_catalog(po, catalog, changed={(entry.msgctxt, entry.msgid)})
    after = catalog.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")  # every line still ends with CR LF
    assert 0 < len(lines_changed(written, after)) <= 6
    # in gettext's layout still: msgcat leaves the same text with LF line ends as it is
    catalog.write_bytes(after.replace(b"\r\n", b"\n"))
    gettext_tool("msgcat", "-o", str(catalog), str(catalog))
    assert catalog.read_bytes() == after.replace(b"\r\n", b"\n")


def test_a_byte_order_mark_is_kept(article_project: Path) -> None:
    catalog = article_project / CATALOG
    catalog.write_bytes(b"\xef\xbb\xbf" + catalog.read_bytes())
    po = read_catalog(catalog)
    entry = next(e for e in po if e.msgid.startswith("新年前夕"))
    entry.msgstr = "On New Year's Eve, President Xi Jinping gave his 2021 New Year address."
    write_catalog(po, catalog, changed={(entry.msgctxt, entry.msgid)})
    assert catalog.read_bytes().startswith(b"\xef\xbb\xbfmsgid \"\"\n") or \
        catalog.read_bytes().startswith(b"\xef\xbb\xbf# ")
    assert read_catalog(catalog).layout.bom


def test_a_flag_msgcat_does_not_know_is_never_lost(article_project: Path) -> None:
    """msgcat drops flags gettext does not know (the toolkit's joined): such an entry keeps polib's rendering."""
    catalog = article_project / CATALOG
    po = read_catalog(catalog)
    assert po.layout.wrap == GETTEXT
    first, second = [e for e in po if e.msgid][4:6]
    second.flags = ["fuzzy", "joined"]
    first.msgstr = second.msgstr = "On New Year's Eve, President Xi Jinping delivered his 2021 New Year address."
    write_catalog(po, catalog, changed={(first.msgctxt, first.msgid), (second.msgctxt, second.msgid)})
    assert {e.msgid: e.flags for e in read_catalog(catalog)}[second.msgid] == ["fuzzy", "joined"]
    po = read_catalog(catalog)
    po.metadata["PO-Revision-Date"] = "2030-01-02 03:04+0000"
    write_catalog(po, catalog)  # the whole catalog at once
    assert {e.msgid: e.flags for e in read_catalog(catalog)}[second.msgid] == ["fuzzy", "joined"]
    assert msgfmt_check(catalog).returncode == 0
