"""`toolkit pretranslate`: untranslated entries filled from the translation memory, never over a translation.

An exact match (same source, same context) is 100% and goes in translated or
fuzzy, as asked; a fuzzy match at or above the minimum score goes in fuzzy,
with ``#. tm: 82% from FILE:LINE`` and the TM's source as the previous msgid,
so that PO editors show the translator what changed. A catalog where something
was filled gets a new PO-Revision-Date; only the entries filled are rewritten.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.conflicts import revision_stamp
from toolkit.files import locked
from toolkit.po import HEADER, CatalogEntry, entry_key, live_entries, read_catalog, write_catalog
from toolkit.text import count_han
from toolkit.tm.matching import source_diff
from toolkit.tm.store import Match, TranslationMemory

# Leverage bands as translators are paid: (label, lowest percent), best first.
BANDS = (("100%", 100), ("95-99%", 95), ("85-94%", 85), ("75-84%", 75), ("no match", 0))


def band_of(percent: int | None) -> str:
    if percent is None:
        return BANDS[-1][0]
    return next(label for label, lowest in BANDS if percent >= lowest)


@dataclass
class Filled:
    location: str
    source: str
    percent: int
    origin: str
    previous: str
    translation: str
    status: str  # translated or fuzzy
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = {"location": self.location, "source": self.source, "percent": self.percent, "from": self.origin,
                "tm_source": self.previous, "translation": self.translation, "status": self.status,
                "diff": source_diff(self.previous, self.source)}
        if self.notes:
            data["notes"] = list(self.notes)
        return data


@dataclass
class Leverage:
    """Segments and Chinese characters of the untranslated entries, per match band."""

    segments: dict[str, int] = field(default_factory=lambda: {label: 0 for label, _ in BANDS})
    characters: dict[str, int] = field(default_factory=lambda: {label: 0 for label, _ in BANDS})

    def count(self, percent: int | None, source: str) -> None:
        label = band_of(percent)
        self.segments[label] += 1
        self.characters[label] += count_han(source)


@dataclass
class PretranslateReport:
    filled: list[Filled] = field(default_factory=list)
    leverage: Leverage = field(default_factory=Leverage)
    written: list[str] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "written": self.written,
                "leverage": {label: {"segments": self.leverage.segments[label],
                                     "characters": self.leverage.characters[label]} for label, _ in BANDS},
                "filled": [f.as_dict() for f in self.filled]}


def pretranslate(tm: TranslationMemory, catalogs: list[tuple[Path, str]], *, exact_as: str = "translated",
                 min_score: int = 75, dry_run: bool = False) -> PretranslateReport:
    """Fill each catalog's untranslated singular entries from ``tm``; ``catalogs`` are (path, shown name) pairs."""
    report = PretranslateReport(dry_run=dry_run)
    for path, shown in catalogs:
        with nullcontext() if dry_run else locked(path):  # from reading the catalog to writing it
            po = read_catalog(path)
            changed = set()
            for entry in live_entries(po):
                if entry.msgstr or entry.msgid_plural:
                    continue
                best = next(iter(tm.lookup(entry.msgid, entry.msgctxt, min_score=min_score, limit=1)), None)
                usable = best if best is not None and _fits(entry.msgid, best.target) else None
                report.leverage.count(usable.percent if usable else None, entry.msgid)
                if usable is None:
                    continue
                status = "translated" if usable.percent == 100 and exact_as == "translated" else "fuzzy"
                _fill(entry, usable, status)
                changed.add(entry_key(entry))
                report.filled.append(Filled(f"{shown}:{entry.linenum}", entry.msgid, usable.percent,
                                            usable.unit.where, usable.unit.source, usable.target, status, usable.notes))
            if changed:
                po.metadata["PO-Revision-Date"] = revision_stamp()
            if changed and (dry_run or write_catalog(po, path, changed=changed | {HEADER})):
                report.written.append(shown)
    return report


def _fits(source: str, target: str) -> bool:
    """msgfmt requires a translation to begin and end with a line break exactly when its source does."""
    return all(test(source, "\n") == test(target, "\n") for test in (str.startswith, str.endswith))


def _fill(entry: CatalogEntry, match: Match, status: str) -> None:
    entry.msgstr = match.target
    note = f"tm: {match.percent}% from {match.unit.where}"
    entry.comment = f"{entry.comment}\n{note}" if entry.comment else note
    if status == "fuzzy":
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        if match.unit.source != entry.msgid:
            entry.previous_msgid = match.unit.source
