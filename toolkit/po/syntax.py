"""The PO grammar: what the toolkit accepts as a catalog is what ``msgfmt --check-format`` accepts.

One grammar, written after GNU gettext's (po-lex.c, po-gram-gen.y,
msgl-check.c), is checked before any reader builds entries, so no command
accepts a file another refuses and none half-reads a broken one (polib
silently drops or truncates entries in some files gettext rejects):

- a file is a sequence of tokens: keywords (``msgctxt``, ``msgid``,
  ``msgid_plural``, ``msgstr``, ``msgstr[N]``, ``domain``), strings, and
  comments to the end of the line; ``#|`` lines hold an entry's previous
  keywords and strings, ``#~`` marks the rest of a line obsolete (``#~|``:
  obsolete and previous). ASCII white space, line breaks included, only
  separates tokens, so any layout and any wrapping are the same file;
- an entry is ``[previous] [msgctxt S] msgid S (msgstr S | msgid_plural S
  msgstr[0] S msgstr[1] S …)``, where S is one or more strings, with no
  comment inside it and all of it obsolete or none of it;
- strings hold no raw line break (a backslash ending a line joins it to the next); escapes are ``\\n \\t \\b \\r \\f \\v \\a
  \\\\ \\"``, octal (``\\101``) and hexadecimal (``\\x41``);
- no two entries (obsolete ones included) share msgctxt and msgid; in a
  translated entry that is not fuzzy, msgid and every msgstr both begin or
  both end with a line break, or neither does.

Two things differ from msgfmt, on purpose: a UTF-8 byte-order mark is
read past (Windows editors write one; msgfmt 0.21 refuses it), and the
format-string checks of ``#, c-format`` and its kin are not made (the
toolkit's catalogs carry no such flags).

The usual file, in the plain layout gettext tools, polib and the toolkit
write, is passed by one regular expression (:data:`_PLAIN_CATALOG`, a
subset of the grammar); any other file is tokenized and parsed here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from toolkit.errors import InputError

BOM = "\ufeff"
_SPACE = " \t\r\f\v"
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\",
                   '"': '"'}
_OCTAL, _HEX = "01234567", "0123456789abcdefABCDEF"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INDEX = re.compile(r"[ \t]*\[[ \t]*([0-9]+)[ \t]*\]")
_KEYWORDS = {"domain", "msgctxt", "msgid", "msgid_plural", "msgstr"}
_PREVIOUS_KEYWORDS = {"msgctxt", "msgid", "msgid_plural"}


def _plain_catalog() -> re.Pattern:
    """A whole catalog in the plain layout: every keyword at the start of its line with one string after one
    space, continuation strings alone on their lines, ``#~ `` before every line of an obsolete entry, comments
    only before an entry, blank lines only between entries. Possessive loops keep the match linear."""
    string = r'"[^"\\\n]*(?:\\(?:[ntbrfva\\"]|[0-7]{1,3}|x[0-9a-fA-F]+)[^"\\\n]*)*"'

    def block(keyword: str, prefix: str = "") -> str:
        return rf"{prefix}{keyword} {string}\n(?:{prefix}{string}\n)*+"

    def entry(prefix: str, previous: str) -> str:
        forms = [block(rf"msgstr\[{n}\]", prefix) for n in range(10)]
        plural = forms[0] + "".join(f"(?:{form}" for form in forms[1:]) + ")?" * (len(forms) - 1)
        before = (rf"(?:(?:{block('msgctxt', previous)})?{block('msgid', previous)}"
                  rf"(?:{block('msgid_plural', previous)})?)?")
        return (rf"{before}(?:{block('msgctxt', prefix)})?{block('msgid', prefix)}"
                rf"(?:{block('msgstr', prefix)}|{block('msgid_plural', prefix)}{plural})")

    comment = r"#(?:[^|~,\n][^\n]*)?\n|#, [^\n]*\n"  # flags as polib reads them: "#, " and a space
    return re.compile(rf"\n*(?:(?:{comment})*+(?:{entry('', '#[|] ')}|{entry('#~ ', '#~[|] ')})\n*+)*+")


_PLAIN_CATALOG = _plain_catalog()


@dataclass(slots=True)
class Token:
    kind: str  # COMMENT, STRING or a keyword (msgstr[N] is MSGSTR with its index)
    line: int
    text: str  # a comment's line, a string as written (quotes included), a keyword
    obsolete: bool
    previous: bool
    index: int = -1


@dataclass
class Message:
    """One entry as the grammar reads it: where it starts, its comment lines, and each keyword with its strings
    as written (previous keywords as ``#|msgid`` and so on)."""

    line: int
    obsolete: bool
    comments: list[str] = field(default_factory=list)
    parts: list[tuple[str, list[str]]] = field(default_factory=list)

    def value(self, keyword: str) -> str | None:
        for name, strings in self.parts:
            if name == keyword:
                return "".join(unescape(s) for s in strings)
        return None

    @property
    def fuzzy(self) -> bool:
        return any("fuzzy" in _flags(c) for c in self.comments)

    @property
    def msgstrs(self) -> list[str]:
        return ["".join(unescape(s) for s in strings) for name, strings in self.parts if name.startswith("msgstr")]


def _flags(comment: str) -> list[str]:
    return [flag.strip() for flag in comment[2:].split(",")] if comment.startswith("#,") else []


def check_po_syntax(text: str, path: Path) -> list[Message] | None:
    """Raise an InputError at the first thing msgfmt would refuse. None for a text in the plain layout (polib
    reads it as it is); else the entries the grammar read, for a reader that cannot take the text as it is."""
    text = text.removeprefix(BOM)
    if _PLAIN_CATALOG.fullmatch(text):
        return None  # entries are unique and newlines consistent: checked by the readers, entry by entry
    messages = parse(text, path)
    seen: dict[tuple[str | None, str], int] = {}
    for message in messages:
        msgid = message.value("msgid")
        key = (message.value("msgctxt"), msgid)
        if key in seen:
            raise InputError(f"duplicate msgid (first at line {seen[key]}): {msgid[:40]}", path=path,
                             line=message.line)
        seen[key] = message.line
        if not message.obsolete and not message.fuzzy:
            problem = newline_problem(msgid, message.value("msgid_plural"), message.msgstrs)
            if problem:
                raise InputError(problem, path=path, line=message.line)
    return messages


def newline_problem(msgid: str, msgid_plural: str | None, msgstrs: list[str]) -> str | None:
    """What msgfmt says of a translated, not fuzzy entry whose msgid and msgstr disagree on a leading or
    trailing line break; None when they agree (or the entry is the header or untranslated)."""
    if not msgid or not msgstrs or not msgstrs[0]:
        return None
    for where, test in (("begin", lambda s: s.startswith("\n")), ("end", lambda s: s.endswith("\n"))):
        expected = test(msgid)
        others = [("msgid_plural", msgid_plural)] if msgid_plural is not None else []
        named = others + ([(f"msgstr[{n}]", s) for n, s in enumerate(msgstrs)] if msgid_plural is not None
                          else [("msgstr", msgstrs[0])])
        for name, value in named:
            if test(value) != expected:
                return (f"msgid and {name} do not both {where} with a line break (\\n): "
                        f"add or remove it in the translation")
    return None


def parse(text: str, path: Path) -> list[Message]:
    """The entries of a PO text by the grammar, or an InputError at the first error."""
    tokens = list(_tokens(text, path))
    messages: list[Message] = []
    comments: list[Token] = []
    position, count = 0, len(tokens)
    while position < count:
        token = tokens[position]
        if token.kind == "COMMENT":
            comments.append(token)
            position += 1
            continue
        if token.kind == "domain":
            if position + 1 >= count or tokens[position + 1].kind != "STRING":
                raise InputError("PO syntax error: domain without its name", path=path, line=token.line)
            comments, position = [], position + 2
            continue
        start = comments[0].line if comments else token.line
        message = Message(start, token.obsolete, [c.text for c in comments])
        comments = []
        position = _read_message(tokens, position, message, path)
        messages.append(message)
    return messages


def _read_message(tokens: list[Token], position: int, message: Message, path: Path) -> int:
    """Read one entry's keywords and strings into ``message``; the position after them."""
    first = tokens[position]

    def take(keyword: str, previous: bool) -> bool:
        nonlocal position
        if position >= len(tokens):
            return False
        token = tokens[position]
        if token.kind != keyword or token.previous != previous:
            return False
        if token.obsolete != first.obsolete:
            raise InputError("PO syntax error: inconsistent use of #~ (an entry is obsolete in all its lines or "
                             "in none)", path=path, line=token.line)
        strings: list[str] = []
        position += 1
        while position < len(tokens) and tokens[position].kind == "STRING" and tokens[position].previous == previous:
            if tokens[position].obsolete != first.obsolete:
                raise InputError("PO syntax error: inconsistent use of #~ (an entry is obsolete in all its lines "
                                 "or in none)", path=path, line=tokens[position].line)
            strings.append(tokens[position].text)
            position += 1
        if not strings:
            raise InputError(f"PO syntax error: {keyword} without a string", path=path, line=token.line)
        name = f"{keyword}[{token.index}]" if token.index >= 0 else keyword
        message.parts.append((("#|" if previous else "") + name, strings))
        return True

    if first.previous:
        if take("msgctxt", True) and not (position < len(tokens) and tokens[position].kind == "msgid"
                                          and tokens[position].previous):
            raise InputError("PO syntax error: previous msgctxt (#|) without a previous msgid", path=path,
                             line=first.line)
        if not take("msgid", True):
            raise InputError("PO syntax error: a #| line that is not a previous msgid, msgctxt or string",
                             path=path, line=first.line)
        take("msgid_plural", True)
    take("msgctxt", False)
    if not take("msgid", False):
        where = tokens[position] if position < len(tokens) else tokens[-1]
        what = "string outside any entry" if where.kind == "STRING" else f"{where.kind} before its msgid"
        raise InputError(f"PO syntax error: {what}", path=path, line=where.line)
    msgid_line = tokens[position - 1].line
    if take("msgid_plural", False):
        index = 0
        while position < len(tokens) and tokens[position].kind == "msgstr" and not tokens[position].previous:
            if tokens[position].index != index:
                raise InputError(f"PO syntax error: plural form has wrong index (expected msgstr[{index}])",
                                 path=path, line=tokens[position].line)
            take("msgstr", False)
            index += 1
        if index == 0:
            raise InputError("PO syntax error: msgid_plural without msgstr[0]", path=path, line=msgid_line)
        return position
    if position < len(tokens) and tokens[position].kind == "msgstr" and not tokens[position].previous:
        if tokens[position].index >= 0:
            raise InputError("PO syntax error: msgstr[N] without msgid_plural", path=path,
                             line=tokens[position].line)
        take("msgstr", False)
        return position
    raise InputError("PO syntax error: msgid without msgstr", path=path, line=msgid_line)


def _tokens(text: str, path: Path) -> Iterator[Token]:
    """The tokens of a PO text, line by line, as gettext's lexer reads them."""
    lines = text.split("\n")
    last = len(lines)
    for number, line in _spliced(lines):
        position, end = 0, len(line)
        while position < end and line[position] in _SPACE:
            position += 1
        obsolete = previous = False
        if line.startswith("#~", position):
            obsolete, position = True, position + 2
            if line.startswith("|", position):
                previous, position = True, position + 1
        elif line.startswith("#|", position):
            previous, position = True, position + 2
        elif line.startswith("#", position):
            yield Token("COMMENT", number, line[position:].rstrip("\r"), False, False)
            continue
        while True:
            while position < end and line[position] in _SPACE:
                position += 1
            if position >= end:
                break
            char = line[position]
            if char == '"':
                close = _string_end(line, position, number, path, at_end=number == last)
                yield Token("STRING", number, line[position:close], obsolete, previous)
                position = close
            elif char == "#":
                yield Token("COMMENT", number, line[position:].rstrip("\r"), False, False)
                break
            else:
                word = _WORD.match(line, position)
                if word is None or word.group() not in (_PREVIOUS_KEYWORDS if previous else _KEYWORDS):
                    shown = word.group() if word else char
                    raise InputError(f"PO syntax error: not a PO keyword or string: {shown}", path=path,
                                     line=number)
                position = word.end()
                index = -1
                if word.group() == "msgstr":
                    bracket = _INDEX.match(line, position)
                    if bracket:
                        index, position = int(bracket.group(1)), bracket.end()
                yield Token(word.group(), number, word.group(), obsolete, previous, index)


def _spliced(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Each line and its number, a line ending in a backslash joined to the next, as gettext's lexer joins them
    before it reads a token (a string may so go on over a line break)."""
    number, count = 0, len(lines)
    while number < count:
        start, line = number + 1, lines[number]
        while line.endswith("\\") and number + 1 < count:
            number += 1
            line = line[:-1] + lines[number]
        yield start, line
        number += 1


def _string_end(line: str, start: int, number: int, path: Path, *, at_end: bool) -> int:
    """The position after the closing quote of the string opening at ``start``."""
    position, end = start + 1, len(line)
    while position < end:
        char = line[position]
        if char == '"':
            return position + 1
        if char == "\\":
            escape = line[position + 1:position + 2]
            if escape in _SIMPLE_ESCAPES:
                position += 2
            elif escape and escape in _OCTAL:
                position += 2
                for _ in range(2):
                    if position < end and line[position] in _OCTAL:
                        position += 1
            elif escape == "x" and position + 2 < end and line[position + 2] in _HEX:
                position += 3
                while position < end and line[position] in _HEX:
                    position += 1
            else:
                shown = "\\" + escape if escape else "\\ at the end of the line"
                raise InputError(f"PO syntax error: invalid escape {shown} (write \\\\ for a backslash)",
                                 path=path, line=number)
        else:
            position += 1
    where = "end of file" if at_end else "end of line"
    raise InputError(f"PO syntax error: unterminated string ({where} inside it)", path=path, line=number)


def unescape(string: str) -> str:
    """A string token's text (quotes included) as gettext reads it."""
    body = string[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    position, end = 0, len(body)
    while position < end:
        char = body[position]
        if char != "\\":
            out.append(char)
            position += 1
            continue
        escape = body[position + 1]
        if escape in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[escape])
            position += 2
        elif escape in _OCTAL:
            digits = position + 1
            stop = digits + 1
            while stop < min(end, digits + 3) and body[stop] in _OCTAL:
                stop += 1
            out.append(chr(int(body[digits:stop], 8) & 0xFF))
            position = stop
        else:  # x and hexadecimal digits
            stop = position + 2
            while stop < end and body[stop] in _HEX:
                stop += 1
            out.append(chr(int(body[position + 2:stop], 16) & 0xFF))
            position = stop
    return "".join(out)


def canonical_text(messages: list[Message]) -> str:
    """The entries in the plain layout, one keyword and its first string to a line, for a reader (polib) that
    reads only that layout; the same entries, comments and strings as written."""
    lines: list[str] = []
    for message in messages:
        # "#,fuzzy" is a flag line to gettext; polib reads flags, extracted comments and references after a space
        lines.extend(c[:2] + " " + c[2:] if c[1:2] in ",.:" and c[2:3] not in ("", " ") else c
                     for c in message.comments)
        prefix = "#~ " if message.obsolete else ""
        for name, strings in message.parts:
            lead = ("#~| " if message.obsolete else "#| ") + name[2:] if name.startswith("#|") else prefix + name
            more = ("#~| " if message.obsolete else "#| ") if name.startswith("#|") else prefix
            lines.append(f"{lead} {strings[0]}")
            lines.extend(more + s for s in strings[1:])
        lines.append("")
    return "\n".join(lines)
