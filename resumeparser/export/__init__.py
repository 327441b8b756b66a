"""Exports of the record: JSON Resume 1.0.0 and the candidate payloads of five hiring systems.

    >>> payload = export(resume, "comeet", position_uid="11.11", partner_candidate_id="c-42", file="cv.pdf")

Each payload is a plain dict the system's API takes as it stands (its JSON Schema: schemas/exports/). Context
keys are those of `Context`; an unknown key raises `InvalidExportContext`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import ExportError, InvalidExportContext, MissingRequiredField, UnknownExportFormat
from ..models import Resume
from .comeet import to_comeet
from .common import Context, ExportWarning, Payload, make_context
from .cvparserpro import to_cvparserpro
from .jsonresume import to_jsonresume
from .occupop import to_occupop
from .taptalent import to_taptalent
from .workable import to_workable

EXPORTERS: dict[str, Callable[[Resume, Context], Payload]] = {
    "jsonresume": to_jsonresume,
    "workable": to_workable,
    "comeet": to_comeet,
    "occupop": to_occupop,
    "cvparserpro": to_cvparserpro,
    "taptalent": to_taptalent,
}
EXPORT_FORMATS: tuple[str, ...] = tuple(EXPORTERS)


def export(resume: Resume, fmt: str, **context: Any) -> dict[str, Any]:
    """The record as `fmt` (one of EXPORT_FORMATS), with what the caller knows beyond it in `context`."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise UnknownExportFormat(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")
    return exporter(resume, make_context(context))


__all__ = [
    "EXPORT_FORMATS",
    "Context",
    "ExportError",
    "ExportWarning",
    "InvalidExportContext",
    "MissingRequiredField",
    "UnknownExportFormat",
    "export",
]
