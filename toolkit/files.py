"""Reading input files with located errors, and writing output files atomically.

Every file the toolkit writes (catalogs, glossaries, workbooks, rendered
articles) goes through :func:`atomic_path`, so an interrupted write leaves the
old file intact; every text it reads goes through :func:`read_text`, so a
missing, binary or badly encoded file is one clear error naming file and line.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from toolkit.errors import InputError


def read_bytes(path: str | Path, *, what: str = "a text") -> bytes:
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a file", path=path)
    raw = path.read_bytes()
    if b"\0" in raw:
        raise InputError(f"binary file, not {what}", path=path)
    return raw


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
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        yield Path(temp)
        os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def write_text_atomic(path: str | Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_path(path) as temp:
        with open(temp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
