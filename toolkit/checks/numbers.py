"""Numbers: every quantity in the source comes through with the same value (and qualifier) in the translation.

Values, not digit strings, are compared (see toolkit.numbers): 65万 = 650,000,
4月 = April, 第七 = seventh. Only a changed value is an error; a number left out or added
may be the translator's choice and is a warning. Numbers inside a matched glossary term (四梁八柱)
are the glossary's business: they may match, but are never required.
"""
from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING, Iterator

import ahocorasick

from toolkit.checks.registry import register
from toolkit.checks.runner import Context
from toolkit.numbers import CN_MEASURE_WORDS, NumberComparison, Quantity, chinese_quantities, compare_quantities, \
    english_quantities, format_value, has_numeral, one_partner_each
from toolkit.pinyin import syllables
from toolkit.po import Entry
from toolkit.text import HAN

CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[a-z]+)?")
HAN_WORD = re.compile(f"(?:{HAN.pattern})+")
# Measure words of things counted one by one: a 1 before one that the translation leaves out may be its "a".
COUNTED = set("个家座名位所条项件台辆间张本部支只头匹份批处")
ARTICLE = re.compile(r"\b[Aa]n?\b")
NAME_REACH = 2  # characters beside a numeral that a name holding it may take in (十八洞 Shibadong)

if TYPE_CHECKING:
    from toolkit.glossary import Glossary, TermMatch

# Per glossary, its sources that hold a numeral (each with its length), as one automaton (None when it has none).
_NUMBERED_TERMS: "weakref.WeakKeyDictionary[Glossary, ahocorasick.Automaton | None]" = weakref.WeakKeyDictionary()


@register("numbers", "error")
def numbers(item: Entry, context: Context) -> Iterator[str]:
    """A number in the source has a different value in the translation (the one number of its kind left
    unmatched on each side)."""
    for source, translation in _compare(item, context).wrong:
        yield f"{_describe(source)} in the source, {_describe(translation)} in the translation"


@register("missing-number", "warning")
def missing_number(item: Entry, context: Context) -> Iterator[str]:
    """A number in the source is not in the translation (a warning: good English may say "a decade" or
    "the following year" instead)."""
    for source in _compare(item, context).missing:
        yield f"{_describe(source)} in the source is missing from the translation"


@register("extra-number", "warning")
def extra_number(item: Entry, context: Context) -> Iterator[str]:
    """The translation has a number that the source lacks."""
    for translation in _compare(item, context).extra:
        yield f"{_describe(translation)} in the translation is not in the source"


@register("number-qualifier", "warning")
def number_qualifier(item: Entry, context: Context) -> Iterator[str]:
    """A qualified amount (余/多/以上 more than, 近 nearly, 约 about) lost or changed its qualifier."""
    for source, translation in _compare(item, context).qualifier:
        given = f"\"{translation.approx}\"" if translation.approx else "no qualifier"
        yield f"source says {source.approx} {format_value(source.value, source.kind)} ({source.text}), translation has {given}"


def _compare(item: Entry, context: Context) -> NumberComparison:
    """The comparison for an entry, computed once for the three checks above (which run one after another)."""
    last = context.last_numbers
    if last is not None and last[0] is item:
        return last[1]
    comparison = _compare_texts(item.msgid, item.msgstr, context)
    context.last_numbers = (item, comparison)
    return comparison


def _compare_texts(source: str, translation: str, context: Context) -> NumberComparison:
    """Numbers inside a glossary term turn weak: "the 14th Division" may match 第十四师, "basic framework"
    need not match 四梁八柱."""
    source_quantities = chinese_quantities(source)
    # The translation's qualifiers matter only against a qualified source number.
    qualified = any(q.approx for q in source_quantities)
    translation_quantities = english_quantities(translation, qualifiers=qualified)
    if not qualified and one_partner_each(source_quantities, translation_quantities):
        return NumberComparison([], [], [], [])  # weak marks change no pairing here, and no qualifier is lost
    strong = [q for q in source_quantities if not q.weak]
    if strong and _may_lie_in_a_term(strong, source, context):
        terms = context.term_matches(source)
        if terms:
            source_quantities = [q._replace(weak=True) if _inside_a_term(q, terms) else q for q in source_quantities]
    source_quantities = _names_weakened(source_quantities, source, translation)
    comparison = compare_quantities(source_quantities, translation_quantities)
    if comparison.qualifier:
        comparison.qualifier = [(s, t) for s, t in comparison.qualifier
                                if t.approx or not _ORDER_OF_MAGNITUDE.fullmatch(t.text)
                                or not _COMPOUND_MODIFIER.match(translation, t.end)]
    if comparison.missing and ARTICLE.search(translation):
        kept = [q for q in comparison.missing if not (q.text == "1" and source[q.end:q.end + 1] in COUNTED)]
        if len(kept) < len(comparison.missing):  # 建成服务中心1个 "built a service centre"
            comparison.missing = kept
    return comparison


# A bare scale word hyphenated to its unit before a noun (a billion-dollar industry, a million-strong
# crowd) names an order of magnitude, which English does not qualify: losing 多 (10多亿) there is no fault.
# ("a 30-year-old" for 约30岁 does lose the "about".)
_ORDER_OF_MAGNITUDE = re.compile(r"(?:an?\s+)?(?:hundred|thousand|million|billion|trillion)", re.I)
_COMPOUND_MODIFIER = re.compile(r"-[a-z]{3,}\b")


def _names_weakened(quantities: list[Quantity], source: str, translation: str) -> list[Quantity]:
    """A Chinese numeral with no measure word after it that the translation spells as a name, alone or with
    the characters beside it (茅十八 Mao Shiba, 王二 Wang Er, 十八洞村 Shibadong Village, 三里屯 Sanlitun), is no
    amount: weak. The translation's capitalised words are read once, and only for such a numeral."""
    candidates = [q for q in quantities if not q.weak and not q.text[-1:].isdigit()
                  and source[q.end:q.end + 1] not in CN_MEASURE_WORDS]
    if not candidates:
        return quantities
    spelled = {word.lower().replace("-", "") for word in CAPITALISED.findall(translation)}
    names = {q for q in candidates if _spelled_as_name(q, source, spelled)} if spelled else set()
    return [q._replace(weak=True) if q in names else q for q in quantities] if names else quantities


def _spelled_as_name(quantity: Quantity, source: str, spelled: set[str]) -> bool:
    """Whether the numeral, with up to NAME_REACH Chinese characters on either side, reads as one of the words."""
    for start in range(max(0, quantity.start - NAME_REACH), quantity.start + 1):
        for end in range(quantity.end, min(len(source), quantity.end + NAME_REACH) + 1):
            window = source[start:end]
            if HAN_WORD.fullmatch(window) and "".join(syllables(window)) in spelled:
                return True
    return False


def _may_lie_in_a_term(strong: list[Quantity], source: str, context: Context) -> bool:
    """Whether a strong quantity lies inside an occurrence of a glossary term holding a numeral. A chosen
    term match is an occurrence of its term, and a term around a number holds a numeral: when no such
    occurrence covers a strong quantity, the glossary's matches (leftmost-longest, costly) change nothing.
    Most sources hold no such term, or only one around a number already weak (十堰, 一线职工, 四梁八柱)."""
    glossary = context.glossary
    if glossary is None or glossary.is_empty:
        return False
    if glossary not in _NUMBERED_TERMS:
        sources = [term for term in glossary.by_source if has_numeral(term)]
        automaton = None
        if sources:
            automaton = ahocorasick.Automaton()
            for term in sources:
                automaton.add_word(term, len(term))
            automaton.make_automaton()
        _NUMBERED_TERMS[glossary] = automaton
    automaton = _NUMBERED_TERMS[glossary]
    if automaton is None:
        return False
    for last, length in automaton.iter(source):
        start, end = last + 1 - length, last + 1
        if any(start <= q.start and q.end <= end for q in strong):
            return True
    return False


def _inside_a_term(quantity: Quantity, terms: list[TermMatch]) -> bool:
    for match in terms:
        if match.start <= quantity.start and quantity.end <= match.end:
            return True
    return False


def _describe(quantity: Quantity) -> str:
    value = format_value(quantity.value, quantity.kind)
    return value if quantity.text == value else f"{value} (\"{quantity.text}\")"
