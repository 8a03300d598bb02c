"""A translation that belongs to another entry: pasted one entry off, or two translations exchanged.

Such an English echoes little of its own source (toolkit.checks.omission's
lexicon echo) and much of another entry's: the check finds that entry, so it can
say where the English most likely belongs. Only the entries that echo little of
their own source are compared with the others, and each distinct source word is
looked up once, so a catalog of clean translations costs one pass over its words.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterator

from toolkit.checks.omission import analyse, echo_forms, english_forms, shorten
from toolkit.checks.registry import register
from toolkit.checks.runner import Catalog, Context
from toolkit.po import Entry

MAX_OWN_SHARE = 0.3  # an English echoing more of its own source than this is taken to be its own
MIN_WORDS = 4  # source dictionary words needed on both sides to compare
MIN_OTHER_SHARE = 0.4  # the other source must be echoed at least this much ...
MIN_GAIN = 0.25  # ... and by this much more than the entry's own
MIN_MORE_WORDS = 3  # ... in at least this many more words


@register("misplaced", "warning", scope="catalog")
def misplaced(catalog: Catalog, context: Context) -> Iterator[tuple[Entry, str]]:
    """The translation echoes another entry's source far better than its own: it most likely belongs there
    (pasted one entry off, or two translations exchanged)."""
    analysis = analyse(catalog)
    judged = [item for item in catalog.items if id(item) in analysis.echoes]
    suspects = [number for number, item in enumerate(judged)
                if len((own := analysis.echoes[id(item)]).words) >= MIN_WORDS and own.share <= MAX_OWN_SHARE]
    if not suspects:
        return
    forms = {number: english_forms(judged[number].msgstr) for number in suspects}
    by_form: dict[str, list[int]] = defaultdict(list)
    for number, found in forms.items():
        for form in found:
            by_form[form].append(number)
    # Source word -> the suspects whose English echoes it, for every word of the catalog's sources.
    heard_by = {word: tuple({number for form in echo_forms(word) for number in by_form.get(form, ())})
                for item in judged for word, _, _ in analysis.echoes[id(item)].words}
    best: dict[int, tuple[float, int, int]] = {}  # suspect -> (share, echoed words, entry) of its best other source
    for other, item in enumerate(judged):
        words = analysis.echoes[id(item)].words
        heard = [number for word, _, _ in words for number in heard_by[word]]
        if not heard or len(words) < MIN_WORDS:
            continue
        for number, hits in Counter(heard).items():
            share = hits / len(words)
            if number != other and share > best.get(number, (0.0,))[0]:
                best[number] = (share, hits, other)
    for number in suspects:
        if number not in best:
            continue
        item, (share, hits, other) = judged[number], best[number]
        own = analysis.echoes[id(item)]
        own_hits = sum(hit for _, _, hit in own.words)
        if judged[other].msgid != item.msgid and share >= max(MIN_OTHER_SHARE, own.share + MIN_GAIN) \
                and hits >= own_hits + MIN_MORE_WORDS:
            yield item, (f"the translation echoes {share:.0%} of the source at line {judged[other].line} "
                         f"(\"{shorten(judged[other].msgid, 16)}\") against {own.share:.0%} of its own: it most "
                         f"likely belongs to that entry; move it there and translate this one")

