"""An output that cannot be written (a file where a folder should be, a folder where the file should be) is
one located error and exit 2 from every command that writes, and no file changes."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli

from test_po_bad_input import snapshot

COMMANDS = {
    "export": ["export", "-o", "{out}.xlsx"],
    "glossary export xlsx": ["glossary", "export", "--format", "xlsx", "-o", "{out}.xlsx"],
    "glossary export tbx": ["glossary", "export", "-o", "{out}.tbx"],
    "glossary add": ["glossary", "add", "新词", "new word", "--to", "{out}.csv"],
    "segment": ["segment", "src/article.zh.txt", "-o", "{out}.po"],
    "render": ["render", "-o", "{out}.txt"],
    "xliff export": ["xliff", "export", "-o", "{out}.xlf"],
}


@pytest.fixture
def segmented(project: Path) -> Path:
    assert CliRunner().invoke(cli, ["segment"]).exit_code == 0
    (project / "glossary").mkdir()
    (project / "glossary" / "terms.csv").write_text("source,target\n工会,trade union\n", encoding="utf-8")
    (project / "toolkit.toml").write_text((project / "toolkit.toml").read_text() + '\n[glossary]\npaths = ["glossary"]\n')
    return project


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_file_in_the_way_of_the_output_folder_is_one_error(segmented: Path, command: str) -> None:
    args = [arg.format(out="toolkit.toml/out") for arg in COMMANDS[command]]
    output = next(arg for arg in args if arg.startswith("toolkit.toml/"))
    before = snapshot(segmented)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    # (render warns first of the untranslated segments it would leave in Chinese)
    assert result.stderr.splitlines()[-1] == f"Error: {output}: cannot write it: toolkit.toml is a file, not a folder"
    assert "Traceback" not in result.stderr and result.stderr.count("Error:") == 1
    assert snapshot(segmented) == before


def test_rendering_onto_a_folder_is_one_error(segmented: Path) -> None:
    (segmented / "out").mkdir()
    before = snapshot(segmented)
    result = CliRunner().invoke(cli, ["render", "-o", "out"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: out: cannot write it: a folder is there (give a file name)"
    assert snapshot(segmented) == before


@pytest.mark.parametrize("args", [["export", "-o", "out.xlsx"], ["xliff", "export", "-o", "out.xlsx"],
                                  ["score", "--ref", "ref.txt", "ref.txt", "--xlsx", "out.xlsx"]])
def test_a_folder_named_as_the_output_is_one_line(segmented: Path, args: list[str]) -> None:
    """(click's own check printed the usage too, four lines)"""
    (segmented / "out.xlsx").mkdir()
    (segmented / "ref.txt").write_text("The unions helped.\n", encoding="utf-8")
    before = snapshot(segmented)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == "Error: out.xlsx: cannot write it: a folder is there (give a file name)\n"
    assert snapshot(segmented) == before


@pytest.mark.parametrize("command", ["import", "xliff import"])
def test_a_folder_named_as_the_file_to_import_is_one_line(segmented: Path, command: str) -> None:
    (segmented / "in.xlsx").mkdir()
    before = snapshot(segmented)
    result = CliRunner().invoke(cli, [*command.split(), "in.xlsx"])
    assert result.exit_code == 2 and result.stderr == "Error: in.xlsx: not a file\n"
    assert snapshot(segmented) == before
