"""Property: whatever a catalog holds, export then import without edits changes no byte, and a reviewer's
text arrives exactly as typed."""
from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import polib
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit.po.catalog import new_catalog, read_catalog, write_catalog
from toolkit.config import Config
from toolkit.errors import InputError
from toolkit.glossary import Glossary
from toolkit.review.sheet import COLUMNS, MAX_CELL_CHARS, REVIEWER_TRANSLATION, cell_length, decode_cell, encode_cell
from toolkit.review.export import FindingNotes, ReviewCatalog, write_review_workbook
from toolkit.review.imports import import_review, read_review_sheet

# Any character a UTF-8 PO file can hold (no NUL, no lone surrogate), with the troublemakers made likely.
ANY = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TRICKY = st.sampled_from(["=", "=1+1", "+", "-", "@", "#N/A", "_x0041_", "_x005F_", "\r", "\r\n", "\n", "\t",
                          "\x01", "\x1b", "\x7f", "\ufffe", "\uffff", "\u2028", "\\", '"', "“北京”", "𠀋"])
PIECE = st.one_of(st.text(ANY, max_size=12), TRICKY)
TEXT = st.lists(PIECE, max_size=6).map("".join)
# Long texts: a piece repeated up to a few thousand times stays cheap to generate.
LONG = st.builds(lambda piece, times: piece * times, st.text(ANY, min_size=1, max_size=8), st.integers(500, 3000))
SEGMENT = st.one_of(TEXT, LONG)


def catalog_from(entries: list[tuple[str | None, str, str, bool, str]], path: Path) -> polib.POFile:
    po = new_catalog(project="property", source="source.txt")
    for msgctxt, msgid, msgstr, fuzzy, tcomment in entries:
        po.append(polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgstr=msgstr, tcomment=tcomment,
                                flags=["fuzzy"] if fuzzy else []))
    write_catalog(po, path)
    try:
        back = read_catalog(path)
    except InputError:
        back = None
    # Only catalogs that polib itself writes and reads back faithfully are this module's business.
    assume(back is not None and [(e.msgctxt, e.msgid, e.msgstr, e.tcomment) for e in back if e.msgid]
           == [(c, i, s, t) for c, i, s, _, t in entries])
    return back


def fits(text: str) -> bool:
    """Within Excel's cell limit (the export refuses longer texts; test_review checks that)."""
    return cell_length(text, encode_cell(text)) <= MAX_CELL_CHARS


ENTRIES = st.lists(st.tuples(st.one_of(st.none(), TEXT), SEGMENT.filter(bool), SEGMENT, st.booleans(), TEXT),
                   min_size=1, max_size=4, unique_by=lambda e: (e[0], e[1]))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=ENTRIES, typed=st.lists(SEGMENT, min_size=4, max_size=4))
def test_export_import_round_trip(entries, typed):
    assume(all(fits(text) for entry in entries for text in entry[1:3]) and all(fits(text) for text in typed))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        catalog = root / "article.po"
        po = catalog_from(entries, catalog)
        original = catalog.read_bytes()
        workbook = root / "review.xlsx"
        write_review_workbook([ReviewCatalog.read(catalog, "article.po")], workbook, findings=FindingNotes(),
                              glossary=Glossary())
        config = Config(root=root)

        rows = read_review_sheet(workbook)
        live = [e for e in po if e.msgid]
        assert [(row.values["Source (zh)"], row.values.get("Translation", "")) for row in rows] \
            == [(e.msgid, e.msgstr) for e in live]

        report = import_review(workbook, config=config)
        assert report.unedited == len(live) and not report.results
        assert catalog.read_bytes() == original

        wb = openpyxl.load_workbook(workbook)
        ws = wb["Review"]
        column = COLUMNS.index(REVIEWER_TRANSLATION) + 1
        for number, text in zip(range(2, len(live) + 2), typed):
            ws.cell(number, column).value = encode_cell(text)
            ws.cell(number, column).data_type = "s"
        wb.save(workbook)
        import_review(workbook, config=config)
        after = {(e.msgctxt, e.msgid): e.msgstr for e in read_catalog(catalog) if e.msgid}
        for entry, text in zip(live, typed):
            now = after[(entry.msgctxt, entry.msgid)]
            if not text.strip():
                assert now == entry.msgstr
            elif (text.startswith("\n"), text.endswith("\n")) == (entry.msgid.startswith("\n"),
                                                                  entry.msgid.endswith("\n")):
                assert now == text


@given(text=TEXT)
def test_cell_codec_round_trip_and_stores_only_what_xml_can_hold(text):
    stored = encode_cell(text)
    assert decode_cell(stored) == text
    assert not any(ord(c) < 32 and c not in "\t\n" for c in stored) and "\ufffe" not in stored
