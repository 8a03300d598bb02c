"""Inline placeholders of documents (<1>…</1> bold, italics, links; <2/> footnote marks, images):
the translation must carry the source's, or the rendered document loses that formatting."""
from __future__ import annotations

from typing import Iterator

from toolkit.checks.registry import register
from toolkit.checks.runner import Context
from toolkit.documents.placeholders import PLACEHOLDER, problems
from toolkit.po import Entry


@register("placeholders", "error")
def placeholders(item: Entry, context: Context) -> Iterator[str]:
    """The translation's inline placeholders (<1>…</1>, <2/>) differ from the source's: formatting would be lost."""
    if "<" not in item.msgid and "<" not in item.msgstr:
        return
    if PLACEHOLDER.search(item.msgid) or PLACEHOLDER.search(item.msgstr):
        yield from problems(item.msgid, item.msgstr)
