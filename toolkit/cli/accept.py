"""`toolkit accept`: clear fuzzy on aligned entries the aligner was confident about."""
from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import counted, project_config


@click.command()
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True, metavar="X",
              help="Accept only entries whose link confidence (in the align note) is at least X.")
@click.option("--dry-run", is_flag=True, help="Count what would be accepted; write nothing.")
def accept(catalogs: tuple[Path, ...], min_confidence: float, dry_run: bool) -> None:
    """Clear the fuzzy flag on entries `toolkit align` filled (default: the project's catalogs).

    Only entries with an align note ("# align: … confidence X") are touched;
    entries made fuzzy by a source change are left for a translator. Check
    them first with `toolkit check --include-fuzzy`.
    """
    from toolkit.align.accept import accept_aligned

    config = project_config()
    paths = list(catalogs) or config.catalogs
    for path in paths:
        report = accept_aligned(path, min_confidence, dry_run=dry_run)
        verb = "would accept" if dry_run else "accepted"
        below = f"; {report.below} left fuzzy (confidence below {min_confidence:g})" if min_confidence else ""
        accepted = counted(report.accepted, "aligned entry", "aligned entries")
        click.echo(f"{config.relative(path)}: {verb} {accepted}{below}", err=True)
