"""Parse options and limits. Every limit is on by default and settable."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from .errors import ParseTimeout

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on what one document may cost. All are on by default; set a field to raise or lower it."""

    max_file_bytes: int = 20 * MB
    """Size of the input in bytes."""
    max_pages: int = 50
    """Pages of a PDF, frames of an image; checked before the pages are read."""
    max_zip_uncompressed_bytes: int = 200 * MB
    """Declared uncompressed size of all members of a DOCX/ODT container."""
    max_zip_ratio: float = 200.0
    """Uncompressed/compressed size of a DOCX/ODT container (applied once it expands past 10 MB)."""
    max_zip_members: int = 10_000
    """Members of a DOCX/ODT container."""
    max_pdf_stream_bytes: int = 200 * MB
    """Inflated size of all of a PDF's Flate streams together (PDFium inflates a content stream whole)."""
    max_image_pixels: int = 60_000_000
    """Width x height of an image, checked from its header before it is decoded."""
    max_text_chars: int = 2_000_000
    """Characters of extracted text."""
    max_nesting_depth: int = 200
    """Depth of RTF groups and of HTML elements."""
    timeout_seconds: float = 60.0
    """Time per document, checked between steps; external tools (OCR, antiword) run with the time that is left."""


@dataclass(frozen=True)
class ParseOptions:
    limits: Limits = field(default_factory=Limits)
    ocr: Literal["auto", "always", "never"] = "auto"
    ocr_languages: str = "eng"
    ocr_dpi: int = 300
    default_region: str | None = None
    """ISO 3166 region used for phone numbers written without a country code when the document gives no hint."""
    ner: bool | str = False
    """NER as extra evidence for title vs company in work entries: True for the bundled resume model, a string
    for another spaCy pipeline (e.g. "en_core_web_sm"), False for none. Off by default: measured, it does not
    lift accuracy over the lexicon and layout cues (benchmarks/results/ner_ablation.md)."""
    entries: Literal["model", "rules"] = "model"
    """How work and education entries are read: "model" (the trained entry tagger, with the rules where it
    finds nothing) or "rules" (the hand-written rules alone, as before the tagger)."""
    evidence: bool = False
    """Locate every value in the document (page, box, text, line, section) into `Resume.evidence`
    (docs/evidence.md). Off by default: the record and its JSON are then exactly as without it."""
    photo: bool = True
    """Look for the candidate's portrait photo among the pictures of page 1 (PDF) or the first paragraphs (DOCX,
    ODT) and report it as `has_photo` and `photo` (docs/redact.md); off skips the look."""


DEFAULT_OPTIONS = ParseOptions()


class Deadline:
    """A per-document time budget, checked cooperatively between steps (pages, stages)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def remaining(self) -> float | None:
        return None if self._end is None else max(0.0, self._end - time.monotonic())

    def check(self, what: str = "parse") -> None:
        if self._end is not None and time.monotonic() > self._end:
            raise ParseTimeout(f"{what} took longer than {self.seconds:g} s")
