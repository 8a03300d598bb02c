"""The embedded article as documents with inline formatting, in every format, and its translation.

A document is a list of paragraphs; a paragraph has a kind and sentences; a sentence is a list of
(text, style) pieces, style one of None, "bold", "italic", "link". The Chinese one is built from the
article's own paragraphs and sentences with a bold sentence, an italic one and a link; the English
one puts the approved translation of each sentence in the same place with the same formatting.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import polib

from tests.conftest import ARTICLE, ARTICLE_CATALOG
from toolkit.documents.placeholders import strip
from toolkit.segment import parse_source

FEDERATION = ("北京市总工会", "Beijing Federation of Trade Unions")
LINK = "https://www.workercn.cn/"
# (paragraph, sentence) of each format in the article; last in their paragraphs, as CommonMark wants
# emphasis that ends in punctuation to be followed by a space, punctuation or the line end
BOLD, LINKED, ITALIC = (3, 3), (4, 0), (5, 1)


@dataclass
class Paragraph:
    kind: str
    sentences: list[list[tuple[str, str | None]]]

    def joined(self, separator: str) -> list[tuple[str, str | None]]:
        pieces: list[tuple[str, str | None]] = []
        for number, sentence in enumerate(self.sentences):
            if number:
                pieces.append((separator, None))
            pieces.extend(sentence)
        return [piece for piece in pieces if piece[0]]


def approved() -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(ARTICLE_CATALOG)) if e.msgstr}


def chinese_article() -> list[Paragraph]:
    paragraphs = []
    for number, paragraph in enumerate(parse_source(ARTICLE).paragraphs):
        sentences = [[(segment.text, None)] for segment in paragraph.segments]
        paragraphs.append(Paragraph(paragraph.kind, sentences))
    paragraphs[BOLD[0]].sentences[BOLD[1]] = [(paragraphs[BOLD[0]].sentences[BOLD[1]][0][0], "bold")]
    paragraphs[ITALIC[0]].sentences[ITALIC[1]] = [(paragraphs[ITALIC[0]].sentences[ITALIC[1]][0][0], "italic")]
    text = paragraphs[LINKED[0]].sentences[LINKED[1]][0][0]
    before, _, after = text.partition(FEDERATION[0])
    paragraphs[LINKED[0]].sentences[LINKED[1]] = [(before, None), (FEDERATION[0], "link"), (after, None)]
    return paragraphs


def english_article() -> list[Paragraph]:
    english = approved()
    paragraphs = []
    for paragraph in chinese_article():
        sentences = []
        for sentence in paragraph.sentences:
            text = english["".join(piece for piece, _ in sentence)]
            if any(style == "link" for _, style in sentence):
                before, _, after = text.partition(FEDERATION[1])
                sentences.append([(before, None), (FEDERATION[1], "link"), (after, None)])
            else:
                sentences.append([(text, sentence[0][1])])
        paragraphs.append(Paragraph(paragraph.kind, sentences))
    return paragraphs


def translate(msgid: str, english: dict[str, str]) -> str:
    """What a translator writes: the approved English, with the source's placeholders put back."""
    text = english[strip(msgid)]
    if msgid.startswith("<1>") and msgid.endswith("</1>") and msgid.count("<1>") == 1 and \
            strip(msgid) == msgid[3:-4]:
        return f"<1>{text}</1>"
    if f"<1>{FEDERATION[0]}</1>" in msgid:
        return text.replace(FEDERATION[1], f"<1>{FEDERATION[1]}</1>", 1)
    return text


def translate_catalog(path, english: dict[str, str] | None = None) -> int:
    """Fill every entry of a catalog segmented from a document; returns the placeholders written."""
    english = english or approved()
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translate(entry.msgid, english)
    po.save(str(path))
    return sum(entry.msgid.count("<") for entry in po)


MARKDOWN_PREFIX = {"title": "# ", "subtitle": "## ", "heading": "## ", "caption": "> "}
MARKDOWN_STYLE = {None: "{}", "bold": "**{}**", "italic": "*{}*", "link": "[{}](" + LINK + ")"}
FRONT_MATTER = "---\ntitle: 扶贫“大考”的北京工会答卷\n---\n\n"
CODE = "\n```\n北京市总工会 = 代码，不翻译\n```\n"


def markdown(paragraphs: list[Paragraph], separator: str) -> str:
    lines = []
    for paragraph in paragraphs:
        body = "".join(MARKDOWN_STYLE[style].format(text) for text, style in paragraph.joined(separator))
        lines.append(MARKDOWN_PREFIX.get(paragraph.kind, "") + body)
    return FRONT_MATTER + "\n\n".join(lines) + "\n" + CODE


HTML_TAG = {"title": "h1", "subtitle": "h2", "heading": "h2", "caption": "figcaption"}
HTML_STYLE = {None: "{}", "bold": "<strong>{}</strong>", "italic": "<em>{}</em>",
              "link": f'<a href="{LINK}">{{}}</a>'}


def html_body(paragraphs: list[Paragraph], separator: str) -> str:
    out = []
    for paragraph in paragraphs:
        tag = HTML_TAG.get(paragraph.kind, "p")
        body = "".join(HTML_STYLE[style].format(escape(text, quote=False))
                       for text, style in paragraph.joined(separator))
        out.append(f"<{tag}>{body}</{tag}>")
    return "\n".join(out)


def html_page(paragraphs: list[Paragraph], separator: str, title: str) -> str:
    """A news page: the article between navigation, an ad, a share bar, scripts and a footer."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{escape(title, quote=False)}</title>
<script>var 频道 = "北京市总工会";</script>
<style>p {{ line-height: 1.8; }}</style>
</head>
<body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li></ul></nav>
<div class="ad-banner">广告位招租</div>
<article>
{html_body(paragraphs, separator)}
</article>
<div class="share">分享到微信</div>
<footer><p>版权所有 中工网</p></footer>
<script>console.log("统计");</script>
</body>
</html>
"""


DOCX_STYLE = {"title": "Title", "subtitle": "Subtitle", "heading": "Heading 2", "caption": "Caption"}
TABLE_AFTER = 14  # the contents table goes after this paragraph: the article's first headings, in cells


def docx_document(paragraphs: list[Paragraph], separator: str, path) -> None:
    """The article as Word would save it: styled paragraphs, bold and italic runs, a hyperlink, a
    table of headings; one plain sentence split into two runs with the same properties (Word does)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for number, paragraph in enumerate(paragraphs):
        out = document.add_paragraph(style=DOCX_STYLE.get(paragraph.kind))
        for text, style in paragraph.joined(separator):
            if style == "link":
                link = OxmlElement("w:hyperlink")
                link.set(qn("r:id"), document.part.relate_to(LINK, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
                run = OxmlElement("w:r")
                properties = OxmlElement("w:rPr")
                underline = OxmlElement("w:u")
                underline.set(qn("w:val"), "single")
                properties.append(underline)
                run.append(properties)
                content = OxmlElement("w:t")
                content.text = text
                run.append(content)
                link.append(run)
                out._p.append(link)
            elif style is None and number == 6 and len(text) > 10:
                out.add_run(text[:5])
                out.add_run(text[5:])
            else:
                run = out.add_run(text)
                run.bold = style == "bold" or None
                run.italic = style == "italic" or None
        if number == TABLE_AFTER:
            headings = [p for p in paragraphs if p.kind == "heading"][:4]
            table = document.add_table(rows=2, cols=2)
            for cell, heading in zip((c for row in table.rows for c in row.cells), headings):
                cell.paragraphs[0].add_run(heading.sentences[0][0][0])
    document.save(str(path))


def docx_view(path) -> list[tuple[str, list[tuple[str, bool, bool, bool]]]]:
    """What a reader sees in a DOCX: per paragraph (cells included, in order), its style and its text
    as stretches of (text, bold, italic, linked)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    view = []
    for element in document.element.body.iter(qn("w:p")):
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(element, document._body)
        stretches: list[tuple[str, bool, bool, bool]] = []
        for run in element.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if not text:
                continue
            properties = run.find(qn("w:rPr"))
            bold = properties is not None and properties.find(qn("w:b")) is not None
            italic = properties is not None and properties.find(qn("w:i")) is not None
            linked = run.getparent().tag == qn("w:hyperlink")
            if stretches and stretches[-1][1:] == (bold, italic, linked):
                stretches[-1] = (stretches[-1][0] + text, bold, italic, linked)
            else:
                stretches.append((text, bold, italic, linked))
        if stretches:
            view.append((paragraph.style.name, stretches))
    return view


def drop_link(catalog) -> None:
    """Take the link's placeholder out of the translation of the linked sentence, as a careless edit would."""
    po = polib.pofile(str(catalog))
    link = next(e for e in po if "<1>北京市总工会</1>" in e.msgid)
    link.msgstr = link.msgstr.replace("<1>", "").replace("</1>", "")
    po.save(str(catalog))
