"""The plain layout: the catalog gettext tools, polib and the toolkit write, read one entry per regular expression.

Both fast readers stand on it: :mod:`toolkit.po.read` (:class:`~toolkit.po.read.Entry` records) and
:func:`toolkit.po.catalog.read_catalog` (polib's objects, built here without polib's line-by-line parser),
and so does the spliced write, which keeps the bytes of every entry it did not change.
"""
from __future__ import annotations

import re
from typing import Iterator

from polib import unescape

Key = tuple[str | None, str]


def _entry_pattern() -> re.Pattern:
    """One entry of the plain layout, and the blank lines after it.

    Comment lines are those polib reads the same way gettext does (``#``,
    ``# text``, ``#.``, ``#:``, ``#,`` followed by a space or nothing, and ``#|`` lines holding one
    previous keyword and string or one string);
    the translator comments (``#`` and ``# text``) are read as polib reads them.
    Comments and strings are captured, strings with their continuation lines.
    """
    string = r'"[^"\\\n\r]*(?:\\(?:[ntbrfva\\"]|[0-7]{1,3}|x[0-9a-fA-F]+)[^"\\\n\r]*)*"'  # the escapes gettext reads
    # previous (#|) lines with one keyword or none, then strings
    comment = rf"(?:#[.:,]?(?: [^\n\r]*)?\n|#\| (?:(?:msgctxt|msgid|msgid_plural) )?{string}(?: {string})*\n)*"

    def block(keyword: str, group: str, prefix: str = "") -> str:
        return rf"{prefix}{keyword} (?P<{group}>{string}(?:\n{prefix}{string})*)"

    live = rf"(?P<comments>{comment})(?:{block('msgctxt', 'ctx')}\n)?{block('msgid', 'id')}\n{block('msgstr', 'str')}"
    obsolete = (rf"(?P<old_comments>{comment})(?:#~\|[^\n\r]*\n)*(?:{block('msgctxt', 'old_ctx', '#~ ')}\n)?"
                rf"{block('msgid', 'obsolete', '#~ ')}\n{block('msgstr', 'old_str', '#~ ')}")
    return re.compile(rf"(?:{live}|{obsolete})(?:\n|\Z)\n*")


_ENTRY = _entry_pattern()
# polib's escapes (others, such as \a, stay as written)
_ESCAPES = (('\\"', '"'), ("\\n", "\n"), ("\\t", "\t"), ("\\r", "\r"), ("\\v", "\v"), ("\\b", "\b"), ("\\f", "\f"))
_BLANK_START = re.compile(r"\n*")


def plain_entries(text: str) -> Iterator[tuple[re.Match, Key, bool] | None]:
    """Each entry of a text in the plain layout (the :data:`_ENTRY` match, with the blank lines after it),
    its (msgctxt, msgid) key and whether it is obsolete; then None, and no more, where the text stops
    being the plain layout."""
    position = _BLANK_START.match(text).end()
    end = len(text)
    match_entry = _ENTRY.match
    while position < end:
        match = match_entry(text, position)
        if match is None:
            yield None
            return
        obsolete = match.group("obsolete") is not None
        read = obsolete_string if obsolete else plain_string
        context = match.group("old_ctx" if obsolete else "ctx")
        msgid = read(match.group("obsolete" if obsolete else "id"))
        yield match, (None if context is None else read(context), msgid), obsolete
        position = match.end()


def plain_string(block: str) -> str:
    """A quoted string and its continuation lines, joined and unescaped as polib does.

    A string holds no raw line break, so ``"`` + newline + ``"`` occurs only
    where one line's string ends and the next begins.
    """
    text = block[1:-1].replace('"\n"', "")
    if "\\" not in text:
        return text
    if "\\\\" in text:  # an escaped backslash: escapes must be read left to right
        return unescape(text)
    for escape, character in _ESCAPES:  # each backslash starts one escape: replace them kind by kind
        text = text.replace(escape, character)
    return text


def obsolete_string(block: str) -> str:
    """The same for the ``#~``-prefixed lines of an obsolete entry."""
    return plain_string(block.replace('"\n#~ "', '"\n"'))
