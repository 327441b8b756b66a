"""Hostile and broken input: every case is a real file, and each gets a typed error with a stable code
(or, where the file is fine after all, a parsed record). The table in docs/hostile-input.md lists these."""

from __future__ import annotations

import codecs
import importlib.util
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

import resumeparser
from resumeparser import ParseOptions, ResumeParserError
from resumeparser.guard import preflight
from resumeparser.options import Limits

from .conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
SEEDS = HOSTILE / "seeds"
OK = "ok"

_EXTRACTORS = {"pdf": "pdf", "docx": "docx", "doc": "doc", "rtf": "rtf", "odt": "odt", "html": "html",
               "png": "image", "gif": "image", "txt": "text", "bin": "text"}


def make() -> object:
    import fixtures.hostile.make_hostile as module

    return module


def needs_extractor(name: str) -> None:
    module = _EXTRACTORS[name.rsplit(".", 1)[-1]]
    if importlib.util.find_spec(f"resumeparser.extract.{module}") is None:
        pytest.skip(f"the {module} extractor is not in this tree")


def outcome(source: object, limits: Limits | None = None, filename: str | None = None) -> str:
    options = ParseOptions(limits=limits or Limits())
    try:
        resumeparser.parse(source, filename=filename, options=options)  # type: ignore[arg-type]
    except ResumeParserError as exc:
        return exc.code
    return OK


# file in fixtures/hostile -> the code it must get
COMMITTED = [
    ("empty.txt", "empty_document"),
    ("blank.txt", "empty_document"),
    ("garbage.bin", "unsupported_format"),
    ("garbage_named.pdf", "unsupported_format"),
    ("really_a_pdf.docx", OK),
    ("truncated.pdf", "corrupt_document"),
    ("corrupt.pdf", "corrupt_document"),
    ("user_password.pdf", "encrypted_document"),
    ("owner_password_only.pdf", OK),
    ("page_tree_cycle.pdf", "corrupt_document"),
    ("reference_cycle.pdf", "corrupt_document"),
    ("form_cycle.pdf", OK),
    ("truncated.docx", "corrupt_document"),
    ("broken_xml.docx", "corrupt_document"),
    ("crc_broken.docx", "corrupt_document"),
    ("password.docx", "encrypted_document"),
    ("ratio_bomb.docx", "file_too_large"),
    ("entities.docx", "corrupt_document"),
    ("truncated.odt", "corrupt_document"),
    ("truncated.rtf", "corrupt_document"),
    ("deep.rtf", "file_too_large"),
    ("deep.html", "file_too_large"),
    ("truncated.png", "corrupt_document"),
    ("corrupt.png", "corrupt_document"),
    ("bomb_200mp.png", "file_too_large"),
    ("bomb_80mp.png", "file_too_large"),
    ("many_frames.gif", "file_too_large"),
]


@pytest.mark.parametrize(("name", "code"), COMMITTED, ids=[name for name, _ in COMMITTED])
def test_committed_hostile_file_gets_its_code(name: str, code: str) -> None:
    path = HOSTILE / name
    assert path.exists(), f"run fixtures/hostile/make_hostile.py to make {name}"
    needs_extractor(name)
    assert outcome(path) == code


def test_the_committed_set_is_what_the_script_makes() -> None:
    committed = {p.name for p in HOSTILE.iterdir() if p.is_file() and p.suffix != ".py"}
    assert committed == set(make().committed_files())  # type: ignore[attr-defined]
    assert {name for name, _ in COMMITTED} | {"huge_page.pdf"} == committed


def test_a_file_with_the_wrong_extension_is_read_for_what_it_is() -> None:
    needs_extractor("x.pdf")
    resume = resumeparser.parse(HOSTILE / "really_a_pdf.docx")
    assert resume.meta.format == "pdf"
    assert "jane.sample@example.com" in resume.emails


def test_a_pdf_with_only_an_owner_password_reads_its_text() -> None:
    needs_extractor("x.pdf")
    assert "jane.sample@example.com" in resumeparser.parse(HOSTILE / "owner_password_only.pdf").emails


def test_a_form_that_draws_itself_does_not_stop_the_page() -> None:
    needs_extractor("x.pdf")
    assert "jane.sample@example.com" in resumeparser.parse(HOSTILE / "form_cycle.pdf").emails


def test_a_pdf_of_thousands_of_pages_is_refused_before_its_pages_are_read(tmp_path: Path) -> None:
    needs_extractor("x.pdf")
    path = tmp_path / "pages.pdf"
    path.write_bytes(make().make_many_pages_pdf(5000))  # type: ignore[attr-defined]
    assert outcome(path) == "file_too_large"
    assert outcome(path, Limits(max_pages=5000, timeout_seconds=0.0)) == "timeout"


def test_a_pdf_stream_that_inflates_past_the_limit_is_refused() -> None:
    bomb = make().make_flate_bomb_pdf(300)  # type: ignore[attr-defined]
    assert len(bomb) < 1024 * 1024
    assert outcome(bomb) == "file_too_large"
    assert outcome(make().make_flate_bomb_pdf(210, ascii85=True)) == "file_too_large"  # type: ignore[attr-defined]
    wrapped = make().make_flate_bomb_pdf(20, ascii85=True)  # type: ignore[attr-defined]
    with pytest.raises(ResumeParserError):
        preflight(wrapped, "pdf", Limits(max_pdf_stream_bytes=10 * 1024 * 1024))
    assert outcome(make().make_flate_bomb_pdf(1, ascii85=True)) == OK  # type: ignore[attr-defined]
    small = make().make_flate_bomb_pdf(20)  # type: ignore[attr-defined]
    with pytest.raises(ResumeParserError) as caught:
        preflight(small, "pdf", Limits(max_pdf_stream_bytes=10 * 1024 * 1024))
    assert caught.value.code == "file_too_large"
    preflight(small, "pdf", Limits(max_pdf_stream_bytes=30 * 1024 * 1024))


def test_a_huge_page_is_not_rendered_past_the_pixel_limit() -> None:
    needs_extractor("x.pdf")
    # no text layer: OCR would render 60000 x 60000 pixels at 300 DPI
    assert outcome(HOSTILE / "huge_page.pdf") == "file_too_large"


def test_a_one_line_50_mb_text_is_refused_by_size_and_then_by_characters(tmp_path: Path) -> None:
    path = tmp_path / "one_line.txt"
    path.write_bytes(make().make_one_line_txt(50 * 1024 * 1024))  # type: ignore[attr-defined]
    assert outcome(path) == "file_too_large"
    assert outcome(path, Limits(max_file_bytes=64 * 1024 * 1024)) == "file_too_large"


def test_a_zip_that_expands_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(make().make_zip_bomb_docx(300))  # type: ignore[attr-defined]
    assert path.stat().st_size < 2 * 1024 * 1024
    assert outcome(path) == "file_too_large"
    loose = Limits(max_zip_uncompressed_bytes=10**10, max_zip_ratio=10**6)
    with pytest.raises(ResumeParserError) as caught:
        preflight(path.read_bytes(), "docx", replace(loose, max_zip_uncompressed_bytes=100 * 1024 * 1024))
    assert caught.value.code == "file_too_large"
    preflight(path.read_bytes(), "docx", loose)  # the limits are what decide


def test_a_zip_with_too_many_members_is_refused() -> None:
    data = make().make_many_members_docx(300)  # type: ignore[attr-defined]
    with pytest.raises(ResumeParserError) as caught:
        preflight(data, "docx", Limits(max_zip_members=200))
    assert caught.value.code == "file_too_large"
    preflight(data, "docx", Limits())


def test_nesting_limit_is_settable() -> None:
    deep_rtf = make().make_deep_rtf(300)  # type: ignore[attr-defined]
    deep_html = make().make_deep_html(300)  # type: ignore[attr-defined]
    deep_utf16 = codecs.BOM_UTF16_LE + deep_html.decode().encode("utf-16-le")
    for data, fmt in ((deep_rtf, "rtf"), (deep_html, "html"), (deep_utf16, "html")):
        with pytest.raises(ResumeParserError):
            preflight(data, fmt, Limits())
        preflight(data, fmt, Limits(max_nesting_depth=400))


def test_html_nesting_ignores_comments_scripts_and_elements_that_close_themselves() -> None:
    body = b"<p>item" * 1000 + b"<br>" * 1000 + b"<!-- <div>" * 500 + b"-->" + b"<script>" + b"<div>" * 500
    preflight(b"<html><body>" + body + b"</script></body></html>", "html", Limits())


def test_image_pixel_limit_is_settable_and_applies_before_decoding() -> None:
    data = (HOSTILE / "bomb_80mp.png").read_bytes()
    with pytest.raises(ResumeParserError) as caught:
        preflight(data, "image", Limits())
    assert caught.value.code == "file_too_large"
    preflight(data, "image", Limits(max_image_pixels=80_000_000))
    with pytest.raises(ResumeParserError):
        preflight(make().make_png(), "image", Limits(max_image_pixels=1000))  # type: ignore[attr-defined]


def test_pil_global_bomb_limit_is_left_alone() -> None:
    from PIL import Image

    before = Image.MAX_IMAGE_PIXELS
    assert outcome(HOSTILE / "bomb_200mp.png", Limits(max_image_pixels=10**10)) == "file_too_large"
    assert Image.MAX_IMAGE_PIXELS == before


def test_a_truncated_doc_is_corrupt(tmp_path: Path) -> None:
    seed = SEEDS / "resume.doc"
    if not seed.exists():
        pytest.skip("no DOC seed (LibreOffice was absent when the fixtures were made)")
    needs_extractor("x.doc")
    data = seed.read_bytes()
    assert outcome(data[: len(data) // 2]) == "corrupt_document"
    assert outcome(data[:512] + bytes(len(data) - 512)) == "corrupt_document"


def test_an_image_named_doc_and_a_docx_without_its_document_part() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/styles.xml", "<w:styles/>")
    assert outcome(buffer.getvalue()) == "unsupported_format"
    assert outcome((SEEDS / "resume.png").read_bytes()[:100], filename="cv.doc") == "corrupt_document"


@pytest.mark.parametrize("name", ["resume.pdf", "resume.docx", "resume.odt", "resume.html", "resume.rtf", "resume.txt"])
def test_the_text_limit_applies_to_every_format(name: str) -> None:
    needs_extractor(name)
    path = SEEDS / name
    assert outcome(path) == OK
    assert outcome(path, Limits(max_text_chars=100)) == "file_too_large"


def test_link_targets_that_are_not_urls_are_dropped() -> None:
    from resumeparser.document import Document, Line, Page
    from resumeparser.guard import check_extracted, is_url

    assert is_url("https://example.com/in/jane") and is_url("mailto:jane@example.com")
    assert not is_url("https://[broken/profile") and not is_url("https://exa mple.com") and not is_url("x" * 3000)
    line = Line.plain("Jane Sample")
    line.links = ["https://example.com/jane", "https://linke[d"]
    doc = check_extracted(Document(pages=[Page(number=1, lines=[line])], format="html",
                                   links=["http://[::1", "https://example.com/jane"]), Limits())
    assert doc.links == ["https://example.com/jane"]
    assert doc.lines[0].links == ["https://example.com/jane"]
