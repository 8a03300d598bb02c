"""The glossary: fixed Chinese terms with approved English renderings, loaded from CSV or TBX, matched on both sides.

Chinese side: one Aho-Corasick automaton over every source term, so matching
costs time linear in the text whatever the glossary's size, and matches are
leftmost-longest (北京市总工会 hides the 总工会 and 工会 inside it).
English side: see toolkit.english; each rendering is analysed once, and a
translation only when some rendering asked about may be in it (a few substring
tests decide); then a lookup costs a few dictionary probes.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple

import ahocorasick

from toolkit.english import Phrase, Words, analyse, analyse_cached, folded_text, phrase, same_phrase
from toolkit.errors import InputError, UsageError
from toolkit.files import locked, write_text_atomic

if TYPE_CHECKING:
    from toolkit.config import Config

TERM_TYPES = ("term", "slogan", "idiom", "org", "place", "person", "title", "other")
COLUMNS = ("source", "target", "variants", "forbidden", "type", "note")
REQUIRED = ("source", "target")
SEPARATOR = "|"
GLOSSARY_SUFFIXES = (".csv", ".tbx")
PATTERN_AFTER = 16  # questions about a rendering answered by analysis before its pattern is compiled


@dataclass(frozen=True)
class Term:
    """One glossary entry: a Chinese term and how it may (and may not) be rendered."""

    source: str
    target: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    type: str = "term"
    note: str = ""
    path: str = ""
    line: int | None = None

    @cached_property
    def renderings(self) -> tuple[str, ...]:
        """Every approved rendering, the preferred one first."""
        return (self.target, *self.variants)

    @cached_property
    def lowered_renderings(self) -> tuple[str, ...]:
        """The renderings in lower case, as a check first looks for them word for word."""
        return tuple(rendering.lower() for rendering in self.renderings)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class TermMatch(NamedTuple):
    """A term found in a source text; ``source[start:end]`` is the term, so other checks can skip those characters.

    A named tuple: the checks make one per term occurrence, and a tuple is the cheapest record to make."""

    term: Term
    start: int
    end: int


class Glossary:
    """Terms in load order; the first term with a given source is the one matched."""

    def __init__(self, terms: Iterable[Term] = ()):
        self.terms: list[Term] = list(terms)
        self._phrases: dict[str, Phrase] = {}
        self._asked: Counter[str] = Counter()  # how often each rendering was to be settled by its pattern
        # A check asks rendering_in then forbidden_in for the same term and translation: compute once.
        self._occurrences = lru_cache(maxsize=64)(self._find_occurrences)

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> "Glossary":
        """Terms from CSV and TBX files, or from every such file in the folders given (sorted by name)."""
        terms: list[Term] = []
        for path in glossary_files(paths):
            terms.extend(read_glossary_file(path))
        return cls(terms)

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @cached_property
    def by_source(self) -> dict[str, Term]:
        """The matched term for each source string (the first loaded where a source is duplicated)."""
        found: dict[str, Term] = {}
        for term in self.terms:
            found.setdefault(term.source, term)
        return found

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        """Keys are the sources' UTF-8 bytes (one latin-1 character per byte), and so is each text searched.

        pyahocorasick scans a node's children one by one: over characters, the
        root of a 20,000-term glossary has thousands of children and every step
        of a search pays for them. Over UTF-8 bytes no node has more than 64,
        and as UTF-8 is self-synchronising a key only ever matches whole characters.
        """
        automaton = ahocorasick.Automaton()
        for source, term in self.by_source.items():
            key = _bytes(source)
            automaton.add_word(key, (len(key), term))
        automaton.make_automaton()
        return automaton

    def matches(self, source: str) -> list[TermMatch]:
        """Every term occurrence in the text, leftmost-longest: terms nested in a longer match do not count."""
        if not self.by_source or not source:
            return []
        encoded = _bytes(source)
        # Hits come in order of their end. Keep the leftmost-longest selection of the hits so far: a hit
        # starting inside a kept match is dropped, one starting before kept matches replaces them (it
        # starts further left or, at the same start, is longer). No sort, no tuple per nested hit.
        # (Not pyahocorasick's iter_long, which misses matches reached through failure links.)
        kept: list[tuple[int, int, Term]] = []  # (first byte, end byte, term)
        for last, (size, term) in self._automaton.iter(encoded):
            start = last + 1 - size
            keep = len(kept)
            while keep and kept[keep - 1][0] >= start:
                keep -= 1
            if keep and kept[keep - 1][1] > start:
                continue
            del kept[keep:]
            kept.append((start, last + 1, term))
        same_offsets = len(encoded) == len(source)  # all ASCII: byte offsets are character offsets
        chosen: list[TermMatch] = []
        covered_to = at = 0  # the end of the last match, in bytes and in characters
        for start, end, term in kept:
            at += start - covered_to if same_offsets else _characters(encoded[covered_to:start])
            chosen.append(TermMatch(term, at, at + len(term.source)))
            covered_to, at = end, at + len(term.source)
        return chosen

    def all_matches(self, text: str) -> list[Term]:
        """Every term occurring in the text, nested and overlapping ones included (for lint, not for checks)."""
        if not self.by_source or not text:
            return []
        return [term for _, (_, term) in self._automaton.iter(_bytes(text))]

    def occurring(self, texts: Iterable[str]) -> set[str]:
        """The sources of the terms that occur anywhere in the texts, nested occurrences included."""
        return {term.source for text in texts for term in self.all_matches(text)}

    def rendering_in(self, term: Term, translation: str) -> str | None:
        """The first approved rendering (target, then variants) present in the translation, or None.

        An occurrence lying inside a longer forbidden rendering does not count:
        with the variant "family" and the forbidden "maiden family", the text
        "maiden family" has no approved rendering.
        """
        candidates = self._candidates(term.renderings, translation)
        if not candidates:
            return None
        if self._surely_absent(term.forbidden, translation):  # then none can hide an approved one
            for rendering in candidates:
                found = self._settled(rendering, translation)
                if found is None:
                    break  # only the analysis can tell
                if found:
                    return rendering
            else:
                return None
        approved, _ = self._occurrences(term, translation)
        return next((rendering for rendering in term.renderings if rendering in approved), None)

    def forbidden_in(self, term: Term, translation: str) -> list[str]:
        """The forbidden renderings present in the translation (not counting those inside a longer approved one)."""
        if self._surely_absent(term.forbidden, translation):
            return []  # the translation need not be analysed for the approved ones
        _, forbidden = self._occurrences(term, translation)
        return [rendering for rendering in term.forbidden if rendering in forbidden]

    def _phrase(self, rendering: str) -> Phrase:
        found = self._phrases.get(rendering)
        if found is None:
            found = self._phrases[rendering] = phrase(rendering)
        return found

    def _find_occurrences(self, term: Term, translation: str) -> tuple[set[str], set[str]]:
        """Approved and forbidden renderings present, where an occurrence inside a longer one of the other kind is dropped.

        Renderings surely absent are left out before the translation is analysed (often it need not be).
        """
        approved = self._candidates(term.renderings, translation)
        forbidden = self._candidates(term.forbidden, translation)
        if not approved and not forbidden:
            return set(), set()
        words = analyse_cached(translation)
        approved_spans = self._spans(approved, words)
        forbidden_spans = self._spans(forbidden, words)
        return _outside(approved_spans, forbidden_spans), _outside(forbidden_spans, approved_spans)

    def _candidates(self, renderings: tuple[str, ...], translation: str) -> list[str]:
        """The renderings that may occur in the translation (the others surely do not)."""
        if not renderings:
            return []
        folded = folded_text(translation)
        return [rendering for rendering in renderings if self._phrase(rendering).may_occur_in(folded)]

    def _surely_absent(self, renderings: tuple[str, ...], translation: str) -> bool:
        """None of the renderings is in the translation, as settled without analysing it."""
        if not renderings:
            return True
        folded = folded_text(translation)
        for rendering in renderings:
            found = self._phrase(rendering)
            if found.may_occur_in(folded) and self._settled(rendering, translation) is not False:
                return False
        return True

    def _settled(self, rendering: str, translation: str) -> bool | None:
        """Phrase.found_in, once the rendering has been asked about often enough to repay compiling its
        pattern (about a millisecond, the cost of some 25 analyses); before that, None (ask the analysis)."""
        self._asked[rendering] += 1
        return self._phrase(rendering).found_in(translation) if self._asked[rendering] > PATTERN_AFTER else None

    def _spans(self, renderings: Iterable[str], words: Words) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        for rendering in renderings:
            wanted = self._phrase(rendering).words
            starts = words.find(wanted)
            if starts:
                found[rendering] = [(start, start + len(wanted)) for start in starts]
        return found


def _outside(spans: dict[str, list[tuple[int, int]]], others: dict[str, list[tuple[int, int]]]) -> set[str]:
    """Renderings with at least one occurrence not strictly inside a longer occurrence from ``others``."""
    covers = [span for found in others.values() for span in found]

    def inside(start: int, end: int) -> bool:
        return any(o_start <= start and end <= o_end and o_end - o_start > end - start for o_start, o_end in covers)

    return {rendering for rendering, found in spans.items() if any(not inside(*span) for span in found)}


def _bytes(text: str) -> str:
    """The text's UTF-8 bytes as latin-1 characters: what the automaton's keys are made of."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def _characters(encoded: str) -> int:
    """How many characters the bytes of ``_bytes(text)`` stand for."""
    return len(encoded.encode("latin-1").decode("utf-8", "surrogatepass"))


def load_glossary(paths: Iterable[str | Path] | None, config: "Config | None" = None) -> Glossary:
    """The glossary from the paths given, else the project's configured glossary, else an empty one."""
    paths = list(paths or ())
    if not paths and config is not None:
        paths = list(config.glossary)
    return Glossary.load(paths)


def glossary_files(paths: Iterable[str | Path]) -> list[Path]:
    """Glossary files named directly, or the CSV and TBX files in the folders named."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in GLOSSARY_SUFFIXES))
        elif not path.exists():
            raise InputError("no such file or folder", path=path)
        elif path.suffix.lower() not in GLOSSARY_SUFFIXES:
            raise InputError("not a glossary: expected a .csv or .tbx file", path=path)
        else:
            files.append(path)
    return files


def read_glossary_file(path: Path) -> list[Term]:
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    from toolkit.formats import format_for_path

    return format_for_path(path, "terms").read(path)


# --- CSV -------------------------------------------------------------------------------------


def read_csv(path: str | Path) -> list[Term]:
    """Terms from a glossary CSV (UTF-8, BOM accepted); any malformed row is an InputError at its line."""
    path = Path(path)
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text), strict=True)
    header_line = 0
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        header_line = reader.line_num
    except csv.Error as exc:
        raise InputError(f"CSV syntax error: {exc}", path=path, line=reader.line_num) from exc
    if header is None:
        return []
    columns = _columns(header, path, header_line)
    terms: list[Term] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise InputError(f"CSV syntax error: {exc}", path=path, line=line) from exc
        if row is None:
            return terms
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"expected {len(header)} fields as in the header, found {len(row)}", path=path, line=line)
        terms.append(term_from_row(dict(zip(columns, row)), path, line))


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    if b"\0" in raw:
        raise InputError("binary file, not a UTF-8 CSV glossary", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not valid UTF-8 (save the glossary as UTF-8 CSV)", path=path, line=line) from exc


def _columns(header: list[str], path: Path, line: int) -> list[str]:
    """Column names in file order (lower case); unknown columns are kept under their own names and ignored."""
    columns = [name.strip().lower() for name in header]
    for name in columns:
        if name and columns.count(name) > 1:
            raise InputError(f"column '{name}' appears twice in the header", path=path, line=line)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise InputError(
            f"header lacks the required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(columns: {', '.join(COLUMNS)})", path=path, line=line)
    return columns


def term_from_row(row: dict[str, str], path: Path, line: int) -> Term:
    """A term from a row of named cells (CSV or sheet), checked; a bad row is an InputError at its line."""
    values = {name: " ".join(row.get(name, "").split()) for name in COLUMNS}
    for name in REQUIRED:
        if not values[name]:
            raise InputError(f"empty '{name}': every term needs a source and a target", path=path, line=line)
    kind = values["type"].lower() or "term"
    if kind not in TERM_TYPES:
        raise InputError(f"type '{values['type']}' is not one of {', '.join(TERM_TYPES)}", path=path, line=line)
    return Term(
        source=values["source"], target=values["target"], variants=split_list(values["variants"]),
        forbidden=split_list(values["forbidden"]), type=kind, note=values["note"], path=str(path), line=line,
    )


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(SEPARATOR) if part.strip())


def term_row(term: Term) -> dict[str, str]:
    return {"source": term.source, "target": term.target, "variants": SEPARATOR.join(term.variants),
            "forbidden": SEPARATOR.join(term.forbidden), "type": term.type, "note": term.note}


def csv_text(terms: Iterable[Term]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(term_row(term) for term in terms)
    return out.getvalue()


def write_csv(terms: Iterable[Term], path: str | Path) -> None:
    write_text_atomic(path, csv_text(terms))


def append_term(term: Term, path: str | Path, glossary: Glossary) -> None:
    """Add a row to a glossary CSV (created if missing), in the file's own column order and line endings.

    A source already in the glossary is refused, and so is a file that does not load cleanly.
    """
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise UsageError("terms are added to a .csv glossary", path=path)
    with locked(path):  # from reading the file to writing it
        _append_row(term, path, glossary)


def _append_row(term: Term, path: Path, glossary: Glossary) -> None:
    in_file = read_csv(path) if path.exists() else []
    existing = glossary.by_source.get(term.source) or next((t for t in in_file if t.source == term.source), None)
    if existing is not None:
        raise UsageError(f"'{term.source}' is already in the glossary at {existing.where}")
    for rendering in (*term.renderings, *term.forbidden):
        if SEPARATOR in rendering:
            raise UsageError(f"'{rendering}': a rendering cannot contain '{SEPARATOR}' (the list separator)")
    if not path.exists():
        write_csv([term], path)
        return
    text = _read_text(path)
    header = next(csv.reader(io.StringIO(text)))
    newline = "\r\n" if "\r\n" in text else "\n"
    row = term_row(term)
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerow([row.get(name.strip().lower(), "") for name in header])
    if text and not text.endswith(("\n", "\r")):
        text += newline
    write_text_atomic(path, ("\ufeff" if path.read_bytes().startswith(b"\xef\xbb\xbf") else "") + text
                      + out.getvalue())


# --- import: merging terms from outside ------------------------------------------------------

MERGED_FIELDS = ("target", "variants", "forbidden", "type", "note")


@dataclass(frozen=True)
class TermChange:
    """A term of the glossary and what an import makes of it (``fields``: what differs)."""

    old: Term
    new: Term
    fields: tuple[str, ...]


@dataclass
class GlossaryMerge:
    """What importing a file into the glossary adds and changes; nothing is written until :func:`write_merge`."""

    add_to: Path
    added: list[Term] = field(default_factory=list)
    changed: list[TermChange] = field(default_factory=list)
    unchanged: int = 0

    def as_dict(self) -> dict:
        def row(term: Term) -> dict[str, str]:
            return {"source": term.source, **term_row(term)}

        return {"add_to": str(self.add_to), "added": [row(t) for t in self.added],
                "changed": [{"old": row(c.old), "new": row(c.new), "fields": list(c.fields), "where": c.old.where}
                            for c in self.changed],
                "unchanged": self.unchanged}


def merge_glossary(glossary: Glossary, incoming: Iterable[Term], add_to: Path) -> GlossaryMerge:
    """Merge ``incoming`` terms into the glossary: a new source is added (to ``add_to``), a known one merged.

    Merging keeps every rendering: the incoming preferred rendering becomes the target, the old target
    and both lists of variants stay variants, forbidden renderings add up (none that is approved), a
    type other than the default and a non-empty note replace the old ones. A term that comes out the
    same is unchanged, so importing the glossary's own export changes nothing.
    """
    merge = GlossaryMerge(add_to)
    pending: dict[str, Term] = {}  # source -> the term as merged so far (repeats in the file merge too)
    originals: dict[str, Term] = {}
    for term in incoming:
        old = pending.get(term.source) or glossary.by_source.get(term.source)
        if old is None:
            pending[term.source] = term
            continue
        originals.setdefault(term.source, old)
        pending[term.source] = merged_term(old, term)
    for source, term in pending.items():
        old = originals.get(source, glossary.by_source.get(source))
        if old is None:
            merge.added.append(term)
            continue
        fields = tuple(name for name in MERGED_FIELDS if getattr(old, name) != getattr(term, name))
        if fields:
            merge.changed.append(TermChange(old, term, fields))
        else:
            merge.unchanged += 1
    return merge


def merged_term(old: Term, new: Term) -> Term:
    approved = _unique((new.target, *new.variants, old.target, *old.variants))
    forbidden = tuple(f for f in _unique((*old.forbidden, *new.forbidden)) if f not in approved)
    return Term(source=old.source, target=approved[0], variants=approved[1:], forbidden=forbidden,
                type=new.type if new.type != "term" else old.type, note=new.note or old.note,
                path=old.path, line=old.line)


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text for text in texts if text))


def write_merge(merge: GlossaryMerge, *, dry_run: bool = False) -> list[Path]:
    """Rewrite each CSV holding a changed term, and add new terms to ``merge.add_to``; return the files
    written (to be written, with ``dry_run``).

    Everything is checked before the first file is written: a changed term in a TBX file is a UsageError.
    """
    by_file: dict[Path, dict[str, Term]] = {}
    for change in merge.changed:
        path = Path(change.old.path)
        if path.suffix.lower() != ".csv":
            raise UsageError(f"'{change.old.source}' would change, but it is in a {path.suffix} glossary; "
                             f"keep the glossary in CSV to merge into it", path=path)
        by_file.setdefault(path, {})[change.old.source] = change.new
    if merge.added:
        by_file.setdefault(merge.add_to, {})
    plans = []
    for path, replacements in by_file.items():
        terms = read_csv(path) if path.exists() else []
        done: set[str] = set()
        rewritten = []
        for term in terms:
            if term.source in replacements and term.source not in done:
                done.add(term.source)
                rewritten.append(replacements[term.source])
            else:
                rewritten.append(term)
        if path == merge.add_to:
            rewritten.extend(merge.added)
        plans.append((path, rewritten))
    if not dry_run:
        for path, terms in plans:
            write_csv(terms, path)
    return [path for path, _ in plans]


# --- lint --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LintFinding:
    """One problem in the glossary, located at the row of the term concerned."""

    severity: str  # error, warning or info
    code: str
    message: str
    term: Term

    def as_dict(self) -> dict:
        return {"path": self.term.path, "line": self.term.line, "severity": self.severity, "code": self.code,
                "source": self.term.source, "message": self.message}


LINT_CODES = {
    "duplicate-source": "error",
    "empty-rendering": "error",
    "allowed-and-forbidden": "error",
    "variant-equals-target": "warning",
    "nested-contradiction": "warning",
    "unused": "info",
}


def lint_glossary(glossary: Glossary, *, catalogs: Iterable[str | Path] | None = None) -> list[LintFinding]:
    """Inconsistencies within the glossary; given catalogs, also the terms that never occur in them.

    Renderings are compared the way translations are matched (case, quotes,
    hyphens and inflection ignored), so "model workers" duplicates "model worker".
    """
    findings: list[LintFinding] = []

    def report(code: str, term: Term, message: str) -> None:
        findings.append(LintFinding(LINT_CODES[code], code, message, term))

    first: dict[str, Term] = {}
    for term in glossary.terms:
        if term.source in first:
            report("duplicate-source", term, f"'{term.source}' is also defined at {first[term.source].where}")
        first.setdefault(term.source, term)
        for rendering in (*term.renderings, *term.forbidden):
            if not len(analyse(rendering)):
                report("empty-rendering", term, f"'{rendering}' has no words: give a real rendering")
        for number, variant in enumerate(term.variants):
            earlier = term.renderings[: number + 1]
            same = next((other for other in earlier if same_phrase(variant, other)), None)
            if same is not None:
                report("variant-equals-target", term,
                       f"variant '{variant}' matches '{same}' already (case and inflection are ignored)")
        for rendering in term.forbidden:
            allowed = next((other for other in term.renderings if same_phrase(rendering, other)), None)
            if allowed is not None:
                report("allowed-and-forbidden", term, f"'{rendering}' is forbidden but '{allowed}' is approved")
    findings.extend(_nested_contradictions(glossary))
    if catalogs is not None:
        occurring = glossary.occurring(catalog_sources(catalogs))
        findings.extend(LintFinding("info", "unused", f"'{term.source}' does not occur in any catalog", term)
                        for term in glossary.by_source.values() if term.source not in occurring)
    return sorted(findings, key=lambda f: (f.term.path, f.term.line or 0))


def _nested_contradictions(glossary: Glossary) -> list[LintFinding]:
    """A term inside a longer term whose target contains none of the shorter term's renderings."""
    found = []
    for outer in glossary.by_source.values():
        inner_terms = {term.source: term for term in glossary.all_matches(outer.source) if term is not outer}
        for inner in inner_terms.values():
            if glossary.rendering_in(inner, outer.target) is None:
                found.append(LintFinding(
                    "warning", "nested-contradiction",
                    f"'{inner.source}' ({inner.target}) occurs in '{outer.source}' but its rendering "
                    f"is not in '{outer.target}' ({inner.where})", outer))
    return found


# --- consistency view --------------------------------------------------------------------------


@dataclass(frozen=True)
class TermUse:
    """One catalog segment containing a term, and how its translation renders it."""

    path: str
    line: int
    msgid: str
    msgstr: str
    status: str
    rendering: str | None
    forbidden: tuple[str, ...]


def catalog_sources(catalogs: Iterable[str | Path]) -> list[str]:
    """The source text of every live segment in the catalogs."""
    from toolkit.po import read_entries

    return [entry.msgid for path in catalogs for entry in read_entries(path, str(path), words=False)[0]]


def find_term(glossary: Glossary, query: str) -> Term:
    """The term whose source is the query, else the one term whose source or renderings contain it."""
    exact = glossary.by_source.get(query.strip())
    if exact is not None:
        return exact
    needle = query.strip().casefold()
    found = [term for term in glossary.by_source.values()
             if needle and any(needle in text.casefold() for text in (term.source, *term.renderings))]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"no term matches '{query}'")
    names = ", ".join(term.source for term in found[:8]) + (", …" if len(found) > 8 else "")
    raise UsageError(f"'{query}' matches {len(found)} terms ({names}): give the exact source")


def term_usage(glossary: Glossary, term: Term, catalogs: Iterable[str | Path]) -> list[TermUse]:
    """Every live segment where the term is matched (leftmost-longest), with the rendering its translation uses."""
    from toolkit.po import read_entries

    uses = []
    for path in catalogs:
        for entry in read_entries(path, str(path), words=False)[0]:
            if term.source not in entry.msgid or all(m.term is not term for m in glossary.matches(entry.msgid)):
                continue
            uses.append(TermUse(
                path=entry.path, line=entry.line, msgid=entry.msgid, msgstr=entry.msgstr, status=entry.status,
                rendering=glossary.rendering_in(term, entry.msgstr) if entry.msgstr else None,
                forbidden=tuple(glossary.forbidden_in(term, entry.msgstr)) if entry.msgstr else ()))
    return uses
