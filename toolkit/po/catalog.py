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
from toolkit.po.layout import TOOLKIT, Layout, detect_layout, entries_in_layout, in_layout, with_marks, without_marks
from toolkit.po.plain import Key, obsolete_string, plain_entries, plain_string
from toolkit.po.syntax import Message, canonical_text, check_po_syntax, newline_problem
from toolkit.text import count_english_words, count_han

# polib's classes are the model the writing commands edit; other modules name them through this package.
Catalog = polib.POFile
CatalogEntry = polib.POEntry


TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"
# Flag of an entry whose English (one sentence for it and the segment before) is printed with the previous entry.
JOINED = "joined"


def read_catalog(path: str | Path) -> polib.POFile:
    """Parse a PO file, turning every failure into an InputError naming the file and line."""
    path = Path(path)
    raw = read_bytes(path, what="a PO catalog")
    refuse_foreign_charset(raw, path)
    text = decode(raw, path, hint=" (PO catalogs here are UTF-8)")
    del raw
    if not text.strip():
        raise InputError("empty file, not a PO catalog", path=path)
    text, newline, bom = without_marks(text)  # CR LF line ends and a BOM are put back when it is written
    _refuse_bare_cr(text, path)
    messages = check_po_syntax(text, path)
    layout = detect_layout(text, newline, bom)
    if messages is None:
        first_line = 1 + len(text) - len(text.lstrip("\n"))  # where the first entry starts
        po = plain_catalog(text, path)
        if po is None:  # a file the plain builder leaves to polib (no header first, say)
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


# The header's charset, in the file's first entry (its bytes up to the first blank line).
_CHARSET = re.compile(rb'^(?:msgstr)?\s*"Content-Type:[^"\n]*?charset=([^\\"\s;]+)', re.MULTILINE | re.IGNORECASE)
# What a UTF-8 catalog may declare: UTF-8, a subset of it, or xgettext's placeholder (msgfmt reads it as UTF-8).
_UTF8_CHARSETS = {"utf-8", "utf8", "ascii", "us-ascii", "charset"}


def refuse_foreign_charset(start: bytes, path: Path) -> None:
    """Refuse a catalog whose header declares a charset other than UTF-8, given the file's first bytes: read
    as UTF-8 its text would be wrong (GBK) or its rewrite would say one charset and hold another."""
    end = re.search(rb"\n\r?\n", start)
    found = _CHARSET.search(start, 0, end.start() if end else len(start))
    if found and found.group(1).decode("ascii", "replace").lower() not in _UTF8_CHARSETS:
        charset = found.group(1).decode("ascii", "replace")
        raise InputError(f"the header declares charset={charset}, and PO catalogs here are UTF-8: convert it "
                         f"with `msgconv --to-code=UTF-8`", path=path, line=start.count(b"\n", 0, found.start()) + 1)


def _refuse_bare_cr(text: str, path: Path) -> None:
    """A carriage return that ends no CR LF pair: gettext tools read a catalog with classic Mac OS line ends
    (CR alone) as one comment line, so it would be taken for an empty catalog and its translations lost."""
    bare = _BARE_CR.search(text)
    if bare:
        raise InputError("line ends in a carriage return alone (classic Mac OS line ends): save the catalog with "
                         "LF or CR LF line ends", path=path, line=text.count("\n", 0, bare.start()) + 1)


_BARE_CR = re.compile(r"\r(?!\n)")


def plain_catalog(text: str, path: Path) -> polib.POFile | None:
    """The POFile polib's parser would give for a text in the plain layout, built from one regular expression
    match per entry (polib's parser costs three times as much); None for a text it leaves to polib: not
    the plain layout, no header first, a second empty msgid, a comment line polib would refuse."""
    po: polib.POFile | None = None
    line, counted = 1, 0  # the line at offset ``counted``
    for found in plain_entries(text):
        if found is None:
            return None
        match, (msgctxt, msgid), obsolete = found
        start = match.start()
        line += text.count("\n", counted, start)
        counted = start
        if po is None:  # the header: comments, metadata and its fuzzy flag as polib reads them
            if msgid or msgctxt is not None or obsolete:
                return None
            po = polib.pofile(text[:match.end()], encoding="utf-8", wrapwidth=78)
            po.fpath = str(path)
            continue
        if not msgid and not obsolete:
            return None  # polib would take it for the header
        entry = polib.POEntry(msgctxt=msgctxt, msgid=msgid, linenum=line,
                              msgstr=(obsolete_string if obsolete else plain_string)(
                                  match.group("old_str" if obsolete else "str")))
        entry.obsolete = 1 if obsolete else 0  # as polib sets it
        skipped = _read_comments(entry, match.group("old_comments" if obsolete else "comments"))
        if skipped is None:
            return None
        entry.linenum += skipped
        po.append(entry)
    return po


_PREVIOUS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid", "msgid_plural": "previous_msgid_plural"}


def _read_comments(entry: polib.POEntry, comments: str) -> int | None:
    """Read an entry's comment lines into it line by line as polib's parser does (the same tests, each line's
    first word as polib splits it); None at a line polib would refuse, else how many lines polib skips before the entry's first (its
    line number starts after them)."""
    previous = None  # the previous (#|) field a "#| ..." continuation line extends
    skipped, read = 0, False
    for raw in comments.split("\n")[:-1]:
        line = raw.strip()
        mark = line[:2]
        alone = len(line) <= 2 or line[2].isspace()  # the mark is the line's first word (as polib splits it)
        if mark in ("#:", "#,", "#.") and alone and len(line) == 2:
            skipped += not read  # polib skips an empty reference, flag or extracted comment line
            continue
        read = True
        if mark == "#|" and alone:
            tokens = line.split(None, 2)
            if len(tokens) < 2:
                return None
            rest = line[2:].lstrip()
            if tokens[1].startswith('"'):
                if previous is None:
                    return None
                setattr(entry, previous, getattr(entry, previous) + polib.unescape(rest[1:-1]))
                continue
            if len(tokens) == 2 or tokens[1] not in _PREVIOUS:
                return None
            previous = _PREVIOUS[tokens[1]]
            setattr(entry, previous, polib.unescape(rest[len(tokens[1]):].lstrip()[1:-1]))
            continue
        previous = None
        if mark == "#." and alone:
            entry.comment += ("\n" if entry.comment else "") + line[3:]
        elif mark == "#:" and alone:
            for occurrence in line[3:].split():
                file, colon, number = occurrence.rpartition(":")
                entry.occurrences.append((file, number) if colon and number.isdigit() else (occurrence, ""))
        elif mark == "#," and alone:
            entry.flags += [flag.strip() for flag in line[3:].split(",")]
        elif line == "#" or line[1].isspace() or mark == "##":
            comment = (line if line != "#" else "# ").lstrip("#")
            entry.tcomment += ("\n" if entry.tcomment else "") + (comment[1:] if comment.startswith(" ") else comment)
        else:
            return None
    return skipped


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


def layout_of(po: polib.POFile) -> Layout:
    """The layout a catalog is written in (:mod:`toolkit.po.layout`): the one its file had, or polib's."""
    return getattr(po, "layout", None) or Layout(TOOLKIT)


# The key of the header (metadata) entry, for ``write_catalog(..., changed=...)``.
HEADER: Key = (None, "")


def write_catalog(po: polib.POFile, path: str | Path, *, changed: Iterable[Key] | None = None) -> bool:
    """Save atomically; return False (and touch nothing) when the bytes would not change.

    ``changed``, when given, holds the keys (:func:`entry_key`, :data:`HEADER`
    for the header) of every entry modified since ``po`` was read from
    ``path``: then only those are rendered and every other entry keeps its
    bytes in the file (see :func:`spliced_catalog_text`). Without it, or when
    the file is not in the plain layout, the whole catalog is rendered.
    """
    path = Path(path)
    old = path.read_bytes() if path.is_file() else None
    text = written_text(po, old, changed)
    if old is not None and old == text.encode("utf-8"):
        return False
    if _declare_utf8(po):
        text = written_text(po, old, None if changed is None else {*changed, HEADER})
    write_text_atomic(path, text)
    return True


def _declare_utf8(po: polib.POFile) -> bool:
    """Give a catalog being written that names no charset (or has no header at all, which msgfmt refuses)
    the UTF-8 it is written in; whether it needed it."""
    if "charset=" in po.metadata.get("Content-Type", "").lower():
        return False
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    return True


def written_text(po: polib.POFile, old: bytes | None, changed: Iterable[Key] | None) -> str:
    """What :func:`write_catalog` writes over the file bytes ``old`` (None: no file): in the catalog's layout,
    spliced into the file's text when ``changed`` says which entries changed."""
    layout = layout_of(po)
    pieces = _splice(po, old, set(changed), layout) if changed is not None and old is not None else None
    if pieces is None:
        return catalog_text(po)
    rendered = [number for number, (_, fresh) in enumerate(pieces) if fresh]
    if rendered and layout.wrap != TOOLKIT:
        relaid = entries_in_layout([pieces[n][0] for n in rendered], layout)
        if relaid is None:  # msgcat could not take them alone: the whole text
            return in_layout("".join(text for text, _ in pieces), layout)
        for number, text in zip(rendered, relaid):
            pieces[number] = (text, True)
    return with_marks("".join(text for text, _ in pieces), layout)


def spliced_catalog_text(po: polib.POFile, old: bytes, changed: Iterable[Key]) -> str | None:
    """The catalog's new text made from its file's text ``old``, re-rendering (by polib) only the
    ``changed`` entries and those the file does not hold; None for a file not in the plain layout, without
    a header first, or with a duplicate key (in it or in ``po``)."""
    layout = layout_of(po)
    pieces = _splice(po, old, set(changed), layout)
    return None if pieces is None else with_marks("".join(text for text, _ in pieces), layout)


def _splice(po: polib.POFile, old: bytes, changed: set[Key], layout: Layout) -> list[tuple[str, bool]] | None:
    """The pieces of :func:`spliced_catalog_text`, each marked True where polib rendered it.

    ``old`` must be the file ``po`` was read from (its line ends and mark are the layout's, and the pieces
    have neither). Each entry of ``po``, in the order polib writes them (the
    header, the live entries, the obsolete ones), keeps the bytes of the file's entry with its key and
    obsolete mark unless its key is in ``changed``; any other becomes exactly what polib writes for it (the
    header: its comment lines and the metadata entry). Between two entries that follow each other in the
    file stay the blank lines they had there; elsewhere, one. On a file polib wrote, that is byte for byte
    polib's own rendering of ``po``; the file's entries ``po`` no longer holds are left out.
    """
    try:
        text, newline, bom = without_marks(old.decode("utf-8"))
    except UnicodeDecodeError:
        return None
    if (newline, bom) != (layout.newline, layout.bom):
        return None  # not the file the catalog was read from
    entries = [None, *(e for e in po if not e.obsolete), *(e for e in po if e.obsolete)]
    if len({entry_key(e) for e in entries[1:]} | {HEADER}) != len(entries):
        return None  # a duplicate key, or a second header: the keys would not say which entry changed
    matches: list[re.Match] = []
    at_key: dict[Key, int] = {}
    obsolete_at: list[bool] = []
    for found in plain_entries(text):
        if found is None:
            return None
        match, key, obsolete = found
        if key in at_key:
            return None
        at_key[key] = len(matches)
        matches.append(match)
        obsolete_at.append(obsolete)
    if at_key.get(HEADER) != 0 or obsolete_at[0]:
        return None
    tails = [m.end("old_str" if gone else "str") for m, gone in zip(matches, obsolete_at)]
    width = po.wrapwidth
    pieces: list[tuple[str, bool]] = [(text[:matches[0].start()], False)]
    before: int | None = None  # the file's entry the previous piece stands for
    for number, entry in enumerate(entries):
        key = HEADER if entry is None else entry_key(entry)
        at = at_key.get(key)
        if at is not None and obsolete_at[at] != (entry is not None and bool(entry.obsolete)):
            at = None  # live in the file, obsolete now, or the reverse: not the same entry's bytes
        if number:
            gap = text[tails[before] + 1:matches[at].start()] if before is not None and at == before + 1 else "\n"
            pieces.append((gap if pieces[-1][0].endswith("\n") else "\n" + gap, False))  # the file's last line
        if at is not None and key not in changed:
            pieces.append((text[matches[at].start():tails[at] + 1], False))
        else:
            pieces.append((_header_text(po) if entry is None else entry.__unicode__(width), True))
        before = at
    if before == len(matches) - 1:
        pieces.append((text[tails[before] + 1:], False))
    return pieces


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


def catalog_references(path: str | Path) -> list[str]:
    """The files a catalog's entries name in their ``#:`` references, each once, in the order first named."""
    return list(dict.fromkeys(reference for entry in read_catalog(path) for reference, _ in entry.occurrences))


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


