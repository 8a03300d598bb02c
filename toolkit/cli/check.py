"""`toolkit check`: quality checks over catalogs, as file:line messages that can gate CI."""
from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import Progress, echo_json, format_option, glossary_option, project_config, style, exit_with

SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
BAR_FROM = 5000  # entries: a shorter run is over before a bar could say anything


def _ids(values: tuple[str, ...]) -> list[str]:
    """Check ids from repeatable, comma-separated options: --select numbers,han --select glossary."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@glossary_option
@format_option
@click.option("--min-coverage", type=click.FloatRange(0, 100), metavar="PCT",
              help="Make a catalog with fewer than PCT% of entries translated an error.")
@click.option("--select", multiple=True, metavar="IDS", help="Run only these checks (comma-separated ids).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these checks (comma-separated ids).")
@click.option("--no-spelling", is_flag=True, help="Skip the spelling check.")
@click.option("--include-fuzzy", is_flag=True, help="Check fuzzy entries too (an aligned catalog, before accepting it).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Processes checking entries (default: one per CPU from 10,000 entries; 1: no workers).")
@click.option("--no-cache", is_flag=True, help="Check every entry afresh (not reusing findings of unchanged ones).")
@click.option("--list", "list_checks", is_flag=True, help="List the checks with their severities and exit.")
def check(paths: tuple[Path, ...], glossary_paths: tuple[Path, ...], output_format: str,
          min_coverage: float | None, select: tuple[str, ...], ignore: tuple[str, ...], no_spelling: bool,
          include_fuzzy: bool, jobs: int | None, no_cache: bool, list_checks: bool) -> None:
    """Check PO catalogs (default: the project's) for untranslated entries and translation errors.

    Prints `path:line: severity: [id] message` per finding, then coverage and
    counts. Exit status: 0 no errors, 1 errors found, 2 bad usage or input.
    Silence a check on one entry with the flag `#, toolkit-ignore:ID`; change
    severities in toolkit.toml under [check.severity]. Findings of entries
    unchanged since the last run come from the project's .toolkit-cache.
    """
    from toolkit.check_cache import cache_dir
    from toolkit.checks import REGISTRY, run_checks
    from toolkit.glossary import load_glossary

    config = project_config()
    if list_checks:
        overrides = config.severity
        for check_id, registered in REGISTRY.items():
            level = overrides.get(check_id, registered.severity)
            click.echo(f"{check_id:<17} {level:<8} {registered.doc}")
        return
    glossary = load_glossary(glossary_paths, config)
    with Progress("checking", minimum=BAR_FROM) as progress:
        report = run_checks(paths, config=config, glossary=glossary, select=_ids(select), ignore=_ids(ignore),
                            min_coverage=min_coverage, spelling=not no_spelling, jobs=jobs, progress=progress,
                            cache_dir=None if no_cache else cache_dir(config), include_fuzzy=include_fuzzy)
    if output_format == "json":
        echo_json(report.as_dict())
    else:
        _print_text(report)
    exit_with(report.exit_code)


def _print_text(report) -> None:
    for finding in report.findings:
        level = style(finding.severity, fg=SEVERITY_COLOURS[finding.severity], bold=finding.severity == "error")
        click.echo(f"{finding.path}:{finding.line}: {level}: [{finding.check}] {finding.message}")
    if report.findings:
        click.echo()
    for stats in report.coverage:
        click.echo(f"{stats.path}: {stats.translated}/{stats.total} translated ({stats.coverage:.1f}%), "
                   f"{stats.fuzzy} fuzzy, {stats.untranslated} untranslated")
    totals = {"error": 0, "warning": 0, "info": 0}
    for check_id, counts in report.counts().items():
        click.echo(f"  {check_id}: " + ", ".join(_plural(counts[level], level) for level in totals if counts[level]))
        for level in totals:
            totals[level] += counts[level]
    summary = ", ".join(_plural(count, level) for level, count in totals.items())
    click.echo(style(summary, fg="red" if totals["error"] else "green") if report.findings else "no problems found")


def _plural(count: int, level: str) -> str:
    return f"{count} {level}" if level == "info" or count == 1 else f"{count} {level}s"
