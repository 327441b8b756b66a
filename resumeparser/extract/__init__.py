"""Extraction: bytes of one format -> one `Document` in reading order.

Each format lives in its own module with the same interface, `extract(data, options, deadline) -> Document`;
modules load lazily so a missing optional tool only affects its own format.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from ..document import Document
from ..errors import UnsupportedFormat
from ..guard import check_extracted
from ..options import Deadline, ParseOptions

_MODULES = {
    "pdf": "pdf",
    "docx": "docx",
    "doc": "doc",
    "rtf": "rtf",
    "txt": "text",
    "odt": "odt",
    "html": "html",
    "image": "image",
}


class Extractor(Protocol):
    def __call__(self, data: bytes, options: ParseOptions, deadline: Deadline) -> Document: ...


def extract(data: bytes, fmt: str, options: ParseOptions, deadline: Deadline) -> Document:
    module_name = _MODULES.get(fmt)
    if module_name is None:
        raise UnsupportedFormat(f"no extractor for format {fmt!r}")
    module = importlib.import_module(f".{module_name}", __name__)
    extractor: Extractor = module.extract
    return check_extracted(extractor(data, options, deadline), options.limits)
