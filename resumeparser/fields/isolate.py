"""Each field extractor runs on its own: a bug in one costs that field, not the parse.

`Failures.run` calls an extractor and returns its result; when the extractor raises an exception the parser
did not mean to raise, it returns the field's empty value instead and notes the field, so the record still
comes back with every other field, a `field_failed` warning naming the field and a lower confidence. The
parser's own typed errors (a time limit, a size limit) and `MemoryError` still end the parse.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ..errors import ResumeParserError

T = TypeVar("T")
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class FieldFailure:
    field: str
    """The record's field that was left empty ("skills", "location", ...)."""
    error: str
    """The exception's type and message."""


@dataclass
class Failures:
    """The fields whose extractor failed during one parse (one instance per parse: no state between parses)."""

    items: list[FieldFailure] = field(default_factory=list)

    def run(self, name: str, extractor: Callable[[], T], empty: T) -> T:
        try:
            return extractor()
        except (ResumeParserError, MemoryError):
            raise
        except Exception as exc:  # a bug meets an unexpected input: the field is lost, the record is not
            _LOG.warning("field extractor for %r failed", name, exc_info=True)
            self.items.append(FieldFailure(name, f"{type(exc).__name__}: {exc}"[:300]))
            return empty

    @property
    def fields(self) -> list[str]:
        return [f.field for f in self.items]
