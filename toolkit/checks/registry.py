"""The check registry: what a check is, and how check modules add theirs (no imports of check modules here)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

SEVERITIES = ("error", "warning", "info")
SCOPES = ("entry", "catalog", "project")
IGNORE_FLAG = "toolkit-ignore"


@dataclass(frozen=True)
class Check:
    """A registered check: id, default severity, scope and the function that does the work."""

    id: str
    severity: str
    scope: str
    function: Callable
    every_entry: bool = False  # entry checks normally see translated (not fuzzy, not empty) entries only

    @property
    def doc(self) -> str:
        """The first paragraph of the function's docstring, on one line."""
        text = (self.function.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(text.split())


REGISTRY: dict[str, Check] = {}


def register(check_id: str, severity: str, *, scope: str = "entry",
             every_entry: bool = False) -> Callable[[Callable], Callable]:
    """Add a check to the registry, in the order ``--list`` prints and findings are sorted."""
    if severity not in SEVERITIES or scope not in SCOPES:
        raise ValueError(f"check {check_id}: bad severity {severity!r} or scope {scope!r}")

    def decorator(function: Callable) -> Callable:
        if check_id in REGISTRY:
            raise ValueError(f"check id {check_id!r} registered twice")
        REGISTRY[check_id] = Check(check_id, severity, scope, function, every_entry)
        return function

    return decorator
