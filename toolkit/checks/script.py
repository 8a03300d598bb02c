"""Script and punctuation: Chinese characters and Chinese punctuation left in the English, unbalanced pairs, titles."""
from __future__ import annotations

import re
from typing import Iterator

from toolkit.checks.registry import register
from toolkit.checks.runner import Context
from toolkit.po import Entry
from toolkit.text import HAN

# Chinese (full-width) punctuation and what English uses instead.
FULL_WIDTH = {
    "，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?", "、": ",",
    "《": "quotation marks or italics", "》": "quotation marks or italics", "【": "[", "】": "]",
    "「": "“", "」": "”", "『": "‘", "』": "’", "〈": "‘", "〉": "’", "～": "~", "\u3000": "a space",
    "……": "…", "——": "—",
}
_FULL_WIDTH = re.compile("……|——|[" + "".join(k for k in FULL_WIDTH if len(k) == 1) + "\uff01-\uff5e]")
_HAN_RUN = re.compile(HAN.pattern + "+")
_TITLE = re.compile(r"《[^《》]+》")
# A title in English: in quotation marks, or in italics (*…*, _…_, <i>…</i>, <em>…</em>).
_EN_TITLE = re.compile(r"“[^”]+”|\"[^\"]+\"|(?<!\w)\*[^*]+\*(?!\w)|(?<!\w)_[^_]+_(?!\w)|<(i|em)>.+?</\1>")
# A title in plain text whose italics were lost: words in title case (Schindler's List, The Present State of
# the Cape of Good Hope), small words allowed inside.
_TITLE_CASE = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|in|on|for|to|a|an|at|with|by|from):?\s+)*"
                         r"[A-Z0-9][\w'’!?-]*)+")
_TITLES_JOINED = re.compile(r"\s+and\s+(?=The\b|A\b|An\b)")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"“‘'(]?\s*$")
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))
_SOURCE_PAIRS = (("（", "）"), ("(", ")"), ("“", "”"), ("【", "】"), ("[", "]"))


@register("han", "error")
def han(item: Entry, context: Context) -> Iterator[str]:
    """Chinese characters left in the translation."""
    if item.msgstr.isascii():
        return
    runs = _HAN_RUN.findall(item.msgstr)
    if runs:
        yield "Chinese characters in the translation: " + ", ".join(dict.fromkeys(runs))


@register("punctuation", "error")
def punctuation(item: Entry, context: Context) -> Iterator[str]:
    """Full-width (Chinese) punctuation or characters in the English: ，。：；（）！？、《》 and the like."""
    if item.msgstr.isascii():
        return
    marks = dict.fromkeys(_FULL_WIDTH.findall(item.msgstr))
    if marks:
        yield "Chinese punctuation in the translation: " + ", ".join(
            f"{mark!r} (use {_english_for(mark)})" for mark in marks)


def _english_for(mark: str) -> str:
    if mark in FULL_WIDTH:
        replacement = FULL_WIDTH[mark]
        return replacement if " " in replacement else repr(replacement)
    return repr(chr(ord(mark) - 0xFEE0))  # full-width ASCII forms: Ａ → A


@register("brackets", "warning")
def brackets(item: Entry, context: Context) -> Iterator[str]:
    """Quotation marks or brackets unbalanced in the translation where the source has them balanced.

    Quotation marks only where the source has some: English often opens a quotation in one sentence and
    closes it in a later one, where the Chinese has none. Straight and curly double quotes count together
    ("now” is one quotation)."""
    source, text = item.msgid, item.msgstr
    if not _balanced(source, _SOURCE_PAIRS) or source.count("\"") % 2:
        return
    for opening, closing in _PAIRS[:2]:
        opened, closed = text.count(opening), text.count(closing)
        if opened != closed:
            yield f"unbalanced {opening}{closing}: {opened} opening, {closed} closing"
    if "“" in source or "\"" in source:
        opened, closed, straight = text.count("“"), text.count("”"), text.count("\"")
        if (opened + closed + straight) % 2 or not straight and opened != closed:
            yield f"unbalanced quotation marks: {opened} “, {closed} ”, {straight} \""


def _balanced(text: str, pairs: tuple[tuple[str, str], ...]) -> bool:
    return all(text.count(opening) == text.count(closing) for opening, closing in pairs)


@register("title-marks", "warning")
def title_marks(item: Entry, context: Context) -> Iterator[str]:
    """A 《》 title in the source is not rendered as a quoted or italic title in the translation."""
    if "《" not in item.msgid:
        return
    titles = [m for m in _TITLE.finditer(item.msgid) if not _is_term(m.span(), item, context)]
    rendered = len(_EN_TITLE.findall(item.msgstr)) + _plain_titles(item.msgstr)
    if len(titles) > rendered:
        missing = titles[rendered:] if rendered else titles
        names = ", ".join(m.group(0) for m in missing)
        yield f"{names}: render the title in quotation marks or italics"


def _plain_titles(text: str) -> int:
    """How many titles plain text may hold with their italics lost: runs of words in title case, two where
    "and" joins two of them (Night of the Dead and The Long Road), and single capitalised words inside a
    sentence (the film Kids, the cover of TIME)."""
    runs = list(_TITLE_CASE.finditer(text))
    count = sum(1 + len(_TITLES_JOINED.findall(run.group())) for run in runs)
    taken = [run.span() for run in runs]
    return count + sum(1 for word in _CAPITALISED.finditer(text)
                       if not _SENTENCE_START.search(text, 0, word.start())
                       and not any(start <= word.start() < end for start, end in taken))


def _is_term(span: tuple[int, int], item: Entry, context: Context) -> bool:
    """A title that is a glossary term is rendered as the glossary says."""
    start, end = span
    return any(m.start <= start + 1 and end - 1 <= m.end for m in context.term_matches(item.msgid))
