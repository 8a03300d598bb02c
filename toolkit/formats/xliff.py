"""XLIFF 1.2: catalogs out to CAT tools (memoQ, Trados, OmegaT) and their translations back, safely.

One ``<file>`` per catalog (``original`` is its path in the project), one
``<trans-unit>`` per singular entry: its id is the entry's identity digest, so
the import finds the entry by key (catalog + id) whatever the tool did to the
order; a ``x-hash`` context holds the hash of the entry as exported, and the
import applies the key-and-hash rule of :mod:`toolkit.conflicts`, the same as the
review workbook's. State: translated (approved), needs-review-translation
(fuzzy) or needs-translation (untranslated). Extracted comments are developer
notes, the translator comment a translator note. An export imported with no
edit changes no byte of any catalog.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from lxml import etree

from toolkit import __version__
from toolkit.conflicts import CONFLICT, EntryEdit, KeyedCatalogs, entry_digest, entry_hash, unusable_translation
from toolkit.errors import InputError
from toolkit.files import atomic_path
from toolkit.formats.base import (
    NOT_XML, InterchangeFormat, bcp47, element_text, iter_untrusted, local_name, same_language,
)
from toolkit.po import CatalogEntry, live_entries, read_catalog

if TYPE_CHECKING:
    from toolkit.config import Config
    from toolkit.review.imports import ImportReport

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TRANSLATED_STATE, FUZZY_STATE, UNTRANSLATED_STATE = "translated", "needs-review-translation", "needs-translation"
DONE_STATES = frozenset({"translated", "final", "signed-off"})
OPEN_STATES = frozenset({"new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
                         "needs-review-adaptation", "needs-review-l10n"})
INLINE_CODES = frozenset({"bpt", "ept", "it", "ph", "x", "bx", "ex"})  # markup, not text; g and mrk keep their text
HASH_CONTEXT = "x-hash"


class Xliff(InterchangeFormat):
    name = "xliff"
    extensions = (".xlf", ".xliff")
    carries = "catalog"

    def read(self, path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> list["XliffUnit"]:
        return read_xliff(path, source_lang=source_lang, target_lang=target_lang)

    def write(self, items: list[tuple[Path, str]], path: Path, *, source_lang: str = "zh",
              target_lang: str = "en") -> int:
        return write_xliff(items, path, source_lang=source_lang, target_lang=target_lang).units


# --- export ----------------------------------------------------------------------------------


@dataclass
class XliffExport:
    units: int = 0
    plural_skipped: int = 0


def write_xliff(catalogs: Iterable[tuple[Path, str]], path: Path, *, source_lang: str = "zh-CN",
                target_lang: str = "en") -> XliffExport:
    """Write the catalogs (path, label as the import will find it) as one XLIFF 1.2 document.

    Plural entries are left out (XLIFF 1.2 has no plural model the CAT tools share)."""
    result = XliffExport()
    with atomic_path(path) as temp:
        with etree.xmlfile(str(temp), encoding="UTF-8") as out:
            out.write_declaration()
            with out.element(f"{{{NS}}}xliff", version="1.2", nsmap={None: NS}):
                for catalog, label in catalogs:
                    po = read_catalog(catalog)
                    out.write("\n")
                    with out.element(f"{{{NS}}}file", original=label, datatype="po",
                                     **{"source-language": bcp47(source_lang), "target-language": bcp47(target_lang)}):
                        out.write("\n")
                        header = etree.Element(f"{{{NS}}}header", nsmap={None: NS})
                        etree.SubElement(header, f"{{{NS}}}tool", {"tool-id": "toolkit", "tool-name": "toolkit",
                                                                    "tool-version": __version__})
                        out.write(header, pretty_print=True)
                        with out.element(f"{{{NS}}}body"):
                            out.write("\n")
                            for entry in live_entries(po):
                                if entry.msgid_plural:
                                    result.plural_skipped += 1
                                    continue
                                out.write(_trans_unit(entry, label), pretty_print=True)
                                result.units += 1
                    out.write("\n")
    return result


def _trans_unit(entry: CatalogEntry, label: str) -> etree._Element:
    for text in (entry.msgid, entry.msgstr, entry.comment, entry.tcomment, entry.msgctxt or ""):
        bad = NOT_XML.search(text)
        if bad:
            raise InputError(f"the entry holds the character U+{ord(bad.group()):04X}, which XML cannot carry",
                             path=label, line=entry.linenum)
    fuzzy = "fuzzy" in entry.flags
    state = UNTRANSLATED_STATE if not entry.msgstr else FUZZY_STATE if fuzzy else TRANSLATED_STATE
    unit = etree.Element(f"{{{NS}}}trans-unit", id=entry_digest(entry),
                         approved="yes" if state == TRANSLATED_STATE else "no", nsmap={None: NS})
    etree.SubElement(unit, f"{{{NS}}}source", {XML_SPACE: "preserve"}).text = entry.msgid
    etree.SubElement(unit, f"{{{NS}}}target", {XML_SPACE: "preserve", "state": state}).text = entry.msgstr
    for line in entry.comment.splitlines():
        etree.SubElement(unit, f"{{{NS}}}note", {"from": "developer"}).text = line
    if entry.tcomment:
        etree.SubElement(unit, f"{{{NS}}}note", {"from": "translator"}).text = entry.tcomment
    if entry.occurrences:
        where = etree.SubElement(unit, f"{{{NS}}}context-group", purpose="location")
        file, line = entry.occurrences[0]
        etree.SubElement(where, f"{{{NS}}}context", {"context-type": "sourcefile"}).text = file
        if line:
            etree.SubElement(where, f"{{{NS}}}context", {"context-type": "linenumber"}).text = line
    kept = etree.SubElement(unit, f"{{{NS}}}context-group", name="toolkit", purpose="information")
    etree.SubElement(kept, f"{{{NS}}}context", {"context-type": HASH_CONTEXT}).text = entry_hash(entry)
    if entry.msgctxt is not None:
        etree.SubElement(kept, f"{{{NS}}}context", {"context-type": "x-po-msgctxt"}).text = entry.msgctxt
    return unit


# --- import ----------------------------------------------------------------------------------


@dataclass
class XliffUnit:
    """One trans-unit as the CAT tool left it."""

    number: int  # its place in the file, from 1
    line: int  # where it starts in the file
    original: str  # the <file>'s original: the catalog
    id: str
    source: str
    target: str | None  # None: no <target>
    state: str | None
    approved: str | None
    exported_hash: str
    translator_notes: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.original}#{self.id}"


def read_xliff(path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> list[XliffUnit]:
    """The trans-units of an XLIFF 1.2 file; a file in other languages, a <file> without original or a
    <trans-unit> without id (XLIFF 1.2 requires both; the import finds entries by them) is an InputError."""
    units: list[XliffUnit] = []
    original = ""
    problem: InputError | None = None  # the first unit with no key, raised once the file proved well-formed
    for event, element, line in iter_untrusted(path, "an XLIFF file", "xliff"):
        name = local_name(element)
        if event == "start":
            if name == "xliff":
                if not (element.get("version") or "").startswith("1."):
                    raise InputError(f"XLIFF {element.get('version')}: only XLIFF 1.2 is read", path=path)
            elif name == "file":
                original = element.get("original", "")
                if not original and problem is None:
                    problem = InputError("<file> without an original attribute: its trans-units name no catalog; "
                                         "give it the catalog's path as exported", path=path, line=line)
                for attribute, wanted in (("source-language", source_lang), ("target-language", target_lang)):
                    code = element.get(attribute)
                    if code and not same_language(code, wanted):
                        raise InputError(f"wrong languages: file '{original}' has {attribute} {code}, this "
                                         f"project's is {wanted}", path=path)
            continue
        if name == "trans-unit":
            if not element.get("id") and problem is None:
                problem = InputError("<trans-unit> without an id: XLIFF 1.2 requires one, and the import finds the "
                                     "entry by it; restore the exported id, or delete the unit", path=path, line=line)
            units.append(_unit(element, len(units) + 1, line, original))
            element.clear()
    if problem is not None:
        raise problem
    return units


def _unit(element, number: int, line: int, original: str) -> XliffUnit:
    source, target, state, hash_text, notes = "", None, None, "", []
    for child in element:
        name = local_name(child)
        if name == "source":
            source = element_text(child, skip=INLINE_CODES)
        elif name == "target":
            target, state = element_text(child, skip=INLINE_CODES), child.get("state")
        elif name == "note" and child.get("from") == "translator":
            notes.append(child.text or "")
        elif name == "context-group":
            for context in child:
                if context.get("context-type") == HASH_CONTEXT:
                    hash_text = context.text or ""
    return XliffUnit(number, line, original, element.get("id", ""), source, target, state, element.get("approved"),
                     hash_text, notes)


def import_xliff(path: Path, *, config: "Config", dry_run: bool = False, force: bool = False) -> "ImportReport":
    """Apply the translations, states and translator notes of an XLIFF file to the catalogs it names.

    Everything is read and decided before the first catalog is written; only the entries changed and
    the header are rewritten."""
    from toolkit.review.imports import ImportReport, RowResult

    units = read_xliff(path, source_lang=config.source_language, target_lang=config.target_language)
    report = ImportReport(str(path), dry_run=dry_run)
    catalogs = KeyedCatalogs(config, "the XLIFF file", path)
    for unit in units:
        decision = catalogs.decide(unit.key, unit.exported_hash, f"trans-unit {unit.number}",
                                   lambda entry: _plan(unit, entry), force=force,
                                   no_key="no key: a trans-unit added by hand, or its id or file was changed",
                                   line=unit.line)
        result = RowResult(unit.number, decision.outcome, unit.key, unit.source, decision.reason, decision.changes,
                           reviewer=unit.target)
        if decision.entry is not None:
            result.location = f"{decision.label}:{decision.entry.linenum}"
        if decision.outcome == CONFLICT:
            result.current = decision.entry.msgstr
        report.results.append(result)
    report.written = catalogs.save(dry_run=dry_run)
    return report


def _plan(unit: XliffUnit, entry: CatalogEntry) -> EntryEdit | str:
    fuzzy = "fuzzy" in entry.flags
    edit = EntryEdit(entry.msgstr, fuzzy, entry.tcomment, [])
    if unit.target and unit.target != entry.msgstr:
        problem = unusable_translation(entry, unit.target, "the target")
        if problem:
            return problem
        edit.msgstr = unit.target
        edit.changes.append("translation replaced")
    if edit.msgstr:
        if unit.state in OPEN_STATES:
            edit.fuzzy = True
        elif unit.state in DONE_STATES or unit.approved == "yes":
            edit.fuzzy = False
        if edit.fuzzy != fuzzy:
            edit.changes.append("marked fuzzy" if edit.fuzzy else "fuzzy cleared")
    note = "\n".join(unit.translator_notes)
    if note and note != entry.tcomment:
        edit.tcomment = note
        edit.changes.append("translator comment replaced")
    return edit
