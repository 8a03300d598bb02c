"""Inline placeholders: numbering per segment, sentence splitting that never cuts a code, tolerant
parsing, and the check's messages."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from toolkit.documents.placeholders import (Code, Standalone, Tagged, outer_codes, parse, problems, renumber,
                                            restore)
from toolkit.segment import split_segments

CODES = {1: Code("bold", None, True), 2: Code("link", None, True), 3: Code("footnote mark", None, False)}


def test_segments_are_numbered_from_one_and_numbered_back():
    text, back = renumber("北京<5>工会</5>扶贫<7/>。")
    assert text == "北京<1>工会</1>扶贫<2/>。" and back == {1: 5, 2: 7}
    assert restore("The <1>unions</1><2/>.", back) == "The <5>unions</5><7/>."
    assert restore("An <9/> stray code", back) == "An <9/> stray code"


@pytest.mark.parametrize("block, segments", [
    ("他说。<1>她笑了。</1>", ["他说。", "<1>她笑了。</1>"]),
    ("<1>他说。她笑了。</1>再见。", ["<1>他说。她笑了。</1>", "再见。"]),  # a code is never cut
    ("他说<1>好。</1>她笑了。", ["他说<1>好。</1>", "她笑了。"]),  # the closing code stays with its sentence
    ("他说好。<3/>她笑了。", ["他说好。<3/>", "她笑了。"]),  # and so does a footnote mark
    ("他说好。<2>1</2>她笑了。", ["他说好。<2>1</2>", "她笑了。"]),  # or a linked footnote number
    ("有意思。<2>Boo.</2>com开站。", ["有意思。", "<2>Boo.</2>com开站。"]),  # but not a linked word
])
def test_sentences_never_cut_a_code(block, segments):
    assert split_segments(block, "body") == segments


def test_a_whole_block_in_one_code_leaves_it_in_the_document():
    assert outer_codes("<1><2>标题</2></1>") == ("标题", (1, 2))
    assert outer_codes("<1>北京</1>工会<2>扶贫</2>") == ("<1>北京</1>工会<2>扶贫</2>", ())


def test_parsing_forgives_a_translators_slips():
    assert parse("a <1>b <2>c</1> d", CODES) == ["a ", Tagged(1, ["b ", Tagged(2, ["c"])]), " d"]
    assert parse("a </2> b <9> <3/>", CODES) == ["a  b <9> ", Standalone(3)]
    assert parse("<1>open", CODES) == [Tagged(1, ["open"])]


@pytest.mark.parametrize("source, translation, messages", [
    ("他说<1>好</1>。", "He said <1>yes</1>.", []),
    ("<1>北京市总工会</1>成立。", "The federation was founded.", ["placeholder <1>…</1> of the source is missing"]),
    ("见注释<1/>。", "See the note.", ["placeholder <1/> of the source is missing: put it at the place it marks"]),
    ("北京。", "Beijing<1/>.", ["placeholder <1/> is not in the source"]),
    ("<1>北京</1>", "<1>Bei</1><1>jing</1>", ["placeholder <1>…</1> occurs 2 times, 1 in the source"]),
    ("<1>a<2>b</2></1>", "<1>a<2>b</1></2>", ["placeholders <2> and <1> overlap"]),
])
def test_the_check_names_what_differs(source, translation, messages):
    found = problems(source, translation)
    assert len(found) == len(messages) and all(f.startswith(m) for f, m in zip(found, messages))


pieces = st.lists(st.one_of(st.text("北京工会。", min_size=1, max_size=4), st.just("<1>"), st.just("</1>"),
                            st.just("<2/>")), max_size=12)


@given(pieces)
def test_segments_put_back_together_are_the_block(parts):
    block = "".join(parts)
    assert "".join(split_segments(block, "body")) == block.strip().replace(" ", "")
    for segment in split_segments(block, "body"):
        text, back = renumber(segment)
        assert restore(text, back) == segment


def test_source_text_that_reads_as_a_code_is_kept_apart_from_the_codes_even_split_over_runs():
    from toolkit.documents.placeholders import InlineBuilder, Literal

    builder = InlineBuilder()
    number = builder.open("bold", None)
    builder.text("第<")
    builder.text("1>条")  # a run boundary inside the lookalike
    builder.close(number)
    assert builder.placeholder_text == "<1>第<2/>条</1>"
    assert builder.codes[2].data == Literal("<1>")
    assert parse("<1>Article <2/></1>", builder.codes) == [Tagged(1, ["Article <1>"])]
