"""Quality checks over translated catalogs: an explicit registry of small, pure check functions.

Each check is registered with ``@register(id, severity)``; its docstring's first
line is what ``toolkit check --list`` prints. A check sees one entry (scope
"entry"), one whole catalog ("catalog") or every catalog at once ("project"),
and yields messages; the runner turns them into located :class:`Finding` records,
applies suppressions and the project's severity overrides.

Suppression: a translator who knows better adds the flag
``#, toolkit-ignore:ID`` to the entry (one flag per check id; a bare
``toolkit-ignore`` silences every check on that entry).
"""
from __future__ import annotations

from toolkit.checks.registry import REGISTRY, SEVERITIES, Check, register
from toolkit.checks.runner import CheckReport, Finding, run_checks

# The check families, imported for their registrations, in the order --list shows them.
from toolkit.checks import (coverage, glossary, numbers, script, consistency, layout, names, omission,  # noqa: F401
                            misplaced, spelling, placeholders)

__all__ = ["Check", "CheckReport", "Finding", "REGISTRY", "SEVERITIES", "register", "run_checks"]
