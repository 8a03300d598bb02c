"""The fast entry reader gives exactly what polib gives, or steps aside for polib."""
from __future__ import annotations

from pathlib import Path

from unittest import mock

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.po.read import entries_from_polib, read_entries, scan_entries

REPO = Path(__file__).resolve().parent.parent
REPO_CATALOGS = sorted((REPO / "translations").rglob("*.po"))


def both_readers(path: Path):
    return scan_entries(path.read_bytes().decode("utf-8"), "x"), entries_from_polib(path, "x")


def streamed(path: Path, piece: int):
    """read_entries with the file read ``piece`` bytes at a time."""
    with mock.patch("toolkit.po.read._PIECE", piece):
        return read_entries(path, "x")


@pytest.mark.parametrize("path", REPO_CATALOGS, ids=lambda p: p.name)
def test_repository_catalogs_read_the_same_both_ways(path: Path) -> None:
    scanned, parsed = both_readers(path)
    assert scanned is not None, "the toolkit's own layout must take the fast path"
    assert scanned == parsed
    assert len(scanned[0]) == 94
    for piece in (1, 100, 1 << 20):
        with mock.patch("toolkit.po.read.entries_from_polib", side_effect=AssertionError("not streamed")):
            assert streamed(path, piece) == scanned


def test_lines_kinds_flags_and_statuses(tmp_path: Path) -> None:
    path = tmp_path / "small.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#. type: title\n#: a.txt:1\nmsgid "标题"\nmsgstr "Title"\n\n'
        '# a translator\'s note\n#, fuzzy, toolkit-ignore:numbers\n#| msgid "旧"\nmsgctxt "ctx"\nmsgid "第七次"\n'
        'msgstr "the sixth"\n\n'
        'msgid ""\n"很长的"\n"句子"\nmsgstr ""\n\n'
        '#~ msgid "删掉的"\n#~ msgstr "deleted"\n',
        encoding="utf-8")
    scanned, parsed = both_readers(path)
    assert scanned == parsed
    entries, stats = scanned
    assert [(e.line, e.kind, e.status, e.flags, e.msgctxt) for e in entries] == [
        (5, "title", "translated", (), None),
        (10, "body", "fuzzy", ("fuzzy", "toolkit-ignore:numbers"), "ctx"),
        (17, "body", "untranslated", (), None),
    ]
    assert entries[2].msgid == "很长的句子"
    assert [e.tcomment for e in entries] == ["", "a translator's note", ""]
    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete) == (1, 1, 1, 1)


@pytest.mark.parametrize("text", [
    '\ufeffmsgid "一"\nmsgstr "one"\n',  # byte-order mark
    'msgid "一"\r\nmsgstr "one"\r\n',  # CRLF
    '  msgid "一"\n  msgstr "one"\n',  # indented
    'msgid "一"\nmsgid_plural "一些"\nmsgstr[0] "one"\nmsgstr[1] "ones"\n',  # plural forms
    '#,fuzzy\nmsgid "一"\nmsgstr "one"\n',  # a flag line polib does not read as flags
    '# note\nmsgid "一"\nmsgstr "one"\n',  # no header entry: polib reads the top comment as the file's
])
def test_other_layouts_go_through_polib_with_the_same_result(tmp_path: Path, text: str) -> None:
    path = tmp_path / "other.po"
    path.write_text(text, encoding="utf-8", newline="")
    assert scan_entries(path.read_bytes().decode("utf-8"), "x") is None
    assert outcome(lambda: read_entries(path, "x")) == outcome(lambda: entries_from_polib(path, "x"))


def outcome(read):
    """What a reader gives: its result, or the located error it raises."""
    try:
        return read()
    except InputError as error:
        return str(error)


@pytest.mark.parametrize("text, line, message", [
    ('msgid "一"\nmsgstr "one"\n\nmsgid "一"\nmsgstr "uno"\n', 4, "duplicate msgid"),
    ('msgid "一"\nmsgstr "one\n\nmsgid "二"\nmsgstr "two"\n', 2, "unterminated string"),
])
def test_a_bad_catalog_is_one_located_error(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_entries(path, "x")
    assert error.value.line == line and message in str(error.value)


texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=120)


def agreeing(msgid: str, msgstr: str) -> str:
    """msgstr with a leading and a trailing line break where msgid has them, as gettext asks."""
    if not msgstr.strip("\n"):
        return ""
    return ("\n" if msgid.startswith("\n") else "") + msgstr.strip("\n") + ("\n" if msgid.endswith("\n") else "")


@st.composite
def catalogs(draw) -> polib.POFile:
    po = polib.POFile(wrapwidth=draw(st.sampled_from([0, 40, 78])))
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    seen = set()
    for _ in range(draw(st.integers(0, 8))):
        msgctxt = draw(st.none() | texts)
        msgid = draw(texts.filter(bool))
        if (msgctxt, msgid) in seen:
            continue
        seen.add((msgctxt, msgid))
        po.append(polib.POEntry(
            msgctxt=msgctxt, msgid=msgid, msgstr=agreeing(msgid, draw(texts)),
            flags=draw(st.lists(st.sampled_from(["fuzzy", "toolkit-ignore:numbers", "toolkit-ignore"]),
                                unique=True, max_size=2)),
            comment=draw(st.sampled_from(["", "type: heading", "type: body\nnote"])),
            tcomment=draw(st.sampled_from(["", "checked", "two\nlines", " leading space", "trailing space  ",
                                           "# a hash", "\u3000全角\u3000", "a\x1cb\x85c", "gap\n\nline", "\n",
                                           "\n\nafter"])),
            occurrences=[("a.txt", str(draw(st.integers(1, 999))))],
            obsolete=draw(st.booleans())))
    return po


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(po=catalogs(), piece=st.integers(1, 400))
def test_any_catalog_polib_writes_reads_the_same_both_ways(tmp_path: Path, po: polib.POFile, piece: int) -> None:
    path = tmp_path / "random.po"
    po.save(str(path))
    scanned, parsed = both_readers(path)
    assert scanned is not None, "polib's own layout must take the fast path"
    assert scanned == parsed
    with mock.patch("toolkit.po.read.entries_from_polib", side_effect=AssertionError("not streamed")):
        assert streamed(path, piece) == scanned, "read a piece at a time, the same entries and lines"
