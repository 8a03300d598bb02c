"""`toolkit glossary`: list, show, add, lint, suggest, export and import glossary terms."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import click

from toolkit.cli.common import counted, echo_json, exit_with, format_option, glossary_option, project_config, style
from toolkit.config import Config
from toolkit.glossary import TERM_TYPES, Term, load_glossary

catalog_option = click.option("--catalog", "catalog_paths", multiple=True, type=click.Path(path_type=Path),
                              help="PO catalog or folder to look in (repeatable); default: the project's.")


@click.group()
def glossary() -> None:
    """Fixed terms and their approved English renderings (glossary/*.csv, or --glossary)."""


@glossary.command("list")
@glossary_option
@click.option("--type", "kind", type=click.Choice(TERM_TYPES), help="Only terms of this type.")
@click.option("--search", metavar="TEXT", help="Only terms whose source, renderings or note contain TEXT.")
@format_option
def list_(glossary_paths: tuple[Path, ...], kind: str | None, search: str | None, output_format: str) -> None:
    """List the glossary's terms."""
    terms = load_glossary(glossary_paths, project_config()).terms
    if kind:
        terms = [t for t in terms if t.type == kind]
    if search:
        needle = search.casefold()
        terms = [t for t in terms if any(needle in text.casefold()
                                         for text in (t.source, *t.renderings, *t.forbidden, t.note))]
    if output_format == "json":
        echo_json([_term_dict(t) for t in terms])
        return
    width = max((_width(t.source) for t in terms), default=0)
    for term in terms:
        click.echo(f"{_pad(term.source, width)}  {term.target}  {style('[' + term.type + ']', dim=True)}")
        for line in _details(term):
            click.echo(f"{'':{width}}    {line}")
    click.echo(counted(len(terms), "term"), err=True)


@glossary.command()
@click.argument("query", metavar="TERM")
@glossary_option
@catalog_option
@format_option
def show(query: str, glossary_paths: tuple[Path, ...], catalog_paths: tuple[Path, ...], output_format: str) -> None:
    """Show a term and how each catalog segment renders it.

    TERM is the Chinese source, or text found in one term's source or renderings.
    """
    from toolkit.glossary import find_term, term_usage

    config = project_config()
    loaded = load_glossary(glossary_paths, config)
    term = find_term(loaded, query)
    uses = term_usage(loaded, term, _existing_catalogs(catalog_paths, config))
    if output_format == "json":
        echo_json({"term": _term_dict(term), "segments": [
            {"path": config.relative(Path(u.path)), "line": u.line, "status": u.status, "source": u.msgid,
             "translation": u.msgstr, "rendering": u.rendering, "forbidden": list(u.forbidden)} for u in uses]})
        return
    click.echo(f"{style(term.source, bold=True)} → {term.target}  [{term.type}]  {term.where}")
    for line in _details(term):
        click.echo(f"    {line}")
    for use in uses:
        if not use.msgstr:
            verdict = style("untranslated", dim=True)
        elif use.forbidden:
            verdict = style("forbidden: " + ", ".join(use.forbidden), fg="red")
        elif use.rendering is None:
            verdict = style("no approved rendering", fg="yellow")
        else:
            verdict = style(use.rendering, fg="green")
        click.echo(f"\n{config.relative(Path(use.path))}:{use.line}  {use.status}  {verdict}")
        click.echo(f"    zh: {use.msgid}")
        if use.msgstr:
            click.echo(f"    en: {use.msgstr}")
    click.echo(f"\n{_usage_summary(term, uses)}")


@glossary.command()
@click.argument("source")
@click.argument("target")
@click.option("--variant", "variants", multiple=True, help="Another acceptable rendering (repeatable).")
@click.option("--forbidden", "forbidden", multiple=True, help="A rendering that must not be used (repeatable).")
@click.option("--type", "kind", type=click.Choice(TERM_TYPES), default="term", show_default=True)
@click.option("--note", default="", help="Guidance shown to translators.")
@click.option("--to", "to_path", type=click.Path(path_type=Path),
              help="CSV file to append to; default: in the glossary folder, names.csv for a person or place, "
                   "organizations.csv for an org (made if missing), else terms.csv.")
@glossary_option
def add(source: str, target: str, variants: tuple[str, ...], forbidden: tuple[str, ...], kind: str, note: str,
        to_path: Path | None, glossary_paths: tuple[Path, ...]) -> None:
    """Append a term to a glossary CSV.

    SOURCE is the Chinese term, TARGET its approved rendering; a source already in the glossary is refused.
    """
    from toolkit.errors import UsageError
    from toolkit.glossary import append_term

    config = project_config()
    path = to_path or _default_csv(glossary_paths, config, kind)
    term = Term(source=source.strip(), target=" ".join(target.split()), variants=_clean(variants),
                forbidden=_clean(forbidden), type=kind, note=" ".join(note.split()))
    if not term.source or not term.target:
        raise UsageError("SOURCE and TARGET must not be empty")
    append_term(term, path, load_glossary(glossary_paths, config, empty_folders=True))
    click.echo(f"{config.relative(path)}: added {term.source} → {term.target}", err=True)


@glossary.command()
@glossary_option
@catalog_option
@format_option
def lint(glossary_paths: tuple[Path, ...], catalog_paths: tuple[Path, ...], output_format: str) -> None:
    """Check the glossary for duplicates and contradictions.

    Reports duplicate sources, empty renderings, renderings both approved and forbidden
    (errors: exit status 1), redundant variants, nested terms whose renderings disagree
    (warnings), and terms no catalog uses (info).
    """
    from toolkit.glossary import lint_glossary

    config = project_config()
    loaded = load_glossary(glossary_paths, config)
    findings = lint_glossary(loaded, catalogs=_existing_catalogs(catalog_paths, config) or None)
    if output_format == "json":
        echo_json([{**f.as_dict(), "path": config.relative(Path(f.term.path))} for f in findings])
    else:
        colours = {"error": "red", "warning": "yellow", "info": "blue"}
        for f in findings:
            where = f"{config.relative(Path(f.term.path))}:{f.term.line}" if f.term.line else f.term.path
            click.echo(f"{where}: {style(f.severity, fg=colours[f.severity])}: {f.message} [{f.code}]")
        counts = {level: sum(f.severity == level for f in findings) for level in colours}
        click.echo(", ".join(f"{n} {level}{'s' if n != 1 and level != 'info' else ''}"
                             for level, n in counts.items()), err=True)
    if any(f.severity == "error" for f in findings):
        exit_with(1)


@glossary.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@glossary_option
@click.option("--min-count", default=3, show_default=True, type=click.IntRange(min=1),
              help="Occurrences a recurring word sequence needs (quoted phrases and names need one).")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many suggestions.")
@format_option
def suggest(paths: tuple[Path, ...], glossary_paths: tuple[Path, ...], min_count: int, limit: int | None,
            output_format: str) -> None:
    """Propose terms not yet in the glossary.

    PATHS are catalogs or Chinese source texts (default: the project's). Ranked: phrases in
    quotes “…”, names of people and places (with pinyin), then recurring word sequences.
    """
    from toolkit.suggest import source_segments, suggest_terms

    config = project_config()
    loaded = load_glossary(glossary_paths, config)
    inputs = list(paths) or _existing_catalogs((), config) or [d.source for d in config.documents]
    if not inputs:
        raise click.UsageError("give catalogs or source texts (no toolkit.toml project here)")
    suggestions = suggest_terms(source_segments(inputs), loaded, min_count=min_count, limit=limit)
    if output_format == "json":
        echo_json([s.as_dict() for s in suggestions])
        return
    width = max((_width(s.source) for s in suggestions), default=0)
    for s in suggestions:
        name = f"{_pad(s.source, width)}  {s.pinyin}" if s.pinyin else s.source
        click.echo(f"{s.kind:<9} {s.count:>4}  {name}")
        click.echo(f"{'':16}{style('e.g. ' + _excerpt(s.example, s.source), dim=True)}")
    click.echo(counted(len(suggestions), "suggestion"), err=True)


@glossary.command()
@click.option("--format", "file_format", type=click.Choice(["tbx", "csv", "xlsx"]), default="tbx", show_default=True,
              help="TBX-Basic (memoQ, Trados, OmegaT), one merged CSV, or an Excel sheet (Trados MultiTerm).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write; default: standard output (not for xlsx).")
@glossary_option
def export(file_format: str, output: Path | None, glossary_paths: tuple[Path, ...]) -> None:
    """Write the whole glossary as one TBX, CSV or XLSX file."""
    from toolkit.errors import UsageError
    from toolkit.files import write_text_atomic
    from toolkit.formats import get_format
    from toolkit.formats.tbx import tbx_text
    from toolkit.glossary import csv_text

    config = project_config()
    terms = load_glossary(glossary_paths, config).terms
    if file_format == "xlsx":
        if output is None:
            raise UsageError("an XLSX glossary needs -o FILE.xlsx")
        get_format("xlsx").write(terms, output, source_lang=config.source_language,
                                 target_lang=config.target_language)
    else:
        text = csv_text(terms) if file_format == "csv" else tbx_text(
            terms, title=config.project_name, source_lang=_bcp47(config.source_language),
            target_lang=_bcp47(config.target_language))
        if output is None:
            click.echo(text, nl=False)
            return
        write_text_atomic(output, text)
    click.echo(f"{output}: {len(terms)} terms", err=True)


@glossary.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--to", "add_to", type=click.Path(path_type=Path),
              help="CSV that new terms go into; default: terms.csv in the first glossary folder.")
@glossary_option
@click.option("--dry-run", is_flag=True, help="Report what would be added and changed; write nothing.")
@format_option
def import_(file: Path, add_to: Path | None, glossary_paths: tuple[Path, ...], dry_run: bool,
            output_format: str) -> None:
    """Merge a TBX, CSV or XLSX glossary FILE into the glossary: new terms added, known ones merged.

    A known term keeps every rendering it had (the incoming preferred one becomes the target);
    importing the glossary's own export changes nothing. A term forbidding a rendering the glossary
    approves, or approving one it forbids, is a conflict: reported and left alone (exit status 1).
    """
    from toolkit.glossary import merge_glossary, read_glossary_file, write_merge

    config = project_config()
    incoming = read_glossary_file(file)
    merge = merge_glossary(load_glossary(glossary_paths, config, empty_folders=True), incoming,
                           add_to or _default_csv(glossary_paths, config))
    written = write_merge(merge, dry_run=dry_run)
    if output_format == "json":
        echo_json({**merge.as_dict(), "dry_run": dry_run, "written": [config.relative(p) for p in written]})
        exit_with(1 if merge.conflicts else 0)
    for term in merge.added:
        click.echo(f"+ added: {term.source} → {term.target}")
    def where(term: Term) -> str:
        return f"{config.relative(Path(term.path))}:{term.line}"

    for change in merge.changed:
        click.echo(f"~ changed: {change.old.source} ({where(change.old)}): " + "; ".join(
            f"{name} {_shown(getattr(change.old, name))} → {_shown(getattr(change.new, name))}"
            for name in change.fields))
    for conflict in merge.conflicts:
        click.echo(f"! {style('conflict', fg='red')}: {conflict.old.source}: {conflict.describe(where)}; "
                   "left as it was")
    verb = "would write" if dry_run else "wrote"
    conflicts = f", {len(merge.conflicts)} conflict{'s' if len(merge.conflicts) != 1 else ''}" \
        if merge.conflicts else ""
    click.echo(f"{file}: {len(merge.added)} added, {len(merge.changed)} changed, {merge.unchanged} unchanged"
               f"{conflicts}; {verb} {', '.join(config.relative(p) for p in written) or 'nothing'}", err=True)
    exit_with(1 if merge.conflicts else 0)


def _shown(value: str | tuple[str, ...]) -> str:
    text = "; ".join(value) if isinstance(value, tuple) else value
    return f"'{text}'" if text else "(none)"


# --- helpers -------------------------------------------------------------------------------------


def _term_dict(term: Term) -> dict:
    return {"source": term.source, "target": term.target, "variants": list(term.variants),
            "forbidden": list(term.forbidden), "type": term.type, "note": term.note, "path": term.path,
            "line": term.line}


def _details(term: Term) -> list[str]:
    lines = []
    if term.variants:
        lines.append("also: " + "; ".join(term.variants))
    if term.forbidden:
        lines.append("not: " + "; ".join(term.forbidden))
    if term.note:
        lines.append("note: " + term.note)
    return lines


def _usage_summary(term: Term, uses: list) -> str:
    if not uses:
        return "No catalog segment contains this term."
    counts: dict[str, int] = {}
    for use in uses:
        key = ("forbidden " + ", ".join(use.forbidden) if use.forbidden else use.rendering
               or ("untranslated" if not use.msgstr else "no approved rendering"))
        counts[key] = counts.get(key, 0) + 1
    parts = [f"{key} ×{n}" for key, n in sorted(counts.items(), key=lambda item: -item[1])]
    return f"{counted(len(uses), 'segment')}: " + "; ".join(parts)


def _existing_catalogs(paths: tuple[Path, ...], config: Config) -> list[Path]:
    """The catalogs named, or the project's that exist; a configured catalog not yet made is noted, not an error."""
    from toolkit.po import iter_catalog_paths

    if paths:
        return iter_catalog_paths(paths)
    missing = [c for c in config.catalogs if not c.exists()]
    for catalog in missing:
        click.echo(f"note: {config.relative(catalog)} does not exist yet (run `toolkit segment`)", err=True)
    return iter_catalog_paths(c for c in config.catalogs if c.exists())


# The file of a glossary folder that holds each type of term (made when its first term is added).
FILE_FOR_TYPE = {"person": "names.csv", "place": "names.csv", "org": "organizations.csv"}


def _default_csv(glossary_paths: tuple[Path, ...], config: Config, kind: str = "term") -> Path:
    """The CSV of the first glossary folder for this type of term (or that CSV itself), from --glossary or
    the project."""
    from toolkit.errors import UsageError

    paths = list(glossary_paths) or list(config.glossary)
    if not paths:
        raise UsageError("no glossary configured here: give --to FILE")
    first = paths[0]
    if first.suffix.lower() == ".csv":
        return first
    return first / FILE_FOR_TYPE.get(kind, "terms.csv")


def _clean(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(v.split()) for v in values if v.strip())


def _bcp47(code: str) -> str:
    return code.replace("_", "-")


def _width(text: str) -> int:
    """Columns on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _excerpt(segment: str, term: str, around: int = 20) -> str:
    at = max(segment.find(term), 0)
    start, end = max(at - around, 0), min(at + len(term) + around, len(segment))
    return ("…" if start else "") + segment[start:end] + ("…" if end < len(segment) else "")
