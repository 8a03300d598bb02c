"""Status checks: entries not yet translated, entries marked fuzzy, catalogs below the coverage bar."""
from __future__ import annotations

from typing import Iterator

from toolkit.po import FUZZY, UNTRANSLATED
from toolkit.checks.registry import register
from toolkit.checks.runner import Catalog, Context
from toolkit.po import Entry

DIFF_CONTEXT = 6  # characters of unchanged source shown beside a change in the fuzzy check's message


@register("untranslated", "warning", every_entry=True)
def untranslated(item: Entry, context: Context) -> Iterator[str]:
    """Entry has no translation yet."""
    if item.status == UNTRANSLATED:
        yield "not translated"


@register("fuzzy", "warning", every_entry=True)
def fuzzy(item: Entry, context: Context) -> Iterator[str]:
    """Entry is marked fuzzy: its translation needs review before it counts. Where the merge kept the source
    it was translated from (``#| msgid``), the message shows what changed."""
    if item.status != FUZZY:
        return
    if item.previous_msgid and item.previous_msgid != item.msgid:
        from toolkit.tm.matching import source_diff  # (rapidfuzz: only for an entry whose source changed)

        yield f"source changed ({source_diff(item.previous_msgid, item.msgid, context=DIFF_CONTEXT)}): " \
              "review the translation and remove the flag"
    else:
        yield "review the translation and remove the flag"


@register("coverage", "error", scope="catalog")
def coverage(catalog: Catalog, context: Context) -> Iterator[tuple[None, str]]:
    """Catalog's share of translated entries is below --min-coverage (runs only with that option)."""
    stats = catalog.stats
    if context.min_coverage is not None and stats.coverage < context.min_coverage:
        yield None, (f"coverage {stats.coverage:.1f}% is below {context.min_coverage:g}% "
                     f"({stats.translated} of {stats.total} entries translated)")
