"""Every format of the generated fixture set against its source text (fixtures/generated, see COMMON contract)."""

from __future__ import annotations

import difflib
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from resumeparser.detect import detect_format
from resumeparser.document import Document
from resumeparser.extract import extract
from resumeparser.extract.ocr import tesseract_available
from resumeparser.normalize import normalize
from resumeparser.options import Deadline, ParseOptions

from .conftest import FIXTURES

GENERATED = FIXTURES / "generated"
MANIFEST = json.loads((GENERATED / "manifest.json").read_text()) if (GENERATED / "manifest.json").exists() else []
OCR_FORMATS = {"png", "scan"}
TEXT_CASES = [(r["id"], fmt) for r in MANIFEST for fmt in r["files"] if fmt not in OCR_FORMATS]
COLUMN_CASES = [r["id"] for r in MANIFEST if r["reading_order"] in ("left-first", "sidebar-first", "main-first")
                and "pdf" in r["files"]]
needs_fixtures = pytest.mark.skipif(not MANIFEST, reason="fixtures/generated is absent")
needs_tesseract = pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")


def _entry(resume_id: str) -> dict:
    return next(r for r in MANIFEST if r["id"] == resume_id)


def _extract(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    return normalize(extract(data, detect_format(data, path.name), ParseOptions(), Deadline(120)))


def _words(text: str) -> list[str]:
    return text.split()


def _source(resume_id: str) -> str:
    return (GENERATED / _entry(resume_id)["source"]).read_text(encoding="utf-8")


@needs_fixtures
@pytest.mark.parametrize(("resume_id", "fmt"), TEXT_CASES)
def test_words_in_reading_order(resume_id: str, fmt: str) -> None:
    if fmt == "html":  # checked order-free below until the generator is fixed
        pytest.xfail("the fixture generator writes the paragraph that precedes a bullet list after the list")
    doc = _extract(GENERATED / _entry(resume_id)["files"][fmt])
    expected, got = _words(_source(resume_id)), _words(doc.text)
    ratio = difflib.SequenceMatcher(None, expected, got, autojunk=False).ratio()
    assert ratio >= 0.98, f"{resume_id}.{fmt}: {ratio:.3f}"


@needs_fixtures
@pytest.mark.parametrize("resume_id", [r["id"] for r in MANIFEST if "html" in r["files"]])
def test_html_has_every_word(resume_id: str) -> None:
    doc = _extract(GENERATED / _entry(resume_id)["files"]["html"])
    expected, got = _words(_source(resume_id)), set(_words(doc.text))
    recall = sum(1 for word in expected if word in got) / len(expected)
    assert recall >= 0.99


@needs_fixtures
@pytest.mark.parametrize("resume_id", COLUMN_CASES)
def test_columns_read_one_after_the_other(resume_id: str) -> None:
    """Known lines (source lines found whole in the PDF) come out in the source's order, columns unmixed."""
    doc = _extract(GENERATED / _entry(resume_id)["files"]["pdf"])
    lines = [line.text for line in doc.lines]
    source = [" ".join(line.split()) for line in _source(resume_id).splitlines() if line.strip()]
    # walk forward through the extracted lines: every source line found further on counts as in order
    in_order, cursor = 0, 0
    for text in source:
        if text in lines[cursor:]:
            cursor = lines.index(text, cursor) + 1
            in_order += 1
    assert in_order >= 0.9 * len(source), f"{in_order} of {len(source)} lines in order"
    assert len({line.column for line in doc.lines}) >= 2


def _recall(expected_text: str, doc: Document) -> float:
    """Share of the source's words (tokens with a letter or digit) that OCR found."""
    got: dict[str, int] = {}
    for word in _words(doc.text):
        got[word] = got.get(word, 0) + 1
    expected = [w for w in _words(expected_text) if re.search(r"\w", w)]
    found = 0
    for word in expected:
        if got.get(word, 0) > 0:
            got[word] -= 1
            found += 1
    return found / len(expected)


@needs_fixtures
@needs_tesseract
@pytest.mark.parametrize("fmt", ["scan", "png"])
def test_ocr_of_scanned_pdf_and_png(fmt: str) -> None:
    resume_id = "en_two_column_gb"
    doc = _extract(GENERATED / _entry(resume_id)["files"][fmt])
    assert doc.ocr_used and all(page.ocr for page in doc.pages)
    assert _recall(_source(resume_id), doc) >= 0.95
    assert doc.ocr_confidence is not None and 0.8 <= doc.ocr_confidence <= 1.0


@needs_fixtures
@needs_tesseract
def test_low_resolution_image_still_gives_name_and_email() -> None:
    resume_id = "en_two_column_gb"
    path = GENERATED / _entry(resume_id)["files"]["png"]
    with Image.open(path) as image:
        dpi = float(image.info.get("dpi", (300, 300))[0])
        scale = 100 / dpi
        small = image.convert("L").resize((round(image.width * scale), round(image.height * scale)))
    out = io.BytesIO()
    small.save(out, format="PNG", dpi=(100, 100))
    doc = _extract(path, out.getvalue())
    expected = json.loads((GENERATED / _entry(resume_id)["expected"]).read_text())
    assert expected["name"]["full"] in doc.text
    assert expected["emails"][0] in doc.text


@needs_fixtures
@pytest.mark.parametrize("resume_id", [r["id"] for r in MANIFEST if r["layout"].startswith("docx_")])
def test_docx_contact_in_header_table_or_text_box(resume_id: str) -> None:
    """Contact details placed in the page header, a layout table or a text box, and the hyperlink targets."""
    doc = _extract(GENERATED / _entry(resume_id)["files"]["docx"])
    expected = json.loads((GENERATED / _entry(resume_id)["expected"]).read_text())
    for email in expected["emails"]:
        assert email in doc.text
    for phone in expected["phones"]:
        assert phone["raw"] in doc.text
    assert doc.links == expected["links"]
    if _entry(resume_id)["layout"] == "docx_table":  # the sidebar cell and the main cell are regions
        assert len({line.column for line in doc.lines}) == 2
