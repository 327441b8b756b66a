"""Plain-text views of a rendered document: the same resume as a .txt file or pasted text would give it.

The corpus renders PDFs, HTML and office files; people also send plain text (a "Save as text", a
pandoc or job-board export, text pasted into a form), and callers pass text to `parse_text`. There the
tagger sees no fonts, no indentation and no positions, only the lines. A text view keeps the rendered
document's lines and drops everything else, so the model also learns entries from the words alone, and the
harness can measure held-out layouts the same way.

Two styles, as plain-text exports write them:
- `lines`: one line per line; a blank line where the page showed a gap (a new block or paragraph);
- `spaced`: a blank line after every line (pandoc's plain writer, many job-board exports).
"""

from __future__ import annotations

import hashlib

from resumeparser.document import Document, Line

STYLES = ("lines", "spaced")


def _gap_above(prev: Line | None, line: Line) -> bool:
    """A visible gap above the line: more than half a line of space (PDF, OCR), or a new page."""
    if prev is None or prev.bbox is None or line.bbox is None:
        return False
    if prev.page != line.page:
        return True
    height = max(prev.bbox[3] - prev.bbox[1], 1.0)
    return line.bbox[1] - prev.bbox[3] > 0.5 * height


def text_view(doc: Document, style: str) -> str:
    """The document's text as a plain-text file of the given style (see `STYLES`) would hold it."""
    if style not in STYLES:
        raise ValueError(f"unknown text view style {style!r}; expected one of {STYLES}")
    out: list[str] = []
    prev: Line | None = None
    for line in doc.lines:
        text = line.text
        if not text:
            if out and out[-1]:
                out.append("")
            continue
        if style == "lines" and out and out[-1] and _gap_above(prev, line):
            out.append("")
        out.append(text)
        if style == "spaced":
            out.append("")
        prev = line
    return "\n".join(out).strip() + "\n"


def style_for(key: str) -> str:
    """A style chosen by a stable hash of `key` (a document id), so every run picks the same one."""
    return STYLES[hashlib.sha1(key.encode()).digest()[0] % len(STYLES)]
