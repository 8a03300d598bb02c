"""English-side matching: the cheap presence test never rules out a phrase the full analysis would find."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.english import _irregular_forms, analyse, folded_text, phrase
from toolkit.glossary import Glossary, Term


@pytest.mark.parametrize("rendering, translation", [
    ("go", "they went home"),
    ("be", "the teams were there"),
    ("mouse", "two mice"),
    ("craftsman", "model craftsmen"),
    ("model worker", "the MODEL WORKERS’ team"),
    ("finance", "ﬁnance reform"),  # a ligature: only NFKC normalisation makes it "finance"
])
def test_irregular_and_unnormalised_forms_are_found(rendering, translation):
    term = Term("词", rendering)
    assert Glossary([term]).rendering_in(term, translation) == rendering


def test_an_absent_phrase_is_ruled_out_without_analysis():
    team = phrase("model worker poverty alleviation team")
    assert not team.may_occur_in(folded_text("The unions helped poor households."))
    assert team.may_occur_in(folded_text("Model workers’ poverty-alleviation teams went."))


IRREGULAR = sorted((lemma, word) for lemma, words in _irregular_forms().items() for word in words)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(IRREGULAR), st.booleans(), st.sampled_from(["", "'s", "’s", "'"]),
       st.sampled_from(["the {} here", "“{}”", "{}, then", "a-{}-b"]))
def test_the_presence_test_never_rules_out_what_analysis_finds(pair, swap, suffix, frame):
    """Every dictionary word whose lemma is not spelt like it (went/go, mice/mouse), both ways round."""
    lemma, word = pair
    wanted, written = (word, lemma) if swap else (lemma, word)
    text = frame.format(written.capitalize() + suffix)
    rendering = phrase(wanted)
    if analyse(text).find(rendering.words):
        assert rendering.may_occur_in(folded_text(text))


def test_plain_inflected_occurrences_are_confirmed_without_analysis():
    team = phrase("model worker poverty alleviation team")
    assert team.surely_in("The Model Workers’ poverty-alleviation teams went to Luanping.")
    assert not team.surely_in("model workers, poverty alleviation teams")  # a comma: left to the analysis
    assert not any(phrase("team").surely_in(text) for text in ("2team", "o'team", "team'o", "teamwork"))


VOCABULARY = "model worker workers team teams union unions trade went go children child craftsmen x 2 14th".split()
MARKS = [" ", "  ", "-", "–", "—", "'", "’", "“", "”", "\"", "`", ",", "_", "'s", "’s", "s", "\n", "é", "ʼ"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3),
       st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(["lower", "upper", "capitalize"]),
                          st.lists(st.sampled_from(MARKS), max_size=2)), min_size=1, max_size=8))
def test_a_confirmed_occurrence_is_one_the_analysis_finds(words, pieces):
    rendering = phrase(" ".join(words))
    text = "".join(getattr(word, case)() + "".join(marks) for word, case, marks in pieces)
    if rendering.surely_in(text):
        assert analyse(text).find(rendering.words)
