"""The text policy of every workbook the toolkit writes: "=1+1" stays text, a control character is escaped."""
from __future__ import annotations

import shutil

import openpyxl
import polib
import pytest
from click.testing import CliRunner

from conftest import ARTICLE_CATALOG
from toolkit.cli import cli
from toolkit.xlsx_text import MAX_CELL_CHARS, decode_cell, put_text, stored_text, text_row

FORMULA, CONTROL = "=1+1", "the bell\x07 rang"


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def cells_with(path, text: str) -> list:
    """The cells of a workbook whose stored value, decoded, is the text."""
    workbook = openpyxl.load_workbook(path)
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str) and decode_cell(cell.value) == text]


def assert_text_cells(path) -> None:
    for text in (FORMULA, CONTROL):
        found = cells_with(path, text)
        assert found, text
        assert all(cell.data_type == "s" for cell in found)
    assert all(cell.quotePrefix for cell in cells_with(path, FORMULA))
    assert all("_x0007_" in cell.value for cell in cells_with(path, CONTROL))


def test_the_review_workbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    po = polib.pofile(str(ARTICLE_CATALOG))
    po.append(polib.POEntry(msgid="公式", msgstr=FORMULA))
    po.append(polib.POEntry(msgid="控制字符", msgstr=CONTROL))
    po.save(str(tmp_path / "article.po"))
    assert invoke("export", "article.po", "-o", "review.xlsx").exit_code == 0
    assert_text_cells(tmp_path / "review.xlsx")


def test_the_score_workbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ref.txt").write_text("one plus one\nthe bell rang\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text(f"{FORMULA}\n{CONTROL}\n", encoding="utf-8")
    result = invoke("score", "--ref", "ref.txt", "draft.txt", "--xlsx", "score.xlsx")
    assert result.exit_code == 0, result.output
    assert_text_cells(tmp_path / "score.xlsx")


def test_the_alignment_sheet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.zh.txt").write_text("一加一。\n\n铃响了。\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(f"{FORMULA}\n\n{CONTROL}\n", encoding="utf-8")
    result = invoke("align", "a.zh.txt", "a.en.txt", "-o", "a.po", "--xlsx", "links.xlsx")
    assert result.exit_code == 0, result.output
    assert_text_cells(tmp_path / "links.xlsx")


def test_text_past_excels_limit_is_cut_and_other_values_stay_as_they_are():
    stored = stored_text("长" * (MAX_CELL_CHARS + 10))
    assert len(stored.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS and stored.endswith("…")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    row = text_row(sheet, [1.5, None, "+86 10", "plain"])
    assert row[0] == 1.5 and row[1] is None and row[2].quotePrefix and not row[3].quotePrefix
    assert put_text(sheet["A1"], "@SUM(A1)").data_type == "s"


@pytest.mark.parametrize("text", ["_x0041_ literal", "\ufffe\uffff", "CR\r", "=A1"])
def test_the_codec_restores_what_it_escapes(text):
    assert decode_cell(stored_text(text)) == text
