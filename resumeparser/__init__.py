"""resumeparser: turn a resume file into a validated, structured candidate record.

    >>> import resumeparser
    >>> resume = resumeparser.parse("cv.pdf")
    >>> resume.name.full, resume.emails
"""

from .batch import Batch, parse_many
from .errors import ERROR_CODES, ResumeParserError
from .export import export
from .fetch import parse_url
from .models import Resume
from .options import Limits, ParseOptions
from .pipeline import parse, parse_text, warm_up
from .portrait import PhotoImage, photo
from .redact import RedactedDocument, redact, redact_document
from .version import __version__

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
