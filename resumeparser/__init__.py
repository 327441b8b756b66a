"""resumeparser: turn a resume file into a validated, structured candidate record.

    >>> import resumeparser
    >>> resume = resumeparser.parse("cv.pdf")
    >>> resume.name.full, resume.emails
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import ERROR_CODES, ResumeParserError
from .export import export
from .models import Resume
from .options import Limits, ParseOptions
from .pipeline import parse, parse_text, warm_up
from .portrait import PhotoImage, photo
from .redact import RedactedDocument, redact, redact_document
from .version import __version__

if TYPE_CHECKING:
    from .batch import Batch, parse_many
    from .fetch import parse_url

# Imported on first use: batches and URLs bring multiprocessing, http.client and email, which a parse never needs
# (they were about a fifth of `import resumeparser`). `export` and `redact` stay above: their names are also
# submodules', which a lazy import would put in place of the functions.
_LAZY = {"Batch": ".batch", "parse_many": ".batch", "parse_url": ".fetch"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ERROR_CODES",
    "Batch",
    "Limits",
    "ParseOptions",
    "PhotoImage",
    "RedactedDocument",
    "Resume",
    "ResumeParserError",
    "__version__",
    "export",
    "parse",
    "parse_many",
    "parse_text",
    "parse_url",
    "photo",
    "redact",
    "redact_document",
    "warm_up",
]
