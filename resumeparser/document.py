"""The intermediate document every extractor produces: pages -> lines -> spans, in reading order.

Formats without geometry (TXT, RTF, DOC) give lines without boxes. Later stages only ever see this shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BULLET = "\u2022"
"""The one bullet glyph list markers become (DOCX numbering, ODT lists, private-use bullets)."""

BBox = tuple[float, float, float, float]
"""x0, top, x1, bottom in points from the page's top-left corner."""

WordBox = tuple[str, BBox]
"""One positioned word as the extractor read it (before normalisation): its text and box."""


@dataclass(slots=True)
class Span:
    text: str
    bbox: BBox | None = None
    font_size: float | None = None
    bold: bool = False
    italic: bool = False
    font: str | None = None


@dataclass(slots=True)
class Line:
    spans: list[Span]
    page: int = 1
    bbox: BBox | None = None
    column: int = 0
    """Index of the column or region the line was read from (0 for single-column documents)."""
    links: list[str] = field(default_factory=list)
    """Link targets attached to this line (PDF annotations, DOCX/HTML hyperlinks)."""
    ocr_confidence: float | None = None
    words: list[WordBox] = field(default_factory=list)
    """The line's words with their boxes, left to right, where the format has geometry (PDF, OCR): values are
    located on the page from them (`evidence.py`)."""

    @property
    def text(self) -> str:
        # read a thousand times per document: one span (most lines) needs no join, a list joins faster
        spans = self.spans
        if len(spans) == 1:
            return spans[0].text.strip()
        return " ".join([s.text for s in spans if s.text]).strip()

    @property
    def font_size(self) -> float | None:
        sizes = [s.font_size for s in self.spans if s.font_size]
        return max(sizes) if sizes else None

    @property
    def bold(self) -> bool:
        spans = [s for s in self.spans if s.text.strip()]
        return bool(spans) and all(s.bold for s in spans)

    @classmethod
    def plain(cls, text: str, page: int = 1) -> Line:
        return cls(spans=[Span(text=text)], page=page)


@dataclass(slots=True)
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)
    width: float | None = None
    height: float | None = None
    ocr: bool = False
    ocr_confidence: float | None = None
    pixels_per_point: float | None = None
    """For a page read from an image file: the image's pixels per point of this page's coordinates (boxes
    are kept in points; evidence gives them in the image's pixels)."""


@dataclass(slots=True)
class Picture:
    """An image object drawn on a page (PDF), as the extractor found it, for the portrait check (`portrait.py`)."""

    box: BBox
    pixel_width: int
    pixel_height: int
    path: tuple[int, ...]
    """Where the object sits on its page: its index among the page's objects, then inside each form XObject."""


@dataclass(slots=True)
class Document:
    pages: list[Page]
    format: str
    links: list[str] = field(default_factory=list)
    """Every link target in the document, in order of appearance."""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """(code, message) pairs from extraction, carried into the record's warnings."""
    pictures: list[Picture] | None = None
    """The images drawn on page 1 (PDF), read while the extractor had the page open so the photo check need not
    load it again; None where the extractor did not look."""

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def ocr_used(self) -> bool:
        return any(p.ocr for p in self.pages)

    @property
    def ocr_confidence(self) -> float | None:
        scores = [p.ocr_confidence for p in self.pages if p.ocr and p.ocr_confidence is not None]
        return sum(scores) / len(scores) if scores else None

    @classmethod
    def from_text(cls, text: str, format: str = "txt") -> Document:
        """A document from plain text; form feeds separate pages."""
        pages = []
        for number, chunk in enumerate(text.split("\f"), start=1):
            lines = [Line.plain(raw, page=number) for raw in chunk.splitlines()]
            pages.append(Page(number=number, lines=lines))
        return cls(pages=pages, format=format)
