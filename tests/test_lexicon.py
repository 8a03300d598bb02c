"""The CC-CEDICT lexicon on words of the embedded article."""
from toolkit.english import word_forms
from toolkit import lexicon
from toolkit.lexicon import english_words, glosses, is_word, longest_words


def test_every_entry_of_a_headword_is_kept():
    # 两 has two entries in CC-CEDICT: the numeral and the unit of weight.
    senses = glosses("两")
    assert "two" in senses and any("tael" in sense for sense in senses)
    assert {"two", "tael", "both"} <= english_words("两")


def test_senses_of_article_words():
    assert "trade union" in glosses("工会")
    assert "poverty alleviation" in glosses("扶贫")
    assert english_words("扶贫") >= {"poverty", "alleviation"}
    assert "hotan" in english_words("和田")


def test_content_words_leave_out_function_words_asides_and_cross_references():
    words = english_words("个")  # senses cite 個|个[ge4] and "(classifier used before a noun ...)"
    assert not words & {"of", "used", "variant", "ge4", "classifier", "the"}
    assert "individual" in words
    assert not english_words("脱贫") & {"to", "oneself", "out", "of"}


def test_unknown_words_have_no_senses():
    assert glosses("北京工会答卷") == () and english_words("北京工会答卷") == frozenset()
    assert not is_word("北京工会答卷") and is_word("工会")


def test_longest_words_cover_every_han_character_once():
    text = "北京市总工会开展消费扶贫，帮助和田地区贫困县脱贫。"
    words = longest_words(text)
    assert words[:6] == ["北京市", "总", "工会", "开展", "消费", "扶贫"]
    assert "和田地区" in words
    assert "".join(words) == "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def test_longest_words_skip_text_that_is_not_han():
    assert longest_words("2018年春，COVID-19") == ["年", "春"]
    assert longest_words("Beijing") == []


def test_sense_words_meet_english_lemmas():
    # "workers" in a translation and "workers" in the sense of 职工 share the lemma "worker".
    translation = {form for word in "staff and workers of the unions".split() for form in word_forms(word)}
    assert any(word_forms(sense) & translation for sense in english_words("职工"))


def test_the_parsed_dictionary_is_kept_in_the_cache_folder_and_a_damaged_copy_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon._dictionary.cache_clear()
    try:
        fresh = lexicon._dictionary()
        cached = lexicon._cache_path()
        assert cached.parent == tmp_path / "zh-en-toolkit" and cached.exists()
        lexicon._dictionary.cache_clear()
        assert lexicon._dictionary() == fresh == lexicon._parse_dictionary()
        cached.write_bytes(cached.read_bytes()[:1000])  # cut short, as by a full disk
        lexicon._dictionary.cache_clear()
        assert lexicon._dictionary() == fresh
        assert len(cached.read_bytes()) > 1000
        assert not list(cached.parent.glob("*.tmp"))
    finally:
        lexicon._dictionary.cache_clear()
