"""Reading a PO catalog's live entries fast, for the commands that only read (check, stats, glossary show, export).

polib builds a full object per entry, line by line, in Python; on a
100,000-entry catalog that is most of what ``toolkit check`` would spend.
Catalogs in the plain layout that gettext tools, polib and the toolkit itself
write (comments, optional msgctxt, msgid, msgstr, blank lines, ``#~`` obsolete
entries) are read here by one regular expression per entry, straight into
light :class:`Entry` records. Any other file (plural forms, indented or CRLF
lines, a syntax error, duplicates) goes through polib via
:func:`toolkit.po.catalog.read_catalog`, which gives the same records or a
located error: the fast path changes speed, never results.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.po.catalog import (TRANSLATED, CatalogStats, Key, count_entry, entry_kind, entry_status, read_catalog,
                                refuse_foreign_charset, status_of)
from toolkit.po.plain import plain_entries, plain_string
from toolkit.po.syntax import newline_problem


@dataclass(slots=True)
class Entry:
    """One live entry: where it is, its texts, its status, its segment kind, its flags, its length
    in Chinese characters, its translator comment (as polib's ``tcomment``), for a plural entry
    (only polib reads those) msgid_plural and the plural forms as sorted (index, text) pairs, and
    the source it was translated from when msgmerge marked it fuzzy (``#| msgid``, polib's
    ``previous_msgid``)."""

    path: str
    line: int
    msgctxt: str | None
    msgid: str
    msgstr: str
    status: str
    kind: str
    flags: tuple[str, ...]
    source_chars: int
    tcomment: str = ""
    msgid_plural: str = ""
    plural: tuple[tuple[int, str], ...] = ()
    previous_msgid: str | None = None


_PIECE = 1 << 20  # bytes read at a time by the streamed scan


def read_entries(path: str | Path, shown: str, *, words: bool = True) -> tuple[list[Entry], CatalogStats]:
    """The catalog's live entries in file order and its statistics; ``shown`` is the path findings name,
    ``words=False`` leaves the English words uncounted."""
    path = Path(path)
    scanned = _scan_file(path, shown, words=words)
    if scanned is not None:
        return scanned
    # not the plain layout, or not a readable UTF-8 text: polib's reader, or read_catalog's located error
    return entries_from_polib(path, shown, words=words)


def _scan_file(path: Path, shown: str, *, words: bool) -> tuple[list[Entry], CatalogStats] | None:
    """scan_entries over the file read a piece at a time, so that the whole text is never held (on a
    100,000-entry catalog it would weigh about as much as the entries read from it); None where
    scan_entries would give None, and for a file that is missing, binary or not UTF-8.

    Pieces end after a blank line (``\\n\\n``), which no entry holds before the blank lines that follow
    it: each piece is scanned exactly as it would be within the whole text.
    """
    if not path.is_file():
        return None
    scan = _Scan(shown, words)
    rest = b""
    with path.open("rb") as handle:
        while True:
            block = handle.read(_PIECE)
            if handle.tell() == len(block):  # the first: the header
                refuse_foreign_charset(block, path)
            if b"\0" in block or b"\r\n" in block:  # binary, or CRLF lines: never read by the scan
                return None
            data = rest + block if rest else block
            if block:
                cut = data.rfind(b"\n\n")
                if cut < 0:
                    rest = data
                    continue
                piece, rest = data[:cut + 2], data[cut + 2:]
            else:
                piece, rest = data, b""
            if b"\r\n" in piece:  # across two blocks
                return None
            try:
                text = piece.decode("utf-8")
            except UnicodeDecodeError:
                return None
            if not scan.feed(text):
                return None
            if not block:  # an empty file has no entry, not even a header: the reader behind refuses it
                return (scan.entries, scan.stats) if not scan.first else None


def scan_entries(text: str, shown: str, *, words: bool = True) -> tuple[list[Entry], CatalogStats] | None:
    """The entries and statistics of a catalog in the plain layout; None for any other text."""
    scan = _Scan(shown, words)
    return (scan.entries, scan.stats) if scan.feed(text) else None


class _Scan:
    """The entries and statistics of a plain catalog, read from its text in one or more pieces."""

    def __init__(self, shown: str, words: bool):
        self.shown, self.words = shown, words
        self.entries: list[Entry] = []
        self.stats = CatalogStats(path=shown)
        self.keys: set[Key] = set()
        self.line = 1
        self.first = True

    def feed(self, text: str) -> bool:
        """Read the next piece of the text (whole entries and the blank lines after them); False if it is not
        in the plain layout."""
        entries, stats, keys, shown, words = self.entries, self.stats, self.keys, self.shown, self.words
        line, counted = self.line, 0  # the line at offset ``counted`` of the text
        for found in plain_entries(text):
            if found is None:
                return False
            match, key, obsolete = found
            line += text.count("\n", counted, match.start())
            counted = match.start()
            msgctxt, msgid = key
            if self.first:
                # polib reads translator comments at the very top of a file as the file's header comment, not
                # as the first entry's: leave such a file (one without a header entry) to polib
                self.first = False
                if not obsolete and msgid and _has_translator_comment(match.group("comments")):
                    return False
            if key in keys:
                return False  # a duplicate (or a second header): polib's reader names it and its line
            keys.add(key)
            if obsolete:
                stats.obsolete += 1
            elif msgid:
                msgstr = plain_string(match.group("str"))
                comments = match.group("comments")
                flags, kind = _comments(comments)
                status = status_of(msgstr, flags)
                if msgstr and status == TRANSLATED and "\n" in (msgid[0], msgid[-1], msgstr[0], msgstr[-1]) \
                        and newline_problem(msgid, None, [msgstr]):
                    return False  # msgfmt refuses it: the reader behind names it and its line
                chars = count_entry(stats, msgid, msgstr, status, words=words)
                entries.append(Entry(shown, line, msgctxt, msgid, msgstr, status, kind, flags, chars,
                                     _translator_comment(comments) if _has_translator_comment(comments) else "",
                                     previous_msgid=_previous_msgid(comments) if "#| msgid " in comments else None))
        self.line = line + text.count("\n", counted)
        return True


def _comments(comments: str) -> tuple[tuple[str, ...], str]:
    """The flags and the segment kind (``#. type: …``, body when absent) in an entry's comment lines."""
    kind = "body"
    at = comments.rfind("\n#. type:") + 1 or (0 if comments.startswith("#. type:") else -1)
    if at >= 0:  # the last such line
        kind = comments[at + 8:comments.index("\n", at)].strip()
    if "#, " not in comments:
        return (), kind
    flags: list[str] = []
    for line in comments.split("\n"):  # not splitlines(): polib's lines end at line breaks only
        if line.startswith("#, ") and line[3:].strip():
            flags.extend(flag.strip() for flag in line[3:].split(","))
    return tuple(flags), kind


def _has_translator_comment(comments: str) -> bool:
    return comments.startswith(("# ", "#\n")) or "\n# " in comments or "\n#\n" in comments


def _translator_comment(comments: str) -> str:
    """The ``#`` and ``# text`` lines as polib's tcomment: each line stripped, its leading ``#`` and then one
    space dropped, appended after a line break unless nothing was read yet (so leading empty lines vanish)."""
    tcomment = ""
    for line in comments.split("\n"):
        if line == "#" or line.startswith("# "):
            line = line.strip().lstrip("#")
            if tcomment:
                tcomment += "\n"
            tcomment += line[1:] if line.startswith(" ") else line
    return tcomment


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _previous_msgid(comments: str) -> str:
    """The ``#| msgid`` string and its ``#| "…"`` continuation lines, read as polib reads them."""
    parts: list[str] = []
    reading = False
    for line in comments.split("\n"):
        if line.startswith("#| msgid "):
            reading = True
            parts.extend(_QUOTED.findall(line[len("#| msgid "):]))
        elif reading and line.startswith('#| "'):
            parts.extend(_QUOTED.findall(line[3:]))  # several strings may share a line
        else:
            reading = False
    return plain_string("\n".join(parts))


def entries_from_polib(path: Path, shown: str, *, words: bool = True) -> tuple[list[Entry], CatalogStats]:
    """What scan_entries gives, for any catalog polib reads (and a located error for one it cannot)."""
    po = read_catalog(path)
    entries: list[Entry] = []
    stats = CatalogStats(path=shown)
    for entry in po:
        if entry.obsolete:
            stats.obsolete += 1
        elif entry.msgid:
            status = entry_status(entry)
            chars = count_entry(stats, entry.msgid, entry.msgstr, status, words=words)
            entries.append(Entry(shown, entry.linenum, entry.msgctxt, entry.msgid, entry.msgstr, status,
                                 entry_kind(entry), tuple(entry.flags), chars, entry.tcomment,
                                 entry.msgid_plural, tuple(sorted(entry.msgstr_plural.items())),
                                 entry.previous_msgid))
    return entries, stats
