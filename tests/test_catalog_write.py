"""Writing only what changed: a catalog saved with ``changed=`` is byte for byte what polib would write
for a catalog polib wrote, keeps the bytes of every unchanged entry of a hand-formatted one, and falls
back to polib's full rendering whenever the file does not line up."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import ARTICLE_CATALOG, msgfmt_check
from toolkit.po.catalog import (
    HEADER, catalog_text, entry_key, new_catalog, read_catalog, spliced_catalog_text, write_catalog,
)
from toolkit.errors import InputError

# Any character but controls (other than tab) and the line separators polib's writer splits lines at.
CHAR = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
TRICKY = st.sampled_from(['"', "\\", "\\n", '\\"', "\n", "\t", " ", "  ", "“北京”", "𠀋", "%s", "#~", "# ",
                         'msgid "'])
PIECE = st.one_of(st.text(CHAR, max_size=10), TRICKY)
TEXT = st.lists(PIECE, max_size=8).map("".join)
# Long texts wrap over several lines; words and spaces make textwrap break them in many places.
LONG = st.builds(lambda words, times: " ".join(words * times),
                 st.lists(st.text(CHAR, min_size=1, max_size=12), min_size=1, max_size=4), st.integers(5, 40))
SEGMENT = st.one_of(TEXT, TEXT, LONG)
# No backslash in comments: gettext reads one at the end of a comment line as a line continuation.
COMMENT = st.one_of(st.just(""), TEXT, LONG).map(lambda text: text.replace("\\", "/"))
HEADER_LINE = st.text(CHAR, max_size=20).map(lambda text: text.replace("\\", "/"))
FLAGS = st.lists(st.sampled_from(["fuzzy", "no-c-format", "no-wrap"]), unique=True, max_size=2)


def _matching(msgid: str, text: str) -> str:
    """``text`` beginning and ending with a line break exactly when ``msgid`` does, as msgfmt requires."""
    core = text.strip("\n")
    if not core:
        return ""
    return ("\n" if msgid.startswith("\n") else "") + core + ("\n" if msgid.endswith("\n") else "")


ENTRY = st.fixed_dictionaries({
    "msgctxt": st.one_of(st.none(), TEXT), "msgid": SEGMENT.filter(bool), "msgstr": SEGMENT, "flags": FLAGS,
    "tcomment": COMMENT, "comment": COMMENT, "line": st.one_of(st.none(), st.integers(1, 10**6)),
    "previous": st.one_of(st.none(), TEXT), "obsolete": st.booleans(),
})
ENTRIES = st.lists(ENTRY, min_size=1, max_size=8, unique_by=lambda e: (e["msgctxt"], e["msgid"]))
EDIT = st.fixed_dictionaries({"msgstr": st.one_of(st.none(), SEGMENT), "fuzzy": st.one_of(st.none(), st.booleans()),
                              "tcomment": st.one_of(st.none(), COMMENT)})


def polib_catalog(entries: list[dict], header: str) -> polib.POFile:
    po = new_catalog(project="property", source="source.txt")
    po.header = header
    for spec in entries:
        entry = polib.POEntry(msgctxt=spec["msgctxt"], msgid=spec["msgid"],
                              msgstr=_matching(spec["msgid"], spec["msgstr"]), flags=list(spec["flags"]),
                              tcomment=spec["tcomment"], obsolete=spec["obsolete"],
                              previous_msgid=spec["previous"] if "fuzzy" in spec["flags"] else None)
        if not spec["obsolete"]:
            entry.comment = spec["comment"]
            entry.occurrences = [("source.txt", str(spec["line"]))] if spec["line"] else []
        po.append(entry)
    return po


def check_written(path: Path) -> None:
    checked = msgfmt_check(path)
    assert checked.returncode == 0, checked.stderr


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=ENTRIES, header=st.lists(HEADER_LINE, max_size=3).map("\n".join),
       edits=st.lists(st.tuples(st.integers(0, 7), EDIT), max_size=5),
       new_header=st.one_of(st.none(), st.tuples(HEADER_LINE, TEXT)))
def test_writing_the_changed_entries_gives_polibs_own_bytes(entries, header, edits, new_header):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalog.po"
        write_catalog(polib_catalog(entries, header), path)
        try:
            po = read_catalog(path)
        except InputError:
            po = None
        # A catalog polib writes and reads back as it wrote it (polib's own round trip is not at issue here).
        assume(po is not None and catalog_text(po).encode("utf-8") == path.read_bytes())
        check_written(path)
        old = path.read_bytes()

        order = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
        changed = set()
        for number, edit in edits:
            entry = order[number % len(order)]
            if edit["msgstr"] is not None:
                entry.msgstr = _matching(entry.msgid, edit["msgstr"])
            if edit["fuzzy"] is not None and edit["fuzzy"] != ("fuzzy" in entry.flags):
                if edit["fuzzy"]:
                    entry.flags.insert(0, "fuzzy")
                else:
                    entry.flags.remove("fuzzy")
            if edit["tcomment"] is not None:
                entry.tcomment = edit["tcomment"]
            changed.add(entry_key(entry))
        if new_header is not None:
            po.metadata["PO-Revision-Date"] = "2030-01-02 03:04+0000"
            po.header = new_header[0]
            po.metadata["X-Note"] = new_header[1].replace("\n", " ")
            changed.add(HEADER)

        full = catalog_text(po)
        spliced = spliced_catalog_text(po, old, changed)
        assert spliced is not None  # a file polib wrote is always in the plain layout: no fallback
        assert spliced == full
        written = write_catalog(po, path, changed=changed)
        assert path.read_bytes() == full.encode("utf-8")
        assert written == (full.encode("utf-8") != old)
        check_written(path)


HAND_FORMATTED = '''\
# A hand-kept catalog.
msgid ""
msgstr ""
"Project-Id-Version: hand\\n"
"PO-Revision-Date: 2024-01-01 00:00+0000\\n"
"Last-Translator: \\n"
"Language-Team: English\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

#. type: title
#: article.zh.txt:1
msgid "北京市总工会"
"帮扶工作"
msgstr "The Beijing Federation "
"of Trade Unions' "
"assistance work"


#: article.zh.txt:2
#, fuzzy
msgid "第二段，一个很长的句子，它在这里没有按照七十八列折行，而是写在一行里面，一直写下去，写到很远很远的地方。"
msgstr "The second paragraph, a very long sentence that is not wrapped at seventy-eight columns here but written on one line."

msgctxt "menu"
msgid "文件"
msgstr ""
"File"

#~ msgid "旧的"
#~ msgstr "Old"
#~ " one"
'''


def blocks(text: str) -> list[str]:
    return text.split("\n\n")


def test_a_hand_formatted_catalog_keeps_its_unchanged_entries_byte_for_byte(tmp_path):
    path = tmp_path / "hand.po"
    path.write_text(HAND_FORMATTED, encoding="utf-8")
    check_written(path)
    po = read_catalog(path)
    second = [e for e in po if e.msgid.startswith("第二段")][0]
    second.msgstr = "The second paragraph, now reviewed, and long enough that polib wraps it over two lines."
    second.flags.remove("fuzzy")

    assert write_catalog(po, path, changed={entry_key(second)})
    text = path.read_text(encoding="utf-8")
    check_written(path)
    as_written = HAND_FORMATTED[HAND_FORMATTED.index("#: article.zh.txt:2"):HAND_FORMATTED.index('msgctxt "menu"')]
    assert text == HAND_FORMATTED.replace(as_written, second.__unicode__(po.wrapwidth) + "\n")
    assert second.__unicode__(po.wrapwidth).count("\n") == 5  # polib's wrapping: msgstr "" and two lines
    back = read_catalog(path)
    assert [(e.msgctxt, e.msgid, e.msgstr, e.flags, e.obsolete) for e in back] == \
        [(e.msgctxt, e.msgid, e.msgstr, e.flags, e.obsolete) for e in po]

    # The header too, and an obsolete entry: each becomes polib's rendering, the rest stays.
    po = read_catalog(path)
    po.metadata["PO-Revision-Date"] = "2030-01-02 03:04+0000"
    old_one = [e for e in po if e.obsolete][0]
    old_one.tcomment = "kept for reference"
    assert write_catalog(po, path, changed={HEADER, entry_key(old_one)})
    again = path.read_text(encoding="utf-8")
    check_written(path)
    assert again.startswith(polib.POFile.__unicode__(_header_only(po)))
    assert again.endswith("\n" + old_one.__unicode__(po.wrapwidth))
    assert blocks(again)[1:-1] == blocks(text)[1:-1]


def _header_only(po: polib.POFile) -> polib.POFile:
    header = polib.POFile(wrapwidth=po.wrapwidth)
    header.header, header.metadata = po.header, po.metadata
    return header


def test_nothing_changed_touches_nothing(tmp_path):
    path = tmp_path / "hand.po"
    path.write_text(HAND_FORMATTED, encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    po = read_catalog(path)
    assert write_catalog(po, path, changed=set()) is False
    assert path.read_text(encoding="utf-8") == HAND_FORMATTED and path.stat().st_mtime_ns == 10**18
    # An entry said to change but rendered as it stands in a file polib wrote: still no write.
    article = tmp_path / "article.po"
    article.write_bytes(ARTICLE_CATALOG.read_bytes())
    os.utime(article, ns=(10**18, 10**18))
    po = read_catalog(article)
    assert write_catalog(po, article, changed={HEADER, *[entry_key(e) for e in po][:3]}) is False
    assert article.read_bytes() == ARTICLE_CATALOG.read_bytes() and article.stat().st_mtime_ns == 10**18


@pytest.mark.parametrize("alter", ["added", "removed", "reordered", "obsoleted unsaid"])
def test_entries_added_removed_moved_or_made_obsolete_are_spliced_around_the_rest(tmp_path, alter):
    path = tmp_path / "hand.po"
    path.write_text(HAND_FORMATTED, encoding="utf-8")
    po = read_catalog(path)
    live = [e for e in po if e.msgid and not e.obsolete]
    live[0].msgstr = "Changed."
    if alter == "added":
        po.append(polib.POEntry(msgid="新的", msgstr="New"))
    elif alter == "removed":
        po.remove(live[1])
    elif alter == "reordered":
        po.remove(live[2])
        po.insert(0, live[2])
    else:  # made obsolete without naming it as changed: its live bytes are not the obsolete entry's
        live[2].obsolete = True
    assert write_catalog(po, path, changed={entry_key(live[0])})
    check_written(path)
    text = path.read_text(encoding="utf-8")
    long_line = [line for line in HAND_FORMATTED.splitlines() if line.startswith("msgstr \"The second")][0]
    assert (long_line in text) == (alter != "removed")  # an untouched entry keeps the layout polib would not write
    assert text.endswith('#~ msgid "旧的"\n#~ msgstr "Old"\n#~ " one"\n')
    assert ('#~ msgid "文件"' in text) == (alter == "obsoleted unsaid")
    written = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    assert [(e.msgctxt, e.msgid, e.msgstr, e.flags, bool(e.obsolete)) for e in read_catalog(path)] == \
        [(e.msgctxt, e.msgid, e.msgstr, e.flags, bool(e.obsolete)) for e in written]


@pytest.mark.parametrize("alter", ["plural", "duplicate"])
def test_anything_that_does_not_line_up_falls_back_to_polibs_full_write(tmp_path, alter):
    path = tmp_path / "hand.po"
    text = HAND_FORMATTED
    if alter == "plural":
        text += '\nmsgid "一个"\nmsgid_plural "多个"\nmsgstr[0] "one"\nmsgstr[1] "many"\n'
    path.write_bytes(text.encode("utf-8"))
    po = read_catalog(path)
    live = [e for e in po if e.msgid and not e.obsolete]
    changed = {entry_key(live[0])}
    live[0].msgstr = "Changed."
    if alter == "duplicate":
        po.append(polib.POEntry(msgctxt=live[2].msgctxt, msgid=live[2].msgid, msgstr="again"))
    assert spliced_catalog_text(po, path.read_bytes(), changed) is None
    assert write_catalog(po, path, changed=changed)
    assert path.read_bytes() == catalog_text(po).encode("utf-8")


def test_a_changed_entry_made_obsolete_moves_nothing_when_it_is_last(tmp_path):
    path = tmp_path / "hand.po"
    path.write_text(HAND_FORMATTED.split("#~ msgid")[0].rstrip("\n") + "\n", encoding="utf-8")
    po = read_catalog(path)
    last = [e for e in po if e.msgid == "文件"][0]
    last.obsolete = True
    assert write_catalog(po, path, changed={entry_key(last)})
    assert path.read_text(encoding="utf-8").endswith("\n" + last.__unicode__(po.wrapwidth))
    assert read_catalog(path).obsolete_entries()[0].msgid == "文件"
    check_written(path)
