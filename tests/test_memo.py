"""Library answers kept between runs (toolkit.memo): never a different result, and no slow library loaded
once every answer a check needs is remembered."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import ARTICLE_CATALOG, REPO
from toolkit import memo

sys.path.insert(0, str(REPO / "bench"))
from check_accuracy import corpus_root, read_pairs, write_catalog  # noqa: E402

SLOW_LIBRARIES = ("lemminflect", "simplemma", "spellchecker", "pypinyin", "cn2an", "numpy")
# Runs the checks and reports the findings and which of the slow libraries the run imported.
CHECK_AND_REPORT = """
import json, sys
from pathlib import Path
from toolkit.checks import run_checks
from toolkit.config import load_config
from toolkit.glossary import load_glossary
config = load_config()
report = run_checks(sys.argv[2:], config=config, glossary=load_glossary((), config), cache_dir=Path(sys.argv[1]) if sys.argv[1] else None)
print(json.dumps({"report": report.as_dict(), "loaded": sorted(set(%r) & sys.modules.keys())}))
""" % (SLOW_LIBRARIES,)


def run_check(catalog: Path, user_cache: Path, findings: Path | None = None, **env: str) -> dict:
    """The checks in a fresh process, with the given user cache folder and findings cache (else none)."""
    environment = {name: value for name, value in os.environ.items() if name != "TOOLKIT_NO_MEMO"}
    environment.update(PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(user_cache), **env)
    done = subprocess.run([sys.executable, "-c", CHECK_AND_REPORT, str(findings or ""), str(catalog)], cwd=REPO,
                          env=environment,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def with_parsed_dictionary(user_cache: Path) -> Path:
    """A user cache folder holding the user's parsed CC-CEDICT, if any (parsing it again costs seconds), but
    no remembered answers."""
    mine = memo.user_cache_folder()
    (user_cache / mine.name).mkdir(parents=True)
    for parsed in mine.glob("cedict-*.marshal"):
        shutil.copyfile(parsed, user_cache / mine.name / parsed.name)
    return user_cache


def with_defects(path: Path) -> Path:
    """The article with findings of most checks: a wrong year, Chinese left in, a misspelling, a sentence
    cut short, a glossary term rendered otherwise, a doubled word; each planted in two entries."""
    po = polib.pofile(str(ARTICLE_CATALOG))
    translated = [entry for entry in po if entry.msgstr and len(entry.msgid) > 30]
    edits = [(r"\b20(\d\d)\b", r"19\1"), (r"\bpoverty\b", "贫困"), (r"\bworkers\b", "wrokers"),
             (r"^(.{60}\S*).*$", r"\1"), (r"\bunion", "guild"), (r"\bthe\b", "the the")] * 2
    for pattern, replacement in edits:
        entry = next(entry for entry in translated if re.search(pattern, entry.msgstr))
        entry.msgstr = re.sub(pattern, replacement, entry.msgstr, count=1)
        translated.remove(entry)
    po.save(str(path))
    return path


@pytest.fixture
def article_with_defects(tmp_path: Path) -> Path:
    return with_defects(tmp_path / "article.po")


def test_remembered_answers_give_the_findings_the_libraries_give(article_with_defects, tmp_path):
    user_cache = with_parsed_dictionary(tmp_path / "user-cache")
    findings = tmp_path / "findings"
    fresh = run_check(article_with_defects, user_cache, TOOLKIT_NO_MEMO="1")
    filling = run_check(article_with_defects, user_cache, findings)
    remembered = run_check(article_with_defects, user_cache)
    assert fresh["report"]["findings"], "the planted defects are found"
    assert len({c["check"] for c in fresh["report"]["findings"]}) >= 5
    assert fresh["report"] == filling["report"] == remembered["report"]
    assert {"lemminflect", "pypinyin", "simplemma"} <= set(fresh["loaded"])
    assert remembered["loaded"] == []  # every answer came from the file
    # With the findings cache too, then after an edit (one entry checked again, the catalog-wide checks
    # run again): what a check of the edited catalog with no cache of any kind finds.
    assert run_check(article_with_defects, user_cache, findings)["report"] == fresh["report"]
    po = polib.pofile(str(article_with_defects))
    first, second = [entry for entry in po if entry.msgstr and len(entry.msgid) > 30][:2]
    first.msgstr, second.msgstr = second.msgstr, first.msgstr + " in 2035"  # exchanged, a year added
    po.save(str(article_with_defects))
    edited = run_check(article_with_defects, user_cache, findings)["report"]
    assert edited != fresh["report"]
    assert edited == run_check(article_with_defects, user_cache, TOOLKIT_NO_MEMO="1")["report"]


@pytest.mark.skipif(corpus_root() is None, reason="the development corpora are not here")
def test_on_a_published_translation_too(tmp_path):
    pairs = [pair for pair in read_pairs(corpus_root(), "mag") if pair.context.startswith("mag/00")][:200]
    catalog = tmp_path / "mag.po"
    write_catalog(catalog, pairs)
    user_cache = with_parsed_dictionary(tmp_path / "user-cache")
    fresh = run_check(catalog, user_cache, TOOLKIT_NO_MEMO="1")
    run_check(catalog, user_cache)
    remembered = run_check(catalog, user_cache)
    assert fresh["report"]["findings"]  # published translations have a few (see bench/check_accuracy.py)
    assert fresh["report"] == remembered["report"]
    assert remembered["loaded"] == []


def test_a_new_module_or_library_version_reads_no_old_answer(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("TOOLKIT_NO_MEMO", raising=False)
    module = tmp_path / "memo_example.py"
    module.write_text("from toolkit.memo import remembered\n\n"
                      "@remembered('polib')\ndef shout(text):\n    return text.upper()\n", encoding="utf-8")
    first = _fresh_store_and_function(tmp_path, monkeypatch)
    assert first("abc") == "ABC"
    memo._STORE.save()
    assert _stored(tmp_path) == [("abc", "ABC")]
    again = _fresh_store_and_function(tmp_path, monkeypatch)
    assert again.memo.name == first.memo.name
    again.memo.function = None  # an answer asked of the function itself would fail: it must come from the file
    assert again("abc") == "ABC"
    module.write_text(module.read_text(encoding="utf-8").replace("upper()", "upper() + '!'"), encoding="utf-8")
    changed = _fresh_store_and_function(tmp_path, monkeypatch)
    assert changed("abc") == "ABC!"
    memo._STORE.save()
    assert _stored(tmp_path) == [("abc", "ABC!")]  # the old version's answers are gone


def test_a_damaged_or_unwritable_file_costs_only_speed(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("TOOLKIT_NO_MEMO", raising=False)
    (tmp_path / "memo_example.py").write_text("from toolkit.memo import remembered\n\n"
                                             "@remembered()\ndef shout(text):\n    return text.upper()\n",
                                             encoding="utf-8")
    folder = tmp_path / "zh-en-toolkit"
    folder.mkdir()
    (folder / memo.FILE_NAME).write_bytes(b"not a database" * 100)
    shout = _fresh_store_and_function(tmp_path, monkeypatch)
    assert shout("abc") == "ABC"
    memo._STORE.save()
    assert (folder / memo.FILE_NAME).read_bytes().startswith(b"not a database")


def _fresh_store_and_function(folder: Path, monkeypatch: pytest.MonkeyPatch):
    """The example module imported afresh, with a store of its own (as in a new process)."""
    monkeypatch.setattr(memo, "_STORE", memo._Store())
    monkeypatch.syspath_prepend(str(folder))
    sys.modules.pop("memo_example", None)
    import memo_example

    return memo_example.shout


def _stored(folder: Path) -> list[tuple[str, str]]:
    import pickle
    import sqlite3

    with sqlite3.connect(folder / "zh-en-toolkit" / memo.FILE_NAME) as connection:
        rows = connection.execute("SELECT key, answer FROM memo WHERE name LIKE 'memo_example.%'").fetchall()
    return [(key, pickle.loads(answer)) for key, answer in rows]


def test_runs_writing_at_the_same_time_keep_every_answer(tmp_path):
    (tmp_path / "memo_example.py").write_text("from toolkit.memo import remembered\n\n"
                                             "@remembered()\ndef shout(text):\n    return text.upper()\n",
                                             encoding="utf-8")
    ask = ("import sys, memo_example\n"
           "for number in range(int(sys.argv[1]), int(sys.argv[1]) + 3000):\n"
           "    assert memo_example.shout(f'word{number}') == f'WORD{number}'\n")
    environment = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}", "XDG_CACHE_HOME": str(tmp_path)}
    environment.pop("TOOLKIT_NO_MEMO", None)
    runs = [subprocess.Popen([sys.executable, "-c", ask, str(start)], env=environment, stderr=subprocess.PIPE)
            for start in (0, 1500, 3000, 4500)]
    assert all(run.wait() == 0 for run in runs), [run.stderr.read() for run in runs]
    stored = dict(_stored(tmp_path))
    assert len(stored) == 7500 and all(stored[key] == key.upper() for key in stored)


def test_equal_words_of_answers_read_back_are_one_object(tmp_path):
    (tmp_path / "memo_example.py").write_text("from toolkit.memo import remembered\n\n"
                                             "@remembered()\ndef words(text):\n"
                                             "    return (tuple(text.split()), [text.split()[-1]], len(text))\n",
                                             encoding="utf-8")
    ask = ("import memo_example\n"
           "first, second = memo_example.words('alpha common words'), memo_example.words('beta common words')\n"
           "assert first == (('alpha', 'common', 'words'), ['words'], 18), first\n"
           "assert second == (('beta', 'common', 'words'), ['words'], 17), second\n"
           "assert first[0][1] is second[0][1] and first[1][0] is second[0][2]\n")
    environment = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}", "XDG_CACHE_HOME": str(tmp_path)}
    environment.pop("TOOLKIT_NO_MEMO", None)
    for run in ("computed", "read back"):
        done = subprocess.run([sys.executable, "-c", ask], env=environment, capture_output=True, text=True)
        assert done.returncode == 0, (run, done.stderr)
    assert len(_stored(tmp_path)) == 2
