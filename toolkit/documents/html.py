"""HTML pages through lxml: the article of a news page, its title and headings.

The article is found as readers' modes find it: the element marked ``itemprop="articleBody"``, else the
``<article>`` with the most Chinese text, else ``<main>``, else the element whose paragraphs hold the most
Chinese text, else ``<body>``; the page's ``<title>`` is translated too. Inside it, scripts, styles,
forms, navigation, asides and anything whose class or id says ad, share, related, comment or the like are
skipped, and so is everything outside it. Blocks are the innermost block elements holding text (p,
h1–h6, li, blockquote, figcaption, td, th, dd, a div of text); inline elements (b, strong, i, em, a,
span, sup, …) are paired codes, br, img and inline scripts standalone ones. The English goes back into
the same elements with their attributes, so the markup around and between blocks is unchanged;
``<html lang>`` becomes the target language and the page is written as UTF-8.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.documents import placeholders
from toolkit.documents.base import Block, Parsed, SourceFormat, join_lines
from toolkit.documents.placeholders import InlineBuilder, Node, Standalone
from toolkit.errors import InputError
from toolkit.files import decode, read_bytes
from toolkit.segment import classify_body
from toolkit.text import HAN

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "caption", "td", "th",
          "dt", "dd", "div", "section", "article", "header", "main", "figure", "ul", "ol", "dl", "table",
          "thead", "tbody", "tfoot", "tr", "address", "hgroup"}
SKIPPED = {"script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "button", "select",
           "textarea", "svg", "pre", "object", "video", "audio", "canvas"}
VOID = {"br", "img", "wbr", "input", "hr"}
LABELS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "sup": "superscript",
          "sub": "subscript"}
NOT_ARTICLE = re.compile(r"(?:^|[\s_-])(?:ad|ads|advert\w*|banner|share|social|related|recommend\w*|comments?|"
                         r"breadcrumbs?|nav\w*|menu|sidebar|footer|copyright)(?:$|[\s_-])", re.I)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
DOCTYPE = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<!doctype", re.I | re.S)
PAGE_TAG = re.compile(r"<(?:html|head|body)[\s>]", re.I)


@dataclass
class Page:
    """A parsed page: lxml's tree (which always has html, head and body) and what the source had of them."""

    root: object
    doctype: bool  # the source declares one (lxml reports an HTML 4 one for a page without)
    fragment: bool  # no <html>, <head> or <body> in the source: a piece of a page, written as one


class Html(SourceFormat):
    name = "html"
    description = "an HTML page: its article, title and headings"

    def parse(self, path: Path, encoding: str) -> tuple[object, list[Block]]:
        import lxml.html
        from lxml import etree

        raw = read_bytes(path, what="an HTML page")
        declared = META_CHARSET.search(raw[:4096])
        charset = declared.group(1).decode("ascii").lower() if declared else encoding
        if charset.replace("-", "") in ("gb2312", "gbk"):
            charset = "gb18030"  # the superset: pages labelled GB2312 routinely hold GBK characters
        text = XML_DECLARATION.sub("", decode(raw, path, charset).lstrip("\ufeff"))
        if not text.strip():
            raise InputError("empty file", path=path)
        try:
            root = lxml.html.document_fromstring(text)
        except (etree.ParserError, ValueError) as exc:
            raise InputError(f"not an HTML page: {exc}", path=path) from exc
        blocks = []
        title = root.find("head/title")
        if title is not None and (title.text or "").strip():
            blocks.append(_block(title, "title"))
        body = root.find("body")
        if body is not None:
            for element in _blocks_in(_article(body)):
                blocks.append(_block(element, None))
        if not any(placeholders.strip(b.text).strip() for b in blocks[1 if title is not None else 0:]):
            raise InputError("no article text: no paragraph, heading or list item with text in <body>", path=path)
        return Page(root, bool(DOCTYPE.match(text)), not PAGE_TAG.search(text)), blocks

    def write(self, parsed: Parsed, english: list[str | None]) -> str:
        from lxml import etree

        page: Page = parsed.model
        root = copy.deepcopy(page.root)
        # the blocks point into the parsed tree: find their copies by their position in it
        originals = list(page.root.iter())
        copies = list(root.iter())
        where = {id(element): number for number, element in enumerate(originals)}
        for block, text in zip(parsed.blocks, english):
            if text is None:
                continue
            element = copies[where[id(block.target)]]
            _fill(element, placeholders.parse(text, block.codes), block.codes)
        if root.get("lang"):
            root.set("lang", "en")
        for meta in root.iterfind(".//meta[@charset]"):
            meta.set("charset", "utf-8")
        for meta in root.iterfind(".//meta[@http-equiv]"):
            if meta.get("http-equiv", "").lower() == "content-type":
                meta.set("content", "text/html; charset=utf-8")
        if page.fragment:
            return "".join((part.text or "") + "".join(etree.tostring(child, method="html", encoding="unicode")
                                                       for child in part) for part in root)
        doctype = page.root.getroottree().docinfo.doctype if page.doctype else None  # (the copy has none)
        return etree.tostring(root, method="html", encoding="unicode", doctype=doctype) + "\n"


def _article(body):
    """The element holding the article (see the module's docstring)."""
    marked = body.xpath(".//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' articleBody ')]")
    if marked:
        return marked[0]
    articles = body.findall(".//article")
    if articles:
        return max(articles, key=_han)
    main = body.find(".//main")
    if main is not None:
        return main
    scores: dict = {}
    for paragraph in body.iter("p"):
        parent = paragraph.getparent()
        scores[parent] = scores.get(parent, 0) + _han(paragraph)
    best = max(scores, key=scores.get, default=None)
    return best if best is not None and scores[best] > 0 else body


def _han(element) -> int:
    return len(HAN.findall(element.text_content()))


def _skipped(element) -> bool:
    if not isinstance(element.tag, str) or element.tag in SKIPPED:
        return True
    marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    return element.tag not in ("article", "main") and bool(NOT_ARTICLE.search(marks))


def _blocks_in(element):
    """The innermost block elements with text, in document order."""
    if _skipped(element):
        return
    if not any(isinstance(d.tag, str) and d.tag in BLOCKS for d in element.iterdescendants()):
        if element.tag in BLOCKS and element.text_content().strip():
            yield element
        return
    for child in element:
        yield from _blocks_in(child)


def _block(element, kind: str | None) -> Block:
    builder = InlineBuilder()
    _inline(element, builder)
    text = join_lines(builder.placeholder_text, collapse=True)
    if kind is None:
        tag = element.tag
        kind = ("title" if tag == "h1" else "heading" if tag in ("h2", "h3", "h4", "h5", "h6")
                else "caption" if tag in ("figcaption", "caption") else classify_body(placeholders.strip(text)))
    running = element.tag not in ("li", "td", "th", "dt", "dd")
    return Block(text, kind, element.sourceline or 1, builder.codes, target=element, running=running)


def _inline(element, builder: InlineBuilder) -> None:
    if element.text:
        builder.text(element.text)
    for child in element:
        if not isinstance(child.tag, str) or child.tag in VOID or child.tag in SKIPPED:
            label = "comment" if not isinstance(child.tag, str) else "image" if child.tag == "img" else \
                "line break" if child.tag == "br" else f"<{child.tag}>"
            kept = copy.deepcopy(child)
            kept.tail = None
            builder.standalone(label, kept)
        else:
            label = f"link to {child.get('href')}" if child.tag == "a" and child.get("href") else \
                LABELS.get(child.tag, f"<{child.tag}>")
            shell = child.makeelement(child.tag, dict(child.attrib))
            number = builder.open(label, shell)
            _inline(child, builder)
            builder.close(number)
        if child.tail:
            builder.text(child.tail)


def _fill(element, nodes: list[Node], codes: dict) -> None:
    """Replace an element's content by the rebuilt nodes, keeping its attributes and tail."""
    for child in list(element):
        element.remove(child)
    element.text = None
    _append(element, nodes, codes)


def _append(parent, nodes: list[Node], codes: dict) -> None:
    last = None
    for node in nodes:
        if isinstance(node, str):
            if last is None:
                parent.text = (parent.text or "") + node
            else:
                last.tail = (last.tail or "") + node
            continue
        if isinstance(node, Standalone):
            last = copy.deepcopy(codes[node.id].data)
        else:
            last = copy.deepcopy(codes[node.id].data)
            _append(last, node.children, codes)
        parent.append(last)
