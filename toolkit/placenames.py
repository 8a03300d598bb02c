"""Place names whose English is not their Mandarin pinyin, and the generic terms that follow a name.

The English of China's provincial-level divisions, and of places whose names
come from Tibetan, Uygur or Mongolian, follows the official romanisations that
Xinhua, China Daily and the State Council's English pages use (Inner Mongolia,
Shaanxi, Lhasa, Hotan, Chindu), not the pinyin of their characters. This table
is the project's own, kept here and extended as articles need; a name missing
from it and from the glossary is romanised as pinyin.
"""
from __future__ import annotations

# Provincial-level divisions (their stems: 内蒙古 of 内蒙古自治区).
PROVINCES = {
    "北京": "Beijing", "天津": "Tianjin", "上海": "Shanghai", "重庆": "Chongqing", "河北": "Hebei",
    "山西": "Shanxi", "内蒙古": "Inner Mongolia", "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang",
    "江苏": "Jiangsu", "浙江": "Zhejiang", "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong",
    "河南": "Henan", "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "广西": "Guangxi", "海南": "Hainan",
    "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "西藏": "Tibet", "陕西": "Shaanxi", "甘肃": "Gansu",
    "青海": "Qinghai", "宁夏": "Ningxia", "新疆": "Xinjiang", "香港": "Hong Kong", "澳门": "Macao",
    "台湾": "Taiwan",
}

# Names from Tibetan, Uygur, Mongolian and other languages, and a few long-established spellings.
EXONYMS = {
    # Tibet and Tibetan areas of Qinghai and Sichuan
    "拉萨": "Lhasa", "日喀则": "Shigatse", "昌都": "Qamdo", "林芝": "Nyingchi", "那曲": "Nagqu", "阿里": "Ngari",
    "墨脱": "Medog", "玉树": "Yushu", "果洛": "Golog", "称多": "Chindu", "杂多": "Zadoi", "治多": "Zhidoi",
    "囊谦": "Nangqen", "曲麻莱": "Qumarleb", "格尔木": "Golmud", "甘孜": "Garze", "阿坝": "Ngawa",
    "迪庆": "Deqen", "香格里拉": "Shangri-La",
    # Xinjiang
    "乌鲁木齐": "Urumqi", "喀什": "Kashgar", "和田": "Hotan", "阿克苏": "Aksu", "吐鲁番": "Turpan",
    "伊犁": "Ili", "库尔勒": "Korla", "克拉玛依": "Karamay", "阿勒泰": "Altay", "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin", "克孜勒苏": "Kizilsu",
    # Inner Mongolia
    "呼和浩特": "Hohhot", "包头": "Baotou", "鄂尔多斯": "Ordos", "呼伦贝尔": "Hulunbuir", "锡林郭勒": "Xilingol",
    "乌兰察布": "Ulanqab", "巴彦淖尔": "Bayannur", "阿拉善": "Alxa", "兴安": "Hinggan", "巴林": "Bairin",
    "科尔沁": "Horqin",
    # elsewhere
    "哈尔滨": "Harbin",
    # parts of a region named by their direction
    "南疆": "southern Xinjiang", "北疆": "northern Xinjiang",
    # the lands north of the Great Wall
    "塞外": "beyond the Great Wall",
}

# Administrative suffixes, longest first, with the English after the name ("" where news English drops it:
# 北京市 is Beijing, 赤峰市 Chifeng). 地区 is a prefecture after a county-level name (和田地区), but a plain
# region after a province (内蒙古地区): see GENERIC_REGION.
SUFFIXES = (("自治区", "Autonomous Region"), ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"),
            ("自治旗", "Autonomous Banner"), ("地区", "Prefecture"), ("右旗", "Right Banner"),
            ("左旗", "Left Banner"), ("前旗", "Front Banner"), ("后旗", "Rear Banner"), ("中旗", "Middle Banner"),
            ("省", "Province"), ("市", ""), ("县", "County"), ("区", "District"), ("州", "Prefecture"),
            ("旗", "Banner"), ("盟", "League"), ("乡", "Township"), ("镇", "Town"), ("村", "Village"),
            ("农场", "Farm"))
GENERIC_REGION = "地区"

ETHNIC_GROUPS = {"藏族": "Tibetan", "蒙古族": "Mongolian", "回族": "Hui", "维吾尔": "Uygur", "壮族": "Zhuang",
                 "土家族": "Tujia", "苗族": "Miao", "彝族": "Yi", "朝鲜族": "Korean", "哈萨克": "Kazak"}

# Readings that place names keep where the character's everyday reading differs (商都 Shangdu, 成都 Chengdu).
PLACE_READINGS = {"都": "du"}


def known_place(stem: str) -> str | None:
    """The English of a province or of a place whose English is not its pinyin, else None."""
    return PROVINCES.get(stem) or EXONYMS.get(stem)


# The one-character abbreviations of provincial-level divisions, as in pairings (京蒙 Beijing and Inner Mongolia).
PROVINCE_ABBREVIATIONS = {
    "京": "Beijing", "津": "Tianjin", "沪": "Shanghai", "渝": "Chongqing", "冀": "Hebei", "晋": "Shanxi",
    "蒙": "Inner Mongolia", "辽": "Liaoning", "黑": "Heilongjiang", "苏": "Jiangsu", "浙": "Zhejiang",
    "皖": "Anhui", "闽": "Fujian", "赣": "Jiangxi", "鲁": "Shandong", "豫": "Henan", "鄂": "Hubei", "湘": "Hunan",
    "粤": "Guangdong", "桂": "Guangxi", "琼": "Hainan", "川": "Sichuan", "黔": "Guizhou", "滇": "Yunnan",
    "藏": "Tibet", "陕": "Shaanxi", "甘": "Gansu", "青": "Qinghai", "宁": "Ningxia", "新": "Xinjiang",
}
