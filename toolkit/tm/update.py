"""Filling the translation memory from the project's catalogs."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from toolkit.po import TRANSLATED, read_entries
from toolkit.tm.store import SyncReport, TranslationMemory, Unit

if TYPE_CHECKING:
    from toolkit.config import Config


def catalog_units(path: Path, origin: str) -> Iterator[Unit]:
    """Every translated, non-fuzzy, singular entry of the catalog, as a unit."""
    entries, _ = read_entries(path, origin, words=False)
    for entry in entries:
        if entry.status == TRANSLATED and not entry.msgid_plural:
            yield Unit(entry.msgid, entry.msgstr, entry.msgctxt, origin, entry.line)


def update_from_catalogs(tm: TranslationMemory, paths: Iterable[Path], config: "Config", *,
                         force: bool = False) -> SyncReport:
    """Make the TM hold exactly the current translations of each catalog; skip catalogs unchanged since
    the last update (same modification time and size) unless ``force``. Every catalog is read before the TM
    changes, so a malformed one leaves it as it was."""
    report = SyncReport()
    read: list[tuple[str, Path, list[Unit]]] = []
    for path in paths:
        origin = config.relative(path)
        if not force and tm.catalog_unchanged(origin, path):
            report.skipped_catalogs += 1
        else:
            read.append((origin, path, list(catalog_units(path, origin))))
    for origin, path, units in read:
        report.add(tm.sync_origin(origin, units))
        tm.remember_catalog(origin, path)
    return report
