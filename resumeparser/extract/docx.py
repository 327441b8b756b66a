"""DOCX: python-docx opens the package; the XML is walked directly so nothing with text is skipped.

Read, in order: page headers (contact details often live there), the body in document order (paragraphs,
tables cell by cell with merged cells once, content controls, fields' displayed results, text boxes in
`w:txbxContent`, taking only the first branch of `mc:AlternateContent` so the VML fallback copy is not read
twice), then footers. A paragraph becomes a line; `w:br` starts a new line. Hyperlink targets come from the
relationships (and from HYPERLINK field codes). Bold and size come from the run, its character style, the
paragraph style and the document defaults, in that order.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ..document import Document, Line, Page, Span
from ..errors import CorruptDocument, EncryptedDocument
from ..options import Deadline, ParseOptions

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]+)"')
_SKIP = {qn("w:del"), qn("w:instrText"), qn("w:delText"), qn("w:rPr"), qn("w:pPr"), qn("w:moveFrom")}


@dataclass
class _Style:
    bold: bool | None = None
    size: float | None = None


@dataclass
class _Context:
    part: Any
    styles: dict[str, _Style]
    default: _Style
    lines: list[Line] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    try:
        document = docx.Document(io.BytesIO(data))
    except KeyError as exc:
        raise CorruptDocument(f"the DOCX lacks a required part: {exc}") from exc
    except Exception as exc:
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise EncryptedDocument("a password-protected Word document") from exc
        raise CorruptDocument(f"the DOCX could not be read: {type(exc).__name__}: {exc}") from exc
    styles, default = _styles(document)
    lines: list[Line] = []
    links: list[str] = []
    seen_parts: set[str] = set()
    headers, footers = _furniture_parts(document)
    for part in headers:
        _read_part(part, part.element, styles, default, lines, links, seen_parts)
    deadline.check("DOCX extraction")
    _read_part(document.part, document.element.body, styles, default, lines, links, seen_parts)
    for part in footers:
        _read_part(part, part.element, styles, default, lines, links, seen_parts)
    return Document(pages=[Page(number=1, lines=lines)], format="docx", links=links)


def _read_part(
    part: Any, root: Any, styles: dict[str, _Style], default: _Style, lines: list[Line], links: list[str],
    seen_parts: set[str],
) -> None:
    name = str(part.partname)
    if name in seen_parts:
        return
    seen_parts.add(name)
    ctx = _Context(part=part, styles=styles, default=default)
    _walk_blocks(root, ctx)
    if part.partname.startswith(("/word/header", "/word/footer")):
        # identical first-page/default headers: keep one copy of each line
        known = {line.text for line in lines}
        ctx.lines = [line for line in ctx.lines if line.text not in known]
    lines.extend(ctx.lines)
    links.extend(url for url in ctx.links if url not in links)


def _furniture_parts(document: Any) -> tuple[list[Any], list[Any]]:
    headers: list[Any] = []
    footers: list[Any] = []
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype == RT.HEADER:
            headers.append(rel.target_part)
        elif rel.reltype == RT.FOOTER:
            footers.append(rel.target_part)
    return sorted(headers, key=lambda p: str(p.partname)), sorted(footers, key=lambda p: str(p.partname))


def _walk_blocks(element: Any, ctx: _Context) -> None:
    """Block-level content: paragraphs, tables, content controls, in document order."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == qn("w:p"):
            _paragraph(child, ctx)
        elif tag == qn("w:tbl"):
            _table(child, ctx)
        elif tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if tag == qn("w:sdt") else child
            if content is not None:
                _walk_blocks(content, ctx)
        elif tag == f"{_MC}AlternateContent":
            branch = _first_branch(child)
            if branch is not None:
                _walk_blocks(branch, ctx)


def _table(table: Any, ctx: _Context) -> None:
    for row in table.iterchildren(qn("w:tr")):
        for cell in _cells(row):
            props = cell.find(qn("w:tcPr"))
            if props is not None:
                vmerge = props.find(qn("w:vMerge"))
                hmerge = props.find(qn("w:hMerge"))
                # a continued merged cell repeats nothing new: its content lives in the first cell
                if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                    continue
                if hmerge is not None and hmerge.get(qn("w:val")) in (None, "continue"):
                    continue
            _walk_blocks(cell, ctx)


def _cells(row: Any) -> Iterator[Any]:
    for child in row.iterchildren():
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _cells(content)


def _first_branch(alternate: Any) -> Any:
    for child in alternate.iterchildren():
        if child.tag in (f"{_MC}Choice", f"{_MC}Fallback"):
            return child
    return None


def _paragraph(p: Any, ctx: _Context) -> None:
    para_style = _paragraph_style(p, ctx)
    current: list[Span] = []
    links: list[str] = []
    boxes: list[Any] = []
    pending: list[Line] = []

    def close() -> None:
        if any(s.text.strip() for s in current):
            pending.append(Line(spans=list(current), links=list(dict.fromkeys(links))))
        current.clear()

    def runs(element: Any, link: str | None) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == qn("w:r"):
                _run(child, link)
            elif tag == qn("w:hyperlink"):
                runs(child, _hyperlink_target(child, ctx) or link)
            elif tag == qn("w:fldSimple"):
                match = _HYPERLINK_FIELD.search(child.get(qn("w:instr")) or "")
                runs(child, match.group(1) if match else link)
            elif tag == f"{_MC}AlternateContent":
                branch = _first_branch(child)
                if branch is not None:
                    runs(branch, link)
            elif isinstance(tag, str):
                runs(child, link)  # w:sdt, w:sdtContent, w:smartTag, w:ins, w:customXml, ...

    def _run(r: Any, link: str | None) -> None:
        style = _run_style(r, para_style, ctx)
        for child in r.iterchildren():
            tag = child.tag
            if tag == qn("w:t"):
                _add(child.text or "", style, link)
            elif tag == qn("w:tab"):
                _add("\t", style, link)
            elif tag in (qn("w:br"), qn("w:cr")):
                close()
            elif tag == qn("w:instrText"):
                match = _HYPERLINK_FIELD.search(child.text or "")
                if match:
                    _note_link(match.group(1))
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")) or tag == f"{_MC}AlternateContent":
                boxes.append(child)
            elif tag == qn("w:noBreakHyphen"):
                _add("-", style, link)

    def _add(text: str, style: _Style, link: str | None) -> None:
        if link:
            _note_link(link)
        last = current[-1] if current else None
        if last is not None and last.bold == bool(style.bold) and last.font_size == style.size:
            last.text += text
        else:
            # spans within a paragraph join without a space: a word may be split across runs
            if last is not None and not last.text.endswith((" ", "\t")) and not text.startswith((" ", "\t")):
                last.text, text = _move_partial_word(last.text, text)
                if not last.text:
                    current.pop()
            current.append(Span(text=text, bold=bool(style.bold), font_size=style.size))

    def _note_link(url: str) -> None:
        links.append(url)
        if url not in ctx.links:
            ctx.links.append(url)

    runs(p, None)
    close()
    ctx.lines.extend(pending)
    for box in boxes:
        for content in _text_boxes(box):
            _walk_blocks(content, ctx)


def _move_partial_word(before: str, after: str) -> tuple[str, str]:
    """Spans are joined with a space later; a word split across differently formatted runs moves whole."""
    head, sep, tail = before.rpartition(" ")
    return head + sep, tail + after


def _text_boxes(element: Any) -> Iterator[Any]:
    """`w:txbxContent` inside a drawing or VML shape; from mc:AlternateContent only the first branch."""
    if element.tag == f"{_MC}AlternateContent":
        branch = _first_branch(element)
        if branch is not None:
            yield from _text_boxes(branch)
        return
    if element.tag == qn("w:txbxContent"):
        yield element
        return
    for child in element.iterchildren():
        if isinstance(child.tag, str):
            yield from _text_boxes(child)


def _hyperlink_target(element: Any, ctx: _Context) -> str | None:
    rid = element.get(qn("r:id"))
    if not rid:
        return None
    rel = ctx.part.rels.get(rid)
    if rel is None or not rel.is_external:
        return None
    return str(rel.target_ref)


def _styles(document: Any) -> tuple[dict[str, _Style], _Style]:
    """Effective bold and size of every paragraph and character style, following based-on chains."""
    resolved: dict[str, _Style] = {}
    by_id = {s.style_id: s for s in document.styles if s.style_id}

    def resolve(style_id: str, depth: int = 0) -> _Style:
        if style_id in resolved:
            return resolved[style_id]
        style = by_id.get(style_id)
        result = _Style()
        if style is not None and hasattr(style, "font"):
            result = _Style(bold=style.font.bold, size=style.font.size.pt if style.font.size else None)
            base = style.base_style
            if base is not None and base.style_id and depth < 20:
                parent = resolve(base.style_id, depth + 1)
                result = _Style(bold=result.bold if result.bold is not None else parent.bold,
                                size=result.size or parent.size)
        resolved[style_id] = result
        return result

    for style_id in by_id:
        resolve(style_id)
    default = _Style(bold=False, size=None)
    defaults = document.styles.element.find(f"{_W}docDefaults")
    if defaults is not None:
        size = defaults.find(f"{_W}rPrDefault/{_W}rPr/{_W}sz")
        if size is not None and (size.get(qn("w:val")) or "").isdigit():
            default.size = int(size.get(qn("w:val"))) / 2
    return resolved, default


def _paragraph_style(p: Any, ctx: _Context) -> _Style:
    style_id = None
    props = p.find(qn("w:pPr"))
    if props is not None:
        ps = props.find(qn("w:pStyle"))
        if ps is not None:
            style_id = ps.get(qn("w:val"))
    base = ctx.styles.get(style_id or "Normal") or ctx.styles.get("Normal") or _Style()
    return _Style(bold=base.bold if base.bold is not None else ctx.default.bold, size=base.size or ctx.default.size)


def _run_style(r: Any, para: _Style, ctx: _Context) -> _Style:
    bold, size = para.bold, para.size
    props = r.find(qn("w:rPr"))
    if props is None:
        return _Style(bold=bold, size=size)
    rs = props.find(qn("w:rStyle"))
    if rs is not None:
        char = ctx.styles.get(rs.get(qn("w:val")) or "")
        if char is not None:
            bold = char.bold if char.bold is not None else bold
            size = char.size or size
    b = props.find(qn("w:b"))
    if b is not None:
        bold = b.get(qn("w:val")) not in ("0", "false", "off")
    sz = props.find(qn("w:sz"))
    if sz is not None and (sz.get(qn("w:val")) or "").isdigit():
        size = int(sz.get(qn("w:val"))) / 2
    return _Style(bold=bold, size=size)
