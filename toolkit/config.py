"""Project configuration: which source texts, catalogs and glossaries bare commands use.

A project is a folder holding ``toolkit.toml``; commands run anywhere below it
find it by walking up from the working directory. Outside a project every
command works on the paths given on its command line, with these defaults.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError

CONFIG_NAME = "toolkit.toml"
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Document:
    """One source text and the catalog that holds its translation."""

    source: Path
    catalog: Path


@dataclass(frozen=True)
class Config:
    root: Path
    documents: tuple[Document, ...] = ()
    glossary: tuple[Path, ...] = ()
    references: tuple[Path, ...] = ()
    drafts: tuple[Path, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    source_language: str = "zh_CN"
    target_language: str = "en"
    project_name: str = "translation"
    found: bool = False
    tm: Path | None = None

    @property
    def tm_path(self) -> Path:
        """The translation memory file: ``[tm] path`` in toolkit.toml, else .toolkit/tm.sqlite in the project."""
        return self.tm or self.root / ".toolkit" / "tm.sqlite"

    @property
    def catalogs(self) -> list[Path]:
        return [doc.catalog for doc in self.documents]

    def document_for_source(self, source: Path) -> Document | None:
        source = source.resolve()
        return next((d for d in self.documents if d.source.resolve() == source), None)

    def document_for_catalog(self, catalog: Path) -> Document | None:
        catalog = catalog.resolve()
        return next((d for d in self.documents if d.catalog.resolve() == catalog), None)

    def relative(self, path: Path) -> str:
        """A path as written in references: relative to the project root, with slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def display_path(path: Path) -> str:
    """A path as people read it in messages: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """The nearest project's config, or an empty one rooted at the working directory."""
    path = find_config(start)
    if path is None:
        return Config(root=(start or Path.cwd()).resolve())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not a valid TOML file: {exc}", path=path) from exc
    root = path.parent

    def paths(values: object, key: str) -> tuple[Path, ...]:
        if values is None:
            return ()
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise InputError(f"'{key}' must be a path or a list of paths", path=path)
        return tuple(root / v for v in values)

    project = data.get("project", {})
    documents = []
    for number, doc in enumerate(data.get("documents", []), start=1):
        if not isinstance(doc, dict) or "source" not in doc or "catalog" not in doc:
            raise InputError(f"[[documents]] entry {number} needs 'source' and 'catalog'", path=path)
        documents.append(Document(root / doc["source"], root / doc["catalog"]))
    severity = dict(data.get("check", {}).get("severity", {}))
    for check_id, level in severity.items():
        if level not in SEVERITIES:
            raise InputError(
                f"[check.severity] {check_id} = {level!r}: use one of {', '.join(SEVERITIES)}", path=path
            )
    score = data.get("score", {})
    tm_path = data.get("tm", {}).get("path")
    if tm_path is not None and not isinstance(tm_path, str):
        raise InputError("'tm.path' must be a path", path=path)
    return Config(
        root=root,
        documents=tuple(documents),
        glossary=paths(data.get("glossary", {}).get("paths"), "glossary.paths"),
        references=paths(score.get("references"), "score.references"),
        drafts=paths(score.get("drafts"), "score.drafts"),
        severity=severity,
        source_language=project.get("source_language", "zh_CN"),
        target_language=project.get("target_language", "en"),
        project_name=project.get("name", root.name),
        found=True,
        tm=root / tm_path if tm_path else None,
    )
