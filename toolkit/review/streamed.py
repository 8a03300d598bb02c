"""The Review sheet's speed path: one reused cell per column and look, written through openpyxl internals.

openpyxl is pinned to the 3.1 series for this (pyproject.toml); tests/test_review.py reads every cell
back and fails if openpyxl changes what this leans on.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from openpyxl.cell import Cell
from openpyxl.styles.cell_style import StyleArray

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


class StreamedCell(Cell):
    """A cell of the streamed Review sheet, one per column and look, reused for every row.

    This leans on openpyxl internals, for speed on 100,000-row sheets (bench/review_bench.py):
    - the write-only sheet serialises a row inside ``append`` (WriteOnlyWorksheet._write_rows sends it through
      its cell writer at once), so one cell object per column can carry every row's value;
    - stream_cells replaces the sheet's _values_to_row, which would first try each cell as a value (an
      exception per cell) and re-check every text; ours are escaped, sized and typed here already, so
      the value is set as ``_value``;
    - the style id is looked up once, not per cell (Cell.style_id hashes the style array into the workbook's
      style list each time).
    tests/test_review.py reads every cell back (text, font, wrap, protection, quote prefix) and fails if
    openpyxl changes any of this.
    """

    __slots__ = ("style_id", "has_style")  # shadow Cell's properties of the same names with fixed values

    def __init__(self, ws: "WriteOnlyWorksheet", column: int, style: StyleArray | None):
        super().__init__(ws, row=1, column=column, style_array=style)
        self.data_type = "s"  # always a string: never a formula or an error value, whatever the text
        self.has_style = style is not None and any(style)
        self.style_id = ws.parent._cell_styles.add(self._style) if self.has_style else 0


def stream_cells(values: list[StreamedCell | None], row: int) -> Iterator[StreamedCell]:
    """Stands in for WriteOnlyWorksheet._values_to_row: our cells come ready (text checked, escaped, typed)."""
    for cell in values:
        if cell is not None:
            cell.row = row
            yield cell
