"""Fuzzy matching of Chinese segments: placeholders for numbers and Latin words, scores, number rewriting.

Whitespace tokenisers see a Chinese sentence as one word, so segments are
compared character by character (rapidfuzz's Indel ratio) on a *skeleton*
where every number and every Latin word is one placeholder character: 投入65万元
and 投入20万元 have the same skeleton. A changed number, a changed Latin word
or a changed negation then lowers the score by a fixed, visible amount.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from rapidfuzz.distance import Indel

NUMBER_MARK, WORD_MARK = "\ue000", "\ue001"
NUMBER = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*")
_MAY_HOLD_MARKS = re.compile(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ]")
_NUMBER_OR_WORD = re.compile(rf"(?P<number>{NUMBER.pattern})|(?P<word>[A-Za-zＡ-Ｚａ-ｚ]+)")
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
# Negations, without the common words that only contain their characters (未来 "future", 不断 "constantly").
NEGATION = re.compile(r"没有|没|(?<!并)不(?!断|仅|但|少|久|论|管|过|同|利|良|足)|未(?!来|必)|(?<!并)非(?!常)|无(?!论)|别|勿|莫")

CHANGED_NUMBER_PENALTY = 3  # rewritten in the English
UNREWRITTEN_NUMBER_PENALTY = 8  # the English still holds the old number
CHANGED_WORD_PENALTY = 3
NEGATION_PENALTY = 15
SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


class Skeleton(NamedTuple):
    """A segment with its numbers and Latin words replaced by placeholders, and what they were.

    A named tuple: a lookup makes one per candidate, and a tuple is the cheapest record to make."""

    text: str
    numbers: tuple[str, ...]
    words: tuple[str, ...]
    scales: tuple[str, ...]  # the 万/亿 after each number, or ""


def skeleton(text: str) -> Skeleton:
    if _MAY_HOLD_MARKS.search(text) is None:  # most Chinese segments: nothing to replace
        return Skeleton("".join(text.split()), (), (), ())
    numbers: list[str] = []
    words: list[str] = []
    scales: list[str] = []

    def mark(match: re.Match) -> str:
        if match.group("number"):
            numbers.append(match.group())
            following = text[match.end():match.end() + 1]
            scales.append(following if following in SCALES else "")
            return NUMBER_MARK
        words.append(match.group().lower())
        return WORD_MARK

    return Skeleton(_NUMBER_OR_WORD.sub(mark, "".join(text.split())), tuple(numbers), tuple(words), tuple(scales))


def bigrams(text: str) -> set[int]:
    """The skeleton's character bigrams as integers (two code points side by side), the TM's index keys."""
    codes = [ord(c) for c in text]
    return {a << 21 | b for a, b in zip(codes, codes[1:])} or ({codes[0] << 21} if codes else set())


@dataclass(frozen=True)
class Score:
    """How well a TM source fits a new source, and the TM target with its numbers rewritten where sure."""

    percent: int
    target: str
    notes: tuple[str, ...] = ()


def score_match(new: Skeleton, old: Skeleton, old_target: str, base: float | None = None) -> Score:
    """The match percentage of ``old`` for ``new`` (below 100: this is not an exact match).

    ``base`` is the skeletons' Indel ratio when already computed. Numbers are
    rewritten in the target only where the old number is written exactly
    once in it, as digits (2019 → 2020) or, after 万/亿, in full (650,000).
    """
    percent = Indel.normalized_similarity(new.text, old.text) * 100 if base is None else base
    notes: list[str] = []
    target = old_target
    if len(new.numbers) == len(old.numbers):
        for fresh, stale, fresh_scale, stale_scale in zip(new.numbers, old.numbers, new.scales, old.scales):
            if _value(fresh) == _value(stale) and fresh_scale == stale_scale:
                continue
            rewritten = _rewrite_number(target, stale, fresh, stale_scale, fresh_scale)
            if rewritten is None:
                percent -= UNREWRITTEN_NUMBER_PENALTY
                notes.append(f"number {stale}{stale_scale} → {fresh}{fresh_scale} not rewritten")
            else:
                percent -= CHANGED_NUMBER_PENALTY
                target = rewritten
                notes.append(f"number {stale}{stale_scale} → {fresh}{fresh_scale} rewritten")
    else:
        percent -= UNREWRITTEN_NUMBER_PENALTY
        notes.append("a number added or removed")
    if len(new.words) == len(old.words):
        changed = sum(a != b for a, b in zip(new.words, old.words))
        percent -= CHANGED_WORD_PENALTY * changed
        if changed:
            notes.append(f"{changed} Latin word{'s' if changed > 1 else ''} changed")
    if negations(new.text) != negations(old.text):
        percent -= NEGATION_PENALTY
        notes.append("negation differs")
    return Score(max(0, min(99, int(percent))), target, tuple(notes))


def negations(text: str) -> list[str]:
    return sorted(NEGATION.findall(text))


def _value(number: str) -> Decimal | None:
    try:
        return Decimal(number.translate(_WIDE_DIGITS).replace(",", ""))
    except InvalidOperation:
        return None


def _renderings(number: str, scale: str) -> list[tuple[str, str]]:
    """How an English text may write the number: (style, text) pairs."""
    plain = number.translate(_WIDE_DIGITS)
    found = [("plain", plain)]
    value = _value(number)
    if scale and value is not None:
        full = value * SCALES[scale]
        if full == full.to_integral_value():
            found.append(("full", f"{int(full):,}"))
    return found


def _rewrite_number(target: str, stale: str, fresh: str, stale_scale: str, fresh_scale: str) -> str | None:
    for style, text in _renderings(stale, stale_scale):
        spots = [m for m in re.finditer(rf"(?<![\d.,]){re.escape(text)}(?![\d]|[.,]\d)", target)]
        if len(spots) != 1:
            continue
        if style == "plain" and stale_scale == fresh_scale:
            replacement = fresh.translate(_WIDE_DIGITS)
        else:
            replacement = dict(_renderings(fresh, fresh_scale)).get(style)
            if replacement is None or style == "plain":
                return None
        spot = spots[0]
        return target[:spot.start()] + replacement + target[spot.end():]
    return None


def source_diff(old: str, new: str, *, context: int | None = None) -> str:
    """The change from one source to another, inline: ``[-old-]{+new+}``. A change inside a number or a Latin
    word takes in the whole of it (11,[-539-]{+593+}, not 11,5{+9+}3[-9-]). With ``context``, an unchanged
    stretch keeps only that many characters beside each change (``…``: the rest left out)."""
    changes: list[list[int]] = []  # [old start, old end, new start, new end], in order, none touching
    for tag, a1, a2, b1, b2 in Indel.opcodes(old, new):
        if tag == "equal":
            continue
        if _token(old[a1:a1 + 1]) or _token(new[b1:b1 + 1]):
            while a1 and b1 and _token(old[a1 - 1]) and old[a1 - 1] == new[b1 - 1]:
                a1, b1 = a1 - 1, b1 - 1
        if _token(old[a2 - 1:a2] if a2 > a1 else "") or _token(new[b2 - 1:b2] if b2 > b1 else ""):
            while a2 < len(old) and b2 < len(new) and _token(old[a2]) and old[a2] == new[b2]:
                a2, b2 = a2 + 1, b2 + 1
        if changes and a1 <= changes[-1][1]:
            changes[-1][1:] = [max(a2, changes[-1][1]), changes[-1][2], max(b2, changes[-1][3])]
        else:
            changes.append([a1, a2, b1, b2])
    pieces: list[str] = []
    at = 0
    for a1, a2, b1, b2 in changes:
        pieces.append(_unchanged(old[at:a1], context, first=at == 0, last=False))
        pieces.append((f"[-{old[a1:a2]}-]" if a2 > a1 else "") + (f"{{+{new[b1:b2]}+}}" if b2 > b1 else ""))
        at = a2
    pieces.append(_unchanged(old[at:], context, first=at == 0, last=True))
    return "".join(pieces)


def _token(character: str) -> bool:
    """A character of a number or a Latin word (an empty string is none)."""
    return character.isascii() and character.isalnum()


def _unchanged(unchanged: str, context: int | None, *, first: bool, last: bool) -> str:
    """An unchanged stretch with ``context`` characters kept next to each change it touches."""
    if context is None:
        return unchanged
    keep_start = 0 if first else context  # the text's own start touches no change before it
    keep_end = 0 if last else context
    if len(unchanged) <= keep_start + keep_end + 1:
        return unchanged
    return unchanged[:keep_start] + "…" + (unchanged[len(unchanged) - keep_end:] if keep_end else "")
