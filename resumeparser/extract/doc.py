"""DOC (Word 97-2003): antiword, run as a subprocess (about 2 ms a document).

antiword writes one paragraph per line with `-w 0`; its table rows come out as `|cell|cell|`, split here
into one line per cell. A missing antiword is a clear `UnsupportedFormat`, a file it refuses is corrupt.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile

from ..document import Document, Line, Page
from ..errors import CorruptDocument, EncryptedDocument, ParseTimeout, UnsupportedFormat
from ..options import Deadline, ParseOptions


@functools.cache
def antiword_path() -> str | None:
    return shutil.which("antiword")


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    exe = antiword_path()
    if exe is None:
        raise UnsupportedFormat("reading Word 97-2003 .doc files needs antiword, which is not installed")
    # antiword reads a named file, not standard input
    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(data)
        handle.flush()
        try:
            result = subprocess.run(
                [exe, "-w", "0", "-m", "UTF-8.txt", handle.name],
                capture_output=True,
                timeout=deadline.remaining(),
                check=False,
                env=dict(os.environ, LC_ALL="C.UTF-8"),
            )
        except subprocess.TimeoutExpired as exc:
            raise ParseTimeout("antiword took longer than the time limit") from exc
    message = result.stderr.decode("utf-8", errors="replace").strip()
    if result.returncode != 0:
        if "encrypt" in message.lower():
            raise EncryptedDocument("a password-protected Word document")
        raise CorruptDocument(f"antiword could not read the document: {message.replace(handle.name, 'file')}")
    text = result.stdout.decode("utf-8", errors="replace")
    if len(text) > options.limits.max_text_chars:
        from ..errors import FileTooLarge

        raise FileTooLarge(f"{len(text)} characters of text is over the limit of {options.limits.max_text_chars}")
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        lines: list[Line] = []
        for raw in chunk.splitlines():
            if raw.startswith("|") and raw.rstrip().endswith("|"):
                lines.extend(Line.plain(cell.strip(), page=number) for cell in raw.strip().strip("|").split("|")
                             if cell.strip())
            elif raw.strip():
                lines.append(Line.plain(raw, page=number))
        pages.append(Page(number=number, lines=lines))
    return Document(pages=pages, format="doc")
