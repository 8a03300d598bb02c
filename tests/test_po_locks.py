"""Two writers of one catalog or glossary lose nothing: the second waits, or fails naming the first; a writer
killed mid-write leaves the old file, and nothing beside it after the next run."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.files import locked
from toolkit.po import CatalogEntry, read_catalog, write_catalog

from test_review import CATALOG, ENTRIES, export, review

REPO = Path(__file__).resolve().parent.parent
pytest_plugins = ["test_review"]


def toolkit(*args: str, cwd: Path, wait: str = "30") -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "TOOLKIT_LOCK_WAIT": wait}
    return subprocess.Popen([sys.executable, "-m", "toolkit", *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_imports_at_once_both_land(review_project: Path) -> None:
    first, second = ENTRIES[4][1], ENTRIES[5][1]  # two untranslated sentences
    export("one.xlsx")
    shutil.copyfile("one.xlsx", "two.xlsx")
    review(Path("one.xlsx"), {first: {"Reviewer translation": "Resolve like the Foolish Old Man."}})
    review(Path("two.xlsx"), {second: {"Reviewer translation": "Precise efforts: an effective model."}})
    catalog = review_project / CATALOG
    po = read_catalog(catalog)  # long enough to read and write that two unlocked imports would overlap
    for number in range(20000):
        po.append(CatalogEntry(msgid=f"第{number}段。", msgstr=f"Paragraph {number}."))
    write_catalog(po, catalog)
    with locked(catalog):  # both start while the catalog is held, and race for it when it is let go
        runs = [toolkit("import", name, cwd=review_project) for name in ("one.xlsx", "two.xlsx")]
        time.sleep(1.0)
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    entries = {e.msgid: e.msgstr for e in read_catalog(catalog)}
    assert entries[first] == "Resolve like the Foolish Old Man."
    assert entries[second] == "Precise efforts: an effective model."
    assert sorted(p.name for p in catalog.parent.iterdir()) == ["article.po"]


def test_a_writer_that_waits_too_long_names_the_holder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert CliRunner().invoke(cli, ["segment"]).exit_code == 0
    catalog = project / "po" / "article.po"
    before = catalog.read_bytes()
    monkeypatch.setattr("toolkit.files.LOCK_WAIT", 0.3)
    (project / "src" / "article.zh.txt").write_text("新的标题\n", encoding="utf-8")
    with locked(catalog):
        started = time.monotonic()
        result = CliRunner().invoke(cli, ["segment"])
        waited = time.monotonic() - started
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {catalog}: in use by process {os.getpid()} ("), lines
    assert "waited 0.3 s" in lines[0]
    assert 0.3 <= waited < 5
    assert catalog.read_bytes() == before


def test_a_glossary_csv_is_locked_while_a_term_is_added(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terms = project / "glossary" / "terms.csv"
    terms.parent.mkdir()
    terms.write_text("source,target,variants,forbidden,type,note\n工会,union,,,org,\n", encoding="utf-8")
    (project / "toolkit.toml").write_text((project / "toolkit.toml").read_text("utf-8")
                                          + '\n[glossary]\npaths = ["glossary"]\n', encoding="utf-8")
    monkeypatch.setattr("toolkit.files.LOCK_WAIT", 0.2)
    with locked(terms):
        result = CliRunner().invoke(cli, ["glossary", "add", "扶贫", "poverty alleviation", "--to", str(terms)])
    assert result.exit_code == 2 and "in use by process" in result.stderr, result.output
    result = CliRunner().invoke(cli, ["glossary", "add", "扶贫", "poverty alleviation", "--to", str(terms)])
    assert result.exit_code == 0, result.output
    assert "扶贫,poverty alleviation" in terms.read_text("utf-8")


KILLED_MID_WRITE = """
import os, signal, sys
from toolkit.files import atomic_path, locked
path = sys.argv[1]
with locked(path), atomic_path(path) as temp:
    temp.write_text("half a catalog", encoding="utf-8")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_writer_killed_mid_write_leaves_the_old_file_and_no_temporary_after_the_next_run(project: Path) -> None:
    assert CliRunner().invoke(cli, ["segment"]).exit_code == 0
    catalog = project / "po" / "article.po"
    before = catalog.read_bytes()
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(catalog)],
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert killed.returncode == -9
    assert catalog.read_bytes() == before
    assert any(p.name.endswith(".tmp") for p in catalog.parent.iterdir())  # what the kill left
    started = time.monotonic()
    assert CliRunner().invoke(cli, ["segment"]).exit_code == 0  # the lock died with its holder: no wait
    assert time.monotonic() - started < 5
    assert catalog.read_bytes() == before
    assert sorted(p.name for p in catalog.parent.iterdir()) == ["article.po"]
