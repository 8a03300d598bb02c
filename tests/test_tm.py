"""The translation memory: SQLite store, fuzzy lookup for Chinese, `toolkit tm` and `toolkit pretranslate`."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ARTICLE_CATALOG, REPO, msgfmt_check
from toolkit.po import Catalog, CatalogEntry, new_catalog, read_catalog
from toolkit.cli import cli
from toolkit.config import load_config
from toolkit.tm import TranslationMemory, Unit
from toolkit.tm.matching import NEGATION_PENALTY, score_match, skeleton, source_diff
from toolkit.tm.pretranslate import pretranslate
from toolkit.tm.update import update_from_catalogs

# Sentences of the embedded article and its English, as the team translated them.
SENTENCE = "在此前扶贫协作工作基础上，2018年春，北京市总工会成为北京市扶贫协作和支援合作领导小组成员单位。"
TRANSLATION = ("Building on its earlier cooperation work, in spring 2018 the Beijing Federation of Trade Unions "
               "became a member of the Beijing leading group for poverty alleviation cooperation and support.")


def _memory(tmp_path: Path, *units: Unit) -> TranslationMemory:
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    memory.add(units)
    return memory


def _article_memory(tmp_path: Path) -> TranslationMemory:
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    update_from_catalogs(memory, [ARTICLE_CATALOG], load_config(ARTICLE_CATALOG.parent))
    return memory


def test_numbers_and_latin_words_become_placeholders():
    assert skeleton("投入65万元").text == skeleton("投入20万元").text
    assert skeleton("2019年GDP").numbers == ("2019",) and skeleton("2019年GDP").words == ("gdp",)
    assert skeleton("1,000.5元").numbers == ("1,000.5",)


def test_a_changed_year_is_rewritten_in_the_english(tmp_path):
    with _memory(tmp_path, Unit(SENTENCE, TRANSLATION, origin="a.po", line=9)) as memory:
        [match] = memory.lookup(SENTENCE.replace("2018", "2019"))
    assert 90 <= match.percent < 100
    assert match.target == TRANSLATION.replace("2018", "2019")
    assert match.notes == ("number 2018 → 2019 rewritten",)


def test_ten_thousands_are_rewritten_in_full():
    old, new = skeleton("北京市总工会投入65万元帮扶资金"), skeleton("北京市总工会投入20万元帮扶资金")
    score = score_match(new, old, "The federation put in 650,000 yuan of support funds.")
    assert score.target == "The federation put in 200,000 yuan of support funds."


def test_a_number_the_english_does_not_show_is_left_and_costs_more():
    old, new = skeleton("三年投入65万元帮扶资金"), skeleton("三年投入20万元帮扶资金")
    unsure = score_match(new, old, "Over three years it put in several hundred thousand yuan.")
    sure = score_match(new, old, "Over three years it put in 650,000 yuan.")
    assert unsure.target == "Over three years it put in several hundred thousand yuan."
    assert unsure.percent < sure.percent < 100 and "not rewritten" in unsure.notes[0]


@pytest.mark.parametrize("negated", [SENTENCE.replace("成为", "没有成为"), SENTENCE.replace("成为", "未成为"),
                                     SENTENCE.replace("成为", "不是")])
def test_a_negation_lowers_the_score_visibly(negated):
    plain = score_match(skeleton(SENTENCE.replace("成为", "就是")), skeleton(SENTENCE), TRANSLATION)
    denied = score_match(skeleton(negated), skeleton(SENTENCE), TRANSLATION)
    assert plain.percent - denied.percent >= NEGATION_PENALTY - 3
    assert "negation differs" in denied.notes


def test_words_that_only_hold_a_negation_character_are_not_negations():
    future = score_match(skeleton("我们的未来不断发展"), skeleton("我们的明天不断发展"), "x")
    assert "negation differs" not in future.notes


def test_diff_of_two_sources():
    assert source_diff("投入65万元", "投入20万元") == "投入[-65-]{+20+}万元"


def test_update_fills_the_tm_from_translated_entries_only(tmp_path):
    po = read_catalog(ARTICLE_CATALOG)
    translated = [e for e in po if e.translated() and not e.obsolete]
    with _article_memory(tmp_path) as memory:
        assert len(memory) == len(translated)
        unit = next(u for u in memory.units() if u.source == translated[0].msgid)
    assert unit.target == translated[0].msgstr and unit.origin.endswith(ARTICLE_CATALOG.name)
    assert unit.line == translated[0].linenum and unit.date.endswith("Z")


def test_update_replaces_a_catalogs_old_translations(tmp_path):
    catalog = tmp_path / "article.po"
    shutil.copyfile(ARTICLE_CATALOG, catalog)
    config = load_config(tmp_path)
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        first = update_from_catalogs(memory, [catalog], config)
        assert update_from_catalogs(memory, [catalog], config).skipped_catalogs == 1
        po = read_catalog(catalog)
        entry = next(e for e in po if e.msgid == SENTENCE)
        old = entry.msgstr
        entry.msgstr = "In spring 2018 the federation joined the leading group."
        po.save(str(catalog))
        second = update_from_catalogs(memory, [catalog], config)
        assert (second.added, second.removed, second.unchanged) == (1, 1, first.added - 1)
        assert [m.target for m in memory.lookup(SENTENCE)] == [entry.msgstr]
        # the old unit's postings are stale: it must not come back as a fuzzy match either
        assert old not in [m.target for m in memory.lookup(SENTENCE.replace("2018", "2017"))]


def test_exact_match_in_another_context_is_99(tmp_path):
    with _memory(tmp_path, Unit(SENTENCE, TRANSLATION, context="caption", origin="a.po")) as memory:
        assert [m.percent for m in memory.lookup(SENTENCE, "caption")] == [100]
        assert [m.percent for m in memory.lookup(SENTENCE)] == [99]


def test_adding_the_same_units_twice_adds_nothing(tmp_path):
    units = [Unit(SENTENCE, TRANSLATION, origin="a.tmx"), Unit("立下愚公志，吹响集结号。", "Resolve.", origin="a.tmx")]
    with _memory(tmp_path, *units) as memory:
        assert memory.add(units) == 0 and len(memory) == 2


def test_compaction_keeps_lookups_the_same(tmp_path):
    with _article_memory(tmp_path) as memory:
        queries = [u.source.replace("北京", "天津") for u in memory.units()][:30]
        before = [[(m.percent, m.target) for m in memory.lookup(q)] for q in queries]
        memory.compact()
        assert [[(m.percent, m.target) for m in memory.lookup(q)] for q in queries] == before
        assert sum(map(len, before)) > 10


def test_a_file_that_is_not_a_tm_is_one_error(tmp_path):
    bad = tmp_path / "tm.sqlite"
    bad.write_text("not sqlite at all, just text" * 100)
    result = CliRunner().invoke(cli, ["tm", "search", "工会", "--tm", str(bad)])
    assert result.exit_code == 2 and result.output.startswith(f"Error: {bad}: not a translation memory")


def _other_database(path: Path) -> None:
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    db.close()


@pytest.mark.parametrize("made, message", [(lambda p: p.write_bytes(b""), "an empty file, not a translation memory"),
                                           (_other_database, "a SQLite database, but not a translation memory")])
@pytest.mark.parametrize("command", [["tm", "search", "工会"], ["tm", "update", "good.po"], ["tm", "import", "in.tmx"],
                                     ["tm", "export", "-o", "out.tmx"], ["pretranslate", "good.po"]])
def test_an_existing_file_that_is_not_a_tm_is_refused_and_left_as_it_was(project, made, message, command):
    shutil.copyfile(ARTICLE_CATALOG, project / "good.po")
    for made_tmx in (["tm", "update", "good.po"], ["tm", "export", "-o", "in.tmx"]):
        assert CliRunner().invoke(cli, [*made_tmx, "--tm", "real.sqlite"]).exit_code == 0
    wrong = project / "notes.sqlite"
    made(wrong)
    before = _snapshot(project)
    result = CliRunner().invoke(cli, [*command, "--tm", str(wrong)])
    assert result.exit_code == 2 and result.output.startswith(f"Error: {wrong}: {message}")
    assert len(result.output.splitlines()) == 1
    assert _snapshot(project) == before


def test_search_without_a_tm_is_one_error(project):
    result = CliRunner().invoke(cli, ["tm", "search", "工会"])
    assert result.exit_code == 2 and "run `toolkit tm update`" in result.output


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("command", [["tm", "update", "good.po", "bad.po"], ["pretranslate", "bad.po"]])
def test_a_malformed_catalog_leaves_no_new_tm_behind(project, command):
    shutil.copyfile(ARTICLE_CATALOG, project / "good.po")
    (project / "bad.po").write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "\xe4"\n')
    before = _snapshot(project)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and "bad.po:" in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert _snapshot(project) == before, "no .toolkit/tm.sqlite made"


def test_a_malformed_catalog_leaves_an_existing_tm_as_it_was(project):
    shutil.copyfile(ARTICLE_CATALOG, project / "good.po")
    assert CliRunner().invoke(cli, ["tm", "update", "good.po"]).exit_code == 0
    po = read_catalog(project / "good.po")
    po[3].msgstr = "Changed since."
    po.save(str(project / "good.po"))
    (project / "bad.po").write_text('msgid "一"\n', encoding="utf-8")
    tm = project / ".toolkit" / "tm.sqlite"
    with TranslationMemory(tm) as memory:
        before = sorted((u.source, u.target) for u in memory.units())
    result = CliRunner().invoke(cli, ["tm", "update", "good.po", "bad.po"])
    assert result.exit_code == 2 and "bad.po:" in result.stderr
    with TranslationMemory(tm) as memory:
        assert sorted((u.source, u.target) for u in memory.units()) == before


def _segmented(project: Path) -> Path:
    assert CliRunner().invoke(cli, ["segment"]).exit_code == 0
    return project / "po" / "article.po"


def test_pretranslate_fills_a_fresh_catalog_from_the_tm(project):
    catalog = _segmented(project)
    with _article_memory(project) as memory:
        report = pretranslate(memory, [(catalog, "po/article.po")])
    po = read_catalog(catalog)
    reference = {e.msgid: e.msgstr for e in read_catalog(ARTICLE_CATALOG) if e.translated()}
    filled = [e for e in po if e.msgstr]
    assert len(filled) == len(reference) == len(report.filled)
    assert all(e.msgstr == reference[e.msgid] and not e.fuzzy for e in filled)
    assert all(f"tm: 100% from {ARTICLE_CATALOG.relative_to(ARTICLE_CATALOG.parents[2]).as_posix()}" in e.comment
               for e in filled)
    assert report.leverage.segments["100%"] == len(reference)
    assert msgfmt_check(catalog).returncode == 0


def test_pretranslate_marks_fuzzy_matches_and_keeps_translations(project):
    catalog = project / "article.po"
    po: Catalog = new_catalog(project="scratch", source="new.zh.txt")
    po.append(CatalogEntry(msgid=SENTENCE.replace("2018", "2019"), msgstr=""))
    po.append(CatalogEntry(msgid=SENTENCE.replace("2018", "2020"), msgstr="Kept as the translator wrote it."))
    po.append(CatalogEntry(msgid="这句话和记忆库毫无关系。", msgstr=""))
    po.save(str(catalog))
    before = catalog.read_bytes()
    with _memory(project, Unit(SENTENCE, TRANSLATION, origin="old.po", line=12)) as memory:
        dry = pretranslate(memory, [(catalog, "article.po")], dry_run=True)
        assert catalog.read_bytes() == before
        report = pretranslate(memory, [(catalog, "article.po")])
    assert [f.as_dict() for f in dry.filled] == [f.as_dict() for f in report.filled]
    first, kept, unmatched = read_catalog(catalog)
    assert first.fuzzy and first.msgstr == TRANSLATION.replace("2018", "2019")
    assert first.previous_msgid == SENTENCE and f"tm: {report.filled[0].percent}% from old.po:12" in first.comment
    assert kept.msgstr == "Kept as the translator wrote it." and not unmatched.msgstr
    assert report.leverage.segments == {"100%": 0, "95-99%": 1, "85-94%": 0, "75-84%": 0, "no match": 1}
    assert msgfmt_check(catalog).returncode == 0


def test_cli_update_pretranslate_and_search(project):
    catalog = _segmented(project)
    runner = CliRunner()
    shutil.copyfile(ARTICLE_CATALOG, project / "done.po")
    result = runner.invoke(cli, ["tm", "update", "done.po"])
    assert result.exit_code == 0 and "(94 added, 0 removed, 0 unchanged)" in result.output
    result = runner.invoke(cli, ["pretranslate", "--dry-run", "--exact-as", "fuzzy", "--format", "json"])
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["leverage"]["100%"]["segments"] == 94
    assert {f["status"] for f in data["filled"]} == {"fuzzy"} and not read_catalog(catalog)[5].msgstr
    result = runner.invoke(cli, ["tm", "search", "Federation of Trade Unions", "--format", "json", "--limit", "3"])
    hits = json.loads(result.output)
    assert len(hits) == 3 and all("北京市总工会" in h["source"] for h in hits)


def test_a_second_article_is_pretranslated_from_the_embedded_one(tmp_path, monkeypatch):
    """The README's example: the follow-up article's repeated headings and slogans come from the first."""
    for name in ("toolkit.toml", "translations", "glossary"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copyfile
        copy(REPO / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    second = "translations/en/beijing-unions-rural-revitalization.po"
    runner = CliRunner()
    assert runner.invoke(cli, ["segment", "translations/source/beijing-unions-rural-revitalization.zh.txt",
                               "-o", second]).exit_code == 0
    result = runner.invoke(cli, ["pretranslate", second, "--format", "json"])
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["leverage"]["100%"]["segments"] >= 10
    by_source = {f["source"]: f for f in data["filled"]}
    year = by_source[next(s for s in by_source if s.startswith("2021年，为巩固拓展"))]
    assert year["translation"].startswith("In 2021,") and year["status"] == "fuzzy" and year["percent"] >= 85
    eight = by_source[next(s for s in by_source if "9个年头" in s)]
    assert "eight years" in eight["translation"] and "number 8 → 9 not rewritten" in eight["notes"]
    assert by_source["消费扶贫"] == {**by_source["消费扶贫"], "percent": 100, "status": "translated",
                                     "translation": "Poverty alleviation through consumption"}
    assert msgfmt_check(tmp_path / second).returncode == 0
