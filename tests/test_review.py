"""`toolkit export` and `toolkit import`: a workbook a reviewer can work in, and edits that land safely."""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import polib
import pytest
from click.testing import CliRunner

from conftest import msgfmt_check
from toolkit.po.catalog import new_catalog, read_catalog, write_catalog
from toolkit.checks import run_checks
from toolkit.cli import cli
from toolkit.config import load_config
from toolkit.glossary import load_glossary
from toolkit.review.sheet import COLUMNS, DECISIONS, MAX_CELL_CHARS, SOURCE, TRANSLATION, decode_cell, encode_cell
from toolkit.review.imports import read_review_sheet
from toolkit.review.export import LOCATION_MAX_WIDTH
from toolkit.review.looks import EMPTY_WIDTH, LATIN_LINE, NOTE_SIZE

# (msgctxt, msgid, msgstr, flags, kind, translator comment): sentences of the article, in English as a
# translator left them; one fuzzy, two untranslated, one translated without the glossary's rendering.
ENTRIES = [
    (None, "扶贫“大考”的北京工会答卷", "Beijing's trade unions answer the poverty alleviation \"big exam\"", [],
     "title", ""),
    (None, "新年前夕，国家主席习近平发表2021新年贺词，作出郑重宣告。",
     "On New Year's Eve, President Xi Jinping delivered his 2021 New Year address and made a solemn declaration.",
     [], "body", "Check the title of the address."),
    (None, "在此前扶贫协作工作基础上，2018年春，北京市总工会成为北京市扶贫协作和支援合作领导小组成员单位。",
     "Building on earlier cooperation, in spring 2018 the Beijing Federation of Trade Unions joined the leading "
     "group.", ["fuzzy"], "body", ""),
    (None, "北京市总工会荣获“北京市扶贫协作奖”，一人获“北京市扶贫协作先进个人”。",
     "The Beijing municipal union won the \"Beijing Poverty Alleviation Cooperation Award\".", [], "body", ""),
    (None, "立下愚公志，吹响集结号。", "", [], "body", ""),
    ("heading", "精准发力 形成工会扶贫有效模式", "", [], "heading", ""),
    (None, "落实任务，人是关键。", "=1+1", [], "body", ""),
    (None, "=1+1", "-the key", [], "body", ""),
]
OBSOLETE = ("上有号召，下有行动。", "Those above call, those below act.")
GLOSSARY_CSV = ("source,target,variants,forbidden,type,note\n"
                "北京市总工会,Beijing Federation of Trade Unions,,,org,\n"
                "习近平,Xi Jinping,,,person,\n")
CATALOG = "po/article.po"


def build_catalog(path: Path, entries=ENTRIES) -> None:
    po = new_catalog(project="scratch", source="src/article.zh.txt")
    for msgctxt, msgid, msgstr, flags, kind, tcomment in entries:
        po.append(polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgstr=msgstr, flags=list(flags),
                                comment=f"type: {kind}", tcomment=tcomment,
                                occurrences=[("src/article.zh.txt", "3")]))
    po.append(polib.POEntry(msgid=OBSOLETE[0], msgstr=OBSOLETE[1], obsolete=True))
    write_catalog(po, path)


@pytest.fixture
def review_project(project: Path) -> Path:
    """The scratch project with a catalog of article sentences and a two-term glossary."""
    (project / "po").mkdir()
    build_catalog(project / CATALOG)
    (project / "glossary").mkdir()
    (project / "glossary" / "terms.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    with (project / "toolkit.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[glossary]\npaths = ["glossary"]\n')
    return project


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def export(path: str = "review.xlsx", *args: str) -> Path:
    result = invoke("export", "-o", path, *args)
    assert result.exit_code == 0, result.output
    return Path(path)


def rows_by_msgid(path: Path) -> dict[str, dict[str, str]]:
    return {row[COLUMNS[2]]: row.values for row in read_review_sheet(path)}


def header_index(ws) -> dict[str, int]:
    return {cell.value: cell.column for cell in ws[1]}


def put(cell, text: str) -> None:
    """Store text as a spreadsheet program does: escaped, and never as a formula."""
    cell.value = encode_cell(text)
    cell.data_type = "s"


def review(path: Path, edits: dict[str, dict[str, str]], *, sort: bool = True, keep: set[str] | None = None) -> None:
    """Act as a reviewer: sort the rows by source (descending), drop rows not in ``keep``, fill in ``edits``."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    columns = header_index(ws)
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=2)]
    source = columns["Source (zh)"] - 1
    if keep is not None:
        rows = [row for row in rows if decode_cell(row[source]) in keep]
    if sort:
        rows.sort(key=lambda row: row[source], reverse=True)
    ws.delete_rows(2, ws.max_row)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if value is not None:
                put(ws.cell(number, column), value)
        for header, text in edits.get(decode_cell(row[source]), {}).items():
            put(ws.cell(number, columns[header]), text)
    wb.save(path)


def entries(project: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in read_catalog(project / CATALOG) if not e.obsolete and e.msgid}


# --- export -----------------------------------------------------------------------------------


def test_review_sheet_has_one_row_per_live_entry_with_its_texts_status_and_kind(review_project):
    rows = list(read_review_sheet(export()))
    assert [row[COLUMNS[2]] for row in rows] == [msgid for _, msgid, *_ in ENTRIES]
    assert OBSOLETE[0] not in {row[COLUMNS[2]] for row in rows}
    by_source = {row[COLUMNS[2]]: row.values for row in rows}
    for msgctxt, msgid, msgstr, flags, kind, _ in ENTRIES:
        row = by_source[msgid]
        assert row.get("Translation", "") == msgstr
        assert row["Kind"] == kind
        assert row["Status"] == ("fuzzy" if flags else "translated" if msgstr else "untranslated")
        assert re.fullmatch(r"po/article\.po:\d+", row["Location"])
    po = read_catalog(review_project / CATALOG)
    lines = {e.msgid: e.linenum for e in po}
    assert by_source[ENTRIES[1][1]]["Location"] == f"po/article.po:{lines[ENTRIES[1][1]]}"


def test_review_sheet_is_made_for_work(review_project):
    wb = openpyxl.load_workbook(export())
    assert wb.sheetnames == ["Review", "Summary", "Glossary"]
    ws = wb["Review"]
    assert [cell.value for cell in ws[1]] == [column.header for column in COLUMNS]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:M{len(ENTRIES) + 1}"
    assert ws.protection.sheet and not ws.protection.password
    assert not ws.protection.autoFilter and not ws.protection.sort  # filtering and sorting stay allowed
    # Location as wide as "po/article.po:1234"; no fuzzy entry has a previous source: that column is its header
    widths = {"Location": 20, "Previous source (zh)": EMPTY_WIDTH}
    for number, column in enumerate(COLUMNS, start=1):
        dimension = ws.column_dimensions[openpyxl.utils.get_column_letter(number)]
        assert dimension.width == widths.get(column.header, column.width), column.header
        assert bool(dimension.hidden) == column.hidden == (column.header in ("Key", "Hash"))
        assert dimension.protection.locked == (not column.editable)
    source = ws.cell(2, 3)
    assert source.font.name == "Microsoft YaHei" and source.alignment.wrap_text
    assert ws.cell(2, 1).protection.locked
    [validation] = ws.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == f'"{",".join(DECISIONS)}"'
    assert str(validation.sqref) == f"K2:K{len(ENTRIES) + 1}"
    formulas = [rule.formula[0] for rules in ws.conditional_formatting for rule in rules.rules]
    assert formulas == ['$F2="untranslated"', '$F2="fuzzy"', "LEN($G2)>0"]
    # the streamed sheet still states its size, so read-only readers need not scan it first
    assert openpyxl.load_workbook("review.xlsx", read_only=True)["Review"].calculate_dimension() == \
        f"A1:M{len(ENTRIES) + 1}"


def test_every_streamed_cell_reads_back_with_its_own_text_and_look(review_project):
    """The export reuses one openpyxl cell per column and look, and gives it its style id once
    (toolkit/review/streamed.py, StreamedCell): every row must still come back with its own text and style."""
    ws = openpyxl.load_workbook(export())["Review"]
    columns = {column.header: number for number, column in enumerate(COLUMNS, start=1)}
    header = ws[1]
    assert all(cell.font.bold and cell.alignment.wrap_text and cell.data_type == "s" for cell in header)
    texts = {"Source (zh)": [], "Translation": []}
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            header_name = COLUMNS[cell.column - 1].header
            if cell.value is None:
                continue
            assert cell.data_type == "s"
            assert cell.protection.locked  # only the reviewer's columns are unlocked, and they are empty
            assert cell.quotePrefix == cell.value.startswith(("=", "+", "-", "@", "#")), cell.coordinate
            assert bool(cell.alignment.wrap_text) == (header_name not in ("Key", "Hash")), cell.coordinate
            assert (cell.font.sz or 11) == (NOTE_SIZE if header_name in ("QA findings", "Glossary terms") else 11)
            assert cell.alignment.vertical == ("top" if header_name not in ("Key", "Hash") else None), cell.coordinate
            assert (cell.font.name == "Microsoft YaHei") == header_name.startswith(("Source", "Previous")), \
                cell.coordinate
            if header_name in texts:
                texts[header_name].append(cell.value)
        for header_name in ("Reviewer translation", "Reviewer comment", "Decision"):
            assert row[columns[header_name] - 1].value is None
    assert texts["Source (zh)"] == [msgid for _, msgid, *_ in ENTRIES]
    assert texts["Translation"] == [msgstr for _, _, msgstr, *_ in ENTRIES if msgstr]


def test_the_location_column_fits_a_long_catalog_path(tmp_path):
    from toolkit.glossary import Glossary
    from toolkit.review.export import FindingNotes, ReviewCatalog, write_review_workbook

    label = "translations/en/beijing-unions-poverty-alleviation.po"
    build_catalog(tmp_path / "article.po")
    catalog = ReviewCatalog.read(tmp_path / "article.po", label)
    write_review_workbook([catalog], tmp_path / "review.xlsx", findings=FindingNotes(), glossary=Glossary())
    ws = openpyxl.load_workbook(tmp_path / "review.xlsx")["Review"]
    assert ws.column_dimensions["A"].width == LOCATION_MAX_WIDTH  # and the path wraps, its row tall enough
    assert ws.cell(2, 1).value.startswith(f"{label}:") and ws.cell(2, 1).alignment.wrap_text
    assert ws.row_dimensions[2].height >= 3 * LATIN_LINE


def test_segments_that_look_like_formulas_stay_text(review_project):
    path = export()
    ws = openpyxl.load_workbook(path)["Review"]
    formula_like = [cell for row in ws.iter_rows(min_row=2) for cell in row
                    if isinstance(cell.value, str) and cell.value.startswith(("=", "-"))]
    assert {cell.value for cell in formula_like} == {"=1+1", "-the key"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in formula_like)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(r"<f[\s>/]", archive.read(name).decode("utf-8")), name


def test_findings_and_glossary_terms_are_those_of_the_check_and_glossary_engines(review_project):
    config = load_config()
    report = run_checks([Path(CATALOG)], config=config, glossary=load_glossary([], config))
    rows = rows_by_msgid(export())
    award = ENTRIES[3][1]
    expected = [f"{f.severity} {f.check}: {f.message}" for f in report.findings if f.msgid == award]
    assert any("Beijing Federation of Trade Unions" in line for line in expected)
    assert rows[award]["QA findings"].split("\n") == expected
    for msgid, row in rows.items():  # an untranslated or fuzzy entry's finding is its Status, not said twice
        mine = [f for f in report.findings if f.msgid == msgid and f.check not in ("untranslated", "fuzzy")]
        assert bool(row.get("QA findings")) == bool(mine), msgid
        shown = list(dict.fromkeys(f"{f.severity} {f.check}: {f.message}" for f in mine))  # each text once
        assert row.get("QA findings", "").split("\n") == shown or not mine
    assert rows[ENTRIES[2][1]]["Glossary terms"] == "北京市总工会 → Beijing Federation of Trade Unions"
    assert rows[ENTRIES[1][1]]["Glossary terms"] == "习近平 → Xi Jinping"
    assert "Glossary terms" not in rows[ENTRIES[4][1]]


def test_summary_has_coverage_findings_per_check_and_a_bar_chart(review_project):
    config = load_config()
    report = run_checks([Path(CATALOG)], config=config, glossary=load_glossary([], config))
    path = export()
    ws = openpyxl.load_workbook(path)["Summary"]
    values = [[cell.value for cell in row] for row in ws.iter_rows()]
    assert values[0] == ["Catalog", "Entries", "Translated", "Fuzzy", "Untranslated", "Coverage %"]
    translated = sum(1 for _, _, msgstr, flags, *_ in ENTRIES if msgstr and not flags)
    assert values[1] == [CATALOG, len(ENTRIES), translated, 1, 2, round(100 * translated / len(ENTRIES), 1)]
    checks_at = values.index(["Check", "Severity", "Findings", None, None, None])
    counted = {(row[0], row[1]): row[2] for row in values[checks_at + 1:] if row[0]}
    expected: dict = {}
    for finding in report.findings:
        expected[(finding.check, finding.severity)] = expected.get((finding.check, finding.severity), 0) + 1
    assert counted == expected and expected
    with zipfile.ZipFile(path) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode("utf-8")
    assert "<barChart>" in chart and "<f>'Summary'!$F$2</f>" in chart


def test_glossary_sheet_lists_the_terms(review_project):
    ws = openpyxl.load_workbook(export())["Glossary"]
    values = [[cell.value for cell in row][:2] for row in ws.iter_rows()]
    assert values == [["Source (zh)", "Target"], ["北京市总工会", "Beijing Federation of Trade Unions"],
                      ["习近平", "Xi Jinping"]]


def test_control_characters_are_escaped_in_the_file_and_restored(review_project):
    tricky = "Tab\there,\x01 bell\x07, CR\r, literal _x0041_ and \ufffe"
    build_catalog(review_project / CATALOG, [(None, "控制字符", tricky, [], "body", "")])
    path = export()
    raw = openpyxl.load_workbook(path)["Review"].cell(2, COLUMNS.index(TRANSLATION) + 1).value
    assert "\x01" not in raw and "\r" not in raw and "_x0001_" in raw and "_x005F_x0041_" in raw
    assert rows_by_msgid(path)["控制字符"]["Translation"] == tricky


def test_a_cell_over_excels_limit_is_an_error_naming_the_entry(review_project):
    longest, too_long = "长" * MAX_CELL_CHARS, "太长" + "长" * (MAX_CELL_CHARS - 1)
    build_catalog(review_project / CATALOG, [(None, longest, "", [], "body", ""), (None, too_long, "", [], "body", "")])
    line = {e.msgid: e.linenum for e in read_catalog(review_project / CATALOG)}[too_long]
    result = invoke("export", "-o", "review.xlsx")
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"Error: {CATALOG}:{line}: the source has 32,768 characters; an Excel "
                                     f"cell holds at most 32,767: {too_long[:40]}")
    assert not Path("review.xlsx").exists() and not list(review_project.glob(".review.xlsx*"))


def test_export_needs_an_xlsx_name_and_reports_json(review_project):
    result = invoke("export", "-o", "review.csv")
    assert result.exit_code == 2 and "must be an .xlsx file" in result.stderr
    import json

    data = json.loads(invoke("export", "-o", "review.xlsx", "--format", "json").stdout)
    assert data["rows"] == len(ENTRIES) and data["catalogs"][0]["path"] == CATALOG


def test_progress_is_tracked_by_the_library_and_silent_off_a_terminal(review_project):
    from toolkit.review.export import export_review

    seen = []

    def track(rows, count):
        seen.append(count)
        yield from rows

    config = load_config()
    export_review([Path(CATALOG)], Path("review.xlsx"), config=config, track=track)
    assert seen == [len(ENTRIES)]
    result = invoke("export", "-o", "again.xlsx")
    assert result.stderr == "" and result.stdout.startswith("again.xlsx: 8 rows from 1 catalog")


# --- import -----------------------------------------------------------------------------------


def test_import_without_edits_changes_no_byte(review_project):
    before = (review_project / CATALOG).read_bytes()
    path = export()
    result = invoke("import", str(path))
    assert result.exit_code == 0, result.output
    assert (review_project / CATALOG).read_bytes() == before
    assert result.stdout.strip() == (f"{path}: 0 applied, 0 unchanged, 0 skipped, 0 conflict, 0 unknown, "
                                     f"{len(ENTRIES)} unedited; no catalog changed")


def test_plural_entries_export_their_forms_and_import_unchanged(review_project):
    """A catalog with plural forms is read by polib, not the fast scan: its rows and hashes are the same kind."""
    catalog = review_project / CATALOG
    with catalog.open("a", encoding="utf-8") as handle:
        handle.write('\n# counted\nmsgid "一个工会"\nmsgid_plural "多个工会"\nmsgstr[0] "one union"\n'
                     'msgstr[1] "%d unions"\n')
    before = catalog.read_bytes()
    rows = {row[COLUMNS[2]]: row.values for row in read_review_sheet(export())}
    assert rows["一个工会"]["Translation"] == "[0] one union\n[1] %d unions"
    result = invoke("import", "review.xlsx")
    assert result.exit_code == 0, result.output
    assert "0 conflict" in result.stdout and catalog.read_bytes() == before


def test_a_translator_comment_added_after_the_export_is_a_conflict(review_project):
    path = export()
    address = ENTRIES[1][1]
    po = read_catalog(review_project / CATALOG)
    next(e for e in po if e.msgid == address).tcomment = "Check the title of the address.\nAnd the date."
    write_catalog(po, review_project / CATALOG)
    review(path, {address: {"Reviewer translation": "On New Year's Eve, President Xi Jinping spoke."}})
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert ": conflict: the entry changed in the catalog after the export (its translator comment or flags)" \
        in result.stdout


@pytest.mark.parametrize("number, edit", [(0, {"Decision": "approve"}), (2, {"Reviewer comment": "Fine now?"})])
def test_a_status_changed_after_the_export_is_a_conflict_that_says_so(review_project, number, edit):
    path = export()
    msgid, exported = ENTRIES[number][1], "fuzzy" if ENTRIES[number][3] else "translated"
    po = read_catalog(review_project / CATALOG)
    entry = next(e for e in po if e.msgid == msgid)
    entry.flags = [] if entry.flags else ["fuzzy"]
    write_catalog(po, review_project / CATALOG)
    before = (review_project / CATALOG).read_bytes()
    review(path, {msgid: edit})
    result = invoke("import", str(path))
    now = "translated" if exported == "fuzzy" else "fuzzy"
    assert result.exit_code == 1 and (review_project / CATALOG).read_bytes() == before
    assert f": conflict: the entry changed in the catalog after the export (status {exported} → {now})" \
        in result.stdout


def test_an_edit_on_a_sorted_and_filtered_sheet_lands_in_its_entry(review_project):
    path = export()
    fuzzy, award = ENTRIES[2][1], ENTRIES[3][1]
    better = "The Beijing Federation of Trade Unions won the \"Beijing Poverty Alleviation Cooperation Award\"."
    review(path, {award: {"Reviewer translation": better, "Decision": "change"}}, keep={award, fuzzy})
    before = entries(review_project)
    result = invoke("import", str(path))
    assert result.exit_code == 0, result.output
    after = entries(review_project)
    assert after[award].msgstr == better
    assert {m: e.msgstr for m, e in after.items() if m != award} == {m: e.msgstr for m, e in before.items()
                                                                     if m != award}
    assert "fuzzy" in after[fuzzy].flags
    assert f"{CATALOG}:{after[award].linenum}: applied: translation replaced" in result.stdout
    assert msgfmt_check(review_project / CATALOG).returncode == 0


def test_a_changed_translation_clears_fuzzy_or_marks_it(review_project):
    path = export()
    fuzzy, untranslated = ENTRIES[2][1], ENTRIES[4][1]
    text = "Building on earlier cooperation, in spring 2018 the Beijing Federation of Trade Unions became a " \
           "member of Beijing's leading group for poverty alleviation cooperation."
    review(path, {fuzzy: {"Reviewer translation": text},
                  untranslated: {"Reviewer translation": "Resolve like the Foolish Old Man; sound the call."}})
    result = invoke("import", "--mark-fuzzy", str(path))
    assert result.exit_code == 0
    after = entries(review_project)
    assert after[fuzzy].msgstr == text and "fuzzy" in after[fuzzy].flags
    assert "fuzzy" in after[untranslated].flags and "marked fuzzy" in result.stdout
    build_catalog(review_project / CATALOG)
    invoke("import", str(path))
    after = entries(review_project)
    assert after[fuzzy].msgstr == text and "fuzzy" not in after[fuzzy].flags
    assert msgfmt_check(review_project / CATALOG).returncode == 0


def test_comments_queries_and_approvals(review_project):
    path = export()
    address, fuzzy, award, untranslated = (ENTRIES[i][1] for i in (1, 2, 3, 4))
    review(path, {
        address: {"Reviewer comment": "Fine, but \"address\" reads better\r\nthan \"speech\".\x01"},
        fuzzy: {"Decision": "approve"},
        award: {"Decision": "query", "Reviewer comment": "Is the award's name official?",
                "Reviewer translation": "Beijing Poverty Alleviation Cooperation Prize"},
        untranslated: {"Decision": "approve"},
    })
    before = entries(review_project)
    result = invoke("import", str(path))
    assert result.exit_code == 0, result.output
    after = entries(review_project)
    assert after[address].tcomment == (f"{ENTRIES[1][5]}\nReviewer: Fine, but \"address\" reads better\n"
                                       f"than \"speech\".")
    assert "fuzzy" not in after[fuzzy].flags and after[fuzzy].msgstr == before[fuzzy].msgstr
    assert after[award].msgstr == before[award].msgstr
    assert after[award].tcomment == ("Query: Is the award's name official?\n"
                                     "Suggested: Beijing Poverty Alleviation Cooperation Prize")
    assert "skipped: approve, but the entry has no translation" in result.stdout
    assert "1 skipped" in result.stdout and "3 applied" in result.stdout
    assert msgfmt_check(review_project / CATALOG).returncode == 0
    again = invoke("import", str(path))
    assert "0 applied, 3 unchanged" in again.stdout and "no catalog changed" in again.stdout


def test_an_applied_edit_stamps_the_revision_date_and_an_import_of_nothing_new_does_not(review_project):
    from datetime import datetime, timezone

    from toolkit.review.imports import revision_stamp

    po = read_catalog(review_project / CATALOG)
    po.metadata["PO-Revision-Date"] = "2020-01-02 03:04+0000"
    write_catalog(po, review_project / CATALOG)
    path = export()
    review(path, {ENTRIES[4][1]: {"Reviewer translation": "Sound the call."}})
    start = revision_stamp()
    assert invoke("import", str(path)).exit_code == 0
    stamp = read_catalog(review_project / CATALOG).metadata["PO-Revision-Date"]
    assert start <= stamp <= revision_stamp()  # the same format sorts by time
    assert datetime.strptime(stamp, "%Y-%m-%d %H:%M%z").tzinfo == timezone.utc
    after = (review_project / CATALOG).read_bytes()
    again = invoke("import", str(path))  # the edit is there already: nothing is applied, no byte changes
    assert "0 applied, 1 unchanged" in again.stdout and (review_project / CATALOG).read_bytes() == after


def test_an_import_rewrites_only_the_entries_it_changed_and_the_header(review_project):
    """Every other entry keeps its bytes, even where they are not as polib would write them."""
    catalog = review_project / CATALOG
    text = catalog.read_text(encoding="utf-8")
    polib_wrapped = 'msgstr "Those above call, those below act."'
    assert text.count(polib_wrapped) == 1
    text = text.replace(polib_wrapped, 'msgstr "Those above call, "\n#~ "those below act."')
    catalog.write_text(text, encoding="utf-8")  # a hand-wrapped obsolete entry, which polib would re-join
    path = export()
    award = ENTRIES[3][1]
    review(path, {award: {"Reviewer translation": "The union won the award.", "Decision": "change"}})
    assert invoke("import", str(path)).exit_code == 0
    po = read_catalog(catalog)
    changed = next(e for e in po if e.msgid == award)
    header = polib.POFile(wrapwidth=po.wrapwidth)
    header.header, header.metadata = po.header, po.metadata
    old_entry = text[text.index("\n\n", text.index(ENTRIES[2][1])) + 2:text.index(ENTRIES[4][1])]
    old_entry = old_entry[:old_entry.rindex("\n\n") + 1]
    expected = text.replace(old_entry, changed.__unicode__(po.wrapwidth))
    expected = header.__unicode__() + expected[expected.index("\n\n") + 1:]
    assert catalog.read_text(encoding="utf-8") == expected
    assert 'msgstr "Those above call, "\n#~ "those below act."' in expected
    assert msgfmt_check(catalog).returncode == 0


def test_dry_run_reports_and_writes_nothing(review_project):
    path = export()
    review(path, {ENTRIES[4][1]: {"Reviewer translation": "Sound the call."}})
    before = (review_project / CATALOG).read_bytes()
    result = invoke("import", "--dry-run", str(path))
    assert result.exit_code == 0 and "1 applied" in result.stdout and f"would write {CATALOG}" in result.stdout
    assert (review_project / CATALOG).read_bytes() == before


def test_an_entry_changed_after_the_export_is_a_conflict_left_alone_unless_forced(review_project):
    path = export()
    address = ENTRIES[1][1]
    po = read_catalog(review_project / CATALOG)
    translator = "On New Year's Eve, President Xi Jinping gave his 2021 New Year speech."
    next(e for e in po if e.msgid == address).msgstr = translator
    write_catalog(po, review_project / CATALOG)
    before = (review_project / CATALOG).read_bytes()
    reviewer = "On New Year's Eve, President Xi Jinping delivered his 2021 New Year message."
    review(path, {address: {"Reviewer translation": reviewer}})
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert (review_project / CATALOG).read_bytes() == before
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if ": conflict: the entry changed" in line)
    assert lines[at + 1:at + 4] == [f"    exported: {ENTRIES[1][2]}", f"    now:      {translator}",
                                    f"    reviewer: {reviewer}"]
    forced = invoke("import", "--force", str(path))
    assert forced.exit_code == 0 and "forced over a later change" in forced.stdout
    assert entries(review_project)[address].msgstr == reviewer


def test_rows_that_cannot_be_applied_are_skipped_or_unknown_with_reasons(review_project):
    path = export()
    title, address, award, untranslated = (ENTRIES[i][1] for i in (0, 1, 3, 4))
    review(path, {title: {"Decision": "maybe"},
                  address: {"Reviewer translation": "A new line at the end\n"},
                  award: {"Decision": "change"},
                  untranslated: {"Reviewer translation": "Sound the call."}})
    po = read_catalog(review_project / CATALOG)
    po.remove(next(e for e in po if e.msgid == untranslated))
    write_catalog(po, review_project / CATALOG)
    before = (review_project / CATALOG).read_bytes()
    result = invoke("import", str(path))
    assert result.exit_code == 0
    out = result.stdout
    assert "skipped: decision 'maybe' is not one of approve, change, query" in out
    assert "skipped: the reviewer translation must end with a line break exactly when the source does" in out
    assert "skipped: decision 'change' without a reviewer translation" in out
    assert "unknown: no such entry in the catalog now" in out and f"    source:   {untranslated}" in out
    assert (review_project / CATALOG).read_bytes() == before


def test_a_formula_typed_by_the_reviewer_is_not_imported(review_project):
    path = export()
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    ws.cell(5, header_index(ws)["Reviewer translation"]).value = "=D5&\"!\""
    wb.save(path)
    result = invoke("import", str(path))
    assert "skipped: Reviewer translation holds a formula, not text" in result.stdout


def test_a_duplicated_row_is_applied_once(review_project):
    path = export()
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    columns = header_index(ws)
    for column in range(1, len(COLUMNS) + 1):
        ws.cell(ws.max_row + 1 if column == 1 else ws.max_row, column).value = ws.cell(2, column).value
    ws.cell(2, columns["Reviewer translation"]).value = "First"
    ws.cell(ws.max_row, columns["Reviewer translation"]).value = "Second"
    wb.save(path)
    result = invoke("import", str(path))
    assert entries(review_project)[ENTRIES[0][1]].msgstr == "First"
    assert "skipped: the same entry as row 2" in result.stdout


# --- bad workbooks ----------------------------------------------------------------------------


def rename_header(path: Path, old: str, new: str | None) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    ws.cell(1, header_index(ws)[old]).value = new
    wb.save(path)


def rename_sheet(path: Path, *_: object) -> None:
    wb = openpyxl.load_workbook(path)
    wb["Review"].title = "Sheet1"
    wb.save(path)


@pytest.mark.parametrize("spoil, message", [
    (lambda p: rename_header(p, "Key", None), "sheet 'Review' lacks the column 'Key' (renamed or deleted?)"),
    (lambda p: rename_header(p, "Reviewer translation", "Translation (reviewer)"),
     "sheet 'Review' lacks the column 'Reviewer translation'"),
    (rename_sheet, "no sheet named 'Review' (found: Sheet1, Summary, Glossary)"),
    (lambda p: p.write_text("Location,Source\n", encoding="utf-8"), "not an XLSX workbook"),
    (lambda p: p.write_bytes(p.read_bytes()[:2000]), "not an XLSX workbook"),
    (lambda p: p.unlink(), "no such file"),
])
def test_a_bad_workbook_is_one_error_and_touches_no_catalog(review_project, spoil, message):
    path = export()
    review(path, {ENTRIES[4][1]: {"Reviewer translation": "Sound the call."}})
    spoil(path)
    before = (review_project / CATALOG).stat()
    result = invoke("import", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    after = (review_project / CATALOG).stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)


def test_a_workbook_from_another_project_names_the_missing_catalog(review_project):
    path = export()
    review(path, {ENTRIES[4][1]: {"Reviewer translation": "Sound the call."}})
    (review_project / CATALOG).rename(review_project / "po" / "moved.po")
    result = invoke("import", str(path))
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: {path}: row ")
    assert "names catalog 'po/article.po', which is not there" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_import_reports_json_for_programs(review_project):
    import json

    path = export()
    review(path, {ENTRIES[4][1]: {"Reviewer translation": "Sound the call."}})
    result = invoke("import", "--format", "json", str(path))
    data = json.loads(result.stdout)
    assert data["counts"] == {"applied": 1, "unchanged": 0, "skipped": 0, "conflict": 0, "unknown": 0,
                              "unedited": len(ENTRIES) - 1}
    [row] = data["rows"]
    assert row["outcome"] == "applied" and row["changes"] == ["translation replaced"]
    assert row["source"] == ENTRIES[4][1] and data["written"] == [CATALOG]


# --- a real spreadsheet program -----------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
TRICKY = [(None, "公式", "=1+1", [], "body", ""), (None, "加号", "+86 10 1234", [], "body", ""),
          (None, "@提及", "@SUM(A1)", [], "body", ""), (None, "#N/A", "#N/A", [], "body", ""),
          (None, "控制\x01字符", "bell\x07, CR\r, tab\t, literal _x0041_", [], "body", ""),
          (None, "两行\n文字", "two\nlines", [], "body", ""), (None, "长句" * 2000, "long " * 3000, [], "body", "")]


def libreoffice(tmp: Path, target: str, workbook: Path, outdir: Path) -> Path:
    """Convert with LibreOffice headless, in a profile of its own so that parallel runs do not collide."""
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--convert-to",
                    target, "--outdir", str(outdir), str(workbook)], check=True, capture_output=True, timeout=180)
    return outdir / f"{workbook.stem}.{target.split(':')[0]}"


@needs_libreoffice
def test_libreoffice_reads_every_source_and_translation_intact(review_project):
    build_catalog(review_project / CATALOG, ENTRIES + TRICKY)
    csv_path = libreoffice(review_project, "csv:Text - txt - csv (StarCalc):44,34,76,1", export(),
                           review_project / "csv")
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [column.header for column in COLUMNS]
    source, translation = COLUMNS.index(SOURCE), COLUMNS.index(TRANSLATION)
    assert [(row[source], row[translation]) for row in rows[1:]] == \
        [(msgid, msgstr) for _, msgid, msgstr, *_ in ENTRIES + TRICKY]


@needs_libreoffice
def test_an_edit_saved_by_libreoffice_on_a_sorted_sheet_lands_in_its_entry(review_project):
    path = export()
    review(path, {ENTRIES[4][1]: {"Reviewer translation": "Resolve like the Foolish Old Man; sound the call.",
                                  "Reviewer comment": "Idiom: keep the allusion."}})
    saved = libreoffice(review_project, "xlsx:Calc MS Excel 2007 XML", path, review_project / "lo")
    result = invoke("import", str(saved))
    assert result.exit_code == 0 and "1 applied" in result.stdout, result.output
    entry = entries(review_project)[ENTRIES[4][1]]
    assert entry.msgstr == "Resolve like the Foolish Old Man; sound the call."
    assert entry.tcomment == "Reviewer: Idiom: keep the allusion."
