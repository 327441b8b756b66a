"""Detect a document's format from its bytes. The file name is only a hint, used to break ties."""

from __future__ import annotations

import io
import zipfile
import zlib

from .errors import CorruptDocument, EmptyDocument, EncryptedDocument, UnsupportedFormat

FORMATS = ("pdf", "docx", "doc", "rtf", "txt", "odt", "html", "image")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC: tuple[tuple[bytes, int], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0),
    (b"\xff\xd8\xff", 0),
    (b"GIF87a", 0),
    (b"GIF89a", 0),
    (b"II*\x00", 0),
    (b"MM\x00*", 0),
    (b"BM", 0),
)


def detect_format(data: bytes, filename: str | None = None) -> str:
    """Return one of FORMATS, or raise a typed error when the bytes are none of them."""
    if not data or not data.strip():
        raise EmptyDocument("the file is empty")
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _detect_zip(data)
    if head.startswith(_OLE):
        return _detect_ole(data)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    for magic, offset in _IMAGE_MAGIC:
        if head[offset : offset + len(magic)] == magic:
            if magic == b"BM" and not _looks_like_bmp(head):
                continue
            return "image"
    text = _sniff_text(head)
    if text is None:
        raise UnsupportedFormat("not a resume format this parser reads (binary data of unknown type)")
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html")):
        return "html"
    if lowered.startswith("mime-version:") and "text/html" in lowered:
        return "html"  # a single-file web page (MHTML), as Word saves "Web Page" resumes, often named .doc
    if lowered.startswith("<") and any(tag in lowered for tag in _HTML_TAGS):
        return "html"  # a fragment or XHTML: markup first, and tags only HTML has
    if filename and filename.lower().endswith((".html", ".htm", ".xhtml")) and "<" in lowered:
        return "html"
    return "txt"


_HTML_TAGS = ("<html", "<body", "<head", "<meta ", "<div", "<p>", "<table", "<h1", "<ul")


def _looks_like_bmp(head: bytes) -> bool:
    # "BM" is also how plain text can start; a real BMP has a known DIB header size at offset 14.
    return len(head) >= 18 and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 64, 108, 124)


def _detect_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names:
                with archive.open("[Content_Types].xml") as member:
                    types = member.read(100_000)  # bounded: the ZIP guard runs after detection
                if b"wordprocessingml.document.main" in types:
                    return "docx"  # the main part under another name
            if "content.xml" in names and "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100)
                if b"opendocument.text" in mimetype:
                    return "odt"
                raise UnsupportedFormat(f"an OpenDocument file that is not text ({mimetype.decode(errors='replace')})")
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, RuntimeError, NotImplementedError, zlib.error) as exc:
        # zipfile reports damaged archives through many exception types (a negative seek, a bad deflate stream)
        raise CorruptDocument(f"a broken ZIP container: {exc}") from exc
    raise UnsupportedFormat("a ZIP archive that is not a DOCX or ODT document")


def _detect_ole(data: bytes) -> str:
    # OLE2 directory entries store stream names in UTF-16LE.
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedDocument("a password-protected Office document")
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if _ole_broken(data):
        raise CorruptDocument("a truncated or corrupt OLE2 (Office 97-2003) file: its directory is missing")
    raise UnsupportedFormat("an OLE2 (Office 97-2003) file that is not a Word document")


def _ole_broken(data: bytes) -> bool:
    """True when the directory, which starts with the "Root Entry", is not where the header says."""
    if len(data) < 512:
        return True
    # header: sector size as a power of two at offset 30, first directory sector at offset 48
    sector = 1 << min(int.from_bytes(data[30:32], "little"), 16)
    start = 512 + int.from_bytes(data[48:52], "little") * sector
    return not data[start : start + 20] == "Root Entry".encode("utf-16-le")


def _sniff_text(head: bytes) -> str | None:
    """Decode the head as text if it plausibly is text; None for binary data."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if head.count(b"\x00") > len(head) // 10:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the 2 KB window is still text
        text = head[: exc.start].decode("utf-8") if exc.start > len(head) - 4 else head.decode("latin-1")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f\x0b")
    return None if controls > max(2, len(text) // 50) else text
