"""The `toolkit` command line: a click group whose commands load their modules on first use.

Each command module is a thin adapter over the library. Lazy loading keeps
`toolkit check` from importing openpyxl or sacrebleu; the group maps every
ToolkitError to one ``Error: …`` line and exit status 2.
"""
from __future__ import annotations

import importlib
import sys

import click

from toolkit import __version__
from toolkit.errors import ToolkitError

# command name -> "module:attribute", in the order `toolkit --help` lists them
COMMANDS = {
    "init": "toolkit.cli.init:init",
    "segment": "toolkit.cli.segment:segment",
    "stats": "toolkit.cli.segment:stats",
    "render": "toolkit.cli.segment:render",
    "check": "toolkit.cli.check:check",
    "glossary": "toolkit.cli.glossary:glossary",
    "words": "toolkit.cli.words:words",
    "export": "toolkit.cli.review:export",
    "import": "toolkit.cli.review:import_",
    "score": "toolkit.cli.score:score",
    "align": "toolkit.cli.align:align",
    "accept": "toolkit.cli.accept:accept",
    "tm": "toolkit.cli.tm:tm",
    "pretranslate": "toolkit.cli.tm:pretranslate",
    "xliff": "toolkit.cli.xliff:xliff",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module), attribute)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="toolkit")
def cli() -> None:
    """Chinese→English translation toolkit: segment, check, review, score and align PO catalogs."""


def main() -> None:
    cli(prog_name="toolkit")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
