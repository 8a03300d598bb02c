"""The number readers' shortcuts: each test that lets a text skip a pattern never skips a text the pattern matches.

The readers try their costlier patterns only where one automaton pass (English)
or a few character tests (Chinese) say they may match, and the number checks
ask for the glossary's matches only where a term holding a numeral occurs around a strong number. Generated
texts, built from the words those patterns look for, hold every shortcut to
what the pattern itself finds.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from toolkit import numbers
from toolkit.checks import numbers as number_checks
from toolkit.checks.runner import Context
from toolkit.config import Config
from toolkit.glossary import Glossary, Term
from toolkit.numbers import chinese_quantities, compare_quantities, english_quantities

ENGLISH_WORDS = """one Two three eleven twenty thirty-five hundred Thousand million billion trillion first second
    Third fifth twentieth a an and May may March Jan. Sept. both Both half twice Double dozen decade decades
    1990s '95 1997-98 90s 2018 12 3.5 .5 1,000 100 000 10m 3D TLR7 IL-10 HIV THE FIRST PART Chapter IV Part II
    fig. Fig 1.4 Table 2 eq. (Giddens 1984) (1) (12) 10.1.1 more than nearly about over under percent % odd
    several thousands of one-third two-thirds quarter Quarters of the twenties nineties April 4 4th
    0 zero US$ age 25 1st 21st seven-year 1,234.5 7:30 1990-1995 ninety-nine people yuan said pair trio
    unity score centenary quadrupled done often weight repair headquarters behalf vegetable (2) (7) 3.4.5 9.8.7""".split()
CHINESE_WORDS = ("零 〇 一 二 两 三 四 五 六 七 八 九 十 百 千 万 亿 双 第 余 多 近 约 几 上 成 年 月 日 个 人 元 次 % ， ： . , "
                 "０ １ ％ （ ） ( ) 图 表 式 例 题 程 将近 大约 超过 不到 以上 左右 百分之 分之 世纪 年代 1 2 12 2018 3.5 "
                 "10,000 10.1.1 65 Giddens A cm EB- x= （Giddens 1984） (Giddens, 1984) 图1.1 表2 三分之一 我们 的 中国 发展").split()
SEPARATORS = st.sampled_from(["", " ", " ", "-", ", ", "\n"])


def texts(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(st.sampled_from(words), SEPARATORS), min_size=1, max_size=12).map(
        lambda parts: "".join(word + separator for word, separator in parts))


# Each part of the English rereading and the hint _scan must have seen before the part runs.
ENGLISH_GATES = [(numbers._EN_WEAK_WORD, "weak word"), (numbers._EN_DECADE_WORD, "decade"),
                 (numbers._EN_MULTIPLIER_AFTER, "multiplier"), (numbers._EN_FRACTION, "fraction"),
                 (numbers._EN_HALF_BEFORE, "half"), (numbers._MULTI_DOT, "dotted number"),
                 (numbers._LIST_MARK, "bracketed number")]


def assert_scan_sees_what_a_pattern_may_find(text: str) -> None:
    starts, hints, any_key, weak_words = numbers._scan(text)
    for pattern, hint in ENGLISH_GATES:
        if pattern.search(text):
            assert hint in hints, (pattern.pattern, text)
    if weak_words is not None:
        assert [m.start() for m in numbers._EN_WEAK_WORD.finditer(text)] == \
            [start for start in weak_words if numbers._EN_WEAK_WORD.match(text, start)]
    number_at_a_word_start = any(numbers._EN_QUANTITY.match(text, m.start()) for m in re.finditer(r"\b\w", text))
    if number_at_a_word_start or numbers._EN_SYMBOL_NUMBER.search(text):
        assert any_key, text
    if not any_key and not hints:
        assert english_quantities(text) == []


@settings(max_examples=400)
@given(texts(ENGLISH_WORDS))
def test_english_scan_sees_whatever_a_pattern_may_find(text):
    assert_scan_sees_what_a_pattern_may_find(text)


@pytest.mark.parametrize("word", ENGLISH_WORDS)
def test_english_scan_sees_each_word_alone(word):
    for text in (word, f"so {word}."):
        assert_scan_sees_what_a_pattern_may_find(text)


@settings(max_examples=400)
@example("A\ud800Z")  # a lone surrogate between capitals keeps them apart
@given(st.one_of(texts(ENGLISH_WORDS), st.text(alphabet=st.sampled_from("AZaz@[É ’\ud800中1")), st.text()))
def test_two_capitals_are_seen_as_the_pattern_sees_them(text):
    assert numbers._has_two_capitals(text) == bool(re.search(r"[A-Z][A-Z]", text)), text


def test_every_digit_opens_a_section_or_list_number():
    for digit in "0123456789":
        for text in (f"see ({digit}) below", f"section 1{digit}.2.3", f"item {digit}.5.6"):
            hints = numbers._scan(text)[1]
            assert "bracketed number" in hints or "dotted number" in hints, text


def test_english_scan_finds_number_starts_and_hints():
    text = "After eight years, TLR7 and (1) fig. 10.1.1 twice"
    starts, hints, any_key, weak_words = numbers._scan(text)
    assert [text[start:start + 2] for start in starts] == ["ei", "1)", "10", "1.", "1 "] and any_key  # not TLR7's 7
    assert {"weak word", "label", "dotted number", "bracketed number"} <= hints and weak_words == [text.index("twice")]
    assert numbers._scan("The TLR receptor was repaired") == ([], set(), False, [])
    assert english_quantities("Nothing here counts") == []


@settings(max_examples=400)
@given(texts(CHINESE_WORDS))
def test_chinese_label_test_sees_every_label_and_reference(text):
    if numbers._CN_CITATION.search(text) or numbers._CN_LABEL.search(text):
        assert numbers._may_hold_a_label(text), text


def test_chinese_label_test_on_each_kind_of_label():
    for text in ("见（Giddens 1984）", "见(Giddens 1984)", "如图1.1所示", "表2", "式(3)", "三分之一", "第10.1.1节", "1. 总则",
                 " (3)总则"):
        assert numbers._may_hold_a_label(text), text
    assert not numbers._may_hold_a_label("投入65万元（第0版）")


def test_chinese_separators_are_read_between_digits_only():
    assert [q.value for q in chinese_quantities("投入2，300万元，共7：30")] == [23_000_000, 7, 30]
    assert [q.value for q in chinese_quantities("共3，4个")] == [3, 4]


GLOSSARY = Glossary([Term(source, target) for source, target in [
    ("四梁八柱", "basic framework"), ("新疆生产建设兵团第十四师", "14th Division of the Xinjiang Production and "
     "Construction Corps"), ("十堰", "Shiyan"), ("工会", "trade union"), ("欢度国庆", "celebrate National Day"), ("国庆70周年", "70th National Day")]])
SOURCE_WORDS = ["欢度", "四梁八柱", "新疆生产建设兵团第十四师", "十堰", "工会", "国庆70周年", "国庆", "70", "周年", "四", "八", "第十四师",
                "投入", "65万元", "的", "三个", "，"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(SOURCE_WORDS), min_size=1, max_size=8).map("".join),
       st.sampled_from(["the 14th Division gave 650,000 yuan", "a basic framework of three", "70 years in Shiyan",
                        "four and eight", ""]))
def test_numbers_look_for_terms_only_where_one_may_hold_a_number(source, translation):
    """The comparison with the shortcut equals the one made with every term match of the source."""
    context = Context(config=Config(root=Path(".")), glossary=GLOSSARY)
    terms = GLOSSARY.matches(source)
    quantities = [q._replace(weak=True) if any(m.start <= q.start and q.end <= m.end for m in terms) else q
                  for q in chinese_quantities(source)]
    quantities = number_checks._names_weakened(quantities, source, translation)
    in_full = compare_quantities(quantities, english_quantities(translation, qualifiers=any(q.approx for q in quantities)))
    assert number_checks._compare_texts(source, translation, context) == in_full


def test_a_number_inside_a_term_is_weak_and_others_are_not():
    with_term = Context(config=Config(root=Path(".")), glossary=GLOSSARY)
    without_term = Context(config=Config(root=Path(".")), glossary=Glossary(GLOSSARY.terms[:-1]))
    source, translation = "国庆70周年投入65万元", "the National Day celebrations got 650,000 yuan"
    assert number_checks._compare_texts(source, translation, with_term).clean
    assert [q.text for q in number_checks._compare_texts(source, translation, without_term).missing] == ["70"]
    assert number_checks._compare_texts("十堰投入65万元", "Shiyan got 65 yuan", with_term).wrong
    # 国庆70周年 occurs, but the match chosen is 欢度国庆 (leftmost): the 70 is no term's and is required.
    assert [q.text for q in number_checks._compare_texts("欢度国庆70周年", "celebrating National Day", with_term).missing] \
        == ["70"]


# Source pieces, each with renderings faithful or not (a qualifier lost, a value or kind changed, a name spelled).
PIECES = [("约65万元", ["about 650,000 yuan", "650,000 yuan", "65 yuan"]), ("65万元", ["650,000 yuan", "about 650,000"]),
          ("3000多人", ["more than 3,000 people", "3,000 people"]), ("65%", ["65%", "65"]), ("约65", ["about 65", "65%"]),
          ("近一年", ["nearly a year", "a year"]), ("2018年", ["2018", "in 2019"]), ("王二", ["Wang Er", "two"]),
          ("国庆70周年", ["70th National Day", "National Day"]), ("四梁八柱", ["basic framework", "four and eight"]),
          ("第十四师", ["14th Division", "Division"]), ("两地", ["both places", "two places"]), ("一", ["one", ""]),
          ("三个", ["three", "the trio"]), ("的", ["of", "1"])]


@settings(max_examples=500)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.integers(0, 2)), min_size=1, max_size=5))
def test_number_comparisons_with_shortcuts_equal_the_full_pairing(pieces):
    """compare_quantities pairs an entry whose values have one partner each in place, as the full pairing does
    (which lists the qualifier changes in the order it pairs); and such an entry is settled before the glossary
    and names are consulted when no qualifier can be lost."""
    source = "，".join(zh for (zh, _), _ in pieces)
    translation = ", ".join(renderings[choice % len(renderings)] for (_, renderings), choice in pieces)
    context = Context(config=Config(root=Path(".")), glossary=GLOSSARY)
    terms = GLOSSARY.matches(source)
    quantities = [q._replace(weak=True) if any(m.start <= q.start and q.end <= m.end for m in terms) else q
                  for q in chinese_quantities(source)]
    quantities = number_checks._names_weakened(quantities, source, translation)
    translated = english_quantities(translation, qualifiers=any(q.approx for q in quantities))
    in_full = numbers.pair_by_value(quantities, translated) if quantities or translated \
        else numbers.NumberComparison([], [], [], [])
    shortcut = compare_quantities(quantities, translated)
    assert shortcut.qualifier == sorted(in_full.qualifier, key=lambda pair: pair[0].start)
    assert (shortcut.wrong, shortcut.missing, shortcut.extra) == (in_full.wrong, in_full.missing, in_full.extra)
    assert number_checks._compare_texts(source, translation, context) == shortcut
