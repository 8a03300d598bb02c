"""The shared pinyin module: its written-out inventory against pypinyin's table, and reading words as syllables."""
from __future__ import annotations

import pytest

from toolkit import pinyin


def test_inventory_is_pypinyins_table_without_interjections():
    table = set(pinyin.table_syllables())
    vowelless = {s for s in table if not set(s) & set("aeiouv")}
    assert vowelless == {"hm", "hng", "m", "n", "ng"}
    # lue and nue: the usual spelling of lüe and nüe, which the table writes lve and nve
    assert table - vowelless == pinyin.SYLLABLES - {"lue", "nue"}


@pytest.mark.parametrize("word, expected", [
    ("zhangjiakou", True), ("Xi'an", True), ("Pu’an", True), ("lihua", True), ("guo", True),
    ("women", True), ("strength", False), ("zhangx", False), ("", False), ("'", False)])
def test_is_pinyin(word, expected):
    assert pinyin.is_pinyin(word) is expected


def test_readings_give_every_split_and_keep_apostrophes_as_boundaries():
    assert pinyin.readings("Xi'an") == [["xi", "an"]]
    assert sorted(pinyin.readings("xian")) == [["xi", "an"], ["xian"]]
    assert ["zhang", "jia", "kou"] in pinyin.readings("Zhangjiakou")
    assert pinyin.readings("Beckham") == []


def test_characters_of_a_syllable():
    assert "张" in pinyin.characters("zhang") and "章" in pinyin.characters("zhang")
    assert "吕" in pinyin.characters("lv")
    assert pinyin.characters("ng") == "" and pinyin.characters("qwerty") == ""
