"""`toolkit export` and `toolkit import`: the Excel review workbook and back."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, TypeVar

import click

from toolkit.cli.common import catalog_paths_or_default, counted, echo_json, exit_with, format_option, glossary_option, \
    project_config, style

if TYPE_CHECKING:
    from toolkit.review.imports import ImportReport, RowResult

T = TypeVar("T")


@click.command()
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The workbook to write (.xlsx).")
@glossary_option
@format_option
def export(catalogs: tuple[Path, ...], output: Path, glossary_paths: tuple[Path, ...], output_format: str) -> None:
    """Write an Excel review workbook of CATALOGS (default: the project's).

    One row per entry with its QA findings and glossary terms; reviewers fill in
    the columns Reviewer translation, Reviewer comment and Decision, and
    `toolkit import` brings their work back.
    """
    from toolkit.review.export import export_review

    config = project_config()
    paths = catalog_paths_or_default(catalogs, config)
    result = export_review(paths, output, config=config, glossary_paths=glossary_paths,
                           track=_progress_bar if sys.stderr.isatty() else None)
    if output_format == "json":
        echo_json(result.as_dict())
        return
    click.echo(f"{output}: {counted(result.rows, 'row')} from {counted(len(result.catalogs), 'catalog')}, "
               f"{counted(result.findings, 'finding')}, {counted(result.terms, 'glossary term')}")


def _progress_bar(rows: Iterable[T], count: int) -> Iterator[T]:
    with click.progressbar(rows, length=count, label="Writing the review sheet", file=sys.stderr) as bar:
        yield from bar


@click.command("import")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--force", is_flag=True, help="Apply rows whose entry changed after the export, too.")
@click.option("--mark-fuzzy", is_flag=True, help="Mark replaced translations fuzzy for a translator to confirm.")
@format_option
def import_(workbook: Path, dry_run: bool, force: bool, mark_fuzzy: bool,
            output_format: str) -> None:
    """Apply the reviewer's edits in WORKBOOK to the PO files it was exported from.

    Rows are matched by their hidden key, so sorting and filtering do no harm.
    A row whose entry changed in the catalog after the export is a conflict:
    reported with both texts and left alone (exit status 1) unless --force.
    """
    from toolkit.review.imports import import_review

    report = import_review(workbook, config=project_config(), dry_run=dry_run, force=force, mark_fuzzy=mark_fuzzy)
    if output_format == "json":
        echo_json(report.as_dict())
    else:
        print_import_report(report)
    exit_with(report.exit_code)


def print_import_report(report: "ImportReport", *, item: str = "row") -> None:
    """Each item that did something, with the texts a conflict needs, then the counts (``item``: "row", …)."""
    colours = {"applied": "green", "skipped": "yellow", "conflict": "red", "unknown": "magenta"}
    for result in report.results:
        if result.outcome == "unchanged":
            continue
        detail = ", ".join(result.changes) if result.outcome == "applied" else result.reason
        click.echo(f"{item} {result.row}: {result.location}: {style(result.outcome, fg=colours[result.outcome])}: "
                   f"{detail}")
        for label, text in _texts(result):
            click.echo(f"    {label:<9} " + text.replace("\n", "\n" + " " * 14))
    counts = report.counts
    summary = ", ".join(f"{counts[name]} {name}" for name in ("applied", "unchanged", "skipped", "conflict",
                                                                "unknown", "unedited"))
    verb = "would write" if report.dry_run else "wrote"
    written = f"; {verb} {', '.join(report.written)}" if report.written else "; no catalog changed"
    click.echo(f"{report.workbook}: {summary}{written}")


def _texts(result: "RowResult") -> list[tuple[str, str]]:
    """The texts a person needs to settle a conflict or find an unknown row."""
    if result.outcome == "conflict":
        texts = [("exported:", result.exported), ("now:", result.current or ""), ("reviewer:", result.reviewer or "")]
        return [(label, text) for label, text in texts if text is not None]
    if result.outcome == "unknown":
        return [("source:", result.source)]
    return []
