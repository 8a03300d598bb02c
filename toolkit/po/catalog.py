"""The catalog model: reading a PO file into polib's objects, writing it back atomically, keys and statuses.

The commands that change a catalog (segment, import, align) read it here,
edit polib's entries and write it with :func:`write_catalog`, which keeps
the bytes of every entry they did not change. The grammar is checked first
(:mod:`toolkit.po.syntax`), so polib never half-reads a broken file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import polib

from toolkit import __version__
from toolkit.errors import InputError
from toolkit.files import decode, read_bytes, write_text_atomic
from toolkit.po.layout import TOOLKIT, detect_layout, in_layout
from toolkit.po.syntax import Message, canonical_text, check_po_syntax, newline_problem
from toolkit.text import count_english_words, count_han

# polib's classes are the model the writing commands edit; other modules name them through this package.
Catalog = polib.POFile
CatalogEntry = polib.POEntry

Key = tuple[str | None, str]

TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"
# Flag of an entry whose English (one sentence for it and the segment before) is printed with the previous entry.
JOINED = "joined"


def read_catalog(path: str | Path) -> polib.POFile:
    """Parse a PO file, turning every failure into an InputError naming the file and line."""
    path = Path(path)
    text = decode(read_bytes(path, what="a PO catalog"), path, hint=" (PO catalogs here are UTF-8)")
    if not text.strip():
        raise InputError("empty file, not a PO catalog", path=path)
    messages = check_po_syntax(text, path)
    layout = detect_layout(text)
    if messages is None:
        first_line = 1 + len(text) - len(text.lstrip("\n"))  # where the first entry starts
        del text  # polib reads the file itself; do not hold a second copy while it parses
        # From the path, not the text: polib splits a text into a list of all its lines first,
        # which took a quarter longer on a 50 MB catalog than reading the file line by line.
        po = _polib_parse(str(path), path)
        check_entries(po, path, first_line)  # the grammar checks them itself in the other case
    else:  # another layout: polib reads the same entries in the plain one, placed where the file has them
        po = _polib_parse(canonical_text(messages), path)
        _place(po, messages)
    po.layout = layout
    return po


def _polib_parse(source: str, path: Path) -> polib.POFile:
    try:
        return polib.pofile(source, encoding="utf-8", wrapwidth=78)
    except (OSError, ValueError) as exc:  # the grammar passed the file: polib's own limits
        match = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(line \d+\)|\s*in po file\s*\S*", "", str(exc)).strip() or "syntax error"
        raise InputError(f"PO syntax error: {message.lower()}", path=path,
                         line=int(match.group(1)) if match else None) from exc


def _place(po: polib.POFile, messages: list[Message]) -> None:
    """Give polib's entries the lines they have in the file, and obsolete ones the previous msgid (``#~|``)
    polib does not read."""
    entries = iter(po)
    for message in messages:
        if not message.obsolete and message.value("msgid") == "" and message.value("msgctxt") is None:
            continue  # the header: polib's metadata, not an entry
        entry = next(entries, None)
        if entry is None:
            return
        entry.linenum = message.line
        if message.obsolete:
            entry.previous_msgctxt = message.value("#|msgctxt")
            entry.previous_msgid = message.value("#|msgid")
            entry.previous_msgid_plural = message.value("#|msgid_plural")


def check_entries(po: polib.POFile, path: Path, first_line: int) -> None:
    """What the grammar asks of entries rather than of lines: no duplicate key, consistent line breaks.
    ``first_line`` is where the file's first entry starts (polib numbers it 0)."""
    # polib takes the first msgid "" as the header (and then sets metadata_is_fuzzy to its flags, a list)
    seen: dict[Key, int] = {HEADER: 1} if isinstance(po.metadata_is_fuzzy, list) else {}
    for entry in po:
        entry.linenum = entry.linenum or first_line
        key = entry_key(entry)
        if key in seen:
            raise InputError(f"duplicate msgid (first at line {seen[key]}): {entry.msgid[:40]}",
                             path=path, line=entry.linenum)
        seen[key] = entry.linenum
        if not entry.obsolete and "fuzzy" not in entry.flags:
            plural = entry.msgid_plural if entry.msgstr_plural else None
            msgstrs = [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)] if entry.msgstr_plural \
                else [entry.msgstr]
            problem = newline_problem(entry.msgid, plural, msgstrs)
            if problem:
                raise InputError(problem, path=path, line=entry.linenum)


def catalog_text(po: polib.POFile) -> str:
    """The catalog as :func:`write_catalog` writes it whole: rendered by polib, in the layout it was read in."""
    return in_layout(po.__unicode__(), layout_of(po))


def layout_of(po: polib.POFile) -> str:
    """The layout a catalog is written in (:mod:`toolkit.po.layout`): the one its file had, or polib's."""
    return getattr(po, "layout", TOOLKIT)


# The key of the header (metadata) entry, for ``write_catalog(..., changed=...)``.
HEADER: Key = (None, "")


def write_catalog(po: polib.POFile, path: str | Path, *, changed: Iterable[Key] | None = None) -> bool:
    """Save atomically; return False (and touch nothing) when the bytes would not change.

    ``changed``, when given, holds the keys (:func:`entry_key`, :data:`HEADER`
    for the header) of every entry modified since ``po`` was read from
    ``path``: then only those are rendered by polib and every other entry
    keeps its bytes in the file (see :func:`spliced_catalog_text`). Without
    it, or when the file does not line up with ``po``, polib renders it all.
    """
    path = Path(path)
    old = path.read_bytes() if path.is_file() else None
    text = None
    if changed is not None and old is not None:
        text = spliced_catalog_text(po, old, changed)
    text = in_layout(po.__unicode__() if text is None else text, layout_of(po))
    if old is not None and old == text.encode("utf-8"):
        return False
    write_text_atomic(path, text)
    return True


def spliced_catalog_text(po: polib.POFile, old: bytes, changed: Iterable[Key]) -> str | None:
    """The catalog's new text made from its file's text, re-rendering only the ``changed`` entries.

    ``old`` must be the file ``po`` was read from. Each entry of it in the
    plain layout (:func:`toolkit.po.read.plain_entries`) is paired, in order, with the
    entry polib writes at that place: the header, the live entries, the
    obsolete ones. An entry not in ``changed`` keeps its bytes; a changed one
    becomes exactly what polib writes for it (the header: its comment lines
    and the metadata entry), followed by the blank lines it had. On a file
    polib wrote, that is byte for byte polib's own rendering of ``po``.
    None when the text does not line up: another layout, another set or
    order of entries, a key or obsolete mark that differs, a duplicate.
    """
    from toolkit.po.read import plain_entries  # read imports this module

    try:
        text = old.decode("utf-8")
    except UnicodeDecodeError:
        return None
    changed = set(changed)
    entries = [None, *(e for e in po if not e.obsolete), *(e for e in po if e.obsolete)]
    if len({entry_key(e) for e in entries[1:]} | {HEADER}) != len(entries):
        return None  # a duplicate key, or a second header: the keys would not say which entry changed
    width = po.wrapwidth
    pieces: list[str] = []
    kept_from = 0  # start of the run of file text not yet copied
    found = plain_entries(text)
    for entry in entries:
        match, key, obsolete = next(found, None) or (None, None, None)
        if match is None:
            return None
        tail = match.end("old_str" if obsolete else "str")
        if entry is None:  # the header
            if key != HEADER or obsolete:
                return None
            if HEADER in changed:
                pieces += [text[kept_from:match.start()], _header_text(po)]
                kept_from = tail + 1 if tail < len(text) else tail  # its line break is in the rendering
        else:
            if key != entry_key(entry):
                return None
            if key in changed:
                pieces += [text[kept_from:match.start()], entry.__unicode__(width)]
                kept_from = tail + 1 if tail < len(text) else tail
            elif obsolete != bool(entry.obsolete):
                return None
    if next(found, False) is not False:
        return None  # more in the file than in po: entries, or text not in the plain layout
    if not pieces:
        return text
    pieces.append(text[kept_from:])
    return "".join(pieces)


def _header_text(po: polib.POFile) -> str:
    """What polib writes for the catalog's header: its comment lines and the metadata entry."""
    header = polib.POFile(wrapwidth=po.wrapwidth, encoding=po.encoding)
    header.header, header.metadata, header.metadata_is_fuzzy = po.header, po.metadata, po.metadata_is_fuzzy
    return header.__unicode__()


def entry_key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def entry_status(entry: polib.POEntry) -> str:
    """translated / fuzzy / untranslated, counted as ``msgfmt --statistics`` counts them."""
    return status_of(entry.msgstr, entry.flags)


def status_of(msgstr: str, flags: Iterable[str]) -> str:
    return UNTRANSLATED if not msgstr else FUZZY if "fuzzy" in flags else TRANSLATED


def live_entries(po: polib.POFile) -> Iterator[polib.POEntry]:
    """Entries that count: not the header, not obsolete."""
    return (e for e in po if not e.obsolete and e.msgid)


def index_entries(po: polib.POFile) -> dict[Key, polib.POEntry]:
    return {entry_key(e): e for e in live_entries(po)}


def entry_kind(entry: polib.POEntry) -> str:
    """The segment kind recorded as ``#. type: …`` (body when absent)."""
    for line in entry.comment.splitlines():
        if line.startswith("type:"):
            return line.partition(":")[2].strip()
    return "body"


def iter_catalog_paths(paths: Iterable[str | Path]) -> list[Path]:
    """PO files named directly, or found (sorted) in the folders named."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*.po") if p.is_file())
            if not inside:
                raise InputError("not a file, and a folder with no PO catalogs in it", path=path)
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or folder", path=path)
    return found


def new_catalog(*, project: str, source: str, source_language: str = "zh_CN", target_language: str = "en",
                now: datetime | None = None) -> polib.POFile:
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M+0000")
    po = polib.POFile(wrapwidth=78, encoding="utf-8")
    po.header = f"{target_language} translation of {source} ({source_language} source)."
    po.metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "",
        "Language-Team": "English",
        "Language": target_language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Source-Language": source_language,
        "X-Generator": f"toolkit {__version__}",
    }
    return po


@dataclass
class CatalogStats:
    path: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    source_chars: int = 0
    source_chars_translated: int = 0
    target_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def coverage(self) -> float:
        """Percentage of entries translated and not fuzzy (exact, not truncated like polib's)."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def add(self, other: "CatalogStats") -> None:
        for name in ("translated", "fuzzy", "untranslated", "obsolete", "source_chars",
                     "source_chars_translated", "target_words"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        return {"path": self.path, "total": self.total, "translated": self.translated,
                "fuzzy": self.fuzzy, "untranslated": self.untranslated, "obsolete": self.obsolete,
                "source_chars": self.source_chars, "source_chars_translated": self.source_chars_translated,
                "target_words": self.target_words, "coverage": round(self.coverage, 2)}


def count_entry(stats: CatalogStats, msgid: str, msgstr: str, status: str, *, words: bool = True) -> int:
    """Add one live entry to the statistics (English words only if asked: ``toolkit check`` shows none);
    return its Chinese characters."""
    chars = count_han(msgid)
    stats.source_chars += chars
    if status == TRANSLATED:
        stats.translated += 1
        stats.source_chars_translated += chars
    elif status == FUZZY:
        stats.fuzzy += 1
    else:
        stats.untranslated += 1
    if words and msgstr:
        stats.target_words += count_english_words(msgstr)
    return chars


