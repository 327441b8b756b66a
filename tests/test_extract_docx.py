from __future__ import annotations

import io
import re
import zipfile

import pytest

import resumeparser
from resumeparser.detect import detect_format
from resumeparser.errors import CorruptDocument
from resumeparser.extract import extract
from resumeparser.normalize import normalize
from resumeparser.options import Deadline, ParseOptions

from ._make_docs import contact_docx
from .conftest import FIXTURES


def _read(data: bytes):
    return normalize(extract(data, "docx", ParseOptions(), Deadline(30)))


def test_header_table_text_box_content_control_and_hyperlink() -> None:
    doc = _read(contact_docx())
    texts = [line.text for line in doc.lines]
    assert texts[0] == "Phone +1 555 010 2000"  # page header first
    assert "robin.sample@example.org" in texts  # table cell
    assert texts.index("Email") + 1 == texts.index("robin.sample@example.org")  # cell by cell
    assert texts.count("Merged cell text") == 1  # a merged cell is read once
    assert texts.count("Lives in Lisbon") == 1  # text box, without its VML fallback copy
    assert "Engineer at Example Works" in texts  # content control
    assert doc.links == ["https://www.linkedin.com/in/robin-sample"]
    profile = next(line for line in doc.lines if line.text.startswith("Profile"))
    assert profile.links == ["https://www.linkedin.com/in/robin-sample"]
    # document order: the text box follows the paragraph that anchors it
    assert texts.index("Profile LinkedIn") < texts.index("Lives in Lisbon") < texts.index("Experience")


def test_bold_and_size_from_runs_and_styles() -> None:
    doc = _read(contact_docx())
    name = next(line for line in doc.lines if line.text == "Robin Sample")
    assert name.bold and name.font_size == 20
    heading = next(line for line in doc.lines if line.text == "Experience")
    assert heading.bold
    cell = next(line for line in doc.lines if line.text == "Email")
    assert not cell.bold


def test_broken_docx_is_corrupt() -> None:
    data = contact_docx()
    with pytest.raises(CorruptDocument):
        extract(data[: len(data) // 2], "docx", ParseOptions(), Deadline(30))


def test_a_header_shown_only_after_the_first_page_comes_after_the_body() -> None:
    import io

    import docx

    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Morgan Example, morgan@example.com"
    section.header.paragraphs[0].text = "Morgan Example, page two"
    document.add_paragraph("Experience")
    out = io.BytesIO()
    document.save(out)
    texts = [line.text for line in _read(out.getvalue()).lines]
    assert texts == ["Morgan Example, morgan@example.com", "Experience", "Morgan Example, page two"]


_TRANSITIONAL_NAMESPACE = re.compile(rb"http://schemas\.openxmlformats\.org/(officeDocument|wordprocessingml|drawingml)/2006/([\w-]+)")


def _to_strict(data: bytes) -> bytes:
    """A DOCX rewritten as ISO/IEC 29500 Strict: its namespaces and relationship types under purl.oclc.org."""
    def strict(match: re.Match[bytes]) -> bytes:
        group, name = match.groups()
        name = {b"extended-properties": b"extendedProperties", b"custom-properties": b"customProperties"}.get(
            name, name)
        return b"http://purl.oclc.org/ooxml/" + group + b"/" + name

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                payload = _TRANSITIONAL_NAMESPACE.sub(strict, payload)
                payload = payload.replace(b"/relationships/extended-properties", b"/relationships/extendedProperties")
            target.writestr(info, payload)
    return out.getvalue()


@pytest.mark.parametrize("fixture", ["en_one_column_us", "en_textbox_nl", "en_table_ca"])
def test_strict_open_xml_reads_like_the_transitional_document(fixture: str) -> None:
    plain = (FIXTURES / "generated" / fixture / "resume.docx").read_bytes()
    strict = _to_strict(plain)
    assert b"purl.oclc.org/ooxml/wordprocessingml/main" in zipfile.ZipFile(io.BytesIO(strict)).read("word/document.xml")
    assert b"schemas.openxmlformats.org/wordprocessingml" not in zipfile.ZipFile(io.BytesIO(strict)).read(
        "word/document.xml")
    assert detect_format(strict) == "docx"
    ours, theirs = resumeparser.parse(plain), resumeparser.parse(strict)
    assert ours.name is not None and ours.work
    assert ours.model_dump(exclude={"meta"}) == theirs.model_dump(exclude={"meta"})
    assert [line.text for line in _read(strict).lines] == [line.text for line in _read(plain).lines]
