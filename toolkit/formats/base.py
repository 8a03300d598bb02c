"""What every interchange format shares: the base class, the registry, and safe XML reading.

Interchange files come from outside (agencies, clients, CAT tools), so they are
read with defusedxml: a file that declares an entity (the billion-laughs bomb
and external-entity tricks both need one) is refused, never expanded or
fetched. Files are written with lxml's incremental writer, one element at a time.
"""
from __future__ import annotations

import importlib
import re
from collections import deque
from pathlib import Path
from typing import Any, ClassVar, Iterator
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml
import defusedxml.ElementTree as SafeET

from toolkit.errors import InputError

# format name -> "module:class", loaded on first use
FORMATS = {
    "tbx": "toolkit.formats.tbx:Tbx",
    "tmx": "toolkit.formats.tmx:Tmx",
    "xliff": "toolkit.formats.xliff:Xliff",
    "xlsx": "toolkit.formats.xlsx_terms:XlsxTerms",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot hold, even escaped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class InterchangeFormat:
    """One exchange format: its name, its file extensions, what it carries, and how to read and write it."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    carries: ClassVar[str]  # "terms", "units" (a translation memory) or "catalog"

    def read(self, path: Path, *, source_lang: str, target_lang: str) -> Any:
        raise NotImplementedError

    def write(self, items: Any, path: Path, *, source_lang: str, target_lang: str) -> int:
        """Write ``items`` to ``path`` atomically; return how many were written."""
        raise NotImplementedError


def get_format(name: str) -> InterchangeFormat:
    module, _, attribute = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module), attribute)()


def format_for_path(path: Path, carries: str) -> InterchangeFormat:
    """The format carrying ``carries`` that the file's extension names."""
    for name in FORMATS:
        found = get_format(name)
        if found.carries == carries and path.suffix.lower() in found.extensions:
            return found
    raise InputError(f"unknown file type '{path.suffix}'", path=path)


def bcp47(code: str) -> str:
    """zh_CN → zh-CN: gettext's language codes as XML files write them."""
    return code.replace("_", "-")


def same_language(code: str | None, wanted: str) -> bool:
    """True when ``code`` is ``wanted``'s language (zh-CN and zh-Hans are both zh)."""
    return bool(code) and code.replace("_", "-").split("-")[0].lower() == wanted.replace("_", "-").split("-")[0].lower()


class _LinedParser(SafeET.DefusedXMLParser):
    """defusedxml's parser noting the line where each element starts, in document order (ElementTree's
    elements carry no line, and the events of a chunk are handed out after the whole chunk is parsed)."""

    def __init__(self) -> None:
        super().__init__(target=TreeBuilder(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
        self.lines: deque[int] = deque()

    def _start(self, tag: str, attr_list: Any) -> Element:
        self.lines.append(self.parser.CurrentLineNumber)
        return super()._start(tag, attr_list)


def iter_untrusted(path: Path, what: str, root: str) -> Iterator[tuple[str, Element, int]]:
    """(event, element, line) of an XML file, 'start' and 'end', without entity declarations; ``line`` is
    where the element starts, for messages.

    A missing file, a declared entity, a well-formedness error or a root element
    other than ``root`` is one InputError naming the file and line. Callers clear
    elements they are done with.
    """
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a file", path=path)
    try:
        with path.open("rb") as handle:
            parser = _LinedParser()
            open_lines: list[int] = []  # the start lines of the elements open around the current one
            expected: str | None = root
            for event, element in SafeET.iterparse(handle, events=("start", "end"), parser=parser):
                if event == "start":
                    open_lines.append(parser.lines.popleft())
                    if expected is not None:
                        if local_name(element) != expected:
                            raise InputError(f"not {what}: the root element is <{local_name(element)}>, "
                                             f"not <{expected}>", path=path)
                        expected = None
                    yield event, element, open_lines[-1]
                else:
                    yield event, element, open_lines.pop()
    except defusedxml.DefusedXmlException as exc:
        name = getattr(exc, "name", None) or ""
        raise InputError(f"refused: the file declares the XML entity '{name}' (entity expansion and external "
                         f"entities are not accepted)", path=path) from exc
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        message = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise InputError(f"not well-formed XML, so not {what}: {message}", path=path, line=line) from exc
    except ValueError as exc:  # expat's "multi-byte encodings are not supported": declared GBK, Big5, Shift_JIS…
        declared = _DECLARED_ENCODING.match(path.read_bytes()[:200])
        encoding = declared.group(1).decode("ascii") if declared else "its encoding"
        raise InputError(f"the XML reader cannot read {encoding}: save it as UTF-8", path=path, line=1) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc


_DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def element_text(element: Element, *, skip: frozenset[str] = frozenset()) -> str:
    """The element's text with its children's, leaving out the content (not the tail) of ``skip`` elements."""
    parts = [element.text or ""]
    for child in element:
        if _local(child.tag) not in skip:
            parts.append(element_text(child, skip=skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def local_name(element: Element) -> str:
    return _local(element.tag)
