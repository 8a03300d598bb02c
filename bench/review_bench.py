"""Benchmark the review workbook against bare openpyxl, measured in the same run.

Builds (in bench/out/) a catalog of 100,000 entries from the article (its
translated draft entries and its untranslated ones, numbered copies, every
tenth translated one fuzzy), finds its QA findings and glossary terms, then
times, in CPU seconds (best of --repeat; other processes on the machine do not
count), and in wall seconds for reference:
  plain    openpyxl write-only workbook of exactly the values the export wrote
           (read back from it), no styles: the floor
  styled   the same, with the export's cell styles (CJK font, wrap): what
           openpyxl itself needs to write this workbook
  export   write_review_workbook: those cells computed from the catalog, with
           keys, hashes, findings and glossary terms, and the Summary and
           Glossary sheets
  import   import_review of the workbook with 1% of rows edited by a
           "reviewer", against a bare openpyxl read-only pass over it; what
           it costs beyond that pass, polib's parse of the catalog and the
           write of the entries it changed (spliced into the file's text,
           timed apart, beside polib's full write) is its own work
and the peak RSS of fresh processes: the export given the findings (read
catalog + write workbook), and the whole `toolkit export` (checks too). The
export reads the catalog with toolkit.po's entry reader (timed apart beside
polib's parse), not polib.
Targets (issue 5): export <= 1.5x bare; peak memory < 300 MB; import in time
comparable to the export.

Usage: python bench/review_bench.py [--entries N] [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

import polib
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import NamedStyle
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.po.catalog import HEADER, entry_key, read_catalog, write_catalog  # noqa: E402
from toolkit.checks import run_checks  # noqa: E402
from toolkit.config import Config  # noqa: E402
from toolkit.glossary import load_glossary  # noqa: E402
from toolkit.review.sheet import FINDINGS, REVIEWER_TRANSLATION, SOURCE, TERMS, TRANSLATION, COLUMNS  # noqa: E402
from toolkit.review.export import (  # noqa: E402
    CJK_FONT, WRAP, FindingNotes, ReviewCatalog, export_review, write_review_workbook,
)
from toolkit.review.imports import import_review  # noqa: E402
from toolkit.po.read import read_entries  # noqa: E402

OUT = ROOT / "bench" / "out"
DRAFT = ROOT / "translations" / "drafts" / "literal-first-pass.po"
ARTICLE = ROOT / "translations" / "en" / "beijing-unions-poverty-alleviation.po"
TARGET_RATIO, TARGET_MB = 1.5, 300


def build_catalog(path: Path, entries: int) -> None:
    """The article's segments over and over, numbered; its draft translations where it has them."""
    draft = {e.msgid: e.msgstr for e in polib.pofile(str(DRAFT)) if e.msgid and e.msgstr}
    segments = [(e.msgid, draft.get(e.msgid, ""), e.comment) for e in polib.pofile(str(ARTICLE)) if e.msgid]
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for number in range(entries):
        msgid, msgstr, comment = segments[number % len(segments)]
        copy = number // len(segments)
        entry = polib.POEntry(msgid=f"{msgid}（第{copy}版）", msgstr=f"{msgstr} (edition {copy})" if msgstr else "",
                              comment=comment, occurrences=[("article.zh.txt", str(number + 1))])
        if msgstr and copy % 10 == 0:
            entry.flags.append("fuzzy")
        po.append(entry)
    write_catalog(po, path)


def timed(function, repeat: int) -> tuple[float, float]:
    """Best CPU seconds and best wall seconds over ``repeat`` runs."""
    cpu = wall = float("inf")
    for _ in range(repeat):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        function()
        cpu, wall = min(cpu, time.process_time() - start_cpu), min(wall, time.perf_counter() - start_wall)
    return cpu, wall


def sheet_values(path: Path) -> list[list[object]]:
    wb = load_workbook(path, read_only=True)
    rows = [list(row) for row in wb["Review"].iter_rows(values_only=True)]
    wb.close()
    return rows


def bare_workbook(rows: list[list[object]], path: Path, *, styled: bool) -> None:
    """The same cells written with openpyxl alone: plain values, or with the export's styles per column."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Review")
    looks = {SOURCE: {"font": CJK_FONT, "alignment": WRAP}, TRANSLATION: {"alignment": WRAP},
             FINDINGS: {"alignment": WRAP}, TERMS: {"alignment": WRAP}}
    arrays = {}
    for column, look in looks.items():
        style = NamedStyle(name=column.header, **look)
        wb.add_named_style(style)
        arrays[COLUMNS.index(column)] = style.as_tuple()
    for row in rows:
        if styled:
            row = [Cell(ws, row=1, column=1, value=value, style_array=arrays[number])
                   if value is not None and number in arrays else value for number, value in enumerate(row)]
        ws.append(row)
    wb.save(path)


def bare_read(path: Path) -> int:
    wb = load_workbook(path, read_only=True)
    cells = sum(1 for row in wb["Review"].iter_rows() for cell in row if cell.value is not None)
    wb.close()
    return cells


def reviewed_copy(rows: list[list[object]], path: Path, every: int) -> int:
    """The sheet as a reviewer might return it: every ``every``-th row given a new translation.

    With its <dimension>, as Excel and LibreOffice write it (a streamed openpyxl sheet has none unless told).
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Review")
    ws.calculate_dimension = lambda: f"A1:{get_column_letter(len(COLUMNS))}{len(rows)}"
    edited = 0
    for number, row in enumerate(rows):
        row = list(row)
        if number and number % every == 0:
            row[COLUMNS.index(REVIEWER_TRANSLATION)] = f"Reviewed translation {number}."
            edited += 1
        cells = []
        for value in row:
            cell = WriteOnlyCell(ws, value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        ws.append(cells)
    wb.save(path)
    return edited


def peak_mb() -> float:
    """This process's peak RSS. Linux's VmHWM, as ru_maxrss carries a parent's peak over into its children."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, catalog: Path, findings: Path, output: Path) -> None:
    """In a fresh process: the export given the findings ("write"), or the whole export ("whole")."""
    config = Config(root=ROOT, glossary=(ROOT / "glossary",))
    if mode == "whole":
        export_review([catalog], output, config=config)
    else:
        with findings.open("rb") as handle:
            found = pickle.load(handle)
        write_review_workbook([ReviewCatalog.read(catalog, catalog.name)], output, findings=found,
                              glossary=load_glossary([], config))
    print(json.dumps({"peak_mb": peak_mb()}))


def child_peak(mode: str, catalog: Path, findings: Path) -> float:
    run = subprocess.run([sys.executable, __file__, "--child", mode, str(catalog), str(findings),
                          str(OUT / f"child-{mode}.xlsx")], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.splitlines()[-1])["peak_mb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, *paths = args.child
        child(mode, *map(Path, paths))
        return

    OUT.mkdir(parents=True, exist_ok=True)
    catalog, review, bare, reviewed, found_path = (
        OUT / name for name in ("review.po", "review.xlsx", "bare.xlsx", "reviewed.xlsx", "findings.pickle"))
    build_catalog(catalog, args.entries)
    config = Config(root=ROOT, glossary=(ROOT / "glossary",))
    glossary = load_glossary([], config)
    parse, _ = timed(lambda: read_catalog(catalog), 1)
    scan, _ = timed(lambda: read_entries(catalog, catalog.name, words=False), 1)
    start = time.process_time()
    findings = FindingNotes.collect(run_checks([catalog], config=config, glossary=glossary).findings)
    checks = time.process_time() - start
    with found_path.open("wb") as handle:
        pickle.dump(findings, handle)
    catalogs = [ReviewCatalog.read(catalog, catalog.name)]

    export, export_wall = timed(
        lambda: write_review_workbook(catalogs, review, findings=findings, glossary=glossary), args.repeat)
    rows = sheet_values(review)
    plain, plain_wall = timed(lambda: bare_workbook(rows, bare, styled=False), args.repeat)
    styled, styled_wall = timed(lambda: bare_workbook(rows, bare, styled=True), args.repeat)

    write_peak = child_peak("write", catalog, found_path)
    whole_peak = child_peak("whole", catalog, found_path)

    edited = reviewed_copy(rows, reviewed, every=100)
    read_floor, read_wall = timed(lambda: bare_read(reviewed), 1)
    original = catalog.read_bytes()

    def run_import() -> None:
        catalog.write_bytes(original)
        report = import_review(reviewed, config=Config(root=OUT))
        assert report.counts["applied"] == edited, report.counts

    imported, imported_wall = timed(run_import, 1)
    po = read_catalog(catalog)
    written = OUT / "written.po"

    def write_po() -> None:
        written.unlink(missing_ok=True)
        write_catalog(po, written)

    write, _ = timed(write_po, 1)  # polib renders the whole catalog: what the import did before
    spliced = OUT / "spliced.po"
    spliced.write_bytes(original)
    po = read_catalog(spliced)
    changed = {HEADER}
    for number, entry in enumerate(po):
        if number % 100 == 1:  # as many entries as the import changes
            entry.msgstr = f"Reviewed translation {number}."
            changed.add(entry_key(entry))
    po.metadata["PO-Revision-Date"] = "2030-01-01 00:00+0000"
    splice, _ = timed(lambda: write_catalog(po, spliced, changed=changed), 1)  # what the import does now

    cells = sum(1 for row in rows for value in row if value is not None)
    print(f"entries {args.entries:,}  findings {sum(findings.counts.values()):,}  glossary terms {len(glossary.terms):,}  "
          f"cells {cells:,}  workbook {review.stat().st_size / 1e6:.1f} MB")
    print("                         CPU s   wall s")
    print(f"parse PO (polib)       {parse:7.2f}")
    print(f"read entries (scan)    {scan:7.2f}            (what the export reads the catalog with)")
    print(f"write PO (polib)       {write:7.2f}")
    print(f"write PO, changed only {splice:7.2f}            "
          f"({len(changed) - 1:,} entries and the header: the import's write)")
    print(f"checks (run_checks)    {checks:7.2f}")
    print(f"bare openpyxl, plain   {plain:7.2f}  {plain_wall:7.2f}")
    print(f"bare openpyxl, styled  {styled:7.2f}  {styled_wall:7.2f}")
    print(f"export (workbook)      {export:7.2f}  {export_wall:7.2f}   = {export / plain:.2f}x plain, "
          f"{export / styled:.2f}x styled   (target <= {TARGET_RATIO}x)")
    print(f"bare read-only pass    {read_floor:7.2f}  {read_wall:7.2f}")
    print(f"import                 {imported:7.2f}  {imported_wall:7.2f}   = {imported / read_floor:.2f}x bare read, "
          f"{imported / export:.2f}x export   ({edited:,} rows applied)")
    print(f"  of which beyond the read-only pass, the PO parse and the PO write: "
          f"{imported - read_floor - parse - splice:.2f} s")
    print(f"peak RSS, export given findings (read + write) : {write_peak:.0f} MB   (target < {TARGET_MB} MB)")
    print(f"peak RSS, whole `toolkit export` (checks too):   {whole_peak:.0f} MB")


if __name__ == "__main__":
    main()
