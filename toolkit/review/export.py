"""`toolkit export`: the review workbook a reviewer can work in at once.

Written with openpyxl's write-only mode, so memory stays flat however long
the catalogs are. Every cell holding text from a catalog or glossary is
forced to a string cell: a segment such as "=1+1" or "#N/A" is shown as
typed, never evaluated.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence, TypeVar

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from toolkit.po import FUZZY, UNTRANSLATED, CatalogStats
from toolkit.errors import InputError, UsageError
from toolkit.files import atomic_path
from toolkit.glossary import Glossary
from toolkit.review.sheet import (
    COLUMNS, DECISION, Column, DECISIONS, ESCAPE_GROWTH, FINDINGS, GLOSSARY_SHEET, HASH, KEY, KIND, LOCATION,
    MAX_CELL_CHARS, PREVIOUS_SOURCE, REVIEW_SHEET, SOURCE, STATUS, SUMMARY_SHEET, TERMS, TRANSLATION, cell_length, encode_cell,
    entry_digest, entry_hash, row_key, translation_text,
)
from toolkit.po import Entry, read_entries
from toolkit.review.looks import (CJK_FONT, CJK_LINE, EMPTY_WIDTH, FILLS, HEADER_FILL, LATIN_LINE, NOTE_CHARS, NOTE_FONT,
                                  NOTE_LINE, TEXT_FORMAT, UNLOCKED, WRAP, mark_changes, named_style, note_text, print_setup, quoted_style, row_height)
from toolkit.review.streamed import StreamedCell, stream_cells
from toolkit.xlsx_text import FORMULA_LIKE, put_text, stored_text

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from toolkit.checks import Finding
    from toolkit.config import Config

T = TypeVar("T")
# Wraps the rows as they are written, e.g. in a progress bar: track(rows, count) -> the same rows.
Track = Callable[[Iterable[T], int], Iterable[T]]

LOCATION_MAX_WIDTH = 24  # a longer catalog path wraps
# Findings the Status column already says: counted in the Summary, not repeated beside it.
STATUS_CHECKS = frozenset({"untranslated", "fuzzy"})


@dataclass(frozen=True)
class ReviewCatalog:
    """A catalog to export: its file, the name written into the workbook (relative to the project), its live
    entries in file order (obsolete ones are not exported).

    The entries are the light records of toolkit.po.read, not polib's: its fast reader takes a plain catalog in a
    fraction of polib's time and memory, and hands any other file to polib with the same result.
    """

    path: Path
    label: str
    entries: list[Entry]

    @classmethod
    def read(cls, path: Path, label: str) -> "ReviewCatalog":
        entries, _ = read_entries(path, label, words=False)
        return cls(path, label, entries)

    @cached_property
    def stored_label(self) -> str:
        """The label as stored in cells (escaped once, not on every row)."""
        return encode_cell(self.label)

    @cached_property
    def resolved(self) -> Path:
        return self.path.resolve()


@dataclass
class FindingNotes:
    """QA findings as the Review sheet shows them: a line per finding under its entry, and counts per check.

    Built once from the check report, so that the report's Finding objects can be freed before the
    catalogs are read for the export (a 100,000-entry catalog may have twice as many findings). Equal
    lines are one string shared by every entry that has them: a draft's findings repeat the same few
    glossary messages thousands of times.
    """

    lines: dict[tuple[Path, str], tuple[str, ...]] = field(default_factory=dict)  # by (catalog, entry digest)
    counts: Counter = field(default_factory=Counter)  # per (check id, severity), catalog-wide findings too

    @classmethod
    def collect(cls, findings: Iterable["Finding"]) -> "FindingNotes":
        notes = cls()
        resolved: dict[str, Path] = {}
        shared: dict[str, str] = {}
        for finding in findings:
            notes.counts[(finding.check, finding.severity)] += 1
            if not finding.msgid or finding.check in STATUS_CHECKS:
                continue
            path = resolved.get(finding.path)
            if path is None:
                path = resolved[finding.path] = Path(finding.path).resolve()
            key = (path, entry_digest(finding))  # not the msgid: the findings' texts can then all be freed
            line = f"{finding.severity} {finding.check}: {finding.message}"
            line = shared.setdefault(line, line)
            lines = notes.lines.get(key, ())
            if line not in lines:  # a term found twice in one segment is one finding to read
                notes.lines[key] = lines + (line,)
        return notes

    def of(self, catalog: ReviewCatalog, entry: Entry) -> tuple[str, ...]:
        return self.lines.get((catalog.resolved, entry_digest(entry)), ())


@dataclass
class ExportResult:
    output: Path
    rows: int
    catalogs: list[CatalogStats]
    findings: int = 0
    terms: int = 0
    checks: Counter = field(default_factory=Counter)  # findings per (check id, severity)

    def as_dict(self) -> dict:
        return {"output": str(self.output), "rows": self.rows, "findings": self.findings, "terms": self.terms,
                "checks": [{"check": check, "severity": severity, "findings": count}
                           for (check, severity), count in sorted(self.checks.items())],
                "catalogs": [{"path": stats.path, "total": stats.total, "translated": stats.translated,
                              "fuzzy": stats.fuzzy, "untranslated": stats.untranslated,
                              "coverage": round(stats.coverage, 2)} for stats in self.catalogs]}


def export_review(catalog_paths: Sequence[Path], output: Path, *, config: "Config",
                  glossary_paths: Iterable[Path] = (), track: Track | None = None) -> ExportResult:
    """Read the catalogs, run the checks, match the glossary, and write the review workbook to ``output``."""
    from toolkit.checks import run_checks
    from toolkit.glossary import load_glossary

    check_output_path(output)
    glossary = load_glossary(glossary_paths, config)
    # The checks first: they read the catalogs on their own, and that memory is free again before ours is taken.
    notes = FindingNotes.collect(run_checks(list(catalog_paths), config=config, glossary=glossary).findings)
    catalogs = [ReviewCatalog.read(path, config.relative(path)) for path in catalog_paths]
    return write_review_workbook(catalogs, output, findings=notes, glossary=glossary, track=track)


def check_output_path(output: Path) -> None:
    if output.suffix.lower() != ".xlsx":
        raise UsageError("the review workbook must be an .xlsx file", path=output)


def write_review_workbook(catalogs: Sequence[ReviewCatalog], output: Path, *, findings: FindingNotes,
                          glossary: Glossary, track: Track | None = None) -> ExportResult:
    """Write the Review, Summary and Glossary sheets; nothing is left at ``output`` if anything fails."""
    check_output_path(output)
    rows = _live_rows(catalogs)
    _check_cell_sizes(rows)
    # a failed export leaves no broken workbook; an output that cannot be written is refused before any row
    with atomic_path(output) as temp:
        wb = Workbook(write_only=True)
        wb.properties.creator = "toolkit"
        empty = {column for column, filled in ((PREVIOUS_SOURCE, any(_previous_source(entry) for _, entry in rows)),
                                               (FINDINGS, bool(findings.lines))) if not filled}
        writer = _ReviewWriter(wb, findings, glossary, labels=[catalog.label for catalog in catalogs],
                               rows=len(rows), empty=empty)
        for catalog, entry in track(rows, len(rows)) if track else rows:
            writer.append(catalog, entry)
        writer.finish()
        stats = [CatalogStats(catalog.label, **writer.statuses[catalog.label]) for catalog in catalogs]
        _write_summary(wb, stats, findings.counts)
        _write_glossary(wb, glossary)
        wb.save(temp)
    return ExportResult(output, len(rows), stats, findings=sum(findings.counts.values()), terms=writer.terms,
                        checks=findings.counts)


def _live_rows(catalogs: Sequence[ReviewCatalog]) -> list[tuple[ReviewCatalog, Entry]]:
    return [(catalog, entry) for catalog in catalogs for entry in catalog.entries]


def _previous_source(entry: Entry) -> str | None:
    """What a fuzzy entry's translation was made from, if its source changed since."""
    return entry.previous_msgid if entry.status == FUZZY and entry.previous_msgid != entry.msgid else None


def _check_cell_sizes(rows: list[tuple[ReviewCatalog, Entry]]) -> None:
    """Refuse, before writing anything, an entry whose text no Excel cell can hold (openpyxl would cut it)."""
    limit = MAX_CELL_CHARS // ESCAPE_GROWTH  # shorter texts fit even if every character is escaped
    for catalog, entry in rows:
        for what, text in (("the source", entry.msgid), ("the translation", translation_text(entry))):
            if len(text) > limit:
                length = cell_length(text, encode_cell(text))
                if length > MAX_CELL_CHARS:
                    raise InputError(f"{what} has {length:,} characters; an Excel cell holds at most "
                                     f"{MAX_CELL_CHARS:,}: {entry.msgid[:40]}", path=catalog.label,
                                     line=entry.line)


class _ReviewWriter:
    """Streams the Review sheet row by row, then adds what needs the row count (filter, fills, validation)."""

    def __init__(self, wb: Workbook, findings: FindingNotes, glossary: Glossary, *, labels: list[str], rows: int,
                 empty: set[Column]):
        self.wb, self.findings, self.glossary = wb, findings, glossary
        self.ws: "WriteOnlyWorksheet" = wb.create_sheet(REVIEW_SHEET)
        self.terms = 0
        self.statuses: dict[str, Counter] = defaultdict(Counter)  # per catalog label: entries per status
        self.term_lines: dict[str, str] = {}  # each term's line, formatted once
        self.row = 1  # the next row's number
        styles = {name: named_style(wb, name, **looks) for name, looks in {
            "Review header": {"font": Font(bold=True), "fill": HEADER_FILL, "alignment": WRAP},
            "Review label": {"alignment": WRAP},
            "Review text": {"alignment": WRAP},
            "Review note": {"font": NOTE_FONT, "alignment": WRAP},
            "Review source": {"font": CJK_FONT, "alignment": WRAP},
            "Review editable": {"alignment": WRAP, "protection": UNLOCKED, "number_format": TEXT_FORMAT},
        }.items()}
        self.widths = self._setup_columns(labels, empty)
        # openpyxl writes a <dimension> only for sheets that can compute one, which streamed sheets cannot; but
        # the row count is known, and without it every read-only reader (the import too) parses the whole sheet
        # once just to size it.
        dimension = f"A1:{get_column_letter(len(COLUMNS))}{rows + 1}"
        self.ws.calculate_dimension = lambda: dimension
        looks = {LOCATION: styles["Review label"], KIND: styles["Review label"], STATUS: styles["Review label"],
                 SOURCE: styles["Review source"], PREVIOUS_SOURCE: styles["Review source"],
                 TRANSLATION: styles["Review text"],
                 FINDINGS: styles["Review note"], TERMS: styles["Review note"]}
        self.looks = [looks.get(column) for column in COLUMNS]
        # Per column: the cell for plain text, and the one for text Excel would read as a formula or an error
        # value, shown with a quote prefix (Excel keeps it text when the reviewer edits the cell), made on first
        # use so that the workbook holds no unused style. The reviewer's columns are never written.
        self.plain: list[StreamedCell | None] = [None] * len(COLUMNS)
        self.quoted: list[StreamedCell | None] = [None] * len(COLUMNS)
        self.index = {column: number for number, column in enumerate(COLUMNS)}
        # rich text cells (never quoted: rich text is never read as a formula) for the two sources of a fuzzy row
        self.marked_cells = [StreamedCell(self.ws, self.index[column] + 1, self.looks[self.index[column]])
                             for column in (PREVIOUS_SOURCE, SOURCE)]
        self.ws._values_to_row = stream_cells  # see StreamedCell
        header = [StreamedCell(self.ws, number, styles["Review header"]) for number in range(1, len(COLUMNS) + 1)]
        for cell, column in zip(header, COLUMNS):
            cell._value = encode_cell(column.header)
        self._append_sized(header, row_height([(column.header, width, LATIN_LINE)
                                               for column, width in zip(COLUMNS, self.widths)]))

    def _setup_columns(self, labels: list[str], empty: set[Column]) -> list[float]:
        """Size the columns (the widths are returned) and set up protection and printing."""
        # Wide enough for the longest "catalog:line", within reason.
        location_width = min(LOCATION_MAX_WIDTH, max([len(label) + 7 for label in labels], default=0))
        ws = self.ws
        widths = []
        for number, column in enumerate(COLUMNS, start=1):
            dimension = ws.column_dimensions[get_column_letter(number)]
            width = max(column.width, location_width) if column is LOCATION else column.width
            dimension.width = EMPTY_WIDTH if column in empty else width
            widths.append(dimension.width)
            dimension.hidden = column.hidden
            if column.editable:  # empty cells take the column's style: unlocked, text, wrapped
                dimension.protection, dimension.alignment, dimension.number_format = UNLOCKED, WRAP, TEXT_FORMAT
        ws.freeze_panes = "A2"
        print_setup(ws)
        # Protected against accidental edits of the exported columns, without a password; filtering, sorting
        # and resizing stay allowed.
        ws.protection.sheet = True
        ws.protection.autoFilter = False
        ws.protection.sort = False
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        return widths

    def cell(self, index: int, stored: str) -> StreamedCell | None:
        """The column's cell holding ``stored`` (already escaped and within the size limit), or None if empty."""
        if not stored:
            return None
        quoted = stored.startswith(FORMULA_LIKE)
        cell = self.quoted[index] if quoted else self.plain[index]
        if cell is None:
            look = self.looks[index]
            cell = StreamedCell(self.ws, index + 1, quoted_style(look) if quoted else look)
            (self.quoted if quoted else self.plain)[index] = cell
        cell._value = stored  # set directly: Cell.value would check and retype the text, done here already
        return cell

    def note(self, index: int, text: str) -> StreamedCell | None:
        """A cell of our own text (findings, terms), shortened rather than refused when too long."""
        if not text:
            return None
        return self.cell(index, stored_text(text))

    def mark(self, row: list[StreamedCell | None], previous: str, current: str) -> None:
        """The previous and the current source as rich text, marked with the change (see mark_changes)."""
        if len(previous) + len(current) > MAX_CELL_CHARS // ESCAPE_GROWTH:  # too long to mark: shown plain
            row[self.index[PREVIOUS_SOURCE]] = self.note(self.index[PREVIOUS_SOURCE], previous)
            return
        for cell, text in zip(self.marked_cells, mark_changes(previous, current)):
            cell._value = text
            row[cell.column - 1] = cell

    def append(self, catalog: ReviewCatalog, entry: Entry) -> None:
        terms = self._terms(entry.msgid)
        self.terms += len(terms)
        label = catalog.stored_label
        status = entry.status
        self.statuses[catalog.label][status] += 1
        cell, index = self.cell, self.index  # the catalog's texts were checked for size before writing began
        row: list[StreamedCell | None] = [None] * len(COLUMNS)  # the reviewer's columns stay empty
        location = f"{label}:{entry.line}"
        row[index[LOCATION]] = cell(index[LOCATION], location)
        row[index[KIND]] = cell(index[KIND], encode_cell(entry.kind)[:MAX_CELL_CHARS])  # as openpyxl cut it
        row[index[SOURCE]] = cell(index[SOURCE], encode_cell(entry.msgid))
        previous = _previous_source(entry)
        if previous:
            self.mark(row, previous, entry.msgid)
        translation = translation_text(entry)
        findings = note_text(self.findings.of(catalog, entry), self.widths[index[FINDINGS]])
        terms_text = note_text(terms, self.widths[index[TERMS]])
        row[index[TRANSLATION]] = cell(index[TRANSLATION], encode_cell(translation))
        row[index[STATUS]] = cell(index[STATUS], status)
        row[index[FINDINGS]] = self.note(index[FINDINGS], findings)
        row[index[TERMS]] = self.note(index[TERMS], terms_text)
        row[index[KEY]] = cell(index[KEY], row_key(label, entry))
        row[index[HASH]] = cell(index[HASH], entry_hash(entry))
        widths = self.widths
        self._append_sized(row, row_height([(location, widths[index[LOCATION]], LATIN_LINE),
                                            (entry.msgid, widths[index[SOURCE]], CJK_LINE),
                                            (previous or "", widths[index[PREVIOUS_SOURCE]], CJK_LINE),
                                            (translation, widths[index[TRANSLATION]], LATIN_LINE),
                                            (findings, widths[index[FINDINGS]] * NOTE_CHARS, NOTE_LINE),
                                            (terms_text, widths[index[TERMS]] * NOTE_CHARS, NOTE_LINE)]))

    def _append_sized(self, row: list[StreamedCell | None], height: float) -> None:
        """Append a row with its height, for programs that do not fit rows to wrapped text themselves
        (LibreOffice on loading, and so printing): the write-only writer takes it from row_dimensions."""
        self.ws.row_dimensions[self.row] = {"ht": f"{height:g}", "customHeight": "1"}
        self.ws.append(row)
        del self.ws.row_dimensions[self.row]
        self.row += 1

    def _terms(self, source: str) -> list[str]:
        """Each glossary term in the segment once, with its approved renderings."""
        shown: dict[str, str] = {}
        for match in self.glossary.matches(source):
            term = match.term
            if term.source not in shown:
                line = self.term_lines.get(term.source)
                if line is None:
                    also = f" (also: {', '.join(term.variants)})" if term.variants else ""
                    line = self.term_lines[term.source] = f"{term.source} → {term.target}{also}"
                shown[term.source] = line
        return list(shown.values())

    def finish(self) -> None:
        ws, last = self.ws, max(self.row - 1, 2)
        letter = {column: get_column_letter(number) for number, column in enumerate(COLUMNS, start=1)}
        ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{self.row - 1}"
        decision = DataValidation(type="list", formula1=f'"{",".join(DECISIONS)}"', allow_blank=True,
                                  showErrorMessage=True, errorTitle="Decision",
                                  error=f"Choose {', '.join(DECISIONS)}, or leave empty.")
        decision.add(f"{letter[DECISION]}2:{letter[DECISION]}{last}")
        ws.data_validations.append(decision)
        visible = f"A2:{letter[DECISION]}{last}"
        status, findings = f"${letter[STATUS]}2", f"${letter[FINDINGS]}2"
        for formula, fill in ((f'{status}="{UNTRANSLATED}"', FILLS["untranslated"]),
                              (f'{status}="{FUZZY}"', FILLS["fuzzy"]),
                              (f'LEN({findings})>0', FILLS["findings"])):
            ws.conditional_formatting.add(visible, FormulaRule(formula=[formula], fill=fill, stopIfTrue=True))


def _write_summary(wb: Workbook, stats: list[CatalogStats], checks: Counter) -> None:
    """Coverage per catalog with a bar chart, and the number of findings per check and severity."""
    ws = wb.create_sheet(SUMMARY_SHEET)
    total = CatalogStats(path="Total")
    for row in stats:
        total.add(row)
    widths = {"A": 48, "B": 10, "C": 11, "D": 8, "E": 13, "F": 12}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    bold = Font(bold=True)
    ws.append(_bold_row(ws, ["Catalog", "Entries", "Translated", "Fuzzy", "Untranslated", "Coverage %"], bold))
    for row in [*stats, total]:
        ws.append([_text(ws, row.path), row.total, row.translated, row.fuzzy, row.untranslated,
                   round(row.coverage, 1)])
    ws.append([])
    ws.append(_bold_row(ws, ["Check", "Severity", "Findings"], bold))
    for (check, severity), count in sorted(checks.items()):
        ws.append([_text(ws, check), _text(ws, severity), count])
    if not checks:
        ws.append(["(no findings)"])
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Coverage (% translated, not fuzzy)"
    chart.legend = None
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.title = "%"
    chart.add_data(Reference(ws, min_col=6, min_row=1, max_row=1 + len(stats)), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=1 + len(stats)))
    chart.height = max(5.0, 1.0 + 0.8 * len(stats))
    chart.width = 18
    ws.add_chart(chart, "H2")


def _write_glossary(wb: Workbook, glossary: Glossary) -> None:
    ws = wb.create_sheet(GLOSSARY_SHEET)
    print_setup(ws)
    for letter, width in {"A": 24, "B": 36, "C": 36, "D": 28, "E": 10, "F": 40}.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.append(_bold_row(ws, ["Source (zh)", "Target", "Variants", "Forbidden", "Type", "Note"], Font(bold=True)))
    for term in glossary.terms:
        source = _text(ws, term.source)
        source.font = CJK_FONT
        ws.append([source, *(_text(ws, value) for value in
                             (term.target, " | ".join(term.variants), " | ".join(term.forbidden), term.type, term.note))])
    ws.auto_filter.ref = f"A1:F{len(glossary.terms) + 1}"


def _text(ws: "WriteOnlyWorksheet", text: str) -> WriteOnlyCell:
    return put_text(WriteOnlyCell(ws), text)


def _bold_row(ws: "WriteOnlyWorksheet", headers: list[str], bold: Font) -> list[WriteOnlyCell]:
    cells = [_text(ws, header) for header in headers]
    for cell in cells:
        cell.font = bold
    return cells
