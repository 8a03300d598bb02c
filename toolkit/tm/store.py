"""The translation memory: translation units in one SQLite file, with a character-bigram index for fuzzy lookup.

Units are rows; the index maps each bigram of a unit's skeleton (see
:mod:`toolkit.tm.matching`) to the ids of the units holding it, stored as
packed arrays of ids, one row per bigram and batch of inserts. A lookup reads
the postings of the query's rarest bigrams only (a candidate at 75% shares at
least half of its bigrams, so one of the rarest half must be among them),
counts votes with numpy, and scores the best-voted candidates with rapidfuzz.
Deleted units leave stale ids in the postings until :meth:`compact`.
"""
from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
from rapidfuzz.distance import Indel

from toolkit.errors import InputError
from toolkit.tm.matching import Score, Skeleton, bigrams, score_match, skeleton

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: stale postings must not name a new unit
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    context TEXT,
    origin TEXT NOT NULL,
    line INTEGER,
    date TEXT NOT NULL,
    source_hash INTEGER NOT NULL,
    unit_hash INTEGER NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS units_by_source ON units (source_hash);
CREATE INDEX IF NOT EXISTS units_by_origin ON units (origin);
CREATE TABLE IF NOT EXISTS postings (gram INTEGER NOT NULL, ids BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS postings_by_gram ON postings (gram);
CREATE TABLE IF NOT EXISTS grams (gram INTEGER PRIMARY KEY, units INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS catalogs (origin TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL);
"""
_UNIT_COLUMNS = "id, source, target, context, origin, line, date"
PROBE_SHARE = 0.5  # a candidate at the default 75% shares at least half of the query's bigrams
PROBE_BUDGET = 60_000  # postings read per lookup at most: the rarest bigrams come first
CANDIDATES = 100  # best-voted units scored per lookup


@dataclass(frozen=True)
class Unit:
    """One translation unit: a source and its translation, where it came from, and when."""

    source: str
    target: str
    context: str | None = None
    origin: str = ""
    line: int | None = None
    date: str = ""
    id: int | None = field(default=None, compare=False)

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.line else self.origin


@dataclass(frozen=True)
class Match:
    unit: Unit
    percent: int
    target: str  # the unit's target, numbers rewritten for the new source where sure
    notes: tuple[str, ...] = ()


@dataclass
class SyncReport:
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped_catalogs: int = 0  # unchanged since the last update

    def add(self, other: "SyncReport") -> None:
        self.added += other.added
        self.removed += other.removed
        self.unchanged += other.unchanged
        self.skipped_catalogs += other.skipped_catalogs


def now_stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_hash(*parts: str | None) -> int:
    data = "\0".join("\1" if p is None else p for p in parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


def _refuse_other_files(path: Path, db: sqlite3.Connection) -> None:
    """An existing file that is not a TM is refused before anything is written to it (the journal mode, the
    tables): a user who points ``--tm`` at the wrong file must find it as it was."""
    if path.stat().st_size == 0:
        raise InputError("an empty file, not a translation memory: give the TM's path, or a new file's", path=path)
    tables = {name for name, in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"meta", "units"} <= tables:
        raise InputError("a SQLite database, but not a translation memory (it has no meta and units tables)",
                         path=path)


def _row_unit(row: tuple) -> Unit:
    return Unit(id=row[0], source=row[1], target=row[2], context=row[3], origin=row[4], line=row[5], date=row[6])


class TranslationMemory:
    """A translation memory file; use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise InputError("no translation memory here yet; run `toolkit tm update` or `toolkit tm import`",
                             path=self.path)
        # what this run makes (the folders, the file), taken away again if the run fails (see __exit__)
        self._made = [] if self.path.exists() else \
            [*(folder for folder in reversed(self.path.parents) if not folder.exists()), self.path]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db: sqlite3.Connection | None = None
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            if not self._made:
                _refuse_other_files(self.path, self.db)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA cache_size=-65536")  # 64 MB of pages
            self.db.executescript(_SCHEMA)
            version = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except (sqlite3.DatabaseError, InputError) as exc:
            if self.db is not None:
                self.db.close()
            if isinstance(exc, InputError):
                raise
            raise InputError(f"not a translation memory ({exc})", path=self.path) from exc
        if version is None:
            with self.db:
                self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif version[0] != SCHEMA_VERSION:
            raise InputError(f"translation memory format {version[0]}, this toolkit reads {SCHEMA_VERSION}",
                             path=self.path)
        self._pending: dict[int, array] = defaultdict(lambda: array("I"))

    def __enter__(self) -> "TranslationMemory":
        return self

    def __exit__(self, kind: type | None, *exc: object) -> None:
        self.close()
        if kind is not None and self._made:  # a TM this run created, for input that proved bad: no file left
            for leftover in (f"{self.path}-wal", f"{self.path}-shm", f"{self.path}-journal", self.path):
                Path(leftover).unlink(missing_ok=True)
            for folder in reversed(self._made[:-1]):
                try:
                    folder.rmdir()
                except OSError:  # something else was put there meanwhile (a lock file): keep it
                    break

    def close(self) -> None:
        self.db.close()

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM units").fetchone()[0]

    # --- writing -------------------------------------------------------------------------------

    def add(self, units: Iterable[Unit], *, batch: int = 200_000) -> int:
        """Insert units not already there (same origin, context, source and target); return how many were new."""
        added = 0
        with self.db:
            rows: list[tuple] = []
            for unit in units:
                rows.append(self._row(unit))
                if len(rows) >= batch:
                    added += self._insert(rows)
                    rows = []
            added += self._insert(rows)
            self._flush()
        self._compact_if_scattered()
        return added

    def sync_origin(self, origin: str, units: Iterable[Unit]) -> SyncReport:
        """Make the units of ``origin`` (a catalog) exactly ``units``: new ones added, vanished ones removed."""
        report = SyncReport()
        wanted = {}
        for unit in units:
            row = self._row(replace(unit, origin=origin))
            wanted[row[-1]] = row
        with self.db:
            existing = dict(self.db.execute("SELECT unit_hash, id FROM units WHERE origin = ?", (origin,)))
            gone = [(unit_id,) for unit_hash, unit_id in existing.items() if unit_hash not in wanted]
            self.db.executemany("DELETE FROM units WHERE id = ?", gone)
            report.removed = len(gone)
            moved = [(row[4], unit_hash) for unit_hash, row in wanted.items() if unit_hash in existing]
            self.db.executemany("UPDATE units SET line = ? WHERE unit_hash = ?", moved)
            report.unchanged = len(moved)
            report.added = self._insert([row for unit_hash, row in wanted.items() if unit_hash not in existing])
            self._flush()
        self._compact_if_scattered()
        return report

    def catalog_unchanged(self, origin: str, path: Path) -> bool:
        stat = path.stat()
        row = self.db.execute("SELECT mtime_ns, size FROM catalogs WHERE origin = ?", (origin,)).fetchone()
        return row == (stat.st_mtime_ns, stat.st_size)

    def remember_catalog(self, origin: str, path: Path) -> None:
        stat = path.stat()
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO catalogs VALUES (?, ?, ?)", (origin, stat.st_mtime_ns, stat.st_size))

    def _row(self, unit: Unit) -> tuple:
        return (unit.source, unit.target, unit.context, unit.origin, unit.line, unit.date or now_stamp(),
                text_hash(unit.source), text_hash(unit.origin, unit.context, unit.source, unit.target))

    def _insert(self, rows: list[tuple]) -> int:
        """Insert rows not yet there and queue their bigrams for the index."""
        if not rows:
            return 0
        before = self.db.total_changes
        start = (self.db.execute("SELECT max(id) FROM units").fetchone()[0] or 0) + 1
        self.db.executemany(
            "INSERT OR IGNORE INTO units (source, target, context, origin, line, date, source_hash, unit_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        added = self.db.total_changes - before
        if added:
            for unit_id, source in self.db.execute("SELECT id, source FROM units WHERE id >= ?", (start,)):
                for gram in bigrams(skeleton(source).text):
                    self._pending[gram].append(unit_id)
        return added

    def _flush(self) -> None:
        """Write the queued postings: one row per bigram, and its unit count."""
        if not self._pending:
            return
        self.db.executemany("INSERT INTO postings (gram, ids) VALUES (?, ?)",
                            ((gram, ids.tobytes()) for gram, ids in self._pending.items()))
        self.db.executemany("INSERT INTO grams VALUES (?, ?) ON CONFLICT (gram) DO UPDATE SET units = units + ?",
                            ((gram, len(ids), len(ids)) for gram, ids in self._pending.items()))
        self._pending.clear()

    def _compact_if_scattered(self) -> None:
        rows = self.db.execute("SELECT count(*) FROM postings").fetchone()[0]
        grams = self.db.execute("SELECT count(*) FROM grams").fetchone()[0]
        if rows > 4 * grams + 10_000:
            self.compact()

    def compact(self) -> None:
        """One postings row per bigram, without the ids of deleted units, and true unit counts."""
        live = np.fromiter((row[0] for row in self.db.execute("SELECT id FROM units ORDER BY id")), dtype=np.uint32)
        with self.db:
            self.db.execute("CREATE TEMP TABLE merged (gram INTEGER NOT NULL, ids BLOB NOT NULL)")
            batch: list[tuple[int, bytes]] = []
            current, parts = None, []
            for gram, ids in self.db.execute("SELECT gram, ids FROM postings ORDER BY gram"):
                if gram != current and parts:
                    batch.append(self._merged(current, parts, live))
                    parts = []
                current = gram
                parts.append(np.frombuffer(ids, dtype=np.uint32))
                if len(batch) >= 10_000:
                    self.db.executemany("INSERT INTO merged VALUES (?, ?)", batch)
                    batch = []
            if parts:
                batch.append(self._merged(current, parts, live))
            self.db.executemany("INSERT INTO merged VALUES (?, ?)", batch)
            self.db.execute("DELETE FROM postings")
            self.db.execute("DELETE FROM grams")
            self.db.execute("INSERT INTO postings SELECT gram, ids FROM merged WHERE length(ids) > 0")
            self.db.execute("INSERT INTO grams SELECT gram, length(ids) / 4 FROM merged WHERE length(ids) > 0")
            self.db.execute("DROP TABLE merged")

    @staticmethod
    def _merged(gram: int, parts: list[np.ndarray], live: np.ndarray) -> tuple[int, bytes]:
        ids = np.concatenate(parts)
        return gram, ids[np.isin(ids, live, assume_unique=False)].tobytes()

    # --- reading -------------------------------------------------------------------------------

    def units(self) -> Iterator[Unit]:
        for row in self.db.execute(f"SELECT {_UNIT_COLUMNS} FROM units ORDER BY id"):
            yield _row_unit(row)

    def origins(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT origin, count(*) FROM units GROUP BY origin ORDER BY origin"))

    def search(self, text: str, *, limit: int = 20) -> list[Unit]:
        """Units whose source or target holds ``text`` (targets compared without case)."""
        rows = self.db.execute(
            f"SELECT {_UNIT_COLUMNS} FROM units WHERE instr(source, ?) > 0 OR instr(lower(target), ?) > 0 "
            f"ORDER BY id LIMIT ?", (text, text.lower(), limit))
        return [_row_unit(row) for row in rows]

    def lookup(self, source: str, context: str | None = None, *, min_score: int = 75, limit: int = 3) -> list[Match]:
        """The best matches for ``source``, best first: exact ones (100, or 99 in another context), then fuzzy."""
        exact = [_row_unit(row) for row in self.db.execute(
            f"SELECT {_UNIT_COLUMNS} FROM units WHERE source_hash = ?", (text_hash(source),))]
        matches = [Match(unit, 100 if unit.context == context else 99, unit.target,
                         () if unit.context == context else ("context differs",))
                   for unit in exact if unit.source == source]
        if len(matches) < limit:
            matches += self._fuzzy(source, min_score)
        matches.sort(key=lambda m: (-m.percent, m.unit.id))
        seen: set[str] = set()
        best = []
        for match in matches:
            if match.target not in seen:
                seen.add(match.target)
                best.append(match)
        return best[:limit]

    def _fuzzy(self, source: str, min_score: int) -> list[Match]:
        new = skeleton(source)
        if len(new.text) < 2:
            return []
        candidates = self._candidates(bigrams(new.text))
        if not candidates.size:
            return []
        marks = ",".join("?" * len(candidates))
        rows = self.db.execute(f"SELECT id, source FROM units WHERE id IN ({marks})",
                               [int(i) for i in candidates]).fetchall()
        cutoff = min_score / 100
        scored: dict[int, tuple[Skeleton, float]] = {}
        for unit_id, candidate in rows:
            if candidate == source:
                continue  # an exact match, found by its hash
            old = skeleton(candidate)
            base = Indel.normalized_similarity(new.text, old.text, score_cutoff=cutoff)
            if base:
                scored[unit_id] = (old, base)
        found = []
        if scored:
            marks = ",".join("?" * len(scored))
            for row in self.db.execute(f"SELECT {_UNIT_COLUMNS} FROM units WHERE id IN ({marks})", list(scored)):
                old, base = scored[row[0]]
                score: Score = score_match(new, old, row[2], base * 100)
                if score.percent >= min_score:
                    found.append(Match(_row_unit(row), score.percent, score.target, score.notes))
        return found

    def _candidates(self, grams: set[int]) -> np.ndarray:
        """Ids of the units sharing the most of the query's rarest bigrams."""
        listed = list(grams)
        marks = ",".join("?" * len(listed))
        counts = dict(self.db.execute(f"SELECT gram, units FROM grams WHERE gram IN ({marks})", listed))
        ranked = sorted(listed, key=lambda gram: counts.get(gram, 0))
        probe: list[int] = []
        budget = PROBE_BUDGET
        for gram in ranked[:len(ranked) - int(len(ranked) * PROBE_SHARE) + 1]:
            units = counts.get(gram, 0)
            if not units:
                continue
            if units > budget and probe:
                break
            probe.append(gram)
            budget -= units
        if not probe:
            return np.empty(0, dtype=np.uint32)
        marks = ",".join("?" * len(probe))
        parts = [np.frombuffer(ids, dtype=np.uint32)
                 for (ids,) in self.db.execute(f"SELECT ids FROM postings WHERE gram IN ({marks})", probe)]
        ids, votes = np.unique(np.concatenate(parts), return_counts=True)
        if len(ids) > CANDIDATES:
            ids = ids[np.argpartition(-votes, CANDIDATES)[:CANDIDATES]]
        return ids
