"""Terminology: glossary terms in the source must appear with an approved rendering, never a forbidden one."""
from __future__ import annotations

import re
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
    for short, message in _outcomes(item, context):
        if not short:
            yield message


@register("glossary-short-form", "warning")
def glossary_short_form(item: Entry, context: Context) -> Iterator[str]:
    """A name from the glossary (an institution, a place) is in the translation only by its head noun, as a
    later mention may be ("the bureau" for National Bureau of Statistics): right unless this is the first."""
    for short, message in _outcomes(item, context):
        if short:
            yield message


def _outcomes(item: Entry, context: Context) -> list[tuple[bool, str]]:
    """(short form?, message) for the entry's terms, worked out once for the two checks above."""
    last = context.last_terms
    if last is not None and last[0] is item:
        return last[1]
    found = list(_term_outcomes(item, context))
    context.last_terms = (item, found)
    return found


def _term_outcomes(item: Entry, context: Context) -> Iterator[tuple[bool, str]]:
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
            yield False, _forbidden_message(term, wrong)
        if not forbidden and not _verbatim(term.lowered_renderings, lowered) \
                and context.glossary.rendering_in(term, item.msgstr) is None:
            short = _short_form_in(term, lowered)
            yield (True, _short_message(term, short)) if short else (False, _expected_message(term))


# Words a proper name's rendering may hold in lower case (Bureau of Statistics, Federation of Trade Unions).
NAME_FUNCTION_WORDS = frozenset("of for the on in at to".split())
# The generic nouns that head the names of institutions and places, by which a later mention names them.
GENERIC_HEADS = frozenset("""bureau administration agency authority office department ministry commission committee
    council congress federation union association society league company corporation group bank fund foundation
    institute university college school academy hospital centre center museum library court procuratorate
    government headquarters station county district city province prefecture region village town township
    municipality banner park zone cooperative factory plant farm newspaper""".split())


@lru_cache(maxsize=8192)
def _head_nouns(term: Term) -> tuple[str, ...]:
    """The generic head nouns of a term's renderings that are proper names of two words or more: the word
    before "of" (Bureau in National Bureau of Statistics), else the last (County in Huayuan County); none for
    a pairing (Beijing and Inner Mongolia)."""
    heads = []
    for rendering in term.renderings:
        words = rendering.split()
        if len(words) < 2 or not all(word[:1].isupper() or word in NAME_FUNCTION_WORDS for word in words):
            continue
        head = (words[words.index("of", 1) - 1] if "of" in words[1:] else words[-1]).lower()
        if head in GENERIC_HEADS:
            heads.append(head)
    return tuple(dict.fromkeys(heads))


def _short_form_in(term: Term, lowered: str) -> str | None:
    """"the bureau" (or "the statistics bureau") where the translation names the term so."""
    for head in _head_nouns(term):
        found = re.search(rf"\bthe (?:[a-z-]+ )?{head}(?!s\b)\b", lowered)
        if found:
            return found.group()
    return None


# A term's messages are made once and shared by all its findings: a draft full of calques can have
# hundreds of thousands of them, and a note makes each message long.
@lru_cache(maxsize=8192)
def _forbidden_message(term: Term, wrong: str) -> str:
    return f"{term.source}: \"{wrong}\" is a forbidden rendering; use \"{term.target}\"{_note(term)}"


def _short_message(term: Term, short: str) -> str:
    return f"{term.source}: only \"{short}\" here, not \"{term.target}\": fine after a first mention"


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
