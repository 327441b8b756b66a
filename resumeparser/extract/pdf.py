"""PDF: the text layer through PDFium (pypdfium2), OCR for pages without usable text.

pypdfium2 rather than pdfplumber: with a box, size and font for every word it reads a resume page in about
6 ms of CPU, where pdfplumber took about 39 ms (docs/extraction.md). The page text comes in one
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
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image

from ..document import BULLET, BBox, Document, Line, Page, Picture
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
    pictures: list[Picture] | None = None


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
        pictures: list[Picture] | None = None
        for index in range(count):
            deadline.check("PDF extraction")
            with _PDFIUM_LOCK:
                text = _read_page(pdf, index, pictures=options.photo and index == 0)
            if index == 0:
                pictures = text.pictures
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
    return Document(pages=pages, format="pdf", links=links, warnings=warnings, pictures=pictures)


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


def _read_page(pdf: pdfium.PdfDocument, index: int, pictures: bool = False) -> _PageText:
    """The page's words, links and size; with `pictures`, its images too (for the photo check of page 1)."""
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
        found = _pictures_or_none(page, left, top) if pictures else None
        return _PageText(words=words, width=width, height=height, links=links, garbage=garbage, scanned=scanned,
                         pictures=found)
    finally:
        page.close()


_WORD = re.compile(r"[^\s\x00-\x1f\x7f]+")


def _words(textpage: pdfium.PdfTextPage, page_top: float) -> tuple[list[Word], float]:
    """Words of a text page with boxes (top-left origin) and the font of their first character.

    Fast path: the page text in one call, cut at whitespace, and one text rectangle per word from PDFium.
    A word whose characters come from several text objects (PDFium gives one rectangle per object) is cut
    character by character instead: that is where a producer placed words by their coordinates without a
    space between them (HTML printers, Quartz), or where a word runs across two columns or lines.
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
        if not token.isascii():  # garbage is private-use, unassigned or replacement characters, never ASCII
            bad += sum(1 for ch in token if _is_garbage(ch))
        if raw.FPDFText_HasUnicodeMapError(handle, start) == 1:
            bad += len(token)
        if raw.FPDFText_CountRects(handle, start, end - start) != 1 or not raw.FPDFText_GetRect(
            handle, 0, left, top, right, bottom
        ):
            words.extend(_token_words(handle, token, start, page_top, reader, rect))
            continue
        # the loose box of the first character gives the line's full height (ascent to descent)
        if raw.FPDFText_GetLooseCharBox(handle, start, rect):
            y_top, y_bottom = page_top - rect.top, page_top - rect.bottom
        else:
            y_top, y_bottom = page_top - top.value, page_top - bottom.value
        words.append(reader.word(token, start, left.value, y_top, right.value, y_bottom))
    return words, (bad / visible if visible else 0.0)


class _FontReader:
    """Font size, name and weight of a character, from PDFium.

    Size, matrix and font are those of the character's text object (PDFium keeps them per object), so they are
    read once per object, not with three calls per word."""

    def __init__(self, handle: object) -> None:
        self.handle = handle
        self.buffer = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.matrix = raw.FS_MATRIX()
        self.styles: dict[tuple[bytes, int], tuple[str | None, bool, bool, bool]] = {}
        self.objects: dict[int, tuple[float, bytes, int]] = {}

    def size(self, index: int) -> float:
        """The font size of a character in page space (0 when PDFium does not know it)."""
        return self._font(index)[0]

    def _font(self, index: int) -> tuple[float, bytes, int]:
        """(size in page space, raw font name, font flags) of a character, read once per text object."""
        obj = raw.FPDFText_GetTextObject(self.handle, index)
        key = ctypes.addressof(obj.contents) if obj else 0
        found = self.objects.get(key) if key else None
        if found is None:
            found = self._read_font(index)
            if key:
                self.objects[key] = found
        return found

    def _read_font(self, index: int) -> tuple[float, bytes, int]:
        handle, buffer, flags = self.handle, self.buffer, self.flags
        size = raw.FPDFText_GetFontSize(handle, index)
        # the size is in text space: a PDF may set size 1 and scale with the matrix (Word's Quartz output)
        if raw.FPDFText_GetMatrix(handle, index, self.matrix):
            m = self.matrix
            scale = abs(m.a * m.d - m.b * m.c) ** 0.5
            if scale > 0:
                size *= scale
        length = raw.FPDFText_GetFontInfo(handle, index, buffer, len(buffer), ctypes.byref(flags))
        raw_name = buffer.value if 0 < length <= len(buffer) else b""
        return float(size), raw_name, flags.value

    def word(self, text: str, first: int, x0: float, top: float, x1: float, bottom: float,
             size: float | None = None) -> Word:
        font_size, raw_name, flags = self._font(first)
        if size is None:
            size = font_size
        style = self.styles.get((raw_name, flags))
        if style is None:
            style = self.styles[(raw_name, flags)] = self._style(raw_name, flags, first)
        font, bold, italic, icon = style
        if icon and len(text) <= 3:
            text = BULLET  # an icon (phone, mail, LinkedIn logo) drawn with a symbol font separates items
        return Word(text=text, x0=x0, top=top, x1=x1, bottom=bottom, size=size or None, font=font, bold=bold,
                    italic=italic)

    def _style(self, raw_name: bytes, flags: int, index: int) -> tuple[str | None, bool, bool, bool]:
        """Font name without its subset tag, bold, italic, and whether it is an icon font (once per font)."""
        font = raw_name.decode("latin-1", errors="replace") if raw_name else None
        weight = raw.FPDFText_GetFontWeight(self.handle, index)
        name = (font or "").lower()
        bold = weight >= 600 or bool(flags & _FONT_BOLD_FLAG) or any(k in name for k in _BOLD_NAMES)
        italic = bool(flags & _FONT_ITALIC_FLAG) or "italic" in name or "oblique" in name
        font = font.split("+", 1)[-1] if font else None  # drop the subset tag ("ABCDEF+Arial")
        return font, bold, italic, bool(_ICON_FONT.search(name))


class _Run:
    """Visible characters with no space between them: text, PDFium indices and loose boxes (top-left origin)."""

    __slots__ = ("bottoms", "chars", "indices", "tops", "x0s", "x1s")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.indices: list[int] = []
        self.x0s: list[float] = []
        self.tops: list[float] = []
        self.x1s: list[float] = []
        self.bottoms: list[float] = []

    def add(self, char: str, index: int, x0: float, top: float, x1: float, bottom: float) -> None:
        self.chars.append(char)
        self.indices.append(index)
        self.x0s.append(x0)
        self.tops.append(top)
        self.x1s.append(x1)
        self.bottoms.append(bottom)

    def add_boxless(self, char: str, index: int) -> None:
        """A character without a box (PDFium's generated line-end hyphen) sits at the end of the one before."""
        self.add(char, index, self.x1s[-1], self.tops[-1], self.x1s[-1], self.bottoms[-1])


_WORD_GAP = 0.1
"""A gap between two characters wider than this share of the font size, beyond the run's usual spacing between
letters, breaks a word (pdfminer's `word_margin` is the same share)."""


def _words_by_char(
    handle: object, first: int, count: int, page_top: float, reader: _FontReader
) -> tuple[list[Word], int, int]:
    """Cut characters into words by their loose boxes: at spaces, line changes and gaps between glyphs.

    Returns the words, the visible characters and how many of them are garbage."""
    rect = raw.FS_RECTF()
    words: list[Word] = []
    run = _Run()
    visible = bad = 0
    for i in range(first, first + count):
        code = raw.FPDFText_GetUnicode(handle, i)
        char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        if code == 2 or char == _PDFIUM_HYPHEN:  # the line-end hyphen, as GetUnicode and GetText report it
            char = "-"
        if char.isspace() or code == 0 or unicodedata.category(char) == "Cc":
            if run.chars:
                words.extend(_cut_run(run, reader))
                run = _Run()
            continue
        visible += 1
        if raw.FPDFText_HasUnicodeMapError(handle, i) == 1 or _is_garbage(char):
            bad += 1
        if raw.FPDFText_GetLooseCharBox(handle, i, rect):
            run.add(char, i, rect.left, page_top - rect.top, rect.right, page_top - rect.bottom)
        elif char == "-" and run.chars:
            run.add_boxless(char, i)
    if run.chars:
        words.extend(_cut_run(run, reader))
    return words, visible, bad


def _token_words(
    handle: object, token: str, start: int, page_top: float, reader: _FontReader, rect: raw.FS_RECTF
) -> list[Word]:
    """The words of one token of the page text whose characters come from several text objects.

    The token's text is known (the page text), so only each character's loose box is read: the same cut as
    `_words_by_char` at a fraction of its calls."""
    run = _Run()
    box = raw.FPDFText_GetLooseCharBox
    for offset, char in enumerate(token):
        index = start + offset
        if box(handle, index, rect):
            run.add(char, index, rect.left, page_top - rect.top, rect.right, page_top - rect.bottom)
        elif char == "-" and run.chars:
            run.add_boxless(char, index)
    return _cut_run(run, reader) if run.chars else []


def _cut_run(run: _Run, reader: _FontReader) -> list[Word]:
    """Words of a run of visible characters (no space between them) cut where the geometry says so.

    A new word starts on another row, where the text jumps back to the left, or where the gap from the
    previous character is wider than the run's median gap by a tenth of the font size: the median is the
    run's own letter spacing, so tracked (letter-spaced) text stays whole and glyphs that overlap slightly
    (tight kerning) do not hide a word gap."""
    x0s, tops, x1s, bottoms = run.x0s, run.tops, run.x1s, run.bottoms
    known_size = reader.size(run.indices[0])
    size = known_size or 0.8 * (bottoms[0] - tops[0])
    gaps = [b - a for a, b in zip(x1s, x0s[1:], strict=False)]
    spacing = sorted(gaps)[len(gaps) // 2] if len(gaps) >= 3 else 0.0
    limit = max(spacing, -0.2 * size) + _WORD_GAP * size
    words: list[Word] = []
    start = 0
    x0, top, x1, bottom = x0s[0], tops[0], x1s[0], bottoms[0]
    count = len(x0s)
    for k in range(1, count + 1):
        if k < count:
            centre = (tops[k] + bottoms[k]) / 2
            same_row = abs(centre - (top + bottom) / 2) < 0.5 * (bottom - top)
            if same_row and x1s[k] >= x0 and gaps[k - 1] <= limit:
                x0, top = min(x0, x0s[k]), min(top, tops[k])
                x1, bottom = max(x1, x1s[k]), max(bottom, bottoms[k])
                continue
        text = "".join(run.chars[start:k])
        words.append(reader.word(text, run.indices[start], x0, top, x1, bottom, known_size if start == 0 else None))
        if k < count:
            start = k
            x0, top, x1, bottom = x0s[k], tops[k], x1s[k], bottoms[k]
    return words


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


def _pictures_or_none(page: pdfium.PdfPage, left: float, top: float) -> list[Picture] | None:
    try:
        return page_pictures(page, left, top)
    except Exception:  # the photo check reads the page again and decides (it finds no photo there)
        return None


_Matrix = tuple[float, float, float, float, float, float]


def page_pictures(page: pdfium.PdfPage, left: float, top: float) -> list[Picture]:
    """The page's image objects (inside form XObjects too, placed by their matrices) with their boxes (top-left
    origin, relative to the media box's `left` and `top`) and pixel sizes; those without a pixel size left out."""
    found = []
    width, height = ctypes.c_uint(), ctypes.c_uint()
    for obj, matrix, path in _images(page.raw):
        xs, ys = zip(*(_apply(matrix, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))), strict=True)
        box = (min(xs) - left, top - max(ys), max(xs) - left, top - min(ys))
        if raw.FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(width), ctypes.byref(height)):
            found.append(Picture(box, width.value, height.value, path))
    return found


def object_at(page: pdfium.PdfPage, path: tuple[int, ...]) -> object:
    """The page object a `Picture.path` leads to."""
    obj = raw.FPDFPage_GetObject(page.raw, path[0])
    for index in path[1:]:
        obj = raw.FPDFFormObj_GetObject(obj, index)
    return obj


def _images(page: object) -> Iterator[tuple[object, _Matrix, tuple[int, ...]]]:
    """Image objects of a page, with the matrix that maps their unit square to page space and their path."""
    stack: list[tuple[object, bool, _Matrix, tuple[int, ...]]] = [(page, True, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), ())]
    seen = 0
    m = raw.FS_MATRIX()
    while stack:
        container, is_page, outer, path = stack.pop()
        count = raw.FPDFPage_CountObjects(container) if is_page else raw.FPDFFormObj_CountObjects(container)
        for index in range(min(count, 5000)):
            seen += 1
            if seen > 20000:
                return
            obj = raw.FPDFPage_GetObject(container, index) if is_page else raw.FPDFFormObj_GetObject(container, index)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM) or not raw.FPDFPageObj_GetMatrix(
                obj, ctypes.byref(m)
            ):
                continue
            matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                yield obj, matrix, (*path, index)
            elif len(stack) < 20:
                stack.append((obj, False, matrix, (*path, index)))


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying `inner`, then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]
