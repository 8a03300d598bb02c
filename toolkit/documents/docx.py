"""Word documents (DOCX) through python-docx and its lxml tree.

Blocks are the paragraphs of the body, table cells included (nested tables too), in document order;
a paragraph's kind comes from its style (Title, Subtitle, Heading n or an outline level, Caption), else
from its wording as in plain text. Inline formatting is read as Okapi reads it: the run properties
that cover most of a paragraph's text are its base (unformatted runs, if they hold a quarter of it); a stretch of runs with other properties (bold,
italics, a colour, superscript) is a paired code, a hyperlink another (its runs' own base kept with it);
footnote and endnote marks, images, tabs, breaks and fields are standalone codes. Runs Word split with
the same properties (spelling marks, revision ids) are one stretch; differences only in language or
font choice for Latin and Chinese text do not make a code. The English goes back into the same
paragraphs: paragraph properties, styles, numbering, tables, sections, headers and footers, images and
bookmarks are kept; the runs are rebuilt from the base and the codes' properties.

Tracked insertions and moves are read as accepted (deletions and text moved away left out), and a
HYPERLINK field written as a simple field is a link like a hyperlink. Footnotes and endnotes follow the body, then headers and footers (each part once, however many sections
share it); a note's number is a standalone code. Not translated: text boxes and comments (kept as they are).
A package is checked before python-docx opens it: a Word 97–2003 .doc, an encrypted DOCX, a zip that is
broken, not a Word document, in Strict Open XML, or that would unpack to more than MAX_UNPACKED bytes is
one error.
"""
from __future__ import annotations

import copy
import io
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from toolkit.documents import placeholders
from toolkit.documents.base import Block, Parsed, SourceFormat
from toolkit.documents.placeholders import InlineBuilder, Node, Standalone
from toolkit.errors import InputError
from toolkit.segment import classify_body

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_UNPACKED = 100 * 1024 * 1024  # a news article with photos is a few MB; more is a zip bomb
MAX_RATIO = 200  # deflate reaches ~1000:1 only on degenerate data
PLAIN_SHARE = 4  # runs without properties are the base when they hold a quarter of the text or more
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted DOCX's OLE container holds
STRICT = b"http://purl.oclc.org/ooxml/"  # Strict Open XML's namespaces (python-docx reads Transitional only)

# run properties that do not make a code: spell-check language, Latin/East Asian font choice, sizes and
# weights of complex scripts, kerning
NOISE = {f"{W}{name}" for name in ("lang", "noProof", "rFonts", "szCs", "bCs", "iCs", "kern", "webHidden")}
ANCHORS = {f"{W}{name}" for name in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd",
                                     "permStart", "permEnd")}
TRANSPARENT = {f"{W}{name}" for name in ("ins", "moveTo", "smartTag", "customXml", "sdtContent")}
DROPPED = {f"{W}{name}" for name in ("proofErr", "del", "moveFrom", "pPr", "sdtPr", "sdtEndPr")}
WHOLE_RUN = {f"{W}{name}": label for name, label in (
    ("footnoteReference", "footnote mark"), ("endnoteReference", "endnote mark"), ("drawing", "image"),
    ("pict", "image"), ("object", "embedded object"), ("fldChar", "field"), ("instrText", "field"),
    ("commentReference", "comment mark"), ("ptab", "tab"))}
IN_RUN = {f"{W}tab": "tab", f"{W}br": "line break", f"{W}cr": "line break", f"{W}sym": "symbol",
          f"{W}footnoteRef": "footnote number", f"{W}endnoteRef": "endnote number"}
# The parts besides the body that hold text to translate: notes (their paragraphs' kinds by their wording),
# then headers and footers.
NOTE_PARTS = ("footnotes", "endnotes")
MARGIN_PARTS = {"header": "header", "footer": "footer"}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"
SKIPPED_IN_RUN = {f"{W}rPr", f"{W}lastRenderedPageBreak", f"{W}softHyphen"}
STYLE_KINDS = {"title": "title", "subtitle": "subtitle", "caption": "caption"}


@dataclass
class Package:
    """A parsed DOCX: python-docx's document, and the notes parts' XML to put back before it is saved."""

    document: object
    notes: list[tuple[object, object]]


class Docx(SourceFormat):
    name = "docx"
    description = "a Word document (DOCX)"

    def parse(self, path: Path, encoding: str) -> tuple[object, list[Block]]:
        import docx
        from docx.text.paragraph import Paragraph

        check_package(path)
        try:
            document = docx.Document(str(path))
        except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors…: all mean unreadable
            raise InputError(f"not a readable DOCX: {exc}", path=path) from exc
        blocks = []
        number = 0
        notes = _notes(document)
        others = [(root, part.rels, None) for part, root in notes] + _margins(document)
        for root, links, kind in [(document.element.body, document.part.rels, None), *others]:
            for element in _paragraphs(root):
                number += 1
                builder = InlineBuilder()
                base = _read_content(element, builder, links)
                text = placeholders.strip(builder.placeholder_text)
                if not text.strip():
                    continue
                anchors = [copy.deepcopy(child) for child in element.iter() if child.tag in ANCHORS]
                paragraph_kind = kind or _kind(Paragraph(element, document._body), text.strip())
                running = element.getparent().tag != f"{W}tc" and element.find(f"{W}pPr/{W}numPr") is None \
                    and not (getattr(element, "style", None) or "").lower().startswith("list")  # List Bullet
                blocks.append(Block(builder.placeholder_text.strip(), paragraph_kind, number,
                                    builder.codes, target=(element, base, anchors), running=running))
        return Package(document, notes), blocks

    def write(self, parsed: Parsed, english: list[str | None]) -> bytes:
        """The document with the English in place (the parsed document is changed: it is written once)."""
        from lxml import etree

        for block, text in zip(parsed.blocks, english):
            if text is None:
                continue
            element, base, anchors = block.target
            for child in list(element):
                if child.tag != f"{W}pPr":
                    element.remove(child)
            for anchor in anchors:
                element.append(anchor)
            _write_nodes(element, placeholders.parse(text, block.codes), block.codes, base)
        package: Package = parsed.model
        for part, root in package.notes:  # python-docx saves these parts as the bytes they hold
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        package.document.save(out)
        return out.getvalue()


def check_package(path: Path) -> None:
    """Refuse what python-docx would choke on or should never unpack, with one clear line."""
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a file", path=path)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        if ENCRYPTED in path.read_bytes():
            raise InputError("a password-protected (encrypted) DOCX: remove the password in Word "
                             "(File > Info > Protect Document) and save it again", path=path)
        raise InputError("a Word 97–2003 .doc (or another OLE file), not a DOCX: save it as .docx", path=path)
    if not zipfile.is_zipfile(path):
        raise InputError("not a DOCX file (not a zip package)", path=path)
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_UNPACKED or any(member.file_size > 1024 * 1024 and
                                              member.file_size > MAX_RATIO * max(member.compress_size, 1)
                                              for member in members):
                raise InputError(f"refused: would unpack to {unpacked:,} bytes (a zip bomb?)", path=path)
            if "word/document.xml" not in package.namelist():
                raise InputError("not a Word document: the package has no word/document.xml", path=path)
            if "_rels/.rels" in package.namelist() and STRICT in package.read("_rels/.rels"):
                raise InputError("a Strict Open XML document, which cannot be read: save it in Word as "
                                 "Word Document (*.docx), not Strict Open XML Document", path=path)
            broken = package.testzip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise InputError(f"broken DOCX package: {exc}", path=path) from exc
    if broken is not None:
        raise InputError(f"broken DOCX package: {broken} is corrupt", path=path)


def _paragraphs(container):
    """Every paragraph in document order, into tables, cells, content controls and notes (not the
    separator lines Word keeps as notes of their own)."""
    for child in container:
        if child.tag == f"{W}p":
            yield child
        elif child.tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent", f"{W}customXml") or \
                child.tag in (f"{W}footnote", f"{W}endnote") and child.get(f"{W}type") in (None, "normal"):
            yield from _paragraphs(child)


def _notes(document) -> list[tuple[object, object]]:
    """(part, XML root) of the footnotes and endnotes: python-docx keeps these parts as bytes, parsed here
    with its element classes (a note's paragraph has a style as a body paragraph has)."""
    from docx.oxml import parse_xml

    parts = list(document.part.package.iter_parts())
    return [(part, parse_xml(part.blob)) for name in NOTE_PARTS for part in parts
            if part.content_type == CONTENT_TYPE.format(name)]


def _margins(document) -> list[tuple[object, object, str]]:
    """(XML root, relationships, kind) of each header, then each footer: parts python-docx reads as XML."""
    parts = list(document.part.package.iter_parts())
    return [(part.element, part.rels, kind) for name, kind in MARGIN_PARTS.items() for part in parts
            if part.content_type == CONTENT_TYPE.format(name)]


def _kind(paragraph, text: str) -> str:
    name = (paragraph.style.name if paragraph.style is not None else "").lower()
    if name in STYLE_KINDS:
        return STYLE_KINDS[name]
    if name.startswith("heading") or paragraph._p.find(f"{W}pPr/{W}outlineLvl") is not None:
        return "heading"
    return classify_body(text)


def _key(properties) -> bytes:
    """Run properties as compared: without the ones that make no visible difference in English."""
    if properties is None:
        return b""
    from lxml import etree

    kept = copy.deepcopy(properties)
    for child in list(kept):
        if child.tag in NOISE:
            kept.remove(child)
    return etree.tostring(kept, method="c14n") if len(kept) else b""


def _text_runs(scope):
    """The runs of a scope (a paragraph or a hyperlink) that are its own, not a nested hyperlink's."""
    for child in scope:
        if child.tag == f"{W}r":
            yield child
        elif child.tag in TRANSPARENT or child.tag == f"{W}sdt":
            yield from _text_runs(child)


def _base(scope):
    """The run properties covering most of a scope's text: runs with these are plain text."""
    weights: Counter = Counter()
    properties = {}
    for run in _text_runs(scope):
        length = sum(len(t.text or "") for t in run.iter(f"{W}t"))
        key = _key(run.find(f"{W}rPr"))
        weights[key] += length
        properties.setdefault(key, run.find(f"{W}rPr"))
    if not weights:
        return None, b""
    key = weights.most_common(1)[0][0]
    if b"" in weights and weights[b""] * PLAIN_SHARE >= sum(weights.values()):
        key = b""  # unformatted text is the norm, emphasis the exception, even over half a paragraph
    return properties[key], key


def _read_content(scope, builder: InlineBuilder, links) -> object:
    """Read a paragraph's (or hyperlink's) content into the builder; returns its base run properties.
    ``links`` are the document part's relationships, where hyperlinks keep their addresses."""
    base, base_key = _base(scope)
    state = {"open": None, "key": base_key}

    def set_format(run_properties) -> None:
        key = _key(run_properties)
        if key == state["key"]:
            return
        if state["open"] is not None:
            builder.close(state["open"])
            state["open"] = None
        if key != base_key:
            label = _label(run_properties)
            state["open"] = builder.open(label, ("format", copy.deepcopy(run_properties)))
        state["key"] = key

    def walk(container) -> None:
        for child in container:
            tag = child.tag
            if tag == f"{W}r":
                run_properties = child.find(f"{W}rPr")
                whole = next((WHOLE_RUN[c.tag] for c in child if c.tag in WHOLE_RUN), None)
                if whole is not None:
                    builder.standalone(whole, ("run", copy.deepcopy(child)))
                    continue
                set_format(run_properties)
                for part in child:
                    if part.tag == f"{W}t":
                        builder.text(part.text or "")
                    elif part.tag == f"{W}noBreakHyphen":
                        builder.text("\u2011")
                    elif part.tag in IN_RUN:
                        label = "page break" if part.get(f"{W}type") == "page" else IN_RUN[part.tag]
                        builder.standalone(label, ("in-run", copy.deepcopy(part)))
                    elif part.tag not in SKIPPED_IN_RUN:
                        builder.standalone("inline object", ("in-run", copy.deepcopy(part)))
            elif tag == f"{W}hyperlink" or tag == f"{W}fldSimple" and _field_link(child) is not None:
                set_format(base)
                shell = child.makeelement(child.tag, dict(child.attrib))
                relationship, anchor = child.get(f"{R}id"), child.get(f"{W}anchor")
                if tag == f"{W}fldSimple":
                    target = _field_link(child)
                else:
                    target = links[relationship].target_ref if relationship in links else f"#{anchor}" if anchor else ""
                data = ["hyperlink", shell, None]  # its runs' base, known once they are read
                number = builder.open(f"link to {target}" if target else "link", data)
                data[2] = copy.deepcopy(_read_content(child, builder, links))
                builder.close(number)
            elif tag in TRANSPARENT or tag == f"{W}sdt":
                walk(child)
            elif tag in DROPPED or tag in ANCHORS:
                continue
            else:  # fldSimple, oMath and the like: kept whole
                set_format(base)
                builder.standalone("field" if tag == f"{W}fldSimple" else "inline object",
                                   ("element", copy.deepcopy(child)))

    walk(scope)
    if state["open"] is not None:
        builder.close(state["open"])
    return base


def _field_link(field) -> str | None:
    """The address of a simple HYPERLINK field (its result is the link's text, to translate), else None."""
    words = (field.get(f"{W}instr") or "").split()
    if not words or words[0].upper() != "HYPERLINK":
        return None
    return next((word.strip('"') for word in words[1:] if not word.startswith("\\")), "")


def _label(run_properties) -> str:
    """bold, italic, superscript…: what a stretch of runs differs by, for the translator."""
    if run_properties is None:
        return "plain text"
    names = []
    for child in run_properties:
        tag = child.tag.replace(W, "")
        value = child.get(f"{W}val")
        if tag in ("b", "i", "u", "strike", "caps", "smallCaps") and value not in ("0", "false", "none"):
            names.append({"b": "bold", "i": "italic", "u": "underlined", "strike": "struck through"}.get(tag, tag))
        elif tag == "vertAlign" and value in ("superscript", "subscript"):
            names.append(value)
        elif tag == "rStyle":
            names.append(f"style {value}")
        elif tag == "color":
            names.append(f"colour {value}")
        elif tag == "highlight":
            names.append("highlighted")
    return ", ".join(names) or "formatted"


def _write_nodes(parent, nodes: list[Node], codes: dict, run_properties) -> None:
    for node in nodes:
        if isinstance(node, str):
            if node:
                run = _run(parent, run_properties)
                text = run.makeelement(f"{W}t", {})
                text.text = node
                if node != node.strip():
                    text.set(XML_SPACE, "preserve")
                run.append(text)
            continue
        data = codes[node.id].data
        if isinstance(node, Standalone):
            if data[0] == "in-run":
                _run(parent, run_properties).append(copy.deepcopy(data[1]))
            else:
                parent.append(copy.deepcopy(data[1]))
        elif data[0] == "format":
            _write_nodes(parent, node.children, codes, data[1])
        else:
            link = copy.deepcopy(data[1])
            parent.append(link)
            _write_nodes(link, node.children, codes, data[2])


def _run(parent, run_properties):
    run = parent.makeelement(f"{W}r", {})
    if run_properties is not None:
        run.append(copy.deepcopy(run_properties))
    parent.append(run)
    return run
