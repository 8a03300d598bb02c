"""Per-catalog and total counts, as translators are paid and as msgfmt counts."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from toolkit.po import CatalogStats
from toolkit.config import display_path
from toolkit.po import read_entries


@dataclass
class StatsTable:
    catalogs: list[CatalogStats]
    total: CatalogStats


def collect_stats(paths: Iterable[Path]) -> StatsTable:
    rows = [read_entries(path, display_path(path))[1] for path in paths]
    total = CatalogStats(path="total")
    for row in rows:
        total.add(row)
    return StatsTable(rows, total)
