"""Without antiword or Tesseract the other formats still work and the affected ones fail with a clear error.

The tools are hidden by pointing their lookup at nothing (their absence on a user's machine looks the same).
"""

from __future__ import annotations

import io

import pytest

from resumeparser.errors import OcrUnavailable, ParseTimeout, UnsupportedFormat
from resumeparser.extract import doc as doc_module
from resumeparser.extract import extract
from resumeparser.extract import ocr as ocr_module
from resumeparser.options import Deadline, ParseOptions

from ._make_docs import columns_pdf, mixed_pdf, text_image


def test_doc_without_antiword_is_unsupported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_module, "antiword_path", lambda: None)
    with pytest.raises(UnsupportedFormat, match="antiword"):
        extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "doc", ParseOptions(), Deadline(10))


def test_without_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module, "tesseract_path", lambda: None)
    out = io.BytesIO()
    text_image(["Sam Example"]).save(out, format="PNG")
    with pytest.raises(OcrUnavailable):
        extract(out.getvalue(), "image", ParseOptions(), Deadline(10))
    # a PDF with a text layer on one page and a scan on the other keeps its text and warns
    doc = extract(mixed_pdf(), "pdf", ParseOptions(), Deadline(10))
    assert doc.pages[0].lines and not doc.pages[1].lines
    assert [code for code, _ in doc.warnings] == ["ocr_unavailable"]
    # a text-layer PDF needs no OCR at all
    assert extract(columns_pdf(), "pdf", ParseOptions(), Deadline(10)).lines


def test_deadline_is_checked_between_pages() -> None:
    with pytest.raises(ParseTimeout):
        extract(columns_pdf(pages=2), "pdf", ParseOptions(), Deadline(0))
