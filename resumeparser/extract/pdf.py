"""PDF: the text layer through PDFium (pypdfium2), OCR for pages without usable text.

pypdfium2 rather than pdfplumber: with a box, size and font for every word it reads a resume page in about
6 ms of CPU, where pdfplumber took about 39 ms (README, "Formats and extraction"). The page text comes in one
call and is cut at whitespace; each word gets one rectangle from PDFium (cut character by character when its
characters lie apart), and its font size, name and weight from its first character. `layout.lines_from_words`
puts the words into reading order. A page with no text layer or with garbage text (unmapped glyphs,
private-use soup) is rendered and read by OCR instead, so mixed documents work.
PDFium is not thread-safe, so every call into it holds one lock."""

from __future__ import annotations

import ctypes
import re
import threading
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image

from ..document import BULLET, BBox, Document, Line, Page
from ..errors import CorruptDocument, EncryptedDocument, FileTooLarge, OcrUnavailable
from ..options import Deadline, ParseOptions
from .layout import Word, lines_from_words
from .ocr import ocr_words, restore_bullets, tesseract_available

_PDFIUM_LOCK = threading.RLock()
_FONT_BOLD_FLAG = 1 << 18
_FONT_ITALIC_FLAG = 1 << 6
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi", "extrabold", "ultrabold")
_GARBAGE_SHARE = 0.3
_ICON_FONT = re.compile(r"awesome|icons?\b|icomoon|wingding|dingbat|marvosym|academicons|glyphicons|octicons|symbols?$")
_PDFIUM_HYPHEN = "\ufffe"
"""PDFium's mark for a hyphen that breaks a word at the end of a line; normalize joins the halves."""
_MIN_TEXT_CHARS = 20
_SPARSE_TEXT_CHARS = 200


@dataclass(slots=True)
class _PageText:
    words: list[Word]
    width: float
    height: float
    links: list[tuple[str, BBox]]
    garbage: float
    """Share of the page's visible characters that are unmapped or private-use glyphs."""
    scanned: bool = False
    """Little text over a picture covering most of the page."""


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    with _PDFIUM_LOCK:
        pdf = _open(data)
    try:
        with _PDFIUM_LOCK:
            count = len(pdf)
        if count > options.limits.max_pages:
            raise FileTooLarge(f"{count} pages is over the limit of {options.limits.max_pages}")
        pages: list[Page] = []
        links: list[str] = []
        warnings: list[tuple[str, str]] = []
        for index in range(count):
            deadline.check("PDF extraction")
            with _PDFIUM_LOCK:
                text = _read_page(pdf, index)
            page = _text_page(text, index + 1)
            if text.garbage > _GARBAGE_SHARE:
                warnings.append(("garbage_text", f"page {index + 1} has a text layer that does not map to Unicode"))
            if _needs_ocr(text, options):
                if not tesseract_available():
                    warnings.append(("ocr_unavailable", f"page {index + 1} needs OCR, Tesseract is missing"))
                else:
                    with _PDFIUM_LOCK:
                        image = _render(pdf, index, options.ocr_dpi, options.limits.max_image_pixels)
                    page = _ocr_page(image, text, options, deadline, index + 1)
            pages.append(page)
            for line in page.lines:
                links.extend(url for url in line.links if url not in links)
            links.extend(url for url, _ in text.links if url not in links)
    finally:
        with _PDFIUM_LOCK:
            pdf.close()
    if any(code == "ocr_unavailable" for code, _ in warnings) and not any(line.text for p in pages for line in p.lines):
        raise OcrUnavailable("the PDF has no text layer and Tesseract is not installed to read it")
    return Document(pages=pages, format="pdf", links=links, warnings=warnings)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise EncryptedDocument("the PDF needs a password to open") from exc
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_SECURITY:
            raise EncryptedDocument("the PDF uses an unsupported security handler") from exc
        raise CorruptDocument(f"the PDF could not be read: {exc}") from exc


def _needs_ocr(text: _PageText, options: ParseOptions) -> bool:
    if options.ocr == "never":
        return False
    if options.ocr == "always":
        return True
    chars = sum(len(w.text) for w in text.words)
    return chars < _MIN_TEXT_CHARS or text.garbage > _GARBAGE_SHARE or text.scanned


def _text_page(text: _PageText, number: int) -> Page:
    words = text.words if text.garbage <= _GARBAGE_SHARE else []
    lines = lines_from_words(words, number, text.height)
    _attach_links(lines, text.links)
    return Page(number=number, lines=lines, width=text.width, height=text.height)


def _ocr_page(image: Image.Image, text: _PageText, options: ParseOptions, deadline: Deadline, number: int) -> Page:
    words, confidence = ocr_words(image, options, deadline, dpi=options.ocr_dpi)
    to_points = 72.0 / options.ocr_dpi
    for word in words:
        word.x0, word.x1, word.top, word.bottom = (v * to_points for v in (word.x0, word.x1, word.top, word.bottom))
    lines = lines_from_words(words, number, text.height)
    restore_bullets(lines)
    _attach_links(lines, text.links)
    return Page(number=number, lines=lines, width=text.width, height=text.height, ocr=True,
                ocr_confidence=confidence)


def _attach_links(lines: list[Line], links: list[tuple[str, BBox]]) -> None:
    for url, (x0, top, x1, bottom) in links:
        for line in lines:
            if line.bbox is None:
                continue
            lx0, ltop, lx1, lbottom = line.bbox
            if min(x1, lx1) > max(x0, lx0) and min(bottom, lbottom) - max(top, ltop) > 0.3 * (lbottom - ltop):
                if url not in line.links:
                    line.links.append(url)


def _render(pdf: pdfium.PdfDocument, index: int, dpi: int, max_pixels: int) -> Image.Image:
    page = pdf[index]
    try:
        # a page may be up to 200 x 200 inches: refuse before allocating the bitmap, not after
        width, height = page.get_size()
        pixels = (width * dpi / 72.0) * (height * dpi / 72.0)
        if pixels > max_pixels:
            raise FileTooLarge(f"page {index + 1} would render to {pixels:.0f} pixels for OCR, over the limit")
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        return bitmap.to_pil()
    finally:
        page.close()


def _read_page(pdf: pdfium.PdfDocument, index: int) -> _PageText:
    page = pdf[index]
    try:
        left, bottom, right, top = page.get_mediabox()
        textpage = page.get_textpage()
        try:
            words, garbage = _words(textpage, top)
        finally:
            textpage.close()
        links = _links(page, top)
        width, height = right - left, top - bottom
        # a scan with a few words stamped on it (a header, a page number): those words are not the page
        scanned = sum(len(w.text) for w in words) < _SPARSE_TEXT_CHARS and _image_share(page, width * height) > 0.5
        return _PageText(words=words, width=width, height=height, links=links, garbage=garbage, scanned=scanned)
    finally:
        page.close()


_WORD = re.compile(r"[^\s\x00-\x1f\x7f]+")


def _words(textpage: pdfium.PdfTextPage, page_top: float) -> tuple[list[Word], float]:
    """Words of a text page with boxes (top-left origin) and the font of their first character.

    Fast path: the page text in one call, cut at whitespace, and one text rectangle per word from PDFium.
    A word whose characters PDFium puts into several rectangles (no space between two columns, a word
    broken across lines) is cut character by character instead.
    """
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    if count <= 0:
        return [], 0.0
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(handle, 0, count, buffer)
    text = bytes(memoryview(buffer)[: max(0, written - 1)]).decode("utf-16-le", errors="replace")
    text = text.replace(_PDFIUM_HYPHEN, "-")
    reader = _FontReader(handle)
    words: list[Word] = []
    visible = bad = 0
    if len(text) != count:  # characters outside the BMP shift indices: take the slow, exact path
        words, visible, bad = _words_by_char(handle, 0, count, page_top, reader)
        return words, (bad / visible if visible else 0.0)
    rect = raw.FS_RECTF()
    left, top, right, bottom = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    for match in _WORD.finditer(text):
        start, end = match.span()
        token = match.group()
        visible += len(token)
        bad += sum(1 for ch in token if _is_garbage(ch))
        if raw.FPDFText_HasUnicodeMapError(handle, start) == 1:
            bad += len(token)
        box = _word_rect(handle, start, end - start, left, top, right, bottom, rect)
        if box is None:
            words.extend(_words_by_char(handle, start, end - start, page_top, reader)[0])
            continue
        # the loose box of the first character gives the line's full height (ascent to descent)
        if raw.FPDFText_GetLooseCharBox(handle, start, rect):
            y_top, y_bottom = page_top - rect.top, page_top - rect.bottom
        else:
            y_top, y_bottom = page_top - box[1], page_top - box[3]
        words.append(reader.word(token, start, box[0], y_top, box[2], y_bottom))
    return words, (bad / visible if visible else 0.0)


def _word_rect(
    handle: object, start: int, count: int, left: ctypes.c_double, top: ctypes.c_double, right: ctypes.c_double,
    bottom: ctypes.c_double, rect: raw.FS_RECTF,
) -> tuple[float, float, float, float] | None:
    """The box of a word (left, top, right, bottom in PDF space) when it lies along one row without gaps.

    PDFium makes one rectangle per text object. When a PDF draws characters apart (several rectangles), the
    first and last characters' boxes are used if they share a row and the span is no wider than the letters
    could be; otherwise None, and the caller cuts the word character by character."""
    rects = raw.FPDFText_CountRects(handle, start, count)
    if rects == 1:
        if not raw.FPDFText_GetRect(handle, 0, left, top, right, bottom):
            return None
        return left.value, top.value, right.value, bottom.value
    if rects < 1 or not raw.FPDFText_GetLooseCharBox(handle, start, rect):
        return None
    x0, y_top, y_bottom = rect.left, rect.top, rect.bottom
    if not raw.FPDFText_GetLooseCharBox(handle, start + count - 1, rect):
        return None
    height = y_top - y_bottom
    same_row = abs((rect.top + rect.bottom) - (y_top + y_bottom)) / 2 < 0.3 * height
    if not same_row or rect.right < x0 or rect.right - x0 > count * 1.1 * height:
        return None
    return x0, y_top, rect.right, y_bottom


class _FontReader:
    """Font size, name and weight of a character, from PDFium."""

    def __init__(self, handle: object) -> None:
        self.handle = handle
        self.buffer = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.matrix = raw.FS_MATRIX()

    def word(self, text: str, first: int, x0: float, top: float, x1: float, bottom: float) -> Word:
        handle, buffer, flags = self.handle, self.buffer, self.flags
        size = raw.FPDFText_GetFontSize(handle, first)
        # the size is in text space: a PDF may set size 1 and scale with the matrix (Word's Quartz output)
        if raw.FPDFText_GetMatrix(handle, first, self.matrix):
            m = self.matrix
            scale = abs(m.a * m.d - m.b * m.c) ** 0.5
            if scale > 0:
                size *= scale
        length = raw.FPDFText_GetFontInfo(handle, first, buffer, len(buffer), ctypes.byref(flags))
        font = buffer.value.decode("latin-1", errors="replace") if 0 < length <= len(buffer) else None
        weight = raw.FPDFText_GetFontWeight(handle, first)
        name = (font or "").lower()
        bold = weight >= 600 or bool(flags.value & _FONT_BOLD_FLAG) or any(k in name for k in _BOLD_NAMES)
        italic = bool(flags.value & _FONT_ITALIC_FLAG) or "italic" in name or "oblique" in name
        font = font.split("+", 1)[-1] if font else None  # drop the subset tag ("ABCDEF+Arial")
        if len(text) <= 3 and _ICON_FONT.search(name):
            text = BULLET  # an icon (phone, mail, LinkedIn logo) drawn with a symbol font separates items
        return Word(text=text, x0=x0, top=top, x1=x1, bottom=bottom, size=size or None, font=font, bold=bold,
                    italic=italic)


def _words_by_char(
    handle: object, first: int, count: int, page_top: float, reader: _FontReader
) -> tuple[list[Word], int, int]:
    """Cut characters into words by their loose boxes (spaces, gaps, line changes).

    Returns the words, the visible characters and how many of them are garbage."""
    rect = raw.FS_RECTF()
    words: list[Word] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    start = first
    visible = bad = 0

    def flush() -> None:
        if chars:
            words.append(reader.word("".join(chars), start, box[0], box[1], box[2], box[3]))
            chars.clear()

    for i in range(first, first + count):
        code = raw.FPDFText_GetUnicode(handle, i)
        char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        if code == 2 or char == _PDFIUM_HYPHEN:  # the line-end hyphen, as GetUnicode and GetText report it
            char = "-"
        if char.isspace() or code == 0 or unicodedata.category(char) == "Cc":
            flush()
            continue
        visible += 1
        if raw.FPDFText_HasUnicodeMapError(handle, i) == 1 or _is_garbage(char):
            bad += 1
        if not raw.FPDFText_GetLooseCharBox(handle, i, rect):
            if char == "-" and chars:  # a line-end hyphen PDFium generated has no box
                chars.append(char)
            continue
        x0, x1 = rect.left, rect.right
        ctop, cbottom = page_top - rect.top, page_top - rect.bottom
        if chars:
            height = box[3] - box[1]
            same_row = abs((ctop + cbottom) / 2 - (box[1] + box[3]) / 2) < 0.5 * height
            if not same_row or x0 - box[2] > 0.25 * height or x1 < box[0]:
                flush()
        if not chars:
            start = i
            box[:] = [x0, ctop, x1, cbottom]
        else:
            box[:] = [min(box[0], x0), min(box[1], ctop), max(box[2], x1), max(box[3], cbottom)]
        chars.append(char)
    flush()
    return words, visible, bad


def _image_share(page: pdfium.PdfPage, area: float) -> float:
    """The share of the page covered by its largest image."""
    largest = 0.0
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for index in range(min(raw.FPDFPage_CountObjects(page.raw), 2000)):
        obj = raw.FPDFPage_GetObject(page.raw, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            largest = max(largest, (right.value - left.value) * (top.value - bottom.value))
    return largest / area if area > 0 else 0.0


def _is_garbage(char: str) -> bool:
    code = ord(char)
    return 0xE000 <= code <= 0xF8FF or code == 0xFFFD or unicodedata.category(char) in ("Co", "Cn", "Cs")


def _links(page: pdfium.PdfPage, page_top: float) -> list[tuple[str, BBox]]:
    """URI link annotations with their rectangles (top-left origin)."""
    found: list[tuple[str, BBox]] = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    document = page.pdf.raw
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(document, action, None, 0)
        if size <= 1 or size > 8192:
            continue
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(document, action, buffer, size)
        url = buffer.value.decode("utf-8", errors="replace").strip()
        rect = raw.FS_RECTF()
        if not url or not raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        found.append((url, (rect.left, page_top - rect.top, rect.right, page_top - rect.bottom)))
    return found
