"""Property tests: whatever happens to the source, a merge never loses a translation."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.po import catalog_text, merge_catalog, new_catalog
from toolkit.config import Config
from toolkit.segment import build_catalog, parse_text

CONFIG = Config(root=__import__("pathlib").Path("."))
sentence = st.text(alphabet="工会扶贫协作北京市总援助内蒙古河北青海一二三万元，", min_size=2, max_size=30).map(
    lambda s: s + "。")
paragraphs = st.lists(st.lists(sentence, min_size=1, max_size=4).map("".join), min_size=1, max_size=8)


def catalog_of(paras: list[str]):
    text = "标题\n\n" + "\n\n".join(paras) + "\n"
    return build_catalog(parse_text(text, CONFIG.root / "a.txt", "a.txt"), CONFIG)


def translated(po):
    for number, entry in enumerate(po):
        entry.msgstr = f"Translation {number}."
    return po


@settings(max_examples=150, deadline=None)
@given(paragraphs, paragraphs)
def test_every_old_translation_survives_a_merge(before, after):
    old = translated(catalog_of(before))
    merged, report = merge_catalog(old, catalog_of(after))
    kept = {e.msgstr for e in merged if e.msgstr}
    assert {e.msgstr for e in old} <= kept
    live = [e.msgid for e in merged if not e.obsolete]
    assert live == [e.msgid for e in catalog_of(after)]
    assert len(set(e.msgid for e in merged)) == len(merged), "no duplicate msgid, live or obsolete"


@settings(max_examples=100, deadline=None)
@given(paragraphs)
def test_merging_an_unchanged_source_is_the_identity(paras):
    old = translated(catalog_of(paras))
    old.metadata = new_catalog(project="p", source="a.txt").metadata
    merged, report = merge_catalog(old, catalog_of(paras))
    assert not report.changed
    assert catalog_text(merged) == catalog_text(old)
