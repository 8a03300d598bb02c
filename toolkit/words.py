"""The project's word list: words the spelling check accepts though no dictionary has them.

A loanword (keiretsu), a medical term, a character's name: the translator
accepts it once, as "add to dictionary" in Xbench or Poedit, instead of a
glossary term (which needs a Chinese source and is then enforced). The list
is a plain UTF-8 file, one word a line, ``#`` starting a comment. A word
written in lower case is accepted in any case (keiretsu, Keiretsu); one
written with a capital only as written (Xiangxi, not xiangxi: a name in
lower case is a slip). Possessives and regular plurals of a listed word are
accepted too (keiretsu's, keiretsus).
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError, UsageError
from toolkit.files import decode, locked, read_bytes, write_text_atomic

HEADER = ("# Words the spelling check accepts, one a line (toolkit words add WORD). A word in lower case is\n"
          "# accepted in any case; one with a capital (a name) only as written.\n")
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")  # a word as the spelling check reads it
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class WordList:
    """The accepted words: in lower case (any case accepted) and with capitals (accepted as written)."""

    any_case: frozenset[str] = frozenset()
    exact: frozenset[str] = frozenset()

    @classmethod
    def of(cls, words: list[str]) -> "WordList":
        return cls(frozenset(w for w in words if w.islower()), frozenset(w for w in words if not w.islower()))

    def accepts(self, word: str) -> bool:
        """Whether a word as the text has it (possessive off) is listed, or is the plural of a listed word."""
        if not (self.any_case or self.exact):
            return False
        return any(form in self.exact or form.lower() in self.any_case for form in _singulars(word))

    def state(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The words in a stable order (what the findings cache's fingerprint holds)."""
        return tuple(sorted(self.any_case)), tuple(sorted(self.exact))


def _singulars(word: str) -> tuple[str, ...]:
    """The word and what it is the regular plural of, if it is one (keiretsus, Xiangxis, taxes, counties).
    Looser than toolkit.english's rules (a plural of a word ending in -u keeps it: keiretsus): a form is
    only ever looked up in the list."""
    if not word.endswith("s"):
        return (word,)
    return word, word[:-1], *((word[:-2],) if word.endswith("es") else ()), \
        *((word[:-3] + "y",) if word.endswith("ies") else ())


def accept_command(word: str) -> str:
    """The command that accepts a flagged word, as a shell takes it: toolkit words add keiretsu."""
    return f"toolkit words add {shlex.quote(normal_form(word))}"


def normal_form(word: str) -> str:
    """The word as the list keeps it: possessive off, one apostrophe (Toyota’s -> Toyota)."""
    return POSSESSIVE.sub("", word.strip().replace("’", "'"))


def read_words(path: Path) -> list[str]:
    """The words of a word list in file order (none when the file does not exist yet).

    A line holding anything but one word is an error naming the file and line: the spelling check reads
    words of letters and apostrophes, so a phrase or a hyphenated word would never match."""
    return _parse(_read(path), path)


def load_words(path: Path | None) -> WordList:
    """The word list at ``path`` (None, or a file not made yet: no words)."""
    return WordList.of(read_words(path)) if path is not None else WordList()


def _read(path: Path) -> str:
    """The file's text as it stands (a byte-order mark kept), "" when there is none yet."""
    return decode(read_bytes(path, what="a word list"), path) if path.exists() or path.is_symlink() else ""


def _parse(text: str, path: Path) -> list[str]:
    return [_checked(word, path, number) for number, line in enumerate(text.splitlines(), start=1)
            if (word := _word_of(line))]


def _word_of(line: str) -> str:
    return line.split("#", 1)[0].strip().removeprefix("\ufeff").strip()


def _checked(word: str, path: Path | None = None, line: int | None = None) -> str:
    """The word in its normal form; anything but one word is bad input in a file, bad usage on the command line."""
    if not WORD.fullmatch(word):
        hint = "; give its parts as words" if "-" in word or " " in word else ""
        if path is not None:
            raise InputError(f"{word!r} is not one word of letters (and apostrophes): one word a line{hint}",
                             path=path, line=line)
        raise UsageError(f"{word!r} is not one word of letters (and apostrophes){hint}")
    return normal_form(word)


def add_words(path: Path, words: list[str]) -> tuple[list[str], list[str]]:
    """Add words to the list after its last line (its order and comments kept), the file made with a comment
    line if new; a word the list accepts already is left out. Returns (added, there already).

    Every word is checked before the file is touched: one that is not a word changes nothing."""
    wanted = list(dict.fromkeys(_checked(word) for word in words))
    with locked(path):
        text = _read(path)
        listed = WordList.of(_parse(text, path))
        added: list[str] = []
        there: list[str] = []
        for word in wanted:  # (Xiangxi listed, xiangxi is new: in lower case it accepts more)
            covered = listed.accepts(word) or WordList.of(added).accepts(word)
            (there if covered else added).append(word)
        if added:
            newline = "\r\n" if "\r\n" in text else "\n"
            if not text:
                text = HEADER
            elif not text.endswith(("\n", "\r")):
                text += newline
            write_text_atomic(path, text + "".join(word + newline for word in added))
    return added, there


def remove_words(path: Path, words: list[str]) -> tuple[list[str], list[str]]:
    """Take words, as the list writes them, off it, keeping every other line as it is. Returns (removed,
    not listed)."""
    wanted = list(dict.fromkeys(_checked(word) for word in words))
    with locked(path):
        text = _read(path)
        listed = _parse(text, path)
        removed = [word for word in wanted if word in listed]
        if removed:
            write_text_atomic(path, "".join(line for line in text.splitlines(keepends=True)
                                            if normal_form(_word_of(line)) not in removed))
    return removed, [word for word in wanted if word not in removed]
