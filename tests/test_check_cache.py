"""The findings cache of `toolkit check`: unchanged entries reuse their findings, anything changed is checked afresh."""
from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from conftest import ARTICLE_CATALOG
from toolkit.check_cache import CACHE_FOLDER, FindingsCache, cache_dir, entry_key
from toolkit.checks import run_checks
from toolkit.cli import cli
from toolkit.config import load_config
from toolkit.po import read_entries


def check(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(ARTICLE_CATALOG, tmp_path / "article.po")
    return tmp_path / "article.po"


def findings_files(folder: Path) -> list[Path]:
    return sorted((folder / "findings").glob("*.pickle"))


def test_a_second_run_reads_the_cache_and_reports_the_same(catalog, check_cache):
    first = check(str(catalog))
    assert findings_files(check_cache) and (check_cache / ".gitignore").read_text().strip().endswith("*")
    second = check(str(catalog))
    fresh = check("--no-cache", str(catalog))
    assert first.exit_code == second.exit_code == fresh.exit_code
    assert first.output == second.output == fresh.output


def test_an_edited_entry_is_checked_again_and_the_others_keep_their_findings(catalog, check_cache):
    assert check(str(catalog)).exit_code == 0
    po = polib.pofile(str(catalog))
    entry = next(e for e in po if "2019" in e.msgid and "2019" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("2019", "2018")
    po.insert(0, polib.POEntry(msgid="新增一段", msgstr=""))  # moves every line below it
    po.save()
    cached = check(str(catalog))
    assert cached.output == check("--no-cache", str(catalog)).output
    assert cached.exit_code == 1 and "[numbers]" in cached.output and "[untranslated]" in cached.output


def test_a_glossary_change_gives_a_fresh_fingerprint(catalog, check_cache):
    glossary = catalog.parent / "terms.csv"
    rows = "source,target,variants,forbidden\n北京市总工会,Beijing Federation of Trade Unions,{},{}\n"
    glossary.write_text(rows.format("federation", ""), encoding="utf-8")
    assert "[glossary]" not in check("--glossary", str(glossary), str(catalog)).output
    glossary.write_text(rows.format("", "federation"), encoding="utf-8")
    after = check("--glossary", str(glossary), str(catalog))
    assert "[glossary]" in after.output
    assert after.output == check("--no-cache", "--glossary", str(glossary), str(catalog)).output
    assert len(findings_files(check_cache)) == 2


def test_a_damaged_cache_file_is_checked_afresh_and_rewritten(catalog, check_cache):
    expected = check(str(catalog)).output
    (damaged,) = findings_files(check_cache)
    damaged.write_bytes(b"not a pickle")
    assert check(str(catalog)).output == expected
    assert damaged.read_bytes() != b"not a pickle"


def test_only_checked_entries_are_stored_and_an_entry_key_ignores_its_line(catalog, check_cache):
    config = load_config()
    entries, _ = read_entries(catalog, catalog.name)
    report = run_checks([catalog], config=config, glossary=None, cache_dir=check_cache)
    (path,) = findings_files(check_cache)
    stored = FindingsCache(path)
    assert all(stored.get(entry_key(item)) is not None for item in entries)
    moved = type(entries[0])(**{**{name: getattr(entries[0], name) for name in entries[0].__slots__}, "line": 999})
    assert entry_key(moved) == entry_key(entries[0])
    assert report.findings == run_checks([catalog], config=config, glossary=None).findings


def test_the_cache_lives_beside_the_project_config(project, monkeypatch):
    monkeypatch.delenv("TOOLKIT_CACHE_DIR")
    assert cache_dir(load_config()) == project / CACHE_FOLDER


def test_catalog_wide_findings_are_reused_only_while_no_entry_changed(tmp_path, monkeypatch, check_cache):
    monkeypatch.chdir(tmp_path)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgctxt="a", msgid="资料图", msgstr="File photo"))
    po.append(polib.POEntry(msgctxt="b", msgid="资料图", msgstr="Archive picture"))
    po.save(str(tmp_path / "two.po"))
    first = check("two.po")
    assert "[consistency]" in first.output
    assert check("two.po").output == first.output == check("--no-cache", "two.po").output
    po[1].msgstr = "File photo"
    po.save()
    assert "[consistency]" not in check("two.po").output


def test_after_an_edit_the_completeness_analysis_reads_again_only_the_entry_that_changed(catalog, check_cache,
                                                                                         monkeypatch):
    from toolkit.checks import omission

    assert check(str(catalog)).exit_code == 0
    po = polib.pofile(str(catalog))
    entry = next(e for e in po if e.msgstr and len(e.msgid) > 40)
    entry.msgstr = entry.msgstr.split(", ")[0] + "."  # a translation cut short
    po.save()
    read_again = []
    real_echo = omission.echo
    monkeypatch.setattr(omission, "echo", lambda source, translation: read_again.append(source) or
                        real_echo(source, translation))
    cached = check(str(catalog))
    assert read_again == [entry.msgid]
    monkeypatch.setattr(omission, "echo", real_echo)
    assert cached.output == check("--no-cache", str(catalog)).output


def test_a_term_asked_about_once_follows_edits_of_the_entries_that_use_it(tmp_path, monkeypatch, check_cache):
    """Each entry's spelling findings are cached as its own; whether a word is a term is weighed afresh."""
    monkeypatch.chdir(tmp_path)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in [("丰田的经连会包括数百家供应商。", "Toyota's keiretsu includes hundreds of suppliers."),
                          ("经连会成员互相持股。", "Members of a keiretsu hold shares in one another."),
                          ("这一做法后来被禁止。", "The practice was later banned."),
                          ("批评者说经连会排斥外国竞争者。", "Critics say the keiretsu shut out foreign rivals.")]:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    po.save(str(tmp_path / "keiretsu.po"))
    first = check("--select", "spelling", "keiretsu.po").output
    assert first.count("[spelling]") == 1 and '"keiretsu" is not in the dictionary but used in 3 entries' in first
    po[1].msgstr = "Members of such a group hold shares in one another."  # now in two entries: a warning in each
    po.save()
    cached = check("--select", "spelling", "keiretsu.po").output
    assert cached == check("--no-cache", "--select", "spelling", "keiretsu.po").output
    assert cached.count('warning: [spelling] unknown word "keiretsu"') == 2 and "info" not in cached.split("\n\n")[0]
    po[2].msgstr = "The keiretsu practice was later banned."  # three again
    po.save()
    again = check("--select", "spelling", "keiretsu.po").output
    assert again == check("--no-cache", "--select", "spelling", "keiretsu.po").output
    assert again.count("[spelling]") == 1 and "used in 3 entries" in again
