"""Glossary lint: contradictions, duplicates and terms that can never match."""
from __future__ import annotations
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


from toolkit.english import analyse, same_phrase

from toolkit.glossary.model import Glossary, Term
from toolkit.glossary.usage import catalog_sources



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
