"""Candidate glossary terms found in the source text, for a terminologist to accept or reject.

Three kinds, in this order: phrases the writer put in quotes (Chinese news
prose marks coined terms and slogans that way: “以购代捐”), names of people and
places (with a pinyin rendering in the usual form: Guo Lihua, Zhuxi County),
and recurring word sequences. Words and their parts of speech come from jieba,
the de facto Chinese segmenter (its dictionary ships in the package: no
download); pinyin from pypinyin. Terms already in the glossary are left out.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from toolkit.glossary import Glossary, catalog_sources
from toolkit.text import HAN

KINDS = ("quoted", "person", "place", "recurring")
QUOTED = re.compile(r"“([^“”]+)”|‘([^‘’]+)’|「([^「」]+)」|『([^『』]+)』")
SENTENCE_END = re.compile(r"[。！？!?]")
MAX_QUOTED = 20
MAX_NGRAM_WORDS = 5
MAX_NGRAM_CHARS = 12
# Parts of speech (jieba's tags) that cannot begin or end a term: particles, prepositions, conjunctions,
# pronouns, adverbs, numerals, measure words, locatives, time words, punctuation, interjections.
EDGE_TAGS = ("u", "p", "c", "r", "d", "m", "q", "f", "t", "x", "y", "e", "o", "z", "zg")
# Nor contain one, except a conjunction (扶贫协作和支援合作).
INNER_TAGS = tuple(tag for tag in EDGE_TAGS if tag != "c")
PERSON_TAGS = ("nr", "nrfg")
NAME_TAGS = ("ns", "nr", "nrt", "nz", "nt")
# A single word is proposed only when it is a noun, a name, an abbreviation or a set phrase, not a verb like 开展.
SINGLE_WORD_TAGS = ("n", "nz", "nt", "ns", "j", "l", "i")
COMPOUND_SURNAMES = frozenset("欧阳 司马 诸葛 上官 司徒 东方 皇甫 尉迟 公孙 慕容 夏侯 令狐 长孙 宇文 轩辕 端木 "
                              "呼延 南宫 西门 澹台 万俟 闻人".split())
# Administrative suffixes, longest first, with the English word that follows the pinyin name. Not 地区: after
# a province (内蒙古地区) it is a plain "region", so it would mostly propose false names.
PLACE_SUFFIXES = (("自治区", "Autonomous Region"), ("自治州", "Autonomous Prefecture"),
                  ("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("省", "Province"), ("市", "City"), ("县", "County"), ("区", "District"), ("州", "Prefecture"),
                  ("旗", "Banner"), ("盟", "League"), ("乡", "Township"), ("镇", "Town"), ("村", "Village"))
ETHNIC_GROUPS = {"藏族": "Tibetan", "蒙古族": "Mongolian", "回族": "Hui", "维吾尔": "Uygur", "壮族": "Zhuang",
                 "土家族": "Tujia", "苗族": "Miao", "彝族": "Yi", "朝鲜族": "Korean", "哈萨克": "Kazak"}
# A place stem never starts with a determiner (各区, 全市, 本市), nor is it a lone numeral (三县, but 十堰市).
DETERMINERS = set("各全本该每这那此其")
NUMERALS = set("一二三四五六七八九十百千几两多")


@dataclass(frozen=True)
class Suggestion:
    source: str
    kind: str
    count: int
    example: str
    pinyin: str | None = None

    def as_dict(self) -> dict:
        return {"source": self.source, "kind": self.kind, "count": self.count, "example": self.example,
                "pinyin": self.pinyin}


def source_segments(paths: Iterable[str | Path]) -> list[str]:
    """Chinese segments from PO catalogs (their msgids) or from source texts (segmented as `toolkit segment` does)."""
    from toolkit.segment import parse_source

    segments: list[str] = []
    for path in map(Path, paths):
        if path.suffix.lower() in (".po", ".pot"):
            segments.extend(catalog_sources([path]))
        else:
            segments.extend(segment.text for segment in parse_source(path).segments)
    return segments


def suggest_terms(segments: Sequence[str], glossary: Glossary, *, min_count: int = 3,
                  limit: int | None = None) -> list[Suggestion]:
    """Candidate terms ranked by kind (quoted, person, place, recurring), then by count.

    Quoted phrases and names are proposed from one occurrence; recurring word
    sequences from ``min_count``. A word sequence that only ever occurs inside a
    longer candidate is left to that candidate.
    """
    tagged = [_tag(segment) for segment in segments]
    candidates: dict[str, tuple[str, str | None]] = {}
    for text in _quoted(segments):
        candidates.setdefault(text, ("quoted", None))
    for words in tagged:
        for text, kind, pinyin in _names(words):
            candidates.setdefault(text, (kind, pinyin))
    known = set(candidates)
    for text in _recurring(tagged, min_count):
        if text not in known:
            candidates[text] = ("recurring", None)
    suggestions = []
    for text, (kind, pinyin) in candidates.items():
        if _in_glossary(text, glossary):
            continue
        occurrences = [segment for segment in segments if text in segment]
        count = sum(segment.count(text) for segment in occurrences)
        suggestions.append(Suggestion(text, kind, count, occurrences[0] if occurrences else "", pinyin))
    suggestions.sort(key=lambda s: (KINDS.index(s.kind), -s.count, -len(s.source)))
    return suggestions[:limit] if limit else suggestions


def _in_glossary(text: str, glossary: Glossary) -> bool:
    matches = glossary.matches(text)
    return len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(text)


def _quoted(segments: Iterable[str]) -> list[str]:
    """Short quoted phrases: a term or slogan, not a quoted sentence."""
    found = []
    for segment in segments:
        for match in QUOTED.finditer(segment):
            text = next(group for group in match.groups() if group is not None).strip()
            if 2 <= len(HAN.findall(text)) and len(text) <= MAX_QUOTED and not SENTENCE_END.search(text):
                found.append(text)
    return found


# --- words ---------------------------------------------------------------------------------------


Word = tuple[str, str]  # (text, jieba part-of-speech tag)


def _tag(text: str) -> list[Word]:
    return [(pair.word, pair.flag) for pair in _posseg().cut(text)]


def _posseg():
    """jieba's tagger, loaded on first use (its dictionary takes a second to load) and kept quiet."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def _is_han(text: str) -> bool:
    return bool(text) and all(HAN.match(char) for char in text)


def _recurring(tagged: Sequence[list[Word]], min_count: int) -> list[str]:
    """Word sequences of up to five words that recur, do not start or end on a function word, and are not
    just part of a longer recurring sequence."""
    counts: Counter[str] = Counter()
    for words in tagged:
        for start in range(len(words)):
            for end in range(start + 1, min(start + MAX_NGRAM_WORDS, len(words)) + 1):
                gram = words[start:end]
                text = "".join(word for word, _ in gram)
                if not _is_han(text) or len(text) > MAX_NGRAM_CHARS:
                    break
                single = len(gram) > 1 or gram[0][1] in SINGLE_WORD_TAGS
                if any(tag.startswith(INNER_TAGS) for _, tag in gram):
                    break
                if len(text) >= 2 and single and _content(gram[0]) and _content(gram[-1]):
                    counts[text] += 1
    frequent = {text: count for text, count in counts.items() if count >= min_count}
    return [text for text, count in frequent.items()
            if not any(text in longer and longer != text and frequent[longer] >= count for longer in frequent)]


def _content(word: Word) -> bool:
    return not word[1].startswith(EDGE_TAGS)


# --- names ---------------------------------------------------------------------------------------


def _names(words: list[Word]) -> list[tuple[str, str, str]]:
    """(name, "person" or "place", pinyin) for the names among the words.

    jieba sometimes splits a place from its suffix (竹溪 / 县): the two are joined back.
    """
    from jieba import dt

    found = []
    for number, (word, tag) in enumerate(words):
        following = words[number + 1][0] if number + 1 < len(words) else ""
        if tag in PERSON_TAGS and 2 <= len(word) <= 4 and _is_han(word) and (tag == "nrfg" or not dt.FREQ.get(word)):
            found.append((word, "person", person_pinyin(word)))
        if tag not in NAME_TAGS or not _is_han(word):
            continue
        if any(following == suffix for suffix, _ in PLACE_SUFFIXES):
            word += following
        place = place_pinyin(word, single_stem=tag == "ns")
        if place is not None:
            found.append((word, "place", place))
    return found


def _syllables(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)


def pinyin_word(text: str, syllables: list[str] | None = None) -> str:
    """Syllables joined into one capitalised word, with the apostrophe before a, o or e (Xi'an)."""
    syllables = syllables or _syllables(text)
    joined = syllables[0] + "".join(("'" if s[:1] in "aoe" else "") + s for s in syllables[1:])
    return joined[:1].upper() + joined[1:]


def person_pinyin(name: str) -> str:
    """Surname then given name, each one word: 郭丽华 → Guo Lihua, 欧阳修 → Ouyang Xiu."""
    split = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    if len(name) == 1 or split == len(name):
        return pinyin_word(name)
    return f"{pinyin_word(name[:split])} {pinyin_word(name[split:])}"


def place_pinyin(name: str, *, single_stem: bool = False) -> str | None:
    """竹溪县 → Zhuxi County, or None when the word does not end in an administrative suffix.

    A one-character stem is a name only for a county the tagger knows as a place (蔚县, 唐县);
    otherwise 城镇 would be a town called Cheng.
    """
    for suffix, english in PLACE_SUFFIXES:
        stem = name[: -len(suffix)]
        if not name.endswith(suffix) or not stem or stem[0] in DETERMINERS:
            continue
        if len(stem) == 1 and (stem in NUMERALS or not (single_stem and suffix == "县")):
            return None
        parts = []
        for group, group_english in ETHNIC_GROUPS.items():
            if len(stem) > len(group) and stem.endswith(group) and suffix.startswith("自治"):
                stem, parts = stem[: -len(group)], [group_english]
                break
        # Read the stem with its suffix: pypinyin's phrase list knows 朝阳区 is Chaoyang, not Zhaoyang.
        syllables = _syllables(name)[: len(stem)]
        return " ".join([pinyin_word(stem, syllables), *parts, english])
    return None
