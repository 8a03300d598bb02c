"""Every malformed catalog is one located error line and exit 2 from every command, and no file changes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli

GOOD = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "标题"\nmsgstr "Title"\n'
# (what the file holds, the line the error names (None: the file as a whole), words the message has)
BAD = {
    "unterminated string": (GOOD + '\nmsgid "一"\nmsgstr "one\n', 8, "unterminated string"),
    "msgid without msgstr": (GOOD + '\nmsgid "一"\n\nmsgid "二"\nmsgstr "two"\n', 7, "msgid without msgstr"),
    "duplicate": (GOOD + '\nmsgid "标题"\nmsgstr "Heading"\n', 7, "duplicate msgid"),
    "bad escape": (GOOD + '\nmsgid "一"\nmsgstr "hel\\qlo"\n', 8, "invalid escape \\q"),
    "Latin-1 bytes": ((GOOD + '\nmsgid "caf\xe9"\nmsgstr "café"\n').encode("latin-1", "replace"), 7, "not valid utf-8"),
    "empty": ("", None, "empty file"),
    "binary": (b"\x00\x01PO?\x00", None, "binary file"),
    "directory": (None, None, "not a file"),  # check, stats and export take folders: "and a folder with no PO catalogs"
    "keyword unknown": (GOOD + '\nmsgid "一"\nmsgtxt "one"\n', 8, "not a PO keyword"),
    "newline mismatch": (GOOD + '\nmsgid "一\\n"\nmsgstr "one"\n', 7, "line break"),
    "plural index": (GOOD + '\nmsgid "一"\nmsgid_plural "一些"\nmsgstr[0] "one"\nmsgstr[2] "ones"\n', 10,
                     "wrong index"),
    "mixed obsolete": (GOOD + '\n#~ msgid "一"\nmsgstr "one"\n', 8, "inconsistent use of #~"),
    # read as UTF-8, the first garbled Chinese and the second was rewritten UTF-8 under a Latin-1 header (or crashed)
    "GBK charset": (GOOD.replace("UTF-8", "GBK").encode("gbk"), 2, "charset=GBK"),
    "Latin-1 charset": (GOOD.replace("UTF-8", "ISO-8859-1"), 2, "charset=ISO-8859-1"),
    # read as one comment line, it was an empty catalog: segment replaced every translation with a new entry
    "CR line ends": (GOOD.replace("\n", "\r"), 1, "carriage return alone"),
}


def place(folder: Path, content: str | bytes | None) -> Path:
    path = folder / "po" / "article.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("case", list(BAD))
@pytest.mark.parametrize("command", ["segment", "check", "stats", "render", "export", "score"])
def test_a_malformed_catalog_is_one_located_error(project: Path, case: str, command: str) -> None:
    content, line, words = BAD[case]
    catalog = place(project, content)
    before = snapshot(project)
    args = {"segment": ["segment"], "check": ["check", str(catalog)], "stats": ["stats", str(catalog)],
            "render": ["render", str(catalog), "--source", "src/article.zh.txt"],
            "export": ["export", str(catalog), "-o", "review.xlsx"],
            "score": ["score", "--ref", str(catalog), str(catalog)]}[command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    where = f"{catalog}:{line}: " if line else f"{catalog}: "
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {where}"), result.stderr
    assert words.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in result.output
    assert snapshot(project) == before, "no file changed, none left beside"
