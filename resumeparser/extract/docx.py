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
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ..document import BULLET, Document, Line, Page, Span
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
    list_bullet: bool | None = None


@dataclass
class _Context:
    part: Any
    styles: _Styles
    lines: list[Line] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    column: int = 0
    """The cell of a one-row layout table the text is in (a sidebar cell, a main cell), else 0."""


_STRICT_NAMESPACE = re.compile(rb"http://purl\.oclc\.org/ooxml/(officeDocument|wordprocessingml|drawingml)/(\w+)")
_STRICT_RENAMED = {b"extendedProperties": b"extended-properties", b"customProperties": b"custom-properties"}


def _from_strict(match: re.Match[bytes]) -> bytes:
    group, name = match.groups()
    return b"http://schemas.openxmlformats.org/" + group + b"/2006/" + _STRICT_RENAMED.get(name, name)


def transitional(data: bytes) -> bytes:
    """A Strict Open XML package (ISO/IEC 29500 Strict, as Word saves "Strict Open XML Document") rewritten
    with the Transitional namespaces and relationship types python-docx reads; other packages unchanged.

    Strict renames the namespaces (`http://purl.oclc.org/ooxml/wordprocessingml/main` for
    `http://schemas.openxmlformats.org/wordprocessingml/2006/main`, and so on) and the relationship types
    built on them; the element names are the same. Only the XML parts are rewritten, in memory."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        try:
            rels = source.read("_rels/.rels")
        except KeyError:
            return data
        if b"purl.oclc.org/ooxml/" not in rels:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                payload = source.read(info)
                if info.filename.endswith((".xml", ".rels")):
                    payload = _STRICT_NAMESPACE.sub(_from_strict, payload)
                    for strict, plain in _STRICT_RENAMED.items():
                        payload = payload.replace(b"/relationships/" + strict, b"/relationships/" + plain)
                target.writestr(info, payload)
    return out.getvalue()


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    try:
        document = docx.Document(io.BytesIO(transitional(data)))
    except KeyError as exc:
        raise CorruptDocument(f"the DOCX lacks a required part: {exc}") from exc
    except Exception as exc:
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise EncryptedDocument("a password-protected Word document") from exc
        raise CorruptDocument(f"the DOCX could not be read: {type(exc).__name__}: {exc}") from exc
    styles = _Styles(document)
    lines: list[Line] = []
    links: list[str] = []
    seen_parts: set[str] = set()
    first_page, later, footers = _furniture_parts(document)
    for part in first_page:
        _read_part(part, part.element, styles, lines, links, seen_parts)
    deadline.check("DOCX extraction")
    _read_part(document.part, document.element.body, styles, lines, links, seen_parts)
    for part in later + footers:
        _read_part(part, part.element, styles, lines, links, seen_parts)
    return Document(pages=[Page(number=1, lines=lines)], format="docx", links=links)


def _read_part(
    part: Any, root: Any, styles: _Styles, lines: list[Line], links: list[str], seen_parts: set[str]
) -> None:
    name = str(part.partname)
    if name in seen_parts:
        return
    seen_parts.add(name)
    ctx = _Context(part=part, styles=styles)
    _walk_blocks(root, ctx)
    if part.partname.startswith(("/word/header", "/word/footer")):
        # identical first-page/default headers: keep one copy of each line
        known = {line.text for line in lines}
        ctx.lines = [line for line in ctx.lines if line.text not in known]
    lines.extend(ctx.lines)
    links.extend(url for url in ctx.links if url not in links)


def _furniture_parts(document: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """Headers shown on the first page (read before the body), other headers, and footers.

    The first page shows the "first" header when the section asks for a distinct title page (w:titlePg),
    else the "default" one; a header only on later pages ("Page Two") does not belong before the body."""
    headers: dict[str, Any] = {}
    footers: list[Any] = []
    for rid, rel in document.part.rels.items():
        if rel.is_external:
            continue
        if rel.reltype == RT.HEADER:
            headers[rid] = rel.target_part
        elif rel.reltype == RT.FOOTER:
            footers.append(rel.target_part)
    first_ids: list[str] = []
    sections = document.sections
    if len(sections):
        sect = sections[0]._sectPr
        refs = {
            ref.get(qn("w:type")) or "default": ref.get(qn("r:id")) for ref in sect.iterfind(qn("w:headerReference"))
        }
        title_page = sect.find(qn("w:titlePg"))
        distinct = title_page is not None and title_page.get(qn("w:val")) not in ("0", "false", "off")
        shown = refs.get("first") if distinct else refs.get("default")
        first_ids = [shown] if shown else []
    else:
        first_ids = list(headers)
    first = [headers[rid] for rid in first_ids if rid in headers]
    later = sorted((p for rid, p in headers.items() if rid not in first_ids), key=lambda p: str(p.partname))
    return first, later, sorted(footers, key=lambda p: str(p.partname))


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
    rows = list(table.iterchildren(qn("w:tr")))
    outer = ctx.column
    for row in rows:
        for index, cell in enumerate(_cells(row)):
            if len(rows) == 1:  # a one-row table lays out regions side by side
                ctx.column = outer + index
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
    ctx.column = outer


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
            pending.append(Line(spans=list(current), links=list(dict.fromkeys(links)), column=ctx.column))
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
    if para_style.list_bullet and pending:
        # the bullet glyph lives in the numbering definition, not in the text
        first = pending[0]
        first.spans.insert(0, Span(text=BULLET, bold=False, font_size=first.spans[0].font_size))
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


class _Styles:
    """Effective bold and size of paragraph and character styles (following based-on chains), and list
    markers from the numbering part; resolved lazily, since a template declares hundreds of unused styles."""

    def __init__(self, document: Any) -> None:
        root = document.styles.element
        self.by_id = {el.get(qn("w:styleId")): el for el in root.iterfind(qn("w:style"))}
        self.resolved: dict[str, _Style] = {}
        self.default = _Style(bold=False, size=None)
        size = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
        if size is not None and (size.get(qn("w:val")) or "").isdigit():
            self.default.size = int(size.get(qn("w:val"))) / 2
        self.bullets = _bullet_lists(document)

    def get(self, style_id: str, depth: int = 0) -> _Style | None:
        if style_id in self.resolved:
            return self.resolved[style_id]
        element = self.by_id.get(style_id)
        if element is None:
            return None
        style = _Style()
        props = element.find(qn("w:rPr"))
        if props is not None:
            style = _run_props(props, _Style())
        ppr = element.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:numPr")) is not None:
            style.list_bullet = _is_bullet(ppr.find(qn("w:numPr")), self.bullets)
        based = element.find(qn("w:basedOn"))
        if based is not None and depth < 20:
            parent = self.get(based.get(qn("w:val")) or "", depth + 1)
            if parent is not None:
                style = _Style(
                    bold=style.bold if style.bold is not None else parent.bold,
                    size=style.size or parent.size,
                    list_bullet=style.list_bullet if style.list_bullet is not None else parent.list_bullet,
                )
        self.resolved[style_id] = style
        return style


def _bullet_lists(document: Any) -> set[tuple[str, str]]:
    """(numId, ilvl) pairs whose number format is a bullet."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return set()
    abstract: dict[str, set[str]] = {}
    for definition in numbering.iterfind(qn("w:abstractNum")):
        levels = set()
        for level in definition.iterfind(qn("w:lvl")):
            fmt = level.find(qn("w:numFmt"))
            if fmt is not None and fmt.get(qn("w:val")) == "bullet":
                levels.add(level.get(qn("w:ilvl")) or "0")
        abstract[definition.get(qn("w:abstractNumId")) or ""] = levels
    bullets: set[tuple[str, str]] = set()
    for num in numbering.iterfind(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None:
            for level in abstract.get(ref.get(qn("w:val")) or "", set()):
                bullets.add((num.get(qn("w:numId")) or "", level))
    return bullets


def _is_bullet(num_pr: Any, bullets: set[tuple[str, str]]) -> bool:
    num_id = num_pr.find(qn("w:numId"))
    level = num_pr.find(qn("w:ilvl"))
    key = (
        num_id.get(qn("w:val")) if num_id is not None else "",
        level.get(qn("w:val")) if level is not None else "0",
    )
    return key in bullets


def _paragraph_style(p: Any, ctx: _Context) -> _Style:
    style_id = None
    bullet: bool | None = None
    props = p.find(qn("w:pPr"))
    if props is not None:
        ps = props.find(qn("w:pStyle"))
        if ps is not None:
            style_id = ps.get(qn("w:val"))
        num_pr = props.find(qn("w:numPr"))
        if num_pr is not None:
            bullet = _is_bullet(num_pr, ctx.styles.bullets)
    base = ctx.styles.get(style_id or "Normal") or ctx.styles.get("Normal") or _Style()
    default = ctx.styles.default
    return _Style(
        bold=base.bold if base.bold is not None else default.bold,
        size=base.size or default.size,
        list_bullet=bullet if bullet is not None else base.list_bullet,
    )


def _run_style(r: Any, para: _Style, ctx: _Context) -> _Style:
    style = _Style(bold=para.bold, size=para.size)
    props = r.find(qn("w:rPr"))
    if props is None:
        return style
    rs = props.find(qn("w:rStyle"))
    if rs is not None:
        char = ctx.styles.get(rs.get(qn("w:val")) or "")
        if char is not None:
            style = _Style(bold=char.bold if char.bold is not None else style.bold, size=char.size or style.size)
    return _run_props(props, style)


def _run_props(props: Any, style: _Style) -> _Style:
    """Direct run formatting (w:b, w:sz) over an inherited style."""
    bold, size = style.bold, style.size
    b = props.find(qn("w:b"))
    if b is not None:
        bold = b.get(qn("w:val")) not in ("0", "false", "off")
    sz = props.find(qn("w:sz"))
    if sz is not None and (sz.get(qn("w:val")) or "").isdigit():
        size = int(sz.get(qn("w:val"))) / 2
    return _Style(bold=bold, size=size)
