"""Images (PNG, JPEG, TIFF with all its pages, BMP, GIF, WEBP): OCR with Tesseract, one page per frame.

The pixel count is checked before decoding (Pillow opens lazily). Word boxes are converted to points using
the image's DPI (or a guess from its size), so the layout rules work as for PDFs.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from ..document import Document, Page
from ..errors import CorruptDocument, FileTooLarge, OcrUnavailable
from ..options import Deadline, ParseOptions
from .layout import lines_from_words
from .ocr import ocr_words, restore_bullets


def extract(data: bytes, options: ParseOptions, deadline: Deadline) -> Document:
    if options.ocr == "never":
        raise OcrUnavailable("the document is an image and OCR is disabled by the options")
    limits = options.limits
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise FileTooLarge(f"the image is too large to decode: {exc}") from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise CorruptDocument(f"the image could not be read: {exc}") from exc
    with image:
        frames = getattr(image, "n_frames", 1)
        if frames > limits.max_pages:
            raise FileTooLarge(f"{frames} pages is over the limit of {limits.max_pages}")
        if image.width * image.height > limits.max_image_pixels:
            raise FileTooLarge(
                f"{image.width}x{image.height} pixels is over the limit of {limits.max_image_pixels}"
            )
        pages: list[Page] = []
        # animated GIF/WEBP frames are one picture, TIFF pages are pages
        count = frames if image.format == "TIFF" else 1
        for index in range(count):
            deadline.check("OCR")
            image.seek(index)
            try:
                frame = ImageOps.exif_transpose(image.copy())
            except (OSError, ValueError) as exc:
                raise CorruptDocument(f"the image could not be decoded: {exc}") from exc
            if frame.width * frame.height > limits.max_image_pixels:
                raise FileTooLarge(f"page {index + 1} is over the limit of {limits.max_image_pixels} pixels")
            frame = _flatten(frame)
            dpi = _dpi(frame, image.info.get("dpi"))
            words, confidence = ocr_words(frame, options, deadline, dpi=dpi)
            to_points = 72.0 / dpi
            for word in words:
                word.x0, word.x1, word.top, word.bottom = (
                    v * to_points for v in (word.x0, word.x1, word.top, word.bottom)
                )
            lines = lines_from_words(words, index + 1, frame.height * to_points)
            restore_bullets(lines)
            pages.append(
                Page(
                    number=index + 1,
                    lines=lines,
                    width=frame.width * to_points,
                    height=frame.height * to_points,
                    ocr=True,
                    ocr_confidence=confidence,
                    pixels_per_point=dpi / 72.0,
                )
            )
    return Document(pages=pages, format="image")


def _flatten(frame: Image.Image) -> Image.Image:
    """Transparent or palette images on white, as greyscale (what Tesseract reads best)."""
    if frame.mode in ("RGBA", "LA", "P", "PA"):
        rgba = frame.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(background, rgba)
    return frame.convert("L")


def _dpi(frame: Image.Image, declared: object) -> float:
    """The DPI the file declares when it is plausible, else a guess: the longer side is 11 inches of paper."""
    if isinstance(declared, tuple) and declared and isinstance(declared[0], (int, float)) and 50 <= declared[0] <= 1200:
        guess = max(frame.width, frame.height) / 11.0
        # screenshots declare 72 or 96 DPI whatever their size; trust the declaration only near the guess
        if 0.5 * guess <= float(declared[0]) <= 2 * guess:
            return float(declared[0])
    return max(max(frame.width, frame.height) / 11.0, 30.0)
