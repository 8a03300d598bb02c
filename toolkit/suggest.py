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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from toolkit.glossary import Glossary, catalog_sources
from toolkit.memo import remembered
from toolkit.placenames import (ETHNIC_GROUPS, GENERIC_REGION, PLACE_READINGS, PROVINCE_ABBREVIATIONS, PROVINCES,
                                SUFFIXES, known_place)
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
# The commonest Chinese surnames (about nine in ten people bear one), and the compound ones. jieba tags many
# words nr (关怀, 智慧, 施策): a person's name must begin with a surname.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍"
    "涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
COMPOUND_SURNAMES = frozenset("欧阳 司马 诸葛 上官 司徒 东方 皇甫 尉迟 公孙 慕容 夏侯 令狐 长孙 宇文 轩辕 端木 "
                              "呼延 南宫 西门 澹台 万俟 闻人".split())
# Surnames that are also prepositions or conjunctions: after an adverb, a conjunction or a verb, 向援派 is
# "to the aid officials", not a Mr Xiang.
FUNCTION_SURNAMES = frozenset("向和于对把将在为以由从同给跟与及被按比")
# Surnames read otherwise than their characters' commonest reading (曾 Zeng, not Ceng).
SURNAME_READINGS = {"单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou",
                    "乐": "yue", "盖": "ge", "翟": "zhai", "缪": "miao", "覃": "qin", "召": "shao", "柏": "bai",
                    "尉迟": "yuchi", "万俟": "moqi", "长孙": "zhangsun", "单于": "chanyu"}
# A two-character name (surname and one character) only where names stand: after a space or punctuation (a
# byline: 记者 郭丽华 白莹) or a title or role (贫困户, 主席, 理事长).
ROLE_ENDINGS = tuple("员长户者席记师人家任表")
# Titles jieba takes into the name they follow (李女士), with their English.
TITLES = {"女士": "Ms", "先生": "Mr", "小姐": "Miss"}
# A "name" followed by one of these is part of the name of an institution (段木梁幼儿园, 皮山农场).
INSTITUTIONS = ("幼儿园", "农场", "合作社", "分社", "公司", "学校", "小学", "中学", "大学", "学院", "医院", "工厂",
                "基地", "街道", "社区", "村", "镇", "乡")
# Last characters of place names, never of a person's (张家口, 石家庄), and the administrative suffixes.
PLACE_ENDINGS = tuple("口庄湾坝营屯寨堡沟港岭峪") + tuple(suffix for suffix, _ in SUFFIXES)
# A place stem never starts with a determiner (各区, 全市, 本市), nor is it a lone numeral (三县, but 十堰市).
DETERMINERS = set("各全本该每这那此其")
NUMERALS = set("一二三四五六七八九十百千几两多")
# A CC-CEDICT sense that names a place: its romanised name, then what kind of place it is (Zhuxi county in
# Shiyan; Hotan, city and prefecture in Xinjiang; Chengde prefecture-level city in Hebei).
PLACE_SENSE = re.compile(r"(?P<name>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)(?: \([^)]*\))?,? (?:[\w-]+ ){0,3}?(?i:city|county|"
                         r"district|prefecture|province|town|township|village|banner|region|capital|neighborhood|"
                         r"municipality|league)\b")
LIFE_YEARS = re.compile(r"\(\d{3,4}-(?:\d{3,4})?\)")
# Towns and villages jieba cuts into pieces (金厂 / 沟 / 梁镇): the pieces a name is joined back from.
TOWN_SUFFIXES = ("镇", "乡", "村")
NOUN_TAGS = ("n", "nr", "ns", "nz", "ng")
TERM_PIECE = "term-piece"  # the tag of a glossary term's piece that names nothing by itself (see _opened)
MAX_TOWN_PIECES = 4
NEAR = ("附近", "一带", "周边")
MAX_QUARTER_PIECES = 2  # a quarter jieba cut in two (十里 / 河)
# Old Beijing quarters named by their distance in li (十里河, 三里屯, 八里庄): a numeral that may begin a name.
LI_DISTANCE = re.compile(r"[一二三四五六七八九十]+里")
# Sections of Beijing's ring roads (南三环 South Third Ring Road).
RING_ROAD = re.compile(r"([东南西北])([二三四五六七])环")
DIRECTIONS = {"东": "East", "南": "South", "西": "West", "北": "North"}
ORDINALS = {"二": "Second", "三": "Third", "四": "Fourth", "五": "Fifth", "六": "Sixth", "七": "Seventh"}
# Abbreviated party congresses and plenums (十八大, 十九届五中全会): jieba cuts them into a numeral and 大.
CONGRESS = re.compile(r"[一二三四五六七八九十]{1,3}(?:大|届[一二三四五六七八九]中全会)")


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
    places = {term.source: term.target for term in glossary.terms if term.type == "place"}
    candidates: dict[str, tuple[str, str | None]] = {}
    for text in _quoted(segments):
        candidates.setdefault(text, ("quoted", None))
    with _taught_words(segments, glossary) as taught:
        tagged = [_tag(segment) for segment in segments]
        for words in tagged:
            for text, kind, pinyin in _names(_opened(words, taught), places):
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


@contextmanager
def _taught_words(segments: Sequence[str], glossary: Glossary) -> Iterator[dict[str, tuple[str, ...]]]:
    """While the block runs, jieba knows the glossary's terms and the abbreviated congresses in the text, so
    that they are cut as whole words (十八大, not 十八 / 大提出); the terms that are not names are given to the
    block, with their renderings. jieba's dictionary is shared by the process: it is left as it was found."""
    import jieba

    tags = _posseg().dt.word_tag_tab
    words = {term.source: "ns" if term.type == "place" else "nr" if term.type == "person" else "n"
             for term in glossary.terms if _is_han(term.source)}
    words.update({match.group(): "j" for segment in segments for match in CONGRESS.finditer(segment)})
    tokenizer = jieba.dt
    tokenizer.check_initialized()  # loads the dictionary, so that what is saved is what it holds
    saved = {word: (tokenizer.FREQ.get(word), tags.get(word)) for word in words}
    total = tokenizer.total
    for word, tag in words.items():
        jieba.add_word(word, tag=tag)
    try:
        yield {term.source: term.renderings for term in glossary.terms
               if term.type not in ("place", "person") and term.source in words}
    finally:
        for word, (freq, tag) in saved.items():
            tokenizer.FREQ[word] = freq or 0  # 0: a prefix of other words, no word itself
            tokenizer.user_word_tag_tab.pop(word, None)
            if tag is None:
                tags.pop(word, None)
            else:
                tags[word] = tag
        tokenizer.total = total


def _opened(words: list[Word], taught: dict[str, tuple[str, ...]]) -> list[Word]:
    """The words, with each glossary term that is not a name cut into its dictionary words, and two provinces'
    abbreviations jieba cut apart joined (沪 / 滇).

    A term may hold a name the glossary lacks (和田 in 北京市援疆和田指挥部, "… in Hotan"), but a piece whose
    English the term's renderings lack as a word is never a name: 七星 in 七星关区 "Qixingguan District".
    """
    from toolkit.lexicon import longest_words

    opened: list[Word] = []
    for word, tag in words:
        if tag == "j" and word in PROVINCE_ABBREVIATIONS and opened and opened[-1][1] == "j" \
                and opened[-1][0] in PROVINCE_ABBREVIATIONS:  # 沪 / 滇: one pairing, 沪滇
            opened[-1] = (opened[-1][0] + word, "j")
        elif word in taught and len(word) > 2:
            opened.extend((piece, _piece_tag(piece, taught[word])) for piece in longest_words(word))
        else:
            opened.append((word, tag))
    return opened


def _piece_tag(piece: str, renderings: tuple[str, ...]) -> str:
    """A glossary term's piece as a name: TERM_PIECE for a place whose English (the dictionary's or its
    pinyin: 墨玉 Karakax or Moyu) is no word of the term's renderings, "ns" for one that names only a place,
    else "n"."""
    names = _lexicon_place_names(piece)
    if names and not any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", rendering, re.IGNORECASE)
                         for name in (*names, pinyin_word(piece, _place_syllables(piece)))
                         for rendering in renderings):
        return TERM_PIECE
    return "ns" if _named_place(piece) else "n"


def _tag(text: str) -> list[Word]:
    return _titled_names_joined([(pair.word, pair.flag) for pair in _posseg().cut(text)])


def _titled_names_joined(words: list[Word]) -> list[Word]:
    """A name jieba cuts after its surname because the given name is also a word (局长 / 杨 / 光明 / 介绍:
    Yang Guangming, not Yang and "brightness") joined back where a role stands before it and a verb or
    punctuation after."""
    joined: list[Word] = []
    number = 0
    while number < len(words):
        word, tag = words[number]
        given = words[number + 1] if number + 1 < len(words) else ("", "x")
        after = words[number + 2] if number + 2 < len(words) else ("", "x")
        if tag in PERSON_TAGS and len(word) == 1 and word in SURNAMES and word not in FUNCTION_SURNAMES \
                and joined and joined[-1][0].endswith(ROLE_ENDINGS) and 1 <= len(given[0]) <= 2 \
                and _is_han(given[0]) and not given[1].startswith(EDGE_TAGS) and after[1][:1] in ("v", "x"):
            joined.append((word + given[0], tag))
            number += 2
            continue
        joined.append((word, tag))
        number += 1
    return joined


@remembered("jieba")
def person_names(text: str) -> list[str]:
    """The people a text names, as jieba tags them and _is_person confirms (郭丽华, 欧阳明); kept between runs,
    so that a check need not load jieba's dictionary (a second) for clauses it has read before."""
    words = _tag(text)
    return [word for number, (word, tag) in enumerate(words)
            if tag in PERSON_TAGS and _is_han(word) and _is_person(
                word, tag, words[number - 1] if number else ("", "x"),
                words[number + 1] if number + 1 < len(words) else ("", "x"))]


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


def _names(words: list[Word], places: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, "person" or "place", its English) for the names among the words.

    jieba sometimes splits a place from its suffix (竹溪 / 县): the two are joined back. Places the
    glossary names are romanised as it does, and used for longer names built on them (和田 → Hotan).
    """
    found: list[tuple[str, str, str]] = []
    joined = -1  # the last word a name joined from pieces took in
    for number, (word, tag) in enumerate(words):
        before = words[number - 1] if number else ("", "x")
        after = words[number + 1] if number + 1 < len(words) else ("", "x")
        if not _is_han(word) or number <= joined or tag == TERM_PIECE:
            continue
        place = _patterned_place(word, tag)
        quarter = None if place is not None else _quarter(words, number, found)
        if quarter is not None:
            place, joined = quarter
        if place is not None:
            found.append(place)
            continue
        if tag in PERSON_TAGS and word not in places and _is_person(word, tag, before, after):
            found.append((word, "person", person_pinyin(word)))
            continue
        if tag not in NAME_TAGS:  # jieba's tags miss some places (遵义/v): the dictionaries' word for it is taken
            place = _suffixed_place(word, places) or _bare_place(word, places, guess=False)
            if place is not None:
                found.append(place)
            continue
        if any(after[0] == suffix for suffix, _ in SUFFIXES):
            word += after[0]
        place = place_english(word, places, single_stem=tag == "ns") or _town(words, number, places)
        if place is None and not word.endswith(SUFFIX_NAMES):
            place = _bare_place(word, places)
        if place is not None:
            found.append(place)
    return found


SUFFIX_NAMES = tuple(suffix for suffix, _ in SUFFIXES)


def _lexicon_place(word: str) -> bool:
    """Whether CC-CEDICT gives the word a sense that names a place (竹溪, 承德, 西城区)."""
    return bool(_lexicon_place_names(word))


def _lexicon_place_names(word: str) -> list[str]:
    """The romanised names CC-CEDICT's place senses of the word begin with (朝阳: Chaoyang)."""
    from toolkit.lexicon import glosses

    return [match["name"] for match in map(PLACE_SENSE.match, glosses(word)) if match]


def _named_place(word: str) -> bool:
    """A dictionary word that names a place and, in jieba's dictionary, nothing else (和田, not 互助 "mutual aid")."""
    tag = _posseg().dt.word_tag_tab.get(word)
    return (tag is None or tag.startswith(NAME_TAGS)) and _lexicon_place(word)


def _patterned_place(word: str, tag: str) -> tuple[str, str, str] | None:
    """A ring road's section (南三环 South Third Ring Road), or two provinces paired by their abbreviations
    (京蒙 Beijing and Inner Mongolia)."""
    ring = RING_ROAD.fullmatch(word)
    if ring:
        return word, "place", f"{DIRECTIONS[ring[1]]} {ORDINALS[ring[2]]} Ring Road"
    if len(word) == 2 and tag in ("ns", "j") and all(char in PROVINCE_ABBREVIATIONS for char in word) \
            and word not in PROVINCES:
        return word, "place", " and ".join(PROVINCE_ABBREVIATIONS[char] for char in word)
    return None


def _quarter(words: list[Word], number: int,
             found: list[tuple[str, str, str]]) -> tuple[tuple[str, str, str], int] | None:
    """A quarter named right after the place it is in and before a word of nearness (北京市南三环草桥附近), in
    one word or in the pieces jieba cut it into (十里 / 河), if the dictionaries do not know it as a common word;
    with the index of its last word."""
    from toolkit.lexicon import is_word

    if not (number and found and found[-1][0] == words[number - 1][0]):
        return None
    last = next((last for last in range(number, min(number + MAX_QUARTER_PIECES, len(words) - 1))
                 if words[last + 1][0] in NEAR), None)
    if last is None:
        return None
    pieces = words[number:last + 1]
    word = "".join(piece for piece, _ in pieces)
    if not (2 <= len(word) <= 3 and _is_han(word)) or is_word(word) or word[0] in DETERMINERS:
        return None
    if word[0] in NUMERALS and not LI_DISTANCE.match(word):  # 三公里附近 is a distance
        return None
    if not _posseg().dt.word_tag_tab.get(word, "n").startswith("n"):
        return None
    if len(pieces) > 1 and not all(tag.startswith("n") or LI_DISTANCE.fullmatch(piece) for piece, tag in pieces):
        return None
    return (word, "place", pinyin_word(word, _place_syllables(word))), last


def _suffixed_place(word: str, places: dict[str, str]) -> tuple[str, str, str] | None:
    """A word jieba does not tag as a name, made of a known place and its generic term (平谷区)."""
    for suffix in SUFFIX_NAMES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2 and (stem in places or known_place(stem) or _lexicon_place(stem)):
            return place_english(word, places)
    return None


def _town(words: list[Word], number: int, places: dict[str, str]) -> tuple[str, str, str] | None:
    """A town or village jieba cut in pieces and tagged its last one a name (金厂 / 沟 / 梁镇): the pieces
    back to the last word that is not a noun, if they make no dictionary word."""
    from toolkit.lexicon import is_word

    word = words[number][0]
    if not word.endswith(TOWN_SUFFIXES) or is_word(word):
        return None
    start = number
    while start > 0 and number - start + 1 < MAX_TOWN_PIECES and words[start - 1][1] in NOUN_TAGS \
            and len(words[start - 1][0]) <= 2 and _is_han(words[start - 1][0]):
        start -= 1
    name = "".join(piece for piece, _ in words[start:number + 1])
    if start == number or is_word(name[:-1]):
        return None
    return place_english(name, places)


def _bare_place(word: str, places: dict[str, str], *, guess: bool = True) -> tuple[str, str, str] | None:
    """A place named without an administrative suffix: one the glossary or toolkit.placenames knows (西藏,
    和田), one CC-CEDICT knows only as a place (遵义, 滦平), or, for a word jieba tags as a name (``guess``),
    one it knows as a place among other senses (承德) or, if it is no dictionary word, a name ending as places
    do (张家口). jieba's place tag alone is too loose (重镇, 上岗, 家门口)."""
    from toolkit.lexicon import glosses

    known = places.get(word) or known_place(word)
    senses = glosses(word)
    if known is None and senses and all(map(PLACE_SENSE.match, senses)) or \
            guess and known is None and (_lexicon_place(word) or not senses and len(word) >= 3
                                         and word.endswith(PLACE_ENDINGS) and word[0] not in DETERMINERS | NUMERALS):
        known = pinyin_word(word, _place_syllables(word))
    return (word, "place", known) if known else None


def _is_person(word: str, tag: str, before: Word, after: Word) -> bool:
    """Whether a word jieba tags as a person's name is one: it begins with a surname, and stands where names do."""
    from jieba import dt

    from toolkit.lexicon import glosses

    if not 2 <= len(word) <= 4:
        return False
    if tag == "nrfg":  # jieba's dictionary of well-known people (习近平)
        return True
    senses = glosses(word)
    if senses:  # CC-CEDICT lists people with their years (毛泽东: Mao Zedong (1893-1976)); 黄金周 is Golden Week
        return any(LIFE_YEARS.search(sense) for sense in senses)
    surname = 2 if word[:2] in COMPOUND_SURNAMES else 1
    if surname == 1 and word[0] not in SURNAMES:
        return False
    if word.endswith(PLACE_ENDINGS) or after[0].startswith(INSTITUTIONS):
        return False
    if word[0] in FUNCTION_SURNAMES and before[1][:1] in ("c", "d", "p", "v"):
        return False
    if len(word) - surname == 1:  # surname and one character: only in a name's usual places
        common_word = surname == 1 and bool(dt.FREQ.get(word))  # 关怀, 荣获
        return not common_word and (before[1] == "x" or before[0].endswith(ROLE_ENDINGS))
    return True


def _syllables(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)


def pinyin_word(text: str, syllables: list[str] | None = None) -> str:
    """Syllables joined into one capitalised word, with the apostrophe before a, o or e (Xi'an)."""
    syllables = syllables or _syllables(text)
    joined = syllables[0] + "".join(("'" if s[:1] in "aoe" else "") + s for s in syllables[1:])
    return joined[:1].upper() + joined[1:]


def person_pinyin(name: str) -> str:
    """Surname then given name, each one word: 郭丽华 → Guo Lihua, 欧阳修 → Ouyang Xiu; a surname with a
    title takes its English (李女士 → Ms Li)."""
    for title, english in TITLES.items():
        if name.endswith(title) and len(name) > len(title):
            return f"{english} {person_pinyin(name[:-len(title)])}"
    split = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    if len(name) == 1 or split == len(name):
        return pinyin_word(name)
    reading = SURNAME_READINGS.get(name[:split])
    return f"{pinyin_word(name[:split], [reading] if reading else None)} {pinyin_word(name[split:])}"


def _place_syllables(name: str) -> list[str]:
    """The syllables of a place name, read with its suffix (pypinyin's phrase list knows 朝阳区 is Chaoyang,
    not Zhaoyang), as CC-CEDICT romanises the place where a character has several readings (朝阳 Chaoyang),
    and with the readings place names keep (商都 Shangdu)."""
    for romanised in _lexicon_place_names(name):
        syllables = _readings_spelling(name, re.sub(r"[^a-z]", "", romanised.lower()))
        if syllables:
            return syllables
    return [PLACE_READINGS.get(char, syllable) for char, syllable in zip(name, _syllables(name))]


def _readings_spelling(text: str, spelled: str) -> list[str] | None:
    """One reading per character that together spell ``spelled``, if the characters' readings allow it."""
    from pypinyin import Style, pinyin

    readings = [sorted(set(options), key=len, reverse=True)
                for options in pinyin(text, style=Style.NORMAL, heteronym=True, v_to_u=True)]

    def spell(index: int, rest: str) -> list[str] | None:
        if index == len(readings):
            return [] if not rest else None
        for reading in readings[index]:
            plain = reading.replace("ü", "u")
            if rest.startswith(plain):
                tail = spell(index + 1, rest[len(plain):])
                if tail is not None:
                    return [reading, *tail]
        return None

    return spell(0, spelled)


def place_english(name: str, places: dict[str, str] | None = None, *,
                  single_stem: bool = False) -> tuple[str, str, str] | None:
    """(name, "place", English) for a name ending in an administrative suffix, else None.

    竹溪县 → Zhuxi County, 内蒙古自治区 → Inner Mongolia Autonomous Region, 和田地区 → Hotan Prefecture,
    唐县 → Tangxian County (a one-character county keeps "xian"), 北京市 → Beijing. The stem's English is
    the glossary's where it has the stem, else toolkit.placenames', else its pinyin. After a province, 地区 is
    a plain region: 内蒙古地区 proposes 内蒙古 (Inner Mongolia). A one-character stem is a name only for a
    county the tagger knows as a place (蔚县, 唐县); otherwise 城镇 would be a town called Cheng.
    """
    places = places or {}
    for suffix, english in SUFFIXES:
        stem = name[: -len(suffix)]
        if not name.endswith(suffix) or not stem or stem[0] in DETERMINERS:
            continue
        if len(stem) == 1 and (stem in NUMERALS or not (single_stem and suffix == "县")):
            return None
        if suffix == GENERIC_REGION and stem in PROVINCES:
            return stem, "place", places.get(stem) or PROVINCES[stem]
        parts = []
        for group, group_english in ETHNIC_GROUPS.items():
            if len(stem) > len(group) and stem.endswith(group) and suffix.startswith("自治"):
                stem, parts = stem[: -len(group)], [group_english]
                break
        known = places.get(stem) or known_place(stem)
        if known is None:
            known = pinyin_word(stem, _place_syllables(name)[: len(stem)]) + ("xian" if len(stem) == 1 and suffix == "县" else "")
        return name, "place", " ".join(filter(None, [known, *parts, english]))
    return None
