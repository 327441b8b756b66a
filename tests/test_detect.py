from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from resumeparser.detect import detect_format
from resumeparser.errors import CorruptDocument, EmptyDocument, EncryptedDocument, UnsupportedFormat

from ._make_docs import contact_docx


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "TIFF", "BMP", "WEBP"])
def test_images_by_magic_number(fmt: str) -> None:
    assert detect_format(_image(fmt), "cv.txt") == "image"


def test_the_bytes_win_over_the_name() -> None:
    assert detect_format(contact_docx(), "resume.pdf") == "docx"
    assert detect_format(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "resume.docx") == "pdf"
    assert detect_format(b"{\\rtf1\\ansi Hello}", "resume.doc") == "rtf"


def test_odt_and_other_zip_containers() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    assert detect_format(out.getvalue()) == "odt"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photo.jpg", b"not really")
    with pytest.raises(UnsupportedFormat):
        detect_format(out.getvalue(), "cv.docx")


def test_docx_main_part_under_another_name() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/main.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
    assert detect_format(out.getvalue()) == "docx"


def test_password_protected_office_file_is_encrypted() -> None:
    # an encrypted DOCX is an OLE2 container whose streams are EncryptionInfo and EncryptedPackage
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(EncryptedDocument):
        detect_format(header + directory, "cv.docx")
    word = header + "WordDocument".encode("utf-16-le")
    assert detect_format(word, "cv.bin") == "doc"


def test_html_text_and_garbage() -> None:
    assert detect_format(b"<!DOCTYPE html><html><body>Hi</body></html>") == "html"
    assert detect_format(b"  <div><p>Jane Doe</p></div>") == "html"
    assert detect_format("Jane Doe\nEngineer".encode("utf-16")) == "txt"
    assert detect_format("Zoë Müller, Köln".encode("cp1252")) == "txt"
    with pytest.raises(UnsupportedFormat):
        detect_format(bytes(range(256)) * 8)
    with pytest.raises(EmptyDocument):
        detect_format(b"  \n ")
    with pytest.raises(CorruptDocument):
        detect_format(b"PK\x03\x04" + b"\x00" * 100)


def test_truncated_word_97_file_is_corrupt() -> None:
    from .conftest import FIXTURES

    path = FIXTURES / "generated" / "en_table_ca" / "resume.doc"
    if not path.exists():
        pytest.skip("fixtures/generated is absent")
    data = path.read_bytes()
    assert detect_format(data) == "doc"
    with pytest.raises(CorruptDocument):
        detect_format(data[: len(data) // 2])
