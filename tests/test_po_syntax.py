"""The grammar against GNU gettext: the toolkit accepts a PO text exactly when ``msgfmt --check-format`` does,
and both of its readers read the same entries from it."""
from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.po.catalog import plain_catalog, read_catalog
from toolkit.po.read import entries_from_polib, read_entries, scan_entries
from toolkit.po.syntax import _PLAIN_CATALOG, parse

from conftest import ARTICLE_CATALOG, msgfmt_check

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
# Pieces of strings: plain text, Chinese, escapes gettext takes and escapes it refuses.
PIECES = ["a", "b c", "中文", "\\n", "\\t", "\\\"", "\\\\", "\\a", "\\101", "\\x41", "\\q", "\\'", "%d", "#"]


@st.composite
def strings(draw) -> list[str]:
    """A string as one or more quoted pieces (its wrapping)."""
    parts = draw(st.lists(st.lists(st.sampled_from(PIECES), max_size=3).map("".join), min_size=1, max_size=3))
    return [f'"{part}"' for part in parts]


@st.composite
def entries(draw) -> list[str]:
    obsolete = draw(st.booleans()) and draw(st.booleans())
    prefix = "#~ " if obsolete else ""
    lines = draw(st.lists(st.sampled_from(["# note", "#. type: body", "#: a.txt:3", "#, fuzzy", "#,fuzzy", "#"]),
                          max_size=2))

    def keyword(name: str, quoted: list[str], lead: str = prefix) -> None:
        if draw(st.integers(0, 9)) == 0:
            lines.append(f"{lead}{name} " + " ".join(quoted))  # several strings on one line
        else:
            lines.append(f"{lead}{name} {quoted[0]}")
            lines.extend(f"{lead}{q}" for q in quoted[1:])

    if draw(st.integers(0, 4)) == 0:
        keyword("msgid", draw(strings()), "#~| " if obsolete else "#| ")
    if draw(st.integers(0, 4)) == 0:
        keyword("msgctxt", draw(strings()))
    # never an empty msgid: only the header has one (polib misreads a second, say with a msgctxt)
    msgid = draw(strings())
    keyword("msgid", [f'"m{msgid[0][1:]}', *msgid[1:]])
    if draw(st.integers(0, 5)) == 0:
        keyword("msgid_plural", draw(strings()))
        for index in range(draw(st.integers(1, 3))):
            keyword(f"msgstr[{index}]", draw(strings()))
    else:
        keyword("msgstr", draw(strings()))
    return lines


MUTATIONS = ["drop", "repeat", "garbage", "swap", "unterminate", "indent", "nbsp", "blank", "none", "none", "none"]


@st.composite
def po_texts(draw) -> str:
    lines = ([] if draw(st.booleans()) else HEADER.rstrip("\n").split("\n") + [""])
    for entry in draw(st.lists(entries(), min_size=1, max_size=4)):
        lines += entry + [""]
    for _ in range(draw(st.integers(0, 2))):
        mutation, at = draw(st.sampled_from(MUTATIONS)), draw(st.integers(0, len(lines) - 1))
        if mutation == "drop":
            del lines[at]
        elif mutation == "repeat":
            lines.insert(at, lines[at])
        elif mutation == "garbage":
            lines.insert(at, draw(st.sampled_from(["foo", "msgstr", '"stray"', "#~", "#| msgid", "msgid 'x'"])))
        elif mutation == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif mutation == "unterminate":
            lines[at] = lines[at].rstrip('"')
        elif mutation == "indent":
            lines[at] = "  " + lines[at]
        elif mutation == "nbsp":
            lines[at] = "\u00a0" + lines[at]
        elif mutation == "blank":
            lines.insert(at, "")
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return newline.join(lines) + ("" if draw(st.integers(0, 5)) == 0 else newline)


def msgfmt_accepts(path: Path) -> bool:
    return subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True).returncode == 0


def toolkit_accepts(path: Path) -> bool:
    try:
        read_catalog(path)
    except InputError:
        return False
    return True


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(po_texts())
def test_the_toolkit_accepts_a_catalog_exactly_when_msgfmt_does(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.po"
        path.write_bytes(text.encode("utf-8"))
        assert toolkit_accepts(path) == msgfmt_accepts(path), text
        if toolkit_accepts(path):
            scanned = scan_entries(text, "x")
            parsed = entries_from_polib(path, "x")
            if scanned is not None:
                assert scanned == parsed
            assert read_entries(path, "x") == parsed


@settings(max_examples=300, deadline=None)
@given(po_texts())
def test_the_plain_layout_pattern_passes_only_what_the_grammar_passes(text: str) -> None:
    if _PLAIN_CATALOG.fullmatch(text):
        parse(text, Path("x.po"))  # raises if the fast path let a bad file through


def test_the_usual_catalog_takes_the_fast_path() -> None:
    assert _PLAIN_CATALOG.fullmatch(ARTICLE_CATALOG.read_text("utf-8"))


@pytest.mark.parametrize("text", [
    'msgid "a" msgstr "b"\n',  # one line
    'msgid"a"\nmsgstr"b"\n',  # no space
    '  msgid "a"\n\tmsgstr "b"\n',  # indented
    'msgid "a" ""\r\nmsgstr "b"\r\n',  # two strings on a line, CRLF
    '#~msgid "a"\n#~msgstr "b"\n',  # obsolete without a space
    'msgid "a"\nmsgid_plural "as"\nmsgstr [0] "b"\nmsgstr[1] "bs"\n',  # a space before the index
    '#| msgctxt "k"\n#| msgid "x"\n#| "y"\nmsgid "a"\nmsgstr "b"\n',  # previous context and msgid
    '#, fuzzy\n#~| msgid "x"\n#~ msgid "a"\n#~ msgstr "b"\n',  # an obsolete entry's previous msgid
    'msgid "a"\nmsgstr "\\x41\\101\\a"\n',
])
def test_layouts_msgfmt_accepts_are_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.po"
    path.write_bytes(text.encode("utf-8"))
    assert msgfmt_accepts(path)
    po = read_catalog(path)
    assert [e.msgid for e in po] == ["a"]
    assert (po[0].msgstr or po[0].msgstr_plural[0]) in ("b", "\\x41\\101\\a")  # polib keeps \\x41 as written
    assert po[0].linenum == 1  # where the entry starts, its comments and previous lines included


def test_previous_msgid_with_two_strings_on_a_line_reads_as_polib_does(tmp_path):
    path = tmp_path / "x.po"
    text = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            '#, fuzzy\n#| msgid "旧" "句"\nmsgid "m"\nmsgstr "M"\n')
    path.write_text(text, encoding="utf-8")
    scanned, _ = scan_entries(text, "x.po")
    parsed, _ = entries_from_polib(path, "x.po")
    assert scanned == parsed and scanned[0].previous_msgid == "旧句"


FIELDS = ("msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural", "comment", "tcomment", "occurrences",
          "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "obsolete", "linenum")
COMMENT_LINES = ["# note", "#", "#  two spaces", "## hashes", "#. type: body", "#. ", "#.  indented", "#: a.txt:3 b.txt",
                 "#: c.txt:x :4", "#: ", "#, fuzzy", "#, a, b,", "#, ", '#| msgid "old"', '#| msgctxt "k"',
                 '#| "more"', '#| msgid_plural "olds"', "#. \u3000wide space\u3000"]


@st.composite
def plain_texts(draw) -> str:
    """Catalogs in the plain layout with every kind of comment line polib reads, in any order."""
    lines = HEADER.rstrip("\n").split("\n") + [""]
    for number in range(draw(st.integers(1, 5))):
        lines += draw(st.lists(st.sampled_from(COMMENT_LINES), max_size=4))
        prefix = "#~ " if draw(st.integers(0, 3)) == 0 else ""
        if draw(st.booleans()):
            lines.append(f'{prefix}msgctxt "c{number}"')
        lines += [f'{prefix}msgid "m{number}"', *(f'{prefix}"{s[1:-1]}"' for s in draw(strings())[:2]),
                  f'{prefix}msgstr {draw(strings())[0]}', ""]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_texts())
def test_the_plain_catalog_builder_gives_the_entries_polibs_parser_gives(text: str) -> None:
    """read_catalog builds a plain catalog's entries itself: field for field what polib's parser builds."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.po"
        path.write_bytes(text.encode("utf-8"))
        try:
            expected = polib.pofile(str(path), encoding="utf-8", wrapwidth=78)
        except OSError:
            expected = None
        built = plain_catalog(text, path)
        if built is None:
            return  # left to polib
        assert expected is not None, text
        assert (built.header, built.metadata, built.metadata_is_fuzzy, built.fpath) == \
            (expected.header, expected.metadata, expected.metadata_is_fuzzy, expected.fpath)
        assert [[getattr(e, name) for name in FIELDS] for e in built] == \
            [[getattr(e, name) for name in FIELDS] for e in expected], text


def test_the_article_catalog_is_built_without_polibs_parser() -> None:
    text = ARTICLE_CATALOG.read_text("utf-8")
    built = plain_catalog(text, ARTICLE_CATALOG)
    expected = polib.pofile(str(ARTICLE_CATALOG), encoding="utf-8", wrapwidth=78)
    assert built is not None and built.__unicode__() == expected.__unicode__()
    assert [e.linenum for e in built] == [e.linenum for e in expected]
