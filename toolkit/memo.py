"""Answers of libraries slow to load, kept between runs: a check after a save need not load them at all.

Loading lemminflect's lemma table, simplemma's lexicon, pypinyin's phrase
dictionary or cn2an's patterns costs 0.1 to 0.3 s of CPU each, far more than
checking a small catalog; and a run mostly asks them what an earlier run asked
already (the same words, the same source texts). A one-argument function
wrapped in :func:`remembered` keeps its answers in one SQLite file in the
user's cache folder, under a name made of its qualified name, the source of its
module and the installed files of the libraries it calls: a new library release
or an edit to the module gives a new name, so a stale answer is never read (and
the old name's answers are deleted). Only functions whose answer depends on
their argument, the libraries named and their own module belong here.

Equal strings and tuples in the answers a process holds are one object: unpickled one by one, the answers
of a large catalog (its clauses' words, say) would each hold their own copy of the same few words.

New answers are written once, when the process exits, in one transaction:
SQLite keeps concurrent runs apart (in WAL mode: a run reading never waits for one
writing), and a cache that cannot be read or written costs only speed. TOOLKIT_NO_MEMO=1 turns the file off (every answer
computed afresh), which is how the tests compare results with and without it.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import importlib.util
import os
import pickle
from pathlib import Path
from typing import Any, Callable, TypeVar

Answer = TypeVar("Answer")
FILE_NAME = "memo.sqlite"
MAX_ROWS = 500_000  # per function: beyond this its answers start over (a corpus's vocabulary is far less)
SAVE_WAIT = 10.0  # seconds the write at exit waits for another run's
IN_MEMORY = 1 << 17  # answers per function kept in this process
WAIT = 2.0  # seconds a run waits for another's write (only while the file is made; in WAL mode readers do not)
MAX_SHARED = 1 << 18  # distinct strings and tuples shared among answers; beyond, sharing starts over


def user_cache_folder() -> Path:
    """The toolkit's folder in the user's cache (XDG_CACHE_HOME, else ~/.cache)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zh-en-toolkit"


def remembered(*libraries: str) -> Callable[[Callable[[str], Answer]], Callable[[str], Answer]]:
    """Keep the answers of a function of one string, computed with ``libraries``, between runs."""

    def wrap(function: Callable[[str], Answer]) -> Callable[[str], Answer]:
        memo = _Memo(function, libraries)
        # This run's answers, as many as a large catalog's vocabulary; beyond, read again from the file.
        cached = functools.wraps(function)(functools.lru_cache(maxsize=IN_MEMORY)(memo))
        cached.memo = memo
        return cached

    return wrap


class _Memo:
    """One function's answers from earlier runs, read from the file as asked, and the new ones to write."""

    def __init__(self, function: Callable[[str], Any], libraries: tuple[str, ...]):
        self.function = function
        self.libraries = libraries
        self.new: dict[str, bytes] = {}

    def __call__(self, key: str) -> Any:
        stored = _STORE.get(self.name, key)  # one by one: a run asks few of a function's answers
        if stored is not None:
            try:
                answer = pickle.loads(stored)
            except Exception:  # damaged: computed afresh and rewritten
                stored = None
        if stored is None:
            answer = self.function(key)
            self.new[key] = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
            _STORE.pending(self)
        return _shared(answer)

    @functools.cached_property
    def family(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}@"

    @functools.cached_property
    def name(self) -> str:
        """The function's name with a digest of its module's source and of its libraries' installed files."""
        digest = hashlib.blake2b(digest_size=12)
        digest.update(Path(self.function.__code__.co_filename).read_bytes())
        for library in self.libraries:
            spec = importlib.util.find_spec(library)
            origin = spec.origin if spec is not None else None
            stat = os.stat(origin) if origin and os.path.exists(origin) else None
            digest.update(repr((library, origin, stat and (stat.st_size, stat.st_mtime_ns))).encode())
        return self.family + digest.hexdigest()


_SHARED: dict[object, object] = {}


def _shared(value: Any) -> Any:
    """The value with its strings, and its tuples and frozensets of them, replaced by equal ones already held."""
    kind = type(value)
    if kind is str:
        pass
    elif kind is tuple or kind is frozenset:
        value = kind(map(_shared, value))
    elif kind is list:
        return list(map(_shared, value))
    else:  # numbers, None, objects of other kinds: kept as they are
        return value
    if len(_SHARED) >= MAX_SHARED:
        _SHARED.clear()
    try:
        return _SHARED.setdefault(value, value)
    except TypeError:  # a tuple holding something unhashable
        return value


class _Store:
    """The SQLite file, opened on the first question of a process (a forked worker opens its own)."""

    def __init__(self) -> None:
        self._connection: Any = None
        self._opened = False
        self._pending: list[_Memo] = []
        self._registered = False
        os.register_at_fork(after_in_child=self._forked)

    def _forked(self) -> None:
        """A forked worker must not share its parent's connection: it opens its own, and writes nothing
        (the parent writes what it found; workers end without running exit handlers)."""
        self._connection, self._opened, self._pending = None, False, []

    def _open(self) -> Any:
        if self._opened:
            return self._connection
        self._opened = True
        if os.environ.get("TOOLKIT_NO_MEMO"):
            return None
        import sqlite3

        try:
            folder = user_cache_folder()
            folder.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(folder / FILE_NAME, timeout=WAIT, isolation_level=None,
                                         check_same_thread=False)
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
            # Always: a run that finds WAL mode already set may have come before the table was made.
            connection.execute("CREATE TABLE IF NOT EXISTS memo (name TEXT, key TEXT, answer BLOB, "
                               "PRIMARY KEY (name, key)) WITHOUT ROWID")
        except (OSError, sqlite3.Error):
            return None
        self._connection = connection
        return connection

    def get(self, name: str, key: str) -> bytes | None:
        connection = self._open()
        if connection is None:
            return None
        try:
            row = connection.execute("SELECT answer FROM memo WHERE name = ? AND key = ?", (name, key)).fetchone()
        except Exception:
            return None
        return row[0] if row else None

    def pending(self, memo: _Memo) -> None:
        """Note a function with new answers, to be written at exit."""
        if memo not in self._pending:
            self._pending.append(memo)
        if not self._registered:
            self._registered = True
            atexit.register(self.save)

    def save(self) -> None:
        """Write every new answer in one transaction; drop older versions' answers of the same functions."""
        memos, self._pending = self._pending, []
        connection = self._open() if memos else None
        if connection is None:
            return
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(SAVE_WAIT * 1000)}")  # at exit, waiting costs little
            connection.execute("BEGIN IMMEDIATE")
            for memo in memos:
                connection.execute("DELETE FROM memo WHERE name > ? AND name < ? AND name != ?",
                                   (memo.family, memo.family + "\uffff", memo.name))
                rows = connection.execute("SELECT count(*) FROM memo WHERE name = ?", (memo.name,)).fetchone()[0]
                if rows + len(memo.new) > MAX_ROWS:
                    connection.execute("DELETE FROM memo WHERE name = ?", (memo.name,))
                connection.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?, ?)",
                                       ((memo.name, key, answer) for key, answer in memo.new.items()))
                memo.new = {}
            connection.execute("COMMIT")
        except Exception:  # locked past WAIT, read-only, full disk: the answers are recomputed next time
            try:
                connection.execute("ROLLBACK")
            except Exception:
                pass


_STORE = _Store()
