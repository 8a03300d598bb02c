"""`toolkit tm` (update, import, export, search) and `toolkit pretranslate`."""
from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import catalog_paths_or_default, counted, echo_json, format_option, project_config, style
from toolkit.config import Config

tm_option = click.option("--tm", "tm_path", type=click.Path(path_type=Path),
                         help="Translation memory file (default: [tm] path in toolkit.toml, else .toolkit/tm.sqlite).")


def _open(tm_path: Path | None, config: Config, *, create: bool = True):
    from toolkit.tm import TranslationMemory

    return TranslationMemory(tm_path or config.tm_path, create=create)


@click.group()
def tm() -> None:
    """The translation memory: past translations, found again by fuzzy matching tuned for Chinese."""


@tm.command()
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=Path))
@tm_option
@click.option("--force", is_flag=True, help="Re-read catalogs even when unchanged since the last update.")
def update(catalogs: tuple[Path, ...], tm_path: Path | None, force: bool) -> None:
    """Fill the TM from the translated, non-fuzzy entries of CATALOGS (default: the project's).

    Each catalog's units are replaced by its current translations.
    """
    from toolkit.tm.update import update_from_catalogs

    config = project_config()
    paths = catalog_paths_or_default(catalogs, config)
    with _open(tm_path, config) as memory:
        report = update_from_catalogs(memory, paths, config, force=force)
        total = len(memory)
    skipped = f", {report.skipped_catalogs} catalog(s) unchanged" if report.skipped_catalogs else ""
    click.echo(f"{config.relative(tm_path or config.tm_path)}: {total} units ({report.added} added, "
               f"{report.removed} removed, {report.unchanged} unchanged{skipped})", err=True)


@tm.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@tm_option
def import_(files: tuple[Path, ...], tm_path: Path | None) -> None:
    """Add the units of TMX FILES to the TM (units already there are not added twice)."""
    from toolkit.formats import format_for_path

    config = project_config()
    read = [(path, format_for_path(path, "units").read(path, source_lang=config.source_language,
                                                       target_lang=config.target_language))
            for path in files]  # every file read before the TM is touched
    with _open(tm_path, config) as memory:
        for path, units in read:
            added = memory.add(units)
            click.echo(f"{path}: {len(units)} units, {added} new", err=True)


@tm.command()
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="TMX file to write.")
@tm_option
def export(output: Path, tm_path: Path | None) -> None:
    """Write the whole TM as TMX 1.4b, for CAT tools (Trados, memoQ, OmegaT)."""
    from toolkit.formats import format_for_path

    config = project_config()
    with _open(tm_path, config, create=False) as memory:
        count = format_for_path(output, "units").write(memory.units(), output, source_lang=config.source_language,
                                                       target_lang=config.target_language)
    click.echo(f"{output}: {count} units", err=True)


@tm.command()
@click.argument("text")
@tm_option
@click.option("--limit", default=20, show_default=True, help="Show at most this many units.")
@format_option
def search(text: str, tm_path: Path | None, limit: int, output_format: str) -> None:
    """Concordance: the units whose Chinese or English holds TEXT."""
    config = project_config()
    with _open(tm_path, config, create=False) as memory:
        units = memory.search(text, limit=limit)
    if output_format == "json":
        echo_json([{"source": u.source, "target": u.target, "context": u.context, "origin": u.origin,
                    "line": u.line, "date": u.date} for u in units])
        return
    for unit in units:
        click.echo(f"{style(unit.where, dim=True)}\n  {_highlight(unit.source, text)}\n"
                   f"  {_highlight(unit.target, text)}")
    click.echo(counted(len(units), "unit"), err=True)


def _highlight(text: str, needle: str) -> str:
    at = text.lower().find(needle.lower())
    if at < 0:
        return text
    return text[:at] + style(text[at:at + len(needle)], bold=True) + text[at + len(needle):]


@click.command()
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=Path))
@tm_option
@click.option("--exact-as", type=click.Choice(["translated", "fuzzy"]), default="translated", show_default=True,
              help="Status of exact (100%, same context) matches.")
@click.option("--min-score", type=click.IntRange(1, 100), default=75, show_default=True,
              help="Lowest fuzzy match to fill in (as fuzzy).")
@click.option("--dry-run", is_flag=True, help="Show what would be filled; write nothing.")
@format_option
def pretranslate(catalogs: tuple[Path, ...], tm_path: Path | None, exact_as: str, min_score: int, dry_run: bool,
                 output_format: str) -> None:
    """Fill untranslated entries of CATALOGS (default: the project's) from the TM; never overwrite a translation.

    The TM is first brought up to date with the project's catalogs.
    """
    from toolkit.tm.pretranslate import BANDS, pretranslate as fill
    from toolkit.tm.update import update_from_catalogs

    config = project_config()
    paths = catalog_paths_or_default(catalogs, config)
    with _open(tm_path, config) as memory:
        if config.catalogs and tm_path is None:
            update_from_catalogs(memory, [p for p in config.catalogs if p.is_file()], config)
        report = fill(memory, [(p, config.relative(p)) for p in paths], exact_as=exact_as, min_score=min_score,
                      dry_run=dry_run)
    if output_format == "json":
        echo_json(report.as_dict())
        return
    if dry_run:
        from toolkit.tm.matching import source_diff

        for filled in report.filled:
            click.echo(f"{filled.location}: {filled.percent}% from {filled.origin} ({filled.status})")
            if filled.percent < 100:
                click.echo(f"  diff: {source_diff(filled.previous, filled.source)}")
            click.echo(f"  {filled.translation}")
            for note in filled.notes:
                click.echo(f"  note: {note}")
    leverage = report.leverage
    click.echo("match       segments  characters", err=True)
    for label, _ in BANDS:
        click.echo(f"{label:<10}  {leverage.segments[label]:>8}  {leverage.characters[label]:>10}", err=True)
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{len(report.filled)} filled; {verb} {', '.join(report.written) or 'nothing'}", err=True)
