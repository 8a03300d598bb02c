"""Running the registered checks: read each catalog once, index it, apply every active check.

Entries become light :class:`Entry` records built in one pass over the file, so
checks never touch polib (whose ``find`` is a linear scan). Glossary matches
are computed once per source text and shared by the checks that need them.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from toolkit.check_cache import FindingsCache, entry_key, whole_key
from toolkit.po import FUZZY, JOINED, TRANSLATED, CatalogStats, iter_catalog_paths
from toolkit.checks.registry import IGNORE_FLAG, REGISTRY, SEVERITIES, Check
from toolkit.config import CONFIG_NAME, Config, display_path, locate
from toolkit.errors import InputError, UsageError
from toolkit.gc_pause import collector_paused
from toolkit.po import Entry, read_entries
from toolkit.words import WordList, load_words

if TYPE_CHECKING:
    from toolkit.checks.spelling import Speller
    from toolkit.glossary import Glossary, TermMatch
    from toolkit.numbers import NumberComparison

CATALOG_LINE = 1  # catalog-wide findings (coverage) point at the header
PROGRESS_EVERY = 2000
PARALLEL_FROM = 10_000  # entries: below this, starting workers costs more than they save
WARM_UP = 250  # entries checked here before forking: enough to build the shared tables, little for one CPU


@dataclass(frozen=True, slots=True)
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
    """What every check may consult besides the entry: the glossary, the options, and what checks compute
    once (each a named, typed field, so a check's state is visible here rather than in a bag of keys)."""

    config: Config
    glossary: "Glossary | None" = None
    words: WordList = WordList()  # the project's word list, words the spelling check accepts
    min_coverage: float | None = None
    include_fuzzy: bool = False  # fuzzy entries get every check, as translated ones do
    speller: "Speller | None" = None  # the spelling lexicon, built by the first entry that needs it
    last_numbers: "tuple[Entry, NumberComparison] | None" = None  # the number checks' shared comparison
    last_terms: "tuple[Entry, list[tuple[bool, str]]] | None" = None  # the glossary checks' shared outcomes
    cache: "FindingsCache | None" = None  # where a catalog-wide analysis keeps per-entry answers between runs
    _last_matches: tuple[str, list["TermMatch"]] = ("", [])

    def earlier_answers(self, name: str) -> dict:
        """Per-entry answers a catalog-wide analysis kept under ``name`` on an earlier run ({} without a cache)."""
        return self.cache.answers(name) if self.cache is not None else {}

    def keep_answers(self, name: str, answers: dict) -> None:
        """Keep this run's answers for the next (with a findings cache; its fingerprint covers what they depend on)."""
        if self.cache is not None:
            self.cache.keep_answers(name, answers)

    def term_matches(self, source: str) -> list["TermMatch"]:
        """Glossary terms in a source text, computed once for the entry whichever of its checks ask
        (the checks of one entry run one after another)."""
        if self.glossary is None or self.glossary.is_empty:
            return []
        last_source, found = self._last_matches
        if source is not last_source and source != last_source:
            found = self.glossary.matches(source)
            self._last_matches = (source, found)
        return found


def run_checks(paths: Iterable[str | Path], *, config: Config, glossary: "Glossary | None",
               select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
               min_coverage: float | None = None, spelling: bool = True, jobs: int | None = None,
               progress: Callable[[int, int], None] | None = None, cache_dir: Path | None = None,
               include_fuzzy: bool = False) -> CheckReport:
    """Check the catalogs given (files or folders; the project's when none) and report every finding.

    ``select``/``ignore`` take check ids; ``spelling=False`` skips the slowest
    check; ``jobs`` is the number of processes checking entries (default: one
    per CPU once there are PARALLEL_FROM entries); ``progress(done, total)``
    is called as entries are checked. The findings do not depend on ``jobs``.
    With ``cache_dir``, entries checked by an earlier run with the same
    settings take their findings from there (toolkit.check_cache).
    ``include_fuzzy`` checks fuzzy entries as translated ones (an aligned
    catalog, before accepting it).
    """
    with collector_paused():
        return _run_checks(paths, config=config, glossary=glossary, select=select, ignore=ignore,
                           min_coverage=min_coverage, spelling=spelling, jobs=jobs, progress=progress,
                           cache_dir=cache_dir, include_fuzzy=include_fuzzy)


def _run_checks(paths: Iterable[str | Path], *, config: Config, glossary: "Glossary | None",
                select: Iterable[str] | None, ignore: Iterable[str] | None, min_coverage: float | None,
                spelling: bool, jobs: int | None, progress: Callable[[int, int], None] | None,
                cache_dir: Path | None, include_fuzzy: bool) -> CheckReport:
    checks = active_checks(select, ignore, spelling=spelling, min_coverage=min_coverage)
    severity = severities(config)
    catalogs = [load_catalog(path) for path in catalog_paths(paths, config)]
    words = load_words(config.words_path) if any(check.id == "spelling" for check in checks) else WordList()
    context = Context(config=config, glossary=glossary, words=words, min_coverage=min_coverage,
                      include_fuzzy=include_fuzzy)
    order = {check_id: number for number, check_id in enumerate(REGISTRY)}

    entries = [(catalog, item) for catalog in catalogs for item in catalog.items]
    plan = _EntryPlan([(c.id, c.function) for c in checks if c.scope == "entry"])
    meanwhile = partial(_whole_catalog_findings, checks, catalogs, context)
    if cache_dir is None:
        per_entry, whole = _check_entries(entries, plan, context, jobs, progress, meanwhile)
    else:
        cache = FindingsCache.open(cache_dir, check_ids=[check_id for check_id, _ in plan.for_translated],
                                   glossary=glossary, config=config, words=words,
                                   options=(min_coverage, include_fuzzy))
        context.cache = cache
        whole_ids = [c.id for c in checks if c.scope != "entry"]
        keys = [entry_key(item) for _, item in entries]  # each entry's digest, made once for both lookups
        per_entry, whole = _check_entries_cached(entries, keys, plan, context, jobs, progress,
                                                 partial(_whole_cached, meanwhile, catalogs, keys, whole_ids, cache),
                                                 cache)
    level = {check_id: severity.get(check_id, check.severity) for check_id, check in REGISTRY.items()}
    findings = [_finding(item, catalog, check_id, level[check_id], message)
                for item, catalog, check_id, message in whole]
    findings.extend(_finding(entries[index][1], entries[index][0], check_id, given or level[check_id], message)
                    for index, check_id, message, given in _regrouped(per_entry, entries, checks))
    position = {catalog.path: number for number, catalog in enumerate(catalogs)}
    findings.sort(key=lambda f: (position[f.path], f.line, order[f.check]))
    return CheckReport(findings=findings, coverage=[catalog.stats for catalog in catalogs])


def _regrouped(per_entry: list[tuple[int, str, str]], entries: list[tuple[Catalog, Entry]],
               checks: list[Check]) -> list[tuple[int, str, str, str | None]]:
    """The entry findings, each check's with a regroup step passed through it catalog by catalog: (entry
    index, check id, message, severity or None for the check's own). Done on every run, after the cache,
    over findings only (a few per hundred entries), so it costs next to nothing."""
    steps = {check.id: check.regroup for check in checks if check.regroup is not None}
    result: list[tuple[int, str, str, str | None]] = []
    gathered: dict[tuple[str, int], list[tuple[int, str]]] = {}  # (check id, id of the catalog) -> findings
    for index, check_id, message in per_entry:
        if check_id in steps:
            gathered.setdefault((check_id, id(entries[index][0])), []).append((index, message))
        else:
            result.append((index, check_id, message, None))
    for (check_id, _), found in gathered.items():
        result.extend((index, check_id, message, given) for index, message, given in steps[check_id](found))
    return result


def _whole_catalog_findings(checks: list[Check], catalogs: list[Catalog],
                            context: Context) -> list[tuple[Entry | None, Catalog, str, str]]:
    """(item, catalog, check id, message) from the catalog- and project-wide checks."""
    by_path = {catalog.path: catalog for catalog in catalogs}
    found = []
    for check in checks:
        if check.scope == "catalog":
            for catalog in catalogs:
                for item, message in check.function(catalog, context):
                    if item is None or not _ignored(item, check.id):
                        found.append((item, catalog, check.id, message))
        elif check.scope == "project":
            for item, message in check.function(catalogs, context):
                if not _ignored(item, check.id):
                    found.append((item, by_path[item.path], check.id, message))
    return found


class _EntryPlan:
    """The entry checks to run: all of them on translated entries, the every_entry ones on the others."""

    def __init__(self, checks: list[tuple[str, Callable]]):
        self.for_translated = checks  # (id, function)
        self.for_others = [check for check in checks if REGISTRY[check[0]].every_entry]

    def run(self, entries: list[tuple[Catalog, Entry]], start: int, stop: int,
            context: Context) -> list[tuple[int, str, str]]:
        """(entry index, check id, message) for the entries from start to stop."""
        found = []
        for index in range(start, stop):
            item = entries[index][1]
            for check_id, function in self.for_translated if _checked_in_full(item, context) else self.for_others:
                if (item.flags or item.tcomment) and _ignored(item, check_id):
                    continue
                for message in function(item, context):
                    found.append((index, check_id, message))
        return found


# What forked workers inherit instead of receiving it pickled: the entries, the plan and the context.
_job: tuple[list[tuple[Catalog, Entry]], _EntryPlan, Context] | None = None


def _check_chunk(bounds: tuple[int, int]) -> list[tuple[int, str, str]]:
    entries, plan, context = _job
    return plan.run(entries, *bounds, context)


def _check_entries(entries: list[tuple[Catalog, Entry]], plan: _EntryPlan, context: Context, jobs: int | None,
                   progress: Callable[[int, int], None] | None,
                   meanwhile: Callable[[], list]) -> tuple[list[tuple[int, str, str]], list]:
    """Every entry finding, in entry order, from this process alone or from forked workers; and the result
    of ``meanwhile``, which this process runs while the workers check.

    The first chunk is always checked here: that builds the lazy tables (the
    glossary automaton, word forms, the spelling lexicon) the workers then
    share by forking instead of each building its own.
    """
    global _job
    total = len(entries)
    workers = _workers(jobs, total)
    size = PROGRESS_EVERY if workers == 1 else max(PROGRESS_EVERY, -(-total // (workers * 16)))
    first = size if workers == 1 else min(size, WARM_UP)
    chunks = [(0, min(first, total))] + [(start, min(start + size, total)) for start in range(first, total, size)]
    here = chunks if workers == 1 else chunks[:1]
    found = []
    for bounds in here:
        found.extend(plan.run(entries, *bounds, context))
        if progress is not None:
            progress(bounds[1], total)
    rest = chunks[len(here):]
    if not rest:
        return found, meanwhile()
    import multiprocessing

    _job = (entries, plan, context)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.imap(_check_chunk, rest)
            besides = meanwhile()
            for bounds, chunk_found in zip(rest, results):
                found.extend(chunk_found)
                if progress is not None:
                    progress(bounds[1], total)
    finally:
        _job = None
    return found, besides


def _check_entries_cached(entries: list[tuple[Catalog, Entry]], keys: list[bytes], plan: _EntryPlan,
                          context: Context, jobs: int | None, progress: Callable[[int, int], None] | None,
                          meanwhile: Callable[[], list],
                          cache: FindingsCache) -> tuple[list[tuple[int, str, str]], list]:
    """As _check_entries, checking only the entries the cache has no findings for (``keys``: their
    entry_key digests), and storing theirs."""
    known = [cache.get(key) for key in keys]
    pending = [index for index, found in enumerate(known) if found is None]
    fresh, whole = _check_entries([entries[index] for index in pending], plan, context, jobs, progress, meanwhile)
    by_entry: dict[int, list[tuple[str, str]]] = {}
    for index, check_id, message in fresh:
        by_entry.setdefault(pending[index], []).append((check_id, message))
    for index in pending:
        known[index] = tuple(by_entry.get(index, ()))
        cache.put(keys[index], known[index])
    cache.save()
    return [(index, check_id, message) for index, found in enumerate(known) for check_id, message in found], whole


def _whole_cached(meanwhile: Callable[[], list], catalogs: list[Catalog], keys: list[bytes], check_ids: list[str],
                  cache: FindingsCache) -> list[tuple[Entry | None, Catalog, str, str]]:
    """The catalog- and project-wide findings, from the cache while no entry changed, else found and stored
    (``keys``: every entry's entry_key, catalog after catalog)."""
    bounds = list(accumulate((len(catalog.items) for catalog in catalogs), initial=0))
    key = whole_key(check_ids, [(catalog.path, keys[start:end])
                                for catalog, start, end in zip(catalogs, bounds, bounds[1:])])
    stored = cache.get_whole(key)
    if stored is None:
        position = {id(item): (number, index) for number, catalog in enumerate(catalogs)
                    for index, item in enumerate(catalog.items)}
        stored = tuple((*(position[id(item)] if item is not None else (catalogs.index(catalog), -1)), check_id,
                        message) for item, catalog, check_id, message in meanwhile())
        cache.put_whole(key, stored)
    return [(catalogs[number].items[index] if index >= 0 else None, catalogs[number], check_id, message)
            for number, index, check_id, message in stored]


def _workers(jobs: int | None, total: int) -> int:
    """How many processes to check with: as asked, else one per CPU for a large run.

    Workers are forked (they inherit the entries and tables instead of receiving
    them pickled), so only where forking is safe: not on Windows, which cannot,
    nor on macOS, where system libraries may crash a forked child. (multiprocessing
    is imported only for a run that may use workers.)
    """
    if (jobs or 0) <= 1 and (jobs is not None or total < PARALLEL_FROM) or sys.platform == "darwin":
        return 1
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if jobs is None:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return jobs


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
    elif not 0.0 <= min_coverage <= 100.0:  # NaN too, below which no coverage ever falls
        raise UsageError(f"--min-coverage must be a percentage from 0 to 100, not {min_coverage:g}")
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
        path = config.root / CONFIG_NAME
        line = locate(path.read_text(encoding="utf-8"), ("check", "severity"), unknown[0]) if path.is_file() else None
        raise InputError(f"[check.severity] names unknown check {', '.join(unknown)} (see toolkit check --list)",
                         path=path, line=line)
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


def _checked_in_full(item: Entry, context: Context) -> bool:
    """Translated entries (and with include_fuzzy fuzzy ones) get every check; but not a joined entry, whose
    English is the previous entry's, checked there."""
    wanted = item.status == TRANSLATED or (context.include_fuzzy and item.status == FUZZY)
    return wanted and not (item.flags and JOINED in item.flags)


def _ignored(item: Entry, check_id: str) -> bool:
    """Silenced by a ``#, toolkit-ignore:ID`` flag or a ``# toolkit-ignore: ID`` translator comment line
    (``toolkit-ignore`` alone: every check). The comment is the form that survives msgcat and msgmerge,
    which drop flags they do not know."""
    marks = list(item.flags)
    if IGNORE_FLAG in item.tcomment:
        marks += [line.strip() for line in item.tcomment.split("\n") if line.strip().startswith(IGNORE_FLAG)]
    for mark in marks:
        name, _, silenced = mark.partition(":")
        ids = silenced.replace(",", " ").split()
        if name.strip() == IGNORE_FLAG and (not ids or check_id in ids):
            return True
    return False


def iter_translated(catalogs: Iterable[Catalog]) -> Iterator[Entry]:
    """Every translated item across catalogs, in order; not a joined one, whose English is the previous
    entry's (it would seem a second source given the same translation)."""
    for catalog in catalogs:
        for item in catalog.items:
            if item.status == TRANSLATED and not (item.flags and JOINED in item.flags):
                yield item
