"""The cost of a link, in nats: its prior, the Gale–Church length model, shape penalties, minus anchor bonuses."""
from __future__ import annotations

import math

from toolkit.align.anchors import Anchors, Side, Unit, name_pattern, rendering_keys, shared
from toolkit.align.dp import Move
from toolkit.align.lexical import LexicalScore
from toolkit.align.recent import Recent
from toolkit.glossary import Glossary, Term

# Prior probabilities of each kind of link (Chinese units, English units).
PARAGRAPH_MOVES: dict[Move, float] = {
    (1, 1): 0.90, (2, 1): 0.04, (1, 2): 0.03, (3, 1): 0.01, (1, 3): 0.006,
    (4, 1): 0.003, (1, 4): 0.002, (2, 2): 0.004, (1, 0): 0.004, (0, 1): 0.004,
}
SENTENCE_MOVES: dict[Move, float] = {
    (1, 1): 0.85, (1, 2): 0.07, (2, 1): 0.05, (2, 2): 0.002, (1, 3): 0.012, (3, 1): 0.006,
    (1, 0): 0.006, (0, 1): 0.006,
}

# Bonus, in nats of the cost, for each anchor a link's two sides share.
NUMBER_BONUS = 2.5
WEAK_NUMBER_BONUS = 0.5
NAME_BONUS = 2.0
LATIN_BONUS = 2.0
TERM_BONUS = 1.0
QUOTE_BONUS = 0.7

# A sentence link reaching across a paragraph boundary the paragraph pass kept together.
CROSSING_COST = 3.0
# A link whose two sides end differently (one a heading or caption, the other a sentence), or that runs a
# heading into body text, costs this for each such difference.
SHAPE_COST = 2.0
# A link ending inside a quotation on one side only (the other side's quotation is whole) costs this.
QUOTE_CUT_COST = 2.0
# Leaving out a caption, byline or credit costs this (−log 0.1), whatever its length.
OMITTED_COST = -math.log(0.1)
# A unit left without counterpart costs its prior plus this per Chinese character (or its English equivalent).
NULL_COST_PER_CHAR = 0.05
# Past this length cost (|δ| ≈ 7) no anchors can make a link likely: they are not looked for.
HOPELESS_COST = 25.0

# The sentence length model's wide component: its share, and its spread against the narrow one.
WIDE_SHARE = 0.1
WIDE_SPREAD = 3.0


class CostModel:
    """The cost of linking a run of Chinese units to a run of English units, in nats."""

    def __init__(self, zh: Side, en: Side, moves: dict[Move, float], glossary: Glossary | None, *,
                 ratio: float, variance: float, wide_share: float, zh_breaks: frozenset[int] = frozenset(),
                 en_breaks: frozenset[int] = frozenset()):
        self.zh, self.en, self.glossary = zh, en, glossary
        self.priors = {move: -math.log(p) for move, p in moves.items()}
        self.ratio, self.variance, self.wide_share = ratio, variance, wide_share
        self.zh_breaks, self.en_breaks = zh_breaks, en_breaks  # unit indices that start a paragraph
        self._pairs = Recent(self._find_pair)  # (Chinese unit, English unit)
        self._names = Recent(self._find_name)  # (name, Chinese unit)
        self._terms = Recent(self._find_rendering)  # (term, English unit)
        self.lexical = LexicalScore([u.words for u in zh.units], [u.words for u in en.units])

    def cost(self, i: int, di: int, j: int, dj: int) -> float:
        return self.link_cost(i, di, j, dj) + QUOTE_CUT_COST * (self.zh.cuts[i + di] != self.en.cuts[j + dj])

    def link_cost(self, i: int, di: int, j: int, dj: int) -> float:
        prior = self.priors[(di, dj)]
        if not dj:
            zh = self.zh.run(i, di)
            return OMITTED_COST if zh.omissible else prior + NULL_COST_PER_CHAR * zh.length
        if not di:
            return prior + NULL_COST_PER_CHAR * self.en.run(j, dj).length / self.ratio
        zh, en = self.zh.run(i, di), self.en.run(j, dj)
        if dj > 1:
            prior = self.turn_prior(di, j, dj, prior)
        cost = prior + length_cost(zh.length, en.length, self.ratio, self.variance, self.wide_share)
        if cost > HOPELESS_COST:
            return cost
        if (di > 1 and any(k in self.zh_breaks for k in range(i + 1, i + di))) or (
                dj > 1 and any(k in self.en_breaks for k in range(j + 1, j + dj))):
            cost += CROSSING_COST
        cost += SHAPE_COST * ((zh.heading != en.heading) + zh.switches + en.switches)
        return cost - self.bonus(i, di, j, dj, zh, en)

    def turn_prior(self, di: int, j: int, dj: int, prior: float) -> float:
        """The prior of a link whose English holds a quotation broken by its attribution, counted as one sentence:
        dialogue splits there in English, not in Chinese, so 1-2 is then as likely as 1-1 is."""
        joins = sum(self.en.units[k].continues for k in range(j + 1, j + dj))
        return min(prior, self.priors.get((di, dj - joins), prior)) if joins else prior

    def bonus(self, i: int, di: int, j: int, dj: int, zh: Unit, en: Unit) -> float:
        lexical = self.lexical.bonus(i, di, j, dj)
        if not (zh.numbers and en.numbers or zh.latin and en.latin or zh.quotes and en.quotes or en.names
                or zh.terms):
            return lexical  # no kind of anchor on both sides: most links
        anchors = self.anchors(i, di, j, dj, zh, en)
        return (NUMBER_BONUS * anchors.strong_numbers + WEAK_NUMBER_BONUS * anchors.weak_numbers
                + NAME_BONUS * anchors.names + LATIN_BONUS * anchors.latin + TERM_BONUS * anchors.terms
                + QUOTE_BONUS * anchors.quotes + lexical)

    def anchors(self, i: int, di: int, j: int, dj: int, zh: Unit | None = None, en: Unit | None = None
                ) -> "Anchors":
        zh = zh or self.zh.run(i, di)
        en = en or self.en.run(j, dj)
        strong = shared(zh.strong, en.strong)
        if di == dj == 1:
            names, terms = self._pairs[(i, j)]
            shared_names, shared_terms = len(names), len(terms)
        else:
            pairs = [self._pairs[(k, l)] for k in range(i, i + di) for l in range(j, j + dj)]
            shared_names = len(set().union(*(names for names, _ in pairs)))
            shared_terms = len(set().union(*(terms for _, terms in pairs)))
        return Anchors(strong, shared(zh.numbers, en.numbers) - strong, shared_names, len(zh.latin & en.latin),
                       shared_terms, min(zh.quotes, en.quotes))

    def _find_pair(self, pair: tuple[int, int]) -> tuple[frozenset[str], frozenset[str]]:
        """Names of English unit l found in Chinese unit k, and terms of k whose rendering is in l."""
        k, l = pair
        return (frozenset(name for name in self.en.units[l].names if self._names[(name, k)]),
                frozenset(term.source for term in self.zh.units[k].terms if self.glossary and self._terms[(term, l)]))

    def _find_name(self, key: tuple[str, int]) -> bool:
        name, k = key
        return bool(name_pattern(name).search(self.zh.units[k].text))

    def _find_rendering(self, key: tuple[Term, int]) -> bool:
        term, l = key
        text = self.en.units[l].text
        lowered = text.lower()
        return any(part in lowered for part in rendering_keys(term)) and (
            self.glossary.rendering_in(term, text) is not None)


def length_cost(zh_length: int, en_length: int, ratio: float, variance: float, wide_share: float = 0.0) -> float:
    """−log of the two-sided tail probability of the English length given the Chinese.

    Gale–Church's normal model, mixed (for sentences) with a share of one
    three times as wide: a translator who spells out a four-character idiom
    in a whole clause is unusual, not impossible, and should not force a merge.
    """
    delta = abs(en_length - ratio * zh_length) / math.sqrt(variance * max(zh_length, 1))
    z = delta / math.sqrt(2)
    if wide_share:
        z_wide = z / WIDE_SPREAD
        if z_wide < 20:
            return -math.log(max((1 - wide_share) * math.erfc(z) + wide_share * math.erfc(z_wide), 1e-300))
        return _log_tail(z_wide) - math.log(wide_share)
    return -math.log(max(math.erfc(z), 1e-300)) if z < 20 else _log_tail(z)


def _log_tail(z: float) -> float:
    """−log erfc(z) for large z, from its asymptotic form, to stay finite."""
    return z * z + math.log(z * math.sqrt(math.pi))

