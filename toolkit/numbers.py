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
_CN_MEASURE = set("册元人个家名所次项位户件吨亩米本张台辆套座条倍岁天")
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
_CN_VAGUE_BEFORE = set("几数上成好")
_CN_MAY_HAVE_NUMBER = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿双]")
_FULL_WIDTH_ANY = re.compile("[０-９．％]")


def chinese_quantities(text: str) -> list[Quantity]:
    """Every number in a Chinese text, in order, with scales, qualifiers and kinds applied."""
    if not _CN_MAY_HAVE_NUMBER.search(text):
        return []
    scanned = text.translate(_FULL_WIDTH) if _FULL_WIDTH_ANY.search(text) else text
    excluded = [m.span() for m in _CN_NOT_NUMBER.finditer(scanned)]
    found: list[Quantity] = []
    for match in _CN_QUANTITY.finditer(scanned):
        start, end = match.span()
        # In 千方百计 or 十堰 (but not 一万一千, which holds 万一) a numeral is no amount:
        # a literal "a thousand ways" may match it, nothing is required.
        idiom = any(s <= start and end <= e for s, e in excluded) if excluded else False
        after = _CN_AFTER.match(scanned, end)
        reading = _chinese_reading(match.group(0), scanned[start - 1:start], scanned[end:end + 1],
                                   after.group(1) if after else "", idiom)
        if reading is not None:
            found.append(Quantity(reading[0], match.group(0), start, end, *reading[1:]))
    return found


@lru_cache(maxsize=8192)
def _chinese_reading(token: str, before: str, following: str, qualifier_after: str,
                     idiom: bool) -> tuple[float, str, str | None, bool] | None:
    """(value, kind, approx, weak) of one matched token, given the characters around it; None if no amount.

    Cached: the same few tokens (2018年, 一, 10万) recur throughout a catalog.
    """
    match = _CN_QUANTITY.fullmatch(token)
    prefix = match.group("before")
    if prefix == "近" and before in ("最", "附"):
        prefix = None  # 最近 "recently", 附近 "nearby"
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
        if scale:
            value *= _CN_SCALES[scale]
        if match.group("more1") or match.group("more2"):
            approx = MORE
        if match.group("pct"):
            kind = PERCENT
        elif kind == CARDINAL and not scale:
            kind = _chinese_date_kind(value, raw, following)
    elif match.group("numeral"):
        numeral = match.group("numeral")
        if before in _CN_VAGUE_BEFORE or following == "几":
            return None  # 几十, 数百, 上万, 十几: vague amounts
        if numeral in _CN_SCALES and not idiom:
            return None  # a bare scale word (万元 after a vague word) is not an amount
        value = _chinese_number(numeral)
        if value is None:
            return None
        if match.group("more3"):
            approx = MORE
        if kind == CARDINAL:
            kind = _chinese_date_kind(value, str(int(value)), following)
        weak = idiom or kind != ORDINAL and (
            value == 1 or (numeral == "两" and following in _CN_WEAK_TWO_AFTER))
    else:  # 双: "double", "twin", "both"
        value, weak = Decimal(2), True
    if value is None:
        return None
    if qualifier_after and not approx:
        approx = _CN_APPROX_AFTER[qualifier_after]
    return float(value), kind, approx, weak


def _chinese_date_kind(value: Decimal, digits: str, following: str) -> str:
    whole = value == value.to_integral_value()
    if following == "年" and whole and 1000 <= value <= 2100:
        return YEAR
    if following == "月" and whole and 1 <= value <= 12:
        return MONTH
    if following in ("日", "号") and whole and 1 <= value <= 31:
        return DAY
    if len(digits) == 4 and whole and 1900 <= value <= 2100 and following not in _CN_MEASURE:
        return YEAR
    return CARDINAL


@lru_cache(maxsize=4096)
def _chinese_number(numeral: str) -> Decimal | None:
    """The value of a Chinese numeral, or None for vague runs such as 三四 ("three or four")."""
    if numeral.isdigit() or "." in numeral:
        return _decimal(numeral)
    if all(c in _CN_DIGITS for c in numeral):
        if len(numeral) == 1:
            return Decimal(_CN_DIGIT_VALUE[numeral])
        if "〇" in numeral or "零" in numeral or len(numeral) == 4:  # 二〇一八: read digit by digit
            return Decimal("".join(_CN_DIGIT_VALUE[c] for c in numeral))
        return None
    if numeral in _CN_SCALES:
        return Decimal(_CN_SCALES[numeral])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import cn2an  # 0.17 s to import: only for a numeral the fast paths above do not read

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

_CARD = _trie(_UNITS + _TENS + list(_SCALES), capital=True)
_ORD = _trie(list(_ORDINAL_WORDS), capital=True)
_JOIN = r"(?:\s+and\s+|\s+|-)"
_EN_QUANTITY = re.compile(  # every alternative starts a word: the leading \b skips all other positions fast
    r"\b(?:(?<![.,])(?<![A-Za-z]-)"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<suffix>st|nd|rd|th|s)\b|(?!\w|[,.]\d))"
    r"|(?P<words>(?:(?:[Aa]n?\s+)?(?:" + _CARD + r")(?:" + _JOIN + r"(?:" + _CARD + r"))*"
    r"(?:-(?:" + _ORD + r"))?|(?:" + _ORD + r")))\b"
    r"|(?P<both>[Bb]oth)\b"
    r"|(?P<month>" + _trie(list(_MONTHS)) + r")\b)"
)
_EN_SCALE_AFTER = re.compile(r"\s*(?:-\s*)?(hundred|thousand|million|billion|trillion)\b(?!s)", re.I)
_EN_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b)", re.I)
_EN_APPROX_AFTER = re.compile(r"(?:-?plus\b|\+|\s+or more\b|\s+odd\b)", re.I)
_EN_APPROX = {"more than": MORE, "over": MORE, "upwards of": MORE, "in excess of": MORE, "at least": MORE,
              "above": MORE, "exceeding": MORE, "nearly": NEARLY, "almost": NEARLY, "close to": NEARLY,
              "approaching": NEARLY, "just under": NEARLY, "about": ABOUT, "around": ABOUT,
              "approximately": ABOUT, "roughly": ABOUT, "some": ABOUT, "an estimated": ABOUT,
              "less than": LESS, "fewer than": LESS, "under": LESS, "up to": LESS}
_APPROX_LAST_WORDS = {phrase.split()[-1] for phrase in _EN_APPROX}
_ARTICLE_BEFORE = re.compile(r"(?<!\w)[Aa]n?\s+$")
_CURRENCY = {"rmb", "cny", "usd", "us$", "$", "¥", "￥", "yuan"}
_MAY_CONTEXT = re.compile(r"(?:\d|\b(?:in|of|since|until|by|from|through|to|last|next|early|late|mid))[\s-]+$")


def _candidate_automaton() -> ahocorasick.Automaton:
    """Where a number may start: number words, month names, "both" and digits, in lower case."""
    automaton = ahocorasick.Automaton()
    for key in [*_UNITS, *_TENS, *_SCALES, *_ORDINAL_WORDS, *(m.lower() for m in _MONTHS), "both", *"0123456789"]:
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    return automaton


_EN_CANDIDATES = _candidate_automaton()


def english_quantities(text: str, *, qualifiers: bool = True) -> list[Quantity]:
    """Every number in an English text, in order: digits, number words, scale words, months, ordinals.

    ``qualifiers=False`` leaves ``approx`` unread (None), for a caller with no use for it.

    An Aho-Corasick pass over the lower-cased text finds the few places where a
    number can start; the pattern is only tried there.
    """
    found: list[Quantity] = []
    position = 0
    for start in _candidate_starts(text):
        if start < position:
            continue
        before = text[max(0, start - 4):start]
        article = ("a" in before or "A" in before) and \
            _ARTICLE_BEFORE.search(text, max(0, start - 4), start)  # "a hundred" starts at the "a"
        match = (article and _EN_QUANTITY.match(text, article.start())) or _EN_QUANTITY.match(text, start)
        if match is None:
            continue
        position = match.end()
        if match.group("digits"):
            found.append(_read_english_digits(match, text, qualifiers))
            position = found[-1].end  # past a scale word or "percent" read with the digits
        elif match.group("words"):
            found.extend(_read_english_words(match, text, qualifiers))
            position = max(position, found[-1].end) if found else position
        elif match.group("both"):
            found.append(Quantity(2.0, match.group(0), *match.span(), weak=True))
        else:
            month = match.group("month")
            if month == "May" and not (_MAY_CONTEXT.search(text, 0, match.start())
                                       or re.match(r"\s+\d", text[match.end():])):
                continue
            found.append(Quantity(float(_MONTHS[month]), month, *match.span(), MONTH))
    _mark_days(found, text)
    return found


def _candidate_starts(text: str) -> list[int]:
    """Sorted word-initial offsets where a number word, month, "both" or digit begins."""
    lowered = text.lower()
    if len(lowered) != len(text):  # lower() changed the length (İ): offsets would drift, try every word
        return [m.start() for m in re.finditer(r"\b\w", text)]
    return sorted({start for end, length in _EN_CANDIDATES.iter(lowered)
                   if (start := end - length + 1) == 0 or not lowered[start - 1].isalnum()})


def _read_english_digits(match: re.Match, text: str, qualifiers: bool) -> Quantity:
    raw = match.group("digits")
    start, end = match.span()
    value = int(raw) if raw.isdigit() else _decimal(raw.replace(",", ""))
    suffix = match.group("suffix")
    kind = CARDINAL
    if suffix in ("st", "nd", "rd", "th"):
        kind = ORDINAL
    elif suffix == "s":  # the 1990s
        kind = YEAR
    else:
        scale = _EN_SCALE_AFTER.match(text, end)
        if scale:
            value *= _SCALES[scale.group(1).lower()]
            end = scale.end()
        elif "," not in raw and "." not in raw and len(raw) == 4 and 1000 <= value <= 2100:
            kind = YEAR
    end, kind = _percent_after(text, end, kind)
    return Quantity(float(value), text[start:end], start, end, kind,
                    _english_approx(text, start, end) if qualifiers else None)


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
            ordinal = words[-1] in _ORDINAL_WORDS
            if ordinal:
                words[-1] = _ORDINAL_WORDS[words[-1]]
            if words[0] in ("a", "an"):
                words[0] = "one"
            try:
                value = text2num(" ".join(words), "en")
            except ValueError:
                continue
            begin = tokens[i][0]
            finish = tokens[j - 1][0] + len(tokens[j - 1][1])
            numbers.append((begin, phrase[begin:finish], value, ordinal))
            i = j
            break
        else:
            i += 1
    return tuple(numbers)


def _percent_after(text: str, end: int, kind: str) -> tuple[int, str]:
    percent = _EN_PERCENT_AFTER.match(text, end)
    return (percent.end(), PERCENT) if percent else (end, kind)


def _english_approx(text: str, start: int, end: int) -> str | None:
    """The qualifier written just before the number (more than, nearly, about, less than) or after it (-plus)."""
    words = text[max(0, start - 30):start].lower().split()
    if start > 30 and words:
        words.pop(0)  # the window may have cut the first word
    while words and (words[-1] in _CURRENCY or words[-1].endswith("$")):
        words.pop()
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
    Leftover source and translation quantities are paired in order as wrong values.
    """
    if not source and not translation:
        return NumberComparison([], [], [], [])
    if len(source) == len(translation) and all(s.value == t.value for s, t in zip(source, translation)) \
            and len({q.value for q in source}) == len(source):
        # Distinct values, in the same order on both sides (most segments): each has one partner.
        return NumberComparison([], [], [], _qualifier_changes(zip(source, translation)))
    unused = list(translation)
    pairs: list[tuple[Quantity, Quantity]] = []
    unmatched: list[Quantity] = []
    for quantity in sorted(source, key=lambda q: q.weak):
        best, best_rank = None, (True, True)
        for index, candidate in enumerate(unused):  # the first of those ranked best: same kind, same weakness
            if _same_value(candidate.value, quantity.value):
                rank = (candidate.kind != quantity.kind, candidate.weak != quantity.weak)
                if best is None or rank < best_rank:
                    best, best_rank = index, rank
        if best is None:
            unmatched.append(quantity)
            continue
        pairs.append((quantity, unused.pop(best)))
    missing = sorted((q for q in unmatched if not q.weak), key=lambda q: q.start)
    extra = [t for t in unused if not t.weak]
    wrong = list(zip(missing, extra))
    return NumberComparison(wrong, missing[len(wrong):], extra[len(wrong):], _qualifier_changes(pairs))


def _qualifier_changes(pairs: Iterable[tuple[Quantity, Quantity]]) -> list[tuple[Quantity, Quantity]]:
    return [(s, t) for s, t in pairs if s.approx and not s.weak and t.approx not in _COMPATIBLE_APPROX[s.approx]]


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
