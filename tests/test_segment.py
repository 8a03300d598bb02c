"""Segmentation of the real article at its tricky spots, and of hand-made texts."""
from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import InputError
from toolkit.segment import classify, parse_source, parse_text, split_sentences


@pytest.fixture(scope="module")
def document():
    return parse_source(Path(__file__).resolve().parent.parent / "translations/source/"
                        "beijing-unions-poverty-alleviation.zh.txt")


def segment_starting(document, prefix: str):
    return next(s for s in document.segments if s.text.startswith(prefix))


def test_quote_ending_in_full_stop_stays_with_its_sentence(document):
    first = segment_starting(document, "“2020年，全面建成")
    assert first.text.endswith("取得决定性胜利。”")
    assert segment_starting(document, "新年前夕").text == "新年前夕，国家主席习近平发表2021新年贺词，作出郑重宣告。"


def test_quoted_speech_is_split_after_its_closing_quote(document):
    quote = segment_starting(document, "“经过培训我掌握了一技之能")
    assert quote.text.endswith("免费培训的机会。”")
    assert segment_starting(document, "内蒙古自治区敖汉旗贫困户潘春霞").text.endswith("感慨地说。")


def test_title_subtitle_byline_caption_credit_and_headings(document):
    kinds = {s.text: s.kind for s in document.segments}
    assert kinds["扶贫“大考”的北京工会答卷"] == "title"
    assert kinds["——北京工会助力打赢脱贫攻坚战综述"] == "subtitle"
    assert kinds["□本报记者 郭丽华 白莹/文 孙妍/摄 邵怡明/绘图"] == "byline"
    assert kinds["资料图"] == "caption"
    assert kinds["《工会博览》杂志编辑部对此文亦有贡献"] == "credit"
    assert kinds["精准发力 形成工会扶贫有效模式"] == "heading"
    assert kinds["为贫困地区增收打开“一扇窗”"] == "heading"
    assert kinds["消费扶贫"] == "heading"


def test_paragraphs_broken_by_the_layout_are_rejoined(document):
    joined = segment_starting(document, "同年4月4日")
    assert "对推进各级工会对口精准脱贫工作进行动员部署" in joined.text
    assert joined.line == 11
    aid = segment_starting(document, "仅2019年")
    assert aid.text == "仅2019年，就开展了多项扶贫协作项目。"
    rejoined = segment_starting(document, "西城区总工会援助内蒙古")
    assert rejoined.line == 31 and rejoined.text.endswith("设立村级公益岗位帮扶贫困户。")
    assert "援助内蒙古、河北和青海地区78.645万元" in rejoined.text
    assert not any(p.line in (13, 33) for p in document.paragraphs)


def test_truncated_paragraphs_are_kept_and_reported(document):
    assert [w.line for w in document.warnings] == [71, 89, 91]
    assert "与朝阳区学" in document.warnings[0].message
    assert segment_starting(document, "同时还充分发挥教育信息化作用").text.endswith("让受援地区能与朝阳区学")
    assert segment_starting(document, "包括市总工").text == "包括市总工"


def test_ellipsis_mid_sentence_does_not_split_but_at_paragraph_end_does(document):
    journey = segment_starting(document, "几年来，从一望无际的内蒙古草原")
    assert "世界屋脊……在脱贫攻坚的主战场上" in journey.text
    assert segment_starting(document, "市总工会机关党委").text.endswith("累计带动消费约50万元……")


def test_repeated_paragraph_is_one_entry_with_both_references(document):
    repeated = [s for s in document.segments if s.text == "落实任务，人是关键。"]
    assert [s.line for s in repeated] == [29, 35]


def test_no_split_at_comma_semicolon_colon_or_enumeration_comma():
    assert split_sentences("市总工会援助60万元；帮助改善设施，用于建设职工之家、帮扶困难职工：见下。") == [
        "市总工会援助60万元；帮助改善设施，用于建设职工之家、帮扶困难职工：见下。"]


def test_runs_of_terminators_and_closing_brackets():
    assert split_sentences("真的吗？！他说（笑）。“好。”好的") == ["真的吗？！", "他说（笑）。", "“好。”", "好的"]


def test_ellipsis_before_an_opening_quote_ends_the_sentence():
    assert split_sentences("他想了想……“我们走吧。”") == ["他想了想……", "“我们走吧。”"]


def test_classify_short_line_without_terminal_punctuation_is_heading():
    assert classify("教育扶贫", first=False) == "heading"
    assert classify("教育扶贫是关键。", first=False) == "body"


def test_paragraph_continued_by_an_unfinished_paragraph_is_not_joined(tmp_path):
    text = "标题\n\n" + "这是一个很长的段落，讲述了工会在扶贫协作方面的工作，包括市总工\n\n2020年10月14日，在第七次全国扶贫日来临之际，北京市举办报告会，\n"
    document = parse_text(text, tmp_path / "x.txt", "x.txt")
    assert len(document.paragraphs) == 3
    assert [w.line for w in document.warnings] == [3, 5]


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"  \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\0\0\0", "binary file"),
])
def test_unreadable_sources(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        parse_source(path)


def test_gb18030_source_names_the_line_and_suggests_the_encoding(tmp_path, article):
    path = tmp_path / "gb.txt"
    path.write_bytes(article.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(InputError) as caught:
        parse_source(path)
    assert caught.value.line == 3 and "gb18030" in str(caught.value)
    assert parse_source(path, encoding="gb18030").segments == parse_source(article).segments


def test_a_utf16_source_with_a_byte_order_mark_is_read_as_utf16(tmp_path, article):
    path = tmp_path / "wide.txt"
    path.write_bytes(article.read_text(encoding="utf-8").encode("utf-16"))
    assert parse_source(path).segments == parse_source(article).segments
    path.write_bytes(article.read_text(encoding="utf-8").encode("utf-16-be"))
    assert parse_source(path, encoding="utf-16-be").segments == parse_source(article).segments


def test_acknowledged_warnings_are_not_repeated_until_their_paragraph_changes(project):
    from click.testing import CliRunner

    from toolkit.cli import cli

    def run(*args):
        return CliRunner().invoke(cli, ["segment", *args])

    first = run().stderr
    warnings = [line for line in first.splitlines() if ": warning: " in line]
    assert len(warnings) == 3
    acknowledged = run("--acknowledge")
    assert "toolkit-acknowledged.txt: 3 warnings acknowledged" in acknowledged.stderr
    assert ": warning: " not in run().stderr
    recorded = (project / "toolkit-acknowledged.txt").read_text(encoding="utf-8").splitlines()
    assert len([line for line in recorded if not line.startswith("#")]) == 3
    source = project / "src" / "article.zh.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text("新增的一段。\n\n" + text.replace("包括市总工", "包括市总工会"), encoding="utf-8")
    again = [line for line in run().stderr.splitlines() if ": warning: " in line]
    assert len(again) == 1 and "包括市总工会" in again[0]  # lines moved: the others stay acknowledged
