"""resumeparser: turn a resume file into a validated, structured candidate record.

    >>> import resumeparser
    >>> resume = resumeparser.parse("cv.pdf")
    >>> resume.name.full, resume.emails
"""

from .errors import ERROR_CODES, ResumeParserError
from .export import export
from .models import Resume
from .options import Limits, ParseOptions
from .pipeline import parse, parse_text
from .version import __version__

__all__ = [
    "ERROR_CODES",
    "Limits",
    "ParseOptions",
    "Resume",
    "ResumeParserError",
    "__version__",
    "export",
    "parse",
    "parse_text",
]
