"""The candidate's portrait photo: found among a document's embedded images by their geometry and content.

A picture is taken for a portrait photo when all of these hold (the rule of docs/redact.md):

- shape: square or taller than wide (height / width between 0.9 and 2.0), like a head-and-shoulders photo;
- size: drawn at least 28 pt on its shorter side (icons are 8-16 pt) and at most 300 pt on its longer side and 15%
  of the page's area (a full-page scan or background picture is no photo); stored with at least 48 pixels a side;
- place: its top edge in the upper 40% of page 1 (PDF), or in the page header or among the first paragraphs of
  the body (DOCX, ODT: no page geometry there);
- content: a photograph's tones, not a flat logo: the luminance entropy of a 64 x 64 thumbnail is 3.5 bits or
  more (photos measured here: 4.7-7.4 bits; a two-colour logo: 2.0).

Of several such pictures the largest wins. PDF through PDFium's page objects (images inside form XObjects
included, placed by their matrices: `extract.pdf.page_pictures`, which the PDF extractor runs while it has page 1
open); DOCX through `w:drawing` (inline and anchored) and VML `v:imagedata` pictures of the body and the page
headers; ODT through `draw:frame`/`draw:image`. Other formats have no embedded pictures this module reads (HTML
images are links, not bytes; a scan is one picture of the whole page).
"""

from __future__ import annotations

import ctypes
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Union

from .detect import detect_format
from .document import Document, Picture
from .errors import ResumeParserError
from .load import Source, read_source
from .models import Photo
from .options import DEFAULT_OPTIONS, ParseOptions

MIN_SIDE_PT = 28.0
MAX_SIDE_PT = 300.0
MAX_PAGE_SHARE = 0.15
MIN_ASPECT, MAX_ASPECT = 0.9, 2.0
MIN_PIXELS = 48
TOP_SHARE = 0.4
MIN_ENTROPY = 3.5
FIRST_PARAGRAPHS = 12
"""DOCX/ODT: a picture anchored in one of the body's first paragraphs (or in a page header) is near the top."""
MAX_IMAGE_BYTES = 20 * 1024 * 1024

if TYPE_CHECKING:
    from PIL import Image as PILImage

Image = Union[bytes, "PILImage.Image"]
"""A picture's image: its bytes as stored (JPEG, or a DOCX/ODT member), or a bitmap PDFium decoded."""


@dataclass(frozen=True)
class PhotoImage:
    """The photo's place (`info`, as on the record) and its image bytes in `format` (png or jpeg)."""

    info: Photo
    data: bytes
    format: str


@dataclass
class _Candidate:
    width: float
    height: float
    pixel_width: int
    pixel_height: int
    page: int | None
    box: tuple[float, float, float, float] | None
    load: object
    """A callable returning (bytes, format) of the image."""


def photo(source: Source, *, filename: str | None = None, options: ParseOptions | None = None) -> PhotoImage | None:
    """The candidate's portrait photo in a resume file (a path, bytes or a binary file), with its image bytes; None
    when there is none. `parse` reports the same photo's place as `has_photo` and `photo` on the record."""
    options = options or DEFAULT_OPTIONS
    data, filename = read_source(source, options.limits, filename)
    return photo_image(data, detect_format(data, filename))


def find_photo(data: bytes, fmt: str, doc: Document | None = None) -> Photo | None:
    """Where the portrait photo of a document is (its bytes: `photo_image`), or None. `doc`: the document as the
    extractor read it from `data`, whose pictures of page 1 (PDF) then need not be read again."""
    found = _find(data, fmt, doc)
    return found[0] if found is not None else None


def photo_image(data: bytes, fmt: str, doc: Document | None = None) -> PhotoImage | None:
    """The portrait photo with its image bytes, or None when the document has none (or its format has no pictures)."""
    found = _find(data, fmt, doc)
    if found is None:
        return None
    info, image, image_format = found
    return PhotoImage(info=info, data=_encoded(image), format=image_format)


def _find(data: bytes, fmt: str, doc: Document | None) -> tuple[Photo, Image, str] | None:
    """The photo's place, its image (bytes as stored, or a decoded bitmap that `_encoded` makes a PNG) and format."""
    try:
        if fmt == "pdf":
            read = None
            if doc is not None and doc.pictures is not None and doc.pages:
                read = doc.pictures, doc.pages[0].width or 0.0, doc.pages[0].height or 0.0
            candidates = _pdf_candidates(data, read)
        elif fmt == "docx":
            from .extract.docx import parsed_parts

            candidates = list(_zip_candidates(data, partial(_docx_pictures, parsed=parsed_parts(data))))
        elif fmt == "odt":
            candidates = list(_zip_candidates(data, _odt_pictures))
        else:
            return None
    except ResumeParserError:
        raise
    except Exception:  # a picture the libraries cannot read is no photo; the text of the document still parses
        return None
    best: tuple[Photo, Image, str] | None = None
    best_area = 0.0
    for candidate in candidates:
        if not _geometry_fits(candidate) or candidate.width * candidate.height <= best_area:
            continue
        try:
            image, image_format = candidate.load()  # type: ignore[operator]
        except Exception:
            continue
        if not _looks_like_a_photo(image):
            continue
        best_area = candidate.width * candidate.height
        box = [round(v, 2) for v in candidate.box] if candidate.box is not None else None
        info = Photo(page=candidate.page, box=box, width=round(candidate.width, 2), height=round(candidate.height, 2),
                     pixel_width=candidate.pixel_width, pixel_height=candidate.pixel_height, format=image_format)
        best = info, image, image_format
    return best


def _geometry_fits(c: _Candidate) -> bool:
    if c.width <= 0 or c.height <= 0:
        return False
    aspect = c.height / c.width
    return (
        MIN_ASPECT <= aspect <= MAX_ASPECT
        and min(c.width, c.height) >= MIN_SIDE_PT
        and max(c.width, c.height) <= MAX_SIDE_PT
        and min(c.pixel_width, c.pixel_height) >= MIN_PIXELS
    )


def _looks_like_a_photo(image: Image) -> bool:
    from PIL import Image as PILImage

    if not isinstance(image, bytes):  # a decoded bitmap: the pixels its PNG would hold
        return _photo_tones(image)
    with PILImage.open(io.BytesIO(image)) as opened:
        opened.draft("RGB", (128, 128))  # JPEG: decode at a reduced size
        return _photo_tones(opened)


def _photo_tones(image: PILImage.Image) -> bool:
    thumb = image.convert("RGB")
    thumb.thumbnail((64, 64))
    return float(thumb.convert("L").entropy()) >= MIN_ENTROPY


def _encoded(image: Image) -> bytes:
    """The image's bytes: as stored, or a decoded bitmap as PNG (encoded only for a caller that wants the bytes)."""
    if isinstance(image, bytes):
        return image
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# -- PDF -----------------------------------------------------------------------------------------------------------

def _pdf_candidates(data: bytes, read: tuple[list[Picture], float, float] | None = None) -> list[_Candidate]:
    """Page 1's pictures in its top part and not too large for the page. `read`: the pictures and the page's
    width and height as the PDF extractor read them; page 1 is then loaded again only when a picture has a
    photo's geometry, to read its image."""
    import pypdfium2 as pdfium

    from .extract.pdf import _PDFIUM_LOCK as PDFIUM_LOCK
    from .extract.pdf import object_at, page_pictures

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        page = None
        try:
            if read is None:
                page = pdf[0]
                left, bottom, right, top = page.get_mediabox()
                read = page_pictures(page, left, top), right - left, top - bottom
            pictures, page_w, page_h = read
            found = []
            for picture in pictures:
                x0, y_top, x1, y_bottom = picture.box
                w, h = x1 - x0, y_bottom - y_top
                if y_top > TOP_SHARE * page_h or w * h > MAX_PAGE_SHARE * page_w * page_h:
                    continue
                candidate = _Candidate(w, h, picture.pixel_width, picture.pixel_height, 1, picture.box, _Loaded(None))
                if _geometry_fits(candidate):  # read now (the page closes below), and only what may be a photo
                    page = page or pdf[0]
                    candidate.load = _Loaded(_pdf_image(pdf, page, object_at(page, picture.path)))
                found.append(candidate)
            return found
        finally:
            if page is not None:
                page.close()
            pdf.close()


class _Loaded:
    def __init__(self, value: tuple[Image, str] | None) -> None:
        self.value = value

    def __call__(self) -> tuple[Image, str]:
        if self.value is None:
            raise ValueError("the image could not be read")
        return self.value


def _pdf_image(pdf: object, page: object, obj: object) -> tuple[Image, str]:
    """The image as stored when it is a plain JPEG, else its decoded bitmap (a copy: the page closes), which
    `_encoded` makes a PNG only for a caller that wants the bytes."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    image = pdfium.PdfImage(obj, page=page, pdf=pdf)
    try:
        filters = image.get_filters()
    except Exception:
        filters = []
    if filters == ["DCTDecode"]:
        size = raw.FPDFImageObj_GetImageDataRaw(obj, None, 0)
        if 0 < size <= MAX_IMAGE_BYTES:
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFImageObj_GetImageDataRaw(obj, buffer, size)
            return buffer.raw[:size], "jpeg"
    bitmap = image.get_bitmap(render=False)
    pil = bitmap.to_pil()
    pil = pil.convert("RGB") if pil.mode not in ("RGB", "L", "RGBA") else pil.copy()
    return pil, "png"


# -- DOCX and ODT --------------------------------------------------------------------------------------------------

_EMU_PER_PT = 12700.0


@dataclass(frozen=True)
class _Picture:
    member: str
    width: float
    height: float


def _zip_candidates(data: bytes, pictures: object) -> Iterator[_Candidate]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for picture in pictures(archive, names):  # type: ignore[operator]
            if picture.member not in names or archive.getinfo(picture.member).file_size > MAX_IMAGE_BYTES:
                continue
            image = archive.read(picture.member)
            size = _pixel_size(image)
            if size is None:
                continue
            fmt = _image_format(image)
            yield _Candidate(picture.width, picture.height, size[0], size[1], None, None, _Loaded((image, fmt)))


def _pixel_size(image: bytes) -> tuple[int, int] | None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(image)) as pil:
            return pil.size
    except Exception:  # WMF, EMF, SVG: drawings, not photos
        return None


def _image_format(image: bytes) -> str:
    from PIL import Image

    with Image.open(io.BytesIO(image)) as pil:
        return (pil.format or "png").lower()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_V = "urn:schemas-microsoft-com:vml"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_VML_SIZE = re.compile(r"(width|height)\s*:\s*([\d.]+)\s*(pt|in|cm|mm|px)?", re.I)
_UNIT_PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "": 0.75}


def _docx_pictures(archive: zipfile.ZipFile, names: set[str], parsed: dict[str, Any]) -> Iterator[_Picture]:
    """`parsed`: parts the extractor already parsed, by member name."""
    from lxml import etree

    parts = [n for n in sorted(names) if re.fullmatch(r"word/header\d*\.xml", n)]
    main = next((n for n in ("word/document.xml", "word/document2.xml") if n in names), None)
    if main is not None:
        parts.append(main)
    for part in parts:
        rels = _relationships(archive, part, names)
        root = parsed.get(part)
        if root is None:
            root = etree.fromstring(archive.read(part), etree.XMLParser(resolve_entities=False, huge_tree=False))
        paragraphs = 0
        for element in root.iter(f"{{{_W}}}p", f"{{{_WP}}}extent", f"{{{_V}}}imagedata"):
            if element.tag == f"{{{_W}}}p":
                paragraphs += 1
                continue
            if part == main and paragraphs > FIRST_PARAGRAPHS:
                return
            if element.tag == f"{{{_WP}}}extent":
                holder = element.getparent()
                blip = holder.find(f".//{{{_A}}}blip") if holder is not None else None
                target = rels.get(blip.get(f"{{{_R}}}embed", "")) if blip is not None else None
                width = float(element.get("cx", "0")) / _EMU_PER_PT
                height = float(element.get("cy", "0")) / _EMU_PER_PT
            else:
                target = rels.get(element.get(f"{{{_R}}}id", ""))
                shape = element.getparent()
                sizes = {k.lower(): float(v) * _UNIT_PT[(u or "").lower()]
                         for k, v, u in _VML_SIZE.findall(shape.get("style", "") if shape is not None else "")}
                width, height = sizes.get("width", 0.0), sizes.get("height", 0.0)
            if target:
                yield _Picture(target, width, height)


def _relationships(archive: zipfile.ZipFile, part: str, names: set[str]) -> dict[str, str]:
    from lxml import etree

    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in names:
        return {}
    root = etree.fromstring(archive.read(rels_name), etree.XMLParser(resolve_entities=False))
    out = {}
    for rel in root.iter(f"{{{_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        out[rel.get("Id", "")] = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
    return out


_ODT_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_ODT_SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
_ODT_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_XLINK = "http://www.w3.org/1999/xlink"
_LENGTH = re.compile(r"^\s*([\d.]+)\s*(pt|in|cm|mm|px)?\s*$", re.I)


def _odt_length(value: str | None) -> float:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) * _UNIT_PT[(match.group(2) or "").lower()] if match else 0.0


def _odt_pictures(archive: zipfile.ZipFile, names: set[str]) -> Iterator[_Picture]:
    from lxml import etree

    for part in ("styles.xml", "content.xml"):  # page headers live in styles.xml
        if part not in names:
            continue
        root = etree.fromstring(archive.read(part), etree.XMLParser(resolve_entities=False, huge_tree=False))
        paragraphs = 0
        for element in root.iter(f"{{{_ODT_TEXT}}}p", f"{{{_ODT_TEXT}}}h", f"{{{_ODT_DRAW}}}frame"):
            if element.tag != f"{{{_ODT_DRAW}}}frame":
                paragraphs += 1
                continue
            if part == "content.xml" and paragraphs > FIRST_PARAGRAPHS:
                return
            image = element.find(f"{{{_ODT_DRAW}}}image")
            href = image.get(f"{{{_XLINK}}}href", "") if image is not None else ""
            if href and "://" not in href:
                width = _odt_length(element.get(f"{{{_ODT_SVG}}}width"))
                height = _odt_length(element.get(f"{{{_ODT_SVG}}}height"))
                yield _Picture(href.lstrip("./"), width, height)
