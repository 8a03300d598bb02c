"""Per-catalog and total counts, as translators are paid and as msgfmt counts."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from toolkit.catalog import CatalogStats, catalog_stats, read_catalog
from toolkit.config import display_path


@dataclass
class StatsTable:
    catalogs: list[CatalogStats]
    total: CatalogStats


def collect_stats(paths: Iterable[Path]) -> StatsTable:
    rows = [catalog_stats(read_catalog(path), display_path(path)) for path in paths]
    total = CatalogStats(path="total")
    for row in rows:
        total.add(row)
    return StatsTable(rows, total)
