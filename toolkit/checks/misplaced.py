"""A translation that belongs to another entry: pasted one entry off, or two translations exchanged.

Such an English echoes little of its own source (toolkit.checks.omission's
lexicon echo) and much of another entry's: the check finds that entry, so it can
say where the English most likely belongs. Only the entries that echo little of
their own source are compared with the others, and each distinct source word is
looked up once, so a catalog of clean translations costs one pass over its words.

Two neighbours on one subject exchanged echo much of either source, too much
for that test; so each pair of neighbours is weighed both ways, by the
completeness analysis's evidence (the catalog's echo rates): when each source is
explained better, by EXCHANGE_GAIN nats or more, by the other's English than by
its own, the two are exchanged.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain
from typing import Iterator

from toolkit.checks.omission import Analysis, Echo, analyse, echo, echo_forms, english_forms, shorten
from toolkit.checks.registry import register
from toolkit.checks.runner import Catalog, Context
from toolkit.po import Entry

MAX_OWN_SHARE = 0.3  # an English echoing more of its own source than this is taken to be its own
MIN_WORDS = 4  # source dictionary words needed on both sides to compare
MIN_OTHER_SHARE = 0.5  # the other source must be echoed at least this much ...
MIN_GAIN = 0.25  # ... and by this much more than the entry's own
MIN_MORE_WORDS = 3  # ... in at least this many more words
MIN_MORE_WORDS_PASTED = 2  # ... or this many, where an entry has the very same English or the two exchanged
# Nats by which each of two neighbours' sources must be better explained by the other's English (published
# translations, aligner-eval-dev: at most 0.0 for any pair of neighbours; exchanged ones mostly 4 to 20).
EXCHANGE_GAIN = 3.0


@register("misplaced", "warning", scope="catalog")
def misplaced(catalog: Catalog, context: Context) -> Iterator[tuple[Entry, str]]:
    """The translation echoes another entry's source far better than its own: it most likely belongs there
    (pasted one entry off, or two translations exchanged)."""
    analysis = analyse(catalog, context)
    judged = [item for item in catalog.items if id(item) in analysis.echoes]
    suspects = [number for number, item in enumerate(judged)
                if len((own := analysis.echoes[id(item)]).words) >= MIN_WORDS and own.share <= MAX_OWN_SHARE]
    placed = dict(_placed(judged, suspects, analysis))
    exchanges = _exchanges(judged, analysis)
    for number, item in enumerate(judged):
        own = analysis.echoes[id(item)].share
        if number in exchanges:
            other = judged[exchanges[number]]
            yield item, (f"the translation echoes the source at line {other.line} (\"{shorten(other.msgid, 16)}\") "
                         f"better than its own ({echo(other.msgid, item.msgstr).share:.0%} of its words against "
                         f"{own:.0%}), and that entry's translation echoes this source: the two are most likely "
                         f"exchanged; swap them")
        elif number in placed:
            share, other = placed[number]
            yield item, (f"the translation echoes {share:.0%} of the source at line {judged[other].line} "
                         f"(\"{shorten(judged[other].msgid, 16)}\") against {own:.0%} of its own: it most likely "
                         f"belongs to that entry; move it there and translate this one")


def _placed(judged: list[Entry], suspects: list[int], analysis: Analysis) -> Iterator[tuple[int, tuple[float, int]]]:
    """(suspect, (share, entry)): the suspects (entries echoing little of their own source) whose English
    belongs to another entry."""
    if not suspects:
        return
    forms = {number: english_forms(judged[number].msgstr) for number in suspects}
    by_form: dict[str, list[int]] = defaultdict(list)
    for number, found in forms.items():
        for form in found:
            by_form[form].append(number)
    # Sighting -> the suspects whose English echoes its word, for every distinct sighting of the catalog.
    heard_by = {sighting: tuple({number for form in echo_forms(sighting[0]) for number in by_form.get(form, ())})
                for sighting in set(chain.from_iterable(analysis.echoes[id(item)].words for item in judged))}
    best: dict[int, tuple[float, int, int]] = {}  # suspect -> (share, echoed words, entry) of its best other source
    for other, item in enumerate(judged):
        words = analysis.echoes[id(item)].words
        heard = list(chain.from_iterable(map(heard_by.__getitem__, words)))
        if not heard or len(words) < MIN_WORDS:
            continue
        for number, hits in Counter(heard).items():
            share = hits / len(words)
            if number != other and share > best.get(number, (0.0,))[0]:
                best[number] = (share, hits, other)
    by_text: dict[str, list[int]] = defaultdict(list)
    for number, item in enumerate(judged):
        by_text[item.msgstr].append(number)
    for number in suspects:
        item, own = judged[number], analysis.echoes[id(judged[number])]
        own_hits = own.echoed
        found = _belongs(number, best.get(number), by_text[item.msgstr], judged, analysis, own, own_hits)
        if found:
            yield number, found


def _belongs(number: int, best: tuple[float, int, int] | None, same_text: list[int], judged: list[Entry],
             analysis: Analysis, own: Echo, own_hits: int) -> tuple[float, int] | None:
    """(share, entry) of the entry the suspect's English belongs to, if one stands out: the best-echoed
    other source; or, with a smaller lead, an entry with the very same English (a translation pasted twice)."""
    if best:
        share, hits, other = best
        if judged[other].msgid != judged[number].msgid and share >= max(MIN_OTHER_SHARE, own.share + MIN_GAIN) \
                and hits >= own_hits + MIN_MORE_WORDS:
            return share, other
    for other in same_text:
        theirs = analysis.echoes[id(judged[other])]  # the same English against the other source
        if other != number and judged[other].msgid != judged[number].msgid and _leads(theirs, own):
            return theirs.share, other
    for other in (number - 1, number + 1):  # exchanged with a neighbour: each English echoes the other's source
        if 0 <= other < len(judged) and judged[other].msgid != judged[number].msgid:
            mine_there, theirs_here = echo(judged[other].msgid, judged[number].msgstr), \
                echo(judged[number].msgid, judged[other].msgstr)
            theirs = analysis.echoes[id(judged[other])]
            if _leads(mine_there, own) and _leads(theirs_here, theirs):
                return mine_there.share, other
    return None


def _exchanges(judged: list[Entry], analysis: Analysis) -> dict[int, int]:
    """Entry -> the neighbour its English was exchanged with: each source is explained by the other's English
    better, by EXCHANGE_GAIN nats or more, than by its own (each pair weighed once, one side at a time)."""
    found: dict[int, int] = {}
    for number, (first, second) in enumerate(zip(judged, judged[1:])):
        if first.msgid != second.msgid and first.msgstr != second.msgstr and all(
                analysis.silence(analysis.echoes[id(here)]) - analysis.silence(echo(here.msgid, there.msgstr))
                >= EXCHANGE_GAIN for here, there in ((first, second), (second, first))):
            found[number], found[number + 1] = number + 1, number
    return found


def _leads(there: Echo, here: Echo) -> bool:
    """Whether an English echoes another source (there) clearly better than its own (here)."""
    return there.share >= here.share + MIN_GAIN and len(there.words) >= MIN_WORDS \
        and there.echoed >= here.echoed + MIN_MORE_WORDS_PASTED
