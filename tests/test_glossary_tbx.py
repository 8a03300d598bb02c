"""TBX-Basic export and import: round trips, other tools' dialects, and hostile XML refused."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.glossary import TERM_TYPES, Glossary, Term
from toolkit.formats.tbx import read_tbx, tbx_text


def fields(term: Term) -> tuple:
    return term.source, term.target, term.variants, term.forbidden, term.type, term.note


def round_trip(terms: list[Term], tmp_path: Path) -> list[Term]:
    path = tmp_path / "export.tbx"
    path.write_text(tbx_text(terms), encoding="utf-8")
    return read_tbx(path)


def test_article_terms_survive_export_and_import(tmp_path):
    terms = [
        Term("娘家人", "natal family", ("family",), ("maiden family",), "idiom",
             "Unions present themselves as the workers' family home: keep the warmth, not the <bride>."),
        Term("以购代捐", "purchase in place of donation", (), (), "slogan", 'Quoted in the source: use "…".'),
        Term("北京市总工会", "Beijing Municipal Federation of Trade Unions", ("BFTU",), (), "org", ""),
    ]
    assert [fields(t) for t in round_trip(terms, tmp_path)] == [fields(t) for t in terms]


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|"), min_size=1,
               max_size=12).map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.builds(Term, source=TEXT, target=TEXT, variants=st.lists(TEXT, max_size=2).map(tuple),
                          forbidden=st.lists(TEXT, max_size=2).map(tuple), type=st.sampled_from(TERM_TYPES),
                          note=st.one_of(st.just(""), TEXT)), max_size=5))
def test_any_glossary_round_trips(tmp_path_factory, terms):
    back = round_trip(terms, tmp_path_factory.mktemp("tbx"))
    assert [fields(t) for t in back] == [fields(t) for t in terms]


def test_tbx_v3_and_memoq_style_entries_are_read(tmp_path):
    path = tmp_path / "v3.tbx"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>memoQ</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="definition">Funds given instead of purchases.</descrip>
      <langSec xml:lang="zh-CN"><termSec><term>以买代帮</term></termSec></langSec>
      <langSec xml:lang="en-GB">
        <termSec><term>buy rather than donate</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>buying instead of helping</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>purchase aid</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="de"><termSec><term>Kaufen statt Spenden</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
""", encoding="utf-8")
    (term,) = read_tbx(path)
    assert fields(term) == ("以买代帮", "buying instead of helping", ("buy rather than donate",), ("purchase aid",),
                            "term", "Funds given instead of purchases.")
    assert term.line == 7


def test_entry_without_an_english_term_is_an_error_at_its_line(tmp_path):
    path = tmp_path / "bad.tbx"
    path.write_text('<martif type="TBX-Basic"><text><body>\n<termEntry>\n'
                    '<langSet xml:lang="zh"><tig><term>四梁八柱</term></tig></langSet>\n'
                    '</termEntry></body></text></martif>', encoding="utf-8")
    with pytest.raises(InputError, match="'四梁八柱' has no approved en term") as error:
        read_tbx(path)
    assert error.value.line == 2


GOOD_ENTRY = ('<termEntry><langSet xml:lang="zh"><tig><term>工会</term></tig></langSet>'
              '<langSet xml:lang="en"><tig><term>trade union</term></tig></langSet></termEntry>\n')


@pytest.mark.parametrize("entry, message, line", [
    ('<termEntry>\n<langSet><tig><term>四梁八柱</term></tig></langSet>\n'
     '<langSet xml:lang="en"><tig><term>four beams</term></tig></langSet></termEntry>',
     "a langSet without xml:lang", 4),
    ('<termEntry>\n<langSet xml:lang="zh"><tig><term> </term></tig></langSet></termEntry>',
     "a term entry without a term", 3),
    ('<termEntry id="t2">\n</termEntry>', "a term entry without a term", 3),
])
def test_an_entry_that_cannot_be_read_is_an_error_at_its_line(tmp_path, entry, message, line):
    path = tmp_path / "bad.tbx"
    path.write_text(f'<martif type="TBX-Basic"><text><body>\n{GOOD_ENTRY}{entry}\n</body></text></martif>',
                    encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        read_tbx(path)
    assert error.value.line == line


def test_entries_in_other_languages_only_are_left_out_but_not_all_of_them(tmp_path):
    german = '<termEntry>\n<langSet xml:lang="de"><tig><term>Gewerkschaft</term></tig></langSet></termEntry>\n'
    no_chinese_yet = ('<termEntry>\n<langSet xml:lang="en"><tig><term>four beams</term></tig></langSet>'
                      '<langSet xml:lang="de"><tig><term>vier Balken</term></tig></langSet></termEntry>\n')
    path = tmp_path / "multilingual.tbx"
    path.write_text(f'<martif type="TBX-Basic"><text><body>\n{GOOD_ENTRY}{german}{no_chinese_yet}</body></text>'
                    '</martif>', encoding="utf-8")
    assert [t.source for t in read_tbx(path)] == ["工会"]
    path.write_text(f'<martif type="TBX-Basic"><text><body>\n{german}</body></text></martif>', encoding="utf-8")
    with pytest.raises(InputError, match=r"no zh-en terms among its 1 entry \(languages found: de\)"):
        read_tbx(path)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE martif [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<martif type="TBX-Basic"><text><body><termEntry><langSet xml:lang="zh"><tig><term>&c;</term></tig></langSet>
</termEntry></body></text></martif>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry><langSet xml:lang="en"><tig><term>&secret;</term></tig></langSet>
</termEntry></body></text></martif>
"""
PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY % remote SYSTEM "http://localhost:9/evil.dtd"> %remote;]>
<martif type="TBX-Basic"/>
"""


@pytest.mark.parametrize("xml", [BOMB, EXTERNAL, PARAMETER], ids=["bomb", "external", "parameter"])
def test_entity_tricks_are_refused(tmp_path, xml):
    path = tmp_path / "hostile.tbx"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(InputError, match="refused: the file declares the XML entity"):
        Glossary.load([path])


def test_the_standard_doctype_is_accepted_without_fetching_the_dtd(tmp_path):
    path = tmp_path / "memoq.tbx"
    path.write_text(tbx_text([Term("工会", "trade union")]), encoding="utf-8")
    assert "TBXBasiccoreStructV02.dtd" in path.read_text(encoding="utf-8")
    assert [t.source for t in Glossary.load([path]).terms] == ["工会"]


@pytest.mark.parametrize("xml, message, line", [
    ('<martif type="TBX-Basic">\n<text><body>\n<termEntry>\n</body></text></martif>', "not well-formed XML", 4),
    ("<html><body/></html>", "not a TBX file", None),
])
def test_malformed_and_foreign_xml(tmp_path, xml, message, line):
    path = tmp_path / "broken.tbx"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        read_tbx(path)
    assert error.value.line == line
