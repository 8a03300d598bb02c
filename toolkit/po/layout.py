"""Keeping a catalog's layout: a file gettext tools wrapped is written back as they would write it.

gettext tools (msgcat, msgmerge, and Poedit through them) wrap strings at 79
columns by Unicode line-breaking rules, at another width with ``--width``, or
not at all with ``--no-wrap``;
polib wraps at 78 by its own. Each rewrapped the other's files, so every round
through them was a noisy diff. A catalog is read with the layout it was found
in (:func:`detect_layout`, from a sample run through msgcat), and a catalog
in a gettext layout is written through msgcat itself with the same wrapping
(:func:`in_layout`): a round trip changes only what changed. Catalogs
``toolkit segment`` creates take gettext's layout, so msgcat leaves them as
they are; a catalog where polib's and gettext's layouts agree is polib's.
Without msgcat on the PATH, everything is written in polib's layout. CR LF
line ends and a byte-order mark are kept too (:class:`Layout`).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass

import polib

from toolkit.po.plain import plain_entries

GETTEXT, NO_WRAP, TOOLKIT = "gettext", "no-wrap", "toolkit"
GETTEXT_WIDTH = 79  # msgcat's default
BOM = "\ufeff"
_SAMPLE = 1 << 16  # characters of a catalog's start that tell its layout
_WIDTHS = 5  # widths tried from the widest line of a sample that gettext wrapped otherwise than at 79 columns
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UTF8_HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
_HEADER_START = re.compile(r'(?:#[^\n]*\n)*msgid ""\nmsgstr ')  # polib's rendering of a header
_FLAG_LINE = re.compile(r"^#,(.*)$", re.MULTILINE)
_STRING_LINE = re.compile(r'^(?:#~ )?(?:msg[a-z_\[\]0-9]* )?"[^\n]*', re.MULTILINE)


@dataclass(frozen=True)
class Layout:
    """How a catalog's text is laid out: its wrapping (GETTEXT at ``width`` columns, NO_WRAP, or TOOLKIT:
    polib's own), its line ends and whether it starts with a byte-order mark."""

    wrap: str
    width: int = GETTEXT_WIDTH
    newline: str = "\n"
    bom: bool = False


def msgcat_available() -> bool:
    return shutil.which("msgcat") is not None


def default_layout() -> Layout:
    """The layout of a catalog the toolkit creates."""
    return Layout(GETTEXT if msgcat_available() else TOOLKIT)


def without_marks(text: str) -> tuple[str, str, bool]:
    """A catalog's text with line feeds for line ends and no byte-order mark, its line end, and whether it
    had the mark. Only a text whose every line ends with CR LF is taken for a CR LF one."""
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    lines = text.count("\n")
    if lines and "\r\n" in text and text.count("\r\n") == lines:
        return text.replace("\r\n", "\n"), "\r\n", bom
    return text, "\n", bom


def with_marks(text: str, layout: Layout) -> str:
    """The reverse of :func:`without_marks`: the layout's line ends and mark put back."""
    if layout.newline != "\n":
        text = text.replace("\n", layout.newline)
    return BOM + text if layout.bom else text


def detect_layout(text: str, newline: str = "\n", bom: bool = False) -> Layout:
    """The layout of a catalog's text (line feeds, no mark: see :func:`without_marks`): GETTEXT (at the width
    gettext wrapped it at) or NO_WRAP when msgcat leaves the catalog's first entries as they are and polib
    would not; else TOOLKIT (polib's layout, or one where the two agree)."""
    wrap, width = TOOLKIT, GETTEXT_WIDTH
    sample = text if len(text) <= _SAMPLE else text[:text.rfind("\n\n", 0, _SAMPLE) + 1]  # whole entries
    if msgcat_available() and sample.strip() and not _CONTROL.search(sample) and not _polib_writes(sample):
        widest = max((_columns(line) for line in _STRING_LINE.findall(sample)), default=0)
        tries = [(GETTEXT, GETTEXT_WIDTH), (NO_WRAP, GETTEXT_WIDTH)]
        tries += [(GETTEXT, columns) for columns in range(widest, widest + _WIDTHS) if columns != GETTEXT_WIDTH]
        wrap, width = next(((wrap, columns) for wrap, columns in tries if _msgcat(sample, Layout(wrap, columns)) == sample),
                           (TOOLKIT, GETTEXT_WIDTH))
    return Layout(wrap, width, newline, bom)


def _polib_writes(text: str) -> bool:
    """Whether polib writes the catalog ``text`` as it is."""
    try:
        return polib.pofile(text, wrapwidth=78).__unicode__() == text
    except (OSError, ValueError):  # a file polib cannot read: the reader says why
        return False


def _columns(line: str) -> int:
    """A line's width as gettext counts it when it wraps: two columns for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def in_layout(text: str, layout: Layout) -> str:
    """The catalog ``text`` (as polib writes it) as gettext tools write it in ``layout``, or as it is for
    TOOLKIT or if msgcat fails; with the layout's line ends and mark."""
    if layout.wrap != TOOLKIT and msgcat_available() and not _CONTROL.search(text):
        # (msgcat writes a control character as an escape (\\a) polib does not read back)
        written = _msgcat(text, layout)
        if written is not None and _flags(written) == _flags(text):  # else msgcat dropped a flag: polib's
            text = written
    return with_marks(text, layout)


def entries_in_layout(entries: list[str], layout: Layout) -> list[str] | None:
    """Entries polib rendered (each ending with its line break; a header first, if any) as msgcat writes
    them in ``layout`` (line feeds, no mark), in one run of msgcat; None if msgcat does not give them back
    one for one.

    msgcat needs the catalog's charset: a catalog without a header among ``entries`` is given a UTF-8 one,
    left out of the answer."""
    if layout.wrap == TOOLKIT or not msgcat_available() or any(_CONTROL.search(entry) for entry in entries):
        return entries
    added = not _HEADER_START.match(entries[0])  # a header for msgcat alone
    text = (_UTF8_HEADER if added else "") + "\n".join(entries)
    written = _msgcat(text, layout)
    found = list(plain_entries(written)) if written is not None else [None]
    if None in found or len(found) != len(entries) + added:
        return None
    relaid = [written[match.start():match.end("old_str" if obsolete else "str")] + "\n"
              for match, _, obsolete in found[added:]]
    # an entry whose flags msgcat would not keep (it drops those gettext does not know, as joined) stays polib's
    return [new if _flags(new) == _flags(entry) else entry for entry, new in zip(entries, relaid)]


def _flags(text: str) -> Counter[str]:
    """The flags of the ``#,`` lines of a catalog's text."""
    return Counter(flag.strip() for line in _FLAG_LINE.findall(text) for flag in line.split(","))


def _msgcat(text: str, layout: Layout) -> str | None:
    options = ["--no-wrap"] if layout.wrap == NO_WRAP else [] if layout.width == GETTEXT_WIDTH else \
        [f"--width={layout.width}"]
    result = subprocess.run(["msgcat", *options, "-o", "-", "-"], input=text.encode("utf-8"), capture_output=True)
    return result.stdout.decode("utf-8") if result.returncode == 0 else None
