"""How the Review sheet looks and prints: fonts, fills, styles, row heights, marked changes, page setup."""
from __future__ import annotations

import math
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.review.sheet import encode_cell

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


# A font that has Chinese glyphs in Excel on Windows and macOS; charset 134 (GB2312) makes other programs pick a
# Chinese fallback when it is missing.
CJK_FONT = Font(name="Microsoft YaHei", charset=134)


WRAP = Alignment(wrap_text=True, vertical="top")


UNLOCKED = Protection(locked=False)


TEXT_FORMAT = "@"


HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


FILLS = {  # conditional fills, first match wins
    "untranslated": PatternFill("solid", bgColor="FFC7CE"),
    "fuzzy": PatternFill("solid", bgColor="FFEB9C"),
    "findings": PatternFill("solid", bgColor="FCE4D6"),
}


# In the two sources of a fuzzy row: what the current one dropped, what it added, and the rest.
DROPPED = InlineFont(rFont=CJK_FONT.name, charset=134, strike=True, color="C00000")


ADDED = InlineFont(rFont=CJK_FONT.name, charset=134, u="single", b=True, color="0070C0")


UNCHANGED = InlineFont(rFont=CJK_FONT.name, charset=134)


LATIN_LINE, CJK_LINE = 14.5, 16.0  # points per wrapped line of 11-point text; Chinese fonts' lines are taller


TEXT_SIZE, NOTE_SIZE = 11.0, 9.0  # points: the segments, and the findings and glossary terms beside them


NOTE_FONT = Font(size=NOTE_SIZE)


NOTE_LINE = CJK_LINE * NOTE_SIZE / TEXT_SIZE  # notes quote Chinese terms: their lines are as tall as Chinese text


NOTE_CHARS = TEXT_SIZE / NOTE_SIZE  # a column holds this many more characters of a note than of text


EMPTY_WIDTH = 11.0  # a column no row fills: its header, wrapped, and no more of the printed page


ROW_PADDING = 2.0


# Widths of "0" a character takes on a wrapped line. Calibri's letters average 0.81 of its "0" over English
# text with its spaces, and word wrapping leaves some of each line empty; a Chinese character is an em of
# Microsoft YaHei or Noto Sans CJK, 2.1 of Calibri's "0", and wraps anywhere.
LATIN_WIDTH, CJK_WIDTH = 0.95, 2.3


MAX_ROW_HEIGHT = 409.0


def row_height(texts: Iterable[tuple[str, float, float]]) -> float:
    """Points that show every line of the tallest of the row's (text, column width, line height) wrapped.

    A column's width is in widths of "0": a Chinese character takes CJK_WIDTH, any other LATIN_WIDTH.
    Excel's 409 points is the most a row may have.
    """
    tallest = 0.0
    for text, width, line_height in texts:
        if text:
            lines = sum(_wrapped_lines(paragraph, width) for paragraph in text.split("\n"))
            tallest = max(tallest, lines * line_height)
    return min(MAX_ROW_HEIGHT, max(tallest, LATIN_LINE) + ROW_PADDING)


def note_text(lines: Sequence[str], width: float) -> str:
    """A note's lines one under another; run together if that would pass the tallest row Excel allows (a long
    paragraph may hold 30 glossary terms), so that as many as can be are shown."""
    text = "\n".join(lines)
    if len(lines) * NOTE_LINE > MAX_ROW_HEIGHT / 2 and \
            row_height([(text, width * NOTE_CHARS, NOTE_LINE)]) >= MAX_ROW_HEIGHT:
        return "; ".join(lines)
    return text


def _wrapped_lines(paragraph: str, width: float) -> int:
    wide = (len(paragraph.encode("utf-8")) - len(paragraph)) // 2  # UTF-8: a Chinese character is 3 bytes
    narrow = len(paragraph) - wide
    return max(1, math.ceil((CJK_WIDTH * wide + LATIN_WIDTH * narrow) / width))


def mark_changes(previous: str, current: str) -> tuple[CellRichText, CellRichText]:
    """The previous text with what the current one dropped struck through in red, and the current text with
    what it added bold, underlined and blue; each reads as its own plain text to a program without rich text."""
    before: list[TextBlock] = []
    after: list[TextBlock] = []
    for tag, start, end, new_start, new_end in SequenceMatcher(None, previous, current, autojunk=False).get_opcodes():
        if end > start:
            before.append(TextBlock(UNCHANGED if tag == "equal" else DROPPED, encode_cell(previous[start:end])))
        if new_end > new_start:
            after.append(TextBlock(UNCHANGED if tag == "equal" else ADDED, encode_cell(current[new_start:new_end])))
    return CellRichText(before), CellRichText(after)


def print_setup(ws: "WriteOnlyWorksheet") -> None:
    """Printed, a sheet is landscape A4, every visible column on the page's width, its header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddHeader.center.text = "&A: &F"
    ws.oddFooter.center.text = "Page &P of &N"


def quoted_style(style: StyleArray | None) -> StyleArray:
    quoted = StyleArray(style if style is not None else StyleArray())
    quoted.quotePrefix = 1
    return quoted


def named_style(wb: Workbook, name: str, **looks) -> StyleArray:
    """Register a named style (reviewers see it in the style gallery); its style array is what cells copy."""
    style = NamedStyle(name=name, **looks)
    wb.add_named_style(style)
    return style.as_tuple()
