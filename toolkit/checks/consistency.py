"""Consistency across entries and catalogs: one source, one translation (and, as information, the reverse)."""
from __future__ import annotations

from typing import Iterator

from toolkit.checks.registry import register
from toolkit.checks.runner import Catalog, Context, iter_translated
from toolkit.po import Entry
from toolkit.text import count_english_words

SAME_TRANSLATION_MIN_WORDS = 4  # short translations ("Data photo") legitimately serve several sources


def _normal(text: str) -> str:
    return " ".join(text.split())


@register("consistency", "warning", scope="project")
def consistency(catalogs: list[Catalog], context: Context) -> Iterator[tuple[Entry, str]]:
    """The same source is translated differently in another entry or catalog."""
    first: dict[str, Entry] = {}
    for item in iter_translated(catalogs):
        earlier = first.setdefault(item.msgid, item)
        if earlier is not item and _normal(earlier.msgstr) != _normal(item.msgstr):
            yield item, f"translated differently at {earlier.path}:{earlier.line}: \"{_short(earlier.msgstr)}\""


@register("same-translation", "info", scope="project")
def same_translation(catalogs: list[Catalog], context: Context) -> Iterator[tuple[Entry, str]]:
    """Different sources share one translation (only translations of four words or more)."""
    first: dict[str, Entry] = {}
    for item in iter_translated(catalogs):
        key = _normal(item.msgstr).casefold()
        earlier = first.setdefault(key, item)
        if earlier is not item and earlier.msgid != item.msgid \
                and count_english_words(key) >= SAME_TRANSLATION_MIN_WORDS:
            yield item, f"same translation as a different source at {earlier.path}:{earlier.line}: " \
                        f"\"{_short(earlier.msgid)}\""


def _short(text: str, limit: int = 60) -> str:
    text = _normal(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"
