"""Reading references and drafts into aligned segments, from PO catalogs or plain text.

PO catalogs are matched by msgctxt + msgid, so a draft may hold its entries in
any order, miss some or have extra ones. Plain text files are aligned line by
line and read exactly as the sacrebleu command line reads them (split on
"\\n" only, trailing white space stripped), so that scores agree to the digit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from toolkit.po import FUZZY, TRANSLATED, Key, read_entries
from toolkit.errors import InputError, UsageError

CATALOG_SUFFIXES = (".po", ".pot")


@dataclass(frozen=True)
class Segment:
    """One unit of scoring: where the first reference holding it has it, and its Chinese source if known."""

    path: str
    line: int
    source: str | None = None
    context: str | None = None

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Draft:
    """A draft's text for every segment, in segment order ('' where it has none)."""

    name: str
    path: str
    hypotheses: list[str]
    missing: int = 0  # segments the draft lacks or leaves untranslated: scored as empty
    fuzzy: int = 0  # fuzzy entries: scored as written


@dataclass
class ScoringSet:
    segments: list[Segment]
    references: list[list[str | None]]  # one stream per reference file, as sacrebleu takes them
    reference_paths: list[str]
    drafts: list[Draft]
    warnings: list[str] = field(default_factory=list)

    @property
    def has_source(self) -> bool:
        """Only catalogs carry the Chinese source that terminology scoring needs."""
        return bool(self.segments) and self.segments[0].source is not None


def is_catalog(path: Path) -> bool:
    return path.suffix.lower() in CATALOG_SUFFIXES


def load_scoring_set(references: Sequence[Path], drafts: Sequence[Path]) -> ScoringSet:
    """Read every reference and draft and align them segment by segment."""
    references, drafts = [Path(p) for p in references], [Path(p) for p in drafts]
    if not references:
        raise UsageError("no reference: give --ref FILE or set [score] references in toolkit.toml")
    if not drafts:
        raise UsageError("no draft to score: name DRAFT files or set [score] drafts in toolkit.toml")
    kinds = {is_catalog(path) for path in (*references, *drafts)}
    if len(kinds) > 1:
        raise UsageError("references and drafts mix PO catalogs and plain text: give all as .po, "
                         "or all as text files with one segment per line")
    resolved = [path.resolve() for path in drafts]
    repeated = next((path for path, full in zip(drafts, resolved) if resolved.count(full) > 1), None)
    if repeated is not None:
        raise UsageError("draft given twice", path=repeated)
    load = _from_catalogs if kinds == {True} else _from_plain_text
    return load(references, drafts, _draft_names(drafts))


def _draft_names(paths: list[Path]) -> list[str]:
    """File stems, or the paths as given where two drafts share a stem."""
    stems = [p.stem for p in paths]
    return [stem if stems.count(stem) == 1 else str(path) for stem, path in zip(stems, paths)]


# --- PO catalogs -----------------------------------------------------------------------------


def _from_catalogs(reference_paths: list[Path], draft_paths: list[Path], names: list[str]) -> ScoringSet:
    warnings: list[str] = []
    approved: list[dict[Key, str]] = []
    first_seen: dict[Key, Segment] = {}
    for path in reference_paths:
        entries, _ = read_entries(path, str(path), words=False)
        if not entries:
            raise InputError("reference catalog has no entries", path=path)
        usable = {}
        unusable = []
        for entry in entries:
            if entry.status == TRANSLATED:
                key = (entry.msgctxt, entry.msgid)
                usable[key] = entry.msgstr
                first_seen.setdefault(key, Segment(str(path), entry.line, entry.msgid, entry.msgctxt))
            else:
                unusable.append(entry)
        if unusable:
            warnings.append(f"{path}:{unusable[0].line}: {len(unusable)} of {len(entries)} reference entries "
                            "are untranslated or fuzzy; they are not used as references")
        approved.append(usable)
    if not first_seen:
        raise InputError("no translated entry in the reference: nothing to score against",
                         path=reference_paths[0] if len(reference_paths) == 1 else None)
    keys = list(first_seen)
    references = [[usable.get(key) for key in keys] for usable in approved]
    drafts = [_catalog_draft(path, name, keys) for path, name in zip(draft_paths, names)]
    return ScoringSet([first_seen[k] for k in keys], references, [str(p) for p in reference_paths], drafts, warnings)


def _catalog_draft(path: Path, name: str, keys: list[Key]) -> Draft:
    index = {(entry.msgctxt, entry.msgid): entry for entry in read_entries(path, str(path), words=False)[0]}
    if not index:
        raise InputError("empty draft: the catalog has no entries", path=path)
    if not any(key in index for key in keys):
        raise InputError("no segment in common with the reference (same msgctxt and msgid): "
                         "is it a draft of another text?", path=path)
    hypotheses, missing, fuzzy = [], 0, 0
    for key in keys:
        entry = index.get(key)
        text = entry.msgstr if entry is not None else ""
        if not text:
            missing += 1
        elif entry.status == FUZZY:
            fuzzy += 1
        hypotheses.append(text)
    if missing == len(keys):
        raise InputError(f"empty draft: none of the {len(keys)} reference segments is translated", path=path)
    return Draft(name, str(path), hypotheses, missing, fuzzy)


# --- plain text ------------------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    """One segment per line, as the sacrebleu command line reads a file."""
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a file", path=path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("not valid UTF-8", path=path, line=raw[: exc.start].count(b"\n") + 1) from exc
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def _from_plain_text(reference_paths: list[Path], draft_paths: list[Path], names: list[str]) -> ScoringSet:
    streams = [read_lines(path) for path in reference_paths]
    expected = len(streams[0])
    if expected == 0:
        raise InputError("empty reference: no lines to score against", path=reference_paths[0])
    for path, stream in zip(reference_paths[1:], streams[1:]):
        _check_line_count(path, stream, reference_paths[0], expected)
    warnings = []
    for path, stream in zip(reference_paths, streams):
        blank = [number for number, line in enumerate(stream, start=1) if not line]
        if blank:
            warnings.append(f"{path}:{blank[0]}: {len(blank)} blank reference lines; they are not used as references")
    kept = [i for i in range(expected) if any(stream[i] for stream in streams)]
    if not kept:
        raise InputError("every reference line is blank: nothing to score against", path=reference_paths[0])
    segments = [Segment(str(reference_paths[0]), i + 1) for i in kept]
    references = [[stream[i] or None for i in kept] for stream in streams]
    drafts = []
    for path, name in zip(draft_paths, names):
        lines = read_lines(path)
        _check_line_count(path, lines, reference_paths[0], expected)
        hypotheses = [lines[i] for i in kept]
        missing = sum(1 for text in hypotheses if not text)
        if missing == len(hypotheses):
            raise InputError(f"empty draft: all {len(hypotheses)} lines are blank", path=path)
        drafts.append(Draft(name, str(path), hypotheses, missing))
    return ScoringSet(segments, references, [str(p) for p in reference_paths], drafts, warnings)


def _check_line_count(path: Path, lines: list[str], reference: Path, expected: int) -> None:
    if len(lines) != expected:
        raise InputError(f"{_lines(len(lines))}, but the reference {reference} has {expected}: "
                         "plain text files must hold one segment per line, in the same order", path=path)


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"
