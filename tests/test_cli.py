"""Every command has help, is listed by the group and documented in the README."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import COMMANDS, cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_has_help_and_is_documented(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output and len(result.output.splitlines()) > 3
    assert f"`toolkit {name}" in README


def test_unknown_command_is_usage_error():
    result = CliRunner().invoke(cli, ["translate"])
    assert result.exit_code == 2 and "No such command" in result.output


def test_python_dash_m_runs_the_same_cli():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "toolkit", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("toolkit, version ")
