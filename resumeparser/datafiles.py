"""The package's data files (`resumeparser/data/`, sources in its SOURCES.md).

Read through importlib.resources from this package's own name, so a vendored copy finds its own data.
A name ending in `.gz` is decompressed on the way.
"""

from __future__ import annotations

import functools
import gc
import gzip
import json
from collections.abc import Callable
from importlib import resources
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def gc_paused(func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` with the cyclic garbage collector paused.

    Building a table of tens of thousands of objects (a parsed JSON file, the gazetteer) sets off collections that
    each walk every object alive; none of what is built is garbage, so they only cost time (about a third of the
    gazetteer's build). The collector is switched back on only when it was on before.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper


def read_bytes(name: str) -> bytes:
    data = resources.files(__package__ or "resumeparser").joinpath("data", name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def read_text(name: str) -> str:
    return read_bytes(name).decode("utf-8")


@gc_paused
def read_json(name: str) -> Any:
    return json.loads(read_bytes(name))


def read_rows(name: str) -> list[str]:
    """The non-blank lines of a list file, without `#` comments."""
    return [row for row in read_text(name).splitlines() if row.strip() and not row.startswith("#")]
