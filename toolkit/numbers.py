"""Reading quantities from Chinese and English text, as values that can be compared.

Digit-string comparison (what pofilter and Xbench do) fails on Chinese: 65万元
is 650,000 yuan, 1.48万余册 is "more than 14,800 books", 第七次 is "the seventh"
and 4月 is April. Both readers here return :class:`Quantity` records with the
value, the kind (cardinal, year, month, day, ordinal, percent), any qualifier
("more than", "nearly", "about", "less than") and the character span, so the
number check can compare values and the aligner can use them as anchors.

Chinese numerals are converted by cn2an and English number words by text2num;
this module only finds the spans and reads the scales, qualifiers and kinds
around them.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable, NamedTuple

import ahocorasick
from text_to_num import text2num

from toolkit.memo import remembered

MORE, NEARLY, ABOUT, LESS = "more than", "nearly", "about", "less than"
CARDINAL, YEAR, MONTH, DAY, ORDINAL, PERCENT = "cardinal", "year", "month", "day", "ordinal", "percent"


class Quantity(NamedTuple):
    """One number found in a text (a named tuple: every segment makes several, and tuples are cheapest).

    ``weak`` marks words that often stand for no number at all in the other
    language (一 / "one" / "a", 两地 / "both", "first"): such a quantity may
    match one on the other side but is never reported as missing or extra.
    """

    value: float
    text: str
    start: int
    end: int
    kind: str = CARDINAL
    approx: str | None = None
    weak: bool = False


def _trie(words: list[str], *, capital: bool = False) -> str:
    """A regex alternation of words arranged as a trie: sre tries one branch per letter, not every word.

    With ``capital`` each word may also start with a capital letter (Five, Three-Year),
    which is much faster than re.IGNORECASE.
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict, first: bool) -> str:
        branches = [(f"[{char}{char.upper()}]" if first and capital else re.escape(char)) + emit(child, False)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root, True)


# --- Chinese ---------------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_CN_SCALES = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "亿": 10**8, "千万": 10**7,
              "百万": 10**6, "万": 10**4, "千": 10**3, "百": 10**2}
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_DIGIT_VALUE = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "两": "2"}
# Words whose numeral characters are not amounts: idioms, set phrases and place names.
_CN_NOT_NUMBERS = (
    "千方百计 一望无际 万众一心 一心一意 三心二意 四面八方 五湖四海 七上八下 九牛一毛 万无一失 千家万户 "
    "千辛万苦 千军万马 百花齐放 百家争鸣 一举两得 独一无二 一清二楚 接二连三 三番五次 乱七八糟 十全十美 "
    "十拿九稳 百尺竿头 四梁八柱 三令五申 五花八门 千载难逢 万紫千红 三天两头 一穷二白 百折不挠 百废待兴 "
    "百年大计 千钧一发 万古长青 一分为二 七嘴八舌 四平八稳 五颜六色 六神无主 九死一生 十万火急 "
    "万一 千万 十分 万分 百姓 百货 一把手 二手 星期一 星期二 星期三 星期四 星期五 星期六 "
    "周一 周二 周三 周四 周五 周六 一带一路 "
    "四川 十堰 三亚 六安 三峡 九江 九寨沟 五台山 八达岭 万州 七台河 二连浩特 三门峡 三河 五指山 "
    "三明 六盘水 九龙 万宁 百色 千岛湖 十三陵 三沙 四平 五常 万里长城"
).split()
_CN_NOT_NUMBER = re.compile(_trie(_CN_NOT_NUMBERS))
CN_MEASURE_WORDS = set("册元人个家名所次项位户件吨亩米本张台辆套座条倍岁天年月日号周点分秒角块斤两克升度层种类批组队场"
                  "届期章节部篇首句段页幅栋间架艘双对副把根支枝颗粒片滴口头匹群份封万千百亿")
# Measure words and units of more than one character: 公斤 after a numeral is a unit, 斤斤 is not.
_CN_UNITS = frozenset("""公斤 公里 公顷 千克 千米 厘米 毫米 平方米 平方公里 立方米 美元 英镑 欧元 日元 港元 英亩 英里 英尺
    小时 分钟 星期 个月 周年 世纪 年代 多年 余年 多岁 多人 多个 余人 余个 倍数""".split())
_CN_APPROX_BEFORE = {"将近": NEARLY, "接近": NEARLY, "近": NEARLY, "大约": ABOUT, "约": ABOUT,
                     "超过": MORE, "逾": MORE, "不到": LESS, "不足": LESS}
_CN_APPROX_AFTER = {"余": MORE, "多": MORE, "以上": MORE, "左右": ABOUT, "以下": LESS}
# Places where 两 means "both" and is usually not translated as a number.
_CN_WEAK_TWO_AFTER = set("地岸方者国")

_CN_QUANTITY = re.compile(
    r"(?=[将接近大约超逾不第百\d零〇一二两三四五六七八九十千万亿双])"  # most characters fail here, fast
    r"(?P<before>将近|接近|近|大约|约|超过|逾|不到|不足)?"
    r"(?P<ordinal>第)?"
    r"(?:(?P<percent_words>百分之)(?P<percent_value>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)"
    r"|(?P<digits>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<more1>余|多)?(?P<scale>万亿|千亿|百亿|亿|千万|百万|万|千|百)?(?P<more2>余|多)?(?P<pct>%)?"
    r"|(?P<numeral>[零〇一二两三四五六七八九十百千万亿]+)(?P<more3>余|多)?"
    r"|(?P<double>双))"
)
_CN_AFTER = re.compile(r"[^\W\d]{0,2}?(以上|左右|以下)")
_CN_VAGUE_BEFORE = set("几数")  # 几十, 数百: vague whatever follows
_CN_VAGUE_BEFORE_SCALE = set("上成好")  # 上万, 成千, 好几百: vague only before a scale (构成第三, 晚上八点 are not)
_CN_SCALE_START = set("十百千万亿")
# Before a bare scale word that is the unit of a table's figures (产值（亿元）, 单位：万元) or a rate (每万人):
# "(100 million yuan)", "Unit: 10,000 yuan", "per 10,000 people". "" is the start of the text (a header cell).
_CN_SCALE_AS_UNIT_BEFORE = {"", "（", "(", "：", ":", "每", "/"}
# After a numeral, 成 is "tenths" (七成 = 70%) unless it starts a word (成为, 成立, 成员, 成千上万).
_CN_NOT_TENTHS_AFTER = set("为立员功就绩果本千百长了")
_CN_KILO_UNITS = set("比克米瓦赫焦帕伏卡")
_CN_DATE_UNITS = set("年月日")
_CN_SPAN_BEFORE = set("前后头近")  # 前三季度: "the first three quarters", a count
_CN_TIME_SPANS = ("年", "个月", "月", "天", "日", "周", "个星", "星期")  # (two characters of them are read)
_CN_DURATION_BEFORE = set("时了达过续用花")  # 历时, 用了, 长达, 经过, 持续, 花 (了)
_CN_FORMULA = set("=<>≤≥'′+×÷^")  # a number in a formula is a symbol: x=0 may be written any way
_CN_DIGIT_RANGE = {a + b for a, b in zip("一二两三四五六七八", "二三三四五六七八九")} | {"一两"}
_CN_MAY_HAVE_NUMBER = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿双]")
_FULL_WIDTH_ANY = re.compile("[０-９．％]")
# A full-width comma or colon between digits is a thousands separator (2，300%) or a clock (7：30).
# The separator comes first in each branch, so that the search jumps from one comma or colon to the next.
_DIGIT_SEPARATOR = re.compile(r"，(?<=\d，)(?=\d{3}(?!\d))|：(?<=\d：)(?=\d\d)")
# Decades: 20世纪60年代 (the 1960s), 1970年代, 70年代, 二三十年代 (the twenties and thirties).
_CN_DECADE = re.compile(r"(?:(?P<century>\d{1,2}|[一二十]+)世纪)?(?P<decade>\d{4}|\d0|[一二三四五六七八九]{1,2}十)年代")
# Reference apparatus: a bracket holding Latin letters (an author, a figure) besides numbers: (Giddens 1984, 364).
_CN_CITATION = re.compile(r"[（(][^（）()]*[A-Za-z][^（）()]*[）)]")
# Labels, not amounts: 图1.1, 表2, 式(3); section numbers 10.1.1; a list number opening the segment (1. 2、 (3)).
_CN_LABEL = re.compile(r"(?:图|表|式|公式|方程|例|习题)\s*[(（]?\d+(?:[.-]\d+)*|[\d一二三四五六七八九十]+分之[\d一二三四五六七八九十]+|\d+(?:\.\d+){2,}|^\s*[(（]?\d{1,2}(?:\.\d+)?(?:\.(?!\d)|[、)）]|\s)")


# Where a label or reference may be: most segments have none, and skip both patterns. Each test starts with a
# character the search can jump to (a pattern opening with ^ or with alternatives of classes is tried at every
# character); the opening list number is tried at the start only.
_CN_BRACKET_LATIN = re.compile(r"[(（][^（）()]*[A-Za-z]")
_CN_LABEL_WORD = re.compile(r"[图表式例题程]\s*[(（]?\d")  # (代表, 方式, 问题 are common words, 表2 is rare)
_CN_SECTION_NUMBER = re.compile(r"\d\.\d+\.")
_CN_OPENING_NUMBER = re.compile(r"\s*[(（]?\d")


def _may_hold_a_label(text: str) -> bool:
    """Whether _CN_CITATION or _CN_LABEL may match: a bracket holding Latin letters, a label word before a digit, 分之,
    a section number or a number opening the text."""
    return bool(("(" in text or "（" in text) and _CN_BRACKET_LATIN.search(text) or _CN_LABEL_WORD.search(text)
                or "分之" in text or "." in text and _CN_SECTION_NUMBER.search(text) or _CN_OPENING_NUMBER.match(text))


def has_numeral(text: str) -> bool:
    """Whether the text holds a digit or Chinese numeral: without one it holds no number, and every number's
    span holds one (so a glossary term without one holds no number either)."""
    return _CN_MAY_HAVE_NUMBER.search(text) is not None


def chinese_quantities(text: str) -> list[Quantity]:
    """Every number in a Chinese text, in order, with scales, qualifiers and kinds applied.

    Weak (may match, never required): 一 and 两地-like "both"; a Chinese numeral of ten or less
    (两个, 三位: often "both", "they", "a trio" in good English); a numeral inside a word that is not a
    number (三三两两, 七零八落, 十足: a CC-CEDICT word whose rest is no measure word); ranges
    (十五六岁: 15 or 16); vague counts (三十几); labels (图2, 10.1.1) and references ((Giddens 1984)).
    """
    if not has_numeral(text):
        return []
    scanned = text.translate(_FULL_WIDTH) if _FULL_WIDTH_ANY.search(text) else text
    if "，" in scanned or "：" in scanned:
        scanned = _DIGIT_SEPARATOR.sub(lambda m: "," if m.group() == "，" else ":", scanned)
    excluded = [m.span() for m in _CN_NOT_NUMBER.finditer(scanned)]
    weak_spans = [m.span() for pattern in (_CN_CITATION, _CN_LABEL) for m in pattern.finditer(scanned)] \
        if _may_hold_a_label(scanned) else []
    found: list[Quantity] = []
    decades = list(_CN_DECADE.finditer(scanned)) if "年代" in scanned else []
    for match in decades:
        found.extend(_chinese_decades(match))
    qualified_after = "以" in scanned or "左" in scanned  # else _CN_AFTER (以上, 左右, 以下) cannot match
    for match in _CN_QUANTITY.finditer(scanned):
        start, end = match.span()
        if decades and any(d.start() <= start < d.end() for d in decades):
            continue
        following = scanned[end:end + 2]
        next_char = following[:1]
        before = scanned[start - 1:start]
        if start and before.isascii() and _after_a_symbol(scanned, start) and next_char not in _CN_DATE_UNITS:
            continue  # cm2, A3XX, EB-500: part of a symbol, as "COVID-19" is in English (but com1999年 is a year)
        # In 千方百计 or 十堰 (but not 一万一千, which holds 万一) a numeral is no amount:
        # a literal "a thousand ways" may match it, nothing is required.
        idiom = any(s <= start and end <= e for s, e in excluded) if excluded else False
        numeral = match.group("numeral") or ""
        if numeral and not idiom and (len(numeral) > 1 or next_char == "成") and not match.group("ordinal"):
            idiom = _inside_a_word(scanned, start, end, reach_past=len(numeral) == 1)  # 一成不变 is no 10%
        after = qualified_after and _CN_AFTER.match(scanned, end)
        qualifier = after.group(1) if after else ""
        if not qualifier and next_char in CN_MEASURE_WORDS and following[1:] in ("多", "余"):
            qualifier = "多"  # 两个多月, 一年多: more than
        token = match.group()
        readings = _chinese_reading(token, before, following, qualifier, idiom)
        weak_here = False
        if weak_spans:
            number_start = start + len(match.group("before") or "")  # 大约三分之一: the fraction starts at 三
            weak_here = any(s <= number_start and end <= e for s, e in weak_spans)
        if not weak_here and next_char.isascii() and next_char.isalpha():
            weak_here = True  # 1020eV, 20J: a number with its unit symbol may match, never required
        if not weak_here and following == "世纪":
            weak_here = True  # 18世纪: English says "the century", "last century" as often as "the 18th century"
        for value, kind, approx, weak in readings:
            found.append(Quantity(value, token, start, end, kind, approx, weak or weak_here))
    if decades:
        found.sort(key=lambda q: q.start)
    return found


def _chinese_decades(match: re.Match) -> list[Quantity]:
    """20世纪60年代 = 1960 (a year, as "the 1960s" reads); 70年代 alone = 1970, weak (the century is a guess)."""
    century, decade = match.group("century"), match.group("decade")
    hundreds = None
    if century:
        number = _chinese_number(century)
        hundreds = int(number) - 1 if number is not None else None
    if len(decade) == 4:
        return [Quantity(float(decade), match.group(), *match.span(), YEAR)]
    tens = [decade] if decade[0] in "0123456789" else \
        [decade[0] + "十", decade[1] + "十"] if len(decade) == 3 else [decade]
    found = []
    for part in tens:
        value = _chinese_number(part) if not part.isdigit() else Decimal(part)
        if value is None:
            continue
        year = (hundreds if hundreds is not None else 19) * 100 + int(value)
        found.append(Quantity(float(year), match.group(), *match.span(), YEAR, None,
                              hundreds is None or len(tens) > 1))
    return found


WORD_REACH = 4  # characters a dictionary word may reach beyond the numeral on either side


def _after_a_symbol(text: str, start: int) -> bool:
    """Whether the number at start follows Latin letters, directly or by a hyphen (cm2, EB-500; not 白介素-10)."""
    before = text[start - 1]
    if before == "-" and start > 1:
        before = text[start - 2]
    return before.isascii() and before.isalpha()


def _inside_a_word(text: str, start: int, end: int, reach_past: bool = False) -> bool:
    """Whether the numeral lies inside a longer CC-CEDICT word whose other characters are no measure word:
    三三两两, 七零八落, 十足, 两岸, 三位一体, 三角架 are words, not amounts; 两个, 十年, 三公斤 are amounts.
    ``reach_past``: only words reaching past the next character count (一成不变 is a word, 七成 is 70%)."""
    from toolkit import lexicon

    for word_start in range(max(0, start - WORD_REACH), start + 1):
        for word_end in range(max(end + 2 if reach_past else end, word_start + 2),
                              min(len(text), end + WORD_REACH) + 1):
            if (word_start < start or word_end > end) and lexicon.is_word(text[word_start:word_end]):
                before, after = text[word_start:start], text[end:word_end]
                if before and before not in ("第", "约", "近", "每"):
                    return True
                if after and not (after in _CN_UNITS or all(c in CN_MEASURE_WORDS or c in "多余来" for c in after)):
                    return True
    return False


@lru_cache(maxsize=8192)
def _chinese_reading(token: str, before: str, following: str, qualifier_after: str,
                     idiom: bool) -> tuple[tuple[float, str, str | None, bool], ...]:
    """(value, kind, approx, weak) of each number one matched token stands for, given the characters
    around it (``following``: the next two); () if it is no amount. A range (十五六) stands for two.

    Cached: the same few tokens (2018年, 一, 10万) recur throughout a catalog.
    """
    match = _CN_QUANTITY.fullmatch(token)
    next_char = following[:1]
    prefix = match.group("before")
    if prefix == "近" and (before in ("最", "附") or _recent_span(token, before, following)):
        prefix = None  # 最近 "recently", 附近 "nearby", 近三年 "the past three years"
    approx = _CN_APPROX_BEFORE.get(prefix) if prefix else None
    kind = ORDINAL if match.group("ordinal") else CARDINAL
    weak = False
    if match.group("percent_words"):
        value = _chinese_number(match.group("percent_value"))
        kind = PERCENT
    elif match.group("digits"):
        raw = match.group("digits").replace(",", "")
        value = _decimal(raw)
        scale = match.group("scale")
        if scale == "千" and next_char in _CN_KILO_UNITS:
            scale = None  # 56千比特, 5千克: 千 is the unit's "kilo", as in "56 kilobits"
        if scale:
            value *= _CN_SCALES[scale]
        if (match.group("more1") or match.group("more2")) and not (token.endswith("多") and next_char == "出"):
            approx = MORE  # (but 400多出3百万: 多出 is "more by")
        weak = before in _CN_FORMULA
        if match.group("pct"):
            kind = PERCENT
        elif kind == CARDINAL and not scale:
            kind = _chinese_date_kind(value, raw, next_char)
        weak = weak or before == ":" and raw == "00"  # 10:00 is "10 p.m." as often as "10:00"
    elif match.group("numeral"):
        numeral = match.group("numeral")
        if before in _CN_VAGUE_BEFORE:
            return ()  # 几十, 数百: vague amounts
        if before in _CN_VAGUE_BEFORE_SCALE and numeral[0] in _CN_SCALE_START:
            value = _chinese_number(numeral)  # 上千, 成千, 上万: "a thousand", "thousands" may match, none is required
            return ((float(value), kind, MORE, True),) if value is not None else ()
        if numeral in _CN_SCALES and not idiom:
            if before in _CN_SCALE_AS_UNIT_BEFORE:  # 产值（亿元）: "(100 million yuan)" may match, none is required
                return ((float(_CN_SCALES[numeral]), kind, None, True),)
            return ()  # a bare scale word (万元 after a vague word) is not an amount
        if len(numeral) > 1 and numeral.endswith("两") and numeral[-2] in _CN_SCALE_START:
            numeral = numeral[:-1]  # 一万两, 四十五万两: 两 is the tael, not a digit
        for pair in () if "〇" in numeral or next_char == "年" else _CN_DIGIT_RANGE:
            if pair in numeral:  # 十五六岁, 三四十, 一两个: a range; either end may be given, neither is required
                low, high = (_chinese_number(numeral.replace(pair, digit, 1)) for digit in pair)
                return tuple((float(v), kind, approx, True) for v in (low, high) if v is not None)
        value = _chinese_number(numeral, year=next_char == "年")
        if value is None:
            return ()
        if match.group("more3"):
            approx = MORE
        if next_char == "几":  # 三十几, 十几: thirty-odd
            if numeral[-1] not in _CN_SCALE_START:
                return ()
            return ((float(value), kind, MORE, True),)
        if next_char == "成" and len(numeral) == 1 and following[1:2] not in _CN_NOT_TENTHS_AFTER and not idiom:
            return ((float(value * 10), PERCENT, approx, False),)  # 七成 = 70%
        if following == "季度" and numeral in "一二三四" and before not in _CN_SPAN_BEFORE:
            return ((float(value), ORDINAL, approx, False),)  # 一季度, 第一季度: the first quarter, Q1
        if kind == CARDINAL:
            kind = _chinese_date_kind(value, str(int(value)), next_char)
        small = value <= 10 and kind == CARDINAL and approx in (None, MORE)  # 十多岁: "teenagers"
        weak = idiom or small or value == 1  # 第一 too: "top", "primary", "leading" as often as "first"
    else:  # 双: "double", "twin", "both"
        value, weak = Decimal(2), True
    if value is None:
        return ()
    if qualifier_after and not approx:
        approx = _CN_APPROX_AFTER.get(qualifier_after, MORE)
    return ((float(value), kind, approx, weak),)


def _recent_span(token: str, before: str, following: str) -> bool:
    """近 before a short span of time (近三年, 近10天, 近两个月) reads "the past three years" at least as
    often as "nearly three years": no qualifier is required, but after a verb of duration (历时近三年, 用了近
    两年, 长达近十年) it is "nearly"."""
    return len(token) <= 3 and following.startswith(_CN_TIME_SPANS) and before not in _CN_DURATION_BEFORE


def _chinese_date_kind(value: Decimal, digits: str, following: str) -> str:
    whole = value == value.to_integral_value()
    if following == "年" and whole and 1000 <= value <= 2100:
        return YEAR
    if following == "月" and whole and 1 <= value <= 12:
        return MONTH
    if following in ("日", "号") and whole and 1 <= value <= 31:
        return DAY
    if len(digits) == 4 and whole and 1000 <= value <= 2100 and following not in CN_MEASURE_WORDS:
        return YEAR
    return CARDINAL


@lru_cache(maxsize=4096)
def _chinese_number(numeral: str, year: bool = False) -> Decimal | None:
    """The value of a Chinese numeral, or None for runs that are none (三三两两); ``year``: 年 follows."""
    if numeral.isdigit() or "." in numeral:
        return _decimal(numeral)
    if all(c in _CN_DIGITS for c in numeral):
        if len(numeral) == 1:
            return Decimal(_CN_DIGIT_VALUE[numeral])
        if "〇" in numeral or year and len(numeral) == 4:  # 二〇一八(年): read digit by digit
            return Decimal("".join(_CN_DIGIT_VALUE[c] for c in numeral))
        return None
    if numeral in _CN_SCALES:
        return Decimal(_CN_SCALES[numeral])
    return _cn2an_value(numeral)


@remembered("cn2an")
def _cn2an_value(numeral: str) -> Decimal | None:
    """cn2an's reading of a numeral the fast paths do not read (kept between runs: cn2an costs 0.17 s to load)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import cn2an

            return Decimal(str(cn2an.cn2an(numeral, "normal")))
        except (ValueError, KeyError, IndexError):
            return None


def _decimal(raw: str) -> Decimal:
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the patterns only let digits through
        return Decimal(0)


# --- English ---------------------------------------------------------------------------------

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ORDINAL_WORDS = {
    "first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five", "sixth": "six",
    "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten", "eleventh": "eleven",
    "twelfth": "twelve", "thirteenth": "thirteen", "fourteenth": "fourteen", "fifteenth": "fifteen",
    "sixteenth": "sixteen", "seventeenth": "seventeen", "eighteenth": "eighteen", "nineteenth": "nineteen",
    "twentieth": "twenty", "thirtieth": "thirty", "fortieth": "forty", "fiftieth": "fifty",
    "sixtieth": "sixty", "seventieth": "seventy", "eightieth": "eighty", "ninetieth": "ninety",
    "hundredth": "hundred", "thousandth": "thousand", "millionth": "million",
}
_MONTHS = {name: number for number, name in enumerate(
    "January February March April May June July August September October November December".split(), 1)}

_MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                        "Oct": 10, "Nov": 11, "Dec": 12}
_CARD = _trie(_UNITS + _TENS + list(_SCALES), capital=True)
_ORD = _trie(list(_ORDINAL_WORDS), capital=True)
_JOIN = r"(?:,?\s+and\s+|,\s+|\s+|-)"  # a comma only joins after a scale word (see _split_number_words)
_EN_QUANTITY = re.compile(  # every alternative starts a word: the leading \b skips all other positions fast
    r"\b(?:(?<!\d[.,])(?<![A-Za-z]-)"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d\w-])|\d+(?:\.\d+)?)"
    r"(?:(?P<suffix>st|nd|rd|th|s)\b|(?P<unit>(?=[A-Za-z]))|(?!\w|[,.]\d))"
    r"|(?P<words>(?:(?:[Aa]n?\s+)?(?:" + _CARD + r")(?:" + _JOIN + r"(?:" + _CARD + r"))*"
    r"(?:-(?:" + _ORD + r"))?|(?:" + _ORD + r")))\b"
    r"|(?P<both>[Bb]oth)\b"
    r"|(?P<month>" + _trie(list(_MONTHS)) + r")\b"
    r"|(?P<month_abbreviation>" + _trie(list(_MONTH_ABBREVIATIONS)) + r")\.)"
)
_DIGITS_GROUPS = frozenset(["digits", "suffix", "unit"])  # _EN_QUANTITY's groups that close a digits match
_THOUSANDS_SPACE = re.compile(r"[ \u00a0\u2009\u202f]")
_PERCENT_AFTER = r"\s*(?:%|per\s?cent\b)"
_EN_PERCENT_AFTER = re.compile(_PERCENT_AFTER, re.I)
# After digits: a scale word, then "percent" (one match for the two, read in this order).
_EN_SCALE_PERCENT_AFTER = re.compile(r"(?:\s*(?:-\s*)?(?P<scale>hundred|thousand|million|billion|trillion)\b(?!s))?"
                                     r"(?P<percent>" + _PERCENT_AFTER + ")?", re.I)
_EN_APPROX_AFTER = re.compile(r"(?:-?plus\b|\+|(?:\s+[a-z]+\.?)?\s+(?:or|and) more\b|[\s-]odd\b)", re.I)
_EN_APPROX = {"more than": MORE, "over": MORE, "upwards of": MORE, "in excess of": MORE, "at least": MORE,
              "above": MORE, "exceeding": MORE, "greater than": MORE, "or more": MORE, "nearly": NEARLY, "almost": NEARLY, "close to": NEARLY,
              "approaching": NEARLY, "just under": NEARLY, "about": ABOUT, "around": ABOUT,
              "approximately": ABOUT, "roughly": ABOUT, "some": ABOUT, "an estimated": ABOUT,
              "less than": LESS, "fewer than": LESS, "under": LESS, "up to": LESS}
_APPROX_LAST_WORDS = {phrase.split()[-1] for phrase in _EN_APPROX}
_ARTICLE_BEFORE = re.compile(r"(?<!\w)[Aa]n?\s+$")
_CURRENCY = {"rmb", "cny", "usd", "us$", "$", "¥", "￥", "yuan"}
_MAY_CONTEXT = re.compile(r"(?:\d|\b(?:in|of|since|until|by|from|through|to|last|next|early|late|mid))[\s-]+$")


def english_quantities(text: str, *, qualifiers: bool = True) -> list[Quantity]:
    """Every number in an English text, in order: digits, number words, scale words, months, ordinals.

    ``qualifiers=False`` leaves ``approx`` unread (None), for a caller with no use for it.

    One Aho-Corasick pass over the lower-cased text (see _scan) finds the few
    places where a number can start, where the pattern is then tried, and what
    else the text may hold: a text with none of it has no number.
    """
    starts, hints, any_key, weak_words = _scan(text)
    if not any_key and not hints:
        return []  # most sentences: no digit, number word or month, and no word that may stand for a number
    original = text
    acronyms = _has_two_capitals(text)
    if acronyms and _SHOUTED.search(text):  # THE FIRST PART OF MAN: read capitals as words (lower case unchanged)
        text = _SHOUTED.sub(lambda m: m.group().capitalize(), text)
    found: list[Quantity] = []
    months = False  # whether a month name was read (else no number is a day)
    position = 0
    for start in starts:
        if start < position:
            continue
        before = text[max(0, start - 4):start]
        article = ("a" in before or "A" in before) and \
            _ARTICLE_BEFORE.search(text, max(0, start - 4), start)  # "a hundred" starts at the "a"
        match = (article and _EN_QUANTITY.match(text, article.start())) or _EN_QUANTITY.match(text, start)
        if match is None:
            continue
        position = match.end()
        alternative = match.lastgroup  # the group closed last: digits, or the suffix or unit after them
        if alternative in _DIGITS_GROUPS:
            found.append(_read_english_digits(match, text, qualifiers))
            position = found[-1].end  # past a scale word or "percent" read with the digits
        elif alternative == "words":
            found.extend(_read_english_words(match, text, qualifiers))
            position = max(position, found[-1].end) if found else position
        elif alternative == "both":
            found.append(Quantity(2.0, match.group(0), *match.span(), weak=True))
        elif alternative == "month_abbreviation":
            months = True
            found.append(Quantity(float(_MONTH_ABBREVIATIONS[match.group("month_abbreviation")]), match.group(0),
                                  *match.span(), MONTH))
        else:
            months = True
            month = match.group("month")
            if month == "May" and not (_MAY_CONTEXT.search(text, 0, match.start())
                                       or re.match(r"\s+\d", text[match.end():])):
                continue
            found.append(Quantity(float(_MONTHS[month]), month, *match.span(), MONTH))
    if acronyms:
        found = _symbol_numbers(found, original)
    if months:
        _mark_days(found, text)
    return _reread_english(found, text, hints, weak_words)


def _symbol_numbers(found: list[Quantity], text: str) -> list[Quantity]:
    """Numbers that name a thing with an acronym (TLR7, IL-10, TLR 9, (IL) 10): they may match the source's
    number, but are never required."""
    weak = [q._replace(weak=True) if not q.weak and q.text.isdigit() and q.start > 2 and text[q.start - 1] in " -"
            and _ACRONYM_BEFORE.search(text, max(0, q.start - 10), q.start) else q for q in found]
    glued = [Quantity(float(m.group(1)), m.group(1), m.start(1), m.end(1), weak=True)
             for m in _EN_SYMBOL_NUMBER.finditer(text)]
    return sorted(weak + glued, key=lambda q: q.start) if glued else weak


# Capitalised words of two letters or more, read as ordinary words (not Roman numerals: see _EN_ROMAN).
_CAPITALS_AS_A = bytes(ord("A") if ord("A") <= byte <= ord("Z") else ord("a") for byte in range(256))


def _has_two_capitals(text: str) -> bool:
    """Whether two capitals A-Z stand side by side (an acronym may follow): on the UTF-8 bytes, capitals as A and
    all else as a, a byte search (several times cheaper than a regular expression scanning every character)."""
    return b"AA" in text.encode("utf-8", "surrogatepass").translate(_CAPITALS_AS_A)


_SHOUTED = re.compile(r"\b(?![IVXLC]+\b)[A-Z]{2,}\b")
_EN_ROMAN = re.compile(r"\b(?:[Cc]hapter|[Pp]art|[Bb]ook|[Vv]olume|[Ss]ection|[Ww]ar)\s+(?P<roman>[IVXLC]+)\b")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Words that stand for a number but are often idiom or paraphrase: they may match, never required.
_EN_QUARTER = re.compile(r"[ -]quarter\b")  # "second quarter": a quarter's number, not a unit of time
_EN_WEAK_WORDS = {"twice": 2, "double": 2, "doubled": 2, "doubles": 2, "couple": 2, "pair": 2, "twin": 2,
                  "twins": 2, "triple": 3, "tripled": 3, "threefold": 3, "trio": 3, "quadruple": 4,
                  "quadrupled": 4, "dozen": 12, "decade": 10, "half": 0.5, "centenary": 100, "centennial": 100,
                  "score": 20, "unity": 1}
_EN_WEAK_WORD = re.compile(r"\b(?:" + "|".join(_EN_WEAK_WORDS) + r")\b", re.I)
_EN_DECADE_WORD = re.compile(r"\b(?:the\s+)?(?:'|’)?(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|"
                             r"eighties|nineties|(?<=['’])\d0s)\b", re.I)
_DECADE_TENS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                "eighties": 80, "nineties": 90}
# A multiplier after a number: "two decades" is 20, "three dozen" 36.
_EN_MULTIPLIER_AFTER = re.compile(r"[\s-]+(?P<unit>decades?|dozens?)\b", re.I)
# A fraction: one-third, two-thirds, a quarter, three quarters, a third of.
_EN_FRACTION = re.compile(r"\b(?:(?:one|two|three|a)[\s-]+(?:half|halves|thirds?|quarters?|fourths?|fifths?|tenths?)"
                          r"|(?:thirds?|quarters?)\s+of)\b", re.I)
_EN_HALF_BEFORE = re.compile(r"\b[Hh]alf\s+$")
_EN_VAGUE_BEFORE = re.compile(r"\b(?:several|a few|few|many|some|dozens of|hundreds of|thousands of)\s+$", re.I)
# Labels and references, not amounts: fig. 1.4, Table 2, section numbers 10.1.1, (Giddens 1984, 364).
_EN_LABEL = re.compile(r"\b(?:[Ff]ig(?:ure)?s?\.?|[Tt]able|[Ee]q(?:uation)?s?\.?|§)\s*\(?\d+(?:[.-]\d+)*"
                       r"|\b\d+(?:\.\d+){2,}|^\s*\(?\d{1,2}(?:\.(?!\d)|\)|\.\d+\s)|\(\d{1,2}\)")
_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,}\)?[ -]{1,2}$")
_EN_SYMBOL_NUMBER = re.compile(r"\b[A-Z]{2,}-?([0-9]{1,3})\b")  # ASCII digits: those _scan sees
_EN_CITATION = re.compile(r"\((?=[^()]{0,80}?[A-Z][a-z])[^()]{0,80}?\b\d{4}[a-z]?\b[^()]{0,40}\)")
# Each pattern of weak spans, with a quick test (on the lowered text) for where it may match at all.
_EN_WEAK_PATTERNS = ((_EN_LABEL, "label"), (_EN_CITATION, "citation"), (_EN_FRACTION, "fraction"))
# A section number (10.1.1) or a bracketed list number ((1), (2)): a label; tried only where _scan saw "0." or "(0".
_MULTI_DOT = re.compile(r"[0-9]\.[0-9]+\.[0-9]")
_LIST_MARK = re.compile(r"\([0-9]{1,2}\)")
_CITATION_START = re.compile(r"\((?:[^()]{0,60}?\s)?[A-Z][a-z]")
# What each part of _reread_english needs to see in the lowered text before it runs its patterns.
_HINT_WORDS: dict[str, tuple[str, ...]] = {
    "label": ("fig", "table", "eq", "§"),
    "fraction": ("half", "halves", "third", "quarter", "fourth", "fifth", "tenth"),
    "weak word": ("twice", "twin", "doub", "coupl", "pair", "tripl", "threefold", "quadr", "dozen", "decade",
                  "half", "centen", "score", "trio", "unity"),
    "decade": ("0s", *_DECADE_TENS), "multiplier": ("decade", "dozen"), "half": ("half",),
    "roman": ("chapter ", "part ", "book ", "war ", "volume ", "section "),
    "dotted number": tuple(f"{digit}." for digit in "0123456789"),
    "bracketed number": tuple(f"({digit}" for digit in "0123456789"),
}
# Hint keys that count inside a word (1990s, 10.1.1, "(1)", §); the others only where a word starts, as each
# pattern they open does (\b): "repair", "headquarters" and "on behalf" run no pattern.
_HINTS_INSIDE_WORDS = frozenset(["0s", "§", *_HINT_WORDS["dotted number"], *_HINT_WORDS["bracketed number"]])
# Where a number may start: number words, month names, "both" and digits, in lower case.
_NUMBER_STARTS = frozenset([*_UNITS, *_TENS, *_SCALES, *_ORDINAL_WORDS, *(m.lower() for m in _MONTHS),
                            *(m.lower() + "." for m in _MONTH_ABBREVIATIONS), "both", *"0123456789"])


def _scan_automaton() -> ahocorasick.Automaton:
    """Each key of _NUMBER_STARTS and _HINT_WORDS, with its length, whether a number may start there, its hints
    and whether they count inside a word."""
    hints_of: dict[str, set[str]] = {}
    for hint, keys in _HINT_WORDS.items():
        for key in keys:
            hints_of.setdefault(key, set()).add(hint)
    automaton = ahocorasick.Automaton()
    for key in _NUMBER_STARTS | hints_of.keys():
        automaton.add_word(key, (len(key), key in _NUMBER_STARTS, frozenset(hints_of.get(key, ())),
                                 key in _HINTS_INSIDE_WORDS))
    automaton.make_automaton()
    return automaton


_SCAN = _scan_automaton()
_WORD_START = re.compile(r"\b\w")


class _Scan(NamedTuple):
    """What one pass over the lower-cased text finds for english_quantities and _reread_english."""

    starts: list[int]  # sorted word-initial offsets where a number word, month, "both" or digit begins
    hints: set[str]  # the parts of _reread_english that may find something
    any_key: bool  # whether such a start occurs at all, in a word or not (TLR7's digit is read too)
    weak_words: list[int] | None  # where a word of _EN_WEAK_WORDS may start (None: anywhere, offsets drifted)


def _scan(text: str) -> _Scan:
    """One pass of the automaton over the lower-cased text (see _Scan)."""
    lowered = text.lower()
    starts: set[int] = set()
    hints: set[str] = set()
    weak_words: list[int] = []
    any_key = False
    for end, (length, number_start, key_hints, inside_words) in _SCAN.iter(lowered):
        start = end - length + 1
        word_start = start == 0 or not lowered[start - 1].isalnum()
        if number_start:
            any_key = True
            if word_start:
                starts.add(start)
        if key_hints and (word_start or inside_words):
            hints |= key_hints
            if "weak word" in key_hints:
                weak_words.append(start)
    if len(lowered) != len(text):  # lower() changed the length (İ): offsets would drift, try every word
        return _Scan([m.start() for m in _WORD_START.finditer(text)], hints, any_key, None)
    return _Scan(sorted(starts), hints, any_key, weak_words)


_EN_YEAR_RANGE_END = re.compile(r"(?<=\d{4}[-–])\d\d\b")


def _reread_english(found: list[Quantity], text: str, hints: set[str], weak_words: list[int] | None) -> list[Quantity]:
    """What the single pattern cannot see: multipliers (two decades = 20), half (half a million), year
    ranges (1997-98), Roman numerals after Chapter or Part, and the words, fractions, labels and
    references that may stand for a number but are never required (twice, a dozen, one-third, fig. 1.4).

    ``hints`` (from _scan, extended here) names the parts that may find something; the weak words are read
    only where _scan saw one start (their pattern, tried at every word, is the costliest of all)."""
    if not found and not hints:
        return found  # no number, and no word that may stand for one
    if "(" in text and _CITATION_START.search(text):
        hints.add("citation")
    if "label" not in hints and (text[:1].isdigit() or text[:1] == "("
                                 or "dotted number" in hints and _MULTI_DOT.search(text)
                                 or "bracketed number" in hints and _LIST_MARK.search(text)):  # (1), (2): a list
        hints.add("label")
    weak_spans = [m.span() for pattern, hint in _EN_WEAK_PATTERNS if hint in hints for m in pattern.finditer(text)] \
        if hints else []
    result = []
    multipliers = "multiplier" in hints
    halves = "half" in hints
    for quantity in found:
        value, words, start, end, kind, approx, weak = quantity
        if multipliers and kind == CARDINAL:
            multiplier = _EN_MULTIPLIER_AFTER.match(text, end)
            if multiplier:
                value *= 10 if multiplier.group("unit").lower().startswith("decade") else 12
        if halves and words[:1] in "aA" and _EN_HALF_BEFORE.search(text, max(0, start - 6), start):
            value *= 0.5  # half a million
        if len(words) == 2 and start and words.isdigit():
            mark = text[start - 1]
            if mark in "'’" and (start == 1 or not text[start - 2].isalnum()):
                century = 20 if value <= 30 else 19  # Dogme '95, the class of '08
                value, weak, kind = century * 100 + value, True, YEAR
            elif mark in "-–" and start > 4 and _EN_YEAR_RANGE_END.match(text, start):
                value, kind = int(text[start - 5:start - 3]) * 100 + value, YEAR  # 1997-98
        if value == 0 or words in ("second", "seconds", "Second") and not _EN_QUARTER.match(text, end) or \
                weak_spans and any(s <= start and end <= e for s, e in weak_spans) or \
                words.lower() in _SCALES and _EN_VAGUE_BEFORE.search(text, max(0, start - 14), start):
            weak = True
        if value != quantity.value or weak != quantity.weak or kind != quantity.kind:
            quantity = Quantity(float(value), words, start, end, kind, approx, weak)
        result.append(quantity)
    extra = []
    if "weak word" in hints:
        taken = [(q.start, q.end) for q in result]
        matches = _EN_WEAK_WORD.finditer(text) if weak_words is None else \
            filter(None, (_EN_WEAK_WORD.match(text, start) for start in weak_words))
        for match in matches:
            if not any(s <= match.start() < e for s, e in taken):
                extra.append(Quantity(float(_EN_WEAK_WORDS[match.group().lower()]), match.group(), *match.span(),
                                      approx=_english_approx(text, *match.span()), weak=True))
    if "decade" in hints:
        for match in _EN_DECADE_WORD.finditer(text):
            tens = match.group("tens").lower()
            value = _DECADE_TENS.get(tens) or int(tens[:2])
            result = [q for q in result if not (match.start() <= q.start < match.end())]
            extra.append(Quantity(float(1900 + value), match.group(), *match.span(), YEAR, weak=True))
    for match in _EN_ROMAN.finditer(text) if "roman" in hints else ():
        roman = match.group("roman")
        value = _roman_value(roman)
        if value:
            extra.append(Quantity(float(value), roman, match.start("roman"), match.end(), ORDINAL))
    if extra:
        result = sorted(result + extra, key=lambda q: q.start)
    return result


def _roman_value(roman: str) -> int | None:
    """I = 1, IV = 4, XII = 12 (up to C): enough for chapters and parts."""
    total = 0
    for char, following in zip(roman, roman[1:] + " "):
        value = _ROMAN[char]
        total += -value if following != " " and _ROMAN[following] > value else value
    return total or None


def _read_english_digits(match: re.Match, text: str, qualifiers: bool) -> Quantity:
    raw, suffix, unit = match.group("digits", "suffix", "unit")
    start, end = match.span()
    whole = raw.isdigit()
    if not whole and "," not in raw and "." not in raw:
        raw = _THOUSANDS_SPACE.sub("", raw)  # 100 000: a space between thousands (then no comma or point)
    if start and text[start - 1] == "." and (start == 1 or not text[start - 2].isalnum()):
        start, raw, whole = start - 1, "0." + raw, False  # .5 mg (but Aug.6 is the sixth)
    value = int(raw) if whole or raw.isdigit() else _decimal(raw.replace(",", ""))
    kind = CARDINAL
    # 245MHz, 10m, 3D: a number with its unit or as part of a symbol may match, but is never required
    weak = unit is not None
    if suffix:
        kind = ORDINAL if suffix != "s" else YEAR  # 1st, 2nd, 3rd, 4th; the 1990s, the 90s
        if suffix == "s" and value < 100 and value % 10 == 0:
            value, weak = 1900 + value, True
        end, kind = _percent_after(text, end, kind)
    else:
        after = _EN_SCALE_PERCENT_AFTER.match(text, end)
        scale, percent = after.group("scale", "percent")
        if scale:
            value *= _SCALES[scale.lower()]
        elif "," not in raw and "." not in raw and len(raw) == 4 and 1000 <= value <= 2100:
            kind = YEAR
        if percent is not None:
            kind = PERCENT
        end = after.end()
    return Quantity(float(value), text[start:end], start, end, kind,
                    _english_approx(text, start, end) if qualifiers else None, weak)


def _read_english_words(match: re.Match, text: str, qualifiers: bool) -> list[Quantity]:
    phrase = match.group("words")
    start = match.start()
    if re.match(r"an?\s", phrase, re.I):
        article, _, rest = phrase.partition(" ")
        if rest.split("-")[0].split()[0].lower() not in _SCALES:
            start += len(phrase) - len(rest.lstrip())
            phrase = rest.lstrip()
    found = []
    for offset, words, value, ordinal in _split_number_words(phrase):
        q_start = start + offset
        q_end = q_start + len(words)
        kind = ORDINAL if ordinal else CARDINAL
        q_end, kind = _percent_after(text, q_end, kind)
        weak = value == 1 and not words.lower().startswith("a")
        found.append(Quantity(float(value), text[q_start:q_end], q_start, q_end, kind,
                              _english_approx(text, q_start, q_end) if qualifiers else None, weak))
    return found


@lru_cache(maxsize=4096)
def _split_number_words(phrase: str) -> tuple[tuple[int, str, int, bool], ...]:
    """Split a run of number words into numbers: "five and six" is two, "a hundred and six" one.

    Returns (offset in phrase, words, value, is ordinal) per number, taking the
    longest run of words that text2num accepts at each point.
    """
    tokens = [(m.start(), m.group(0)) for m in re.finditer(r"[A-Za-z]+", phrase)]
    numbers = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            words = [t.lower() for _, t in tokens[i:j]]
            if words[-1] == "and" or words[0] == "and":
                continue
            if any("," in phrase[tokens[k - 1][0] + len(tokens[k - 1][1]):tokens[k][0]]
                   and words[k - 1 - i] not in ("thousand", "million", "billion", "trillion")
                   for k in range(i + 1, j)):
                continue  # "five, six" are two numbers; "thirty-six thousand, five hundred and one" is one
            ordinal = words[-1] in _ORDINAL_WORDS
            if ordinal:
                words[-1] = _ORDINAL_WORDS[words[-1]]
            if words[0] in ("a", "an"):
                words[0] = "one"
            value = _text2num(words)
            if value is None:
                continue
            begin = tokens[i][0]
            finish = tokens[j - 1][0] + len(tokens[j - 1][1])
            numbers.append((begin, phrase[begin:finish], value, ordinal))
            i = j
            break
        else:
            i += 1
    return tuple(numbers)


def _text2num(words: list[str]) -> int | None:
    """text2num's value of number words, or None; it stops at billions, so trillions are read here."""
    if "trillion" in words:
        at = words.index("trillion")
        high = _text2num(words[:at]) if at else 1
        low = _text2num(words[at + 1:]) if words[at + 1:] else 0
        return None if high is None or low is None else high * 10**12 + low
    try:
        return text2num(" ".join(words), "en")
    except ValueError:
        return None


def _percent_after(text: str, end: int, kind: str) -> tuple[int, str]:
    percent = _EN_PERCENT_AFTER.match(text, end)
    return (percent.end(), PERCENT) if percent else (end, kind)


def _english_approx(text: str, start: int, end: int) -> str | None:
    """The qualifier written just before the number (more than, nearly, about, less than) or after it (-plus)."""
    words = text[max(0, start - 30):start].lower().split()
    if start > 30 and words:
        words.pop(0)  # the window may have cut the first word
    while words and (words[-1] in _CURRENCY or words[-1].endswith("$") or words[-1] in ("a", "an", "age", "aged")):
        words.pop()  # "more than US$ 5", "more than a decade", "under age 25"
    if words and words[-1] in _APPROX_LAST_WORDS:  # else no qualifier can end here
        for size in (1, 2, 3):
            if len(words) >= size:
                approx = _EN_APPROX.get(" ".join(words[-size:]))
                if approx:
                    return approx
    return MORE if _EN_APPROX_AFTER.match(text, end) else None


def _mark_days(found: list[Quantity], text: str) -> None:
    """A number right next to a month name is a day: April 4, 4 April, the 4th of April."""
    for i, quantity in enumerate(found):
        if quantity.kind not in (CARDINAL, ORDINAL) or not 1 <= quantity.value <= 31:
            continue
        before = found[i - 1] if i else None
        after = found[i + 1] if i + 1 < len(found) else None
        if (before and before.kind == MONTH and not text[before.end:quantity.start].strip()) or (
                after and after.kind == MONTH and text[quantity.end:after.start].strip() in ("", "of")):
            found[i] = quantity._replace(kind=DAY)


def format_value(value: float, kind: str = CARDINAL) -> str:
    """A value as a reviewer reads it: 650,000 / 14,800 / 2.5 / 2018 (years without separators)."""
    if value == int(value):
        return str(int(value)) if kind == YEAR else f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


# --- comparing -------------------------------------------------------------------------------

_COMPATIBLE_APPROX = {MORE: {MORE}, NEARLY: {NEARLY, ABOUT}, ABOUT: {ABOUT, NEARLY}, LESS: {LESS, NEARLY}}


@dataclass
class NumberComparison:
    """How the numbers of a source segment and its translation line up."""

    wrong: list[tuple[Quantity, Quantity]]  # (source, translation) with different values
    missing: list[Quantity]  # in the source, not in the translation
    extra: list[Quantity]  # in the translation, not in the source
    qualifier: list[tuple[Quantity, Quantity]]  # same value, "more than"/"nearly"/"about" lost or changed

    @property
    def clean(self) -> bool:
        return not (self.wrong or self.missing or self.extra or self.qualifier)


def compare_quantities(source: list[Quantity], translation: list[Quantity]) -> NumberComparison:
    """Pair source and translation quantities by value; what is left over is wrong, missing or extra.

    Strong quantities are paired first, preferring the same kind and then the
    order of appearance; weak ones (一, "one", "both") only soak up leftovers.
    Leftover source and translation quantities of the same kind are paired in order as wrong values;
    the rest are missing or extra.
    """
    if not source and not translation:
        return NumberComparison([], [], [], [])
    if one_partner_each(source, translation):
        return NumberComparison([], [], [], _qualifier_changes(zip(source, translation)))
    return pair_by_value(source, translation)


def pair_by_value(source: list[Quantity], translation: list[Quantity]) -> NumberComparison:
    """compare_quantities without its shortcuts (which the tests hold to this)."""
    unused = list(translation)
    pairs: list[tuple[Quantity, Quantity]] = []
    unmatched: list[Quantity] = []
    # Strong before weak; a partner of the same kind first (30岁 and 30% each find theirs), and a strong
    # partner before a weak one: "two shirts and a pair of pants" leaves the weak "pair" over, not "two".
    for weak in (False, True):
        group = [q for q in source if q.weak == weak]
        for same_kind in (True, False):
            left = []
            for quantity in group:
                best = None  # the first strong partner, else the first weak one
                for index, candidate in enumerate(unused):
                    if (candidate.kind == quantity.kind or not same_kind) \
                            and _same_value(candidate.value, quantity.value):
                        if not candidate.weak:
                            best = index
                            break
                        if best is None:
                            best = index
                if best is None:
                    left.append(quantity)
                else:
                    pairs.append((quantity, unused.pop(best)))
            group = left
        unmatched.extend(group)
    missing = sorted((q for q in unmatched if not q.weak), key=lambda q: q.start)
    # A spelled-out small number ("two generations", "the four of them") where the source has no number
    # left over is the English spelling out what the source implies.
    source_left = any(q.value != 1 for q in unmatched)
    extra = [t for t in unused if not t.weak and (source_left or not _spelled_small(t))]
    wrong = []
    for quantity in list(missing):  # a leftover of the same kind on each side, in order: one value changed
        partner = next((t for t in extra if _same_kind(t.kind, quantity.kind)), None)
        if partner is not None:
            wrong.append((quantity, partner))
            missing.remove(quantity)
            extra.remove(partner)
    # A reference's year (Giddens，1984) is weak, as a reference may be left out or rewritten; but the one
    # reference year left over on each side is the year changed ("(Giddens 1985)").
    years = [q for q in unmatched if _reference_year(q)], [t for t in unused if _reference_year(t)]
    if len(years[0]) == 1 == len(years[1]):
        wrong.append((years[0][0], years[1][0]))
    if pairs and (missing or extra):  # 第9章 twice, "Chapter 9" once: a repeat the other side says with "it"
        missing = [q for q in missing if not any(_same_value(q.value, s.value) and q.kind == s.kind for s, _ in pairs)]
        extra = [q for q in extra if not any(_same_value(q.value, t.value) and q.kind == t.kind for _, t in pairs)]
    return NumberComparison(wrong, missing, extra, _qualifier_changes(pairs))


def _reference_year(quantity: Quantity) -> bool:
    """A weak year of four digits: one in a reference (Giddens 1984) or a label, not a guessed one (70年代)."""
    return quantity.weak and quantity.kind == YEAR and len(quantity.text) == 4 and quantity.text.isdigit()


def one_partner_each(source: list[Quantity], translation: list[Quantity]) -> bool:
    """Whether the values are distinct and the same, in the same order, on both sides (most segments): then
    each quantity pairs with the one in its place, whatever the kinds and weak marks, and only qualifiers
    can differ."""
    return len(source) == len(translation) and all(s.value == t.value for s, t in zip(source, translation)) \
        and len({q.value for q in source}) == len(source)


def _spelled_small(quantity: Quantity) -> bool:
    return quantity.kind == CARDINAL and 2 <= quantity.value <= 10 and quantity.text[:1].isalpha()


def _same_kind(a: str, b: str) -> bool:
    """Kinds a changed value may keep: the same, or cardinal and ordinal (第七章 is "Chapter 7")."""
    return a == b or {a, b} == {CARDINAL, ORDINAL}


def _qualifier_changes(pairs: Iterable[tuple[Quantity, Quantity]]) -> list[tuple[Quantity, Quantity]]:
    """Qualified source amounts whose partner lost or turned the qualifier (a weak partner, such as "10m" or
    "a billion-dollar industry", cannot carry one)."""
    return [(s, t) for s, t in pairs if s.approx and not s.weak and not t.weak
            and t.approx not in _COMPATIBLE_APPROX[s.approx]]


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
