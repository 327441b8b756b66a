"""Read a source (path, bytes or binary file object) into bytes, under the size limit."""

from __future__ import annotations

import os
from typing import BinaryIO, Union

from .errors import EmptyDocument, FileTooLarge, SourceNotFound, UnsupportedFormat
from .options import Limits

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, BinaryIO]


def read_source(source: Source, limits: Limits, filename: str | None = None) -> tuple[bytes, str | None]:
    """Return the bytes and the best file name known for them."""
    cap = limits.max_file_bytes
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        filename = filename or os.path.basename(path)
        try:
            if os.path.isdir(path):
                raise UnsupportedFormat("a directory, not a file", source=path)
            size = os.path.getsize(path)
            if size > cap:
                raise FileTooLarge(f"{size} bytes is over the limit of {cap}", source=filename)
            with open(path, "rb") as handle:
                data = handle.read(cap + 1)
        except FileNotFoundError as exc:
            raise SourceNotFound("no such file", source=path) from exc
        except PermissionError as exc:
            raise SourceNotFound("the file cannot be opened (permission denied)", source=path) from exc
    elif hasattr(source, "read"):
        data = source.read(cap + 1)
        if not isinstance(data, (bytes, bytearray)):
            raise UnsupportedFormat("file objects must be opened in binary mode")
        data = bytes(data)
        filename = filename or _name_of(source)
    else:
        raise TypeError(f"cannot parse a {type(source).__name__}: pass a path, bytes or a binary file object")
    if len(data) > cap:
        raise FileTooLarge(f"over the limit of {cap} bytes", source=filename)
    if not data:
        raise EmptyDocument("the file is empty", source=filename)
    return data, filename


def _name_of(handle: object) -> str | None:
    name = getattr(handle, "name", None)
    return os.path.basename(name) if isinstance(name, str) else None
