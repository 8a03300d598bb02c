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
    ('[zzz]\na = 1\n', ":1: unknown table [zzz]: known: project, documents, glossary, score, check"),
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
