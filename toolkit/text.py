"""Small text facts shared by several modules: what counts as Chinese, as an English word."""
from __future__ import annotations

import re

# CJK Unified Ideographs, Extension A, compatibility ideographs and the supplementary planes.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_HAN_RUN = re.compile(HAN.pattern + "+")
ENGLISH_WORD = re.compile(r"[A-Za-z0-9]++(?:['’][A-Za-z]++)*+")


def count_han(text: str) -> int:
    """Chinese characters: the unit in which zh source text is counted and paid."""
    return sum(map(len, _HAN_RUN.findall(text)))


def count_english_words(text: str) -> int:
    return len(ENGLISH_WORD.findall(text))
