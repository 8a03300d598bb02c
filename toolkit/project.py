"""Starting a project: toolkit.toml, an empty glossary and word list, the translations/ layout and the first
catalogs."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from toolkit.po import write_catalog
from toolkit.config import CONFIG_NAME, WORDS_FILE, Config, Document
from toolkit.errors import InputError, UsageError
from toolkit.files import locked, write_text_atomic
from toolkit.segment import SegmentResult, build_catalog, parse_source, segment_source
from toolkit.words import HEADER as WORDS_HEADER

SOURCE_FOLDER = Path("translations/source")
CATALOG_FOLDER = Path("translations/en")
GLOSSARY_FOLDER = Path("glossary")
GLOSSARY_HEADER = "source,target,variants,forbidden,type,note\n"  # toolkit.glossary.COLUMNS


@dataclass(frozen=True)
class StartedDocument:
    source: Path  # inside the project
    catalog: Path
    entries: int


def catalog_name(source: Path) -> str:
    """article.zh.docx → article.po: the catalog is named after the source, without language or format."""
    stem = source.name.split(".")[0] or source.stem
    return f"{stem}.po"


def toml_text(name: str, documents: list[tuple[str, str]]) -> str:
    lines = ["# Project configuration read by every `toolkit` command run in this folder or below it.", "",
             "[project]", f"name = {_quoted(name)}", 'source_language = "zh_CN"', 'target_language = "en"', ""]
    for source, catalog in documents:
        lines += [*_document_lines(source, catalog), ""]
    lines += ["[glossary]", 'paths = ["glossary"]', "", "# Per-check severity overrides: error, warning or info.",
              "[check.severity]", ""]
    return "\n".join(lines)


def _document_lines(source: str, catalog: str, source_format: str | None = None) -> list[str]:
    """A ``[[documents]]`` table of toolkit.toml."""
    return ["[[documents]]", f"source = {_quoted(source)}", f"catalog = {_quoted(catalog)}",
            *([f"format = {_quoted(source_format)}"] if source_format else [])]


def _placed(root: Path, given: Path) -> tuple[Path, Path]:
    """Where a source goes in the project (where it is, if inside; else translations/source/) and its catalog."""
    if not given.is_file():
        raise InputError("no such file" if not given.exists() else "not a file", path=given)
    resolved = given.resolve()
    placed = resolved if root in resolved.parents else root / SOURCE_FOLDER / given.name
    return placed, root / CATALOG_FOLDER / catalog_name(given)


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def init_project(folder: str | Path, sources: list[str | Path] = ()) -> list[StartedDocument]:
    """Create a project in ``folder`` and segment ``sources`` into it (copied into translations/source/
    unless already inside the folder).

    Every source is read before anything is written, so a bad one leaves no half-made project; an
    existing toolkit.toml is never overwritten.
    """
    folder = Path(folder).resolve()
    if (folder / CONFIG_NAME).exists():
        raise UsageError(f"{folder / CONFIG_NAME} exists: already a project, nothing written")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: not a folder")
    config = Config(root=folder, project_name=folder.name, found=True)
    planned: list[tuple[Path, Path, Path]] = []  # (given source, its place in the project, catalog)
    for given in map(Path, sources):
        placed, catalog = _placed(folder, given)
        if any(p == placed or c == catalog for _, p, c in planned):
            raise UsageError(f"{given}: two sources would share {config.relative(catalog)}; rename one")
        planned.append((given, placed, catalog))
    parsed = [parse_source(given, config=config, reference=config.relative(placed)) for given, placed, _ in planned]

    for sub in (SOURCE_FOLDER, CATALOG_FOLDER, GLOSSARY_FOLDER):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    terms = folder / GLOSSARY_FOLDER / "terms.csv"
    if not terms.exists():
        write_text_atomic(terms, GLOSSARY_HEADER)
    if not (folder / WORDS_FILE).exists():
        write_text_atomic(folder / WORDS_FILE, WORDS_HEADER)
    started = []
    for (given, placed, catalog), document in zip(planned, parsed):
        if placed != given.resolve():
            shutil.copyfile(given, placed)
        po = build_catalog(document, config)
        write_catalog(po, catalog)
        started.append(StartedDocument(placed, catalog, len(po)))
    write_text_atomic(folder / CONFIG_NAME, toml_text(
        folder.name, [(config.relative(s.source), config.relative(s.catalog)) for s in started]))
    return started


def add_source(config: Config, source: str | Path, *, encoding: str = "utf-8", source_format: str | None = None,
               dry_run: bool = False) -> tuple[Document, SegmentResult]:
    """Segment a source the project does not list yet and add it to toolkit.toml, as ``init --source`` would:
    copied into translations/source/ unless inside the project, its catalog translations/en/<name>.po.

    The source is read before anything is written, and toolkit.toml changes last, once the catalog is
    written: a bad source or catalog leaves the project as it was. An existing catalog of that name is
    merged into, not replaced.
    """
    if not config.found:
        raise UsageError("no toolkit.toml project here: give the catalog with -o")
    given = Path(source)
    placed, catalog = _placed(config.root.resolve(), given)
    for document in config.documents:
        if document.catalog.resolve() == catalog:
            raise UsageError(f"{given}: its catalog {config.relative(catalog)} belongs to "
                             f"{config.relative(document.source)}; give another with -o")
        if document.source.resolve() == placed:
            raise UsageError(f"{given}: {config.relative(placed)} is already a source of the project; "
                             "rename the new one")
    document = Document(placed, catalog, source_format)
    if dry_run:
        return document, segment_source(given, catalog, encoding=encoding, source_format=source_format,
                                        config=config, dry_run=True)
    parse_source(given, encoding=encoding, config=config, source_format=source_format)  # bad input: nothing written
    copied = placed != given.resolve()
    if copied:
        if placed.exists():
            raise UsageError(f"{given}: {config.relative(placed)} exists; rename one of them")
        placed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(given, placed)
    try:
        catalog.parent.mkdir(parents=True, exist_ok=True)
        result = segment_source(placed, catalog, encoding=encoding, source_format=source_format, config=config)
    except BaseException:
        if copied:
            placed.unlink()
        raise
    _register(config, document)
    return document, result


def _register(config: Config, document: Document) -> None:
    """Append the document to toolkit.toml, keeping the rest of the file (comments included) byte for byte."""
    path = config.root / CONFIG_NAME
    with locked(path):
        text = path.read_text(encoding="utf-8")
        entry = _document_lines(config.relative(document.source), config.relative(document.catalog), document.format)
        updated = text + ("" if text.endswith("\n") or not text else "\n") + "\n" + "\n".join(entry) + "\n"
        write_text_atomic(path, updated)
