"""Markdown through markdown-it-py (CommonMark with GFM tables and strikethrough).

Blocks: headings (the first level-1 heading is the title), paragraphs, list items, block quotes and
table cells. Emphasis, strong, strikethrough and links become paired placeholders (a link written
back with its destination, or its reference label, as the source has it); inline code, images,
inline HTML, hard breaks and footnote marks (``[^1]``, a reference link to CommonMark) standalone ones. Code blocks, HTML blocks and front matter
(``---`` or ``+++`` at the top) are left alone. The English of a block replaces its source lines in
place, on one line, so list markers, quote marks, table pipes and everything between blocks stay
byte for byte.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.documents import placeholders
from toolkit.documents.base import Block, Parsed, SourceFormat, join_lines
from toolkit.documents.placeholders import InlineBuilder, Node, Standalone, Tagged
from toolkit.errors import InputError
from toolkit.segment import classify_body, read_source

FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?^\1[ \t]*$", re.S | re.M)
ESCAPE = re.compile(r"([\\`*_\[\]<>])")
BLOCK_START = re.compile(r"^(?:[#>+\-=|]|\d+[.)](?:\s|$))")
PAIRED = {"strong_open": "bold", "em_open": "italic", "s_open": "strikethrough"}


@dataclass(frozen=True)
class Place:
    """Where a block's inline text is in the source: first line and column to last line and column."""

    first: int
    start: int
    last: int
    end: int
    cell: bool = False  # a table cell: its pipes are escaped in the source, and must be in the English


class Markdown(SourceFormat):
    name = "markdown"
    description = "Markdown (CommonMark, GFM tables)"

    def parse(self, path: Path, encoding: str) -> tuple[list[str], list[Block]]:
        from markdown_it import MarkdownIt

        text = read_source(path, encoding)
        front = FRONT_MATTER.match(text)
        masked = text if front is None else "\n" * front.group(0).count("\n") + text[front.end():]
        lines = text.split("\n")
        parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
        parser.inline.ruler.at("link", _link_as_written)
        blocks: list[Block] = []
        parents: list[str] = []
        columns: dict[int, int] = {}  # line → column where the next search starts (cells of a table row)
        has_title = False
        for token in parser.parse(masked):
            if token.nesting == 1:
                parents.append(token.tag)
            elif token.nesting == -1:
                parents.pop()
            elif token.type == "inline" and token.map:
                cell = bool(parents) and parents[-1] in ("td", "th")
                place = _locate(token.content, lines, token.map[0], columns, cell)
                if place is None:
                    raise InputError("cannot place this block's text in the file", path=path, line=token.map[0] + 1)
                builder = InlineBuilder()
                _inline(token.children or [], builder, lines, place)
                content = join_lines(builder.placeholder_text, collapse=False)
                parent = parents[-1] if parents else "p"
                if parent == "h1" and not has_title:
                    kind, has_title = "title", True
                elif parent in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    kind = "heading"
                else:
                    kind = classify_body(placeholders.strip(content).strip())
                running = not any(tag in ("li", "td", "th") for tag in parents)
                blocks.append(Block(content, kind, token.map[0] + 1, builder.codes, target=place, running=running))
        return lines, blocks

    def write(self, parsed: Parsed, english: list[str | None]) -> str:
        lines: list[str] = list(parsed.model)
        for block, text in sorted(zip(parsed.blocks, english), key=lambda pair: (pair[0].target.first,
                                                                                  pair[0].target.start),
                                  reverse=True):
            if text is None:
                continue
            place: Place = block.target
            markdown = _render(placeholders.parse(text, block.codes), block.codes)
            if place.cell:
                markdown = markdown.replace("|", "\\|")
            if block.kind not in ("title", "heading") and BLOCK_START.match(markdown):
                markdown = "\\" + markdown if not markdown[0].isdigit() else re.sub(r"^(\d+)", r"\1\\", markdown)
            lines[place.first:place.last + 1] = [lines[place.first][:place.start] + markdown +
                                                 lines[place.last][place.end:]]
        return "\n".join(lines)


def _locate(content: str, lines: list[str], first: int, columns: dict[int, int], cell: bool) -> Place | None:
    """Find a block's inline content (markdown-it strips each line's indentation, and a table cell's
    escapes of its pipes) in the source lines."""
    parts = (content.replace("|", "\\|") if cell else content).split("\n")
    start = lines[first].find(parts[0], columns.get(first, 0)) if first < len(lines) else -1
    if start < 0:
        return None
    last = first + len(parts) - 1
    if len(parts) == 1:
        end = start + len(parts[0])
    else:
        found = lines[last].find(parts[-1]) if last < len(lines) else -1
        if found < 0:
            return None
        end = found + len(parts[-1])
    columns[last] = end
    return Place(first, start, last, end, cell)


def _link_as_written(state, silent: bool) -> bool:
    """markdown-it's link rule, noting on the link_open token how the source writes what follows the
    link's text: ``(destination "title")`` or ``[label]`` (a shortcut or collapsed reference, whose label
    is its text, gets its label spelled out, as its text is translated); and a footnote mark's source."""
    from markdown_it.rules_inline import link

    start, count = state.pos, len(state.tokens)
    if not link(state, silent):
        return False
    if not silent:
        label_end = state.md.helpers.parseLinkLabel(state, start, True)
        text, after = state.src[start + 1:label_end], state.src[label_end + 1:state.pos]
        opening = next(token for token in state.tokens[count:] if token.type == "link_open")  # after pending text
        if after in ("", "[]"):
            after = f"[{text}]"
            if text.startswith("^"):
                opening.meta["footnote"] = f"[{text}]"
        opening.meta["after"] = after
    return True


def _inline(children: list, builder: InlineBuilder, lines: list[str], place: Place) -> None:
    """Text and placeholders of an inline token's children; soft breaks left as newlines for the
    caller to join (nothing between Chinese characters, a space elsewhere)."""
    open_codes: list[int] = []
    line = place.first
    skip_link = False
    for child in children:
        kind = child.type
        if skip_link:
            skip_link = kind != "link_close"
        elif kind == "text":
            builder.text(child.content)
        elif kind == "softbreak":
            builder.text("\n")
            line += 1
        elif kind == "hardbreak":
            line += 1
            indent = lines[line][:len(lines[line]) - len(lines[line].lstrip())] if line < len(lines) else ""
            builder.standalone("line break", "\\\n" + indent)
        elif kind in PAIRED:
            open_codes.append(builder.open(PAIRED[kind], child.markup))
        elif kind.endswith("_close"):
            builder.close(open_codes.pop())
        elif kind == "link_open" and child.markup == "autolink":
            builder.standalone("link", f"<{child.attrs['href']}>")
            skip_link = True
        elif kind == "link_open" and "footnote" in child.meta:
            builder.standalone("footnote mark", child.meta["footnote"])
            skip_link = True
        elif kind == "link_open":
            open_codes.append(builder.open(f"link to {child.attrs.get('href', '')}", ("link", child.meta["after"])))
        elif kind == "code_inline":
            builder.standalone("code", f"{child.markup}{child.content}{child.markup}")
        elif kind == "image":
            src, title = str(child.attrs.get("src", "")), child.attrs.get("title")
            builder.standalone("image", f"![{child.content}]({_target(src, title)})")
        elif kind == "html_inline":
            _html_inline(child.content, builder, open_codes)


HTML_OPEN = re.compile(r"<([A-Za-z][\w-]*)\b[^>]*(?<!/)>\Z")
HTML_CLOSE = re.compile(r"</([A-Za-z][\w-]*)\s*>\Z")
VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "source"}


def _html_inline(markup: str, builder: InlineBuilder, open_codes: list[int]) -> None:
    """Inline HTML: an element's opening and closing tags as one paired code (<sup>1</sup> → <1>1</1>),
    anything else (<br>, a comment) standalone."""
    opening, closing = HTML_OPEN.match(markup), HTML_CLOSE.match(markup)
    if opening and opening.group(1).lower() not in VOID:
        open_codes.append(builder.open(f"HTML <{opening.group(1)}>", ["html", markup, f"</{opening.group(1)}>"]))
        return
    if closing and open_codes:
        code = builder.codes[open_codes[-1]]
        if isinstance(code.data, list) and code.data[2].lower() == markup.lower().replace(" ", ""):
            code.data[2] = markup
            builder.close(open_codes.pop())
            return
    builder.standalone("HTML", markup)


def _target(href: str, title: object) -> str:
    shown = f"<{href}>" if re.search(r"[\s()<>]", href) else href
    if title:
        shown += ' "' + str(title).replace('"', '\\"') + '"'
    return shown


def _render(nodes: list[Node], codes: dict) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(ESCAPE.sub(r"\\\1", node))
        elif isinstance(node, Standalone):
            out.append(str(codes[node.id].data))
        else:
            inner = _render(node.children, codes)
            code = codes[node.id]
            if isinstance(code.data, tuple):
                out.append(f"[{inner}]{code.data[1]}")
            elif isinstance(code.data, list):
                out.append(f"{code.data[1]}{inner}{code.data[2]}")
            else:
                out.append(f"{code.data}{inner}{code.data}")
    return "".join(out)
