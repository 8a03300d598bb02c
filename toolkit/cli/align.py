"""`toolkit align`: bring an existing English translation into a catalog, sentence by sentence."""
from __future__ import annotations

import shutil
import textwrap
import unicodedata
from pathlib import Path

import click

from toolkit.cli.common import glossary_option, project_config, style


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="[SOURCE] TRANSLATION", type=click.Path(path_type=Path))
@click.option("-o", "--output", "catalog", type=click.Path(path_type=Path),
              help="Catalog to fill (default: SOURCE if it is a catalog, else the project's for SOURCE).")
@click.option("--overwrite", is_flag=True, help="Replace translations that are not fuzzy too.")
@click.option("--report", is_flag=True, help="Print the links side by side, least confident first.")
@click.option("--xlsx", type=click.Path(path_type=Path), help="Write the links to this Excel sheet too.")
@glossary_option
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the Chinese source text.")
@click.option("--translation-encoding", default="utf-8", show_default=True, help="Encoding of TRANSLATION.")
@click.option("--dry-run", is_flag=True, help="Align and report; write no catalog.")
def align(paths: tuple[Path, ...], catalog: Path | None, overwrite: bool, report: bool, xlsx: Path | None,
          glossary_paths: tuple[Path, ...], encoding: str, translation_encoding: str, dry_run: bool) -> None:
    """Align an English TRANSLATION (plain text or Markdown, in paragraphs) to SOURCE's segments.

    SOURCE is the Chinese text or its catalog (default: the project's one
    catalog, when it has exactly one). The catalog's entries get the
    English, marked fuzzy, with the link's confidence in a translator comment
    ("# align: …"); an English sentence that renders two Chinese segments is
    given to both, the second flagged `joined` (render prints it once, with
    the first). Accept them with `toolkit accept`. Translated entries are kept
    unless --overwrite. A TRANSLATION that is plainly not of SOURCE is refused.
    """
    from toolkit.align import LOW_CONFIDENCE, align_translation
    from toolkit.glossary import load_glossary

    config = project_config()
    if len(paths) > 2:
        raise click.UsageError("give at most SOURCE and TRANSLATION")
    if len(paths) == 1:
        if len(config.catalogs) != 1:
            raise click.UsageError("give SOURCE too (the project does not name exactly one catalog)")
        paths = (config.catalogs[0], *paths)
    source, translation = paths
    result = align_translation(source, translation, catalog, overwrite=overwrite, dry_run=dry_run,
                               encoding=encoding, translation_encoding=translation_encoding,
                               glossary=load_glossary(glossary_paths, config), config=config, sheet=xlsx)
    alignment = result.alignment
    if report:
        click.echo(side_by_side(alignment.by_confidence(), shutil.get_terminal_size((120, 24)).columns))
    low = sum(1 for link in alignment.links if link.confidence < LOW_CONFIDENCE)
    fill = result.fill
    verb = "would fill" if dry_run else ("wrote" if result.written else "unchanged")
    click.echo(f"{config.relative(result.catalog)}: {verb}: {fill.filled} entries given English (fuzzy), "
               f"{fill.joined} joined to the previous one's, {fill.noted} given a note only, {fill.kept} translated "
               f"kept; {len(alignment.links)} links, "
               f"{low} below confidence {LOW_CONFIDENCE}, mean {alignment.mean_confidence:.2f}", err=True)


def side_by_side(links, width: int) -> str:
    """A text table: confidence, link kind, source line, Chinese and English wrapped in two columns."""
    column = max(20, (width - 19) // 2)
    lines = [f"{'conf':>5} {'link':<4} {'line':>5}  {pad('Chinese', column)}  English"]
    for link in links:
        chinese = wrap_wide("".join(link.source_text), column)
        english = textwrap.wrap(link.english, column) or [""]
        confidence = f"{link.confidence:5.2f}"
        if link.confidence < 0.5:
            confidence = style(confidence, fg="red")
        for row in range(max(len(chinese), len(english))):
            left = chinese[row] if row < len(chinese) else ""
            right = english[row] if row < len(english) else ""
            head = f"{confidence} {link.kind:<4} {link.line:>5}" if row == 0 else " " * 16
            lines.append(f"{head}  {pad(left, column)}  {right}".rstrip())
    return "\n".join(lines)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_wide(text: str, width: int) -> list[str]:
    """Chinese wrapped to a display width (two columns a character), breaking anywhere."""
    rows, row = [], ""
    for char in text:
        if display_width(row + char) > width:
            rows.append(row)
            row = ""
        row += char
    return [*rows, row] if row or not rows else rows


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))
