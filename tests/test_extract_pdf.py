from __future__ import annotations

import pytest

from resumeparser.errors import EncryptedDocument, FileTooLarge
from resumeparser.extract import extract
from resumeparser.extract.ocr import tesseract_available
from resumeparser.normalize import normalize
from resumeparser.options import Deadline, Limits, ParseOptions

from ._make_docs import MAIN_COLUMN, SIDE_COLUMN, columns_pdf, mixed_pdf, positioned_words_pdf, small_caps_pdf


def _read(data: bytes, options: ParseOptions | None = None):
    return normalize(extract(data, "pdf", options or ParseOptions(), Deadline(30)))


@pytest.mark.parametrize("sidebar", ["left", "right"])
def test_columns_are_read_one_after_the_other(sidebar: str) -> None:
    doc = _read(columns_pdf(sidebar))
    texts = [line.text for line in doc.lines]
    first, second = (SIDE_COLUMN, MAIN_COLUMN) if sidebar == "left" else (MAIN_COLUMN, SIDE_COLUMN)
    # the header spans both columns and comes first; then each column whole, left one first
    assert texts[:3] == ["Jane Example Doe", "jane.doe@example.com | +1 555 123 4567 | Springfield",
                         "github.com/jane-example"]
    assert texts[3:-1] == first + second
    assert texts[-1] == "Jane Example Doe - Curriculum Vitae"  # the footer last, though it sits under one column
    columns = {line.text: line.column for line in doc.lines}
    assert columns[first[1]] != columns[second[1]]


def test_fonts_links_and_page_furniture() -> None:
    doc = _read(columns_pdf())
    name = doc.lines[0]
    assert name.bold and name.font_size == pytest.approx(20, abs=0.5)
    body = next(line for line in doc.lines if line.text == "Engineer, Globex")
    assert not body.bold and body.font_size == pytest.approx(10, abs=0.5)
    assert doc.links == ["https://github.com/jane-example"]
    github = next(line for line in doc.lines if line.text == "github.com/jane-example")
    assert github.links == ["https://github.com/jane-example"]
    assert not any("Page 1 of 1" in line.text for line in doc.lines)
    two_pages = _read(columns_pdf(pages=2))
    # a running footer is kept once (it may carry the name), page numbers never
    assert two_pages.text.count("Curriculum Vitae") == 1
    assert "Page 2 of 2" not in two_pages.text
    assert name.bbox is not None and name.bbox[1] < body.bbox[1]  # top-left origin


def test_user_password_is_encrypted_but_owner_password_only_parses() -> None:
    with pytest.raises(EncryptedDocument):
        _read(columns_pdf(encrypt=("secret", "owner")))
    doc = _read(columns_pdf(encrypt=("", "owner")))
    assert doc.lines[0].text == "Jane Example Doe"


def test_page_limit() -> None:
    with pytest.raises(FileTooLarge):
        _read(columns_pdf(pages=3), ParseOptions(limits=Limits(max_pages=2)))


def test_image_only_page_goes_through_ocr_only_when_allowed() -> None:
    data = mixed_pdf()
    never = _read(data, ParseOptions(ocr="never"))
    assert [p.ocr for p in never.pages] == [False, False]
    assert "Kubernetes" not in never.text
    if not tesseract_available():
        pytest.skip("Tesseract is not installed")
    doc = _read(data)
    assert [p.ocr for p in doc.pages] == [False, True]
    assert doc.pages[0].lines[0].text == "Text layer page with Python experience"
    assert "Certified Kubernetes Administrator 2021" in doc.text
    assert doc.pages[1].ocr_confidence is not None and doc.pages[1].ocr_confidence > 0.8


def _hyphenated_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(50, 700, "Led the platform team and the develop-")
    pdf.drawString(50, 686, "ment of the billing service for customers")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_word_hyphenated_at_line_end_is_joined() -> None:
    texts = [line.text for line in _read(_hyphenated_pdf()).lines]
    assert texts == ["Led the platform team and the development", "of the billing service for customers"]


def test_threads_share_pdfium_safely() -> None:
    from concurrent.futures import ThreadPoolExecutor

    data = [columns_pdf("left"), columns_pdf("right")] * 4
    expected = [[line.text for line in _read(d).lines] for d in data[:2]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda d: [line.text for line in _read(d).lines], data))
    assert results == expected * 4


def test_labels_in_a_margin_head_their_own_content() -> None:
    from ._make_docs import labels_pdf

    texts = [line.text for line in _read(labels_pdf()).lines]
    assert texts == [
        "Casey Margin", "Profile", "Analyst with six years in retail pricing.", "Based in Leeds.",
        "Experience", "Pricing Analyst, Northwind Stores", "2019 - 2024", "Built the weekly price model.",
        "Cut markdown waste by a fifth.", "Education", "BSc Economics, University of York", "2015 - 2018",
    ]


def test_scan_with_a_text_stamp_is_still_read_by_ocr() -> None:
    from ._make_docs import stamped_scan_pdf

    if not tesseract_available():
        pytest.skip("Tesseract is not installed")
    doc = _read(stamped_scan_pdf())
    assert doc.pages[0].ocr
    assert "Warehouse Supervisor since 2018" in doc.text


def test_same_leading_columns_versus_a_label_value_table() -> None:
    from ._make_docs import uniform_leading_pdf

    columns = [line.text for line in _read(uniform_leading_pdf("columns")).lines]
    assert columns[:2] == ["Python", "SQL"] and columns[8] == "Led the data platform team of six engineers and"
    table = [line.text for line in _read(uniform_leading_pdf("table")).lines]
    assert table[:2] == ["Name Robin Grid", "Email robin@example.com"]


_SPACELESS = ["Financial accountant and highly skilled analyst", "Seattle, WA | jane.doe@example.com"]


@pytest.mark.parametrize("by_glyph", [False, True])
@pytest.mark.parametrize("gap_em", [0.12, 0.15, 0.2])
def test_words_placed_without_spaces_are_cut_at_their_gaps(gap_em: float, by_glyph: bool) -> None:
    # PDFium inserts a space only for gaps of about a quarter em; narrower word gaps came out glued
    doc = _read(positioned_words_pdf(_SPACELESS, gap_em, by_glyph=by_glyph))
    assert [line.text for line in doc.lines] == _SPACELESS


def test_letter_spaced_words_stay_whole() -> None:
    # tracked text: the letters stand apart, but the word gap is wider still than the run's own spacing
    doc = _read(positioned_words_pdf(["Work Experience"], gap_em=0.45, tracking_em=0.12))
    assert doc.lines[0].text == "Work Experience"


def test_small_capitals_headings_read_as_their_words() -> None:
    from resumeparser.segment import segment

    doc = _read(small_caps_pdf(["Work Experience", "Contact"]))
    texts = [line.text for line in doc.lines]
    assert "WORK EXPERIENCE" in texts and "CONTACT" in texts
    kinds = [block.kind for block in segment(doc)]
    assert "experience" in kinds
