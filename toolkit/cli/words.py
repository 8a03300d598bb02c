"""`toolkit words`: the project's word list, words the spelling check accepts (loanwords, terms, names)."""
from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import counted, project_config
from toolkit.config import display_path
from toolkit.errors import UsageError


@click.group()
def words() -> None:
    """Words the spelling check accepts though no dictionary has them (glossary/words.txt, or
    [spelling] words in toolkit.toml).

    A word in lower case is accepted in any case; one with a capital (a name)
    only as written.
    """


def _words_file() -> Path:
    path = project_config().words_path
    if path is None:
        raise UsageError("no toolkit.toml project here: the word list belongs to a project")
    return path


@words.command()
@click.argument("new", nargs=-1, required=True, metavar="WORD...")
def add(new: tuple[str, ...]) -> None:
    """Accept words: add them to the word list (its order and comments kept)."""
    from toolkit.words import add_words

    path = _words_file()
    _report(path, "added", *add_words(path, list(new)), aside="accepted already")


@words.command()
@click.argument("old", nargs=-1, required=True, metavar="WORD...")
def remove(old: tuple[str, ...]) -> None:
    """Take words off the word list (as written there): the spelling check flags them again."""
    from toolkit.words import remove_words

    path = _words_file()
    _report(path, "removed", *remove_words(path, list(old)), aside="not in it")


def _report(path: Path, verb: str, done: list[str], others: list[str], *, aside: str) -> None:
    """One line on what changed in the list, and which words were left as they were and why."""
    listed = f": {', '.join(done)}" if done else ""
    left = f"; {aside}: {', '.join(others)}" if others else ""
    click.echo(f"{display_path(path)}: {verb} {counted(len(done), 'word')}{listed}{left}", err=True)


@words.command("list")
def list_() -> None:
    """Print the accepted words, one a line, in the list's order."""
    from toolkit.words import read_words

    path = _words_file()
    listed = read_words(path)
    for word in listed:
        click.echo(word)
    click.echo(f"{display_path(path)}: {counted(len(listed), 'word')}", err=True)
