"""The check registry: what a check is, and how check modules add theirs (no imports of check modules here)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

# A step over one check's findings in one catalog: (entry index, message) in entry order in, (entry index,
# message, severity or None for the check's own) out.
Regroup = Callable[[list[tuple[int, str]]], Iterable[tuple[int, str, "str | None"]]]

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
    regroup: Regroup | None = None  # weighs the check's findings across a catalog (see register)

    @property
    def doc(self) -> str:
        """The first paragraph of the function's docstring, on one line."""
        text = (self.function.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(text.split())


REGISTRY: dict[str, Check] = {}


def register(check_id: str, severity: str, *, scope: str = "entry", every_entry: bool = False,
             regroup: Regroup | None = None) -> Callable[[Callable], Callable]:
    """Add a check to the registry, in the order ``--list`` prints and findings are sorted.

    ``regroup`` (entry checks) weighs an entry's findings against the catalog's: it sees every finding of
    the check in one catalog, after the cache, so an entry's cached findings still depend on it alone."""
    if severity not in SEVERITIES or scope not in SCOPES:
        raise ValueError(f"check {check_id}: bad severity {severity!r} or scope {scope!r}")

    def decorator(function: Callable) -> Callable:
        if check_id in REGISTRY:
            raise ValueError(f"check id {check_id!r} registered twice")
        REGISTRY[check_id] = Check(check_id, severity, scope, function, every_entry, regroup)
        return function

    return decorator
