"""RTF, ODT, HTML, TXT, DOC and images, from files made here (the fixture set covers the full resumes)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from resumeparser.errors import CorruptDocument, FileTooLarge, OcrUnavailable
from resumeparser.extract import extract
from resumeparser.extract.ocr import tesseract_available
from resumeparser.normalize import normalize
from resumeparser.options import Deadline, Limits, ParseOptions

from ._make_docs import odt_resume, text_image


def _read(data: bytes, fmt: str, options: ParseOptions | None = None):
    return normalize(extract(data, fmt, options or ParseOptions(), Deadline(60)))


def test_rtf_text_accents_table_cells_and_hyperlink() -> None:
    rtf = (
        rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\f0 Ren\'e9e Dupont\par "
        rb'{\field{\*\fldinst HYPERLINK "https://renee.example.fr"}{\fldrslt renee.example.fr}}\par '
        rb"\trowd\cellx2000\cellx4000 Python\cell SQL\cell\row "
        rb"}"
    )
    doc = _read(rtf, "rtf")
    texts = [line.text for line in doc.lines]
    assert texts[0] == "Renée Dupont"
    assert "renee.example.fr" in texts
    assert "Python" in texts and "SQL" in texts
    assert doc.links == ["https://renee.example.fr"]


def test_odt_heading_link_bold_and_table() -> None:
    doc = _read(odt_resume(), "odt")
    texts = [line.text for line in doc.lines]
    assert texts == ["Alex Odt Person", "Portfolio: alex.example.dev", "Skills: Rust and Go", "Phone",
                     "+44 20 7946 0000"]
    assert doc.lines[0].bold
    assert doc.links == ["https://alex.example.dev"]
    assert doc.lines[1].links == ["https://alex.example.dev"]


def test_html_blocks_cells_links_and_no_scripts() -> None:
    html = (
        b"<html><head><title>CV</title><style>p{color:red}</style></head><body>"
        b"<script>var secret = 1;</script><h1>Kim <span>Lee</span></h1>"
        b"<p>Mail: <a href='mailto:kim@example.com'>kim@example.com</a><br>Seoul</p>"
        b"<table><tr><td>Java</td><td>Kotlin</td></tr></table><ul><li>Built <b>pipe</b>lines</li></ul>"
        b"</body></html>"
    )
    doc = _read(html, "html")
    texts = [line.text for line in doc.lines]
    assert texts == ["Kim Lee", "Mail: kim@example.com", "Seoul", "Java", "Kotlin", "• Built pipelines"]
    assert doc.lines[0].bold and doc.lines[0].font_size and doc.lines[0].font_size > doc.lines[1].font_size
    assert doc.links == ["mailto:kim@example.com"]
    assert "secret" not in doc.text and "color" not in doc.text


def test_html_numbers_in_two_elements_stay_apart() -> None:
    html = (b"<p><span class='space-right'>Feb 2019 - Jul 2022</span><span><i class='icon'></i>3 years</span></p>"
            b"<p>Revenue <b>12</b>% up, Python <span>3</span>.11</p>")
    texts = [line.text for line in _read(html, "html").lines]
    assert texts == ["Feb 2019 - Jul 2022 3 years", "Revenue 12% up, Python 3.11"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252", "latin-1"])
def test_txt_encodings(encoding: str) -> None:
    text = "José Müller\nIngénieur à Zürich, 5 ans d'expérience en développement logiciel\n"
    doc = _read(text.encode(encoding), "txt")
    assert [line.text for line in doc.lines] == text.strip().split("\n")


def test_corrupt_doc_is_a_typed_error() -> None:
    junk = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "WordDocument".encode("utf-16-le")
    with pytest.raises(CorruptDocument):
        _read(junk, "doc")


def test_image_limits_and_ocr_switch() -> None:
    out = io.BytesIO()
    Image.new("L", (3000, 3000), 255).save(out, format="PNG")
    with pytest.raises(FileTooLarge):
        _read(out.getvalue(), "image", ParseOptions(limits=Limits(max_image_pixels=1_000_000)))
    with pytest.raises(OcrUnavailable):
        _read(out.getvalue(), "image", ParseOptions(ocr="never"))
    with pytest.raises(CorruptDocument):
        _read(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "image")


@pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")
def test_multi_page_tiff_and_low_resolution_image() -> None:
    first = text_image(["Priya Raman", "priya.raman@example.com"], dpi=100)
    second = text_image(["Second page: Data Engineer"], dpi=100)
    out = io.BytesIO()
    first.save(out, format="TIFF", save_all=True, append_images=[second], dpi=(100, 100))
    doc = _read(out.getvalue(), "image")
    assert len(doc.pages) == 2 and all(page.ocr for page in doc.pages)
    assert "Priya Raman" in doc.pages[0].lines[0].text
    assert "priya.raman@example.com" in doc.text
    assert "Data Engineer" in doc.pages[1].lines[0].text
    assert 0.5 < (doc.ocr_confidence or 0) <= 1.0


def test_single_file_web_page_named_doc() -> None:
    from resumeparser.detect import detect_format

    mhtml = (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n--b1\r\n"
        b"Content-Type: text/html; charset=\"windows-1252\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"<html><body><p>Ren=E9 Web</p><p>Sales Lead</p></body></html>\r\n--b1--\r\n"
    )
    assert detect_format(mhtml, "cv.doc") == "html"
    assert [line.text for line in _read(mhtml, "html").lines] == ["René Web", "Sales Lead"]
