"""The key-and-hash rule every import of outside edits follows (review workbook, XLIFF).

An exported item carries a key, ``<catalog>#<identity digest>`` (msgctxt and
msgid), and a hash of what a translator may change in the entry as it was
exported. On import the item's entry is found by key, never by position; an
edit is applied only if the entry's hash is still the exported one (or the
import is forced): otherwise it is a conflict, and the catalog keeps its text.
Every item is decided before the first catalog is written.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from toolkit.errors import InputError
from toolkit.files import FileLock, locked
from toolkit.po import HEADER, Catalog, CatalogEntry, Key, entry_key, index_entries, read_catalog, write_catalog

if TYPE_CHECKING:
    from toolkit.checks import Finding
    from toolkit.config import Config
    from toolkit.po import Entry

APPLIED, UNCHANGED, SKIPPED, CONFLICT, UNKNOWN = "applied", "unchanged", "skipped", "conflict", "unknown"
OUTCOMES = (APPLIED, UNCHANGED, SKIPPED, CONFLICT, UNKNOWN)
NO_ENTRY = "no such entry in the catalog now: removed, or its source text changed since the export"


def _digest(parts: list[str], size: int) -> str:
    """A hex digest of the parts; NUL separates them, as no PO text can hold a NUL."""
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=size).hexdigest()


def entry_digest(entry: "CatalogEntry | Entry | Finding") -> str:
    """A digest of the entry's identity (msgctxt and msgid): the same in every version of the catalog."""
    context = "-" if entry.msgctxt is None else f"+{entry.msgctxt}"  # no msgctxt differs from an empty one
    return _digest([context, entry.msgid], 16)


def row_key(catalog: str, entry: "CatalogEntry | Entry") -> str:
    """``<catalog>#<identity digest>``: short, and names the catalog to open on import."""
    return f"{catalog}#{entry_digest(entry)}"


def split_key(key: str) -> tuple[str, str] | None:
    """(catalog, digest) of a key, or None when the text is not a key."""
    catalog, sep, digest = key.rpartition("#")
    if not sep or not catalog or not re.fullmatch(r"[0-9a-f]{32}", digest):
        return None
    return catalog, digest


def plural_forms(entry: "CatalogEntry | Entry") -> "list[tuple[int, str]] | tuple[tuple[int, str], ...]":
    """The plural forms as sorted (index, text) pairs, of a polib entry (import) or a scanned Entry (export)."""
    if isinstance(entry, CatalogEntry):
        return sorted(entry.msgstr_plural.items())
    return entry.plural  # sorted when read


def entry_hash(entry: "CatalogEntry | Entry") -> str:
    """A fingerprint of what a translator may change: translation, plural forms, flags, translator comment.

    The same for a polib entry and for the scanned Entry of the same text: the export hashes the one, the
    import the other."""
    plural = [part for number, text in plural_forms(entry) for part in (str(number), text)]
    return _digest([entry.msgstr, entry.tcomment, ",".join(entry.flags), *plural], 8)  # no flag holds a comma


def revision_stamp(now: datetime | None = None) -> str:
    """A PO-Revision-Date as gettext writes it (UTC, to the minute, as `toolkit segment` stamps new catalogs)."""
    return (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M+0000")


@dataclass
class EntryEdit:
    """The entry's new translation, fuzziness and translator comment, and what changed, in words."""

    msgstr: str
    fuzzy: bool
    tcomment: str
    changes: list[str]

    def apply(self, entry: CatalogEntry) -> None:
        entry.msgstr, entry.tcomment = self.msgstr, self.tcomment
        if self.fuzzy and "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        elif not self.fuzzy and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None


def unusable_translation(entry: CatalogEntry, text: str, what: str) -> str:
    """Why ``text`` (``what`` names it) cannot be the entry's msgstr (msgfmt would reject the catalog), or ""."""
    if entry.msgid_plural:
        return "a plural entry: edit its forms in the PO file"
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        if test(entry.msgid, "\n") != test(text, "\n"):
            return f"{what} must {where} with a line break exactly when the source does"
    return ""


@dataclass
class Decision:
    outcome: str
    reason: str = ""
    label: str = ""
    entry: CatalogEntry | None = None
    changes: list[str] = field(default_factory=list)


class KeyedCatalogs:
    """The catalogs an import's keys name, each read once, on first need, indexed by identity digest.

    ``source`` names the imported file in messages ("the workbook", "the XLIFF file"), ``path`` is that file.
    """

    def __init__(self, config: "Config", source: str, path: Path):
        self.config = config
        self.source = source
        self.path = path
        self.loaded: dict[str, tuple[Path, Catalog, dict[str, CatalogEntry]]] = {}
        self.changed: dict[str, set[Key]] = {}  # label (in order of first change): keys of entries changed
        self.first: dict[str, str] = {}  # key -> where in the imported file it was first seen
        self.locks: list[FileLock] = []  # held from reading each catalog to saving it (or dropping this object)

    def entry(self, label: str, digest: str, where: str, line: int | None) -> CatalogEntry | None:
        """The entry of that digest in the catalog ``label``; a catalog not there is an error naming the item
        (``where``, at ``line`` of the imported file) that names it."""
        if label not in self.loaded:
            path = Path(label) if Path(label).is_absolute() else self.config.root / label
            if not path.is_file():
                raise InputError(f"{where} names catalog '{label}', which is not there ({path}); run the import "
                                 f"in the project {self.source} was exported from", path=self.path, line=line)
            self.locks.append(locked(path).acquire())
            po = read_catalog(path)
            self.loaded[label] = (path, po, {entry_digest(e): e for e in index_entries(po).values()})
        return self.loaded[label][2].get(digest)

    def decide(self, key: str, exported_hash: str, where: str, plan: Callable[[CatalogEntry], "EntryEdit | str"], *,
               force: bool, no_key: str, line: int | None = None) -> Decision:
        """Find the item's entry by key and apply its edit where the rule allows; ``where`` names the item
        ("row 12") for a later item with the same key, ``line`` is where it is in the imported file if it has
        lines; ``no_key`` is the reason given when the key is no key."""
        found = split_key(key)
        if found is None:
            return Decision(UNKNOWN, no_key)
        label, digest = found
        entry = self.entry(label, digest, where, line)
        if entry is None:
            return Decision(UNKNOWN, NO_ENTRY)
        if key in self.first:
            return Decision(SKIPPED, f"the same entry as {self.first[key]}", label, entry)
        self.first[key] = where
        edit = plan(entry)
        if isinstance(edit, str):
            return Decision(SKIPPED, edit, label, entry)
        if not edit.changes:
            return Decision(UNCHANGED, "nothing to change", label, entry)
        if exported_hash != entry_hash(entry):
            if not force:
                return Decision(CONFLICT, "the entry changed in the catalog after the export", label, entry)
            edit.changes.append("forced over a later change")
        edit.apply(entry)
        self.changed.setdefault(label, set()).add(entry_key(entry))
        return Decision(APPLIED, "", label, entry, edit.changes)

    def save(self, *, dry_run: bool) -> list[str]:
        """Write the catalogs where an edit was applied (a new PO-Revision-Date, only the entries changed and the
        header rewritten); return their labels. A catalog with no edit applied is not written."""
        written = []
        stamp = revision_stamp()
        for label, keys in self.changed.items():
            path, po, _ = self.loaded[label]
            po.metadata["PO-Revision-Date"] = stamp
            if dry_run or write_catalog(po, path, changed=keys | {HEADER}):
                written.append(label)
        for lock in self.locks:
            lock.release()
        return written
