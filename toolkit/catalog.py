"""Reading, writing, indexing and merging gettext PO catalogs.

Everything else in the toolkit goes through this module rather than polib
directly, so that writes are atomic, parse errors become one located line,
and lookups use dicts instead of polib's linear ``find``.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import polib

from toolkit import __version__
from toolkit.errors import InputError
from toolkit.files import decode, read_bytes, write_text_atomic
from toolkit.text import count_english_words, count_han

Key = tuple[str | None, str]

TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"
FUZZY_CUTOFF = 0.6


def read_catalog(path: str | Path) -> polib.POFile:
    """Parse a PO file, turning every failure into an InputError naming the file and line."""
    path = Path(path)
    text = decode(read_bytes(path, what="a PO catalog"), path, hint=" (PO catalogs here are UTF-8)")
    check_po_syntax(text, path)
    del text  # polib reads the file itself; do not hold a second copy while it parses
    try:
        # From the path, not the text: polib splits a text into a list of all its lines first,
        # which took a quarter longer on a 50 MB catalog than reading the file line by line.
        po = polib.pofile(str(path), encoding="utf-8", wrapwidth=78)
    except (OSError, ValueError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(line \d+\)|\s*in po file\s*\S*", "", str(exc)).strip() or "syntax error"
        raise InputError(f"PO syntax error: {message.lower()}", path=path,
                         line=int(match.group(1)) if match else None) from exc
    if len({entry_key(entry) for entry in po}) == len(po):
        return po
    seen: dict[Key, int] = {}
    for entry in po:
        key = entry_key(entry)
        if key in seen:
            raise InputError(f"duplicate msgid (first at line {seen[key]}): {entry.msgid[:40]}",
                             path=path, line=entry.linenum)
        seen[key] = entry.linenum
    return po


_STRING = r'"(?:[^"\\\n]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*({_STRING})\s*")
_STRING_LINE = re.compile(rf"{_STRING}\s*")


def _well_formed_catalog() -> re.Pattern:
    """One pattern for a whole catalog that check_po_syntax accepts, in its plainest layout.

    Lines are comments (not ``#~``), blank, or a keyword or continuation
    string (live or ``#~`` obsolete) between ASCII spaces and tabs; after a
    msgid no msgid or msgctxt comes before a msgstr. Possessive loops keep
    the match linear. Anything it does not match goes through the line loop.
    """
    string = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'

    def line(body: str) -> str:
        return rf"[ \t]*(?:#~[ \t]*)?{body}[ \t\r]*(?:\n|\Z)"

    continuation = line(rf"(?:msgid_plural[ \t]*)?{string}")
    neutral = rf"(?:[ \t\r]*\n|[ \t]*#(?!~)[^\n]*(?:\n|\Z)|{continuation})"
    msgstr = line(rf"msgstr(?:\[[0-9]+\])?[ \t]*{string}")
    msgctxt = line(rf"msgctxt[ \t]*{string}")
    msgid = line(rf"msgid[ \t]*{string}")
    return re.compile(rf"(?:{neutral}|{msgstr}|{msgctxt}|{msgid}{neutral}*+{msgstr})*+[ \t\r]*")


_WELL_FORMED = _well_formed_catalog()


def check_po_syntax(text: str, path: Path) -> None:
    """Reject what polib would silently misread (an unterminated string, a msgid without msgstr).

    polib accepts such files and drops or truncates entries; gettext rejects
    them. Checking first means a broken file is reported, never half-loaded.
    One regular expression passes the usual file; only a file it does not
    pass is read line by line, to accept it or to locate its first error.
    """
    if not _WELL_FORMED.fullmatch(text):
        _check_lines(text, path)


def _check_lines(text: str, path: Path) -> None:
    """check_po_syntax line by line: the reference, and the locator of the first error."""
    pending_msgid: int | None = None
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
        elif line.startswith("#") or not line:
            continue
        keyword = _KEYWORD_LINE.fullmatch(line)
        if keyword:
            word = keyword.group(1)
            if word == "msgid" or word == "msgctxt":
                if pending_msgid is not None:
                    raise InputError("PO syntax error: msgid without msgstr", path=path, line=pending_msgid)
                if word == "msgid":
                    pending_msgid = number
            elif word.startswith("msgstr"):
                pending_msgid = None
        elif not _STRING_LINE.fullmatch(line):
            problem = "unterminated string" if line.count('"') % 2 else "not a PO keyword or string"
            raise InputError(f"PO syntax error: {problem}", path=path, line=number)
    if pending_msgid is not None:
        raise InputError("PO syntax error: msgid without msgstr", path=path, line=pending_msgid)


def catalog_text(po: polib.POFile) -> str:
    return po.__unicode__()


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
    if text is None:
        text = catalog_text(po)
    if old is not None and old == text.encode("utf-8"):
        return False
    write_text_atomic(path, text)
    return True


def spliced_catalog_text(po: polib.POFile, old: bytes, changed: Iterable[Key]) -> str | None:
    """The catalog's new text made from its file's text, re-rendering only the ``changed`` entries.

    ``old`` must be the file ``po`` was read from. Each entry of it in the
    plain layout (:func:`toolkit.scan.plain_entries`) is paired, in order, with the
    entry polib writes at that place: the header, the live entries, the
    obsolete ones. An entry not in ``changed`` keeps its bytes; a changed one
    becomes exactly what polib writes for it (the header: its comment lines
    and the metadata entry), followed by the blank lines it had. On a file
    polib wrote, that is byte for byte polib's own rendering of ``po``.
    None when the text does not line up: another layout, another set or
    order of entries, a key or obsolete mark that differs, a duplicate.
    """
    from toolkit.scan import plain_entries  # scan imports this module

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
            found.extend(sorted(p for p in path.rglob("*.po") if p.is_file()))
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


# --- merging ---------------------------------------------------------------------------------


@dataclass
class MergeReport:
    """What a merge of a fresh segmentation into an existing catalog did."""

    kept: int = 0
    added: list[str] = field(default_factory=list)
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (old msgid, new msgid)
    obsoleted: list[str] = field(default_factory=list)
    revived: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.fuzzy or self.obsoleted or self.revived)

    def lines(self) -> list[str]:
        out = [f"+ new: {m}" for m in self.added]
        out += [f"~ fuzzy: {new}\n    was: {old}" for old, new in self.fuzzy]
        out += [f"- obsolete: {m}" for m in self.obsoleted]
        out += [f"^ revived: {m}" for m in self.revived]
        return out


class _SimilarityIndex:
    """Finds the most similar old source segment quickly: character-bigram candidates, then difflib."""

    def __init__(self, entries: list[polib.POEntry]):
        self.entries = entries
        self.postings: dict[str, list[int]] = defaultdict(list)
        for number, entry in enumerate(entries):
            for gram in set(_bigrams(entry.msgid)):
                self.postings[gram].append(number)

    def best(self, text: str) -> polib.POEntry | None:
        votes: Counter[int] = Counter()
        for gram in set(_bigrams(text)):
            votes.update(self.postings.get(gram, ()))
        best_entry, best_ratio = None, FUZZY_CUTOFF
        for number, _ in votes.most_common(10):
            candidate = self.entries[number].msgid
            matcher = difflib.SequenceMatcher(None, text, candidate, autojunk=False)
            if matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best_entry, best_ratio = self.entries[number], ratio
        return best_entry


def _bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1)] or [text]


def merge_catalog(old: polib.POFile, fresh: polib.POFile) -> tuple[polib.POFile, MergeReport]:
    """Merge a fresh segmentation into an existing catalog without losing any work.

    As msgmerge does: the old header stays; unchanged segments keep translation,
    flags and comments; an edited segment gets the most similar old translation
    marked fuzzy with the old source as ``#| msgid``; old translated segments no
    longer in the source become obsolete ``#~`` entries, and an obsolete entry
    whose source comes back is revived.
    """
    report = MergeReport()
    merged = polib.POFile(wrapwidth=old.wrapwidth, encoding="utf-8")
    merged.header = old.header
    merged.metadata = dict(old.metadata)
    old_live = {entry_key(e): e for e in old if not e.obsolete and e.msgid}
    old_obsolete = {entry_key(e): e for e in old if e.obsolete}
    fresh_keys = {entry_key(e) for e in fresh}
    departed = [e for k, e in old_live.items() if k not in fresh_keys and e.msgstr]
    similar = _SimilarityIndex(departed + [e for k, e in old_obsolete.items() if k not in fresh_keys])
    reused: set[Key] = set()

    for new in fresh:
        key = entry_key(new)
        entry = polib.POEntry(msgctxt=new.msgctxt, msgid=new.msgid, occurrences=list(new.occurrences),
                              comment=new.comment)
        previous = old_live.get(key) or old_obsolete.get(key)
        if previous is not None:
            _carry_over(previous, entry)
            entry.previous_msgid = previous.previous_msgid
            if previous.obsolete:
                report.revived.append(new.msgid)
            else:
                report.kept += 1
        else:
            match = similar.best(new.msgid)
            if match is not None:
                _carry_over(match, entry)
                if "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
                entry.previous_msgid = match.msgid
                reused.add(entry_key(match))
                report.fuzzy.append((match.msgid, new.msgid))
            else:
                report.added.append(new.msgid)
        merged.append(entry)

    for entry in departed:
        if entry_key(entry) in reused:
            continue
        entry.obsolete = True
        entry.occurrences = []
        merged.append(entry)
        report.obsoleted.append(entry.msgid)
    for key, entry in old_obsolete.items():
        if key not in fresh_keys:
            merged.append(entry)
    return merged, report


def _carry_over(source: polib.POEntry, target: polib.POEntry) -> None:
    target.msgstr = source.msgstr
    target.flags = list(source.flags)
    target.tcomment = source.tcomment
