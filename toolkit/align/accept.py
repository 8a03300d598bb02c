"""Accepting aligned entries: clearing fuzzy where the aligner was confident enough."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.align.fill import NOTE_PREFIX
from toolkit.errors import UsageError
from toolkit.files import locked
from toolkit.po import CatalogEntry, entry_key, live_entries, read_catalog, write_catalog

# The confidence an align note gives ("align: 2-1 link, confidence 0.93").
NOTE_CONFIDENCE = re.compile(r"\bconfidence ([01]\.\d+)")


@dataclass
class AcceptReport:
    path: Path
    accepted: int = 0  # aligned entries whose fuzzy flag was cleared
    below: int = 0  # aligned entries left fuzzy: their confidence is below the one asked for
    written: bool = False


def note_confidence(entry: CatalogEntry) -> float | None:
    """The confidence of the link an entry's English came from, or None when no align note gives one."""
    lines = (entry.tcomment or "").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(NOTE_PREFIX)), None)
    if start is None:
        return None
    found = NOTE_CONFIDENCE.search(" ".join(lines[start:]))  # the PO writer may have wrapped the note
    return float(found.group(1)) if found else None


def accept_aligned(path: str | Path, min_confidence: float = 0.0, *, dry_run: bool = False) -> AcceptReport:
    """Clear fuzzy on the catalog's aligned entries whose link confidence is at least ``min_confidence``.

    Only entries with English and an align note are touched: an entry made
    fuzzy by a merge (its source changed) needs a translator, whatever the
    aligner once thought of it.
    """
    if not 0.0 <= min_confidence <= 1.0:  # NaN too, which every comparison would leave fuzzy
        raise UsageError(f"the confidence to accept from must be a number from 0 to 1, not {min_confidence}")
    path = Path(path)
    report = AcceptReport(path)
    with locked(path):
        po = read_catalog(path)
        changed = []
        for entry in live_entries(po):
            confidence = note_confidence(entry)
            if "fuzzy" not in entry.flags or not entry.msgstr or confidence is None:
                continue
            if confidence >= min_confidence:
                entry.flags.remove("fuzzy")
                changed.append(entry_key(entry))
                report.accepted += 1
            else:
                report.below += 1
        report.written = bool(changed) and not dry_run and write_catalog(po, path, changed=changed)
    return report
