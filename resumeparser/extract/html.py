"""HTML: BeautifulSoup over lxml. Scripts, styles and the head are dropped; block elements and table cells
start new lines, inline elements join; `a href` targets go into links. Headings and `b`/`strong`/`th` are
bold; headings carry the browser default sizes (2em, 1.5em, ... of a 12 pt body) so layout cues survive.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..document import Document, Line, Page, Span
from ..errors import FileTooLarge
from ..options import Deadline, ParseOptions
from .text import decode_text

_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button", "select"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "caption",
}
_BOLD = {"b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
_HEADING_SIZE = {"h1": 24.0, "h2": 18.0, "h3": 14.0, "h4": 12.0, "h5": 10.0, "h6": 8.0}
_BODY_SIZE = 12.0
_WHITESPACE = re.compile(r"\s+")


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    text = decode_text(data)
    if len(text) > options.limits.max_text_chars * 4:
        raise FileTooLarge(f"{len(text)} characters of HTML is over the limit")
    soup = BeautifulSoup(text, "lxml")
    lines: list[Line] = []
    links: list[str] = []
    spans: list[Span] = []
    line_links: list[str] = []

    def close() -> None:
        if any(s.text.strip() for s in spans):
            lines.append(Line(spans=list(spans), links=list(dict.fromkeys(line_links))))
        spans.clear()
        line_links.clear()

    def add(value: str, bold: bool, size: float) -> None:
        value = _WHITESPACE.sub(" ", value)
        if not value or (value == " " and (not spans or spans[-1].text.endswith(" "))):
            return
        if spans and spans[-1].bold == bold and spans[-1].font_size == size:
            spans[-1].text += value
        elif spans and value.strip() and not spans[-1].text.endswith(" ") and not value.startswith(" "):
            spans[-1].text += value
        else:
            spans.append(Span(text=value, bold=bold, font_size=size))

    def walk(node: Tag, bold: bool, size: float, depth: int) -> None:
        if depth > options.limits.max_nesting_depth:
            return
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    add(str(child), bold, size)
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in _DROP:
                continue
            if name == "br":
                close()
                continue
            block = name in _BLOCK
            if block:
                close()
            href = child.get("href") if name == "a" else None
            if isinstance(href, str) and href.strip() and not href.startswith(("#", "javascript:")):
                url = href.strip()
                line_links.append(url)
                if url not in links:
                    links.append(url)
            walk(child, bold or name in _BOLD, _HEADING_SIZE.get(name, size), depth + 1)
            if block:
                close()

    root = soup.body or soup
    walk(root, False, _BODY_SIZE, 0)
    close()
    return Document(pages=[Page(number=1, lines=lines)], format="html", links=links)
