"""DOCX: the package is read with python-docx's reader pieces; the XML is walked directly so nothing with text is
skipped.

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

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.opc.pkgreader import _ContentTypeMap, _SerializedRelationships
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.parts.styles import StylesPart
from lxml import etree

from ..document import BULLET, Document, Line, Page, Span
from ..errors import CorruptDocument, EncryptedDocument
from ..options import Deadline, ParseOptions

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_ALTERNATE_CONTENT = f"{_MC}AlternateContent"
_MC_BRANCHES = (f"{_MC}Choice", f"{_MC}Fallback")
_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]+)"')
# Clark names of the tags and attributes read below, made once (qn() per lookup was a measurable share)
_R_ID = qn("r:id")
_W_ABSTRACT_NUM = qn("w:abstractNum")
_W_ABSTRACT_NUM_ID = qn("w:abstractNumId")
_W_B = qn("w:b")
_W_BASED_ON = qn("w:basedOn")
_W_BR = qn("w:br")
_W_CR = qn("w:cr")
_W_CUSTOM_XML = qn("w:customXml")
_W_DEL = qn("w:del")
_W_DEL_TEXT = qn("w:delText")
_W_DRAWING = qn("w:drawing")
_W_FLD_SIMPLE = qn("w:fldSimple")
_W_HEADER_REFERENCE = qn("w:headerReference")
_W_HYPERLINK = qn("w:hyperlink")
_W_H_MERGE = qn("w:hMerge")
_W_ILVL = qn("w:ilvl")
_W_INSTR = qn("w:instr")
_W_INSTR_TEXT = qn("w:instrText")
_W_LVL = qn("w:lvl")
_W_MOVE_FROM = qn("w:moveFrom")
_W_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_W_NUM = qn("w:num")
_W_NUM_FMT = qn("w:numFmt")
_W_NUM_ID = qn("w:numId")
_W_NUM_PR = qn("w:numPr")
_W_OBJECT = qn("w:object")
_W_P = qn("w:p")
_W_PICT = qn("w:pict")
_W_P_PR = qn("w:pPr")
_W_P_STYLE = qn("w:pStyle")
_W_R = qn("w:r")
_W_R_PR = qn("w:rPr")
_W_R_STYLE = qn("w:rStyle")
_W_SDT = qn("w:sdt")
_W_SDT_CONTENT = qn("w:sdtContent")
_W_STYLE = qn("w:style")
_W_STYLE_ID = qn("w:styleId")
_W_SZ = qn("w:sz")
_W_T = qn("w:t")
_W_TAB = qn("w:tab")
_W_TBL = qn("w:tbl")
_W_TC = qn("w:tc")
_W_TC_PR = qn("w:tcPr")
_W_TITLE_PG = qn("w:titlePg")
_W_TR = qn("w:tr")
_W_TXBX_CONTENT = qn("w:txbxContent")
_W_TYPE = qn("w:type")
_W_VAL = qn("w:val")
_W_V_MERGE = qn("w:vMerge")
_SKIP = {_W_DEL, _W_INSTR_TEXT, _W_DEL_TEXT, _W_R_PR, _W_P_PR, _W_MOVE_FROM}


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


def transitional(data: bytes, source: zipfile.ZipFile | None = None) -> bytes:
    """A Strict Open XML package (ISO/IEC 29500 Strict, as Word saves "Strict Open XML Document") rewritten
    with the Transitional namespaces and relationship types python-docx reads; other packages unchanged.
    `source`: the package already opened.

    Strict renames the namespaces (`http://purl.oclc.org/ooxml/wordprocessingml/main` for
    `http://schemas.openxmlformats.org/wordprocessingml/2006/main`, and so on) and the relationship types
    built on them; the element names are the same. Only the XML parts are rewritten, in memory."""
    if source is None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return transitional(data, archive)
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
        package = _Package(data)
        main = package.main_part()
        styles = _Styles(package, main)
        first_page, later, footers = _furniture_parts(package, main)
    except KeyError as exc:
        raise CorruptDocument(f"the DOCX lacks a required part: {exc}") from exc
    except Exception as exc:
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise EncryptedDocument("a password-protected Word document") from exc
        raise CorruptDocument(f"the DOCX could not be read: {type(exc).__name__}: {exc}") from exc
    lines: list[Line] = []
    links: list[str] = []
    seen_parts: set[str] = set()
    for part in first_page:
        _read_part(part, part.element, styles, lines, links, seen_parts)
    deadline.check("DOCX extraction")
    _read_part(main, main.element.body, styles, lines, links, seen_parts)
    for part in later + footers:
        _read_part(part, part.element, styles, lines, links, seen_parts)
    global _last_read  # for the photo check that follows; the styles are left out: only text parts are asked for
    _last_read = (package.data, {m: e for m, e in package.parsed.items() if "/styles" not in m}) if options.photo \
        else None
    return Document(pages=[Page(number=1, lines=lines)], format="docx", links=links)


_last_read: tuple[bytes, dict[str, Any]] | None = None


def parsed_parts(data: bytes) -> dict[str, Any]:
    """The XML parts, by ZIP member name, that the last `extract` parsed when it read these very bytes (the
    portrait check then does not parse them again); else empty. Taken once, so no document's bytes and trees
    outlive its parse. A Strict package was read from rewritten bytes, so it never matches."""
    global _last_read
    last, _last_read = _last_read, None
    return last[1] if last is not None and last[0] is data else {}


@dataclass
class _Part:
    partname: PackURI
    element: Any
    rels: dict[str, Any]
    """rId -> python-docx's serialized relationship (reltype, is_external, target_ref, target_partname)."""


class _Package:
    """A DOCX package read as python-docx reads it (its content types, relationship walk and XML parser) but
    parsing only the parts asked for: `docx.Document` parses every XML part (settings, properties) and reads every
    image, about a quarter of a DOCX parse. A missing part or content type fails as it does there."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.data = transitional(data, self.zip)
        if self.data is not data:  # a Strict package, rewritten
            self.zip = zipfile.ZipFile(io.BytesIO(self.data))
        self.types = _ContentTypeMap.from_xml(self.zip.read("[Content_Types].xml"))
        self.rels: dict[str, dict[str, Any]] = {}
        self.parsed: dict[str, Any] = {}
        self._walk(PACKAGE_URI)

    def _walk(self, source: PackURI) -> None:
        try:
            rels_xml = self.zip.read(source.rels_uri.membername)
        except KeyError:
            rels_xml = None
        srels = list(_SerializedRelationships.load_from_xml(source.baseURI, rels_xml))
        self.rels[source] = {srel.rId: srel for srel in srels}
        for srel in srels:
            if srel.is_external or srel.target_partname in self.rels:
                continue
            self.types[srel.target_partname]  # raises KeyError without a content type
            self.zip.getinfo(srel.target_partname.membername)  # raises KeyError when missing
            self._walk(srel.target_partname)

    def related(self, source: str, reltype: str) -> PackURI:
        """The one part `source` relates to by `reltype`: KeyError without one, ValueError with several."""
        matching = [rel for rel in self.rels[source].values() if rel.reltype == reltype]
        if not matching:
            raise KeyError(f"no relationship of type '{reltype}' in collection")
        if len(matching) > 1 or matching[0].is_external:
            raise ValueError(f"not one internal relationship of type '{reltype}'")
        return matching[0].target_partname

    def blob(self, partname: PackURI) -> bytes:
        return self.zip.read(partname.membername)

    def part(self, partname: PackURI) -> _Part:
        member = partname.membername
        if member not in self.parsed:
            self.parsed[member] = parse_xml(self.zip.read(member))
        return _Part(partname, self.parsed[member], self.rels[partname])

    def main_part(self) -> _Part:
        partname = self.related(PACKAGE_URI, RT.OFFICE_DOCUMENT)
        content_type = self.types[partname]
        if content_type != CT.WML_DOCUMENT_MAIN:
            raise ValueError(f"not a Word file, content type is '{content_type}'")
        return self.part(partname)


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


def _furniture_parts(package: _Package, main: _Part) -> tuple[list[_Part], list[_Part], list[_Part]]:
    """Headers shown on the first page (read before the body), other headers, and footers.

    The first page shows the "first" header when the section asks for a distinct title page (w:titlePg),
    else the "default" one; a header only on later pages ("Page Two") does not belong before the body."""
    headers: dict[str, _Part] = {}
    footers: list[_Part] = []
    for rid, rel in main.rels.items():
        if rel.is_external:
            continue
        if rel.reltype == RT.HEADER:
            headers[rid] = package.part(rel.target_partname)
        elif rel.reltype == RT.FOOTER:
            footers.append(package.part(rel.target_partname))
    first_ids: list[str] = []
    sections = main.element.sectPr_lst
    if sections:
        sect = sections[0]
        refs = {
            ref.get(_W_TYPE) or "default": ref.get(_R_ID) for ref in sect.iterfind(_W_HEADER_REFERENCE)
        }
        title_page = sect.find(_W_TITLE_PG)
        distinct = title_page is not None and title_page.get(_W_VAL) not in ("0", "false", "off")
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
        if tag == _W_P:
            _paragraph(child, ctx)
        elif tag == _W_TBL:
            _table(child, ctx)
        elif tag in (_W_SDT, _W_CUSTOM_XML):
            content = child.find(_W_SDT_CONTENT) if tag == _W_SDT else child
            if content is not None:
                _walk_blocks(content, ctx)
        elif tag == _MC_ALTERNATE_CONTENT:
            branch = _first_branch(child)
            if branch is not None:
                _walk_blocks(branch, ctx)


def _table(table: Any, ctx: _Context) -> None:
    rows = list(table.iterchildren(_W_TR))
    outer = ctx.column
    for row in rows:
        for index, cell in enumerate(_cells(row)):
            if len(rows) == 1:  # a one-row table lays out regions side by side
                ctx.column = outer + index
            props = cell.find(_W_TC_PR)
            if props is not None:
                vmerge = props.find(_W_V_MERGE)
                hmerge = props.find(_W_H_MERGE)
                # a continued merged cell repeats nothing new: its content lives in the first cell
                if vmerge is not None and vmerge.get(_W_VAL) in (None, "continue"):
                    continue
                if hmerge is not None and hmerge.get(_W_VAL) in (None, "continue"):
                    continue
            _walk_blocks(cell, ctx)
    ctx.column = outer


def _cells(row: Any) -> Iterator[Any]:
    for child in row.iterchildren():
        if child.tag == _W_TC:
            yield child
        elif child.tag in (_W_SDT, _W_CUSTOM_XML):
            content = child.find(_W_SDT_CONTENT) if child.tag == _W_SDT else child
            if content is not None:
                yield from _cells(content)


def _first_branch(alternate: Any) -> Any:
    for child in alternate.iterchildren():
        if child.tag in _MC_BRANCHES:
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
            if tag == _W_R:
                _run(child, link)
            elif tag == _W_HYPERLINK:
                runs(child, _hyperlink_target(child, ctx) or link)
            elif tag == _W_FLD_SIMPLE:
                match = _HYPERLINK_FIELD.search(child.get(_W_INSTR) or "")
                runs(child, match.group(1) if match else link)
            elif tag == _MC_ALTERNATE_CONTENT:
                branch = _first_branch(child)
                if branch is not None:
                    runs(branch, link)
            elif isinstance(tag, str):
                runs(child, link)  # w:sdt, w:sdtContent, w:smartTag, w:ins, w:customXml, ...

    def _run(r: Any, link: str | None) -> None:
        style = _run_style(r, para_style, ctx)
        for child in r.iterchildren():
            tag = child.tag
            if tag == _W_T:
                _add(child.text or "", style, link)
            elif tag == _W_TAB:
                _add("\t", style, link)
            elif tag in (_W_BR, _W_CR):
                close()
            elif tag == _W_INSTR_TEXT:
                match = _HYPERLINK_FIELD.search(child.text or "")
                if match:
                    _note_link(match.group(1))
            elif tag in (_W_DRAWING, _W_PICT, _W_OBJECT) or tag == _MC_ALTERNATE_CONTENT:
                boxes.append(child)
            elif tag == _W_NO_BREAK_HYPHEN:
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
    if element.tag == _MC_ALTERNATE_CONTENT:
        branch = _first_branch(element)
        if branch is not None:
            yield from _text_boxes(branch)
        return
    if element.tag == _W_TXBX_CONTENT:
        yield element
        return
    for child in element.iterchildren():
        if isinstance(child.tag, str):
            yield from _text_boxes(child)


def _hyperlink_target(element: Any, ctx: _Context) -> str | None:
    rid = element.get(_R_ID)
    if not rid:
        return None
    rel = ctx.part.rels.get(rid)
    if rel is None or not rel.is_external:
        return None
    return str(rel.target_ref)


class _Styles:
    """Effective bold and size of paragraph and character styles (following based-on chains), and list
    markers from the numbering part; resolved lazily, since a template declares hundreds of unused styles."""

    def __init__(self, package: _Package, main: _Part) -> None:
        try:
            self.blob = package.blob(package.related(main.partname, RT.STYLES))
        except KeyError:  # python-docx's default styles, as `docx.Document` supplies them
            self.blob = StylesPart._default_styles_xml()
        # table styles are most of Word's styles part and never a paragraph's or a run's style: parsed only when
        # a lookup asks for one of their ids (or the part cannot be cut exactly)
        blob, self.cut = _without_table_styles(self.blob)
        try:
            root = parse_xml(blob)
        except etree.XMLSyntaxError:
            root, self.cut = parse_xml(self.blob), set()
        self.by_id = {el.get(_W_STYLE_ID): el for el in root.iterfind(_W_STYLE)}
        self.resolved: dict[str, _Style] = {}
        self.default = _Style(bold=False, size=None)
        size = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
        if size is not None and (size.get(_W_VAL) or "").isdigit():
            self.default.size = int(size.get(_W_VAL)) / 2
        self.bullets = _bullet_lists(package, main)

    def get(self, style_id: str, depth: int = 0) -> _Style | None:
        if style_id in self.resolved:
            return self.resolved[style_id]
        if style_id in self.cut:
            self.by_id = {el.get(_W_STYLE_ID): el for el in parse_xml(self.blob).iterfind(_W_STYLE)}
            self.cut = set()
        element = self.by_id.get(style_id)
        if element is None:
            return None
        style = _Style()
        props = element.find(_W_R_PR)
        if props is not None:
            style = _run_props(props, _Style())
        ppr = element.find(_W_P_PR)
        if ppr is not None and ppr.find(_W_NUM_PR) is not None:
            style.list_bullet = _is_bullet(ppr.find(_W_NUM_PR), self.bullets)
        based = element.find(_W_BASED_ON)
        if based is not None and depth < 20:
            parent = self.get(based.get(_W_VAL) or "", depth + 1)
            if parent is not None:
                style = _Style(
                    bold=style.bold if style.bold is not None else parent.bold,
                    size=style.size or parent.size,
                    list_bullet=style.list_bullet if style.list_bullet is not None else parent.list_bullet,
                )
        self.resolved[style_id] = style
        return style


_TABLE_STYLE_START = re.compile(rb'<w:style\s[^>]*\bw:type="table"[^>]*(?<!/)>')
_STYLE_ID_VALUE = re.compile(rb'\bw:styleId="([^"]*)"')
_STYLE_END = b"</w:style>"


def _without_table_styles(blob: bytes) -> tuple[bytes, set[str]]:
    """The styles part without its table styles, and their ids; unchanged (and no ids) unless every cut is
    exactly one `w:style` element whose id reads the same as bytes (ASCII, no entity)."""
    pieces: list[bytes] = []
    ids: set[str] = set()
    pos = 0
    for start in _TABLE_STYLE_START.finditer(blob):
        end = blob.find(_STYLE_END, start.end())
        ident = _STYLE_ID_VALUE.search(start.group())
        if end < 0 or blob.count(b"<w:style", start.start(), end) != 1 or ident is None:
            return blob, set()
        value = ident.group(1)
        if not value.isascii() or b"&" in value:
            return blob, set()
        pieces.append(blob[pos : start.start()])
        ids.add(value.decode())
        pos = end + len(_STYLE_END)
    pieces.append(blob[pos:])
    return b"".join(pieces), ids


def _bullet_lists(package: _Package, main: _Part) -> set[tuple[str, str]]:
    """(numId, ilvl) pairs whose number format is a bullet."""
    try:
        partname = package.related(main.partname, RT.NUMBERING)
    except KeyError:
        return set()
    if package.types[partname] != CT.WML_NUMBERING:  # python-docx gives such a part no XML
        return set()
    numbering = package.part(partname).element
    abstract: dict[str, set[str]] = {}
    for definition in numbering.iterfind(_W_ABSTRACT_NUM):
        levels = set()
        for level in definition.iterfind(_W_LVL):
            fmt = level.find(_W_NUM_FMT)
            if fmt is not None and fmt.get(_W_VAL) == "bullet":
                levels.add(level.get(_W_ILVL) or "0")
        abstract[definition.get(_W_ABSTRACT_NUM_ID) or ""] = levels
    bullets: set[tuple[str, str]] = set()
    for num in numbering.iterfind(_W_NUM):
        ref = num.find(_W_ABSTRACT_NUM_ID)
        if ref is not None:
            for level in abstract.get(ref.get(_W_VAL) or "", set()):
                bullets.add((num.get(_W_NUM_ID) or "", level))
    return bullets


def _is_bullet(num_pr: Any, bullets: set[tuple[str, str]]) -> bool:
    num_id = num_pr.find(_W_NUM_ID)
    level = num_pr.find(_W_ILVL)
    key = (
        num_id.get(_W_VAL) if num_id is not None else "",
        level.get(_W_VAL) if level is not None else "0",
    )
    return key in bullets


def _paragraph_style(p: Any, ctx: _Context) -> _Style:
    style_id = None
    bullet: bool | None = None
    props = p.find(_W_P_PR)
    if props is not None:
        ps = props.find(_W_P_STYLE)
        if ps is not None:
            style_id = ps.get(_W_VAL)
        num_pr = props.find(_W_NUM_PR)
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
    props = r.find(_W_R_PR)
    if props is None:
        return style
    rs = props.find(_W_R_STYLE)
    if rs is not None:
        char = ctx.styles.get(rs.get(_W_VAL) or "")
        if char is not None:
            style = _Style(bold=char.bold if char.bold is not None else style.bold, size=char.size or style.size)
    return _run_props(props, style)


def _run_props(props: Any, style: _Style) -> _Style:
    """Direct run formatting (w:b, w:sz) over an inherited style."""
    bold, size = style.bold, style.size
    b = props.find(_W_B)
    if b is not None:
        bold = b.get(_W_VAL) not in ("0", "false", "off")
    sz = props.find(_W_SZ)
    if sz is not None and (sz.get(_W_VAL) or "").isdigit():
        size = int(sz.get(_W_VAL)) / 2
    return _Style(bold=bold, size=size)
