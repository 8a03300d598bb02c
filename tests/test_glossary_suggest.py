"""Term suggestions on the real article: quoted coinages, names with pinyin, recurring sequences."""
from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.glossary import Glossary, Term
from toolkit.suggest import person_pinyin, pinyin_word, place_pinyin, source_segments, suggest_terms


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
                                            ("吕安", "Lü An")])
def test_person_names_in_the_usual_form(name, expected):
    assert person_pinyin(name) == expected


@pytest.mark.parametrize("name, expected", [("竹溪县", "Zhuxi County"), ("十堰市", "Shiyan City"),
                                            ("玉树藏族自治州", "Yushu Tibetan Autonomous Prefecture"),
                                            ("敖汉旗", "Aohan Banner"), ("各区", None), ("城镇", None)])
def test_place_names_in_the_usual_form(name, expected):
    assert place_pinyin(name) == expected


def test_apostrophe_separates_ambiguous_syllables():
    assert pinyin_word("西安") == "Xi'an"
