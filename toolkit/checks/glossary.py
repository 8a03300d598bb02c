"""Terminology: glossary terms in the source must appear with an approved rendering, never a forbidden one."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from toolkit.checks.registry import register
from toolkit.checks.runner import Context
from toolkit.po import Entry

if TYPE_CHECKING:
    from toolkit.glossary import Term


@register("glossary", "error")
def glossary(item: Entry, context: Context) -> Iterator[str]:
    """A glossary term in the source lacks every approved rendering in the translation, or a forbidden one is used."""
    matches = context.term_matches(item.msgid)
    if not matches:
        return
    lowered = item.msgstr.lower()
    seen = set()
    for match in matches:
        term = match.term
        if term.source in seen:
            continue
        seen.add(term.source)
        forbidden = context.glossary.forbidden_in(term, item.msgstr) if term.forbidden else []
        for wrong in forbidden:
            yield _forbidden_message(term, wrong)
        if not forbidden and not _verbatim(term.lowered_renderings, lowered) \
                and context.glossary.rendering_in(term, item.msgstr) is None:
            yield _expected_message(term)


# A term's messages are made once and shared by all its findings: a draft full of calques can have
# hundreds of thousands of them, and a note makes each message long.
@lru_cache(maxsize=8192)
def _forbidden_message(term: Term, wrong: str) -> str:
    return f"{term.source}: \"{wrong}\" is a forbidden rendering; use \"{term.target}\"{_note(term)}"


@lru_cache(maxsize=8192)
def _expected_message(term: Term) -> str:
    also = f" or {_quoted(term.variants)}" if term.variants else ""
    return f"{term.source}: expected \"{term.target}\"{also}{_note(term)}"


def _verbatim(renderings: tuple[str, ...], lowered: str) -> bool:
    """A rendering (lower-cased) present word for word in the lower-cased translation: the common case,
    decided without the glossary's inflection-tolerant analysis. Only a shortcut: when it says no,
    rendering_in decides."""
    for wanted in renderings:
        at = lowered.find(wanted)
        while at >= 0:
            end = at + len(wanted)
            if (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalnum()):
                return True
            at = lowered.find(wanted, at + 1)
    return False


def _note(term: Term) -> str:
    return f" ({term.note})" if term.note else ""


def _quoted(renderings: tuple[str, ...]) -> str:
    return ", ".join(f"\"{r}\"" for r in renderings)
