"""The README's command and check tables name exactly what the CLI and the check registry provide."""
from __future__ import annotations

import re
from pathlib import Path

from toolkit.checks import REGISTRY
from toolkit.cli import COMMANDS

README = Path(__file__).resolve().parents[1] / "README.md"


def _table_after(heading: str) -> list[list[str]]:
    """The rows of the first Markdown table under a `## heading`, as lists of stripped cells."""
    text = README.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[2:]]  # after header and |---|


def test_command_table_matches_cli():
    documented = {name for row in _table_after("Commands") for name in re.findall(r"`toolkit ([a-z-]+)", row[0])}
    assert documented == set(COMMANDS), (
        f"README 'Commands' table and toolkit/cli COMMANDS differ: "
        f"undocumented {sorted(set(COMMANDS) - documented)}, documented but missing {sorted(documented - set(COMMANDS))}")


def test_check_table_matches_registry():
    rows = [row for row in _table_after("Checking: `toolkit check`") if len(row) >= 2]
    documented = {row[0]: row[1] for row in rows}
    registered = {check_id: check.severity for check_id, check in REGISTRY.items()}
    assert documented == registered, (
        "README check table (id | severity) and the check registry differ: "
        f"undocumented {sorted(set(registered) - set(documented))}, "
        f"documented but not registered {sorted(set(documented) - set(registered))}, "
        f"severity differs {sorted(k for k in documented.keys() & registered.keys() if documented[k] != registered[k])}")
