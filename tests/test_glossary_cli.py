"""`toolkit glossary …` end to end in a scratch project: output, exit codes, and nothing written on bad input."""
from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from toolkit.cli import cli

TERMS = ("source,target,variants,forbidden,type,note\n"
         "北京市总工会,Beijing Municipal Federation of Trade Unions,,,org,\n"
         "娘家人,natal family,family,maiden family,idiom,The unions as the workers' family home\n"
         "以购代捐,purchase in place of donation,,,slogan,Quoted in the source\n")


@pytest.fixture
def glossary_project(project: Path) -> Path:
    with (project / "toolkit.toml").open("a", encoding="utf-8") as config:
        config.write('\n[glossary]\npaths = ["glossary"]\n')
    (project / "glossary").mkdir()
    (project / "glossary" / "terms.csv").write_text(TERMS, encoding="utf-8")
    return project


def run(*args: str):
    return CliRunner().invoke(cli, ["glossary", *args], catch_exceptions=False)


def make_catalog(project: Path) -> Path:
    path = project / "po" / "article.po"
    path.parent.mkdir()
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    po.append(polib.POEntry(msgid="作为“娘家人”，市总工会连续拨付援助资金。",
                            msgstr="As the workers' natal family, the federation kept funding."))
    po.append(polib.POEntry(msgid="让援派干部感受到“娘家人”的温暖。", msgstr="They felt their maiden family's warmth."))
    po.save(str(path))
    return path


def test_every_subcommand_has_help():
    for name in ("list", "show", "add", "lint", "suggest", "export", "import"):
        result = run(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_list_filters_by_type_and_text(glossary_project):
    result = run("list", "--type", "slogan")
    assert result.exit_code == 0 and "以购代捐" in result.stdout and "娘家人" not in result.stdout
    data = json.loads(run("list", "--search", "FAMILY", "--format", "json").stdout)
    assert [t["source"] for t in data] == ["娘家人"] and data[0]["forbidden"] == ["maiden family"]


def test_show_without_a_catalog_says_so_and_still_shows_the_entry(glossary_project):
    result = run("show", "娘家人")
    assert result.exit_code == 0
    assert "natal family" in result.stdout and "po/article.po does not exist yet" in result.stderr


def test_show_gives_each_segment_and_its_rendering(glossary_project):
    make_catalog(glossary_project)
    result = run("show", "娘家人", "--format", "json")
    data = json.loads(result.stdout)
    assert [(s["line"] > 0, s["rendering"], s["forbidden"]) for s in data["segments"]] == [
        (True, "natal family", []), (True, None, ["maiden family"])]
    text = run("show", "natal").stdout
    assert "2 segments: natal family ×1; forbidden maiden family ×1" in text


def test_add_appends_and_refuses_a_duplicate(glossary_project):
    result = run("add", "以买代帮", "buying instead of helping", "--type", "slogan", "--variant", "buy to help")
    assert result.exit_code == 0
    csv_text = (glossary_project / "glossary" / "terms.csv").read_text(encoding="utf-8")
    assert csv_text.endswith("以买代帮,buying instead of helping,buy to help,,slogan,\n")
    before = csv_text
    duplicate = run("add", "娘家人", "home")
    assert duplicate.exit_code == 2 and "already in the glossary at" in duplicate.stderr
    assert (glossary_project / "glossary" / "terms.csv").read_text(encoding="utf-8") == before


def test_lint_exit_status_follows_severity(glossary_project):
    make_catalog(glossary_project)
    clean = run("lint")
    assert clean.exit_code == 0 and "'以购代捐' does not occur in any catalog [unused]" in clean.stdout
    (glossary_project / "glossary" / "more.csv").write_text("source,target\n娘家人,home folks\n", encoding="utf-8")
    dirty = run("lint", "--format", "json")
    assert dirty.exit_code == 1
    assert {f["code"] for f in json.loads(dirty.stdout)} >= {"duplicate-source"}


def test_suggest_on_the_article_proposes_quoted_terms_not_in_the_glossary(glossary_project):
    result = run("suggest", "--format", "json")
    assert result.exit_code == 0
    found = {s["source"]: s for s in json.loads(result.stdout)}
    assert {"以买代帮", "四梁八柱"} <= set(found) and "以购代捐" not in found and "娘家人" not in found
    assert found["郭丽华"]["pinyin"] == "Guo Lihua"


def test_importing_the_glossarys_own_export_changes_nothing(glossary_project):
    assert run("export", "--format", "csv").stdout == TERMS
    before = {p: p.read_bytes() for p in (glossary_project / "glossary").iterdir()}
    for file_format in ("tbx", "xlsx", "csv"):
        exported = glossary_project / f"out.{file_format}"
        assert run("export", "--format", file_format, "-o", str(exported)).exit_code == 0
        result = run("import", str(exported))
        assert result.exit_code == 0, result.output
        assert result.stderr == f"{exported}: 0 added, 0 changed, 3 unchanged; wrote nothing\n"
    assert 'xml:lang="zh-CN"' in (glossary_project / "out.tbx").read_text(encoding="utf-8")
    assert {p: p.read_bytes() for p in (glossary_project / "glossary").iterdir()} == before


CLIENT_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="a"><langSet xml:lang="zh-CN"><tig><term>娘家人</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>the workers' home</term>
  <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
  <tig><term>maiden family</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet></termEntry>
<termEntry id="b"><langSet xml:lang="zh-CN"><tig><term>脱贫攻坚</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>the fight against poverty</term></tig></langSet></termEntry>
<termEntry id="c"><langSet xml:lang="zh-CN"><tig><term>以购代捐</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>purchase in place of donation</term></tig></langSet></termEntry>
</body></text></martif>
"""


def test_import_merges_new_and_known_terms(glossary_project):
    client = glossary_project / "client.tbx"
    client.write_text(CLIENT_TBX, encoding="utf-8")
    terms = glossary_project / "glossary" / "terms.csv"
    dry = run("import", str(client), "--dry-run")
    assert dry.exit_code == 0 and terms.read_text(encoding="utf-8") == TERMS
    assert "+ added: 脱贫攻坚 → the fight against poverty" in dry.stdout
    assert ("~ changed: 娘家人 (glossary/terms.csv:3): target 'natal family' → 'the workers' home'; "
            "variants 'family' → 'natal family; family'") in dry.stdout
    assert dry.stderr == f"{client}: 1 added, 1 changed, 1 unchanged; would write glossary/terms.csv\n"
    result = run("import", str(client), "--format", "json")
    data = json.loads(result.stdout)
    assert data["written"] == ["glossary/terms.csv"] and data["unchanged"] == 1
    rows = terms.read_text(encoding="utf-8").splitlines()
    assert rows[2] == ("娘家人,the workers' home,natal family|family,maiden family,idiom,"
                       "The unions as the workers' family home")
    assert rows[-1] == "脱贫攻坚,the fight against poverty,,,term," and len(rows) == 5
    again = run("import", str(client))
    assert again.stderr == f"{client}: 0 added, 0 changed, 3 unchanged; wrote nothing\n"
    assert run("lint").exit_code == 0


def test_a_change_to_a_term_kept_in_tbx_is_refused_before_writing(glossary_project):
    (glossary_project / "glossary" / "terms.csv").unlink()
    run_tbx = glossary_project / "glossary" / "kept.tbx"
    run_tbx.write_text(CLIENT_TBX.replace("the workers' home", "natal family"), encoding="utf-8")
    client = glossary_project / "client.tbx"
    client.write_text(CLIENT_TBX, encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "import", str(client)])
    assert result.exit_code == 2 and "keep the glossary in CSV to merge into it" in result.stderr
    assert not (glossary_project / "glossary" / "terms.csv").exists()


def test_hostile_tbx_is_refused_and_nothing_written(glossary_project):
    tbx = glossary_project / "evil.tbx"
    tbx.write_text('<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   '<martif type="TBX-Basic"><text><body/></text></martif>', encoding="utf-8")
    result = run("import", str(tbx))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tbx}: refused") and len(result.stderr.splitlines()) == 1
    assert not (glossary_project / "glossary" / "evil.csv").exists()


@pytest.mark.parametrize("args", [["list"], ["lint"], ["export"], ["add", "工会", "trade union"]])
def test_bad_csv_is_one_located_error_line_and_exit_2(glossary_project, args):
    broken = glossary_project / "glossary" / "terms.csv"
    broken.write_text(TERMS + "工会,trade union,org\n", encoding="utf-8")
    before = broken.read_bytes()
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {broken}:5: expected 6 fields as in the header, found 3\n"
    assert broken.read_bytes() == before


@pytest.mark.parametrize("content, message", [(b"PK\x03\x04 not really a zip", "not an XLSX workbook"),
                                              (None, "the first row must name the zh and en columns")])
def test_bad_xlsx_glossary_is_one_line(glossary_project, content, message):
    sheet = glossary_project / "client.xlsx"
    if content is None:
        import openpyxl

        workbook = openpyxl.Workbook()
        workbook.active.append(["Chinese", "English"])
        workbook.save(sheet)
    else:
        sheet.write_bytes(content)
    result = CliRunner().invoke(cli, ["glossary", "import", str(sheet)])
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1


def test_add_files_people_places_and_organisations_where_the_folder_keeps_them(glossary_project):
    folder = glossary_project / "glossary"
    header = "source,target,variants,forbidden,type,note\n"
    (folder / "names.csv").write_text(header, encoding="utf-8")
    (folder / "organizations.csv").write_text(header, encoding="utf-8")
    assert run("add", "竹山县", "Zhushan County", "--type", "place").exit_code == 0
    assert run("add", "黄文秀", "Huang Wenxiu", "--type", "person").exit_code == 0
    assert run("add", "竹山县总工会", "Zhushan County Federation of Trade Unions", "--type", "org").exit_code == 0
    assert run("add", "乡村振兴", "rural revitalization").exit_code == 0
    names = (folder / "names.csv").read_text(encoding="utf-8")
    assert "竹山县,Zhushan County" in names and "黄文秀,Huang Wenxiu" in names
    assert "竹山县总工会" in (folder / "organizations.csv").read_text(encoding="utf-8")
    assert "乡村振兴" in (folder / "terms.csv").read_text(encoding="utf-8") and "乡村振兴" not in names


def test_add_starts_the_names_file_of_a_new_project(glossary_project):
    folder = glossary_project / "glossary"
    for name in ("names.csv", "organizations.csv"):
        (folder / name).unlink(missing_ok=True)
    result = run("add", "竹山县", "Zhushan County", "--type", "place")
    assert result.exit_code == 0 and "glossary/names.csv: added 竹山县" in result.output
    assert (folder / "names.csv").read_text(encoding="utf-8").splitlines() == [
        "source,target,variants,forbidden,type,note", "竹山县,Zhushan County,,,place,"]
    assert "竹山县" not in (folder / "terms.csv").read_text(encoding="utf-8")
    assert run("show", "竹山县").exit_code == 0  # the new file is part of the glossary


@pytest.mark.parametrize("content", ["", "\n\n", "\ufeff"])
def test_add_to_an_empty_csv_writes_the_header_first(glossary_project, content):
    terms = glossary_project / "glossary" / "terms.csv"
    terms.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "add", "乡村振兴", "rural revitalization"])
    assert result.exit_code == 0, result.output
    assert terms.read_text(encoding="utf-8").splitlines() == [
        "source,target,variants,forbidden,type,note", "乡村振兴,rural revitalization,,,term,"]


def test_add_after_blank_lines_keeps_the_header_columns(glossary_project):
    terms = glossary_project / "glossary" / "terms.csv"
    terms.write_text("\nsource,target,type\n工会,trade union,org\n", encoding="utf-8")
    assert run("add", "乡村振兴", "rural revitalization").exit_code == 0
    assert terms.read_text(encoding="utf-8").endswith("工会,trade union,org\n乡村振兴,rural revitalization,term\n")


def test_add_without_a_glossary_names_the_option_that_exists(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["glossary", "add", "竹山县", "Zhushan County"])
    assert result.exit_code == 2 and result.output == "Error: no glossary configured here: give --to FILE\n"


@pytest.mark.parametrize("args", [["list"], ["lint"], ["export"]])
def test_a_folder_with_no_glossary_file_is_an_error_not_an_empty_glossary(glossary_project, args):
    wrong = glossary_project / "notes"
    wrong.mkdir()
    (wrong / "terms.xlsx").write_bytes(b"")
    result = run(*args, "--glossary", str(wrong))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {wrong}: a folder with no glossary files (.csv or .tbx) in it\n"
    check = CliRunner().invoke(cli, ["check", "--glossary", str(wrong)])
    assert check.exit_code == 2 and check.output.startswith(f"Error: {wrong}: a folder with no glossary files")


def test_add_and_import_start_the_glossary_of_an_empty_folder(glossary_project):
    (glossary_project / "glossary" / "terms.csv").unlink()
    assert run("add", "工会", "trade union").exit_code == 0
    (glossary_project / "glossary" / "terms.csv").unlink()
    client = glossary_project / "client.tbx"
    client.write_text(CLIENT_TBX, encoding="utf-8")
    result = run("import", str(client))
    assert result.exit_code == 0 and result.stderr.startswith(f"{client}: 3 added, 0 changed")
    assert run("list").exit_code == 0


CONFLICTING = [("娘家人", "maiden family", ()), ("北京市总工会", "Beijing Trade Union Council",
                                                  ("Beijing Municipal Federation of Trade Unions",)),
               ("脱贫攻坚", "the fight against poverty", ())]


@pytest.mark.parametrize("file_format", ["csv", "tbx", "xlsx"])
def test_an_import_contradicting_the_glossary_is_a_conflict_left_alone(glossary_project, file_format):
    from toolkit.formats import get_format
    from toolkit.glossary import Term, csv_text

    terms = [Term(source, target, forbidden=forbidden) for source, target, forbidden in CONFLICTING]
    client = glossary_project / f"client.{file_format}"
    if file_format == "csv":
        client.write_text(csv_text(terms), encoding="utf-8")
    else:
        get_format(file_format).write(terms, client, source_lang="zh", target_lang="en")
    before = client.read_bytes()
    glossary = glossary_project / "glossary" / "terms.csv"
    result = run("import", str(client))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "+ added: 脱贫攻坚 → the fight against poverty"
    assert lines[1].startswith("! conflict: 娘家人: 'maiden family' is forbidden at glossary/terms.csv:3, approved at ")
    assert lines[2].startswith("! conflict: 北京市总工会: 'Beijing Municipal Federation of Trade Unions' is approved "
                               "at glossary/terms.csv:2, forbidden at ")
    assert result.stderr.startswith(f"{client}: 1 added, 0 changed, 0 unchanged, 2 conflicts; wrote")
    assert glossary.read_text(encoding="utf-8") == TERMS + "脱贫攻坚,the fight against poverty,,,term,\n"
    assert client.read_bytes() == before


def test_a_source_repeated_in_the_imported_file_is_added_once_and_the_file_left_alone(glossary_project):
    client = glossary_project / "client.csv"
    client.write_text("source,target\n扶贫,poverty alleviation\n扶贫,poverty relief\n", encoding="utf-8")
    before = client.read_bytes()
    result = run("import", str(client))
    assert result.exit_code == 0 and result.stdout == "+ added: 扶贫 → poverty relief\n"
    assert result.stderr == f"{client}: 1 added, 0 changed, 0 unchanged; wrote glossary/terms.csv\n"
    assert client.read_bytes() == before
    assert (glossary_project / "glossary" / "terms.csv").read_text(encoding="utf-8").endswith(
        "\n扶贫,poverty relief,poverty alleviation,,term,\n")
