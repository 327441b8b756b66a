"""Checks that run on the raw bytes before extraction, so hostile input is refused cheaply and early."""

from __future__ import annotations

import io
import zipfile

from .errors import CorruptDocument, FileTooLarge
from .options import Limits


def preflight(data: bytes, fmt: str, limits: Limits) -> None:
    """Raise a typed error when the input would exceed a limit once expanded."""
    if fmt in ("docx", "odt"):
        check_zip_container(data, limits)


def check_zip_container(data: bytes, limits: Limits) -> None:
    """Refuse ZIP bombs: the declared uncompressed size and the compression ratio are both capped."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise CorruptDocument(f"a broken ZIP container: {exc}") from exc
    total = sum(info.file_size for info in infos)
    if total > limits.max_zip_uncompressed_bytes:
        raise FileTooLarge(f"expands to {total} bytes, over the limit of {limits.max_zip_uncompressed_bytes}")
    packed = sum(info.compress_size for info in infos) or 1
    if total > 10 * 1024 * 1024 and total / packed > limits.max_zip_ratio:
        raise FileTooLarge(f"compression ratio {total / packed:.0f} is over the limit of {limits.max_zip_ratio:g}")
