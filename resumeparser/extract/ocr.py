"""OCR with Tesseract, shared by images and scanned PDF pages: an image -> positioned words with confidences.

Tesseract runs as a subprocess with `OMP_THREAD_LIMIT=1` (2.7 times faster on a small shared machine than
letting OpenMP spawn threads). The call is made directly rather than through pytesseract because pytesseract
passes the process environment as is and the variable must not be set for the whole host process.
The TSV output gives word boxes, confidences and block/paragraph/line numbers. Page segmentation mode 11
(sparse text) is used because the reading order is rebuilt from the word boxes by `layout` anyway, and
Tesseract's own column analysis (mode 3) merged lines of neighbouring columns on clean two-column pages.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess

from PIL import Image

from ..document import BULLET, Line
from ..errors import OcrUnavailable, ParseTimeout
from ..options import Deadline, ParseOptions
from .layout import Word

_SEPARATOR_LOOKALIKES = frozenset({"¢", "«", "»", "©", "®", "*"})
_BULLET_LOOKALIKES = _SEPARATOR_LOOKALIKES | {"°", "e", "@", "+", "·", "o"}
_TARGET_DPI = 300
_MIN_DPI = 200


@functools.cache
def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def tesseract_available() -> bool:
    return tesseract_path() is not None


def ocr_words(
    image: Image.Image, options: ParseOptions, deadline: Deadline, dpi: float | None = None
) -> tuple[list[Word], float | None]:
    """Words with boxes in the image's own pixel coordinates, and the mean word confidence (0..1).

    A low-resolution image (below ~200 DPI, judged from `dpi` or from its size against an A4/Letter page) is
    upscaled to ~300 DPI first; boxes are scaled back.
    """
    exe = tesseract_path()
    if exe is None:
        raise OcrUnavailable("Tesseract is not installed (needed to read scanned pages and images)")
    if not dpi or dpi <= 0:
        dpi = max(image.width, image.height) / 11.0  # no usable DPI: the longer side is 11 inches of paper
    scale = _upscale_factor(dpi)
    if scale > 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    resolution = max(70, round(dpi * scale))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    remaining = deadline.remaining()
    command = [exe, "stdin", "stdout", "-l", options.ocr_languages, "--dpi", str(resolution), "--psm", "11", "tsv"]
    try:
        result = subprocess.run(
            command, input=buffer.getvalue(), capture_output=True, env=env, timeout=remaining, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise ParseTimeout("OCR took longer than the time limit") from exc
    except OSError as exc:
        raise OcrUnavailable(f"Tesseract could not be run: {exc}") from exc
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip().splitlines()
        raise OcrUnavailable(f"Tesseract failed: {message[-1] if message else result.returncode}")
    return _parse_tsv(result.stdout.decode("utf-8", errors="replace"), scale)


def _upscale_factor(dpi: float) -> float:
    if dpi >= _MIN_DPI:
        return 1.0
    return min(_TARGET_DPI / dpi, 4.0)


def _parse_tsv(tsv: str, scale: float) -> tuple[list[Word], float | None]:
    words: list[Word] = []
    confidences: list[float] = []
    last_key: tuple[str | None, ...] = ()
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            conf = float(row["conf"])
            left, top, width, height = (float(row[k]) / scale for k in ("left", "top", "width", "height"))
        except (KeyError, ValueError):
            continue
        if conf < 0:
            continue
        confidences.append(conf / 100.0)
        key = (row.get("block_num"), row.get("par_num"), row.get("line_num"))
        if words and key == last_key and _joins_address(words[-1].text, text):
            # Tesseract tends to put a space before the @ of an e-mail address
            prev = words[-1]
            prev.text += text
            prev.x1 = max(prev.x1, left + width)
            prev.top, prev.bottom = min(prev.top, top), max(prev.bottom, top + height)
            continue
        last_key = key
        words.append(Word(text=text, x0=left, top=top, x1=left + width, bottom=top + height,
                          confidence=conf / 100.0))
    mean = sum(confidences) / len(confidences) if confidences else None
    return words, mean


def _joins_address(before: str, after: str) -> bool:
    return (after.startswith("@") and len(after) > 1 and before[-1:].isalnum()) or (
        before.endswith("@") and len(before) > 1 and after[:1].isalnum()
    )


def restore_bullets(lines: list[Line]) -> None:
    """Tesseract reads a bullet glyph as a look-alike ("¢", "«", "e" at the start of a line; "¢", "«" between
    contact details): put the bullet back."""
    for line in lines:
        for index, span in enumerate(line.spans):
            tokens = span.text.split(" ")
            for position, token in enumerate(tokens):
                at_start = index == 0 and position == 0 and len(tokens) > 1
                if token in _SEPARATOR_LOOKALIKES or (at_start and token in _BULLET_LOOKALIKES):
                    tokens[position] = BULLET
            span.text = " ".join(tokens)
