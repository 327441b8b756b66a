"""Named entities in resume lines: the bundled resume NER model, or another installed spaCy pipeline.

Labels: NAME, TITLE, COMPANY, SCHOOL, DEGREE, LOCATION, GRAD_YEAR (see models/resume_ner/README.md).
The fields code calls this only on the lines where it needs it (entry header lines, the top of the document):
run on a whole resume the model costs many times more and sees mostly text it was not trained for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import NerUnavailable

if TYPE_CHECKING:
    from spacy.language import Language

LABELS: tuple[str, ...] = ("NAME", "TITLE", "COMPANY", "SCHOOL", "DEGREE", "LOCATION", "GRAD_YEAR")
# General-purpose (OntoNotes-style) pipelines: the labels that mean one of ours; the rest are dropped.
FOREIGN_LABELS: dict[str, str] = {"PERSON": "NAME", "ORG": "COMPANY", "GPE": "LOCATION", "LOC": "LOCATION"}
# Components a foreign pipeline does not need for its entities.
UNNEEDED = ("parser", "tagger", "morphologizer", "lemmatizer", "attribute_ruler", "senter", "textcat")
MAX_LINE_CHARS = 1000


class Entity(NamedTuple):
    label: str
    start: int
    """Character offsets in the line."""
    end: int
    text: str


class _Pipeline(NamedTuple):
    nlp: Language
    labels: dict[str, str]
    lock: threading.Lock


_LOAD_LOCK = threading.Lock()


def bundled_path() -> Path:
    return Path(str(resources.files(__package__ or "resumeparser").joinpath("data", "ner")))


@cache
def _load_cached(spec: str) -> _Pipeline:
    import spacy

    if spec == "":
        nlp = spacy.load(bundled_path())
        return _Pipeline(nlp, {label: label for label in LABELS}, threading.Lock())
    try:
        nlp = spacy.load(spec, exclude=list(UNNEEDED))
    except (OSError, ImportError, ValueError) as exc:
        raise NerUnavailable(
            f"spaCy pipeline {spec!r} cannot be loaded (install it, e.g. `python -m spacy download {spec}`, "
            f"or pass a path to a pipeline directory): {exc}"
        ) from exc
    if "ner" not in nlp.pipe_names:
        raise NerUnavailable(f"spaCy pipeline {spec!r} has no 'ner' component")
    ner_labels = nlp.get_pipe("ner").labels  # type: ignore[attr-defined]
    own = set(LABELS) & set(ner_labels)
    labels = {label: label for label in own} if own else dict(FOREIGN_LABELS)
    return _Pipeline(nlp, labels, threading.Lock())


def _pipeline(spec: bool | str) -> _Pipeline | None:
    if spec is False:
        return None
    key = "" if spec is True else str(spec)
    # One load per process even when threads ask at once (functools.cache alone may load twice).
    with _LOAD_LOCK:
        return _load_cached(key)


def load_ner(spec: bool | str = True) -> Language | None:
    """The spaCy pipeline for `spec`: True the bundled resume model, a name or path another pipeline, False None.

    Loaded once per process; raises NerUnavailable when a named pipeline is not installed.
    """
    pipe = _pipeline(spec)
    return None if pipe is None else pipe.nlp


def entities(lines: Sequence[str], spec: bool | str = True) -> list[list[Entity]]:
    """The entities of each line, in our labels (empty lists when spec is False)."""
    pipe = _pipeline(spec)
    if pipe is None or not lines:
        return [[] for _ in lines]
    texts = [line[:MAX_LINE_CHARS] for line in lines]
    # spaCy pipelines are not documented as thread-safe (the shared vocabulary grows while parsing).
    with pipe.lock:
        docs = list(pipe.nlp.pipe(texts, batch_size=64))
    out: list[list[Entity]] = []
    for doc in docs:
        found = []
        for ent in doc.ents:
            label = pipe.labels.get(ent.label_)
            if label is not None:
                found.append(Entity(label, ent.start_char, ent.end_char, ent.text))
        out.append(found)
    return out


def label_spans(
    lines: Sequence[str], spec: bool | str = True, which: Iterable[int] | None = None
) -> dict[int, list[Entity]]:
    """Entities of the chosen lines (default all non-blank ones), keyed by line index; lines without any left out."""
    indices = [i for i in (range(len(lines)) if which is None else which) if 0 <= i < len(lines) and lines[i].strip()]
    found = entities([lines[i] for i in indices], spec)
    return {i: ents for i, ents in zip(indices, found, strict=True) if ents}


def first(found: Sequence[Entity], label: str) -> Entity | None:
    """The first entity with this label, or None."""
    return next((e for e in found if e.label == label), None)
