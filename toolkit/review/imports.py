"""`toolkit import`: the reviewer's edits from a review workbook back into the PO files, safely.

Rows are found by key, never by position, so a sorted, filtered or trimmed
sheet imports the same. A row is applied only if its entry is as it was
exported (same hash) or ``force`` is given; everything is read and decided
before the first catalog is written, so a bad workbook changes nothing.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from toolkit.conflicts import CONFLICT, OUTCOMES, UNKNOWN, EntryEdit, KeyedCatalogs, unusable_translation
from toolkit.conflicts import revision_stamp  # noqa: F401 (the stamp an import writes, named here too)
from toolkit.errors import InputError
from toolkit.po import CatalogEntry, entry_status
from toolkit.review.sheet import (
    APPROVE, CHANGE, COLUMNS, DECISION, DECISIONS, HASH, KEY, LOCATION, QUERY, REVIEW_SHEET, REVIEWER_COMMENT,
    REVIEWER_TRANSLATION, SOURCE, STATUS, TRANSLATION, Column, decode_cell, translation_text,
)

if TYPE_CHECKING:
    from toolkit.config import Config

NEEDED = (LOCATION, SOURCE, TRANSLATION, REVIEWER_TRANSLATION, REVIEWER_COMMENT, DECISION, KEY, HASH)
EDITABLE = (REVIEWER_TRANSLATION, REVIEWER_COMMENT, DECISION)
_EDITABLE_HEADERS = frozenset(column.header for column in EDITABLE)
# What openpyxl and zipfile raise on a file that is not a readable XLSX workbook.
_UNREADABLE = (zipfile.BadZipFile, zlib.error, InvalidFileException, KeyError, ValueError, TypeError,
               SyntaxError, EOFError, OSError)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class SheetRow:
    """One Review row as the reviewer left it (text decoded; empty cells as "")."""

    number: int
    values: dict[str, str]
    formulas: tuple[str, ...] = ()  # headers of editable cells holding a formula instead of text

    def __getitem__(self, column: Column) -> str:
        return self.values.get(column.header, "")

    @property
    def edited(self) -> bool:
        return any(self[column].strip() for column in EDITABLE) or bool(self.formulas)


@dataclass
class RowResult:
    row: int
    outcome: str
    location: str
    source: str
    reason: str = ""
    changes: list[str] = field(default_factory=list)
    exported: str | None = None  # the translation in the sheet (conflicts only)
    current: str | None = None  # the translation in the PO file now (conflicts only)
    reviewer: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value not in (None, "", [])}


@dataclass
class ImportReport:
    workbook: str
    results: list[RowResult] = field(default_factory=list)
    unedited: int = 0
    written: list[str] = field(default_factory=list)
    dry_run: bool = False

    def having(self, outcome: str) -> list[RowResult]:
        return [result for result in self.results if result.outcome == outcome]

    @property
    def counts(self) -> dict[str, int]:
        counts = {outcome: len(self.having(outcome)) for outcome in OUTCOMES}
        counts["unedited"] = self.unedited
        return counts

    @property
    def exit_code(self) -> int:
        return 1 if self.having(CONFLICT) else 0

    def as_dict(self) -> dict[str, Any]:
        return {"workbook": self.workbook, "dry_run": self.dry_run, "counts": self.counts,
                "written": self.written, "rows": [result.as_dict() for result in self.results]}


def import_review(workbook: Path, *, config: "Config", dry_run: bool = False, force: bool = False,
                  mark_fuzzy: bool = False) -> ImportReport:
    """Apply the reviewer's translations, comments and decisions to the catalogs named in the workbook.

    A catalog where a row was applied gets a new PO-Revision-Date; one where nothing was is not written.
    Only the entries changed and the header are rewritten: every other entry keeps its bytes.
    """
    report = ImportReport(str(workbook), dry_run=dry_run)
    catalogs = KeyedCatalogs(config, "the workbook", workbook)
    for row in read_review_sheet(workbook):
        if not row.edited:
            report.unedited += 1
            continue
        report.results.append(_import_row(row, catalogs, force=force, mark_fuzzy=mark_fuzzy))
    report.written = catalogs.save(dry_run=dry_run)
    return report


def read_review_sheet(path: Path) -> Iterator[SheetRow]:
    """The Review sheet's rows after the header, streamed; an unreadable workbook is one InputError naming it."""
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a file", path=path)
    try:
        wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except _UNREADABLE as exc:
        raise InputError(f"not an XLSX workbook ({_reason(exc)})", path=path) from exc
    try:
        if REVIEW_SHEET not in wb.sheetnames:
            raise InputError(f"no sheet named '{REVIEW_SHEET}' (found: {', '.join(wb.sheetnames)}); "
                             f"import a workbook written by `toolkit export`", path=path)
        sheet = wb[REVIEW_SHEET]
        sheet.reset_dimensions()  # other programs may write a wrong <dimension>; read every row there is
        rows = sheet.iter_rows()
        columns = _header_columns(next(rows, ()), path)
        for number, cells in enumerate(rows, start=2):
            values: dict[str, str] = {}
            formulas: list[str] = []
            for header, index in columns.items():
                cell = cells[index] if index < len(cells) else None
                if cell is None or cell.value is None:
                    continue
                if cell.data_type == "f" and header in _EDITABLE_HEADERS:
                    formulas.append(header)
                values[header] = _cell_text(cell.value)
            if values:
                yield SheetRow(number, values, tuple(formulas))
    except _UNREADABLE as exc:
        raise InputError(f"not a readable XLSX workbook ({_reason(exc)})", path=path) from exc
    finally:
        wb.close()


def _reason(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _header_columns(header: tuple, path: Path) -> dict[str, int]:
    """Column index of each known header, found by name so that moved columns still import."""
    folded = [str(cell.value).strip().casefold() if cell is not None and cell.value is not None else ""
              for cell in header]
    found = {column.header: folded.index(column.header.casefold())
             for column in COLUMNS if column.header.casefold() in folded}
    missing = [f"'{column.header}'" for column in NEEDED if column.header not in found]
    if missing:
        raise InputError(f"sheet '{REVIEW_SHEET}' lacks the column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(missing)} (renamed or deleted?); export a fresh workbook", path=path, line=1)
    return found


def _cell_text(value: object) -> str:
    if isinstance(value, str):
        return decode_cell(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _import_row(row: SheetRow, catalogs: KeyedCatalogs, *, force: bool, mark_fuzzy: bool) -> RowResult:
    result = RowResult(row.number, UNKNOWN, row[LOCATION], row[SOURCE], reviewer=row[REVIEWER_TRANSLATION] or None)
    decision = catalogs.decide(row[KEY], row[HASH], f"row {row.number}",
                               lambda entry: _plan(row, entry, mark_fuzzy=mark_fuzzy), force=force,
                               no_key="no key: a row added by hand, or the Key column was edited")
    result.outcome, result.reason, result.changes = decision.outcome, decision.reason, decision.changes
    if decision.entry is not None:
        result.location = f"{decision.label}:{decision.entry.linenum}"
    if decision.outcome == CONFLICT:
        result.exported, result.current = row[TRANSLATION], translation_text(decision.entry)
        result.reason += _what_changed(row, decision.entry)
    return result


def _what_changed(row: SheetRow, entry: CatalogEntry) -> str:
    """What of the entry differs from the row as exported, as far as the sheet shows it: the hash says only
    that something did, and a conflict whose two translations read the same must say why it is one."""
    parts = ["its translation"] if row[TRANSLATION] != translation_text(entry) else []
    if row[STATUS] and row[STATUS] != entry_status(entry):
        parts.append(f"status {row[STATUS]} → {entry_status(entry)}")
    return f" ({', '.join(parts) if parts else 'its translator comment or flags'})"


def _plan(row: SheetRow, entry: CatalogEntry, *, mark_fuzzy: bool) -> EntryEdit | str:
    """What the row asks for, as an EntryEdit, or the reason it cannot be applied."""
    decision = row[DECISION].strip().lower()
    suggested, comment = row[REVIEWER_TRANSLATION], _comment_text(row[REVIEWER_COMMENT])
    if row.formulas:
        return f"{' and '.join(row.formulas)} holds a formula, not text: type the text instead"
    if decision not in ("", *DECISIONS):
        return f"decision '{row[DECISION].strip()}' is not one of {', '.join(DECISIONS)}"
    fuzzy = "fuzzy" in entry.flags
    edit = EntryEdit(entry.msgstr, fuzzy, entry.tcomment, [])
    if decision == QUERY:
        if not comment and not suggested.strip():
            return "a query without a question: write it in the reviewer comment"
        note = "\n".join(filter(None, (f"Query: {comment}" if comment else "Query",
                                       f"Suggested: {suggested}" if suggested.strip() else "")))
    else:
        note = f"Reviewer: {comment}" if comment else ""
        if suggested.strip() and suggested != entry.msgstr:
            problem = unusable_translation(entry, suggested, "the reviewer translation")
            if problem:
                return problem
            edit.msgstr, edit.fuzzy = suggested, mark_fuzzy
            edit.changes.append("translation replaced")
        elif decision == APPROVE:
            if not entry.msgstr:
                return "approve, but the entry has no translation"
            edit.fuzzy = fuzzy and mark_fuzzy  # with --mark-fuzzy nothing from a review becomes final
        elif decision == CHANGE and not suggested.strip() and not comment:
            return "decision 'change' without a reviewer translation"
        if edit.fuzzy != fuzzy:
            edit.changes.append("marked fuzzy" if edit.fuzzy else "fuzzy cleared")
    if note and not _has_lines(entry.tcomment, note):
        edit.tcomment = f"{entry.tcomment}\n{note}" if entry.tcomment else note
        edit.changes.append("query recorded" if decision == QUERY else "comment added")
    return edit


def _comment_text(text: str) -> str:
    """A comment fit for a PO translator comment: line breaks normalised, control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "\n".join(line.strip() for line in _CONTROL.sub("", text).strip().splitlines())


def _has_lines(comment: str, note: str) -> bool:
    return f"\n{note}\n" in f"\n{comment}\n"
