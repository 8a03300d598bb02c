"""The one exception family the library raises for bad input or usage.

The CLI turns any ToolkitError into a single ``Error: …`` line on stderr and
exit status 2, so every message here must say what is wrong and where.
"""
from __future__ import annotations

from pathlib import Path


class ToolkitError(Exception):
    """Bad input or usage, located in a file (and line) where known."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class InputError(ToolkitError):
    """A file that is missing, unreadable, badly encoded or malformed."""


class UsageError(ToolkitError):
    """Options that contradict each other or name nothing usable."""
