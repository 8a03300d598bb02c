"""The lexical signal: how many words of a link's two sides CC-CEDICT says translate each other.

A Chinese word (longest-match segmentation over CC-CEDICT's headwords) is
matched when one of its senses' content words, in any of its lemma forms, is
among the lemma forms of the English; an English content word is matched when
its forms are among the senses of the Chinese. Each matched word adds the log
of how much likelier a match is in a true link than in an unrelated pair of
sentences, each unmatched word the log of how much less likely its miss is;
a unit without counterpart scores nothing, as an unrelated pair would. The
rates were measured on 1-1 links of the development corpora (true link
against the sentence three further on) and the whole is scaled down by
LEXICAL_WEIGHT, because words of one sentence are not independent evidence.
"""
from __future__ import annotations

import math
from functools import lru_cache

from toolkit import lexicon
from toolkit.english import WORD, word_forms

# Share of words matched, in true 1-1 links and in unrelated sentence pairs (aligner-eval-dev, aca and mag).
ZH_MATCHED_TRUE, ZH_MATCHED_RANDOM = 0.37, 0.08
EN_MATCHED_TRUE, EN_MATCHED_RANDOM = 0.56, 0.115
LEXICAL_WEIGHT = 0.3
MAX_RUN = 4


def _weights(true: float, random: float, others: int) -> tuple[float, float]:
    """Weighted log-likelihood ratios of a hit and of a miss for a word facing ``others`` units.

    Against a run of units a word may also be matched by chance in the ones
    that do not translate it, so both rates grow with the run: without this a
    merged link would collect chance matches that its two halves lack.
    """
    chance = 1 - (1 - random) ** others
    likely = 1 - (1 - true) * (1 - random) ** (others - 1)
    return LEXICAL_WEIGHT * math.log(likely / chance), LEXICAL_WEIGHT * math.log((1 - likely) / (1 - chance))


def weights() -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(hit, miss) for Chinese and for English words, by the number of units on the other side (index 0 unused)."""
    return ([(0.0, 0.0)] + [_weights(ZH_MATCHED_TRUE, ZH_MATCHED_RANDOM, n) for n in range(1, MAX_RUN + 1)],
            [(0.0, 0.0)] + [_weights(EN_MATCHED_TRUE, EN_MATCHED_RANDOM, n) for n in range(1, MAX_RUN + 1)])


Words = tuple[frozenset[str], ...]


@lru_cache(maxsize=1 << 17)
def _senses(word: str) -> frozenset[str]:
    """Lemma forms of the content words of a Chinese word's senses."""
    return frozenset().union(*(word_forms(sense) for sense in lexicon.english_words(word)))


def chinese_words(text: str) -> Words:
    """The sense forms of each dictionary word of the text that has content words in its senses."""
    return tuple(senses for senses in map(_senses, lexicon.longest_words(text)) if senses)


@lru_cache(maxsize=1 << 17)
def _forms(word: str) -> frozenset[str]:
    lowered = word.lower()
    return frozenset() if len(word) < 2 or lowered in lexicon.NOT_CONTENT or word.isdigit() else word_forms(word)


def english_words(text: str) -> Words:
    """The lemma forms of each content word of the text (no function words, digits or single letters)."""
    return tuple(forms for forms in map(_forms, WORD.findall(text)) if forms)


class LexicalScore:
    """The lexical part of a link's cost, from matches counted once per pair of units."""

    def __init__(self, zh: list[Words], en: list[Words]):
        self.zh, self.en = zh, en
        self._vocabulary: dict[tuple[str, int], frozenset[str]] = {}
        self._pairs: dict[tuple[int, int], tuple[int, int]] = {}
        self.zh_weights, self.en_weights = weights()

    def bonus(self, i: int, di: int, j: int, dj: int) -> float:
        """Log-likelihood ratio, weighted, of the matches of Chinese units [i, i+di) with English [j, j+dj)."""
        total = 0.0
        zh_masks = [0] * di
        en_masks = [0] * dj
        for a in range(di):
            for b in range(dj):
                zh_mask, en_mask = self._pair(i + a, j + b)
                zh_masks[a] |= zh_mask
                en_masks[b] |= en_mask
        zh_hit, zh_miss = self.zh_weights[dj]
        for k, mask in zip(range(i, i + di), zh_masks):
            hits = mask.bit_count()
            total += zh_hit * hits + zh_miss * (len(self.zh[k]) - hits)
        en_hit, en_miss = self.en_weights[di]
        for k, mask in zip(range(j, j + dj), en_masks):
            hits = mask.bit_count()
            total += en_hit * hits + en_miss * (len(self.en[k]) - hits)
        return total

    def _pair(self, k: int, l: int) -> tuple[int, int]:
        """Which words of Chinese unit k are matched in English unit l, and which of l in k, as bit masks."""
        found = self._pairs.get((k, l))
        if found is None:
            english, chinese = self.vocabulary("en", l), self.vocabulary("zh", k)
            zh_mask = sum(1 << n for n, senses in enumerate(self.zh[k]) if not senses.isdisjoint(english))
            en_mask = sum(1 << n for n, forms in enumerate(self.en[l]) if not forms.isdisjoint(chinese))
            found = self._pairs[(k, l)] = (zh_mask, en_mask)
        return found

    def vocabulary(self, side: str, k: int) -> frozenset[str]:
        found = self._vocabulary.get((side, k))
        if found is None:
            found = self._vocabulary[(side, k)] = frozenset().union(*(self.zh if side == "zh" else self.en)[k])
        return found
