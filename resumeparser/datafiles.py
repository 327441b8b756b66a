"""The package's data files (`resumeparser/data/`, sources in its SOURCES.md).

Read through importlib.resources from this package's own name, so a vendored copy finds its own data.
A name ending in `.gz` is decompressed on the way.
"""

from __future__ import annotations

import gzip
import json
from importlib import resources
from typing import Any


def read_bytes(name: str) -> bytes:
    data = resources.files(__package__ or "resumeparser").joinpath("data", name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def read_text(name: str) -> str:
    return read_bytes(name).decode("utf-8")


def read_json(name: str) -> Any:
    return json.loads(read_bytes(name))


def read_rows(name: str) -> list[str]:
    """The non-blank lines of a list file, without `#` comments."""
    return [row for row in read_text(name).splitlines() if row.strip() and not row.startswith("#")]
