"""`toolkit init` and the validation of toolkit.toml."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ARTICLE, msgfmt_check
from toolkit.po import read_catalog
from toolkit.cli import cli
from toolkit.config import load_config
from toolkit.errors import InputError
from toolkit.glossary import COLUMNS
from toolkit.project import GLOSSARY_HEADER
from toolkit.words import read_words


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_init_makes_a_project_every_command_can_use(tmp_path, monkeypatch):
    result = invoke("init", str(tmp_path / "job"), "--source", str(ARTICLE))
    assert result.exit_code == 0, result.output
    job = tmp_path / "job"
    catalog = job / "translations/en/beijing-unions-poverty-alleviation.po"
    assert (job / "translations/source" / ARTICLE.name).read_bytes() == ARTICLE.read_bytes()
    assert msgfmt_check(catalog).returncode == 0
    assert len(read_catalog(catalog)) == 94
    assert next(csv.reader((job / "glossary/terms.csv").open(encoding="utf-8"))) == list(COLUMNS)
    assert (job / "glossary/words.txt").read_text(encoding="utf-8").startswith("# Words the spelling check accepts")
    assert read_words(job / "glossary/words.txt") == []
    monkeypatch.chdir(job)
    config = load_config()
    assert [d.catalog for d in config.documents] == [catalog]
    assert config.glossary == (job / "glossary",)
    stats = invoke("stats", "--format", "json")
    assert stats.exit_code == 0 and '"untranslated": 94' in stats.output
    again = invoke("segment")  # the catalog is the one init wrote: nothing changes
    assert again.exit_code == 0 and "unchanged" in again.stderr


def test_init_refuses_an_existing_project_and_changes_nothing(project):
    before = (project / "toolkit.toml").read_bytes()
    result = invoke("init", str(project), "--source", str(ARTICLE))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "already a project" in result.stderr
    assert (project / "toolkit.toml").read_bytes() == before
    assert not (project / "glossary").exists() and not (project / "translations").exists()


def test_init_with_a_bad_source_writes_nothing(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02")
    for bad in (tmp_path / "missing.txt", binary):
        result = invoke("init", str(tmp_path / "job"), "--source", str(bad))
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.output
        assert not (tmp_path / "job").exists()


def test_init_keeps_a_source_already_inside_the_folder(tmp_path, monkeypatch):
    (tmp_path / "article.zh.txt").write_bytes(ARTICLE.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "--source", "article.zh.txt").exit_code == 0
    assert not (tmp_path / "translations/source/article.zh.txt").exists()
    assert 'source = "article.zh.txt"' in (tmp_path / "toolkit.toml").read_text(encoding="utf-8")
    assert (tmp_path / "glossary/terms.csv").read_text(encoding="utf-8") == GLOSSARY_HEADER


def _empty_project(tmp_path, monkeypatch) -> Path:
    job = tmp_path / "job"
    assert invoke("init", str(job)).exit_code == 0
    monkeypatch.chdir(job)
    return job


SOURCE_TEXT = "# 贵州毕节：茶叶产业带动群众增收\n\n据介绍，七星关区近三年累计投入资金1.2亿元，新建茶叶加工厂15座。\n"


def test_segment_adds_a_new_source_to_the_project(tmp_path, monkeypatch):
    """After `init` with no source, `segment SOURCE` does what `init --source` does, and bare `segment` then knows it."""
    job = _empty_project(tmp_path, monkeypatch)
    bare = invoke("segment")
    assert bare.exit_code == 2 and "lists no sources yet" in bare.stderr
    outside = tmp_path / "bijie-tea.zh.md"
    outside.write_text(SOURCE_TEXT, encoding="utf-8")
    comment = "# Per-check severity overrides"
    assert comment in (job / "toolkit.toml").read_text(encoding="utf-8")
    result = invoke("segment", str(outside))
    assert result.exit_code == 0, result.output
    assert "toolkit.toml: added translations/source/bijie-tea.zh.md -> translations/en/bijie-tea.po" in result.stderr
    assert (job / "translations/source/bijie-tea.zh.md").read_bytes() == outside.read_bytes()
    catalog = job / "translations/en/bijie-tea.po"
    assert msgfmt_check(catalog).returncode == 0
    assert [e.msgid for e in read_catalog(catalog)][0] == "贵州毕节：茶叶产业带动群众增收"
    toml = (job / "toolkit.toml").read_text(encoding="utf-8")
    assert comment in toml  # the rest of the file kept
    assert [(d.source, d.catalog) for d in load_config().documents] == [
        (job / "translations/source/bijie-tea.zh.md", catalog)]
    again = invoke("segment")
    assert again.exit_code == 0 and "unchanged: 2 kept" in again.stderr
    inside = invoke("segment", "translations/source/bijie-tea.zh.md")  # now a known source: merged, not added again
    assert inside.exit_code == 0 and "added" not in inside.stderr
    assert (job / "toolkit.toml").read_text(encoding="utf-8") == toml


def test_adding_a_bad_or_clashing_source_changes_nothing(tmp_path, monkeypatch):
    job = _empty_project(tmp_path, monkeypatch)
    toml = (job / "toolkit.toml").read_bytes()
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\xff\xfe")
    for bad in (tmp_path / "missing.txt", binary):
        result = invoke("segment", str(bad))
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.output
    first, second = tmp_path / "a" / "tea.md", tmp_path / "b" / "tea.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(SOURCE_TEXT, encoding="utf-8")
    assert invoke("segment", str(first)).exit_code == 0
    toml = (job / "toolkit.toml").read_bytes()
    clash = invoke("segment", str(second))  # would share translations/en/tea.po
    assert clash.exit_code == 2 and "belongs to translations/source/tea.md" in clash.stderr
    third = tmp_path / "c" / "tea-farms.md"
    third.parent.mkdir()
    third.write_text(SOURCE_TEXT, encoding="utf-8")
    dry = invoke("segment", "--dry-run", str(third))
    assert dry.exit_code == 0 and "would add translations/source/tea-farms.md" in dry.stderr
    assert not (job / "translations/en/tea-farms.po").exists()
    assert (job / "toolkit.toml").read_bytes() == toml
    assert sorted(p.name for p in (job / "translations/source").iterdir()) == ["tea.md"]


@pytest.mark.parametrize("toml, expected", [
    ('[[document]]\nsource = "a.txt"\ncatalog = "a.po"\n', ":1: unknown table [[document]]: did you mean [[documents]]?"),
    ('[project]\nname = "x"\nnmae = "y"\n', ":3: unknown key 'nmae' in [project]: did you mean name?"),
    ('[score]\nrefs = ["a.po"]\n', ":2: unknown key 'refs' in [score]: did you mean references?"),
    ('[check.severty]\nnumbers = "info"\n', ":1: unknown table [check.severty]: did you mean [check.severity]?"),
    ('[[documents]]\nsource = "a"\ncatalog = "a.po"\n\n[[documents]]\nsource = "b"\ncatalog = "b.po"\nfromat = "docx"\n',
     ":8: unknown key 'fromat' in [[documents]]: did you mean format?"),
    ('[[documents]]\nsource = "a"\ncatalog = 3\n', ":3: 'documents.catalog' must be a string"),
    ('[glossary]\npaths = [1, 2]\n', ":2: 'glossary.paths' must be a path or a list of paths"),
    ('glossary = "terms.csv"\n', ":1: 'glossary' must be a table"),
    ('[check.severity]\nnumbers = "loud"\n', ":2: [check.severity] numbers = 'loud': use one of error, warning, info"),
    ('[[documents]]\nsource = "a.docx"\ncatalog = "a.po"\nformat = "dcox"\n',
     ":4: [[documents]] format 'dcox': did you mean 'docx'?"),
    ('[tm]\npath = 3\n', ":2: 'tm.path' must be a path"),
    ('[spelling]\nword = "w.txt"\n', ":2: unknown key 'word' in [spelling]: did you mean words?"),
    ('[spelling]\nwords = ["a.txt", "b.txt"]\n', ":2: 'spelling.words' must be a path"),
    ('[speling]\nwords = "w.txt"\n', ":1: unknown table [speling]: did you mean [spelling]?"),
    ('[zzz]\na = 1\n', ":1: unknown table [zzz]: known: project, documents, glossary, score, check, spelling, tm"),
])
def test_config_errors_name_the_line_and_the_nearest_known_name(tmp_path, toml, expected):
    (tmp_path / "toolkit.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_config(tmp_path)
    assert str(raised.value) == f"{tmp_path / 'toolkit.toml'}{expected}"


def test_a_config_error_is_one_line_and_exit_2(tmp_path, monkeypatch):
    (tmp_path / "toolkit.toml").write_text('[[document]]\nsource = "a.txt"\ncatalog = "a.po"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("stats")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'toolkit.toml'}:1: unknown table [[document]]: did you mean [[documents]]?\n"


def test_the_repository_and_init_configs_validate():
    assert load_config(Path(__file__).parent).found


def test_the_tm_path_setting_is_read(tmp_path):
    (tmp_path / "toolkit.toml").write_text('[tm]\npath = "memory/project.sqlite"\n', encoding="utf-8")
    assert load_config(tmp_path).tm_path == tmp_path / "memory" / "project.sqlite"
