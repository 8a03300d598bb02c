"""The number readers on the issue's pairs and on the article's own sentences."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from toolkit.numbers import (
    ABOUT, CARDINAL, DAY, LESS, MONTH, MORE, NEARLY, ORDINAL, PERCENT, YEAR,
    chinese_quantities, compare_quantities, english_quantities, format_value,
)


def values(quantities):
    return [q.value for q in quantities if not q.weak]


def agrees(source: str, translation: str) -> bool:
    return compare_quantities(chinese_quantities(source), english_quantities(translation)).clean


# The pass/fail pairs, then pairs written from the article's sentences.
PASSING = [
    ("投入65万元", "invested 650,000 yuan"),
    ("捐赠图书1.48万余册", "donated more than 14,800 books"),
    ("近1亿贫困人口", "nearly 100 million poor people"),
    ("2018年4月4日", "April 4, 2018"),
    ("第七次全国扶贫日", "the seventh National Poverty Alleviation Day"),
    ("五省六地", "five provinces and six regions"),
    ("西城区总工会援助内蒙古、河北和青海地区78.645万元",
     "The Xicheng District Federation of Trade Unions gave 786,450 yuan to Inner Mongolia, Hebei and Qinghai"),
    ("市总工会相关部门采购173余万元的扶贫产品用于慰问一线职工",
     "departments of the federation bought more than 1.73 million yuan of poverty-relief products "
     "for front-line workers"),
    ("多年来累计拨付培训资金289万元以上，培训贫困群众达980人。",
     "Over the years it has allocated more than 2.89 million yuan for training and trained 980 poor people."),
    ("分别安排了50万和80万的援派干部慰问",
     "allocated 500,000 yuan and 800,000 yuan respectively for the cadres"),
    ("年吸纳就业人员近20人，年创收近100万",
     "employs nearly 20 people a year and earns nearly 1 million yuan a year"),
    ("2020年10月14日，在第七次全国扶贫日来临之际",
     "On October 14, 2020, on the eve of the seventh National Poverty Alleviation Day"),
    ("在北京市南三环草桥附近有一个占地1万平方米的特殊“商场”",
     "Near Caoqiao on Beijing's South Third Ring Road there is a special 10,000-square-metre \"mall\""),
    ("怀柔区总工会为河北省丰宁县职工书屋捐赠书籍2000册，资助青海省杂多县贫困学生10万元",
     "the Huairou District union donated 2,000 books to Fengning and gave 100,000 yuan to poor students"),
    ("市总工会动员16家京企与内蒙古16家当地企业签约",
     "the federation brought 16 Beijing companies to sign agreements with 16 local firms in Inner Mongolia"),
    ("每月3500元的工资", "a monthly wage of 3,500 yuan"),
    ("新疆生产建设兵团第十四师的农户们", "farmers of the 14th Division of the Xinjiang Production and "
     "Construction Corps"),
    ("他养的鸽子不到半年已经进账近6万元", "in less than half a year his pigeons have earned him nearly 60,000 yuan"),
    ("制定了《北京市总工会扶贫协作和支援合作三年行动计划（2018-2020）》",
     "drew up the Three-Year Action Plan for Poverty Alleviation Cooperation (2018-2020)"),
    ("采购的农产品用于慰问承担国庆70周年庆祝活动任务的一线职工",
     "the produce went to front-line workers serving at the celebrations of the 70th anniversary"),
    ("8年攻坚，我国现行标准下农村贫困人口全部脱贫", "After eight years of hard work, all rural poor people"),
    ("“消费扶贫”“产业扶贫”“劳务扶贫”“技能扶贫”“教育扶贫”“劳模扶贫”六位一体的工会扶贫模式",
     "a six-pronged model of union poverty relief"),
    ("北京市总工会荣获“北京市扶贫协作奖”，一人获“北京市扶贫协作先进个人”。",
     "The federation won the Beijing Poverty Alleviation Cooperation Award, and one of its staff was named "
     "an outstanding individual."),
    ("京蒙两地劳务协作的成功经验", "the success of labour cooperation between Beijing and Inner Mongolia"),
    ("在各级工会组织结合区域、产业特色，千方百计，最大限度投入扶贫行动",
     "unions at every level spared no effort to join the campaign"),
    ("组建了三个奥金达分社", "set up three branches of the Aojinda cooperative"),
    ("累计向墨玉县各中小学派出骨干教师860余人次", "sent more than 860 teachers to schools in Moyu County"),
    ("湖北十堰工会60万元", "600,000 yuan to the Shiyan union in Hubei"),
    ("资助贫困学生百分之三十", "30% of poor students"),
    ("同比增长５％", "up 5 percent"),
    ("二〇一八年", "in 2018"),
    ("近20人", "almost 20 people"),
    ("约50万元", "about 500,000 yuan"),
    ("投入100余万元", "invested over 1 million yuan"),
]

FAILING = [
    ("投入65万元", "invested 65,000 yuan"),
    ("近1亿", "nearly 10 million"),
    ("2018年4月4日", "April 14, 2018"),
    ("培训贫困群众达980人", "trained 890 poor people"),
    ("投入65万元", "invested 650 yuan"),
    ("捐赠图书1.48万余册", "donated more than 1,480 books"),
    ("捐赠图书1.48万余册", "donated 14,800 books"),  # "more than" lost
    ("近1亿贫困人口", "more than 100 million poor people"),  # qualifier turned round
    ("第七次全国扶贫日", "the sixth National Poverty Alleviation Day"),
    ("五省六地", "five provinces and seven regions"),
    ("2020年10月14日", "On October 14, 2021"),
    ("2020年10月14日", "On November 14, 2020"),
    ("海淀区总工会为新疆和田地区皮山农场5所特殊人员幼儿园捐赠图书",
     "the Haidian union donated books to kindergartens at Pishan Farm in Hotan"),  # 5 dropped
    ("市金融工会援助湖北十堰工会60万元", "the finance union gave 600,000 yuan to 2 unions in Shiyan"),  # 2 added
    ("组建了三个奥金达分社", "set up four branches"),
    ("新疆生产建设兵团第十四师", "the 4th Division of the Xinjiang Production and Construction Corps"),
]


@pytest.mark.parametrize("source,translation", PASSING)
def test_numbers_agree(source, translation):
    assert agrees(source, translation), compare_quantities(chinese_quantities(source),
                                                           english_quantities(translation))


@pytest.mark.parametrize("source,translation", FAILING)
def test_numbers_disagree(source, translation):
    assert not agrees(source, translation)


@pytest.mark.parametrize("source,given,left_out,wrong", [
    ("种植面积（万亩）", "Planted area (10,000 mu)", "Planted area (mu, tens of thousands)", "Planted area (1,000 mu)"),
    ("投资（亿元）", "Investment (100 million yuan)", "Investment (yuan)", "Investment (billion yuan)"),
    ("单位：万元", "Unit: 10,000 yuan", "Unit: yuan (tens of thousands)", "Unit: 100,000 yuan"),
    ("万元", "10,000 yuan", "yuan (tens of thousands)", "1,000 yuan"),
    ("每万人拥有医生数", "doctors per 10,000 people", "doctors per head of population", "doctors per 1,000 people"),
])
def test_a_scale_word_as_the_unit_of_a_table_may_be_given_and_need_not(source, given, left_out, wrong):
    assert agrees(source, given) and agrees(source, left_out)
    assert not agrees(source, wrong)  # another figure is still extra


@pytest.mark.parametrize("source,translation,changed", [
    ("早期的研究（Wallace，1987）已经指出了这一点。", "Earlier work (Wallace 1978) had already pointed this out.", (1987, 1978)),
    ("这一模型后来得到了修正（Chen and Park，2004；Osei，2011）。",
     "The model was later revised (Chen and Park 2004; Osei 2012).", (2011, 2012)),
])
def test_a_reference_year_changed_is_a_wrong_value(source, translation, changed):
    """A reference's year may be left out or the reference rewritten (weak), but the one reference year left
    over on each side is a year changed."""
    result = compare_quantities(chinese_quantities(source), english_quantities(translation))
    assert [(s.value, t.value) for s, t in result.wrong] == [changed]
    assert agrees(source, translation.replace(str(changed[1]), str(changed[0])))
    assert agrees(source, translation.split(" (")[0] + ".")  # the reference left out


def test_wrong_value_names_both_values():
    result = compare_quantities(chinese_quantities("投入65万元"), english_quantities("invested 65,000 yuan"))
    [(source, translation)] = result.wrong
    assert (source.value, translation.value) == (650_000, 65_000)
    assert (source.text, translation.text) == ("65万", "65,000")
    assert not result.missing and not result.extra


@pytest.mark.parametrize("text,expected", [
    ("78.645万元", [(786_450, CARDINAL, None)]),
    ("1.48万余册", [(14_800, CARDINAL, MORE)]),
    ("173余万元", [(1_730_000, CARDINAL, MORE)]),
    ("289万元以上", [(2_890_000, CARDINAL, MORE)]),
    ("近1亿", [(100_000_000, CARDINAL, NEARLY)]),
    ("约30万", [(300_000, CARDINAL, ABOUT)]),
    ("不到5人", [(5, CARDINAL, LESS)]),
    ("20多人", [(20, CARDINAL, MORE)]),
    ("500余个家庭", [(500, CARDINAL, MORE)]),
    ("2018年4月4日", [(2018, YEAR, None), (4, MONTH, None), (4, DAY, None)]),
    ("3个月", [(3, CARDINAL, None)]),
    ("第七次", [(7, ORDINAL, None)]),
    ("第十四师", [(14, ORDINAL, None)]),
    ("十四", [(14, CARDINAL, None)]),
    ("二十", [(20, CARDINAL, None)]),
    ("两百人", [(200, CARDINAL, None)]),
    ("三千五百元", [(3500, CARDINAL, None)]),
    ("百分之三十", [(30, PERCENT, None)]),
    ("30%", [(30, PERCENT, None)]),
    ("１２３元", [(123, CARDINAL, None)]),
    ("2019、2020年", [(2019, YEAR, None), (2020, YEAR, None)]),
    ("2021新年贺词", [(2021, YEAR, None)]),
    ("2000册", [(2000, CARDINAL, None)]),
])
def test_chinese_values_kinds_and_qualifiers(text, expected):
    found = [(q.value, q.kind, q.approx) for q in chinese_quantities(text) if not q.weak]
    assert found == expected


@pytest.mark.parametrize("text", [
    "千方百计", "一望无际", "湖北十堰", "四川", "几十人", "数百家", "上万人", "十几个", "三四个", "最近",
    "这几年来", "万一", "十分重要",
])
def test_chinese_words_that_are_not_amounts(text):
    assert values(chinese_quantities(text)) == []


def test_chinese_one_both_and_small_counts_are_weak():
    # Good English says "both", "they", "the pair" or "top" for these: they may match, never required.
    assert [q.weak for q in chinese_quantities("一人获奖")] == [True]
    assert [q.weak for q in chinese_quantities("京蒙两地")] == [True]
    assert [q.weak for q in chinese_quantities("两个项目")] == [True]
    assert [q.weak for q in chinese_quantities("第一要务")] == [True]
    assert [q.weak for q in chinese_quantities("第七次")] == [False]
    assert [q.weak for q in chinese_quantities("十一个项目")] == [False]
    assert [q.weak for q in chinese_quantities("2个项目")] == [False]


def test_chinese_spans_point_into_the_text():
    text = "资助青海省杂多县贫困学生10万元；平谷区总工会共投入10万元"
    for quantity in chinese_quantities(text):
        assert text[quantity.start:quantity.end] == quantity.text


@pytest.mark.parametrize("text,expected", [
    ("650,000 yuan", [(650_000, CARDINAL, None)]),
    ("2.89 million yuan", [(2_890_000, CARDINAL, None)]),
    ("nearly 100 million people", [(100_000_000, CARDINAL, NEARLY)]),
    ("more than 14,800 books", [(14_800, CARDINAL, MORE)]),
    ("over 1.73 million yuan", [(1_730_000, CARDINAL, MORE)]),
    ("some 14,800-plus books", [(14_800, CARDINAL, ABOUT)]),
    ("14,800-plus books", [(14_800, CARDINAL, MORE)]),
    ("about RMB 500,000", [(500_000, CARDINAL, ABOUT)]),
    ("fifteen", [(15, CARDINAL, None)]),
    ("a hundred and twenty", [(120, CARDINAL, None)]),
    ("a million", [(1_000_000, CARDINAL, None)]),
    ("two thousand five hundred", [(2500, CARDINAL, None)]),
    ("twenty-one", [(21, CARDINAL, None)]),
    ("a six-pronged model", [(6, CARDINAL, None)]),
    ("the Three-Year Action Plan", [(3, CARDINAL, None)]),
    ("five provinces and six regions", [(5, CARDINAL, None), (6, CARDINAL, None)]),
    ("five and six", [(5, CARDINAL, None), (6, CARDINAL, None)]),
    ("the seventh day", [(7, ORDINAL, None)]),
    ("the 14th Division", [(14, ORDINAL, None)]),
    ("the twenty-first century", [(21, ORDINAL, None)]),
    ("April 4, 2018", [(4, MONTH, None), (4, DAY, None), (2018, YEAR, None)]),
    ("4 April 2018", [(4, DAY, None), (4, MONTH, None), (2018, YEAR, None)]),
    ("in May 2019", [(5, MONTH, None), (2019, YEAR, None)]),
    ("30 percent", [(30, PERCENT, None)]),
    ("30 per cent", [(30, PERCENT, None)]),
    ("thirty per cent", [(30, PERCENT, None)]),
    ("12.5%", [(12.5, PERCENT, None)]),
    ("the 1990s", [(1990, YEAR, None)]),
    ("(2018-2020)", [(2018, YEAR, None), (2020, YEAR, None)]),
    ("1,000,000", [(1_000_000, CARDINAL, None)]),
    ("in 2018. Then 3.5 tonnes", [(2018, YEAR, None), (3.5, CARDINAL, None)]),
])
def test_english_values_kinds_and_qualifiers(text, expected):
    found = [(q.value, q.kind, q.approx) for q in english_quantities(text) if not q.weak]
    assert found == expected


@pytest.mark.parametrize("text", [
    "May we succeed", "COVID-19", "the G20 summit", "5G networks", "hundreds of workers", "thousands of",
    "someone", "anyone", "often", "tens of millions",
])
def test_english_words_that_are_not_amounts(text):
    assert values(english_quantities(text)) == []


def test_english_one_first_and_both_are_weak():
    assert all(q.weak for q in english_quantities("one of the first, both sides"))
    assert not any(q.weak for q in english_quantities("a hundred, the 1st"))


@given(st.integers(min_value=0, max_value=10**12))
def test_english_digits_round_trip(number):
    text = f"paid {number:,} yuan"
    [quantity] = english_quantities(text)
    assert quantity.value == number
    assert text[quantity.start:quantity.end] == f"{number:,}"


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["万", "亿"]))
def test_chinese_scales_agree_with_english_digits(number, scale):
    multiplier = 10_000 if scale == "万" else 100_000_000
    assert agrees(f"投入{number}{scale}元", f"invested {number * multiplier:,} yuan")


@given(st.integers(min_value=11, max_value=99_999_999))
def test_cn2an_numerals_read_back(number):
    import cn2an

    numeral = cn2an.an2cn(str(number))
    assert values(chinese_quantities(f"共有{numeral}人")) == [number]


def test_format_value():
    assert format_value(650000.0) == "650,000"
    assert format_value(2.5) == "2.5"


# --- the causes of false alarms on published translations, one sentence pair each ---------------------

CAUSES = [
    # 两 as the tael and inside words; "half a million"
    ("他向钱庄借了一万两银子。", "He borrowed ten thousand taels of silver from the bank."),
    ("条约规定赔款四十五万两。", "The treaty set an indemnity of 450,000 taels."),
    ("两岸交流日益密切。", "Cross-Strait exchanges are ever closer."),
    ("在中国现有50万人染上这种病毒。", "Half a million Chinese are now infected."),
    # number words are not split at a comma after a scale word
    ("该市共有36501名志愿者。", "The city has thirty-six thousand, five hundred and one volunteers."),
    # numerals inside idioms and words: a dictionary word whose rest is no measure word
    ("游客三三两两地走进公园。", "Visitors strolled into the park in twos and threes."),
    ("孩子把闹钟拆得七零八落。", "The child took the alarm clock to pieces."),
    ("她一心一意照顾病人。", "She looked after the sick single-mindedly."),
    ("这是一个三位一体的发展模式。", "It is an integrated model of development."),
    ("发展是第一要务。", "Development is the top priority."),
    ("二人一起回了家。", "They went home together."),
    ("这十戒乃是导演们对外宣布的。", "The directors announced these rules in public."),
    # 成 and 上 make vague amounts only before a scale
    ("这构成第三种情况。", "This makes a third case."),
    ("会议在晚上八点开始。", "The meeting starts at eight in the evening."),
    ("上万人参加了活动。", "Tens of thousands took part."),
    ("他认为失败的可能性有七成。", "He put the chance of failure at 70%."),
    # ranges, "more than" after a measure word, thirty-odd
    ("十五六岁的孩子最需要关心。", "Children of fifteen or sixteen need the most care."),
    ("村里来了三四十人。", "Thirty or forty people came from the village."),
    ("他在那里住了一年多。", "He lived there for more than a year."),
    ("工程用了两个多月。", "The work took more than two months."),
    ("三十几个国家派了代表。", "Thirty-odd countries sent delegates."),
    ("30多年来他一直住在这里。", "He has lived here for 30 years and more."),
    # decades, "two decades", a dozen, twice
    ("20世纪60年代末，学生运动兴起。", "Student movements rose in the late 1960s."),
    ("1970年代初期，讨论十分热烈。", "In the early seventies the debate was lively."),
    ("在过去的20年里，方法几乎没有变化。", "In the past two decades the methods have barely changed."),
    ("几乎有一打国家的发病率超过了10%。", "Nearly a dozen countries have a rate above 10%."),
    ("帆船连续两次被摔向水面。", "The yacht slammed down hard twice."),
    # full-width separators, dates, chapters, labels and references
    ("互联网每年以2，300%的速度发展。", "The Internet was growing at 2,300% a year."),
    ("他从早上7：30观察到晚上10：00。", "He watched from 7:30 a.m. until 10 p.m."),
    ("他生于1964年1月12日。", "He was born on Jan. 12, 1964."),
    ("第二章 论想象", "CHAPTER II OF IMAGINATION"),
    ("由1997至1998赛季的冠军担任船长。", "It is skippered by the 1997-98 champion."),
    ("如图2所示，网络有多重链接。", "The network has multiple links, as shown in Figure 2."),
    ("空间不是空洞的维度。", "Space is not an empty dimension (Giddens 1984, 364)."),
    ("1.1 什么是宇宙线？", "What are cosmic rays?"),
    # a strong partner before a weak one; a centenary said as "the century"; 一成不变; 十多岁; 上千次
    ("每条边连接两个不同的顶点，没有两条边连接一对相同的顶点。",
     "Each edge joins two different vertices, and no two edges join the same pair of vertices."),
    ("这本书在18世纪上半叶一直很流行。", "The book stayed popular through the first half of the century."),
    ("这些规则并非一成不变。", "These rules are not set in stone."),
    ("他们毕竟才十多岁。", "They are, after all, teenagers."),
    ("这句话你也许听过上千次。", "You may have heard it a thousand times."),
    # numbers with unit symbols, decimals without a zero, '95 and the 90s, trillions
    ("雷达工作在245 MHz。", "The radar operates at 245MHz."),
    ("一种为五毫克，另一种为0.5毫克。", "One dose was 5 mg and the other .5mg."),
    ("他们在《1995年宣言》中宣布了规则。", "They proclaimed the rules in the Dogme '95 manifesto."),
    ("90年代出现了新的止痛药。", "In the 90s new pain medications appeared."),
    ("关系图可能有超过1万亿条边。", "The graph probably has more than one trillion edges."),
    # the English spells out a count the source only implies
    ("他们合写了一个剧本。", "The four of them wrote a script together."),
    ("教学达到了过去几代人的水平。", "Teaching reached the level of the past two generations."),
    # list numbers, "unity", numbers that name things (TLR 9, IL-10), a repeat said once
    ("有以下3种机制：①隔离；②无应答；③限制。",
     "Three processes are involved: (1) sequestration; (2) unresponsiveness; and (3) limitation."),
    ("单位脉冲函数的变换为1。", "The transform of the unit impulse is unity."),
    ("受体7（TLR7）或TLR9都能使细胞活化。", "Cells are activated through TLR7 or through TLR 9."),
    ("B细胞产生白介素-10（IL-10）。", "B cells produce IL-10."),
    ("这比第9章的定义更广，在第9章中它表示关系。", "This is broader than the definition of Chapter 9, where it "
     "stands for relations."),
    ("8月6日在影院上映。", "Aug.6 Opens in theaters."),
    ("船员的年龄都在25岁以下。", "The crew are all under age 25."),
    ("从这一天起，会议开幕了。（第1版）", "From that day on the meeting was open. (edition 1)"),  # 第1 before 一
]


@pytest.mark.parametrize("source,translation", CAUSES)
def test_published_renderings_raise_no_number_finding(source, translation):
    assert agrees(source, translation), compare_quantities(chinese_quantities(source),
                                                           english_quantities(translation))


@pytest.mark.parametrize("source,translation", [
    ("这构成第三种情况。", "This makes a fourth case."),  # the ordinal after 成 is read
    ("会议在晚上八点开始。", "The meeting starts at nine in the evening."),  # a weak source, a strong "nine"
    ("在中国现有50万人染上这种病毒。", "A million Chinese are now infected."),
    ("他生于1964年1月12日。", "He was born on Jan. 21, 1964."),
    ("雷达工作在245 MHz。", "The radar operates at 254MHz."),  # a unit's number may match, 245 is still wanted
    ("他们合写了三个剧本。", "The four of them wrote scripts."),  # a source count left over: "four" is read
    ("关系图可能有超过1万亿条边。", "The graph probably has more than one billion edges."),
])
def test_the_same_sentences_still_catch_a_changed_number(source, translation):
    assert not agrees(source, translation)


def test_a_dropped_number_is_translator_freedom_at_most():
    # "the following year" for 1979: missing, never a changed value
    result = compare_quantities(chinese_quantities("1978年开始筹备，1979年正式成立。"),
                                english_quantities("Preparations began in 1978 and it was founded the following year."))
    assert not result.wrong and [q.value for q in result.missing] == [1979]


def test_each_number_finds_its_own_kind_first():
    # 30岁 and 30%: the English has only the percentage, so the age is what is missing
    result = compare_quantities(chinese_quantities("30岁时，他喝下一杯脂肪含量为30%的奶油。"),
                                english_quantities("When thirsty, he gulps down a glass of 30%-fat cream."))
    assert [(q.text, q.kind) for q in result.missing] == [("30", CARDINAL)] and not result.wrong
