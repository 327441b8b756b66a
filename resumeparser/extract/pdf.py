"""PDF: the text layer through PDFium (pypdfium2), OCR for pages without usable text.

pypdfium2 rather than pdfplumber: with a box, size and font for every word it reads a resume page in a few
milliseconds, where pdfplumber took about 51 ms (see README, "Formats and extraction"). Characters are read one
by one (text, loose box), words are cut at spaces and gaps, font size/name/weight are read once per word, and
`layout.lines_from_words` puts the words into reading order. A page with no text layer or with garbage text
(unmapped glyphs, private-use soup) is rendered and read by OCR instead, so mixed documents work.
PDFium is not thread-safe, so every call into it holds one lock.
"""

from __future__ import annotations

import ctypes
import threading
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image

from ..document import BBox, Document, Line, Page
from ..errors import CorruptDocument, EncryptedDocument, FileTooLarge, OcrUnavailable
from ..options import Deadline, ParseOptions
from .layout import Word, lines_from_words
from .ocr import ocr_words, tesseract_available

_PDFIUM_LOCK = threading.RLock()
_FONT_BOLD_FLAG = 1 << 18
_FONT_ITALIC_FLAG = 1 << 6
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi", "extrabold", "ultrabold")
_GARBAGE_SHARE = 0.3
_MIN_TEXT_CHARS = 20


@dataclass(slots=True)
class _PageText:
    words: list[Word]
    width: float
    height: float
    links: list[tuple[str, BBox]]
    garbage: float
    """Share of the page's visible characters that are unmapped or private-use glyphs."""


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
            if _needs_ocr(text, options):
                if not tesseract_available():
                    if options.ocr == "always" or not text.words:
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
    if warnings and not any(line.text for p in pages for line in p.lines):
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
    return chars < _MIN_TEXT_CHARS or text.garbage > _GARBAGE_SHARE


def _text_page(text: _PageText, number: int) -> Page:
    words = text.words if text.garbage <= _GARBAGE_SHARE else []
    lines = lines_from_words(words, number)
    _attach_links(lines, text.links)
    return Page(number=number, lines=lines, width=text.width, height=text.height)


def _ocr_page(image: Image.Image, text: _PageText, options: ParseOptions, deadline: Deadline, number: int) -> Page:
    words, confidence = ocr_words(image, options, deadline, dpi=options.ocr_dpi)
    to_points = 72.0 / options.ocr_dpi
    for word in words:
        word.x0, word.x1, word.top, word.bottom = (v * to_points for v in (word.x0, word.x1, word.top, word.bottom))
    lines = lines_from_words(words, number)
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
        return _PageText(words=words, width=right - left, height=top - bottom, links=links, garbage=garbage)
    finally:
        page.close()


def _words(textpage: pdfium.PdfTextPage, page_top: float) -> tuple[list[Word], float]:
    """Words of a text page with loose boxes (top-left origin) and the font of their first character."""
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    rect = raw.FS_RECTF()
    words: list[Word] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    start = 0
    visible = bad = 0
    font_buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()

    def flush() -> None:
        if chars:
            words.append(_make_word("".join(chars), box, start))
            chars.clear()

    def _make_word(text: str, b: list[float], first: int) -> Word:
        size = raw.FPDFText_GetFontSize(handle, first)
        length = raw.FPDFText_GetFontInfo(handle, first, font_buffer, len(font_buffer), ctypes.byref(flags))
        font = font_buffer.value.decode("latin-1", errors="replace") if 0 < length <= len(font_buffer) else None
        weight = raw.FPDFText_GetFontWeight(handle, first)
        name = (font or "").lower()
        bold = weight >= 600 or bool(flags.value & _FONT_BOLD_FLAG) or any(k in name for k in _BOLD_NAMES)
        italic = bool(flags.value & _FONT_ITALIC_FLAG) or "italic" in name or "oblique" in name
        font = font.split("+", 1)[-1] if font else None  # drop the subset tag ("ABCDEF+Arial")
        return Word(text=text, x0=b[0], top=b[1], x1=b[2], bottom=b[3], size=size or None, font=font, bold=bold,
                    italic=italic)

    for i in range(count):
        code = raw.FPDFText_GetUnicode(handle, i)
        char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        if char.isspace() or code == 0 or unicodedata.category(char) == "Cc":
            flush()
            continue
        visible += 1
        if raw.FPDFText_HasUnicodeMapError(handle, i) == 1 or _is_garbage(char):
            bad += 1
        if not raw.FPDFText_GetLooseCharBox(handle, i, rect):
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
    return words, (bad / visible if visible else 0.0)


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
