"""English-side matching: the cheap presence test never rules out a phrase the full analysis would find."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.english import Phrase, _words_by_lemma, analyse, folded_text, phrase
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


# Dictionary words spelt unlike their lemma from the first letters on: the cases prefixes alone would miss.
IRREGULAR = sorted((lemma, word) for lemma, words in _words_by_lemma().items() for word in words
                   if word[:3] != lemma[:3])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(IRREGULAR), st.booleans(), st.sampled_from(["", "'s", "’s", "'"]),
       st.sampled_from(["the {} here", "“{}”", "{}, then", "a-{}-b"]))
def test_the_presence_test_never_rules_out_what_analysis_finds(pair, swap, suffix, frame):
    """Dictionary words whose lemma is spelt otherwise (went/go, mice/mouse), both ways round."""
    lemma, word = pair
    wanted, written = (word, lemma) if swap else (lemma, word)
    text = frame.format(written.capitalize() + suffix)
    rendering = phrase(wanted)
    if analyse(text).find(rendering.words):
        assert rendering.may_occur_in(folded_text(text))


def test_plain_text_is_settled_without_analysis():
    team = phrase("model worker poverty alleviation team")
    assert team.found_in("The Model Workers’ poverty-alleviation teams went to Luanping…")
    assert team.found_in("model workers, poverty alleviation teams") is False  # a comma breaks the phrase
    assert team.found_in("Model workers’ poverty alleviation team in Zürich") is None  # not plain text
    assert team.found_in("model\nworker poverty\xa0alleviation ‘team’") is True
    assert phrase("team").found_in("2team o'team team'o teamwork") is False
    assert phrase("ok").found_in("they OK'd it") is None  # "ok'd" stands for "ok": absence is not settled
    assert phrase("o'clock").found_in("at six o'clock") is None  # spelt with an apostrophe: left to the analysis


VOCABULARY = "model worker team teams union trade went go children child craftsmen x 2 14th it its ok ok'd ski'd".split()
MARKS = [" ", "  ", "-", "–", "—", "'", "’", "“", "”", "\"", "`", ",", "_", "'s", "’s", "s", "\n", "é", "ʼ", "…",
         "\xa0"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3),
       st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(["lower", "upper", "capitalize"]),
                          st.lists(st.sampled_from(MARKS), max_size=2)), min_size=1, max_size=8))
def test_what_found_in_settles_is_what_the_analysis_finds(words, pieces):
    rendering = phrase(" ".join(words))
    text = "".join(getattr(word, case)() + "".join(marks) for word, case, marks in pieces)
    settled = rendering.found_in(text)
    if settled is not None:
        assert settled == bool(analyse(text).find(rendering.words))


def test_a_glossary_answers_alike_with_and_without_its_patterns(monkeypatch):
    """The patterns only spare the analysis: each term against every translation of both catalogs, asked of a
    glossary that settles what its patterns can and of one that leaves every question to the analysis."""
    from toolkit.po.catalog import live_entries, read_catalog

    root = Path(__file__).parent.parent
    translations = [entry.msgstr for path in ("translations/en/beijing-unions-poverty-alleviation.po",
                                              "translations/drafts/literal-first-pass.po")
                    for entry in live_entries(read_catalog(root / path)) if entry.msgstr]
    questions = [(term, text) for term in Glossary.load([root / "glossary"]).terms for text in translations]

    def answers() -> list:
        glossary = Glossary.load([root / "glossary"])
        return [(glossary.rendering_in(term, text), glossary.forbidden_in(term, text)) for term, text in questions]

    with_patterns = answers()
    monkeypatch.setattr(Phrase, "found_in", lambda self, text: None)
    assert with_patterns == answers()


# --- regular plurals ------------------------------------------------------------------------------

PROJECT_GLOSSARY_DIR = Path(__file__).resolve().parent.parent / "glossary"


@pytest.mark.parametrize("rendering, translation", [
    ("impoverished county", "eight impoverished counties in Hebei"),  # lemminflect lacks "county"
    ("impoverished county", "every impoverished county"),
    ("poverty-stricken family", "poverty-stricken families"),
    ("branch", "three branches"),
    ("hero", "local heroes"),
])
def test_regular_plurals_match_their_singular(rendering, translation):
    term = Term("词", rendering)
    assert Glossary([term]).rendering_in(term, translation) == rendering


def _plural_of_last_word(rendering: str) -> str | None:
    """The rendering with its last word in the regular plural (county -> counties, tax -> taxes)."""
    head, _, last = rendering.rpartition(" ")
    if not last.isalpha() or not last.islower() or last.endswith("s") or last in ("by", "on", "up", "in", "out"):
        return None  # not a noun at the end ("skill to live by", "call on")
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        plural = last[:-1] + "ies"
    elif last.endswith(("x", "z", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return f"{head} {plural}".strip()


@pytest.mark.skipif(not PROJECT_GLOSSARY_DIR.is_dir(), reason="the project glossary is not there")
def test_every_glossary_rendering_is_found_in_the_plural():
    from toolkit.glossary import load_glossary

    glossary = load_glossary([PROJECT_GLOSSARY_DIR], None)
    checked, missed = 0, []
    for term in glossary.terms:
        for rendering in term.renderings:
            plural = _plural_of_last_word(rendering)
            if plural is None:
                continue
            checked += 1
            if Glossary([Term(term.source, rendering)]).rendering_in(Term(term.source, rendering),
                                                                     f"They met the {plural} there.") is None:
                missed.append((rendering, plural))
    assert checked > 20 and missed == []


def test_lemminflect_has_no_word_with_a_digit():
    # word_forms does not ask lemminflect about figures (1990s, 5G): this holds it knows none
    from lemminflect import Lemmatizer

    lemmatizer = Lemmatizer()
    words = set(lemmatizer._getLemmaDict()) | set(lemmatizer._getOverridesDict())
    assert len(words) > 60_000 and not any(character.isdigit() for word in words for character in word)
