"""Guards against hostile input: `preflight` checks the raw bytes before extraction, so a bomb is refused cheaply
and early; `check_extracted` bounds what extraction hands to the later stages.

Each check is linear in the input and reads no more than the limits allow: ZIP members are judged by their
declared sizes (zipfile never inflates past them), images by their header, nesting by a scan of the bytes.
"""

from __future__ import annotations

import base64
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from itertools import accumulate
from urllib.parse import urlsplit

from .document import Document
from .errors import CorruptDocument, FileTooLarge
from .options import Limits


def preflight(data: bytes, fmt: str, limits: Limits) -> None:
    """Raise a typed error when the input would exceed a limit once expanded, or could not be read safely."""
    if fmt in ("docx", "odt"):
        check_zip_container(data, limits)
    elif fmt == "pdf":
        check_pdf_references(data)
        check_pdf_streams(data, limits)
    elif fmt == "image":
        check_image(data, limits)
    elif fmt == "rtf":
        check_rtf_nesting(data, limits)
    elif fmt == "html":
        check_html_nesting(data, limits)


def check_extracted(doc: Document, limits: Limits) -> Document:
    """Cap the characters every format hands to the later stages (whose cost grows with the text), and drop
    link targets that are not URLs at all (a hyperlink's target is whatever the file says)."""
    chars = sum(len(line.text) + 1 for page in doc.pages for line in page.lines)
    if chars > limits.max_text_chars:
        raise FileTooLarge(f"{chars} characters of text is over the limit of {limits.max_text_chars}")
    doc.links = [url for url in doc.links if is_url(url)]
    for page in doc.pages:
        for line in page.lines:
            if line.links:
                line.links = [url for url in line.links if is_url(url)]
    return doc


_URL_JUNK = re.compile(r"[\x00-\x20\x7f]")


def is_url(url: str) -> bool:
    """A link target that urllib can split, without spaces or control characters, of a sane length."""
    if len(url) > 2048 or _URL_JUNK.search(url):
        return False
    try:
        urlsplit(url)
    except ValueError:  # "Invalid IPv6 URL", a port that is not a number, ...
        return False
    return True


# --- ZIP containers (DOCX, ODT) ---------------------------------------------------------------------------

# A DTD has no place in an Office XML part; refusing it rules out entity expansion ("billion laughs") and
# external entities (XXE) whatever XML parser the extractor uses.
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD_UTF16 = re.compile("<!(?:DOCTYPE|ENTITY)".encode("utf-16-le"), re.IGNORECASE)
_XML_PROLOG_BYTES = 64 * 1024


def check_zip_container(data: bytes, limits: Limits) -> None:
    """Refuse ZIP bombs (declared uncompressed size, ratio, member count) and XML parts that carry a DTD."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_zip_members:
                raise FileTooLarge(f"{len(infos)} ZIP members is over the limit of {limits.max_zip_members}")
            total = sum(info.file_size for info in infos)
            if total > limits.max_zip_uncompressed_bytes:
                raise FileTooLarge(f"expands to {total} bytes, over the limit of {limits.max_zip_uncompressed_bytes}")
            packed = sum(info.compress_size for info in infos) or 1
            if total > 10 * 1024 * 1024 and total / packed > limits.max_zip_ratio:
                raise FileTooLarge(
                    f"compression ratio {total / packed:.0f} is over the limit of {limits.max_zip_ratio:g}"
                )
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")) and not info.is_dir():
                    _check_xml_prolog(archive, info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
        raise CorruptDocument(f"a broken ZIP container: {exc}") from exc
    except (OSError, RuntimeError, zlib.error) as exc:  # bad deflate data, encrypted members
        raise CorruptDocument(f"a ZIP member cannot be read: {exc}") from exc


def _check_xml_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    # The prolog (where a DTD must stand) comes before the root element, so the head of the part is enough.
    with archive.open(info) as member:
        head = member.read(_XML_PROLOG_BYTES)
    if _DTD.search(head) or _DTD_UTF16.search(head):
        raise CorruptDocument(f"the XML part {info.filename} declares a DTD, which Office documents never do")


# --- PDF ----------------------------------------------------------------------------------------------------

# "12 0 obj 13 0 R endobj": an object whose whole value is a reference to another. Real files hardly ever
# have one, and a cycle of them has no value at all: the file is corrupt. PDFium reads around it, but pdfminer
# (under pdfplumber, a dependency callers may use on the same bytes) loops forever in resolve1.
# Bounded repeats and the look-behind keep the scan linear on hostile runs of digits or spaces.
_REF_ONLY_OBJECT = re.compile(
    rb"(?<!\d)(\d{1,10})\s{1,64}(\d{1,5})\s{1,64}obj\s{0,64}(\d{1,10})\s{1,64}(\d{1,5})\s{1,64}R\s{0,64}endobj"
)
_MAX_REF_CHAIN = 32
# The same matches, found faster: every match ends in "R ... endobj", which a pattern that starts with a literal
# finds quickly; the whole pattern is then tried only in the few hundred bytes before each such end.
_REF_TAIL = re.compile(rb"R\s{0,64}endobj")
_REF_ONLY_OBJECT_ENDING = re.compile(_REF_ONLY_OBJECT.pattern + rb"\Z")
_REF_OBJECT_MAX_LEN = 10 + 64 + 5 + 64 + 3 + 64 + 10 + 64 + 5 + 64 + 1 + 64 + 6  # the longest match


def ref_only_objects(data: bytes) -> Iterator[re.Match[bytes]]:
    """The matches of `_REF_ONLY_OBJECT.finditer(data)`, in order.

    A match cannot hold another (its only "endobj" is its end), so the leftmost match that ends at a tail,
    searched from the end of the previous match, is the one finditer gives; the look-behind still sees the byte
    before the window."""
    pos = 0
    for tail in _REF_TAIL.finditer(data):
        end = tail.end()
        match = _REF_ONLY_OBJECT_ENDING.search(data, max(pos, end - _REF_OBJECT_MAX_LEN), end)
        if match is not None:
            yield match
            pos = end


def check_pdf_references(data: bytes) -> None:
    """Refuse chains of objects that only point at each other: cycles, or chains too long to be honest."""
    links: dict[bytes, bytes] = {}
    for match in ref_only_objects(data):
        links[match[1] + b" " + match[2]] = match[3] + b" " + match[4]
    for start in links:
        seen = {start}
        target = links[start]
        while target in links:
            if target in seen or len(seen) > _MAX_REF_CHAIN:
                raise CorruptDocument("the PDF has a cycle of object references")
            seen.add(target)
            target = links[target]


# A content stream is inflated whole before it is read: 1 MB of deflated spaces is 1 GB in memory.
# One pass over "/Filter ..." and "stream" tokens: a stream takes the filter named last before it, if near.
_FILTER_OR_STREAM = re.compile(rb"/Filter\s{0,16}(\[[^\]]{0,256}\]|/[A-Za-z0-9]{1,32})|(?<!end)stream\r?\n")
_FILTER_AT = re.compile(rb"/Filter\s{0,16}(\[[^\]]{0,256}\]|/[A-Za-z0-9]{1,32})")
_STREAM_AT = re.compile(rb"stream\r?\n")
_FILTER_NAME = re.compile(rb"/([A-Za-z0-9]{1,32})")
_FLATE = (b"FlateDecode", b"Fl")
_ASCII85 = (b"ASCII85Decode", b"A85")
_ASCIIHEX = (b"ASCIIHexDecode", b"AHx")
_INFLATE_STEP = 1 << 20


def check_pdf_streams(data: bytes, limits: Limits) -> None:
    """Refuse a PDF whose Flate streams inflate to more than the limit, all together (counted, not kept).
    A Flate stream wrapped in ASCII85 or ASCIIHex is unwrapped first (at most the size of the file)."""
    budget = limits.max_pdf_stream_bytes
    unwrap_budget = len(data)  # ASCII text unwrapped in all: never more than the file, so the scan stays linear
    filters: list[bytes] = []
    filters_at = end = -1
    for token_start, token_end, filter_value in filters_and_streams(data):
        if filter_value is not None:
            filters, filters_at = _FILTER_NAME.findall(filter_value), token_end
            continue
        if not filters or token_start - filters_at > 4096:
            continue
        names, body, start = filters, data, token_end
        filters = []
        if len(names) > 1 and names[0] in _ASCII85 + _ASCIIHEX:
            if end < start:  # the next "endstream", found once for all the streams before it
                end = data.find(b"endstream", start)
                end = len(data) + 1 if end < 0 else end
            if end > len(data) or end - start > unwrap_budget:
                continue
            unwrap_budget -= end - start
            body, start = _unwrap_ascii(data[start:end], names[0] in _ASCII85), 0
            names = names[1:]
        if names[0] in _FLATE:
            budget -= _inflated_size(body, start, budget + 1)
            if budget < 0:
                raise FileTooLarge(f"the PDF's streams inflate past the limit of {limits.max_pdf_stream_bytes} bytes")


def filters_and_streams(data: bytes) -> list[tuple[int, int, bytes | None]]:
    """The matches of `_FILTER_OR_STREAM.finditer(data)` as (start, end, the filter or None for a stream).

    Found with `bytes.find` of the two keywords (the alternation alone tried every byte of the file): a match
    starts with one of them, a stream token holds no "/", and only a filter's brackets can hold a "stream"
    keyword, which finditer then never sees; so the streams that start inside a filter are left out."""
    filters: list[tuple[int, int, bytes | None]] = []
    pos = 0
    while (at := data.find(b"/Filter", pos)) >= 0:
        match = _FILTER_AT.match(data, at)
        if match is None:
            pos = at + 1
            continue
        filters.append((at, match.end(), match[1]))
        pos = match.end()
    streams: list[tuple[int, int, bytes | None]] = []
    pos = 0
    inside = iter(filters)
    current = next(inside, None)
    while (at := data.find(b"stream", pos)) >= 0:
        match = _STREAM_AT.match(data, at)
        if match is None or data[max(0, at - 3) : at] == b"end":
            pos = at + 1
            continue
        while current is not None and current[1] <= at:
            current = next(inside, None)
        if current is None or at < current[0]:
            streams.append((at, match.end(), None))
        pos = match.end()
    return sorted(filters + streams)


def _unwrap_ascii(text: bytes, ascii85: bool) -> bytes:
    end = text.find(b"~>" if ascii85 else b">")
    text = text if end < 0 else text[:end]
    try:
        if ascii85:
            return base64.a85decode(text.removeprefix(b"<~"), ignorechars=b" \t\r\n\x0c\x00")
        digits = re.sub(rb"\s", b"", text)
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    except ValueError:  # not valid: the reader will refuse it
        return b""


def _inflated_size(data: bytes, start: int, cap: int) -> int:
    """Bytes one deflate stream inflates to (up to `cap`), fed in small pieces so memory stays flat."""
    inflater = zlib.decompressobj()
    view = memoryview(data)
    total = 0
    try:
        for offset in range(start, len(data), 65536):
            piece: bytes | memoryview = view[offset : offset + 65536]
            while piece:
                total += len(inflater.decompress(piece, _INFLATE_STEP))
                if inflater.eof or total > cap:  # after the end, the rest stays in unconsumed_tail
                    return total
                piece = inflater.unconsumed_tail
    except zlib.error:  # not (or no longer) deflate data: the reader will find out; count what came out
        pass
    return total


# --- Images -------------------------------------------------------------------------------------------------


# Only the decoders of the formats detect.py admits: Pillow would otherwise try every plugin it has
# (EPS among them, which runs Ghostscript).
_IMAGE_FORMATS = ("PNG", "JPEG", "GIF", "TIFF", "BMP", "DIB", "WEBP")


def check_image(data: bytes, limits: Limits) -> None:
    """Check pixels and frames from the header, before anything decodes the image."""
    from PIL import Image, UnidentifiedImageError

    # PIL's own decompression-bomb check (Image.MAX_IMAGE_PIXELS) is process-wide state that we leave alone;
    # our limit is applied to img.size right after open, and PIL's error is turned into ours.
    try:
        with Image.open(io.BytesIO(data), formats=_IMAGE_FORMATS) as image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as exc:
        raise FileTooLarge(f"the image is a decompression bomb: {exc}") from exc
    except UnidentifiedImageError as exc:
        raise CorruptDocument("the image cannot be identified (truncated or corrupt)") from exc
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
        raise CorruptDocument(f"the image cannot be read: {type(exc).__name__}: {exc}") from exc
    if width <= 0 or height <= 0:
        raise CorruptDocument(f"the image has no pixels ({width}x{height})")
    if width * height > limits.max_image_pixels:
        raise FileTooLarge(f"{width}x{height} pixels is over the limit of {limits.max_image_pixels}")
    if frames > limits.max_pages:
        raise FileTooLarge(f"{frames} frames is over the limit of {limits.max_pages} pages")


# --- Nesting (RTF groups, HTML elements) ---------------------------------------------------------------------

_RTF_ESCAPES = re.compile(rb"\\[\\{}]")
_NOT_BRACES = bytes(b for b in range(256) if b not in b"{}")
_BRACE_STEP = {ord("{"): 1, ord("}"): -1}


def check_rtf_nesting(data: bytes, limits: Limits) -> None:
    """Refuse RTF whose groups nest deeper than the limit (a reader may recurse, or slow down, per level),
    and RTF cut short: every RTF writer closes its groups, so groups left open mean a truncated file."""
    braces = _RTF_ESCAPES.sub(b"", data).translate(None, _NOT_BRACES)
    depth = max(accumulate(map(_BRACE_STEP.__getitem__, braces)), default=0)
    if depth > limits.max_nesting_depth:
        raise FileTooLarge(f"RTF groups nest {depth} deep, over the limit of {limits.max_nesting_depth}")
    left_open = braces.count(b"{") - braces.count(b"}")
    if left_open > 0:
        raise CorruptDocument(f"the RTF is truncated or corrupt: {left_open} groups are never closed")


_HTML_TOKEN = re.compile(rb"<!--|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(/?)>")
# Elements that never hold children, or whose end tag may be left out (the parser closes them itself).
_HTML_FLAT = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd tr td th thead tbody tfoot option optgroup colgroup caption rb rt rp".split()
)
_HTML_RAW_TEXT = frozenset((b"script", b"style", b"textarea", b"title"))


def check_html_nesting(data: bytes, limits: Limits) -> None:
    """Refuse HTML whose elements nest deeper than the limit (tree builders and walkers recurse per level)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # the tags of UTF-16 HTML are not ASCII bytes
        data = data.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    if data.count(b"<") <= limits.max_nesting_depth:
        return
    lowered = data.lower()
    depth = 0
    pos = 0
    while (match := _HTML_TOKEN.search(lowered, pos)) is not None:
        pos = match.end()
        if match[0] == b"<!--":  # skip comments and raw text with find(), never a backtracking pattern
            end = lowered.find(b"-->", pos)
            pos = len(lowered) if end < 0 else end + 3
            continue
        closing, name, self_closing = match.groups()
        if name in _HTML_RAW_TEXT and not closing and not self_closing:
            end = lowered.find(b"</" + name, pos)
            pos = len(lowered) if end < 0 else end
            continue
        if self_closing or name in _HTML_FLAT:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > limits.max_nesting_depth:
                raise FileTooLarge(f"HTML elements nest more than {limits.max_nesting_depth} deep (the limit)")
