"""The project's word list: words the spelling check accepts, `toolkit words`, and what a change to it does."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from toolkit.checks import run_checks
from toolkit.checks.spelling import Speller
from toolkit.cli import cli
from toolkit.config import Config, load_config
from toolkit.words import WordList, add_words

ENTRIES = [("日本的经连会体系以银行为中心。", "Japan's keiretsu system is built around a bank."),
           ("丰田的经连会包括数百家供应商。", "Toyota's keiretsu's suppliers, and other keiretsus, grew."),
           ("湘西的村庄很穷。", "Many xiangxi villages were poor.")]


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose one catalog flags keiretsu (two entries: a warning in each) and xiangxi."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "toolkit.toml").write_text('[[documents]]\nsource = "a.zh.txt"\ncatalog = "a.po"\n', encoding="utf-8")
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in ENTRIES:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    po.save(str(tmp_path / "a.po"))
    return tmp_path


def spelling() -> list[str]:
    """The words `toolkit check` flags in the project."""
    result = invoke("check", "--select", "spelling")
    assert result.exit_code == 0, result.output
    return [line.split('"')[1] for line in result.output.splitlines() if "[spelling]" in line]


def test_a_word_in_lower_case_is_accepted_in_any_case_one_with_a_capital_only_as_written():
    listed = WordList.of(["keiretsu", "Xiangxi"])
    assert all(map(listed.accepts, ["keiretsu", "Keiretsu", "KEIRETSU", "keiretsus", "Xiangxi", "Xiangxis"]))
    assert not any(map(listed.accepts, ["xiangxi", "keiretsuu", "Xiangx"]))
    speller = Speller(None, listed)
    assert not speller.unknown("keiretsu's") and not speller.unknown("keiretsus") and speller.unknown("xiangxi")
    # A capitalised word is flagged only as a letter from the pinyin of its source; listed, it is a name.
    assert Speller(None).unknown_name("Beijng") and not speller.unknown_name("Keiretsu’s")
    assert not Speller(None, WordList.of(["Beijng"])).unknown_name("Beijng")


def test_the_spelling_check_accepts_the_projects_words_and_names_the_way_to_accept_the_others(project):
    found = invoke("check", "--select", "spelling").output
    assert 'unknown word "keiretsu": correct it, or accept it with toolkit words add keiretsu' in found
    assert 'unknown word "keiretsu\'s": correct it, or accept it with toolkit words add keiretsu' in found
    assert spelling() == ["keiretsu", "keiretsu's", "keiretsus", "xiangxi"]
    (project / "glossary").mkdir()
    (project / "glossary/words.txt").write_text("# accepted\nkeiretsu  # Japanese business groups\nXiangxi\n",
                                                encoding="utf-8")
    assert spelling() == ["xiangxi"]  # the name is listed with its capital: in lower case it is a slip
    assert invoke("check", "--select", "spelling", "--no-cache").output.count("[spelling]") == 1


def test_a_change_to_the_word_list_is_seen_by_the_findings_cache(project, check_cache):
    assert spelling() == ["keiretsu", "keiretsu's", "keiretsus", "xiangxi"]
    added = invoke("words", "add", "keiretsu")
    assert added.exit_code == 0 and added.stderr == "glossary/words.txt: added 1 word: keiretsu\n"
    assert spelling() == ["xiangxi"]
    assert invoke("words", "remove", "keiretsu").exit_code == 0
    assert spelling() == ["keiretsu", "keiretsu's", "keiretsus", "xiangxi"]
    (project / "glossary/words.txt").write_text("xiangxi\n", encoding="utf-8")  # edited by hand
    assert spelling() == ["keiretsu", "keiretsu's", "keiretsus"]


def test_the_word_list_is_set_in_toolkit_toml(project):
    with (project / "toolkit.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[spelling]\nwords = "lists/accepted.txt"\n')
    assert load_config().words_path == project / "lists/accepted.txt"
    assert invoke("words", "add", "keiretsu", "xiangxi").exit_code == 0
    assert (project / "lists/accepted.txt").read_text(encoding="utf-8").endswith("keiretsu\nxiangxi\n")
    assert spelling() == [] and not (project / "glossary").exists()


def test_words_add_keeps_the_files_order_comments_and_line_ends_and_adds_no_duplicate(project):
    words = project / "glossary/words.txt"
    words.parent.mkdir()
    words.write_bytes(b"# ours\r\nzaibatsu\r\n# names\r\nXiangxi")
    result = invoke("words", "add", "Zaibatsu", "keiretsu", "Xiangxi's", "keiretsu", "xiangxi", "keiretsus")
    assert result.exit_code == 0
    assert result.stderr == ("glossary/words.txt: added 2 words: keiretsu, xiangxi; "
                             "accepted already: Zaibatsu, Xiangxi, keiretsus\n")
    assert words.read_bytes() == b"# ours\r\nzaibatsu\r\n# names\r\nXiangxi\r\nkeiretsu\r\nxiangxi\r\n"
    again = invoke("words", "add", "Keiretsu")
    assert again.stderr == "glossary/words.txt: added 0 words; accepted already: Keiretsu\n"
    listed = invoke("words", "list")
    assert listed.stdout == "zaibatsu\nXiangxi\nkeiretsu\nxiangxi\n"
    assert listed.stderr == "glossary/words.txt: 4 words\n"
    assert invoke("words", "remove", "Xiangxi", "nope").stderr == "glossary/words.txt: removed 1 word: Xiangxi; " \
                                                                  "not in it: nope\n"
    assert words.read_bytes() == b"# ours\r\nzaibatsu\r\n# names\r\nkeiretsu\r\nxiangxi\r\n"
    assert sorted(p.name for p in words.parent.iterdir()) == ["words.txt"]  # no temporary or lock file left


def test_a_new_word_list_starts_with_a_comment_saying_what_it_is(tmp_path):
    path = tmp_path / "words.txt"
    assert add_words(path, ["keiretsu"]) == (["keiretsu"], [])
    first, *rest = path.read_text(encoding="utf-8").splitlines()
    assert first.startswith("# Words the spelling check accepts") and rest[-1] == "keiretsu"


def test_what_is_not_a_word_is_refused_and_changes_nothing(project):
    words = project / "glossary/words.txt"
    words.parent.mkdir()
    words.write_text("zaibatsu\n", encoding="utf-8")
    for bad in ("status quo", "keiretsu-style", "42"):
        result = invoke("words", "add", "keiretsu", bad)
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.output
        assert result.stderr.startswith(f"Error: {bad!r} is not one word")
    assert words.read_text(encoding="utf-8") == "zaibatsu\n"


@pytest.mark.parametrize("content, message", [
    (b"keiretsu\n\xe7\xbb\x8f\xe8\xbf\x9e\n\xff\xfe\n", "glossary/words.txt:3: not valid utf-8"),
    (b"keiretsu\nstatus quo\n", "glossary/words.txt:2: 'status quo' is not one word of letters (and apostrophes): "
                                "one word a line; give its parts as words"),
    (None, "glossary/words.txt: not a file"),
])
def test_a_bad_word_list_is_one_error_line_naming_it_and_exit_2(project, content, message):
    words = project / "glossary/words.txt"
    if content is None:
        words.mkdir(parents=True)
    else:
        words.parent.mkdir()
        words.write_bytes(content)
    for command in (("check",), ("words", "list"), ("words", "add", "zaibatsu")):
        result = invoke(*command)
        assert result.exit_code == 2 and result.stderr.endswith(f"{message}\n"), (command, result.output)
        assert len(result.stderr.splitlines()) == 1 and result.stdout == ""
    assert content is None or words.read_bytes() == content
    assert invoke("check", "--no-spelling").exit_code == 0  # without the spelling check, the list is not read


def test_outside_a_project_there_is_no_word_list(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("words", "add", "keiretsu")
    assert result.exit_code == 2 and "no toolkit.toml project here" in result.stderr
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary/words.txt").write_text("keiretsu\n", encoding="utf-8")  # no project's: not read
    po = polib.POFile()
    po.append(polib.POEntry(msgid=ENTRIES[0][0], msgstr=ENTRIES[0][1]))
    po.save(str(tmp_path / "a.po"))
    report = run_checks([tmp_path / "a.po"], config=Config(root=tmp_path), glossary=None, select=["spelling"])
    assert [f.message.split('"')[1] for f in report.findings] == ["keiretsu"]
