"""Toneless pinyin: the syllable inventory, reading a romanised word as syllables, the characters of a syllable.

Shared by the spelling check (a capitalised word that reads as pinyin is a
name, not a misspelling) and the aligner (a name in the English points to the
characters it can stand for in the Chinese). The inventory is written out, so
that the spelling check need not load pypinyin's character table; a test holds
it equal to the table's own (ü written v, the vowel-less interjections hm, hng,
m, n, ng left out).
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from toolkit.memo import remembered

# Toneless pinyin syllables (ü written v or u), as listed by pypinyin's character table.
SYLLABLES = frozenset("""
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca cai can
    cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan
    chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian
    diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou
    fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao
    he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong
    jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la
    lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun luo
    lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao
    ne nei nen neng ni nia nian niang niao nie nin ning niu nong nou nu nuan nue nun nuo nv nve o ou pa pai
    pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong
    qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se
    sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun
    shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu
    tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu
    xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei
    zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui
    zhun zhuo zi zong zou zu zuan zui zun zuo
""".split())
# A syllable has at most six letters (zhuang), and a name at most this many readings worth trying.
LONGEST_SYLLABLE = 6
MAX_READINGS = 16
SEPARATORS = re.compile(r"['’-]")


@lru_cache(maxsize=65536)
def is_pinyin(word: str) -> bool:
    """True when the word splits wholly into pinyin syllables: zhangjiakou = zhang+jia+kou, xi'an = xi+an."""
    parts = [p for p in SEPARATORS.split(word.lower()) if p]
    if not parts:
        return False
    for part in parts:
        reachable = [True] + [False] * len(part)
        for end in range(1, len(part) + 1):
            reachable[end] = any(reachable[start] and part[start:end] in SYLLABLES
                                 for start in range(max(0, end - LONGEST_SYLLABLE), end))
        if not reachable[-1]:
            return False
    return True


def readings(word: str) -> list[list[str]]:
    """Every way (up to MAX_READINGS) of reading a romanised word as pinyin syllables (Xi'an: xi an)."""
    found: list[list[str]] = [[]]
    for part in (p for p in SEPARATORS.split(word.lower()) if p):
        ways: list[list[list[str]]] = [[] for _ in range(len(part) + 1)]
        ways[0] = [[]]
        for end in range(1, len(part) + 1):
            for begin in range(max(0, end - LONGEST_SYLLABLE), end):
                if ways[begin] and part[begin:end] in SYLLABLES:
                    ways[end].extend(way + [part[begin:end]] for way in ways[begin])
        found = [r + w for r in found for w in ways[len(part)]][:MAX_READINGS]
    return found if any(found) else []


def toneless(reading: str) -> str:
    """A pypinyin reading without its tone marks, ü written v (lǘ: lv)."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def table_syllables() -> dict[str, str]:
    """Each toneless syllable of pypinyin's character table and every character that can be read so."""
    from pypinyin.pinyin_dict import pinyin_dict

    plain = cache(toneless)
    chars: dict[str, set[str]] = {}
    for code, readings_ in pinyin_dict.items():
        for reading in readings_.split(","):
            syllable = plain(reading)
            if syllable.isascii() and syllable.isalpha():
                chars.setdefault(syllable, set()).add(chr(code))
    return {syllable: "".join(sorted(found)) for syllable, found in chars.items()}


def characters(syllable: str) -> str:
    """The Chinese characters that can be read as a toneless syllable of the inventory ("" for none)."""
    return table_syllables().get(syllable, "") if syllable in SYLLABLES else ""


@remembered("pypinyin")
def syllables(text: str) -> list[str]:
    """pypinyin's toneless reading of a Chinese text, a syllable per character (北京 -> bei, jing)."""
    from pypinyin import lazy_pinyin

    return lazy_pinyin(text)
