"""Reading input files with located errors, writing output files atomically, and locking files to update them.

Every file the toolkit writes (catalogs, glossaries, workbooks, rendered
articles) goes through :func:`atomic_path`, so an interrupted write leaves the
old file intact; every text it reads goes through :func:`read_text`, so a
missing, binary or badly encoded file is one clear error naming file and line.
A command that reads a file, changes it and writes it back (a catalog, a
glossary CSV) holds :func:`locked` on it throughout, so that a second writer
waits instead of renaming its copy over the first one's work.
"""
from __future__ import annotations

import codecs
import fcntl
import os
import re
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from toolkit.errors import InputError, ToolkitError

# byte-order marks of the encodings whose text holds NUL bytes, UTF-32 first (its LE mark begins as UTF-16's)
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LOCK_WAIT = float(os.environ.get("TOOLKIT_LOCK_WAIT", "30"))  # seconds a writer waits for another to finish


def read_bytes(path: str | Path, *, what: str = "a text", wide: bool = False) -> bytes:
    """A file's bytes; NUL bytes mean a binary file unless its text is ``wide`` (UTF-16 or UTF-32)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a file", path=path)
    raw = path.read_bytes()
    if not wide:
        _refuse_binary(raw, path, what)
    return raw


def _refuse_binary(raw: bytes, path: Path, what: str) -> None:
    if b"\0" in raw:
        raise InputError(f"binary file, not {what}", path=path)


def read_text(path: str | Path, encoding: str = "utf-8", *, hint: str = "") -> str:
    """A text file's text, in ``encoding`` or in the UTF-16 or UTF-32 its byte-order mark declares (as Windows
    Notepad saves "Unicode"), whose text holds NUL bytes."""
    raw = read_bytes(path, wide=True)
    encoding = next((name for bom, name in WIDE_BOMS if raw.startswith(bom)), encoding)
    try:
        wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from exc
    if not wide:
        _refuse_binary(raw, Path(path), "a text")
    return decode(raw, path, encoding, hint=hint)


def decode(raw: bytes, path: str | Path, encoding: str = "utf-8", *, hint: str = "") -> str:
    """Decode, naming the first line that is not in the encoding."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid {encoding}{hint}", path=path, line=line) from exc
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from exc


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` only if the block succeeds."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    os.close(handle)
    try:
        yield Path(temp)
        try:
            os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
            os.replace(temp, path)
        except OSError as exc:
            raise _unwritable(path, exc) from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _unwritable(path: Path, exc: OSError) -> InputError:
    """Why ``path`` cannot be written, in one line: a folder on its way that is a file, or the system's reason."""
    blocking = next((folder for folder in path.parents if folder.exists() and not folder.is_dir()), None)
    if blocking is not None:
        return InputError(f"cannot write it: {blocking} is a file, not a folder", path=path)
    if path.is_dir():
        return InputError("cannot write it: a folder is there (give a file name)", path=path)
    return InputError(f"cannot write it: {exc.strerror or exc}", path=path)


def write_text_atomic(path: str | Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_path(path) as temp:
        with open(temp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())


class LockedError(ToolkitError):
    """Another process kept a file locked for longer than a writer waits."""


class FileLock:
    """An advisory lock (``flock``) on a lock file beside ``path``, naming its holder in the file.

    The kernel releases it however the holder ends, ``kill -9`` included, and
    so does closing it or dropping the object. Taking it also removes the
    temporary files an interrupted write of ``path`` left beside it: while the
    lock is held, no other writer's temporary file can be in progress.
    """

    def __init__(self, path: str | Path, *, wait: float | None = None):
        self.path = Path(path)
        self.lock_path = self.path.with_name(f".{self.path.name}.lock")
        self.wait = LOCK_WAIT if wait is None else wait
        self.handle = None

    def acquire(self) -> "FileLock":
        deadline = time.monotonic() + self.wait
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                handle = open(self.lock_path, "a+", encoding="utf-8")
            except OSError as exc:
                raise _unwritable(self.path, exc) from exc
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(handle)
                handle.close()
                if time.monotonic() >= deadline:
                    raise LockedError(f"in use by {holder}; waited {self.wait:g} s: try again when it has finished",
                                      path=self.path) from None
                time.sleep(0.05)
                continue
            if _same_file(handle, self.lock_path):  # not a lock file its last holder removed meanwhile
                break
            handle.close()
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {datetime.now().strftime('%H:%M:%S')} {' '.join(_command())}\n")
        handle.flush()
        self.handle = handle
        _remove_stale_temporaries(self.path)
        return self

    def release(self) -> None:
        if self.handle is not None:
            self.lock_path.unlink(missing_ok=True)  # before unlocking: a writer that opened it sees it is gone and retries
            self.handle.close()
            self.handle = None

    def __enter__(self) -> "FileLock":
        return self.acquire()

    def __exit__(self, *_) -> None:
        self.release()

    __del__ = release


def locked(path: str | Path, *, wait: float | None = None) -> FileLock:
    """``with locked(path):`` read, change and write ``path`` with no other toolkit process doing the same."""
    return FileLock(path, wait=wait)


def _holder(handle) -> str:
    handle.seek(0)
    pid, _, rest = handle.read().strip().partition(" ")
    stamp, _, command = rest.partition(" ")
    return f"process {pid} ({command or 'toolkit'}, since {stamp})" if pid else "another process"


def _command() -> list[str]:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "toolkit"
    return ["toolkit" if name == "__main__.py" else name, *sys.argv[1:6]]


def _same_file(handle, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except FileNotFoundError:
        return False


def _remove_stale_temporaries(path: Path) -> None:
    """Delete what :func:`atomic_path` left beside ``path`` when a writer was killed before its rename."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    if path.parent.is_dir():
        for leftover in path.parent.iterdir():
            if pattern.fullmatch(leftover.name):
                leftover.unlink(missing_ok=True)
