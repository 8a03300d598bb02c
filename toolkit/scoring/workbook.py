"""The score report as an Excel workbook: corpus scores with a native chart, segments worst first, term problems."""
from __future__ import annotations

from pathlib import Path
from statistics import mean
from typing import Any, Iterable

from toolkit.errors import UsageError
from toolkit.files import atomic_path
from toolkit.scoring.metrics import METRICS
from toolkit.scoring.report import ScoreReport
from toolkit.scoring.segments import segment_quality
from toolkit.xlsx_text import text_row

HEADER_FILL = "DDE4EE"


def write_workbook(report: ScoreReport, path: str | Path) -> None:
    """Write the workbook through a temporary file in the same folder, then rename it into place."""
    from openpyxl import Workbook

    workbook = Workbook()
    _corpus_sheet(workbook.active, report)
    _segment_sheet(workbook.create_sheet("Segments"), report)
    if any(result.terms for result in report.drafts):
        _terms_sheet(workbook.create_sheet("Term problems"), report)
    try:
        with atomic_path(path) as temp:
            workbook.save(temp)
    except OSError as exc:
        raise UsageError(f"cannot write the workbook: {exc.strerror or exc}", path=path) from exc


def _corpus_sheet(sheet: Any, report: ScoreReport) -> None:
    from openpyxl.chart import BarChart, Reference

    sheet.title = "Corpus"
    keys = report.metrics
    labels = [METRICS[key].label for key in keys]
    header = ["Rank", "Draft", *labels, "Term accuracy %", "Term consistency %", "Forbidden terms",
              "Missing segments", "Fuzzy segments"]
    significance = report.significance
    if significance:
        header += [f"{label} μ ± 95% CI" for label in labels] + [f"{label} p" for label in labels]
    _append(sheet, header, header=True)
    ranks = {id(result): number for number, result in enumerate(report.ranking(), start=1)}
    for result in report.drafts:
        totals = result.terms.total if result.terms else None
        row = [ranks[id(result)], result.name, *(round(result.corpus[key].score, 2) for key in keys),
               _rounded(totals.accuracy if totals else None), _rounded(totals.consistency if totals else None),
               totals.forbidden if totals else None, result.draft.missing, result.draft.fuzzy]
        if significance:
            estimates = significance.estimates[result.name]
            row += [f"{estimates[key].mean:.2f} ± {estimates[key].ci:.2f}" for key in keys]
            row += [_rounded(estimates[key].p_value, 4) for key in keys]
        _append(sheet, row)
    count = len(report.drafts)
    sheet.append([])
    _append(sheet, ["Metric", "Signature"], header=True)
    signatures = significance.signatures if significance else report.signatures
    for label, signature in signatures.items():
        _append(sheet, [label, signature])
    if significance:
        _append(sheet, ["Significance", f"{significance.description} against {significance.baseline}"])
    if report.terminology_note:
        _append(sheet, ["Terminology", report.terminology_note])
    _widths(sheet, [6, 28, *[10] * len(keys), 16, 18, 16, 18, 16])

    chart = BarChart()
    chart.type = "col"
    chart.title = "Drafts against the reference" + (" (TER: lower is better)" if "ter" in keys else "")
    chart.y_axis.title = "score"
    data_columns = list(range(3, 3 + len(keys)))
    if any(r.terms and r.terms.total.accuracy is not None for r in report.drafts):
        data_columns.append(3 + len(keys))
    for column in data_columns:
        chart.add_data(Reference(sheet, min_col=column, min_row=1, max_row=1 + count), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=1 + count))
    chart.width, chart.height = 18, 9
    sheet.add_chart(chart, f"B{count + len(signatures) + 6}")


def _segment_sheet(sheet: Any, report: ScoreReport) -> None:
    inputs = report.inputs
    keys = report.metrics
    labels = [METRICS[key].label for key in keys]
    sources = ["Source"] if inputs.has_source else []
    header = ["Location", *sources] + [f"Reference {n}" if len(inputs.references) > 1 else "Reference"
                                       for n in range(1, len(inputs.references) + 1)]
    for result in report.drafts:
        header += [result.name] + [f"{result.name} {label}" for label in labels]
    _append(sheet, header, header=True)

    def mean_quality(index: int) -> tuple[float, ...]:
        """Worst first over all drafts: the mean of their sort keys."""
        keys = [segment_quality(result.segments, index) for result in report.drafts]
        return tuple(mean(values) for values in zip(*keys))

    for index in sorted(range(len(inputs.segments)), key=mean_quality):
        segment = inputs.segments[index]
        row = [segment.location, *([segment.source] if sources else []),
               *(stream[index] for stream in inputs.references)]
        for result in report.drafts:
            row.append(result.draft.hypotheses[index])
            row += [round(result.segments[key][index], 2) for key in keys]
        _append(sheet, row)
    sheet.freeze_panes = "C2" if sources else "B2"
    sheet.auto_filter.ref = sheet.dimensions
    text_width = 48
    _widths(sheet, [22] + [text_width] * (len(sources) + len(inputs.references))
            + [text_width, *[9] * len(keys)] * len(report.drafts))
    _wrap(sheet)


def _terms_sheet(sheet: Any, report: ScoreReport) -> None:
    _append(sheet, ["Draft", "Location", "Term", "Type", "Approved renderings", "Problem", "Translation"], header=True)
    for result in report.drafts:
        for problem in result.terms.problems if result.terms else ():
            term = problem.term
            what = ["missing"] if problem.missing else []
            what += [f"forbidden: {rendering}" for rendering in problem.forbidden]
            _append(sheet, [result.name, report.inputs.segments[problem.segment].location, term.source, term.type,
                            " | ".join(term.renderings), "; ".join(what), result.draft.hypotheses[problem.segment]])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _widths(sheet, [24, 22, 16, 10, 32, 24, 60])
    _wrap(sheet)


def _append(sheet: Any, values: Iterable[Any], *, header: bool = False) -> None:
    """Append a row; text under the workbooks' text policy (toolkit.xlsx_text): text, never a formula."""
    from openpyxl.styles import Font, PatternFill

    sheet.append(text_row(sheet, values))
    for cell in sheet[sheet.max_row]:
        if header:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)


def _rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _widths(sheet: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _wrap(sheet: Any) -> None:
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.alignment = wrap
