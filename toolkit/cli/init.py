"""`toolkit init`."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--source", "sources", multiple=True, type=click.Path(path_type=Path),
              help="A Chinese source (text, Markdown, HTML or DOCX) to copy in and segment (repeatable).")
def init(folder: Path, sources: tuple[Path, ...]) -> None:
    """Start a project in FOLDER (default: here): toolkit.toml, glossary/terms.csv, glossary/words.txt,
    translations/.

    Refuses to touch an existing project.
    """
    from toolkit.config import display_path
    from toolkit.project import init_project

    started = init_project(folder, list(sources))
    for document in started:
        click.echo(f"{display_path(document.catalog)}: {document.entries} entries from "
                   f"{display_path(document.source)}", err=True)
    click.echo(f"{display_path(folder.resolve() / 'toolkit.toml')}: project started", err=True)
