"""How a term is used across catalogs: the consistency view of `glossary show`."""
from __future__ import annotations
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from toolkit.errors import UsageError

from toolkit.glossary.model import Glossary, Term



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
