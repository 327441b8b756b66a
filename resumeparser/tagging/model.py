"""The trained entry tagger: two linear-chain CRFs (python-crfsuite) shipped in `data/tagger/`.

The line model labels each line of an experience or education section with its role (`B-` marks an
entry's first line); the token model labels the tokens of header lines with their field. Models load once
per thread from the package's bytes (a CRFsuite tagger keeps the last sequence for its marginals, so
threads never share one). The recipe that trains them is `models/entries/` in the repository.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..datafiles import read_bytes, read_json

_local = threading.local()

LINE_MODEL = "tagger/lines.crfsuite"
TOKEN_MODEL = "tagger/tokens.crfsuite"


@cache
def meta() -> dict[str, Any]:
    """The models' card: version, training data and layouts, held-out layouts, label sets, config
    (`data/tagger/meta.json`)."""
    try:
        return dict(read_json("tagger/meta.json"))
    except (FileNotFoundError, OSError):
        return {}


@cache
def _model_bytes(name: str) -> bytes:
    return read_bytes(name)


def available() -> bool:
    try:
        _model_bytes(LINE_MODEL)
        _model_bytes(TOKEN_MODEL)
    except (FileNotFoundError, OSError):
        return False
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        return False
    return True


def _tagger(name: str) -> Any:
    taggers = getattr(_local, "taggers", None)
    if taggers is None:
        taggers = _local.taggers = {}
    tagger = taggers.get(name)
    if tagger is None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(_model_bytes(name))
        taggers[name] = tagger
    return tagger


def use_models(lines: bytes, tokens: bytes) -> None:
    """Tag with these models instead of the shipped ones, in this thread only: training recipes judge models
    they have just trained."""
    import pycrfsuite

    taggers = {}
    for name, data in ((LINE_MODEL, lines), (TOKEN_MODEL, tokens)):
        taggers[name] = pycrfsuite.Tagger()
        taggers[name].open_inmemory(data)
    _local.taggers = taggers


@dataclass(frozen=True, slots=True)
class Tagged:
    labels: list[str]
    confidence: list[float]
    """The marginal probability of each item's label."""


def _tag(name: str, items: list[list[str]]) -> Tagged:
    if not items:
        return Tagged([], [])
    tagger = _tagger(name)
    labels = tagger.tag(items)
    return Tagged(list(labels), [tagger.marginal(label, i) for i, label in enumerate(labels)])


def tag_lines(items: list[list[str]]) -> Tagged:
    return _tag(LINE_MODEL, items)


def tag_tokens(items: list[list[str]]) -> Tagged:
    return _tag(TOKEN_MODEL, items)
