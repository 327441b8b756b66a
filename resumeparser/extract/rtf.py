"""RTF: striprtf turns the markup into plain text, one paragraph per line; table cells arrive separated by `|`."""

from __future__ import annotations

import re

from striprtf.striprtf import rtf_to_text

from ..document import Document, Line, Page
from ..errors import FileTooLarge
from ..options import Deadline, ParseOptions

# striprtf drops field instructions, where hyperlink targets live: {\field{\*\fldinst HYPERLINK "url"}...}
_CONTAINERS = re.compile(r"(?:\\\*)?\\(?:shpinst|shptxt|shp|header[lrf]?|footer[lrf]?)(?![a-z]) ?")
_HYPERLINK = re.compile(r'HYPERLINK\s+"([^"\\]+)"')


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    # RTF is 7-bit; characters outside ASCII come as escapes that striprtf decodes with the declared code page
    source = _unwrap_shape_text(data.decode("latin-1"))
    # striprtf writes table cells as "|": a literal "|" of the text is parked on a private-use character
    text = rtf_to_text(source.replace("|", "\\u57344?"), errors="replace")
    if len(text) > options.limits.max_text_chars:
        raise FileTooLarge(f"{len(text)} characters of text is over the limit of {options.limits.max_text_chars}")
    lines: list[Line] = []
    for raw in text.splitlines():
        cells = [cell.strip() for cell in raw.split("|")] if "|" in raw else [raw]
        lines.extend(Line.plain(cell.replace("\ue000", "|")) for cell in cells if cell.strip())
    links = list(dict.fromkeys(m.group(1) for m in _HYPERLINK.finditer(source)))
    return Document(pages=[Page(number=1, lines=lines)], format="rtf", links=links)


def _unwrap_shape_text(source: str) -> str:
    """Let striprtf read text boxes and page headers/footers.

    striprtf skips the groups `\\shp`/`\\shpinst`/`\\shptxt` (where a text box keeps its text) and
    `\\header`/`\\footer` whole. Removing those control words (and a `\\*` before them) leaves their
    text readable; shape properties (`\\sp`, `\\sn`, `\\sv`) and the fallback copy (`\\shprslt`) stay skipped.
    """
    return _CONTAINERS.sub("", source)
