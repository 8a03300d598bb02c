"""Term suggestions on the real article: quoted coinages, names with pinyin, recurring sequences."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.glossary import Glossary, Term
from toolkit.suggest import person_pinyin, pinyin_word, place_english, source_segments, suggest_terms


ARTICLE = Path(__file__).resolve().parent.parent / "translations/source/beijing-unions-poverty-alleviation.zh.txt"


@pytest.fixture(scope="module")
def segments() -> list[str]:
    return source_segments([ARTICLE])


@pytest.fixture(scope="module")
def suggestions(segments):
    return {s.source: s for s in suggest_terms(segments, Glossary())}


def test_quoted_coinages_are_proposed_first(suggestions):
    for coined in ("以购代捐", "以买代帮", "娘家人", "四梁八柱"):
        assert suggestions[coined].kind == "quoted"
    assert suggestions["娘家人"].count == 2
    assert "“娘家人”" in suggestions["娘家人"].example


def test_quoted_sentences_are_not_terms(suggestions):
    assert not any(text.startswith(("2020年", "经过培训", "劳模队伍不仅")) for text in suggestions)


def test_names_of_people_and_places_with_pinyin(suggestions):
    assert (suggestions["郭丽华"].kind, suggestions["郭丽华"].pinyin) == ("person", "Guo Lihua")
    assert (suggestions["竹溪县"].kind, suggestions["竹溪县"].pinyin) == ("place", "Zhuxi County")
    assert suggestions["朝阳区"].pinyin == "Chaoyang District"


def test_recurring_sequences_need_the_minimum_count(segments, suggestions):
    recurring = [s for s in suggestions.values() if s.kind == "recurring"]
    assert recurring and all(s.count >= 3 for s in recurring)
    assert "扶贫协作" in suggestions and "开展" not in suggestions  # a verb alone is not a term


def test_terms_already_in_the_glossary_are_left_out(segments):
    glossary = Glossary([Term("以购代捐", "purchase in place of donation"), Term("竹溪县", "Zhuxi County")])
    found = {s.source for s in suggest_terms(segments, glossary)}
    assert "以购代捐" not in found and "竹溪县" not in found and "以买代帮" in found


def test_ranking_puts_quoted_before_names_before_recurring(segments):
    kinds = [s.kind for s in suggest_terms(segments, Glossary())]
    order = {"quoted": 0, "person": 1, "place": 2, "recurring": 3}
    assert kinds == sorted(kinds, key=order.get)
    assert len(suggest_terms(segments, Glossary(), limit=5)) == 5


@pytest.mark.parametrize("name, expected", [("郭丽华", "Guo Lihua"), ("欧阳修", "Ouyang Xiu"), ("白莹", "Bai Ying"),
                                            ("吕安", "Lü An"), ("李女士", "Ms Li"), ("陈先生", "Mr Chen")])
def test_person_names_in_the_usual_form(name, expected):
    assert person_pinyin(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("竹溪县", "Zhuxi County"), ("十堰市", "Shiyan"), ("北京市", "Beijing"),
    ("玉树藏族自治州", "Yushu Tibetan Autonomous Prefecture"), ("敖汉旗", "Aohan Banner"),
    ("内蒙古自治区", "Inner Mongolia Autonomous Region"), ("西藏自治区", "Tibet Autonomous Region"),
    ("新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region"), ("和田地区", "Hotan Prefecture"),
    ("称多县", "Chindu County"), ("巴林右旗", "Bairin Right Banner"), ("商都县", "Shangdu County"),
    ("陕西省", "Shaanxi Province"), ("拉萨市", "Lhasa"), ("各区", None), ("城镇", None)])
def test_place_names_in_the_usual_form(name, expected):
    found = place_english(name)
    assert (found[2] if found else None) == expected


def test_a_one_character_county_keeps_xian_and_a_province_region_is_the_province():
    assert place_english("唐县", single_stem=True) == ("唐县", "place", "Tangxian County")
    assert place_english("内蒙古地区") == ("内蒙古", "place", "Inner Mongolia")
    assert place_english("和田县", {"和田": "Hotan"}) == ("和田县", "place", "Hotan County")


def test_apostrophe_separates_ambiguous_syllables():
    assert pinyin_word("西安") == "Xi'an"


SECOND_TEXT = Path(__file__).resolve().parent / "data" / "suggest-second-text.zh.txt"
NAMES_CSV = Path(__file__).resolve().parent.parent / "glossary" / "names.csv"


def article_names(segments) -> list[dict[str, str]]:
    import csv

    text = "".join(segments)
    with NAMES_CSV.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["source"] in text]


@pytest.mark.parametrize("glossary", ["none", "without names"])
def test_the_articles_people_and_places_are_proposed_as_the_glossary_romanises_them(segments, glossary):
    """Every person and place of the project's name list that the article holds, proposed with the glossary's
    English when the glossary's names are not loaded: alone, or, where it occurs only inside a longer name,
    inside that one (玉树 in 玉树市). With the glossary's other terms loaded, the names inside them count too
    (西城区 of 西城区总工会, 和田 of 北京市援疆和田指挥部)."""
    from toolkit.config import Config
    from toolkit.glossary import load_glossary

    loaded = Glossary()
    if glossary != "none":
        root = NAMES_CSV.parents[1]
        full = load_glossary([NAMES_CSV.parent], Config(root=root, glossary=(NAMES_CSV.parent,)))
        loaded = Glossary([term for term in full.terms if term.type not in ("person", "place")])
    found = {s.source: s for s in suggest_terms(segments, loaded) if s.kind in ("person", "place")}
    names, text = article_names(segments), "".join(segments)
    assert len(names) == 69 and sum(row["type"] == "person" for row in names) == 10
    for row in names:
        if row["source"] in found:
            assert (found[row["source"]].kind, found[row["source"]].pinyin) == (row["type"], row["target"]), row
            continue
        longer = [s for text, s in found.items() if row["source"] in text]
        assert text.count(row["source"]) == sum(s.count for s in longer), row  # it never stands alone
        assert all(s.kind == row["type"] and row["target"] in s.pinyin for s in longer), row
    # Nothing else, but for two places the glossary lists only with their generic term (朝阳区, 墨玉县), used
    # bare in the names of a school and a platform, romanised as the glossary does
    others = {text: s.pinyin for text, s in found.items() if text not in {row["source"] for row in names}}
    assert others == {"朝阳": "Chaoyang", "墨玉": "Moyu"}


def test_verbs_and_common_words_are_not_names(suggestions):
    for word in ("施策", "向援派", "关怀", "荣获", "智慧", "奥金达", "段木梁", "梁镇", "永葆", "互助", "大兴"):
        assert word not in suggestions or suggestions[word].kind not in ("person", "place"), word


@pytest.fixture(scope="module")
def second():
    return {s.source: s for s in suggest_terms(source_segments([SECOND_TEXT]), Glossary(), min_count=2)}


def test_a_second_text_people_places_and_congresses(second):
    people = {s.source: s.pinyin for s in second.values() if s.kind == "person"}
    places = {s.source: s.pinyin for s in second.values() if s.kind == "place"}
    assert people == {"欧阳明": "Ouyang Ming", "张伟": "Zhang Wei", "习近平": "Xi Jinping", "毛泽东": "Mao Zedong",
                      "邓小平": "Deng Xiaoping", "黄文秀": "Huang Wenxiu", "刘志强": "Liu Zhiqiang"}
    assert places == {"广西壮族自治区": "Guangxi Zhuang Autonomous Region", "百色市": "Baise",
                      "西藏自治区": "Tibet Autonomous Region", "日喀则市": "Shigatse", "新疆": "Xinjiang",
                      "喀什地区": "Kashgar Prefecture", "和田县": "Hotan County", "湖北省": "Hubei Province",
                      "竹山县": "Zhushan County", "河北省": "Hebei Province", "蔚县": "Yuxian County",
                      "内蒙古": "Inner Mongolia"}
    assert second["十八大"].count == 6 and second["十八大"].kind == "recurring"
    assert not any(text.startswith("大") for text in second)  # no fragment cut across 十八大


def test_the_glossary_romanises_longer_names_built_on_its_places():
    glossary = Glossary([Term("和田", "Hotan", type="place")])
    found = {s.source: s.pinyin for s in suggest_terms(["和田县的职业技能培训班开班。"], glossary)}
    assert found["和田县"] == "Hotan County"


COUNTY_NEWS = Path(__file__).resolve().parent / "data" / "suggest-county-news.zh.txt"


def test_a_third_text_people_places_jieba_mistags_and_words_that_are_no_names():
    found = suggest_terms(source_segments([COUNTY_NEWS]), Glossary(), min_count=2)
    people = {s.source: s.pinyin for s in found if s.kind == "person"}
    places = {s.source: s.pinyin for s in found if s.kind == "place"}
    assert people == {"李明华": "Li Minghua", "陈静": "Chen Jing", "王建国": "Wang Jianguo", "赵志刚": "Zhao Zhigang"}
    assert places == {
        "沪滇": "Shanghai and Yunnan", "上海市": "Shanghai", "云南省": "Yunnan Province", "四川省": "Sichuan Province",
        "凉山彝族自治州": "Liangshan Yi Autonomous Prefecture", "昭觉县": "Zhaojue County", "甘肃省": "Gansu Province",
        "定西市": "Dingxi", "临洮县": "Lintao County", "甘肃": "Gansu", "临洮": "Lintao", "岷县": "Minxian County",
        "黑龙江省": "Heilongjiang Province", "友谊农场": "Youyi Farm", "宁夏": "Ningxia", "西吉县": "Xiji County",
        "三岔河镇": "Sanchahe Town", "遵义": "Zunyi", "毕节": "Bijie", "北京市": "Beijing",
        "东四环": "East Fourth Ring Road", "十里河": "Shilihe"}  # jieba: 十里 / 河
    # not 黄金周 "Huang Jinzhou" (Golden Week), 家门口 (the doorstep), 关怀, 荣获, 小山, 玉米, 惠及


def test_a_quarter_cut_in_pieces_is_joined_and_a_distance_is_no_quarter():
    def places(text: str) -> dict[str, str]:
        return {s.source: s.pinyin for s in suggest_terms([text], Glossary()) if s.kind == "place"}

    assert places("货物运往北京市东四环十里河附近的市场。")["十里河"] == "Shilihe"  # jieba: 十里 / 河
    assert places("他住在北京市东四环八里庄一带。")["八里庄"] == "Balizhuang"  # named by its distance in li
    assert places("车停在北京市东四环三公里附近。") == {"北京市": "Beijing", "东四环": "East Fourth Ring Road"}
    assert places("车停在北京市南三环附近。") == {"北京市": "Beijing", "南三环": "South Third Ring Road"}


def test_the_lexicon_gives_a_place_the_reading_of_its_name():
    assert place_english("朝阳区") == ("朝阳区", "place", "Chaoyang District")
    found = {s.source: s.pinyin for s in suggest_terms(["援建了墨玉北京朝阳中学。"], Glossary())}
    assert found.get("朝阳") == "Chaoyang"  # not Zhaoyang, the everyday reading of 朝


def test_a_run_leaves_jiebas_dictionary_as_it_found_it():
    import jieba

    before = dict(jieba.dt.FREQ), jieba.dt.total
    suggest_terms(["援建了墨玉北京朝阳中学。"], Glossary([Term("墨玉北京朝阳中学", "Moyu Beijing Chaoyang School")]))
    assert {word: freq for word, freq in jieba.dt.FREQ.items() if freq} == \
        {word: freq for word, freq in before[0].items() if freq} and jieba.dt.total == before[1]
    found = {s.source: s.pinyin for s in suggest_terms(["援建了墨玉北京朝阳中学。"], Glossary())}
    assert found["朝阳"] == "Chaoyang" and found["墨玉"] == "Moyu"


def test_a_piece_of_a_glossary_term_is_a_name_only_where_the_terms_english_names_it():
    """七星 is a district of Guilin, but in 七星关区 "Qixingguan District" it names nothing by itself; 墨玉, 北京
    and 朝阳 in 墨玉北京朝阳中学 "Moyu Beijing Chaoyang Middle School" are places the English names."""
    text = ["据介绍，七星关区近三年累计投入资金1.2亿元。", "七星关区新建茶叶加工厂15座。"]
    taught = {s.source for s in suggest_terms(text, Glossary([Term("七星关区", "Qixingguan District")]), min_count=2)}
    assert "七星" not in taught and "七星关区" not in taught
    school = suggest_terms(["援建了墨玉北京朝阳中学。"],
                           Glossary([Term("墨玉北京朝阳中学", "Moyu Beijing Chaoyang Middle School", type="org")]))
    assert {s.source: s.pinyin for s in school if s.kind == "place"} == {
        "墨玉": "Moyu", "北京": "Beijing", "朝阳": "Chaoyang"}


def test_a_given_name_that_is_also_a_word_stays_with_its_surname_after_a_role():
    """jieba cuts 杨光明 as 杨 / 光明 (brightness); after 局长 and before a verb it is one name."""
    segments = ["湄潭县茶业局局长杨光明介绍，今年全县茶叶产值再创新高。", "局长杨光明说，直播带货让茶农增收。"]
    people = {s.source: s.pinyin for s in suggest_terms(segments, Glossary(), min_count=2) if s.kind == "person"}
    assert people.get("杨光明") == "Yang Guangming" and "杨" not in people
