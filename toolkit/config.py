"""Project configuration: which source texts, catalogs and glossaries bare commands use.

A project is a folder holding ``toolkit.toml``; commands run anywhere below it
find it by walking up from the working directory. Outside a project every
command works on the paths given on its command line, with these defaults.
"""
from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError

CONFIG_NAME = "toolkit.toml"
WORDS_FILE = Path("glossary/words.txt")  # the word list's place in a project, beside the glossary
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Document:
    """One source text and the catalog that holds its translation."""

    source: Path
    catalog: Path
    format: str | None = None  # a document format name; None: chosen by the source's extension


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
    words: Path | None = None  # ``[spelling] words`` as toolkit.toml sets it

    @property
    def tm_path(self) -> Path:
        """The translation memory file: ``[tm] path`` in toolkit.toml, else .toolkit/tm.sqlite in the project."""
        return self.tm or self.root / ".toolkit" / "tm.sqlite"

    @property
    def words_path(self) -> Path | None:
        """The word list the spelling check accepts words from: ``[spelling] words`` in toolkit.toml, else
        glossary/words.txt in the project; None outside a project."""
        if self.words is not None:
            return self.words
        return self.root / WORDS_FILE if self.found else None

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
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not a valid TOML file: {exc}", path=path) from exc
    validate(data, text, path)
    root = path.parent

    def paths(values: object) -> tuple[Path, ...]:
        if values is None:
            return ()
        return tuple(root / v for v in ([values] if isinstance(values, str) else values))

    project = data.get("project", {})
    documents = []
    for number, doc in enumerate(data.get("documents", []), start=1):
        if "source" not in doc or "catalog" not in doc:
            raise InputError(f"[[documents]] entry {number} needs 'source' and 'catalog'", path=path,
                             line=locate(text, ("documents",), None, number))
        if "format" in doc:
            _check_format(doc["format"], text, path, number)
        documents.append(Document(root / doc["source"], root / doc["catalog"], doc.get("format")))
    severity = dict(data.get("check", {}).get("severity", {}))
    for check_id, level in severity.items():
        if level not in SEVERITIES:
            raise InputError(f"[check.severity] {check_id} = {level!r}: use one of {', '.join(SEVERITIES)}",
                             path=path, line=locate(text, ("check", "severity"), check_id))
    score = data.get("score", {})
    tm_path = data.get("tm", {}).get("path")
    words = data.get("spelling", {}).get("words")
    return Config(
        root=root,
        documents=tuple(documents),
        glossary=paths(data.get("glossary", {}).get("paths")),
        references=paths(score.get("references")),
        drafts=paths(score.get("drafts")),
        severity=severity,
        source_language=project.get("source_language", "zh_CN"),
        target_language=project.get("target_language", "en"),
        project_name=project.get("name", root.name),
        found=True,
        tm=root / tm_path if tm_path else None,
        words=root / words if words else None,
    )


# The keys toolkit.toml may hold: a table is a dict of its keys, an array of tables a one-item list,
# a table of free keys (check ids) a set holding the type of its values.
PATHS = "a path or a list of paths"
TEXT = "a string"
PATH = "a path"
SCHEMA: dict = {
    "project": {"name": TEXT, "source_language": TEXT, "target_language": TEXT},
    "documents": [{"source": TEXT, "catalog": TEXT, "format": TEXT}],
    "glossary": {"paths": PATHS},
    "score": {"references": PATHS, "drafts": PATHS},
    "check": {"severity": {TEXT}},
    "spelling": {"words": PATH},
    "tm": {"path": PATH},
}


def validate(data: dict, text: str, path: Path) -> None:
    """Refuse unknown keys and tables (suggesting the nearest known name) and values of the wrong type."""
    _validate_table(data, SCHEMA, (), text, path, 1)


def _validate_table(table: dict, schema: dict, where: tuple[str, ...], text: str, path: Path,
                    occurrence: int, *, array: bool = False) -> None:
    for key, value in table.items():
        expected = schema.get(key)
        if expected is None:
            hint = _nearest(key, schema)
            if _is_table(value):
                name, hint = _table_name((*where, key), value), hint and _table_name((*where, hint), schema[hint])
                message = f"unknown table {name}"
            else:
                message = f"unknown key {key!r}" + (f" in {_table_name(where, [schema] if array else schema)}" if where else "")
            suggestion = f"did you mean {hint}?" if hint else f"known: {', '.join(schema)}"
            raise InputError(f"{message}: {suggestion}", path=path, line=locate(text, where, key, occurrence))
        _validate_value(value, expected, (*where, key), text, path, occurrence)


def _validate_value(value: object, expected: object, where: tuple[str, ...], text: str, path: Path,
                    occurrence: int) -> None:
    def wrong(kind: str) -> InputError:
        return InputError(f"'{'.'.join(where)}' must be {kind}", path=path,
                          line=locate(text, where[:-1], where[-1], occurrence))

    if isinstance(expected, dict):
        if not isinstance(value, dict):
            raise wrong("a table")
        _validate_table(value, expected, where, text, path, occurrence)
    elif isinstance(expected, list):
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise wrong(f"an array of tables, written [[{'.'.join(where)}]]")
        for number, item in enumerate(value, start=1):
            _validate_table(item, expected[0], where, text, path, number, array=True)
    elif isinstance(expected, set):
        if not isinstance(value, dict):
            raise wrong("a table")
        (kind,) = expected
        for key, item in value.items():
            _validate_value(item, kind, (*where, key), text, path, occurrence)
    elif expected == PATHS:
        if not (isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise wrong(PATHS)
    elif not isinstance(value, str):
        raise wrong(expected)


def _check_format(name: str, text: str, path: Path, occurrence: int) -> None:
    from toolkit.documents import FORMATS

    if name not in FORMATS:
        hint = _nearest(name, FORMATS)
        raise InputError(f"[[documents]] format {name!r}: " + (f"did you mean {hint!r}?" if hint else
                         f"use one of {', '.join(FORMATS)}"), path=path,
                         line=locate(text, ("documents",), "format", occurrence))


def _is_table(value: object) -> bool:
    return isinstance(value, dict) or isinstance(value, list) and bool(value) and all(
        isinstance(item, dict) for item in value)


def _table_name(where: tuple[str, ...], value: object) -> str:
    """A table as written in TOML: [check.severity], or [[documents]] for an array of tables."""
    name = ".".join(where)
    return f"[[{name}]]" if isinstance(value, list) else f"[{name}]"


def _nearest(name: str, known: dict) -> str | None:
    """The known name closest to a misspelt one (document → documents), if any is close."""
    candidates = list(known)
    shared = {c: len(os.path.commonprefix([c, name])) for c in candidates}
    best = max(candidates, key=shared.__getitem__, default=None)
    if best is not None and shared[best] >= 3:
        return best
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\- ]+?)\s*=""")


def locate(text: str, table: tuple[str, ...], key: str | None, occurrence: int = 1) -> int | None:
    """The line of ``key`` in ``table`` (its ``occurrence``-th instance for an array of tables), or of the
    table's header when ``key`` is None or names a table; None when it cannot be told (inline tables)."""
    current: tuple[str, ...] = ()
    seen: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            seen[current] = seen.get(current, 0) + 1
            if current in ((*table, key), table) and (key is None or current[-1] == key) \
                    and seen[current] == occurrence:
                return number
            continue
        match = _KEY.match(line)
        if match and key is not None:
            dotted = tuple(part.strip().strip("\"'") for part in match.group(1).split("."))
            full = current + dotted
            if (full == (*table, key) or full[: len(table) + 1] == (*table, key)) \
                    and seen.get(current, 1) == occurrence:
                return number
    return None
