"""The whole-file syntax pattern never passes a catalog that the line-by-line check rejects."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.po.catalog import read_catalog
from toolkit.po.syntax import _WELL_FORMED, _check_lines
from toolkit.errors import InputError

LINES = [
    'msgid "a"', 'msgid ""', 'msgstr "b"', 'msgstr[0] "c"', 'msgctxt "k"', 'msgid_plural "p"', '"more"',
    '"esc \\" aped"', '#. type: body', '#: a.txt:3', '#, fuzzy', '# note', '#~ msgid "old"', '#~ msgstr "x"',
    '#~ "more"', '#~', '#~|', '#| msgid "prev"', '', '  ', '\t', 'msgid "open', '"open', 'msgid"tight"',
    'foo', 'msgstr ""  ', '  msgid "x"', 'msgid "a" "b"', '\u3000', '"\r"', 'msgstr [0] "x"', '#~msgid "y"',
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_the_fast_pattern_passes_only_what_the_line_check_passes(lines, newline, final_newline):
    text = newline.join(lines) + (newline if final_newline else "")
    if _WELL_FORMED.fullmatch(text):
        _check_lines(text, Path("x.po"))  # raises if the fast path let a bad file through


def test_the_usual_catalog_takes_the_fast_path():
    text = Path(__file__).parent.parent.joinpath(
        "translations/en/beijing-unions-poverty-alleviation.po").read_text("utf-8")
    assert _WELL_FORMED.fullmatch(text)


@pytest.mark.parametrize("content, line", [
    ('msgid "a"\nmsgstr "b"\n#~ msgid "c"\n', 3),
    ('msgid "a"\n\u3000msgstr "b"\nmsgid "c"\n', 3),
])
def test_files_off_the_fast_path_are_still_checked_line_by_line(tmp_path, content, line):
    path = tmp_path / "x.po"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_catalog(path)
    assert caught.value.line == line
