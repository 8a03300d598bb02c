"""One policy for the text the toolkit writes into XLSX cells, shared by every workbook it writes
(the review workbook, the score report, the alignment sheet).

- Text is always a string cell: one beginning with = + - @ (a formula to a spreadsheet) or # (an error
  value) is stored as text with a quote prefix, so Excel keeps it text even when a reviewer edits the cell.
- Characters an XLSX cell cannot hold (XML 1.0 forbids most C0 controls, U+FFFE and U+FFFF; a raw CR
  would be read back as LF) are escaped in OOXML's own _xHHHH_ form (ST_Xstring), as is the underscore
  that starts a literal "_xHHHH_"; Excel and LibreOffice decode it, and decode_cell restores the text.
- A cell holds at most 32,767 characters: report text beyond that is cut with an ellipsis
  (the review workbook refuses a catalog text that long instead: see toolkit.review.export).
"""
from __future__ import annotations

import re
from typing import Any, Iterable

# Excel's limit on the characters in one cell (counted in UTF-16 code units).
MAX_CELL_CHARS = 32_767
# Leading characters that make a spreadsheet read text as a formula or an error value.
FORMULA_LIKE = ("=", "+", "-", "@", "#")

_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_MAY_NEED_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f_\ufffe\uffff]")  # one character class: a fast first test
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
ESCAPE_GROWTH = len("_x0001_")  # the most one character can grow by escaping


def encode_cell(text: str) -> str:
    """Text as stored in a cell: unstorable characters escaped, so that decode_cell restores the original."""
    if _MAY_NEED_ESCAPE.search(text) is None:
        return text
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def decode_cell(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def cell_length(text: str, stored: str) -> int:
    """The larger of what Excel counts (UTF-16 units of the text) and what openpyxl stores (it truncates)."""
    return max(len(stored), len(text.encode("utf-16-le")) // 2)


def stored_text(text: str) -> str:
    """The text escaped and, past Excel's limit, cut with an ellipsis."""
    stored = encode_cell(text)
    if cell_length(text, stored) > MAX_CELL_CHARS:
        stored = stored[:MAX_CELL_CHARS // 2 - 1] + "…"  # half: UTF-16 may count each character twice
    return stored


def put_text(cell: Any, text: str) -> Any:
    """Give an openpyxl cell (of any worksheet) the text, under the policy above; returns the cell."""
    stored = stored_text(text)
    cell._value, cell.data_type = stored, "s"  # not through Cell.value, which takes a leading = for a formula
    if stored.startswith(FORMULA_LIKE):
        cell.quotePrefix = True
    return cell


def text_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``sheet.append``: each string a text cell under the policy, other values as they are."""
    from openpyxl.cell import WriteOnlyCell

    return [put_text(WriteOnlyCell(sheet), value) if isinstance(value, str) else value for value in values]
