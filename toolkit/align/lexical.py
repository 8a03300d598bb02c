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
from toolkit.align.recent import Recent
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
        self._vocabulary = Recent(self._find_vocabulary)  # (side, unit)
        self._pairs = Recent(self._find_pair)  # (Chinese unit, English unit)
        self.zh_weights, self.en_weights = weights()
        self.zh_counts, self.en_counts = _running_totals(zh), _running_totals(en)

    def bonus(self, i: int, di: int, j: int, dj: int) -> float:
        """Log-likelihood ratio, weighted, of the matches of Chinese units [i, i+di) with English [j, j+dj)."""
        if di == dj == 1:
            zh_mask, en_mask = self._pairs[(i, j)]
            zh_hits, en_hits = zh_mask.bit_count(), en_mask.bit_count()
        else:
            zh_masks, en_masks = [0] * di, [0] * dj
            for a in range(di):
                for b in range(dj):
                    zh_mask, en_mask = self._pairs[(i + a, j + b)]
                    zh_masks[a] |= zh_mask
                    en_masks[b] |= en_mask
            zh_hits = sum(mask.bit_count() for mask in zh_masks)
            en_hits = sum(mask.bit_count() for mask in en_masks)
        zh_hit, zh_miss = self.zh_weights[dj]
        en_hit, en_miss = self.en_weights[di]
        zh_words = self.zh_counts[i + di] - self.zh_counts[i]
        en_words = self.en_counts[j + dj] - self.en_counts[j]
        return zh_hit * zh_hits + zh_miss * (zh_words - zh_hits) + en_hit * en_hits + en_miss * (en_words - en_hits)

    def _find_pair(self, pair: tuple[int, int]) -> tuple[int, int]:
        """Which words of Chinese unit k are matched in English unit l, and which of l in k, as bit masks."""
        k, l = pair
        english, chinese = self._vocabulary[("en", l)], self._vocabulary[("zh", k)]
        zh_mask = sum(1 << n for n, senses in enumerate(self.zh[k]) if not senses.isdisjoint(english))
        en_mask = sum(1 << n for n, forms in enumerate(self.en[l]) if not forms.isdisjoint(chinese))
        return zh_mask, en_mask

    def _find_vocabulary(self, key: tuple[str, int]) -> frozenset[str]:
        side, k = key
        return frozenset().union(*(self.zh if side == "zh" else self.en)[k])


def _running_totals(units: list[Words]) -> list[int]:
    """Words in units [0, k) for every k: a run's count is a difference of two."""
    totals = [0]
    for words in units:
        totals.append(totals[-1] + len(words))
    return totals
