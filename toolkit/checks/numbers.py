"""Numbers: every quantity in the source comes through with the same value (and qualifier) in the translation.

Values, not digit strings, are compared (see toolkit.numbers): 65万 = 650,000,
4月 = April, 第七 = seventh. Numbers inside a matched glossary term (四梁八柱)
are the glossary's business, on both sides.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from toolkit.checks import register
from toolkit.checks.runner import Context, Item
from toolkit.numbers import NumberComparison, Quantity, chinese_quantities, compare_quantities, \
    english_quantities, format_value


@register("numbers", "error")
def numbers(item: Item, context: Context) -> Iterator[str]:
    """A number in the source is missing from the translation or has a different value there."""
    result = _compare(item, context)
    for source, translation in result.wrong:
        yield f"{_describe(source)} in the source, {_describe(translation)} in the translation"
    for source in result.missing:
        yield f"{_describe(source)} in the source is missing from the translation"


@register("extra-number", "warning")
def extra_number(item: Item, context: Context) -> Iterator[str]:
    """The translation has a number that the source lacks."""
    for translation in _compare(item, context).extra:
        yield f"{_describe(translation)} in the translation is not in the source"


@register("number-qualifier", "warning")
def number_qualifier(item: Item, context: Context) -> Iterator[str]:
    """A qualified amount (余/多/以上 more than, 近 nearly, 约 about) lost or changed its qualifier."""
    for source, translation in _compare(item, context).qualifier:
        given = f"\"{translation.approx}\"" if translation.approx else "no qualifier"
        yield f"source says {source.approx} {format_value(source.value)} ({source.text}), translation has {given}"


def _compare(item: Item, context: Context) -> NumberComparison:
    """The comparison for an entry, computed once for the three checks above."""
    terms = context.term_matches(item.msgid)
    spans = tuple((m.start, m.end) for m in terms)
    term_values = tuple(value for m in terms for value in _rendering_values(m.term.renderings))
    return _compare_texts(item.msgid, item.msgstr, spans, term_values)


@lru_cache(maxsize=256)
def _compare_texts(source: str, translation: str, term_spans: tuple[tuple[int, int], ...],
                   term_values: tuple[float, ...]) -> NumberComparison:
    source_quantities = [q for q in chinese_quantities(source)
                         if not any(start <= q.start and q.end <= end for start, end in term_spans)]
    translation_quantities = english_quantities(translation)
    for value in term_values:  # the glossary rendering's own numbers ("Two Upholds") are not extra
        found = next((q for q in translation_quantities if q.value == value), None)
        if found is not None:
            translation_quantities.remove(found)
    return compare_quantities(source_quantities, translation_quantities)


@lru_cache(maxsize=4096)
def _rendering_values(renderings: tuple[str, ...]) -> tuple[float, ...]:
    """Numbers in a term's renderings (those of the preferred one; any rendering's when it has none)."""
    for rendering in renderings:
        values = tuple(q.value for q in english_quantities(rendering) if not q.weak)
        if values:
            return values
    return ()


def _describe(quantity: Quantity) -> str:
    value = format_value(quantity.value)
    return value if quantity.text == value else f"{value} (\"{quantity.text}\")"
