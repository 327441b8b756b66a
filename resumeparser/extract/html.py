"""HTML: BeautifulSoup over lxml. Scripts, styles and the head are dropped; block elements and table cells
start new lines, inline elements join; `a href` targets go into links. Headings and `b`/`strong`/`th` are
bold; headings carry the browser default sizes (2em, 1.5em, ... of a 12 pt body) so layout cues survive.
"""

from __future__ import annotations

import email
import email.policy
import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..document import BULLET, Document, Line, Page, Span
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
    text = _mhtml_page(data) if data.lstrip()[:13].lower() == b"mime-version:" else None
    if text is None:
        text = decode_text(data)
    if len(text) > options.limits.max_text_chars * 4:
        raise FileTooLarge(f"{len(text)} characters of HTML is over the limit")
    soup = BeautifulSoup(text, "lxml")
    floated = _right_floated_classes(soup)
    lines: list[Line] = []
    links: list[str] = []
    spans: list[Span] = []
    line_links: list[str] = []
    deferred: list[Span] = []  # right-floated text: shown at the end of its line

    def close() -> None:
        if deferred:
            spans.extend(deferred)
            deferred.clear()
        if any(s.text.strip() for s in spans):
            lines.append(Line(spans=list(spans), links=list(dict.fromkeys(line_links))))
        spans.clear()
        line_links.clear()

    boundary = [False]  # an element started since the last text

    def add(value: str, bold: bool, size: float) -> None:
        value = _WHITESPACE.sub(" ", value)
        if boundary[0] and value[:1].isdigit() and spans and spans[-1].text[-1:].isdigit():
            # two elements shown apart ("2019" and "3 years" in styled spans) never make one number
            value = " " + value
        boundary[0] = False
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
            boundary[0] = True
            href = child.get("href") if name == "a" else None
            if isinstance(href, str) and href.strip() and not href.startswith(("#", "javascript:")):
                url = href.strip()
                line_links.append(url)
                if url not in links:
                    links.append(url)
            if name == "li" and isinstance(node, Tag) and node.name == "ul":
                add(BULLET + " ", bold, size)
            if not block and _is_floated_right(child, floated):
                start = len(spans)
                walk(child, bold or name in _BOLD, _HEADING_SIZE.get(name, size), depth + 1)
                moved = spans[start:]
                del spans[start:]
                deferred.extend(Span(text=" " + s.text, bold=s.bold, font_size=s.font_size) for s in moved)
                continue
            walk(child, bold or name in _BOLD, _HEADING_SIZE.get(name, size), depth + 1)
            if block:
                close()

    root = soup.body or soup
    walk(root, False, _BODY_SIZE, 0)
    close()
    return Document(pages=[Page(number=1, lines=lines)], format="html", links=links)


_FLOAT_RIGHT = re.compile(r"float\s*:\s*right", re.I)
_CLASS_RULE = re.compile(r"\.([\w-]+)\s*\{([^}]*)\}")


def _right_floated_classes(soup: BeautifulSoup) -> set[str]:
    """Classes that simple `.name { float: right }` rules of the page's style sheets float right."""
    classes: set[str] = set()
    for style in soup.find_all("style"):
        for match in _CLASS_RULE.finditer(style.get_text()):
            if _FLOAT_RIGHT.search(match.group(2)):
                classes.add(match.group(1))
    return classes


def _is_floated_right(tag: Tag, classes: set[str]) -> bool:
    style = tag.get("style")
    if isinstance(style, str) and _FLOAT_RIGHT.search(style):
        return True
    names: list[str] = list(tag.get("class") or [])
    return any(name in classes for name in names)


def _mhtml_page(data: bytes) -> str | None:
    """The HTML part of a single-file web page (MIME multipart), decoded."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset() or "utf-8"
                try:
                    return payload.decode(charset, errors="replace")
                except LookupError:
                    return decode_text(payload)
    return None
