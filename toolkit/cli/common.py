"""Option bundles and output helpers shared by several commands."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, NoReturn

import click

from toolkit.config import Config, load_config


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """"1 term", "3 terms": a count and its noun, plural (with an s unless given) when the count is not one."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def exit_with(status: int) -> NoReturn:
    """End the command with an exit status (0 clean, 1 findings at error severity or conflicts): the one way
    every command sets it, as the group sets 2 for every ToolkitError."""
    raise click.exceptions.Exit(status)


def project_config() -> Config:
    return load_config()


def format_option(func: Callable) -> Callable:
    return click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="Output for people (text) or programs (json).")(func)


def glossary_option(func: Callable) -> Callable:
    return click.option("--glossary", "glossary_paths", multiple=True, type=click.Path(path_type=Path),
                        help="Glossary CSV/TBX file or folder (repeatable); default: the project's.")(func)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def use_colour(stream=None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def style(text: str, **styles: Any) -> str:
    return click.style(text, **styles) if use_colour() else text


def catalog_paths_or_default(paths: tuple[Path, ...], config: Config) -> list[Path]:
    """The catalogs named on the command line, or the project's configured ones."""
    from toolkit.po import iter_catalog_paths

    if paths:
        return iter_catalog_paths(paths)
    if not config.documents:
        raise click.UsageError("no catalogs given and no toolkit.toml project here")
    return iter_catalog_paths(config.catalogs)


class Progress:
    """A progress bar on stderr for long work (``minimum`` units or more), only when stderr is a terminal.

    Called as ``progress(done, total)``; used as a context manager that closes the bar.
    """

    def __init__(self, label: str, *, minimum: int = 0):
        self.label, self.minimum = label, minimum
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if total < self.minimum or not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
