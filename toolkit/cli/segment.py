"""`toolkit segment`, `toolkit stats` and `toolkit render`."""
from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import catalog_paths_or_default, counted, echo_json, exit_with, format_option, project_config
from toolkit.config import CONFIG_NAME
from toolkit.documents import FORMATS

encoding_option = click.option("--encoding", default="utf-8", show_default=True,
                               help="Encoding of the source text (e.g. gb18030).")
source_format_option = click.option("--format", "source_format", type=click.Choice(list(FORMATS)),
                                    help="Format of the source (default: by its extension, else text).")


@click.command()
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", "catalog", type=click.Path(path_type=Path),
              help="Catalog to write or merge into (default: the project's for SOURCE).")
@encoding_option
@source_format_option
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.option("--acknowledge", is_flag=True,
              help="Record this run's warnings in toolkit-acknowledged.txt so later runs do not repeat them.")
def segment(source: Path | None, catalog: Path | None, encoding: str, source_format: str | None,
            dry_run: bool, acknowledge: bool) -> None:
    """Segment a Chinese SOURCE (text, Markdown, HTML, DOCX) into a PO catalog, merging into it if it exists.

    Without SOURCE, every source of the project is segmented into its catalog.
    """
    from toolkit.segment import acknowledge_warnings, acknowledged_warnings, segment_source

    config = project_config()
    seen = acknowledged_warnings(config)
    raised: list[str] = []
    if source is None:
        if catalog is not None:
            raise click.UsageError("-o needs SOURCE")
        if not config.documents:
            raise click.UsageError("give SOURCE (the project lists no sources yet)" if config.found
                                   else "give SOURCE (no toolkit.toml project here)")
        jobs = [(d.source, d.catalog) for d in config.documents]
    else:
        jobs = [(source, catalog)]
    for source_path, catalog_path in jobs:
        if catalog_path is None and config.found and config.document_for_source(source_path) is None:
            from toolkit.project import add_source

            document, result = add_source(config, source_path, encoding=encoding, source_format=source_format,
                                          dry_run=dry_run)
            source_path = document.source
            click.echo(f"{CONFIG_NAME}: {'would add' if dry_run else 'added'} {config.relative(document.source)} "
                       f"-> {config.relative(document.catalog)}", err=True)
        else:
            result = segment_source(source_path, catalog_path, encoding=encoding, dry_run=dry_run,
                                    source_format=source_format, config=config)
        for warning in result.warnings:
            key = warning.key(config.relative(source_path))
            raised.append(key)
            if key not in seen or acknowledge:
                click.echo(f"{config.relative(source_path)}:{warning.line}: warning: {warning.message}", err=True)
        report = result.report
        if dry_run:
            for line in report.lines() if not result.created else [f"+ new catalog, {len(report.added)} segments"]:
                click.echo(line)
        verb = ("would write" if dry_run else "wrote") if result.changed else "unchanged"
        click.echo(f"{config.relative(result.catalog)}: {verb}: {report.kept} kept, {len(report.added)} new, "
                   f"{len(report.fuzzy)} fuzzy, {len(report.obsoleted)} obsolete, {len(report.revived)} revived",
                   err=True)
    if acknowledge and raised:
        path = acknowledge_warnings(config, raised)
        click.echo(f"{config.relative(path)}: {counted(len(raised), 'warning')} acknowledged",
                   err=True)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option
def stats(paths: tuple[Path, ...], output_format: str) -> None:
    """Count translated, fuzzy, untranslated and obsolete segments, Chinese characters and English words."""
    from toolkit.stats import collect_stats

    table = collect_stats(catalog_paths_or_default(paths, project_config()))
    if output_format == "json":
        echo_json({"catalogs": [s.as_dict() for s in table.catalogs], "total": table.total.as_dict()})
        return
    rows = [*table.catalogs, table.total]
    width = max(len("catalog"), *(len(row.path) for row in rows))
    click.echo(f"{'catalog':<{width}} {'transl.':>7} {'fuzzy':>6} {'untr.':>6} {'obs.':>5} {'zh chars':>9} "
               f"{'en words':>9} {'cover':>7}")
    for row in rows:
        click.echo(f"{row.path:<{width}} {row.translated:>7} {row.fuzzy:>6} {row.untranslated:>6} {row.obsolete:>5} "
                   f"{row.source_chars:>9} {row.target_words:>9} {row.coverage:>6.1f}%")


@click.command()
@click.argument("catalog", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of stdout.")
@click.option("--source", type=click.Path(path_type=Path), help="Source text (default: from the project or references).")
@click.option("--markdown", is_flag=True,
              help="A plain-text source as Markdown: headings as headings, byline and credits in italics.")
@click.option("--drop-repeats", is_flag=True,
              help="Print a paragraph the source repeats only the first time (an editor's rendering).")
@click.option("--min-coverage", type=click.FloatRange(0, 100), help="Refuse to write below this percentage translated.")
@encoding_option
@source_format_option
def render(catalog: Path | None, output: Path | None, source: Path | None, markdown: bool, drop_repeats: bool,
           min_coverage: float | None, encoding: str, source_format: str | None) -> None:
    """Rebuild the English document from the source and CATALOG, in the source's format."""
    from toolkit.files import write_bytes_atomic, write_text_atomic
    from toolkit.render import render_catalog

    config = project_config()
    if catalog is None:
        if len(config.catalogs) != 1:
            raise click.UsageError("give CATALOG (the project does not name exactly one)")
        catalog = config.catalogs[0]
    result = render_catalog(catalog, source=source, markdown=markdown, drop_repeats=drop_repeats, encoding=encoding,
                            source_format=source_format, config=config)
    if result.data is not None and output is None:
        raise click.UsageError("the source is a binary document: give the output file with -o")
    if min_coverage is not None and result.coverage < min_coverage:
        click.echo(f"Error: {config.relative(catalog)}: {result.coverage:.1f}% translated, below --min-coverage {min_coverage:g}; "
                   "nothing written", err=True)
        exit_with(1)
    if output is None:
        click.echo(result.text, nl=False)
    elif result.data is not None:
        write_bytes_atomic(output, result.data)
    else:
        write_text_atomic(output, result.text)
    if result.left_in_chinese:  # once written: a run that fails says only why
        click.echo(f"{config.relative(catalog)}: {result.left_in_chinese} of {result.segments} segments untranslated or fuzzy, "
                   "left in Chinese", err=True)
