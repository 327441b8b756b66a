"""DOC (Word 97-2003): antiword, run as a subprocess (a few milliseconds a document).

antiword's DocBook output (`-x db`) is read rather than its plain text: it keeps table rows and cells apart
(the plain text interleaves the lines of side-by-side cells), marks list items and bold. Inside a para or a
table entry each line of text is one paragraph of the document. A missing antiword is a clear
`UnsupportedFormat`, a file it refuses is corrupt.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from typing import Any

from lxml import etree

from ..document import BULLET, Document, Line, Page, Span
from ..errors import CorruptDocument, EmptyDocument, EncryptedDocument, FileTooLarge, ParseTimeout, UnsupportedFormat
from ..options import Deadline, ParseOptions

_BREAKS = {"para", "entry", "row", "listitem", "title", "informaltable", "table", "itemizedlist", "orderedlist"}
_SKIP = {"bookinfo", "footnote"}


@functools.cache
def antiword_path() -> str | None:
    return shutil.which("antiword")


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    output = _run_antiword(data, deadline)
    if len(output) > options.limits.max_text_chars * 4:
        raise FileTooLarge(f"{len(output)} bytes of text is over the limit of {options.limits.max_text_chars}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(output, parser)
    except etree.XMLSyntaxError as exc:
        raise CorruptDocument(f"antiword gave unreadable output: {exc}") from exc
    if root is None:
        raise CorruptDocument("antiword gave no output")
    lines: list[Line] = []
    spans: list[Span] = []
    bullet = [False]  # a list item started: its first text line gets the bullet

    def close() -> None:
        if any(s.text.strip() for s in spans):
            lines.append(Line(spans=list(spans)))
        spans.clear()

    def add(text: str, bold: bool) -> None:
        for index, part in enumerate(text.split("\n")):
            if index:
                close()
            if not part or (not spans and not part.strip()):
                continue
            if not spans and bullet[0]:
                spans.append(Span(text=BULLET + " "))
                bullet[0] = False
            if spans and spans[-1].bold == bold:
                spans[-1].text += part
            else:
                spans.append(Span(text=part, bold=bold))

    def walk(element: Any, bold: bool, depth: int) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP or depth > options.limits.max_nesting_depth:
            return
        if tag == "title" and depth == 1:
            return  # the book title is the document's Title property, not its text
        if tag in _BREAKS:
            close()
        if tag == "emphasis" and element.get("role") == "bold":
            bold = True
        if tag == "listitem":
            bullet[0] = True
        if element.text:
            add(element.text, bold)
        for child in element:
            walk(child, bold, depth + 1)
            if child.tail:
                add(child.tail, bold)
        if tag in _BREAKS:
            close()

    walk(root, False, 0)
    close()
    return Document(pages=[Page(number=1, lines=lines)], format="doc")


def _run_antiword(data: bytes, deadline: Deadline) -> bytes:
    exe = antiword_path()
    if exe is None:
        raise UnsupportedFormat("reading Word 97-2003 .doc files needs antiword, which is not installed")
    # antiword reads a named file, not standard input
    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(data)
        handle.flush()
        try:
            result = subprocess.run(
                [exe, "-x", "db", "-w", "0", "-m", "UTF-8.txt", handle.name],
                capture_output=True,
                timeout=deadline.remaining(),
                check=False,
                env=dict(os.environ, LC_ALL="C.UTF-8"),
            )
        except subprocess.TimeoutExpired as exc:
            raise ParseTimeout("antiword took longer than the time limit") from exc
        name = handle.name
    message = result.stderr.decode("utf-8", errors="replace").strip().replace(name, "the file")
    if result.returncode != 0 or not result.stdout.strip():
        if "encrypt" in message.lower():
            raise EncryptedDocument("a password-protected Word document")
        if "too small" in message.lower():
            raise EmptyDocument("the document holds too little text for antiword to read (a few lines at most)")
        raise CorruptDocument(f"antiword could not read the document: {message or 'no output'}")
    return result.stdout
