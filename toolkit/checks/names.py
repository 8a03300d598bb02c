"""Names: a person or place named in the source must be named in the translation.

Names read from the source: transliterations joined by the interpunct
(杰夫·贝索斯); words whose CC-CEDICT senses are proper names (和田 "Hotan")
can be read too, but are off (DICTIONARY_NAMES). A name is present when the
English has a word of its dictionary senses, its pinyin reading, or, for a transliteration, a
capitalised word that sounds like it: the consonants of the pinyin
syllables, by place of articulation, in the English word's order (贝索斯
bei-suo-si ~ B-s-s: Bezos). A warning: names may be replaced by "he" or left
out for good reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from toolkit.checks.registry import register
from toolkit.checks.runner import Context
from toolkit.memo import remembered
from toolkit.po import Entry

# Characters Chinese uses to transliterate foreign names (胡丁厄 Huddinge, 佩卡 Pekka): a name written in
# them is not pinyin, and one letter off its pinyin is no slip.
TRANSLITERATION_CHARACTERS = frozenset(
    "阿埃艾安奥巴贝比彼波伯博布达戴丹道德迪蒂丁杜多厄恩尔法菲费芬弗福富盖冈戈格古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎考柯科克肯"
    "库奎拉莱赖兰朗劳勒雷蕾里利莉林琳隆卢鲁路伦罗洛马玛迈麦曼梅门蒙米密姆穆纳娜奈内尼涅宁努诺欧帕佩彭皮珀普奇齐乔切琴丘萨塞赛"
    "桑瑟森沙莎舍什施史斯松苏索塔泰坦汤特提廷托瓦万威韦维温沃乌武西希锡谢辛休雅亚扬耶伊因英尤于约泽扎詹兹"
    "莫黛珀丽娅佐萝茜琼露薇妮芭朵娜琪裴拜邦堡彻楚茨当顿芳伏贡圭哥荷侯怀惠季济嘉简捷喀康昆黎连列灵留柳龙娄陆吕满毛美"
    "缅敏明摩默慕南瑙纽潘庞培蓬平蒲契恰钦屈让热茹瑞若山珊尚绍申圣士舒素所唐陶忒滕田通图旺翁伍席夏欣许薛延叶依由宇祖")
TRANSLITERATION = re.compile(r"[\u4e00-\u9fff]{2,}(?:·[\u4e00-\u9fff]{1,})+")
CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’]+")
# Consonants grouped by how they sound, for pinyin initials and English letters alike.
SOUND = {**dict.fromkeys("bp", "b"), **dict.fromkeys("dt", "d"), **dict.fromkeys("gk", "g"),
         **dict.fromkeys("zsc", "s"), **dict.fromkeys("jqx", "j"), **dict.fromkeys("lr", "l"), "m": "m", "n": "n",
         **dict.fromkeys("fvwh", "f"), "y": "y"}
# Dictionary proper names (日本 Japan) are left out: the English says "Japanese", "Tokyo" or "the country"
# too often for a missing one to mean anything.
DICTIONARY_NAMES = False
PROPER_SENSE = re.compile(r"^([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)\b")


@dataclass(frozen=True)
class Name:
    source: str
    renderings: frozenset[str]  # lower-case English words that name it (dictionary senses, pinyin)
    sounds: tuple[str, ...] = ()  # consonant classes of a transliteration's syllables

    def matches(self, word: str) -> bool:
        """Whether a capitalised English word names this (Bezos for 贝索斯, Hotan for 和田)."""
        lower = word.lower().removesuffix("'s").removesuffix("’s")
        if lower in self.renderings:
            return True
        return bool(self.sounds) and _sounds_like(self.sounds, lower)


def source_names(source: str) -> list[Name]:
    """The names in a source text: transliterations (each part) and dictionary proper names."""
    from toolkit import lexicon

    names = []
    for match in TRANSLITERATION.finditer(source):
        parts = match.group().split("·")
        # A run between dots may hold more than a name (零售行为学家帕可·昂德希尔, 托马斯则扮演…凯·钱德勒): the
        # transliteration characters on each side of each dot are the names.
        found = []
        for number, part in enumerate(parts):
            if number:
                found.append(_transliterated(part))
            if number < len(parts) - 1:
                found.append(_transliterated(part[::-1])[::-1])
        for part in dict.fromkeys(found):
            if len(part) >= 2:
                names.append(Name(part, frozenset({_reading(part)}), _syllable_sounds(part)))
    if DICTIONARY_NAMES and "·" not in source:
        for word in lexicon.longest_words(source):
            senses = lexicon.glosses(word)
            if len(word) >= 2 and senses and all(PROPER_SENSE.match(sense) for sense in senses[:1]) \
                    and not any(sense[:1].islower() for sense in senses):
                proper = {w.lower() for sense in senses if (m := PROPER_SENSE.match(sense))
                          for w in re.split(r"[ -]", m.group(1))}
                names.append(Name(word, frozenset(proper | {_reading(word)})))
    return names


def _transliterated(text: str) -> str:
    """The leading characters of the text that transliterate (all of it when none does: 肖 is a name too)."""
    end = 0
    while end < len(text) and text[end] in TRANSLITERATION_CHARACTERS:
        end += 1
    return text[:end] if end else text[:1]


@remembered("pypinyin")
def _reading(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


@remembered("pypinyin")
def _syllable_sounds(word: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    initials = lazy_pinyin(word, style=Style.INITIALS, strict=False)
    return tuple(SOUND.get(initial[:1], "") for initial in initials)


def _sounds_like(sounds: tuple[str, ...], word: str) -> bool:
    """The first syllable's consonant class starts the word, and most of the others follow in order."""
    # English c is k or s (Cayard, Cecil), ch k or s (Christina, Buchanan): "c" stands for either.
    classes = ["c" if letter == "c" else SOUND[letter] for letter in word if letter in SOUND]
    if not sounds or not classes:
        return False
    if sounds[0] in ("", "y"):
        return True  # 约翰 John, 艾伦 Alan: a syllable without a consonant may be written any way
    if not _same_sound(sounds[0], classes[0]):
        return False
    position, found = 1, 0
    for sound in sounds[1:]:
        if not sound:
            found += 1
            continue
        for index in range(position, len(classes)):
            if _same_sound(sound, classes[index]):
                position, found = index + 1, found + 1
                break
    return found >= (len(sounds) - 1) / 3


def _same_sound(pinyin: str, english: str) -> bool:
    """Pinyin j, q, x stand for English j, s, k and g (基辛格 Kissinger, 乔 Joe, 西 Si); z, c, s, zh, ch, sh
    for s and j (詹姆斯 James); English c for k or s (Cayard, Cecil)."""
    return pinyin == english or pinyin == "j" and english in ("s", "g", "c") \
        or pinyin == "s" and english in ("j", "c") or english == "c" and pinyin == "g"


@register("names", "warning")
def names(item: Entry, context: Context) -> Iterator[str]:
    """A name in the source (a transliteration such as 杰夫·贝索斯, or a dictionary place or person name
    such as 和田 Hotan) has no recognisable rendering in the translation."""
    if "·" not in item.msgid and not DICTIONARY_NAMES:
        return
    found = source_names(item.msgid)
    if not found:
        return
    lowered = {w.lower() for w in re.findall(r"[A-Za-z]+", item.msgstr)}
    words = [w for w in CAPITALISED.findall(item.msgstr)] + [w for w in re.findall(r"\b[A-Z]{2,}\b", item.msgstr)]
    for name in found:
        if not (name.renderings & lowered or any(name.matches(word) for word in words)):
            known = ", ".join(sorted(w.capitalize() for w in name.renderings))
            yield f"{name.source} ({known}) is not named in the translation"
