"""`toolkit xliff export` and `toolkit xliff import`: catalogs to CAT tools as XLIFF 1.2, and back."""
from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import catalog_paths_or_default, counted, echo_json, exit_with, format_option, project_config


@click.group()
def xliff() -> None:
    """XLIFF 1.2 for CAT tools (memoQ, Trados, OmegaT): "XLIFF in, XLIFF out"."""


@xliff.command()
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The XLIFF file to write (.xlf).")
def export(catalogs: tuple[Path, ...], output: Path) -> None:
    """Write CATALOGS (default: the project's) as one XLIFF 1.2 file, a <file> per catalog."""
    from toolkit.formats.xliff import write_xliff

    config = project_config()
    paths = catalog_paths_or_default(catalogs, config)
    result = write_xliff([(p, config.relative(p)) for p in paths], output,
                         source_lang=config.source_language, target_lang=config.target_language)
    plural = f" ({result.plural_skipped} plural entries left out)" if result.plural_skipped else ""
    click.echo(f"{output}: {counted(result.units, 'trans-unit')} from {counted(len(paths), 'catalog')}"
               f"{plural}", err=True)


@xliff.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--force", is_flag=True, help="Apply trans-units whose entry changed after the export, too.")
@format_option
def import_(file: Path, dry_run: bool, force: bool, output_format: str) -> None:
    """Apply the translations, states and translator notes in FILE to the catalogs it was exported from.

    Trans-units are matched by file and id. One whose entry changed in the catalog after the export
    is a conflict: reported and left alone (exit status 1) unless --force.
    """
    from toolkit.cli.review import print_import_report
    from toolkit.formats.xliff import import_xliff

    report = import_xliff(file, config=project_config(), dry_run=dry_run, force=force)
    if output_format == "json":
        echo_json(report.as_dict())
    else:
        print_import_report(report, item="trans-unit")
    exit_with(report.exit_code)
