"""ODT: content.xml (and the page headers/footers in styles.xml) read with lxml, in document order.

Paragraphs and headings become lines (`text:line-break` starts a new one), tables are read cell by cell
(covered cells of a merge skipped), frames' text boxes after their paragraph, `text:a` targets into links.
Bold and size come from the automatic and named styles (one parent level followed).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..document import BULLET, Document, Line, Page, Span
from ..errors import CorruptDocument
from ..options import Deadline, ParseOptions

_NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}
_T = "{" + _NS["text"] + "}"
_TABLE = "{" + _NS["table"] + "}"
_DRAW = "{" + _NS["draw"] + "}"
_STYLE = "{" + _NS["style"] + "}"
_FO = "{" + _NS["fo"] + "}"
_XLINK = "{" + _NS["xlink"] + "}"
_OFFICE = "{" + _NS["office"] + "}"
_SKIP = {f"{_T}tracked-changes", f"{_T}note-citation", f"{_OFFICE}annotation", f"{_T}sequence-decls"}

Style = tuple[bool | None, float | None]


@dataclass
class _State:
    styles: dict[str, Style]
    numbered_lists: set[str] = field(default_factory=set)
    lines: list[Line] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    bullet: bool = False
    """A bulleted list item has started: its first paragraph gets the bullet glyph."""


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = etree.fromstring(archive.read("content.xml"), parser)
            names = set(archive.namelist())
            styles_xml = etree.fromstring(archive.read("styles.xml"), parser) if "styles.xml" in names else None
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise CorruptDocument(f"the ODT could not be read: {exc}") from exc
    styles = _styles(styles_xml) if styles_xml is not None else {}
    styles.update(_styles(content))
    numbered = _numbered_lists(content) | (_numbered_lists(styles_xml) if styles_xml is not None else set())
    state = _State(styles=styles, numbered_lists=numbered)
    if styles_xml is not None:
        for header in styles_xml.iterfind(".//style:master-page/style:header", _NS):
            _blocks(header, state)
    body = content.find("office:body/office:text", _NS)
    if body is not None:
        _blocks(body, state)
    if styles_xml is not None:
        for footer in styles_xml.iterfind(".//style:master-page/style:footer", _NS):
            _blocks(footer, state)
    return Document(pages=[Page(number=1, lines=state.lines)], format="odt", links=state.links)


def _styles(root: Any) -> dict[str, Style]:
    raw: dict[str, tuple[Style, str | None]] = {}
    for style in root.iterfind(".//style:style", _NS):
        props = style.find("style:text-properties", _NS)
        bold: bool | None = None
        size: float | None = None
        if props is not None:
            weight = props.get(f"{_FO}font-weight")
            bold = None if weight is None else weight in ("bold", "600", "700", "800", "900")
            font_size = props.get(f"{_FO}font-size") or ""
            if font_size.endswith("pt"):
                try:
                    size = float(font_size[:-2])
                except ValueError:
                    size = None
        raw[style.get(f"{_STYLE}name") or ""] = ((bold, size), style.get(f"{_STYLE}parent-style-name"))
    resolved: dict[str, Style] = {}
    for name, ((bold, size), parent) in raw.items():
        if parent in raw:
            parent_bold, parent_size = raw[parent][0]
            bold = bold if bold is not None else parent_bold
            size = size or parent_size
        resolved[name] = (bold, size)
    return resolved


def _numbered_lists(root: Any) -> set[str]:
    """Names of list styles whose first level is numbered (the others draw bullets)."""
    names = set()
    for style in root.iterfind(".//text:list-style", _NS):
        for level in style.iterfind("text:list-level-style-number", _NS):
            if level.get(f"{_T}level") == "1" and (level.get(f"{_STYLE}num-format") or "") != "":
                names.add(style.get(f"{_STYLE}name") or "")
    return names


def _blocks(element: Any, state: _State, list_style: str | None = None) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag in (f"{_T}p", f"{_T}h"):
            _paragraph(child, state)
        elif tag == f"{_TABLE}covered-table-cell":
            continue
        elif tag == f"{_T}list":
            _blocks(child, state, child.get(f"{_T}style-name") or list_style)
        elif tag == f"{_T}list-item":
            state.bullet = list_style not in state.numbered_lists
            _blocks(child, state, list_style)
            state.bullet = False
        else:
            _blocks(child, state, list_style)  # sections, tables, rows, cells, frames


def _paragraph(p: Any, state: _State) -> None:
    base = state.styles.get(p.get(f"{_T}style-name") or "", (None, None))
    if p.tag == f"{_T}h" and base[0] is None:
        base = (True, base[1])
    spans: list[Span] = []
    links: list[str] = []
    frames: list[Any] = []

    def add(text: str, style: Style) -> None:
        bold = bool(style[0])
        if spans and spans[-1].bold == bold and spans[-1].font_size == style[1]:
            spans[-1].text += text
        elif spans and not spans[-1].text.endswith(" ") and not text.startswith(" "):
            spans[-1].text += text  # a word split across styles stays one word
        else:
            spans.append(Span(text=text, bold=bold, font_size=style[1]))

    def close() -> None:
        if any(s.text.strip() for s in spans):
            if state.bullet:
                spans.insert(0, Span(text=BULLET, font_size=spans[0].font_size))
                state.bullet = False
            state.lines.append(Line(spans=list(spans), links=list(dict.fromkeys(links))))
        spans.clear()
        links.clear()

    def walk(element: Any, style: Style) -> None:
        if element.text:
            add(element.text, style)
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in _SKIP:
                if tag == f"{_T}s":
                    add(" " * int(child.get(f"{_T}c") or 1), style)
                elif tag == f"{_T}tab":
                    add("\t", style)
                elif tag == f"{_T}line-break":
                    close()
                elif tag.startswith(_DRAW):
                    frames.append(child)
                else:
                    own = state.styles.get(child.get(f"{_T}style-name") or "")
                    inner = style if own is None else (own[0] if own[0] is not None else style[0], own[1] or style[1])
                    if tag == f"{_T}a":
                        href = child.get(f"{_XLINK}href")
                        if href and not href.startswith("#"):
                            links.append(href)
                            if href not in state.links:
                                state.links.append(href)
                    walk(child, inner)
            if child.tail:
                add(child.tail, style)

    walk(p, base)
    close()
    for frame in frames:
        _blocks(frame, state)
