"""`toolkit check` through click: output formats, exit codes, options, bad input."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from toolkit.checks import REGISTRY
from toolkit.cli import cli

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<severity>error|warning|info): \[(?P<check>[\w-]+)\] .+$")


def write_po(path: Path, entries: list[tuple[str, str]]) -> Path:
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for msgid, msgstr in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    po.save(str(path))
    return path


@pytest.fixture
def outside(tmp_path, monkeypatch):
    """A working directory outside any project."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


def test_clean_catalog_exits_0_and_says_so(outside):
    write_po(outside / "good.po", [("资料图", "File photo"), ("投入65万元", "invested 650,000 yuan")])
    result = run("good.po")
    assert result.exit_code == 0, result.output
    assert "good.po: 2/2 translated (100.0%), 0 fuzzy, 0 untranslated" in result.output
    assert result.output.rstrip().endswith("no problems found")
    assert "\x1b[" not in result.output  # no colour off a terminal


def test_error_finding_exits_1_with_editor_jumpable_lines(outside):
    write_po(outside / "bad.po", [("投入65万元", "invested 65,000 yuan"), ("资料图", "")])
    result = run("bad.po")
    assert result.exit_code == 1
    findings = [line for line in result.output.splitlines() if LINE.match(line)]
    assert [LINE.match(line).group("check") for line in findings] == ["numbers", "untranslated"]
    entry = next(e for e in polib.pofile(str(outside / "bad.po")) if e.msgid == "投入65万元")
    assert findings[0].startswith(f"bad.po:{entry.linenum}: error: [numbers] ")
    assert "  numbers: 1 error" in result.output and "  untranslated: 1 warning" in result.output
    assert result.output.rstrip().endswith("1 error, 1 warning, 0 info")


def test_warnings_only_exit_0(outside):
    write_po(outside / "w.po", [("资料图", "File  photo")])
    result = run("w.po")
    assert result.exit_code == 0 and "[whitespace]" in result.output


def test_json_output(outside):
    write_po(outside / "bad.po", [("投入65万元", "invested 65,000 yuan"), ("资料图", "")])
    result = run("bad.po", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"findings", "coverage"}
    first = data["findings"][0]
    assert set(first) == {"path", "line", "msgctxt", "msgid", "check", "severity", "message"}
    assert (first["msgid"], first["check"], first["severity"]) == ("投入65万元", "numbers", "error")
    [coverage] = data["coverage"]
    assert {k: coverage[k] for k in ("total", "translated", "fuzzy", "untranslated")} == \
        {"total": 2, "translated": 1, "fuzzy": 0, "untranslated": 1}
    assert coverage["source_chars"] == len("投入万元资料图")  # Han characters only
    assert "投入65万元" in result.output  # not escaped


def test_select_ignore_and_min_coverage(outside):
    write_po(outside / "c.po", [("投入65万元", "invested 65,000 yuan"), ("资料图", "")])
    assert run("c.po", "--select", "untranslated").exit_code == 0
    assert run("c.po", "--ignore", "numbers,untranslated").output.rstrip().endswith("no problems found")
    result = run("c.po", "--select", "untranslated", "--min-coverage", "80")
    assert result.exit_code == 1 and "[coverage] coverage 50.0% is below 80%" in result.output


def test_list_prints_every_check_with_severity(outside):
    result = run("--list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(REGISTRY)
    for line, (check_id, registered) in zip(lines, REGISTRY.items()):
        assert line.split()[:2] == [check_id, registered.severity] and registered.doc in line


def test_project_severity_override_shows_in_list_and_findings(outside):
    (outside / "toolkit.toml").write_text(
        '[[documents]]\nsource = "a.zh.txt"\ncatalog = "a.po"\n[check.severity]\nnumbers = "warning"\n',
        encoding="utf-8")
    write_po(outside / "a.po", [("投入65万元", "invested 65,000 yuan")])
    assert "numbers           warning" in run("--list").output
    result = run()  # the project's catalogs by default
    assert result.exit_code == 0 and "a.po:" in result.output and "warning: [numbers]" in result.output


def test_a_severity_override_of_an_unknown_check_names_its_line(outside):
    (outside / "toolkit.toml").write_text('[check.severity]\nnumbers = "warning"\nnumbre = "info"\n',
                                          encoding="utf-8")
    write_po(outside / "a.po", [("投入65万元", "invested 65,000 yuan")])
    result = run("a.po")
    assert result.exit_code == 2 and result.stderr == (
        f"Error: {outside / 'toolkit.toml'}:3: [check.severity] names unknown check numbre (see toolkit check --list)\n")


@pytest.mark.parametrize("args,needle", [
    (["--select", "nope"], "unknown check id nope"),
    (["c.po", "--min-coverage", "nan"], "--min-coverage must be a percentage from 0 to 100, not nan"),
    (["missing.po"], "missing.po"),
    ([], "no catalogs given"),
])
def test_bad_usage_exits_2_with_one_line(outside, args, needle):
    result = run(*args)
    assert result.exit_code == 2
    assert needle in result.output


def test_malformed_po_exits_2_naming_file_and_line(outside):
    (outside / "broken.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "资料图"\nmsgstr "File photo\n',
                                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "broken.po"])
    assert result.exit_code == 2
    assert re.search(r"^Error: broken\.po:\d+: ", result.output, re.M)
    assert "Traceback" not in result.output


def test_the_embedded_article_is_checked_by_default(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = run("--format", "json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    assert data["coverage"][0]["path"].endswith("beijing-unions-poverty-alleviation.po")


def run_on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """`toolkit check` with stdout and stderr on a pseudo-terminal, as a translator runs it."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "toolkit", "check", *args], stdout=slave, stderr=slave,
                               env=env)
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return process.wait(), output.decode()


def test_colour_and_progress_only_on_a_terminal_and_never_with_no_color(outside):
    catalog = write_po(outside / "big.po", [(f"投入{n}万元", f"invested {n * 10_000:,} yuan") for n in range(1, 5200)]
                       + [("捐赠65万元", "donated 65,000 yuan")])
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    status, output = run_on_a_terminal([str(catalog), "--select", "numbers", "--jobs", "1"], env)
    assert status == 1
    assert "checking" in output and "100%" in output  # the bar, on the terminal
    assert "\x1b[31m" in output  # "error" in red
    status, output = run_on_a_terminal([str(catalog), "--select", "numbers", "--jobs", "1"],
                                       {**env, "NO_COLOR": "1"})
    assert status == 1 and "error: [numbers] 650,000" in output and "\x1b[3" not in output
    piped = run(str(catalog), "--select", "numbers")
    assert "checking" not in piped.output and "\x1b[" not in piped.output


def test_no_progress_bar_for_a_short_run(outside):
    catalog = write_po(outside / "small.po", [("投入65万元", "invested 65,000 yuan")])
    status, output = run_on_a_terminal([str(catalog)], {**os.environ})
    assert status == 1 and "checking" not in output
