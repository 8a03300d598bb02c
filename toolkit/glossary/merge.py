"""Importing terms from outside: merged into the terms already there, never duplicated."""
from __future__ import annotations
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Callable, Iterable
from toolkit.english import same_phrase
from toolkit.errors import UsageError

from toolkit.glossary.csv_file import read_csv, term_row, write_csv
from toolkit.glossary.model import Glossary, Term



MERGED_FIELDS = ("target", "variants", "forbidden", "type", "note")


@dataclass(frozen=True)
class TermChange:
    """A term of the glossary and what an import makes of it (``fields``: what differs)."""

    old: Term
    new: Term
    fields: tuple[str, ...]


@dataclass(frozen=True)
class TermConflict:
    """An incoming term that contradicts the term before it (the glossary's, or an earlier row of the file):
    renderings one approves and the other forbids. It is not merged: which is right is a person's call."""

    old: Term
    new: Term
    forbidden_now: tuple[str, ...]  # approved by ``old``, forbidden by ``new``
    approved_now: tuple[str, ...]  # forbidden by ``old``, approved by ``new``

    def describe(self, where: Callable[[Term], str] = attrgetter("where")) -> str:
        """Each contradiction, the two terms placed by ``where`` (file:line as the caller shows paths)."""
        old, new = where(self.old), where(self.new)
        parts = [f"'{r}' is approved at {old}, forbidden at {new}" for r in self.forbidden_now]
        parts += [f"'{r}' is forbidden at {old}, approved at {new}" for r in self.approved_now]
        return "; ".join(parts)


@dataclass
class GlossaryMerge:
    """What importing a file into the glossary adds and changes; nothing is written until :func:`write_merge`."""

    add_to: Path
    added: list[Term] = field(default_factory=list)
    changed: list[TermChange] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[TermConflict] = field(default_factory=list)

    def as_dict(self) -> dict:
        def row(term: Term) -> dict[str, str]:
            return {"source": term.source, **term_row(term)}

        return {"add_to": str(self.add_to), "added": [row(t) for t in self.added],
                "changed": [{"old": row(c.old), "new": row(c.new), "fields": list(c.fields), "where": c.old.where}
                            for c in self.changed],
                "unchanged": self.unchanged,
                "conflicts": [{"source": c.old.source, "where": c.old.where, "incoming": c.new.where,
                               "conflict": c.describe()} for c in self.conflicts]}


def merge_glossary(glossary: Glossary, incoming: Iterable[Term], add_to: Path) -> GlossaryMerge:
    """Merge ``incoming`` terms into the glossary: a new source is added (to ``add_to``), a known one merged.

    Merging keeps every rendering: the incoming preferred rendering becomes the target, the old target
    and both lists of variants stay variants, forbidden renderings add up, a type other than the
    default and a non-empty note replace the old ones. A term that comes out the same is unchanged, so
    importing the glossary's own export changes nothing. A source whose incoming term forbids what the
    term before it approves, or approves what it forbids, is a conflict: left as it was (not added, if
    new), with every later row of that source.
    """
    merge = GlossaryMerge(add_to)
    pending: dict[str, Term] = {}  # source -> the term as merged so far (repeats in the file merge too)
    refused: set[str] = set()
    for term in incoming:
        if term.source in refused:
            continue
        old = pending.get(term.source) or glossary.by_source.get(term.source)
        if old is None:
            pending[term.source] = term
            continue
        conflict = _contradiction(old, term)
        if conflict is not None:
            merge.conflicts.append(conflict)
            refused.add(term.source)
            pending.pop(term.source, None)
            continue
        pending[term.source] = merged_term(old, term)
    for source, term in pending.items():
        old = glossary.by_source.get(source)
        if old is None:
            merge.added.append(term)
            continue
        fields = tuple(name for name in MERGED_FIELDS if getattr(old, name) != getattr(term, name))
        if fields:
            merge.changed.append(TermChange(old, term, fields))
        else:
            merge.unchanged += 1
    return merge


def _contradiction(old: Term, new: Term) -> TermConflict | None:
    """The conflict of ``new`` with ``old`` (renderings compared as the lint compares them: case and
    inflection ignored), or None."""
    def among(renderings: tuple[str, ...], others: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(r for r in renderings if any(same_phrase(r, other) for other in others))

    forbidden_now, approved_now = among(old.renderings, new.forbidden), among(new.renderings, old.forbidden)
    return TermConflict(old, new, forbidden_now, approved_now) if forbidden_now or approved_now else None


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
