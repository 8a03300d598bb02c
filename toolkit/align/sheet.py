"""The alignment as an Excel sheet for a reviewer."""
from __future__ import annotations

from pathlib import Path

from toolkit.align.document import Alignment
from toolkit.errors import UsageError
from toolkit.files import atomic_path
from toolkit.xlsx_text import text_row


def write_alignment_sheet(alignment: Alignment, path: str | Path) -> None:
    """The links as an Excel sheet, least confident first, for a reviewer to check side by side."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment as CellAlignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "alignment"
    sheet.append(["confidence", "link", "line", "Chinese", "English"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for link in alignment.by_confidence():
        sheet.append(text_row(sheet, [round(link.confidence, 3), link.kind, link.line, "".join(link.source_text),
                                      link.english]))
    for column, width in zip("ABCDE", (11, 6, 6, 60, 80)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.alignment = CellAlignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    try:
        with atomic_path(path) as temp:
            book.save(temp)
    except OSError as exc:
        raise UsageError(f"cannot write the sheet: {exc.strerror or exc}", path=path) from exc
