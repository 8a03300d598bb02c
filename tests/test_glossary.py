"""The glossary engine: CSV loading, Chinese leftmost-longest matching, tolerant English matching, lint."""
from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.config import Config
from toolkit.errors import InputError, UsageError
from toolkit.glossary import (Glossary, Term, append_term, find_term, lint_glossary, load_glossary, read_csv,
                              term_usage)

UNIONS = Glossary([
    Term("北京市总工会", "Beijing Municipal Federation of Trade Unions", type="org"),
    Term("市总工会", "Municipal Federation of Trade Unions", type="org"),
    Term("总工会", "federation of trade unions", type="org"),
    Term("工会", "trade union", variants=("union",), type="org"),
])
NATAL_FAMILY = Term("娘家人", "natal family", variants=("family",), forbidden=("maiden family",), type="idiom")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- Chinese side ------------------------------------------------------------------------------


def test_nested_union_names_count_once_per_occurrence():
    segment = "同年4月4日，北京市总工会召开专题会，传达北京市扶贫协作和支援合作工作领导小组会议精神。"
    found = UNIONS.matches(segment)
    assert [(m.term.source, segment[m.start:m.end]) for m in found] == [("北京市总工会", "北京市总工会")]


def test_every_occurrence_is_found_and_shorter_terms_count_outside_longer_ones():
    segment = "在市总工会的号召和带领下，全市各级工会组织结合工会业务开展精准扶贫。北京市总工会发出倡议。"
    found = [m.term.source for m in UNIONS.matches(segment)]
    assert found == ["市总工会", "工会", "工会", "北京市总工会"]


def test_match_spans_let_other_checks_skip_numbers_inside_terms():
    glossary = Glossary([Term("四梁八柱", "four beams and eight pillars"), Term("五省六地", "five provinces")])
    segment = "构建起北京工会扶贫协作的“四梁八柱”，与河北等五省六地工会建立了扶贫协作关系。"
    spans = [(m.start, m.end) for m in glossary.matches(segment)]
    assert [segment[start:end] for start, end in spans] == ["四梁八柱", "五省六地"]
    assert all(segment[start] in "四五" for start, _ in spans)


def test_empty_glossary_and_empty_text_match_nothing():
    assert Glossary().is_empty and Glossary().matches("北京市总工会") == []
    assert UNIONS.matches("") == [] and not UNIONS.is_empty


def leftmost_longest(sources: list[str], text: str) -> list[tuple[str, int]]:
    """The obvious quadratic reference: at each position take the longest term, then jump past it."""
    found, at = [], 0
    while at < len(text):
        here = [s for s in sources if text.startswith(s, at)]
        if here:
            best = max(here, key=len)
            found.append((best, at))
            at += len(best)
        else:
            at += 1
    return found


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text("北京市总工会组A1", min_size=1, max_size=5), min_size=1, max_size=8, unique=True),
       st.text("北京市总工会组织A1 ", max_size=30))
def test_matches_agree_with_the_reference_leftmost_longest(sources, text):
    glossary = Glossary(Term(source, "x") for source in sources)
    assert [(m.term.source, m.start) for m in glossary.matches(text)] == leftmost_longest(sources, text)


def test_first_of_duplicate_sources_is_matched():
    glossary = Glossary([Term("以购代捐", "purchase in place of donation"), Term("以购代捐", "buy, don't donate")])
    assert glossary.matches("以购代捐")[0].term.target == "purchase in place of donation"


# --- English side ------------------------------------------------------------------------------


TEAM = Term("劳模扶贫队", "model worker poverty alleviation team")


@pytest.mark.parametrize("translation", [
    "The model workers' poverty alleviation team visited Luanping.",
    "The Model Worker’s Poverty Alleviation Team visited Luanping.",
    "two model-worker poverty  alleviation\nteams",
    "the “model worker poverty alleviation team”",
])
def test_rendering_found_despite_inflection_case_quotes_hyphens_and_spacing(translation):
    assert UNIONS.rendering_in(TEAM, translation) == TEAM.target


@pytest.mark.parametrize("term, translation", [
    (Term("工匠", "craftsman"), "model workers and craftsmen gave lectures in Shiyan"),
    (Term("家政", "domestic service"), "training in domestic-service work"),
    (Term("以购代捐", "purchase in place of donation"), "by purchasing in place of donations"),
    (Term("帮扶", "help"), "the unions helped poor households"),
])
def test_irregular_plurals_hyphens_and_verb_forms(term, translation):
    assert Glossary([term]).rendering_in(term, translation) == term.target


@pytest.mark.parametrize("translation", ["a family reunion", "the unionised workforce", "Unionville"])
def test_matching_never_reaches_inside_a_word(translation):
    assert UNIONS.rendering_in(UNIONS.by_source["工会"], translation) is None


def test_a_phrase_does_not_match_across_punctuation():
    term = Term("消费扶贫", "poverty alleviation through consumption", forbidden=("consumption poverty alleviation",))
    glossary = Glossary([term, *UNIONS.terms])
    listing = "poverty alleviation through consumption, poverty alleviation through industry"
    assert glossary.forbidden_in(term, listing) == []
    assert glossary.forbidden_in(term, "a “consumption” poverty-alleviation drive") == [
        "consumption poverty alleviation"]
    assert glossary.rendering_in(Term("工会", "trade union"), "they learnt a trade. Union members") is None
    slogan = Term("携手奔小康", "Hand in Hand, toward Prosperity")
    assert glossary.rendering_in(slogan, "the hand in hand, toward prosperity campaign") == slogan.target


def test_forbidden_rendering_caught_although_an_approved_variant_is_inside_it():
    glossary = Glossary([NATAL_FAMILY])
    translation = "Acting as the workers' maiden family, the federation funded facilities."
    assert glossary.forbidden_in(NATAL_FAMILY, translation) == ["maiden family"]
    assert glossary.rendering_in(NATAL_FAMILY, translation) is None
    both = translation + " Its natal family role matters."
    assert glossary.rendering_in(NATAL_FAMILY, both) == "natal family"
    assert glossary.forbidden_in(NATAL_FAMILY, "the natal family") == []


def test_forbidden_inside_a_longer_approved_rendering_is_not_reported():
    term = Term("工会", "trade union", forbidden=("union",))
    glossary = Glossary([term])
    assert glossary.forbidden_in(term, "the trade union") == []
    assert glossary.forbidden_in(term, "the union and the trade union") == ["union"]


def test_variant_reported_when_target_absent():
    assert UNIONS.rendering_in(UNIONS.by_source["工会"], "The unions of Beijing") == "union"
    assert UNIONS.rendering_in(UNIONS.by_source["工会"], "The labour federation") is None


WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=4), st.lists(WORD, max_size=4), st.lists(WORD, max_size=4),
       st.sampled_from([" ", "-", "  ", "\n", " – "]), st.booleans())
def test_a_rendering_is_found_in_any_context_however_joined_and_cased(words, before, after, joiner, upper):
    rendering = " ".join(words)
    phrase = joiner.join(w.upper() if upper else w for w in words)
    translation = " ".join([*before, phrase, *after]) + "."
    term = Term("词", rendering)
    assert Glossary([term]).rendering_in(term, translation) == rendering


@settings(max_examples=150, deadline=None)
@given(WORD, WORD)
def test_a_word_glued_to_letters_is_not_found(word, prefix):
    term = Term("词", word)
    glued = prefix + word
    if glued in {prefix, word}:
        return
    from toolkit.english import word_forms
    if word in word_forms(glued):  # the lemmatizer itself says they are one word (e.g. a plural)
        return
    assert Glossary([term]).rendering_in(term, f"7 {glued} 8") is None  # digits around it: no other word to match


# --- CSV ---------------------------------------------------------------------------------------


HEADER = "source,target,variants,forbidden,type,note\n"


def test_csv_columns_in_any_order_with_bom_extra_columns_and_lists(tmp_path):
    path = write(tmp_path / "terms.csv",
                 "\ufeffNote,reviewer,Target,Source,Forbidden,Variants,Type\n"
                 "Unions as the workers' home,li,natal family,娘家人,maiden family,family | home side,idiom\n\n"
                 '"Coined, quoted in the source",wang,purchase in place of donation,以购代捐,,,slogan\n')
    first, second = read_csv(path)
    assert (first.source, first.target, first.variants, first.forbidden, first.type, first.note, first.line) == (
        "娘家人", "natal family", ("family", "home side"), ("maiden family",), "idiom",
        "Unions as the workers' home", 2)
    assert (second.note, second.type, second.line) == ("Coined, quoted in the source", "slogan", 4)


def test_folder_loads_every_csv_and_header_only_file_is_empty(tmp_path):
    write(tmp_path / "terms.csv", HEADER + "工会,trade union,,,org,\n")
    write(tmp_path / "names.csv", HEADER + "郭丽华,Guo Lihua,,,person,\n")
    write(tmp_path / "empty.csv", HEADER)
    write(tmp_path / "readme.txt", "not a glossary")
    assert sorted(t.source for t in Glossary.load([tmp_path]).terms) == ["工会", "郭丽华"]
    assert Glossary.load([tmp_path / "empty.csv"]).is_empty
    assert Glossary.load([]).is_empty


@pytest.mark.parametrize("body, line, message", [
    (HEADER + "工会,trade union,,,org,\n以购代捐,purchase,,slogan,\n", 3, "expected 6 fields"),
    (HEADER + "工会,,,,org,\n", 2, "empty 'target'"),
    (HEADER + ",trade union,,,org,\n", 2, "empty 'source'"),
    (HEADER + '工会,"trade union\nacross lines",,,org,\n四梁八柱,,,,idiom,\n', 4, "empty 'target'"),
    (HEADER + "工会,trade union,,,organisation,\n", 2, "type 'organisation'"),
    ("source,variants\n工会,union\n", 1, "lacks the required column target"),
    ("source,target,source\n工会,trade union,工会\n", 1, "appears twice"),
    (HEADER + '工会,"trade union,,,org,\n', 2, "CSV syntax error"),
])
def test_bad_csv_rows_name_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path / "terms.csv", body)
    with pytest.raises(InputError) as error:
        read_csv(path)
    assert error.value.path == str(path) and error.value.line == line
    assert message in error.value.message


def test_csv_in_another_encoding_is_refused_at_its_line(tmp_path):
    path = write(tmp_path / "terms.csv", HEADER + "工会,trade union,,,org,\n", encoding="gb18030")
    with pytest.raises(InputError, match="not valid UTF-8") as error:
        read_csv(path)
    assert error.value.line == 2


def test_missing_paths_and_unknown_suffixes_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        Glossary.load([tmp_path / "nothing"])
    with pytest.raises(InputError, match="expected a .csv or .tbx"):
        Glossary.load([write(tmp_path / "terms.xlsx", "x")])


def test_load_glossary_prefers_explicit_paths_then_the_config(tmp_path):
    explicit = write(tmp_path / "a.csv", HEADER + "工会,trade union,,,org,\n")
    configured = write(tmp_path / "b.csv", HEADER + "娘家人,natal family,,,idiom,\n")
    config = Config(root=tmp_path, glossary=(configured,))
    assert [t.source for t in load_glossary([explicit], config).terms] == ["工会"]
    assert [t.source for t in load_glossary([], config).terms] == ["娘家人"]
    assert load_glossary(None, Config(root=tmp_path)).is_empty


# --- add ---------------------------------------------------------------------------------------


def test_append_keeps_the_files_columns_line_endings_and_bom(tmp_path):
    path = write(tmp_path / "terms.csv", "\ufeffsource,target,reviewer,type\r\n工会,trade union,li,org\r\n")
    term = Term("以买代帮", "buying instead of giving", type="slogan")
    append_term(term, path, Glossary.load([path]))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert [(t.source, t.target, t.type) for t in read_csv(path)][-1] == ("以买代帮", "buying instead of giving",
                                                                          "slogan")


def test_append_refuses_a_duplicate_source_and_a_broken_file_untouched(tmp_path):
    path = write(tmp_path / "terms.csv", HEADER + "工会,trade union,,,org,\n")
    before = path.read_bytes()
    with pytest.raises(UsageError, match="already in the glossary"):
        append_term(Term("工会", "union"), path, Glossary())
    broken = write(tmp_path / "broken.csv", HEADER + "工会,trade union\n")
    with pytest.raises(InputError):
        append_term(Term("娘家人", "natal family"), broken, Glossary())
    assert path.read_bytes() == before and broken.read_bytes() == (HEADER + "工会,trade union\n").encode()


# --- lint and the consistency view -------------------------------------------------------------


def make_catalog(path: Path, pairs: list[tuple[str, str]]) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for msgid, msgstr in pairs:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    po.save(str(path))
    return path


def test_lint_reports_each_kind_of_problem_at_its_row(tmp_path):
    path = write(tmp_path / "terms.csv", HEADER
                 + "工会,trade union,trade unions|union,,org,\n"
                 + "娘家人,natal family,family,Family|maiden family,idiom,\n"
                 + "脱贫攻坚,fight against poverty,,,slogan,\n"
                 + "攻坚,storming fortifications,,,term,\n"
                 + "工会,labour union,,,org,\n"
                 + "四梁八柱,—,,,idiom,\n")
    catalog = make_catalog(tmp_path / "a.po", [("北京工会助力打赢脱贫攻坚战，作为“娘家人”。", "")])
    found = {(f.code, f.term.line) for f in lint_glossary(Glossary.load([path]), catalogs=[catalog])}
    assert found == {("variant-equals-target", 2), ("allowed-and-forbidden", 3), ("nested-contradiction", 4),
                     ("duplicate-source", 6), ("empty-rendering", 7), ("unused", 7)}


def test_lint_of_a_consistent_glossary_is_clean(tmp_path):
    assert lint_glossary(UNIONS) == []


def test_term_usage_shows_how_each_segment_renders_the_term(tmp_path):
    catalog = make_catalog(tmp_path / "a.po", [
        ("作为“娘家人”，市总工会连续拨付援助资金。", "As the workers' natal family, the federation kept funding."),
        ("让援派干部切实感受到“娘家人”的温暖。", "The cadres felt the warmth of their maiden family."),
        ("市总工会及时开展慰问活动。", "The federation visited them."),
        ("作为娘家人。", ""),
    ])
    glossary = Glossary([NATAL_FAMILY, *UNIONS.terms])
    uses = term_usage(glossary, find_term(glossary, "natal"), [catalog])
    assert [(u.rendering, u.forbidden, u.status) for u in uses] == [
        ("natal family", (), "translated"), (None, ("maiden family",), "translated"), (None, (), "untranslated")]


def test_find_term_by_source_or_by_text_and_ambiguity():
    assert find_term(UNIONS, "工会").source == "工会"
    assert find_term(UNIONS, "beijing").source == "北京市总工会"
    with pytest.raises(UsageError, match="matches 4 terms"):
        find_term(UNIONS, "union")
    with pytest.raises(UsageError, match="no term"):
        find_term(UNIONS, "四梁八柱")


def test_error_messages_carry_file_and_line(tmp_path):
    path = write(tmp_path / "terms.csv", HEADER + "工会\n")
    with pytest.raises(InputError) as error:
        Glossary.load([tmp_path])
    assert re.fullmatch(rf"{re.escape(str(path))}:2: expected 6 fields.*", str(error.value))
