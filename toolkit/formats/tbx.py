"""TBX-Basic export and import, so the glossary travels to and from memoQ, Trados and OmegaT termbases.

Export writes TBX-Basic v2 (``<martif>``, ``termEntry``/``langSet``/``tig``), which
all three exchange; import also reads TBX v3 (``<tbx>``, ``conceptEntry``/``langSec``/
``termSec``). The preferred English term is the target, admitted ones are variants,
deprecated or superseded ones are forbidden. The term type travels as a
``type: …`` note so the file stays valid TBX-Basic.

TBX files come from outside, so they are parsed with defusedxml: a file that
declares entities (the billion-laughs bomb and external-entity tricks both need
one) is refused rather than expanded or fetched.
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import xml.sax
import xml.sax.handler
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import defusedxml
import defusedxml.sax

from toolkit.errors import InputError
from toolkit.files import write_text_atomic
from toolkit.formats.base import InterchangeFormat, bcp47
from toolkit.glossary import TERM_TYPES, Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = "administrativeStatus"
PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"
FORBIDDEN_STATUSES = {DEPRECATED, "supersededTerm-admn-sts", "deprecated", "superseded", "forbidden"}
TYPE_NOTE = "type: "
ENTRY_ELEMENTS = {"termEntry", "conceptEntry"}
LANG_ELEMENTS = {"langSet", "langSec"}
TERM_ELEMENTS = {"tig", "ntig", "termSec"}


class Tbx(InterchangeFormat):
    name = "tbx"
    extensions = (".tbx",)
    carries = "terms"

    def read(self, path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> list[Term]:
        return read_tbx(path, source_lang=source_lang.split("_")[0], target_lang=target_lang.split("_")[0])

    def write(self, items: Iterable[Term], path: Path, *, source_lang: str = "zh", target_lang: str = "en",
              title: str = "glossary") -> int:
        """TBX-Basic v2; the title is the project's name where the CLI knows it."""
        terms = list(items)
        write_text_atomic(path, tbx_text(terms, title=title, source_lang=bcp47(source_lang),
                                         target_lang=bcp47(target_lang)))
        return len(terms)


# --- export ----------------------------------------------------------------------------------


def tbx_text(terms: Iterable[Term], *, title: str = "glossary", source_lang: str = "zh",
             target_lang: str = "en") -> str:
    """The terms as a TBX-Basic v2 document."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: target_lang})
    header = ET.SubElement(ET.SubElement(martif, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "titleStmt"), "title").text = title
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = "Exported from a zh-en toolkit glossary"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for number, term in enumerate(terms, start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"term-{number}"})
        ET.SubElement(entry, "note").text = TYPE_NOTE + term.type
        if term.note:
            ET.SubElement(entry, "note").text = term.note
        ET.SubElement(ET.SubElement(entry, "langSet", {XML_LANG: source_lang}), "tig").append(_term(term.source))
        english = ET.SubElement(entry, "langSet", {XML_LANG: target_lang})
        statuses = [(term.target, PREFERRED)] + [(v, ADMITTED) for v in term.variants]
        statuses += [(f, DEPRECATED) for f in term.forbidden]
        for rendering, status in statuses:
            tig = ET.SubElement(english, "tig")
            tig.append(_term(rendering))
            ET.SubElement(tig, "termNote", {"type": STATUS}).text = status
    ET.indent(martif)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
            + ET.tostring(martif, encoding="unicode") + "\n")


def _term(text: str) -> ET.Element:
    element = ET.Element("term")
    element.text = text
    return element


# --- import ----------------------------------------------------------------------------------


@dataclass
class _Rendering:
    text: str = ""
    status: str = ""
    line: int = 0


@dataclass
class _Entry:
    line: int
    notes: list[str] = field(default_factory=list)
    languages: dict[str, list[_Rendering]] = field(default_factory=dict)
    unlabelled: int = 0  # the line of a langSet without xml:lang, if any


class _TbxHandler(xml.sax.ContentHandler):
    """Collects entries, each with its notes and its terms per language, and the line where each starts."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[_Entry] = []
        self.root: str | None = None
        self._entry: _Entry | None = None
        self._lang: str | None = None
        self._rendering: _Rendering | None = None
        self._text: list[str] | None = None
        self._note_type: str | None = None

    def _line(self) -> int:
        return self._locator.getLineNumber() if self._locator else 0

    def startElement(self, name: str, attrs) -> None:
        if self.root is None:
            self.root = name
        if name in ENTRY_ELEMENTS:
            self._entry = _Entry(self._line())
        elif name in LANG_ELEMENTS and self._entry is not None:
            self._lang = attrs.get("xml:lang", "").strip().lower().replace("_", "-")
            if not self._lang and not self._entry.unlabelled:
                self._entry.unlabelled = self._line()
        elif name in TERM_ELEMENTS and self._entry is not None and self._lang is not None:
            self._rendering = _Rendering(line=self._line())
        elif name in ("term", "note", "termNote", "descrip") and self._entry is not None:
            self._text, self._note_type = [], attrs.get("type")

    def characters(self, content: str) -> None:
        if self._text is not None:
            self._text.append(content)

    def endElement(self, name: str) -> None:
        entry, rendering = self._entry, self._rendering
        if self._text is not None and name in ("term", "note", "termNote", "descrip"):
            text = " ".join("".join(self._text).split())
            self._text = None
            if name == "term" and rendering is not None:
                rendering.text = text
            elif name == "termNote" and self._note_type == STATUS and rendering is not None:
                rendering.status = text
            elif (name == "note" or self._note_type == "definition") and text and entry is not None:
                entry.notes.append(text)
        elif name in TERM_ELEMENTS and rendering is not None and entry is not None and self._lang is not None:
            if rendering.text:
                entry.languages.setdefault(self._lang, []).append(rendering)
            self._rendering = None
        elif name in LANG_ELEMENTS:
            self._lang = None
        elif name in ENTRY_ELEMENTS and entry is not None:
            self.entries.append(entry)
            self._entry = None


def read_tbx(path: str | Path, *, source_lang: str = "zh", target_lang: str = "en") -> list[Term]:
    """Terms from a TBX file: one per source-language term; an entry that cannot be the glossary's (see
    :func:`_entry_terms`), or a file with entries but none in these languages, is an error."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    handler = _TbxHandler()
    try:
        source = xml.sax.InputSource(str(path))
        source.setByteStream(io.BytesIO(raw))
        _parser(handler).parse(source)
    except defusedxml.EntitiesForbidden as exc:
        raise InputError(f"refused: the file declares the XML entity '{exc.name}' "
                         "(entity expansion and external entities are not accepted)", path=path) from exc
    except xml.sax.SAXParseException as exc:
        raise InputError(f"not well-formed XML: {exc.getMessage()}", path=path, line=exc.getLineNumber()) from exc
    if handler.root not in ("martif", "tbx"):
        raise InputError(f"not a TBX file: the root element is <{handler.root}>, not <martif> or <tbx>", path=path)
    terms: list[Term] = []
    for entry in handler.entries:
        terms.extend(_entry_terms(entry, path, source_lang, target_lang))
    if handler.entries and not terms:
        languages = sorted({code for entry in handler.entries for code in entry.languages})
        count = len(handler.entries)
        raise InputError(f"no {source_lang}-{target_lang} terms among its {count} entr{'y' if count == 1 else 'ies'} "
                         f"(languages found: {', '.join(languages) or 'none'})", path=path)
    return terms


def _parser(handler: xml.sax.ContentHandler) -> xml.sax.xmlreader.XMLReader:
    """A SAX parser that refuses every entity declaration and fetches nothing.

    Without entity declarations there is neither an entity bomb nor an external
    entity. The external DTD that TBX v2 files name in their DOCTYPE
    (TBXBasiccoreStructV02.dtd) is skipped, not fetched and not refused.
    """
    parser = defusedxml.sax.make_parser()
    parser.forbid_entities = True
    parser.forbid_external = False
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setFeature(xml.sax.handler.feature_external_pes, False)
    parser.setContentHandler(handler)
    return parser


def _in_language(entry: _Entry, language: str) -> list[_Rendering]:
    return [r for code, found in entry.languages.items() if code.split("-")[0] == language for r in found]


def _entry_terms(entry: _Entry, path: Path, source_lang: str, target_lang: str) -> list[Term]:
    """The entry's terms, none for an entry with no source-language term; an entry that cannot be the
    glossary's (a language not named, no term at all, a source term with no approved rendering) is an error."""
    if entry.unlabelled:
        raise InputError("a langSet without xml:lang: name the language of its terms", path=path,
                         line=entry.unlabelled)
    sources = _in_language(entry, source_lang)
    renderings = _in_language(entry, target_lang)
    if not sources:
        if not entry.languages:
            raise InputError("a term entry without a term: fill in its <term>, or delete the entry", path=path,
                             line=entry.line)
        return []  # in other languages only, or not yet in the source language (a multilingual termbase)
    forbidden = [r.text for r in renderings if r.status in FORBIDDEN_STATUSES]
    allowed = sorted((r for r in renderings if r.status not in FORBIDDEN_STATUSES),
                     key=lambda r: r.status != PREFERRED)
    if not allowed:
        raise InputError(f"'{sources[0].text}' has no approved {target_lang} term", path=path, line=entry.line)
    kind, notes = "term", []
    for note in entry.notes:
        value = note[len(TYPE_NOTE):].strip().lower() if note.lower().startswith(TYPE_NOTE) else None
        if value in TERM_TYPES:
            kind = value
        else:
            notes.append(note)
    return [Term(source=source.text, target=allowed[0].text, variants=tuple(r.text for r in allowed[1:]),
                 forbidden=tuple(forbidden), type=kind, note=" ".join(notes), path=str(path), line=source.line)
            for source in sources]
