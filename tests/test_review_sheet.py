"""The Review sheet as a reviewer reads and prints it: previous source of fuzzy rows, findings once, page setup."""
from __future__ import annotations

import html as html_text
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import polib
import pytest
from openpyxl.cell.rich_text import CellRichText

from conftest import ARTICLE_CATALOG
from test_review import CATALOG, export, invoke, libreoffice, needs_libreoffice, rows_by_msgid  # noqa: F401
from test_review import review_project  # noqa: F401 (fixture)
from toolkit.po import read_entries
from toolkit.po.read import entries_from_polib
from toolkit.review.sheet import COLUMNS, FINDINGS, PREVIOUS_SOURCE, REVIEW_SHEET, SOURCE
from toolkit.review.looks import (EMPTY_WIDTH, LATIN_LINE, MAX_ROW_HEIGHT, NOTE_CHARS, NOTE_LINE, mark_changes,
                                  note_text, row_height)

DRAFT_CATALOG = ARTICLE_CATALOG.parents[1] / "drafts" / "literal-first-pass.po"  # 221 findings
BEFORE, AFTER = "北京市总工会投入65万元，帮助受援地区。", "北京市总工会共投入80万元，帮助受援地区群众。"


def fuzzy_catalog(path, previous: str = BEFORE) -> None:
    po = polib.pofile(str(path))
    entry = polib.POEntry(msgid=AFTER, msgstr="The federation invested 650,000 yuan.", flags=["fuzzy"],
                          previous_msgid=previous)
    po.append(entry)
    po.save()


def test_both_readers_give_the_previous_source(review_project):
    fuzzy_catalog(review_project / CATALOG, previous="第一行\n第二行 \"引号\"")
    fast, _ = read_entries(review_project / CATALOG, CATALOG)
    slow, _ = entries_from_polib(review_project / CATALOG, CATALOG)
    assert fast == slow and fast[-1].previous_msgid == "第一行\n第二行 \"引号\""
    assert {entry.previous_msgid for entry in fast[:-1]} == {None}


def test_a_fuzzy_row_shows_its_previous_source_with_the_change_marked(review_project):
    fuzzy_catalog(review_project / CATALOG)
    ws = openpyxl.load_workbook(export(), rich_text=True)[REVIEW_SHEET]
    source, previous = COLUMNS.index(SOURCE) + 1, COLUMNS.index(PREVIOUS_SOURCE) + 1
    rows = {str(ws.cell(row, source).value): (ws.cell(row, source).value, ws.cell(row, previous).value)
            for row in range(2, ws.max_row + 1)}
    assert all(before is None for text, (_, before) in rows.items() if text != AFTER)  # only the fuzzy one
    after, before = rows[AFTER]
    assert isinstance(before, CellRichText) and isinstance(after, CellRichText)
    assert (str(before), str(after)) == (BEFORE, AFTER)
    assert [b.text for b in before if b.font.strike] == ["65"]
    assert [b.text for b in after if b.font.u == "single"] == ["共", "80", "群众"]
    assert all(b.font.color.rgb.endswith("C00000") for b in before if b.font.strike)
    assert all(b.font.color.rgb.endswith("0070C0") and b.font.b for b in after if b.font.u)
    plain = rows_by_msgid(export())[AFTER]  # as the import and programs without rich text read them
    assert (plain["Source (zh)"], plain["Previous source (zh)"]) == (AFTER, BEFORE)


def test_mark_changes_of_an_insertion_and_a_deletion():
    before, after = mark_changes("甲乙丙", "甲丙丁")
    assert [(b.text, bool(b.font.strike)) for b in before] == [("甲", False), ("乙", True), ("丙", False)]
    assert [(b.text, b.font.u) for b in after] == [("甲", None), ("丙", None), ("丁", "single")]


def test_each_finding_is_shown_once_and_not_the_status_again(review_project):
    fuzzy_catalog(review_project / CATALOG)
    rows = rows_by_msgid(export())
    assert FINDINGS.header not in rows[AFTER]  # its only finding, "fuzzy", is what Status says
    for row in rows.values():
        lines = row.get(FINDINGS.header, "").split("\n")
        assert len(lines) == len(set(lines)) and not any(re.match(r"\w+ (fuzzy|untranslated):", l) for l in lines)
    invoke("check")  # the message no longer repeats its id
    assert "[fuzzy] review the translation and remove the flag" in invoke("check").output


def test_the_review_and_glossary_sheets_print_landscape_fit_to_width_with_the_header_repeated(review_project):
    workbook = openpyxl.load_workbook(export())
    for name in (REVIEW_SHEET, "Glossary"):
        ws = workbook[name]
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    ws = workbook[REVIEW_SHEET]
    heights = [ws.row_dimensions[row].height for row in range(2, ws.max_row + 1)]
    assert all(heights) and max(heights) > min(heights)  # every row sized to its text


def test_row_height_grows_with_wrapped_lines_and_stops_at_excels_limit():
    one = row_height([("short", 40, 15.0)])
    assert row_height([("长" * 40, 40, 15.0)]) > row_height([("long " * 10, 40, 15.0)]) > one
    assert row_height([("a\nb\nc", 40, 15.0)]) == pytest.approx(3 * 15.0 + one - 15.0)
    assert row_height([("x " * 100_000, 40, 15.0)]) == 409.0


def review_sheet_pdf(tmp_path: Path, catalog: Path) -> Path:
    """The Review sheet alone of the catalog's export, printed to PDF by LibreOffice."""
    shutil.copyfile(catalog, tmp_path / "article.po")
    result = invoke("export", "article.po", "-o", "review.xlsx", "--glossary",
                    str(ARTICLE_CATALOG.parents[2] / "glossary"))
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook("review.xlsx", rich_text=True)
    for name in workbook.sheetnames[1:]:
        del workbook[name]
    workbook.save("only-review.xlsx")
    return libreoffice(tmp_path, "pdf", tmp_path / "only-review.xlsx", tmp_path)


def test_a_column_no_row_fills_keeps_only_its_headers_width_of_the_printed_page(review_project):
    ws = openpyxl.load_workbook(export())[REVIEW_SHEET]
    previous = openpyxl.utils.get_column_letter(COLUMNS.index(PREVIOUS_SOURCE) + 1)
    assert ws.column_dimensions[previous].width == EMPTY_WIDTH
    assert ws.row_dimensions[1].height >= 2 * LATIN_LINE  # its header wrapped, and shown whole
    fuzzy_catalog(review_project / CATALOG)
    ws = openpyxl.load_workbook(export())[REVIEW_SHEET]
    assert ws.column_dimensions[previous].width == PREVIOUS_SOURCE.width


def test_a_note_too_tall_for_any_row_runs_its_lines_together():
    terms = [f"词{number} → word {number}" for number in range(40)]
    assert note_text(terms[:20], 85) == "\n".join(terms[:20])
    assert note_text(terms, 85) == "; ".join(terms)
    assert row_height([(note_text(terms, 85), 85 * NOTE_CHARS, NOTE_LINE)]) < MAX_ROW_HEIGHT


@needs_libreoffice
@pytest.mark.parametrize("catalog", [ARTICLE_CATALOG, DRAFT_CATALOG], ids=["article", "draft"])
def test_the_articles_review_sheet_prints_on_a_few_landscape_pages(tmp_path, monkeypatch, catalog):
    monkeypatch.chdir(tmp_path)
    pdf = review_sheet_pdf(tmp_path, catalog).read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert 1 <= pages <= 6 and width > height  # 94 rows, printed on 9 pages (12 the draft) before


WORD_BOX = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>')


def printed_cells(pdf: Path, header: str, next_header: str) -> tuple[list[str], dict[int, str]]:
    """Per page the text of its header row, and per catalog line the text printed inside its row's box in the
    column ``header`` (words placed by pdftotext -bbox): text cut off by its row's height is printed, clipped,
    over the next row, and so appears in no row or in the wrong one."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    headers, cells = [], {}
    for page in html.split("<page ")[1:]:
        words = [(float(x), float(y), html_text.unescape(text)) for x, y, text in WORD_BOX.findall(page)]
        top = next(y for x, y, text in words if text == "Location")
        headers.append(" ".join(text for x, y, text in words if abs(y - top) < 12))
        left = next(x for x, y, text in words if text == header and abs(y - top) < 1)
        right = next(x for x, y, text in words if text == next_header and abs(y - top) < 1)
        rows = sorted((y, int(text.rsplit(":", 1)[1])) for x, y, text in words if re.fullmatch(r"\S+\.po:\d+", text))
        footer = max(y for x, y, text in words if text == "Page")  # "Page n of m"
        bottoms = [y for y, _ in rows[1:]] + [footer]
        for (row_top, line), bottom in zip(rows, bottoms):
            cells[line] = "".join(text for x, y, text in words
                                  if left - 1 <= x < right - 1 and row_top - 1 <= y < bottom - 1)
    return headers, cells


@needs_libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_every_page_of_the_printed_sheet_shows_every_column_and_every_cell_whole(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pdf = review_sheet_pdf(tmp_path, DRAFT_CATALOG)
    sheet = {int(row["Location"].rsplit(":", 1)[1]): row for row in rows_by_msgid(tmp_path / "review.xlsx").values()}
    visible = [column.header for column in COLUMNS if not column.hidden]
    for column, next_column in (("Translation", "Status"), ("QA", "Glossary"), ("Glossary", "Reviewer")):
        headers, printed = printed_cells(pdf, column, next_column)
        for header in headers:  # repeated on every page, and no column off the page's edge
            assert all(all(word in header.split() for word in name.split()) for name in visible), header
        assert printed.keys() == sheet.keys()
        for line, text in printed.items():
            header = next(name for name in visible if name.startswith(column))
            assert text == re.sub(r"\s+", "", sheet[line].get(header, "")), (line, header)
