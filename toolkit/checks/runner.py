"""Running the registered checks: read each catalog once, index it, apply every active check.

Entries become light :class:`Entry` records built in one pass over the file, so
checks never touch polib (whose ``find`` is a linear scan). Glossary matches
are computed once per source text and shared by the checks that need them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from toolkit.catalog import TRANSLATED, CatalogStats, iter_catalog_paths
from toolkit.checks import IGNORE_FLAG, REGISTRY, SEVERITIES, Check
from toolkit.config import CONFIG_NAME, Config, display_path
from toolkit.errors import InputError, UsageError
from toolkit.memory import collector_paused
from toolkit.scan import Entry, read_entries

if TYPE_CHECKING:
    from toolkit.glossary import Glossary, TermMatch

CATALOG_LINE = 1  # catalog-wide findings (coverage) point at the header
PROGRESS_EVERY = 2000


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    msgctxt: str | None
    msgid: str
    check: str
    severity: str
    message: str

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "msgctxt": self.msgctxt, "msgid": self.msgid,
                "check": self.check, "severity": self.severity, "message": self.message}


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    coverage: list[CatalogStats] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 when any finding is an error, else 0 (bad input never gets this far: it raises)."""
        return 1 if any(f.severity == "error" for f in self.findings) else 0

    def counts(self) -> dict[str, Counter]:
        """Findings per check id, split by severity."""
        counts: dict[str, Counter] = {}
        for finding in self.findings:
            counts.setdefault(finding.check, Counter())[finding.severity] += 1
        return counts

    def as_dict(self) -> dict:
        return {"findings": [f.as_dict() for f in self.findings],
                "coverage": [_coverage_dict(stats) for stats in self.coverage]}


def _coverage_dict(stats: CatalogStats) -> dict:
    return {"path": stats.path, "total": stats.total, "translated": stats.translated, "fuzzy": stats.fuzzy,
            "untranslated": stats.untranslated, "source_chars": stats.source_chars,
            "coverage": round(stats.coverage, 2)}


@dataclass
class Catalog:
    """One catalog read once: its items in file order and its statistics."""

    path: str
    items: list[Entry]
    stats: CatalogStats


@dataclass
class Context:
    """What every check may consult besides the entry: the glossary, the options, shared caches."""

    config: Config
    glossary: "Glossary | None" = None
    min_coverage: float | None = None
    shared: dict[str, object] = field(default_factory=dict)  # run-wide state a check builds once
    _term_matches: dict[str, list["TermMatch"]] = field(default_factory=dict)

    def term_matches(self, source: str) -> list["TermMatch"]:
        """Glossary terms in a source text, computed once per text whichever checks ask."""
        if self.glossary is None or self.glossary.is_empty:
            return []
        found = self._term_matches.get(source)
        if found is None:
            found = self._term_matches[source] = self.glossary.matches(source)
        return found


def run_checks(paths: Iterable[str | Path], *, config: Config, glossary: "Glossary | None",
               select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
               min_coverage: float | None = None, spelling: bool = True,
               progress: Callable[[int, int], None] | None = None) -> CheckReport:
    """Check the catalogs given (files or folders; the project's when none) and report every finding.

    ``select``/``ignore`` take check ids; ``spelling=False`` skips the slowest
    check; ``progress(done, total)`` is called as entries are checked.
    """
    with collector_paused():
        return _run_checks(paths, config=config, glossary=glossary, select=select, ignore=ignore,
                           min_coverage=min_coverage, spelling=spelling, progress=progress)


def _run_checks(paths: Iterable[str | Path], *, config: Config, glossary: "Glossary | None",
                select: Iterable[str] | None, ignore: Iterable[str] | None, min_coverage: float | None,
                spelling: bool, progress: Callable[[int, int], None] | None) -> CheckReport:
    checks = active_checks(select, ignore, spelling=spelling, min_coverage=min_coverage)
    severity = severities(config)
    catalogs = [load_catalog(path) for path in catalog_paths(paths, config)]
    context = Context(config=config, glossary=glossary, min_coverage=min_coverage)
    found: list[tuple[int, Entry | None, Catalog, str, str]] = []  # (check order, item, catalog, id, message)
    order = {check_id: number for number, check_id in enumerate(REGISTRY)}

    # (check order, id, function) for translated entries, and the subset that sees every entry.
    for_translated = [(order[c.id], c.id, c.function) for c in checks if c.scope == "entry"]
    for_others = [check for check in for_translated if REGISTRY[check[1]].every_entry]
    total = sum(len(c.items) for c in catalogs)
    done = 0
    for catalog in catalogs:
        for item in catalog.items:
            for number, check_id, function in for_translated if item.status == TRANSLATED else for_others:
                if item.flags and _ignored(item, check_id):
                    continue
                for message in function(item, context):
                    found.append((number, item, catalog, check_id, message))
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
    by_path = {catalog.path: catalog for catalog in catalogs}
    for check in checks:
        if check.scope == "catalog":
            for catalog in catalogs:
                for item, message in check.function(catalog, context):
                    if item is None or not _ignored(item, check.id):
                        found.append((order[check.id], item, catalog, check.id, message))
        elif check.scope == "project":
            for item, message in check.function(catalogs, context):
                if not _ignored(item, check.id):
                    found.append((order[check.id], item, by_path[item.path], check.id, message))
    if progress is not None:
        progress(total, total)

    position = {catalog.path: number for number, catalog in enumerate(catalogs)}
    found.sort(key=lambda f: (position[f[2].path], f[1].line if f[1] else CATALOG_LINE, f[0]))
    return CheckReport(
        findings=[_finding(item, catalog, check_id, severity.get(check_id, REGISTRY[check_id].severity), message)
                  for _, item, catalog, check_id, message in found],
        coverage=[catalog.stats for catalog in catalogs],
    )


def _finding(item: Entry | None, catalog: Catalog, check_id: str, level: str, message: str) -> Finding:
    if item is None:
        return Finding(catalog.path, CATALOG_LINE, None, "", check_id, level, message)
    return Finding(item.path, item.line, item.msgctxt, item.msgid, check_id, level, message)


def active_checks(select: Iterable[str] | None, ignore: Iterable[str] | None, *, spelling: bool = True,
                  min_coverage: float | None = None) -> list[Check]:
    """The registered checks to run, in registry order; unknown ids are a usage error."""
    selected = _known_ids(select, "--select")
    ignored = _known_ids(ignore, "--ignore")
    if not spelling:
        ignored.add("spelling")
    if min_coverage is None:
        ignored.add("coverage")
    elif selected:
        selected.add("coverage")  # asking for a minimum is asking for the check
    return [check for check_id, check in REGISTRY.items()
            if (not selected or check_id in selected) and check_id not in ignored]


def _known_ids(ids: Iterable[str] | None, option: str) -> set[str]:
    wanted = {i.strip() for i in ids or () if i.strip()}
    unknown = sorted(wanted - REGISTRY.keys())
    if unknown:
        raise UsageError(f"{option}: unknown check id{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                         f"(see toolkit check --list)")
    return wanted


def severities(config: Config) -> dict[str, str]:
    """The project's [check.severity] overrides, validated against the registry."""
    unknown = sorted(set(config.severity) - REGISTRY.keys())
    if unknown:
        raise InputError(f"[check.severity] names unknown check {', '.join(unknown)} (see toolkit check --list)",
                         path=config.root / CONFIG_NAME)
    assert all(level in SEVERITIES for level in config.severity.values())  # load_config validated them
    return dict(config.severity)


def catalog_paths(paths: Iterable[str | Path], config: Config) -> list[Path]:
    paths = list(paths)
    if paths:
        found = iter_catalog_paths(paths)
        if not found:
            raise UsageError("no PO catalogs in " + ", ".join(str(p) for p in paths))
        return found
    if not config.documents:
        raise UsageError("no catalogs given and no toolkit.toml project here")
    return iter_catalog_paths(config.catalogs)


def load_catalog(path: Path) -> Catalog:
    """Read a catalog once, into the entry records the checks see."""
    shown = display_path(path)
    return Catalog(shown, *read_entries(path, shown, words=False))


def _ignored(item: Entry, check_id: str) -> bool:
    """Silenced by a ``#, toolkit-ignore:ID`` flag (``toolkit-ignore`` alone: every check)."""
    for flag in item.flags:
        name, _, silenced = flag.partition(":")
        if name.strip() == IGNORE_FLAG and silenced.strip() in (check_id, ""):
            return True
    return False


def iter_translated(catalogs: Iterable[Catalog]) -> Iterator[Entry]:
    """Every translated, not-suppressed-by-status item across catalogs, in order."""
    for catalog in catalogs:
        for item in catalog.items:
            if item.status == TRANSLATED:
                yield item
