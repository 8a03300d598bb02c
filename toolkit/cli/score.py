"""`toolkit score`: drafts against reference translations, on the terminal, as JSON or as a workbook."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.cli.common import Progress, counted, echo_json, format_option, glossary_option, project_config, style

if TYPE_CHECKING:
    from toolkit.scoring import DraftResult, ScoreReport

SCORE_WIDTH = 1  # decimals, as the sacrebleu command line prints by default
LOCATIONS_SHOWN = 8  # reference lines listed per term with problems
BAR_FROM = 2000  # segments times metrics times drafts: a shorter run needs no bar (with TER, always one)


@click.command()
@click.argument("drafts", nargs=-1, type=click.Path(path_type=Path))
@click.option("--ref", "references", multiple=True, type=click.Path(path_type=Path),
              help="Reference translation, a PO catalog or a text file with one segment per line (repeatable); "
                   "default: [score] references in toolkit.toml.")
@glossary_option
@format_option
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path),
              help="Also write a workbook: corpus scores with a chart, segments worst first, term problems.")
@click.option("--metrics", default="bleu,chrf", show_default=True, metavar="NAMES",
              help="Metrics to compute, comma-separated, of bleu, chrf (chrF++) and ter (slow on long segments).")
@click.option("--summary", is_flag=True, help="Print only the ranking of the drafts.")
@click.option("--segments", "worst", type=click.IntRange(min=0), default=5, show_default=True,
              help="How many of the worst segments to print per draft.")
@click.option("--paired-ar", is_flag=True,
              help="Test significance by approximate randomization instead of paired bootstrap resampling.")
@click.option("--samples", type=click.IntRange(min=1), default=None,
              help="Bootstrap resamples or randomization trials  [default: 1000 or 10000, as sacrebleu].")
def score(drafts: tuple[Path, ...], references: tuple[Path, ...], glossary_paths: tuple[Path, ...],
          output_format: str, xlsx_path: Path | None, metrics: str, summary: bool, worst: int, paired_ar: bool,
          samples: int | None) -> None:
    """Score DRAFTs against the reference: BLEU, chrF++ (TER with --metrics), glossary terms and significance.

    PO catalogs are matched by msgctxt and msgid; text files line by line.
    With no arguments, the project's [score] references and drafts are scored.
    The first draft is the baseline of the paired significance tests.
    """
    from toolkit.scoring import score_project

    chosen = [name.strip().lower() for name in metrics.split(",") if name.strip()]
    with Progress("scoring", minimum=0 if "ter" in chosen else BAR_FROM) as progress:
        report = score_project(references, drafts, config=project_config(), glossary_paths=glossary_paths,
                               test="ar" if paired_ar else "bs", samples=samples or 0, metrics=chosen,
                               progress=progress)
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if xlsx_path is not None:
        from toolkit.scoring.workbook import write_workbook

        write_workbook(report, xlsx_path)
    if output_format == "json":
        echo_json(report.as_dict())
    elif summary:
        click.echo(render_summary(report))
    else:
        click.echo(render_text(report, worst))
    if xlsx_path is not None:
        click.echo(f"Wrote {xlsx_path}", err=True)


def render_summary(report: ScoreReport) -> str:
    """The ranking table alone."""
    return "\n".join(_ranking_lines(report))


def render_text(report: ScoreReport, worst: int) -> str:
    """The ranking, significance, signatures, terminology and worst segments, as plain text."""
    from toolkit.scoring import METRICS

    labels = [METRICS[key].label for key in report.metrics]
    name_width = max(len("Draft"), *(len(result.name) for result in report.drafts))
    lines = _ranking_lines(report)
    if report.significance:
        lines += ["", *_significance_lines(report, labels, name_width)]
    lines += ["", style("Signatures", bold=True)]
    signatures = report.significance.signatures if report.significance else report.signatures
    lines += [f"  {label:<8} {signature}" for label, signature in signatures.items()]
    if "BLEU" in report.segment_signatures:
        lines.append(f"  segment BLEU: {report.segment_signatures['BLEU']}")
    for result in report.drafts:
        if result.terms:
            lines += ["", *_term_lines(report, result)]
    if worst:
        for result in report.drafts:
            lines += ["", *_worst_lines(report, result, worst)]
    return "\n".join(lines)


def _ranking_lines(report: ScoreReport) -> list[str]:
    from toolkit.scoring import METRICS
    from toolkit.scoring.metrics import ranking_metric

    keys = report.metrics
    labels = [METRICS[key].label for key in keys]
    lines = [f"Reference: {', '.join(report.inputs.reference_paths)} ({counted(len(report.inputs.segments), 'segment')})", ""]
    name_width = max(len("Draft"), *(len(result.name) for result in report.drafts))
    with_terms = any(result.terms for result in report.drafts)
    header = ["#".rjust(2), "Draft".ljust(name_width), *(label.rjust(7) for label in labels), "Missing".rjust(7)]
    if with_terms:
        header += ["Terms %".rjust(8), "Consistent %".rjust(12), "Forbidden".rjust(9)]
    lines.append(style("  ".join(header), bold=True))
    for rank, result in enumerate(report.ranking(), start=1):
        cells = [str(rank).rjust(2), result.name.ljust(name_width),
                 *(f"{result.corpus[key].score:.{SCORE_WIDTH}f}".rjust(7) for key in keys),
                 str(result.draft.missing).rjust(7)]
        if with_terms:
            totals = result.terms.total
            cells += [_percent(totals.accuracy).rjust(8), _percent(totals.consistency).rjust(12),
                      str(totals.forbidden).rjust(9)]
        lines.append("  ".join(cells))
    better = ", ".join(f"{'higher' if METRICS[key].higher_is_better else 'lower'} {METRICS[key].label}" for key in keys)
    lines.append(f"Ranked by {METRICS[ranking_metric(keys)].label}; better is {better}. "
                 "Missing: segments the draft lacks or leaves untranslated, scored as empty.")
    if report.terminology_note:
        lines.append(f"Terminology {report.terminology_note}.")
    return lines


def _significance_lines(report: ScoreReport, labels: list[str], name_width: int) -> list[str]:
    significance = report.significance
    if len(report.drafts) == 1:
        lines = [style(f"Confidence ({significance.description}; score (bootstrap mean ± 95% CI))", bold=True)]
    else:
        lines = [style(f"Significance against {significance.baseline} ({significance.description}; "
                       "score (bootstrap mean ± 95% CI), p-value, * p < 0.05)", bold=True)]
    width = 32
    lines.append("  ".join(["Draft".ljust(name_width), *(label.ljust(width) for label in labels)]).rstrip())
    for result in report.drafts:
        cells = [result.name.ljust(name_width)]
        for key in report.metrics:
            estimate = significance.estimates[result.name][key]
            score, mean, ci = (f"{value:.{SCORE_WIDTH}f}" for value in (estimate.score, estimate.mean, estimate.ci))
            cell = f"{score} ({mean} ± {ci})"
            if estimate.p_value is None:
                cell += " baseline" if len(report.drafts) > 1 else ""
            else:
                cell += f" p={estimate.p_value:.4f}" + ("*" if estimate.p_value < 0.05 else "")
            cells.append(cell.ljust(width))
        lines.append("  ".join(cells).rstrip())
    return lines


def _term_lines(report: ScoreReport, result: DraftResult) -> list[str]:
    totals = result.terms.total
    lines = [style(f"Terminology of {result.name}", bold=True) +
             f": accuracy {_percent(totals.accuracy, '%')} ({totals.hits}/{totals.occurrences} occurrences), "
             f"consistency {_percent(totals.consistency, '%')} ({totals.consistent}/{totals.repeated} repeated terms), "
             f"{totals.forbidden} forbidden"]
    lines.append(f"  {'type':<8} {'occurrences':>11} {'accuracy':>9} {'consistency':>12} {'forbidden':>9}")
    for kind, tally in sorted(result.terms.by_type.items()):
        lines.append(f"  {kind:<8} {tally.occurrences:>11} {_percent(tally.accuracy):>9} "
                     f"{_percent(tally.consistency):>12} {tally.forbidden:>9}")
    by_term: dict[object, list] = {}
    for problem in result.terms.problems:
        by_term.setdefault(problem.term, []).append(problem)
    if by_term:
        lines.append("  problems, by term (reference lines):")
    for term, problems in sorted(by_term.items(), key=lambda item: -len(item[1])):
        missing = [p for p in problems if p.missing]
        forbidden = Counter(rendering for p in problems for rendering in p.forbidden)
        what = [f"missing {len(missing)}×"] if missing else []
        what += [f"forbidden “{rendering}” {count}×" for rendering, count in forbidden.items()]
        places = ", ".join(_where(report, problem.segment) for problem in problems[:LOCATIONS_SHOWN])
        more = f", … {len(problems) - LOCATIONS_SHOWN} more" if len(problems) > LOCATIONS_SHOWN else ""
        lines.append(f"    {term.source} → {term.target} ({term.type}): {', '.join(what)}; {places}{more}")
    return lines


def _worst_lines(report: ScoreReport, result: DraftResult, count: int) -> list[str]:
    from toolkit.scoring import METRICS
    from toolkit.scoring.metrics import QUALITY_ORDER, ranking_metric
    from toolkit.scoring.segments import worst_segments

    lines = [style(f"Worst segments of {result.name}", bold=True)
             + f" (reference line, lowest {METRICS[ranking_metric(result.segments)].label} first)"]
    for index in worst_segments(result.segments, count):
        segment = report.inputs.segments[index]
        scores = "  ".join(f"{METRICS[key].label} {result.segments[key][index]:.{SCORE_WIDTH}f}"
                           for key in QUALITY_ORDER if key in result.segments)
        lines.append(f"  {_where(report, index)}  {scores}")
        if segment.source is not None:
            lines.append(f"    source:    {segment.source}")
        for stream in report.inputs.references:
            if stream[index] is not None:
                lines.append(f"    reference: {stream[index]}")
        lines.append(f"    draft:     {result.draft.hypotheses[index] or '(missing)'}")
    return lines


def _where(report: ScoreReport, index: int) -> str:
    """A segment's line in the (first) reference, with the file named only when it is another reference."""
    segment = report.inputs.segments[index]
    return str(segment.line) if segment.path == report.inputs.reference_paths[0] else segment.location


def _percent(value: float | None, unit: str = "") -> str:
    return "n/a" if value is None else f"{value:.1f}{unit}"
