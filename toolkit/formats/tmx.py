"""TMX 1.4b: the translation memory exchanged with Trados, memoQ and OmegaT.

Each unit is a ``<tu>`` with a Chinese and an English ``<tuv>``; where it came
from (file, line, msgctxt) travels as ``x-origin``, ``x-line`` and ``x-context``
props, so that a TMX exported here and imported again gives the same units.
Inline codes in a foreign file's segments (``<bpt>``, ``<ph>``, …) are native
markup, not text: their content is left out, the text around them kept.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterable

from lxml import etree

from toolkit import __version__
from toolkit.errors import InputError
from toolkit.files import atomic_path
from toolkit.formats.base import (
    NOT_XML, XML_LANG, InterchangeFormat, bcp47, element_text, iter_untrusted, local_name, same_language,
)
from toolkit.tm.store import Unit

INLINE_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
_TMX_DATE = "%Y%m%dT%H%M%SZ"
_ISO_DATE = "%Y-%m-%dT%H:%M:%SZ"


class Tmx(InterchangeFormat):
    name = "tmx"
    extensions = (".tmx",)
    carries = "units"

    def read(self, path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> list[Unit]:
        return read_tmx(path, source_lang=source_lang, target_lang=target_lang)

    def write(self, items: Iterable[Unit], path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> int:
        return write_tmx(items, path, source_lang=source_lang, target_lang=target_lang)


def write_tmx(units: Iterable[Unit], path: Path, *, source_lang: str = "zh-CN", target_lang: str = "en") -> int:
    """Write the units as TMX 1.4b; a unit holding a character XML cannot carry is an InputError, nothing written."""
    source_lang, target_lang = bcp47(source_lang), bcp47(target_lang)
    count = 0
    with atomic_path(path) as temp:
        with etree.xmlfile(str(temp), encoding="UTF-8") as out:
            out.write_declaration()
            out.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
            with out.element("tmx", version="1.4"):
                out.write("\n")
                out.write(etree.Element("header", creationtool="toolkit", creationtoolversion=__version__,
                                        segtype="sentence", adminlang="en", srclang=source_lang,
                                        datatype="plaintext", **{"o-tmf": "toolkit-tm"}), pretty_print=True)
                with out.element("body"):
                    out.write("\n")
                    for unit in units:
                        out.write(_tu(unit, source_lang, target_lang), pretty_print=True)
                        count += 1
                out.write("\n")
    return count


def _tu(unit: Unit, source_lang: str, target_lang: str) -> etree._Element:
    for text in (unit.source, unit.target, unit.context or "", unit.origin):
        bad = NOT_XML.search(text)
        if bad:
            raise InputError(f"unit from {unit.where} holds the character U+{ord(bad.group()):04X}, which XML "
                             f"cannot carry; fix it in its catalog")
    tu = etree.Element("tu")
    if unit.date:
        tu.set("creationdate", datetime.strptime(unit.date, _ISO_DATE).strftime(_TMX_DATE))
    for kind, value in (("x-origin", unit.origin), ("x-line", str(unit.line or "")), ("x-context", unit.context)):
        if value:
            etree.SubElement(tu, "prop", type=kind).text = value
    for lang, text in ((source_lang, unit.source), (target_lang, unit.target)):
        etree.SubElement(etree.SubElement(tu, "tuv", {XML_LANG: lang}), "seg").text = text
    return tu


def read_tmx(path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> list[Unit]:
    """The file's source→target units. Units without both languages are skipped; a file with none is an error."""
    units: list[Unit] = []
    header_lang: str | None = None
    languages: set[str] = set()
    tus = 0
    for event, element, _ in iter_untrusted(path, "a TMX file", "tmx"):
        name = local_name(element)
        if event == "start":
            continue
        if name == "header":
            header_lang = element.get("srclang")
        elif name == "tu":
            tus += 1
            unit = _unit(element, path, source_lang, target_lang, languages)
            if unit is not None:
                units.append(unit)
            element.clear()
    if header_lang and header_lang != "*all*" and not same_language(header_lang, source_lang) and not units:
        raise InputError(f"wrong languages: the TMX's source language is {header_lang}, this project's is "
                         f"{source_lang}", path=path)
    if tus and not units:
        raise InputError(f"no {source_lang}→{target_lang} units among its {tus} (languages found: "
                         f"{', '.join(sorted(languages)) or 'none'})", path=path)
    return units


def _unit(tu, path: Path, source_lang: str, target_lang: str, languages: set[str]) -> Unit | None:
    texts: dict[str, str] = {}
    props: dict[str, str] = {}
    for child in tu:
        name = local_name(child)
        if name == "prop":
            props[child.get("type", "")] = child.text or ""
        elif name == "tuv":
            lang = child.get(XML_LANG) or child.get("lang") or ""  # TMX 1.1 wrote lang
            languages.add(lang)
            seg = next((c for c in child if local_name(c) == "seg"), None)
            for wanted in (source_lang, target_lang):
                if seg is not None and same_language(lang, wanted) and wanted not in texts:
                    texts[wanted] = element_text(seg, skip=INLINE_CODES)
    if not texts.get(source_lang) or not texts.get(target_lang):
        return None
    line = props.get("x-line", "")
    return Unit(texts[source_lang], texts[target_lang], props.get("x-context") or None,
                props.get("x-origin") or path.name, int(line) if line.isdigit() else None,
                _date(tu.get("changedate") or tu.get("creationdate")))


def _date(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        return datetime.strptime(stamp, _TMX_DATE).strftime(_ISO_DATE)
    except ValueError:
        return ""
