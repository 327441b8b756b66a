"""Plain text: encoding detected from BOMs, then UTF-8, then charset-normalizer's best guess."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..document import Document
from ..errors import FileTooLarge
from ..options import Deadline, ParseOptions

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace")


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    text = decode_text(data)
    if len(text) > options.limits.max_text_chars:
        raise FileTooLarge(f"{len(text)} characters of text is over the limit of {options.limits.max_text_chars}")
    return Document.from_text(text, format="txt")
