"""The check registry and each check, on sentences from the article and hand-made bad entries."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from toolkit.checks import REGISTRY, SEVERITIES, run_checks
from toolkit.config import Config
from toolkit.errors import InputError, UsageError
from toolkit.glossary import Glossary, Term, load_glossary

ROOT = Path(__file__).resolve().parent.parent
PROJECT_GLOSSARY = ROOT / "glossary"


def write_po(path: Path, entries: list[tuple]) -> Path:
    """A catalog from (msgid, msgstr) or (msgid, msgstr, flags) or (msgid, msgstr, flags, msgctxt) tuples."""
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for msgid, msgstr, *rest in entries:
        flags = rest[0] if rest else []
        msgctxt = rest[1] if len(rest) > 1 else None
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=list(flags), msgctxt=msgctxt))
    po.save(str(path))
    return path


def check(tmp_path: Path, entries: list[tuple], *, select: list[str] | None = None, glossary=None,
          config: Config | None = None, **options):
    path = write_po(tmp_path / "test.po", entries)
    return run_checks([path], config=config or Config(root=tmp_path), glossary=glossary, select=select, **options)


def ids(report) -> list[str]:
    return [f.check for f in report.findings]


def project_glossary() -> Glossary:
    return load_glossary([PROJECT_GLOSSARY], None) if PROJECT_GLOSSARY.is_dir() else Glossary()


# --- registry ------------------------------------------------------------------------------------


def test_registry_has_the_issue_ids_with_docs_and_valid_severities():
    for check_id in ("untranslated", "fuzzy", "coverage", "glossary", "numbers", "han", "punctuation",
                     "consistency", "whitespace", "repeated-word", "length", "spelling"):
        assert check_id in REGISTRY
    for registered in REGISTRY.values():
        assert registered.severity in SEVERITIES
        assert registered.doc and "\n" not in registered.doc


def test_unknown_check_ids_are_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="nope"):
        check(tmp_path, [("你好", "Hello")], select=["nope"])
    with pytest.raises(UsageError, match="nada"):
        check(tmp_path, [("你好", "Hello")], ignore=["nada"])


def test_unknown_check_in_config_severity_names_the_config(tmp_path):
    config = Config(root=tmp_path, severity={"no-such-check": "info"})
    with pytest.raises(InputError, match="no-such-check") as raised:
        check(tmp_path, [("你好", "Hello")], config=config)
    assert raised.value.path.endswith("toolkit.toml")


def test_bad_catalog_is_an_input_error_naming_the_file(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        run_checks([bad], config=Config(root=tmp_path), glossary=None)
    assert raised.value.path == str(bad)


# --- status and coverage -------------------------------------------------------------------------


def test_a_fuzzy_entry_shows_how_its_source_changed(tmp_path):
    path = tmp_path / "merged.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#, fuzzy\n'
                    '#| msgid "一季度全国居民人均可支配收入11,539元，比上年同期名义增长6.2%。"\n'
                    'msgid "一季度全国居民人均可支配收入11,593元，比上年同期名义增长6.2%。"\n'
                    'msgstr "Per capita disposable income was 11,539 yuan in the first quarter, up 6.2 percent."\n',
                    encoding="utf-8")
    [finding] = run_checks([path], config=Config(root=tmp_path), glossary=None, select=["fuzzy"]).findings
    assert finding.message == ("source changed (…配收入11,[-539-]{+593+}元，比上年同…): review the translation and "
                               "remove the flag")


TEXT = st.text(alphabet="一二三四五六七八九十元年，。abc 0123456789,.", max_size=30)


@given(TEXT, TEXT)
@example("11,539元", "11,593元")
def test_a_source_diff_holds_both_texts(old, new):
    """Read without its insertions the diff is the old text, without its deletions the new one."""
    import re
    from toolkit.tm.matching import source_diff

    diff = source_diff(old, new)
    assert re.sub(r"\{\+(.*?)\+\}", "", re.sub(r"\[-(.*?)-\]", r"\1", diff)) == old
    assert re.sub(r"\[-(.*?)-\]", "", re.sub(r"\{\+(.*?)\+\}", r"\1", diff)) == new


def test_untranslated_and_fuzzy_per_entry(tmp_path):
    report = check(tmp_path, [("资料图", ""), ("扶贫协作", "poverty alleviation cooperation", ["fuzzy"]),
                              ("立下愚公志，吹响集结号。", "With the resolve of the Foolish Old Man, the rallying call "
                                                      "was sounded.")], select=["untranslated", "fuzzy"])
    assert [(f.check, f.msgid) for f in report.findings] == [("untranslated", "资料图"), ("fuzzy", "扶贫协作")]
    assert report.exit_code == 0
    [stats] = report.coverage
    assert (stats.total, stats.translated, stats.fuzzy, stats.untranslated) == (3, 1, 1, 1)


def test_min_coverage_makes_low_coverage_an_error(tmp_path):
    entries = [("资料图", "File photo"), ("劳模扶贫", "")]
    assert check(tmp_path, entries, min_coverage=50).exit_code == 0
    report = check(tmp_path, entries, min_coverage=60)
    assert "coverage" in ids(report) and report.exit_code == 1
    assert "coverage" not in ids(check(tmp_path, entries))  # no threshold, no coverage finding


def test_fuzzy_and_untranslated_entries_skip_the_content_checks(tmp_path):
    report = check(tmp_path, [("投入65万元", "invested 65,000 yuan", ["fuzzy"])])
    assert ids(report) == ["fuzzy"]


# --- glossary ------------------------------------------------------------------------------------

FEDERATION = Term("北京市总工会", "Beijing Federation of Trade Unions", variants=("federation",),
                  forbidden=("Beijing General Trade Union",), type="org", note="Its own English name.")


@pytest.mark.parametrize("translation,expected", [
    ("The Beijing Federation of Trade Unions won the award.", []),
    ("The federation won the award.", []),
    ("The Beijing Municipal Trade Union won the award.", ["expected \"Beijing Federation of Trade Unions\""]),
    ("The Beijing General Trade Union won the award.", ["\"Beijing General Trade Union\" is a forbidden"]),
])
def test_glossary_rendering_and_forbidden(tmp_path, translation, expected):
    report = check(tmp_path, [("北京市总工会荣获“北京市扶贫协作奖”。", translation)], select=["glossary"],
                   glossary=Glossary([FEDERATION]))
    messages = [f.message for f in report.findings]
    assert len(messages) == len(expected)
    for message, wanted in zip(messages, expected):
        assert wanted in message and "北京市总工会" in message and "Its own English name." in message


def test_no_glossary_means_no_glossary_findings(tmp_path):
    report = check(tmp_path, [("北京市总工会荣获奖项。", "The union won a prize.")], select=["glossary"])
    assert report.findings == []


# --- numbers -------------------------------------------------------------------------------------

ISSUE_PASSING = [
    ("投入65万元", "invested 650,000 yuan"),
    ("捐赠图书1.48万余册", "donated more than 14,800 books"),
    ("近1亿贫困人口", "nearly 100 million poor people"),
    ("2018年4月4日", "April 4, 2018"),
    ("第七次全国扶贫日", "the seventh National Poverty Alleviation Day"),
    ("五省六地", "five provinces and six regions"),
]
ISSUE_FAILING = [
    ("投入65万元", "invested 65,000 yuan", "650,000 (\"65万\") in the source, 65,000 in the translation"),
    ("近1亿", "nearly 10 million", "100,000,000 (\"近1亿\") in the source, 10,000,000 (\"10 million\")"),
    ("2018年4月4日", "April 14, 2018", "4 in the source, 14 in the translation"),
    ("培训贫困群众达980人", "trained 890 poor people", "980 in the source, 890 in the translation"),
]


@pytest.mark.parametrize("source,translation", ISSUE_PASSING)
def test_numbers_pass(tmp_path, source, translation):
    assert check(tmp_path, [(source, translation)], select=["numbers", "extra-number", "number-qualifier"]
                 ).findings == []


@pytest.mark.parametrize("source,translation,message", ISSUE_FAILING)
def test_numbers_fail_with_both_values_as_an_error(tmp_path, source, translation, message):
    report = check(tmp_path, [(source, translation)], select=["numbers"])
    [finding] = report.findings
    assert message in finding.message
    assert finding.severity == "error" and report.exit_code == 1


def test_number_missing_and_extra(tmp_path):
    report = check(tmp_path, [
        ("海淀区总工会为新疆和田地区皮山农场5所特殊人员幼儿园捐赠图书",
         "The Haidian District federation donated books to kindergartens at Pishan Farm in Hotan."),
        ("市金融工会援助湖北十堰工会60万元",
         "The Beijing Financial Trade Union gave 600,000 yuan to 2 unions in Shiyan, Hubei."),
    ], select=["numbers", "missing-number", "extra-number"])
    assert [(f.check, f.severity, f.message) for f in report.findings] == [
        ("missing-number", "warning", "5 in the source is missing from the translation"),
        ("extra-number", "warning", "2 in the translation is not in the source"),
    ]
    assert report.exit_code == 0  # a number left out or added may be the translator's choice


def test_number_qualifier_lost_is_a_warning(tmp_path):
    report = check(tmp_path, [("捐赠图书1.48万余册", "donated 14,800 books")],
                   select=["numbers", "number-qualifier"])
    [finding] = report.findings
    assert finding.check == "number-qualifier" and finding.severity == "warning"
    assert "more than 14,800" in finding.message


@pytest.mark.parametrize("source,translation,lost", [
    ("瓶装水在全球已是一个10多亿美元的产业。", "Bottled water has become a billion-dollar industry worldwide.", False),
    ("瓶装水在全球已是一个10多亿美元的产业。", "Bottled water now earns a billion dollars worldwide.", True),
    ("约30岁的工程师接受了采访。", "A 30-year-old engineer was interviewed.", True),  # "about" lost
])
def test_number_qualifier_not_asked_of_an_order_of_magnitude_as_modifier(tmp_path, source, translation, lost):
    report = check(tmp_path, [(source, translation)], select=["numbers", "number-qualifier"])
    assert [f.check for f in report.findings] == (["number-qualifier"] if lost else [])


@pytest.mark.parametrize("source,translation,lost", [
    ("七星关区近三年累计投入资金1.2亿元。", "Over the past three years, the district has invested 120 million yuan.", False),
    ("近10天来，全市新增岗位2000个。", "In the last 10 days the city has added 2,000 jobs.", False),
    ("工程历时近三年完工。", "The project took three years to complete.", True),  # a duration: "nearly three years"
    ("全县近3万人脱贫。", "30,000 people in the county have left poverty.", True),
])
def test_jin_before_a_span_of_time_is_the_past_not_nearly(tmp_path, source, translation, lost):
    report = check(tmp_path, [(source, translation)], select=["numbers", "number-qualifier"])
    assert [f.check for f in report.findings] == (["number-qualifier"] if lost else [])


@pytest.mark.parametrize("source,translation,found", [
    ("花垣县十八洞村的猕猴桃基地一派繁忙。", "The kiwifruit orchards of Shibadong Village are busy.", []),
    ("他住在三里屯附近。", "He lives near Sanlitun.", []),
    ("他在十八个村工作过。", "He has worked in villages.", ["missing-number"]),  # an amount: measure word after it
    ("建成县级电商服务中心1个、乡镇服务站12个。", "It built a county e-commerce center and 12 township stations.", []),
    ("建成县级电商服务中心1个。", "It built 2 county e-commerce centers.", ["numbers"]),
    ("建成县级电商服务中心1个。", "It built county e-commerce centers.", ["missing-number"]),
    ("建成服务站12个。", "It built township stations.", ["missing-number"]),
])
def test_a_numeral_inside_a_name_and_a_1_said_as_a_are_not_required(tmp_path, source, translation, found):
    report = check(tmp_path, [(source, translation)], select=["numbers", "missing-number", "extra-number"])
    assert [f.check for f in report.findings] == found


@pytest.mark.parametrize("source,translation,found", [
    ("一季度全国居民人均可支配收入增长6.2%。", "Per capita income rose 6.2 percent in the first quarter.", []),
    ("一季度全国居民人均可支配收入增长6.2%。", "Per capita income rose 6.2 percent in the second quarter.", ["numbers"]),
    ("第三季度收入增长6.2%。", "Income rose 6.2 percent in the third quarter.", []),
    ("前三季度收入增长6.2%。", "Income rose 6.2 percent in the first three quarters.", []),
    ("下半年收入增长6.2%。", "Income rose 6.2 percent in the second half.", []),
])
def test_a_quarters_number_is_an_ordinal_that_must_match(tmp_path, source, translation, found):
    report = check(tmp_path, [(source, translation)], select=["numbers", "missing-number", "extra-number"])
    assert [f.check for f in report.findings] == found


def test_a_later_mention_by_the_head_noun_is_a_warning_not_a_missing_term(tmp_path):
    bureau = Term("国家统计局", "National Bureau of Statistics", variants=("NBS",), type="org")
    county = Term("花垣县", "Huayuan County", type="place")
    policy = Term("以购代捐", "purchase in lieu of donation")  # not a name: no short form
    entries = [("国家统计局新闻发言人付凌晖表示，经济开局良好。", "The economy got off to a good start, said Fu Linghui, "
                                                   "a spokesperson for the bureau."),
               ("花垣县建成服务站12个。", "The county has built 12 service stations."),
               ("国家统计局发布数据。", "The statistics office released data."),
               ("推行以购代捐。", "The purchase scheme was extended.")]
    report = check(tmp_path, entries, select=["glossary", "glossary-short-form"],
                   glossary=Glossary([bureau, county, policy]))
    assert [(f.check, f.severity, f.message) for f in report.findings] == [
        ("glossary-short-form", "warning",
         '国家统计局: only "the bureau" here, not "National Bureau of Statistics": fine after a first mention'),
        ("glossary-short-form", "warning", '花垣县: only "the county" here, not "Huayuan County": fine after a first mention'),
        ("glossary", "error", '国家统计局: expected "National Bureau of Statistics" or "NBS"'),
        ("glossary", "error", '以购代捐: expected "purchase in lieu of donation"'),
    ]


def test_numbers_inside_a_glossary_term_are_left_to_the_glossary(tmp_path):
    entry = [("市民可拨打12345热线反映困难。", "Residents can report hardship to the city hotline.")]
    assert "missing-number" in ids(check(tmp_path, entry, select=["missing-number"]))
    hotline = Term("12345热线", "city hotline")
    assert check(tmp_path, entry, select=["missing-number"], glossary=Glossary([hotline])).findings == []


@pytest.mark.skipif(not PROJECT_GLOSSARY.is_dir(), reason="the project glossary is not there")
def test_glossary_idiom_with_numbers_raises_no_number_finding(tmp_path):
    report = check(tmp_path, [("使命在肩 构建工会扶贫“四梁八柱”",
                               "A Mission Shouldered: Building the Basic Framework of Union Poverty Relief")],
                   select=["numbers", "extra-number"], glossary=project_glossary())
    assert report.findings == []


# --- script and punctuation ----------------------------------------------------------------------


@pytest.mark.parametrize("translation,check_id,fragment", [
    ("The 北京 federation won.", "han", "北京"),
    ("The federation won，and so did one individual.", "punctuation", "'，'"),
    ("In spring 2018。", "punctuation", "'.'"),
    ("It signed the 《Agreement》.", "punctuation", "quotation marks or italics"),
    ("a field ——as ever", "punctuation", "'—'"),
    ("Ｘinjiang", "punctuation", "'X'"),
    ("It signed the (Agreement.", "brackets", "unbalanced ()"),
    ("It said “help the poor.", "brackets", "unbalanced quotation marks: 1 “, 0 ”"),
    ('It said "help the poor.', "brackets", '1 "'),
    ("It said “help” the “poor.", "brackets", "2 “, 1 ”"),
])
def test_script_and_punctuation_fail(tmp_path, translation, check_id, fragment):
    report = check(tmp_path, [("北京市总工会荣获“奖项”。", translation)], select=["han", "punctuation", "brackets"])
    assert [f.check for f in report.findings] == [check_id]
    assert fragment in report.findings[0].message


def test_script_and_punctuation_pass_on_good_english(tmp_path):
    report = check(tmp_path, [
        ("“2020年，全面建成小康社会取得伟大历史性成就，决战脱贫攻坚取得决定性胜利。”",
         "“In 2020 we achieved great historic success in building a moderately prosperous society in all "
         "respects, and won a decisive victory in the battle against poverty.”"),
        ("市工业（国防）工会投入经费20万元开展消费扶贫", "The Beijing Industrial (National Defense) Trade Union "
         "spent 200,000 yuan on poverty alleviation through consumption — buying produce…"),
    ], select=["han", "punctuation", "brackets", "title-marks"])
    assert report.findings == []


def test_brackets_unbalanced_in_the_source_are_not_reported(tmp_path):
    report = check(tmp_path, [("“授人以鱼不如授人以渔”。市总工会通过发挥劳模",
                               "“Teach a man to fish rather than give him a fish.” Through model workers")],
                   select=["brackets"])
    assert report.findings == []
    report = check(tmp_path, [("“经过培训我掌握了一技之能，", "“After the training I had a skill,")],
                   select=["brackets"])
    assert report.findings == []


def test_quotation_marks_are_compared_only_where_the_source_has_some(tmp_path):
    # From a published translation: the English quotation runs on into the next sentence, the Chinese has none.
    report = check(tmp_path, [("医生没有时间。", "\"GPs have no time."),
                              ("在美国比在任何其他地方都更加如此，其国民是出了名的最为“现在的”和最为健忘的。",
                               "Nowhere is this more true than in the United States, that notoriously most \"now” "
                               "and amnesiac of nations.")], select=["brackets"])
    assert report.findings == []


@pytest.mark.parametrize("translation,flagged", [
    ("signed the cooperation agreement on poverty alleviation through consumption", True),
    ("signed the Poverty Alleviation Through Consumption Cooperation Agreement", False),  # italics lost
    ("signed the “Poverty Alleviation Through Consumption Cooperation Agreement”", False),
    ('signed the "Poverty Alleviation Through Consumption Cooperation Agreement"', False),
    ("signed the *Poverty Alleviation Through Consumption Cooperation Agreement*", False),
])
def test_title_marks(tmp_path, translation, flagged):
    report = check(tmp_path, [("共同签署了《消费扶贫合作协议》", translation)], select=["title-marks"])
    assert bool(report.findings) is flagged


@pytest.mark.parametrize("source,translation,flagged", [
    # Plain text keeps a title's capitals, not its italics: one capitalised word, or two titles joined by "and".
    ("她是在《观察家报》上读到这则消息的。", "She read the story in the Observer.", False),
    ("她是在《观察家报》上读到这则消息的。", "She read the story in the weekend paper.", True),
    ("他最喜欢的影片是《黑暗中的舞者》和《漫长的归途》。",
     "His favourite films are Dancer in the Dark and The Long Way Home.", False),
    ("他最喜欢的影片是《黑暗中的舞者》和《漫长的归途》。", "His favourite film is Dancer in the Dark.", True),
])
def test_title_marks_in_plain_text(tmp_path, source, translation, flagged):
    report = check(tmp_path, [(source, translation)], select=["title-marks"])
    assert bool(report.findings) is flagged


# --- consistency ---------------------------------------------------------------------------------


def test_consistency_across_catalogs_names_both_places(tmp_path):
    first = write_po(tmp_path / "a.po", [("落实任务，人是关键。", "People are the key to getting the job done.")])
    second = write_po(tmp_path / "b.po", [("落实任务，人是关键。", "To carry out the task, people are key.")])
    report = run_checks([first, second], config=Config(root=tmp_path), glossary=None, select=["consistency"])
    [finding] = report.findings
    assert finding.path.endswith("b.po") and "a.po:" in finding.message and finding.severity == "warning"


def test_consistency_across_contexts_in_one_catalog(tmp_path):
    report = check(tmp_path, [("落实任务，人是关键。", "People are the key.", [], "first"),
                              ("落实任务，人是关键。", "People are the key.", [], "second"),
                              ("落实任务，人是关键。", "People matter most.", [], "third")],
                   select=["consistency"])
    assert [f.msgctxt for f in report.findings] == ["third"]


def test_same_translation_for_different_sources_is_info(tmp_path):
    report = check(tmp_path, [("市总工会高度重视", "The federation attaches great importance to it."),
                              ("市总工会非常重视", "The federation attaches great importance to it."),
                              ("资料图", "File photo"), ("图片", "File photo")], select=["same-translation"])
    assert [(f.msgid, f.severity) for f in report.findings] == [("市总工会非常重视", "info")]
    assert report.exit_code == 0


def test_a_joined_entry_shares_the_previous_english_without_a_finding(tmp_path):
    """A quote and its attribution in two segments, one English sentence: the second is flagged joined."""
    english = "“We never thought tea could sell online,” recalled Chen Degui, a grower in Yongxing."
    entries = [("“没想到茶叶还能在网上卖。”", english), ("永兴镇茶农陈德贵回忆说。", english, ["joined"])]
    for check_id in ("same-translation", "consistency"):
        assert check(tmp_path, entries, select=[check_id]).findings == []
    unjoined = check(tmp_path, [entries[0], entries[1][:2]], select=["same-translation"])
    assert [f.msgid for f in unjoined.findings] == ["永兴镇茶农陈德贵回忆说。"]


# --- layout --------------------------------------------------------------------------------------


@pytest.mark.parametrize("translation,check_id", [
    (" Data photo", "whitespace"),
    ("File photo ", "whitespace"),
    ("File  photo", "whitespace"),
    ("the the federation", "repeated-word"),
    ("The federation federation won", "repeated-word"),
    ("It is is the rural counties that will decide the election.", "repeated-word"),
    ("The new vaccine may be no no more effective than the old one.", "repeated-word"),
])
def test_layout_fail(tmp_path, translation, check_id):
    report = check(tmp_path, [("资料图", translation)], select=["whitespace", "repeated-word"])
    assert ids(report) == [check_id]


def test_a_word_doubled_again_and_again_is_one_finding_with_its_count(tmp_path):
    report = check(tmp_path, [("北京" * 500, "Beijing " * 500 + "and the the end")], select=["repeated-word"])
    assert [f.message for f in report.findings] == ['repeated word: "beijing beijing" (499 times)',
                                                    'repeated word: "the the"']


def test_layout_pass(tmp_path):
    report = check(tmp_path, [("资料图", "File photo"), ("他说", "He said that that was right."),
                              ("他们", "They had had enough."),
                              ("问题", "What the reform needs is is time."),
                              ("不", "\"No no, that is not what I meant,\" she said."),
                              ("禁忌", "Smoking indoors is a no no.")], select=["whitespace", "repeated-word"])
    assert report.findings == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "(", "“", "\"", "'", "[", "-"]),
                          st.sampled_from(["the", "federation", "had", "été", "2", ""]),
                          st.sampled_from(["", ",", ".", ")", "”", "’", "'s", "!", "?", ";", "]", "-"]),
                          st.sampled_from([" ", "  ", "\n", "\xa0", ""])), max_size=8))
def test_the_cheap_repeat_test_never_hides_a_repeated_word(pieces):
    """may_repeat rules translations out before repeated_words reads them word by word: never one that has
    a repeat, however quotes, brackets and stops surround the words."""
    from toolkit.checks.layout import may_repeat, repeated_words

    text = "".join("".join(piece) for piece in pieces)
    if list(repeated_words(text)):
        assert may_repeat(text)


def _twelve_full_translations() -> list[tuple[str, str]]:
    """A catalog's norm to judge a short translation against: one article sentence, fully translated, twelve
    times over (numbered)."""
    sentence = ("几年来，北京市总工会以高度的政治责任感和使命感，持续推进扶贫协作工作。",
                "Over the years the Beijing Federation of Trade Unions has pressed on with poverty alleviation "
                "cooperation out of a strong sense of political responsibility and mission.")
    return [(f"{sentence[0]}（{n}）", f"{sentence[1]} ({n})") for n in range(12)]


def test_length_flags_a_truncated_translation(tmp_path):
    entries = _twelve_full_translations()
    entries.append(("市总工会及时向援派干部开展送温暖等慰问活动，让援派干部切实感受到工会的温暖和关怀。",
                    "The federation cared."))
    report = check(tmp_path, entries, select=["length", "truncated", "omission"])
    assert [(f.msgid, f.check) for f in report.findings] == [(entries[-1][0], "omission")]
    assert "of the catalog's usual length" in report.findings[0].message and "likely" in report.findings[0].message


def test_omission_finds_an_english_of_full_length_that_echoes_nothing_of_its_source(tmp_path):
    # The length alone (82% of the norm) clears it: the silence of all its thirteen words is what tells.
    entries = _twelve_full_translations()
    entries.append(("市总工会及时向援派干部开展送温暖等慰问活动，让援派干部切实感受到工会的温暖和关怀。",
                    "In the years since, the programme has grown steadily, and its results have been praised by the "
                    "provincial government, which plans to extend it to more counties next spring."))
    [finding] = check(tmp_path, entries, select=["length", "truncated", "omission"]).findings
    assert (finding.msgid, finding.check) == (entries[-1][0], "omission")
    assert "echoes 0% of the source's 13 dictionary words" in finding.message and "82%" in finding.message


def test_omission_reports_an_english_far_short_of_its_source_with_few_words_silent(tmp_path):
    # The second clause repeats the first's words (职工), so only two dictionary words go unechoed; a quarter
    # of the usual length says enough, though not where the gap is: the message gives the length.
    entries = _twelve_full_translations()
    entries.append(("工会为职工提供法律援助，帮助职工依法维护自身的合法权益。", "The union gives workers legal aid."))
    [finding] = check(tmp_path, entries, select=["length", "truncated", "omission"]).findings
    assert (finding.msgid, finding.check, finding.severity) == (entries[-1][0], "omission", "warning")
    assert finding.message.startswith("the English is 24% of the catalog's usual length for its source, and echoes")
    assert finding.message.endswith("likely leaves part of it out; add what is missing")


def test_truncated_sees_a_translation_missing_its_second_half(tmp_path):
    # At 1/2.5 of the norm (the length check's old bar) this one passed.
    entries = _twelve_full_translations()
    entries.append(("北京市总工会开展消费扶贫，采购贫困地区农产品，同时组织劳模专家赴新疆和田地区开展技术培训，"
                    "帮助当地职工提高技能水平。",
                    "The Beijing Federation of Trade Unions carried out poverty alleviation through consumption, "
                    "buying farm produce from poor areas."))
    report = check(tmp_path, entries, select=["length", "truncated"])
    assert [(f.msgid, f.check, f.severity) for f in report.findings] == [(entries[-1][0], "truncated", "warning")]


# --- spelling ------------------------------------------------------------------------------------


def test_spelling_flags_typos_with_a_suggestion(tmp_path):
    report = check(tmp_path, [("脱贫", "The federation helped the poor escape povety.")], select=["spelling"])
    [finding] = report.findings
    assert "povety" in finding.message and "poverty" in finding.message and finding.severity == "warning"


def test_spelling_knows_pinyin_names_british_spelling_and_glossary_words(tmp_path):
    entries = [
        ("□本报记者 郭丽华 白莹/文", "By Guo Lihua and Bai Ying, staff reporters"),
        ("从一望无际的内蒙古草原到朔风阵阵的塞外重镇张家口",
         "from the boundless grasslands of Inner Mongolia to Zhangjiakou, the windswept frontier town"),
        ("劳务扶贫", "Poverty alleviation through labour programmes organised by the centre"),
        ("访惠聚", "the Fanghuiju programme"),
        ("和田", "Hotan and Lhasa"),
    ]
    glossary = Glossary([Term("访惠聚", "Fanghuiju"), Term("和田", "Hotan")])
    assert check(tmp_path, entries, select=["spelling"], glossary=glossary).findings == []


def test_spelling_is_quiet_on_names_loanwords_and_older_english(tmp_path):
    # Published English is full of names no lexicon has, hyphenated pinyin, archaic verbs, technical compounds.
    entries = [
        ("杰夫·贝索斯喜欢活动。", "Jeff Bezos loves being on the move."),
        ("宝玉笑道", "Bao-yu laughed."),
        ("凡物体都会产生运动", "whatsoever moveth, causeth motion in another"),
        ("自身反应性T细胞", "autoreactive T cells and nonmutated genes"),
        ("电影观众", "filmgoers everywhere"),
        ("胡丁厄大学医院", "Huddinge University Hospital"),
    ]
    assert check(tmp_path, entries, select=["spelling"]).findings == []


def test_spelling_knows_derived_words_latin_phrases_and_name_particles(tmp_path):
    entries = [
        ("对他来说那场战争是一次启示。", "For him the war was a revelational moment."),
        ("企业追求利润最大化。", "Firms act as profit maximizers."),
        ("收发开关控制天线。", "The duplexer switches the antenna."),
        ("城市的街道是网状的。", "The streets of the city are weblike."),
        ("他们想维持现状。", "They wish to keep the status quo."),
        ("英语是科学的通用语。", "English is the lingua franca of science."),
        ("反之亦然。", "Or vice versa."),
        ("糖尿病", "type 1 diabetes mellitus"),
        ("作曲家路德维希·凡·贝多芬", "the composer Ludwig van Beethoven"),
        ("无论权威多么大", "[H]owever great the authority"),
    ]
    assert check(tmp_path, entries, select=["spelling"]).findings == []


def test_spelling_still_flags_slips_that_look_derived(tmp_path):
    entries = [("官方曾经不鼓励", "Once offically discouraged"), ("同时发送", "send packets simultaneiously"),
               ("讽刺电影", "the satricial film"), ("他说", "sys Brian Rose"), ("精准施策", "act targetedly")]
    found = {finding.message.split('"')[1] for finding in check(tmp_path, entries, select=["spelling"]).findings}
    assert found == {"offically", "simultaneiously", "satricial", "sys", "targetedly"}


def test_spelling_flags_a_pinyin_name_one_letter_off_its_source(tmp_path):
    [finding] = check(tmp_path, [("北京市总工会", "The Beijng federation")], select=["spelling"]).findings
    assert "Beijng" in finding.message and "Beijing" in finding.message


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["London", "don", "single", "handedly", "H", "owever", "teh", "Beijng", "é"]),
                          st.sampled_from([" ", "-", " - ", "\n", "\xa0", "[", "] ", "’s ", ", ", ""])), max_size=8))
@example([("London", " - "), ("don", "")])  # a reading that joined words across spaces would make "Londondon"
def test_a_translation_judged_token_by_token_holds_no_word_the_whole_reading_flags(pieces):
    """Speller.all_good spares most translations the reading word by word: only where that reading finds
    every word good."""
    from toolkit.checks.spelling import _WORD, Speller

    speller = Speller(None)
    text = "".join(word + joiner for word, joiner in pieces)
    if speller.all_good(text):
        assert not any(speller.unknown(word) or speller.unknown_name(word)
                       for word in _WORD.findall(speller.readable(text)))


KEIRETSU = [
    ("日本的经连会体系以银行为中心。", "Japan's keiretsu system is built around a bank."),
    ("丰田的经连会包括数百家供应商。", "Toyota's keiretsu includes hundreds of suppliers."),
    ("这种做法曾经被官方禁止。", "The practice was once offically banned."),
    ("经连会成员互相持股。", "Members of a keiretsu hold shares in one another."),
    ("自身免疫性多内分泌腺病", "autoimmune polyendocrinopathy"),
    ("批评者说经连会把外国竞争者挡在门外。", "Critics say the keiretsu shut out foreign competitors."),
    ("这种多内分泌腺病很罕见。", "This polyendocrinopathy is rare."),
]


def test_spelling_asks_once_about_a_word_used_in_three_entries_and_warns_of_a_one_off_slip(tmp_path, monkeypatch):
    found = check(tmp_path, KEIRETSU, select=["spelling"]).findings
    assert [(f.msgid, f.severity, f.message) for f in found] == [
        (KEIRETSU[0][0], "info", '"keiretsu" is not in the dictionary but used in 4 entries: probably a term, '
                                 "accept it with toolkit words add keiretsu; if it is a slip, correct it in each"),
        (KEIRETSU[2][0], "warning", 'unknown word "offically" (did you mean "officially"?): correct it, or accept it '
                                    "with toolkit words add offically"),
        *((KEIRETSU[index][0], "warning", 'unknown word "polyendocrinopathy": correct it, or accept it with '
                                          "toolkit words add polyendocrinopathy")
          for index in (4, 6))]  # two entries: not yet a term
    # Checked in chunks, some by worker processes, the catalog's findings are weighed the same.
    monkeypatch.setattr("toolkit.checks.runner.PROGRESS_EVERY", 2)
    copies = [(msgid, msgstr, [], f"part {part}") for part in range(3) for msgid, msgstr in KEIRETSU]
    runs = {jobs: check(tmp_path, copies, select=["spelling"], jobs=jobs).findings for jobs in (1, 2)}
    assert runs[2] == runs[1]
    assert [(f.msgctxt, f.severity, f.message.split(" entries")[0]) for f in runs[1] if f.severity == "info"] == [
        ("part 0", "info", '"keiretsu" is not in the dictionary but used in 12'),
        ("part 0", "info", '"polyendocrinopathy" is not in the dictionary but used in 6')]
    assert sorted(f.msgctxt for f in runs[1] if f.severity == "warning") == ["part 0", "part 1", "part 2"]


def test_spelling_warns_of_a_slip_repeated_in_three_entries_in_each_beside_a_term_asked_about_once(tmp_path):
    # One letter from a dictionary word, a repeated unknown word is as likely a slip made by habit as a term,
    # and it must be put right in every entry; a word with no dictionary word near is the term.
    entries = [("工人们将获得补贴。", "The workers will recieve a subsidy."),
               ("每户可以获得两千元。", "Each household can recieve two thousand yuan."),
               ("学生们获得了奖学金。", "The students recieve scholarships."),
               *KEIRETSU[:2], KEIRETSU[3]]
    found = check(tmp_path, entries, select=["spelling"]).findings
    assert [(f.msgid, f.severity, f.message.split('"')[1]) for f in found] == [
        *((msgid, "warning", "recieve") for msgid, _ in entries[:3]), (KEIRETSU[0][0], "info", "keiretsu")]
    assert all('"receive"' in f.message for f in found[:3])


def test_spelling_off(tmp_path):
    report = check(tmp_path, [("脱贫", "escape povety")], spelling=False)
    assert "spelling" not in ids(report)


# --- suppression and severity --------------------------------------------------------------------


def test_flag_suppresses_one_check_on_one_entry(tmp_path):
    entries = [("投入65万元", "invested 65,000 yuan", ["toolkit-ignore:numbers"]),
               ("投入65万元用于开展", "invested 65,000 yuan for")]
    report = check(tmp_path, entries, select=["numbers"])
    assert [f.msgid for f in report.findings] == ["投入65万元用于开展"]


def test_bare_flag_suppresses_every_check(tmp_path):
    report = check(tmp_path, [("投入65万元", "invested 65,000 yuan ，", ["toolkit-ignore"])])
    assert report.findings == []


@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext's msgcat is not installed")
def test_comment_suppression_survives_msgcat_which_drops_the_flag(tmp_path):
    path = tmp_path / "test.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '# the figure is a slip in the source\n# toolkit-ignore: glossary, numbers\n'
                    '#, toolkit-ignore:numbers\nmsgid "投入65万元"\nmsgstr "invested 65,000 yuan"\n\n'
                    'msgid "投入65万元用于开展"\nmsgstr "invested 65,000 yuan for"\n', encoding="utf-8")
    subprocess.run(["msgcat", str(path), "-o", str(path)], check=True)
    assert "#, toolkit-ignore" not in path.read_text(encoding="utf-8")  # gettext dropped the flag
    report = run_checks([path], config=Config(root=tmp_path), glossary=None, select=["numbers"])
    assert [f.msgid for f in report.findings] == ["投入65万元用于开展"]


def test_config_severity_override(tmp_path):
    config = Config(root=tmp_path, severity={"numbers": "warning"})
    report = check(tmp_path, [("投入65万元", "invested 65,000 yuan")], select=["numbers"], config=config)
    assert [f.severity for f in report.findings] == ["warning"] and report.exit_code == 0


def test_findings_carry_the_entry_line(tmp_path):
    path = write_po(tmp_path / "test.po", [("资料图", "File photo"), ("投入65万元", "invested 65,000 yuan")])
    report = run_checks([path], config=Config(root=tmp_path), glossary=None, select=["numbers"])
    entry = [e for e in polib.pofile(str(path)) if e.msgid == "投入65万元"][0]
    assert report.findings[0].line == entry.linenum


def test_folders_are_searched_for_catalogs(tmp_path):
    (tmp_path / "en").mkdir()
    write_po(tmp_path / "en" / "a.po", [("投入65万元", "invested 65,000 yuan")])
    report = run_checks([tmp_path], config=Config(root=tmp_path), glossary=None, select=["numbers"])
    assert len(report.findings) == 1 and len(report.coverage) == 1


# --- the real article ----------------------------------------------------------------------------

ARTICLE = ROOT / "translations" / "en" / "beijing-unions-poverty-alleviation.po"


def _article_translated() -> bool:
    return ARTICLE.is_file() and all(e.msgstr for e in polib.pofile(str(ARTICLE)) if e.msgid)


@pytest.mark.skipif(not _article_translated(), reason="the article is not fully translated yet")
def test_the_approved_translation_has_no_error_and_catches_planted_ones(tmp_path):
    config = Config(root=ROOT)
    glossary = project_glossary()
    clean = run_checks([ARTICLE], config=config, glossary=glossary)
    assert [f for f in clean.findings if f.severity == "error"] == []

    po = polib.pofile(str(ARTICLE))
    planted = {}
    for entry in po:
        if "650,000" in entry.msgstr and "numbers" not in planted.values():
            entry.msgstr = entry.msgstr.replace("650,000", "65,000")
            planted[entry.msgid] = "numbers"
        elif " their " in entry.msgstr and len(planted) == 1:
            entry.msgstr = entry.msgstr.replace(" their ", " thier ", 1)
            planted[entry.msgid] = "spelling"
        elif ", " in entry.msgstr and len(planted) == 2:
            entry.msgstr = entry.msgstr.replace(", ", "，", 1)
            planted[entry.msgid] = "punctuation"
    po.save(str(tmp_path / "planted.po"))
    report = run_checks([tmp_path / "planted.po"], config=config, glossary=glossary)
    assert {(f.msgid, f.check) for f in report.findings} == set(planted.items())


def test_worker_processes_find_exactly_what_one_process_finds(tmp_path, monkeypatch):
    """The literal draft (hundreds of findings) and the approved article, checked in chunks by two workers."""
    monkeypatch.setattr("toolkit.checks.runner.PROGRESS_EVERY", 20)  # small chunks: many go to the workers
    catalogs = [ROOT / "translations" / "drafts" / "literal-first-pass.po", ARTICLE]
    config = Config(root=ROOT)
    runs = {jobs: run_checks(catalogs, config=config, glossary=project_glossary(), jobs=jobs) for jobs in (1, 2)}
    assert len(runs[1].findings) > 150
    assert runs[2].findings == runs[1].findings
    assert [s.as_dict() for s in runs[2].coverage] == [s.as_dict() for s in runs[1].coverage]


# --- completeness and names ------------------------------------------------------------------------


def test_omission_finds_a_dropped_sentence_and_keeps_quiet_on_the_whole(tmp_path):
    source = ("北京市总工会开展消费扶贫，采购贫困地区农产品。"
              "同时组织劳模专家赴新疆和田地区开展技术培训，帮助当地职工提高技能水平。")
    whole = ("The Beijing Federation of Trade Unions carried out poverty alleviation through consumption, "
             "buying farm produce from poor areas. It also sent model workers and experts to Hotan in Xinjiang "
             "to give technical training and help local workers raise their skills.")
    first_only = ("The Beijing Federation of Trade Unions carried out poverty alleviation through consumption, "
                  "buying farm produce from poor areas.")
    assert check(tmp_path, [(source, whole)], select=["omission", "truncated"]).findings == []
    report = check(tmp_path, [(source, first_only)], select=["omission", "truncated"])
    [finding] = report.findings  # the second sentence is the end of the source: the English stops short
    assert (finding.check, finding.severity) == ("truncated", "warning") and "同时组织劳模专家" in finding.message


def test_english_forms_are_the_same_for_a_word_read_again():
    from toolkit.checks.omission import english_forms

    # Each distinct word's forms are kept after its first sighting: a later English reads the kept ones.
    first = english_forms("Workers studied the studies; the worker works.")
    assert first == {"workers", "work", "studied", "studi", "the", "studies", "worker", "works"}
    assert english_forms("The workers and the worker studied studies. Works!") == first | {"and"}
    assert english_forms("U.S. workers") == {"us", "u", "s", "workers", "work"}


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["Workers", "studies", "U.S.", "u.k.'s", "(e.u.)", "a.b.c", "5G", "1990s",
                                           "İstanbul", "café", "Straße", "x.y", "..a.b.", "it's", "２０", "—", "’"]),
                          st.sampled_from([" ", "  ", "\n", "\t", "\xa0", "\u3000", "\u2028", "\x1c", "", ".", ",", "("]),
                          st.text(max_size=4)), max_size=12))
@example(["U", ".", "S", ".", "\xa0", "a", ".", "b", "."])  # dotted abbreviations either side of a space
def test_english_forms_read_piece_by_piece_are_those_of_the_whole_text(pieces):
    """english_forms reads the English between spaces, a piece at a time (each piece's forms made once):
    the forms must be those the whole lower-cased text has, words and dotted abbreviations alike."""
    from toolkit.checks.omission import _DOTTED, ENGLISH_WORD, _stem, english_forms

    text = "".join(pieces)
    lowered = text.lower()
    words = ENGLISH_WORD.findall(lowered) + [dotted.replace(".", "") for dotted in _DOTTED.findall(lowered)]
    assert english_forms(text) == {form for word in words for form in (word, _stem(word))}


def test_echo_hears_a_dotted_abbreviation_and_leaves_out_silent_single_characters():
    from toolkit.checks.omission import echo, english_forms

    # Wherever the abbreviation stands: last, before a quotation mark or a bracket, inside a sentence.
    for text, abbreviation in [("Aid came from the U.S.", "us"), ("the e.u.'s aid", "eu"), ("aid (u.k.)", "uk"),
                               ("The U.N. sent aid.", "un")]:
        assert abbreviation in english_forms(text), text
    assert english_forms("Mr. Li reached it.") == {"mr", "li", "reach", "reached", "it"}
    source = "美国的援助昨天到了北京。"
    heard = echo(source, "Aid from the U.S. reached Beijing yesterday.")
    assert heard.words == (("美国", True), ("援助", True), ("昨天", True), ("到了", False), ("北京", True))
    assert (heard.echoed, heard.share) == (4, 0.8)
    # Unechoed, 美国 still counts; the single character 的 never does unless echoed.
    assert echo(source, "Aid reached Beijing yesterday.").words[0] == ("美国", False)
    # A figure of one digit is no single character: unechoed, it counts (买, 个, 斤 do not).
    assert echo("他买了5个苹果和2斤米。", "He bought apples and rice.").words == (
        ("他", True), ("5", False), ("苹果", True), ("和", True), ("2", False), ("米", True))


def test_truncated_translation_that_stops_mid_sentence(tmp_path):
    source = "北京市总工会开展消费扶贫，采购贫困地区农产品，帮助当地职工提高技能水平。"
    report = check(tmp_path, [(source, "The federation carried out poverty alleviation through consumption and "
                                       "bought the")], select=["truncated"])
    [finding] = report.findings
    assert finding.severity == "warning" and "mid-sentence" in finding.message


def test_truncated_keeps_quiet_on_finished_english_without_a_stop(tmp_path):
    # A question the English words as a heading, and a sentence ending on a set's name: both complete.
    entries = [("你在网上书店下单以后，会发生什么？", "What happens after you place an order at an online bookshop"),
               ("集合A上的一个二元关系是A×A的一个子集。", "A binary relation on a set A is a subset of A x A.")]
    assert check(tmp_path, entries, select=["truncated", "omission"]).findings == []


def test_truncated_counts_a_dotted_abbreviation_as_one_word(tmp_path):
    # A sign of four words ending on "U.S.A" (its stop lost) is too short to be a sentence cut off.
    entries = _twelve_full_translations()
    entries.append(("欢迎来到美国斯普林菲尔德。", "Welcome to Springfield, U.S.A"))
    assert check(tmp_path, entries, select=["truncated"]).findings == []


def test_truncated_sees_the_second_half_of_a_sentence_cut_off(tmp_path):
    entries = _twelve_full_translations()
    entries.append(("工会组织劳模专家赴和田地区开展技术培训，帮助当地职工提高技能水平，增加家庭收入。",
                    "The unions sent model workers and experts to Hotan"))
    [finding] = check(tmp_path, entries, select=["truncated", "omission"]).findings
    assert (finding.msgid, finding.check) == (entries[-1][0], "truncated")
    assert "without closing punctuation" in finding.message and "技术培训" in finding.message


@pytest.mark.skipif(not _article_translated(), reason="the article is not fully translated yet")
def test_misplaced_names_the_entry_a_translation_belongs_to(tmp_path):
    entries = [(e.msgid, e.msgstr) for e in polib.pofile(str(ARTICLE)) if e.msgid and e.msgstr][:30]
    assert check(tmp_path, entries, select=["misplaced"]).findings == []
    # The translation of entry 21 pasted into entry 20 as well (one entry off).
    moved = [*entries[:20], (entries[20][0], entries[21][1]), *entries[21:]]
    report = check(tmp_path, moved, select=["misplaced"])
    belongs = next(e for e in polib.pofile(str(tmp_path / "test.po")) if e.msgid == entries[21][0])
    assert [(f.msgid, f.check) for f in report.findings] == [(entries[20][0], "misplaced")]
    assert f"line {belongs.linenum}" in report.findings[0].message


@pytest.mark.skipif(not _article_translated(), reason="the article is not fully translated yet")
def test_misplaced_sees_two_neighbours_translations_exchanged(tmp_path):
    entries = [(e.msgid, e.msgstr) for e in polib.pofile(str(ARTICLE)) if e.msgid and e.msgstr][:30]
    exchanged = [*entries[:3], (entries[3][0], entries[4][1]), (entries[4][0], entries[3][1]), *entries[5:]]
    report = check(tmp_path, exchanged, select=["misplaced"])
    assert [(f.msgid, f.check, f.severity) for f in report.findings] == [
        (entries[3][0], "misplaced", "warning"), (entries[4][0], "misplaced", "warning")]


# Eight sentences of one news report; the second and third share a subject (sewage treatment plants).
CITY_WORKS = [
    ("市政府昨天公布了今年的城市建设计划，重点是改善供水和污水处理。",
     "The city government yesterday published this year's urban construction plan, which focuses on water supply "
     "and sewage treatment."),
    ("该项目于去年开工，计划投资十二亿元，在城市东部建设两座污水处理厂。",
     "The project began last year with a planned investment of 1.2 billion yuan to build two sewage treatment "
     "plants in the east of the city."),
    ("污水处理厂建成后，全市每天可处理污水四十万吨，河流水质将明显改善。",
     "Once the plants are finished, the city will be able to treat 400,000 tonnes of sewage a day, and the water "
     "quality of its rivers will improve markedly."),
    ("与此同时，老城区的供水管网也将全面更新，以减少漏损。",
     "Meanwhile, the water mains of the old town will be renewed throughout to reduce leakage."),
    ("专家指出，管网漏损率过高是许多城市面临的共同问题。",
     "Experts point out that high leakage from the mains is a problem many cities share."),
    ("市民普遍欢迎这些措施，但也担心施工会影响交通。",
     "Residents broadly welcome the measures but worry that the works will disrupt traffic."),
    ("市交通局表示，将在施工期间调整公交线路，并增派交通协管员。",
     "The city transport bureau said it would reroute buses and deploy more traffic wardens while the work goes on."),
    ("根据计划，全部工程将在两年内完成。", "Under the plan, all the work will be completed within two years."),
]


def test_misplaced_weighs_neighbours_both_ways(tmp_path):
    """Two neighbours on one subject exchanged: each English still echoes a third of its wrong source ("sewage
    treatment"), too much to look pasted, but each source is far better explained by the other's English."""
    assert check(tmp_path, CITY_WORKS, select=["misplaced", "omission", "truncated"]).findings == []
    (first, english_first), (second, english_second) = CITY_WORKS[1:3]
    exchanged = [CITY_WORKS[0], (first, english_second), (second, english_first), *CITY_WORKS[3:]]
    findings = check(tmp_path, exchanged, select=["misplaced"]).findings
    assert [(f.msgid, f.severity) for f in findings] == [(first, "warning"), (second, "warning")]
    assert all("most likely exchanged; swap them" in f.message for f in findings)


def test_names_transliteration_heard_in_the_english(tmp_path):
    source = "杰夫·贝索斯喜欢活动。"
    assert check(tmp_path, [(source, "Jeff Bezos loves being on the move.")], select=["names"]).findings == []
    findings = check(tmp_path, [(source, "Tom Miller loves being on the move.")], select=["names"]).findings
    assert any("贝索斯" in f.message for f in findings) and all(f.severity == "warning" for f in findings)


def test_names_chinese_people_in_pinyin_wade_giles_or_another_romanisation(tmp_path):
    entries = [
        ("北京市总工会副主席王东生说，帮扶要精准。", "Wang Dongsheng, vice-chairman of the federation, said help must be precise."),
        ("记者 郭丽华 白莹", "By Guo Lihua and Bai Ying, staff reporters"),
        ("王东生参加了会议。", "Mr. Wang attended the meeting."),  # the surname alone names him
        ("邓小平说，发展才是硬道理。", "Teng Hsiao-ping said that development is the only hard truth."),
        ("陈国强接受了采访。", "The interview was given by Chan Kwok-keung."),  # a Hong Kong romanisation
        ("毛泽东在延安写了这篇文章。", "Mao wrote this essay in Yan'an."),
        # words jieba may tag as names: none is a person
        ("这是一次高水平的会议。", "It was a high-level meeting."),
        ("麻醉性止痛药可能会上瘾。", "Narcotic painkillers can be addictive."),
        ("桑切兹说，我们希望能拍成录像带。", "Sanchez says they hoped for a video deal."),
    ]
    assert check(tmp_path, entries, select=["names"]).findings == []


def test_names_chinese_person_replaced_or_left_out(tmp_path):
    entries = [("北京市总工会副主席王东生说，帮扶要精准。", "Vice-chairman Tom Miller said help must be precise."),
               ("郭丽华采访了三户贫困户。", "The reporter interviewed three poor households.")]
    findings = check(tmp_path, entries, select=["names"]).findings
    assert sorted(f.message for f in findings) == [
        "王东生 (Wang Dongsheng) is not named in the translation",
        "郭丽华 (Guo Lihua) is not named in the translation"]
    assert all(f.severity == "warning" for f in findings)


def test_names_not_read_inside_foreign_names_brands_or_designations(tmp_path):
    # jieba tags 谢尔曾 (谢尔 + 曾 "once"), 易威登 (inside 路易威登) and 白介素 (before -2) as Chinese people.
    entries = [
        ("编辑谢尔·罗宾斯来自波士顿。谢尔曾在三家报社任职。",
         "Editor Shel Robbins comes from Boston and has worked at three newspapers."),
        ("路易威登赛事总监让·马丁说，风太大。", "Jean Martin, race director for Louis Vuitton, said the wind was too strong."),
        ("患者体内白介素-2含量下降。", "Levels of interleukin-2 fell in the patients."),
    ]
    assert check(tmp_path, entries, select=["names"]).findings == []


@pytest.mark.parametrize("translation, named", [
    ("Smith said the plan had been delayed.", True),
    ("The plan had been delayed, said Senator Smith.", True),
    ("Tom Smith said the plan had been delayed.", False),  # another given name
    ("The plan had been delayed, said Smithfield.", False),  # too many sounds besides the surname's
])
def test_names_a_foreign_person_named_by_the_surname_alone(tmp_path, translation, named):
    findings = check(tmp_path, [("彼得·史密斯说，计划推迟了。", translation)], select=["names"]).findings
    assert [f.message for f in findings] == ([] if named else ["彼得 (Bide) is not named in the translation"])


def test_numbers_a_numeral_the_english_spells_as_a_name(tmp_path):
    entries = [("茅十八说：“王二，你过来。”", "Mao Shiba said, \"Wang Er, come here.\""),
               ("茅十八带了十八个人。", "Mao Shiba brought nineteen men.")]
    report = check(tmp_path, entries, select=["numbers", "missing-number", "extra-number"])
    assert [(f.msgid, f.check) for f in report.findings] == [(entries[1][0], "numbers")]
