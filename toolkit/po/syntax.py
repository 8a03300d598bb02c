"""The PO grammar: what the toolkit accepts as a catalog, checked before any reader builds entries.

polib accepts some broken files silently (it drops or truncates entries in a
file with an unterminated string or a msgid without msgstr); gettext rejects
them. Every reader in :mod:`toolkit.po` checks the text here first, so a
broken file is reported with its line, never half-loaded, and no command
accepts a file another refuses.
"""
from __future__ import annotations

import re
from pathlib import Path

from toolkit.errors import InputError

_STRING = r'"(?:[^"\\\n]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*({_STRING})\s*")
_STRING_LINE = re.compile(rf"{_STRING}\s*")


def _well_formed_catalog() -> re.Pattern:
    """One pattern for a whole catalog that check_po_syntax accepts, in its plainest layout.

    Lines are comments (not ``#~`` but ``#~|``, an obsolete entry's previous msgid), blank, or a keyword or continuation
    string (live or ``#~`` obsolete) between ASCII spaces and tabs; after a
    msgid no msgid or msgctxt comes before a msgstr. Possessive loops keep
    the match linear. Anything it does not match goes through the line loop.
    """
    string = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'

    def line(body: str) -> str:
        return rf"[ \t]*(?:#~[ \t]*)?{body}[ \t\r]*(?:\n|\Z)"

    continuation = line(rf"(?:msgid_plural[ \t]*)?{string}")
    neutral = rf"(?:[ \t\r]*\n|[ \t]*#(?:(?!~)|~\|)[^\n]*(?:\n|\Z)|{continuation})"
    msgstr = line(rf"msgstr(?:\[[0-9]+\])?[ \t]*{string}")
    msgctxt = line(rf"msgctxt[ \t]*{string}")
    msgid = line(rf"msgid[ \t]*{string}")
    return re.compile(rf"(?:{neutral}|{msgstr}|{msgctxt}|{msgid}{neutral}*+{msgstr})*+[ \t\r]*")


_WELL_FORMED = _well_formed_catalog()


def check_po_syntax(text: str, path: Path) -> None:
    """Reject what polib would silently misread (an unterminated string, a msgid without msgstr).

    polib accepts such files and drops or truncates entries; gettext rejects
    them. Checking first means a broken file is reported, never half-loaded.
    One regular expression passes the usual file; only a file it does not
    pass is read line by line, to accept it or to locate its first error.
    """
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows editors write: polib reads past it
    if not _WELL_FORMED.fullmatch(text):
        _check_lines(text, path)


def _check_lines(text: str, path: Path) -> None:
    """check_po_syntax line by line: the reference, and the locator of the first error."""
    pending_msgid: int | None = None
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.strip()
        if line.startswith("#~|"):
            continue  # an obsolete entry's previous msgid, as msgmerge and polib write it
        if line.startswith("#~"):
            line = line[2:].strip()
        elif line.startswith("#") or not line:
            continue
        keyword = _KEYWORD_LINE.fullmatch(line)
        if keyword:
            word = keyword.group(1)
            if word == "msgid" or word == "msgctxt":
                if pending_msgid is not None:
                    raise InputError("PO syntax error: msgid without msgstr", path=path, line=pending_msgid)
                if word == "msgid":
                    pending_msgid = number
            elif word.startswith("msgstr"):
                pending_msgid = None
        elif not _STRING_LINE.fullmatch(line):
            problem = "unterminated string" if line.count('"') % 2 else "not a PO keyword or string"
            raise InputError(f"PO syntax error: {problem}", path=path, line=number)
    if pending_msgid is not None:
        raise InputError("PO syntax error: msgid without msgstr", path=path, line=pending_msgid)


