"""The pipeline: load -> detect -> extract -> normalise -> segment -> fields -> assemble."""

from __future__ import annotations

import time
from datetime import date

from .assemble import assemble, extract_fields
from .detect import detect_format
from .document import Document
from .errors import CorruptDocument, EmptyDocument, FileTooLarge, ResumeParserError
from .extract import extract
from .fields.contact import extract_contact
from .guard import preflight
from .load import Source, read_source
from .models import Resume
from .normalize import normalize, valid_text
from .options import DEFAULT_OPTIONS, Deadline, ParseOptions
from .portrait import find_photo
from .segment import segment


def parse(source: Source, *, filename: str | None = None, options: ParseOptions | None = None) -> Resume:
    """Parse a resume given as a path, bytes or a binary file object."""
    options = options or DEFAULT_OPTIONS
    started = time.perf_counter()
    data, filename = read_source(source, options.limits, filename)
    if filename is not None:
        filename = valid_text(filename)  # a file name undecodable on this system carries lone surrogates
    try:
        deadline = Deadline(options.limits.timeout_seconds)
        doc = _extract(data, filename, options, deadline)
        resume = _record(doc, options, deadline, started, filename)
        if options.photo:
            photo = find_photo(data, doc.format, doc)
            if photo is not None:
                resume.photo, resume.has_photo = photo, True
            resume.meta.elapsed_ms = round((time.perf_counter() - started) * 1000, 3)
        return resume
    except ResumeParserError as exc:
        exc.source = exc.source or filename
        raise


def read_document(source: Source, *, filename: str | None = None, options: ParseOptions | None = None) -> Document:
    """The `Document` a file's extractor makes, as `parse` reads it before normalising (training labels and
    benchmarks look at this stage)."""
    options = options or DEFAULT_OPTIONS
    data, filename = read_source(source, options.limits, filename)
    try:
        return _extract(data, filename, options, Deadline(options.limits.timeout_seconds))
    except ResumeParserError as exc:
        exc.source = exc.source or filename
        raise


def _extract(data: bytes, filename: str | None, options: ParseOptions, deadline: Deadline) -> Document:
    fmt = detect_format(data, filename)
    preflight(data, fmt, options.limits)
    try:
        return extract(data, fmt, options, deadline)
    except ResumeParserError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise FileTooLarge(f"too large or too deeply nested to read ({type(exc).__name__})") from exc
    except Exception as exc:  # a library choked on malformed input: a typed error, never a crash
        raise CorruptDocument(f"the {fmt} file could not be read: {type(exc).__name__}: {exc}") from exc


def parse_text(text: str, *, options: ParseOptions | None = None) -> Resume:
    """Parse text that was already extracted (one line per line, form feeds between pages)."""
    options = options or DEFAULT_OPTIONS
    started = time.perf_counter()
    if len(text) > options.limits.max_text_chars:
        raise FileTooLarge(f"{len(text)} characters of text is over the limit of {options.limits.max_text_chars}")
    doc = Document.from_text(text, format="txt")
    return _record(doc, options, Deadline(options.limits.timeout_seconds), started, None)


def parse_document(doc: Document, *, filename: str | None = None, options: ParseOptions | None = None) -> Resume:
    """Parse a `Document` that was already extracted (by this package's extractors or a caller's own)."""
    options = options or DEFAULT_OPTIONS
    return _record(doc, options, Deadline(options.limits.timeout_seconds), time.perf_counter(), filename)


def _record(doc: Document, options: ParseOptions, deadline: Deadline, started: float, filename: str | None) -> Resume:
    doc = normalize(doc)
    if not any(line.text for line in doc.lines):
        raise EmptyDocument("the document has no text")
    deadline.check("extraction")
    blocks = segment(doc)
    contact = extract_contact(doc, blocks, options.default_region)
    deadline.check("contact extraction")
    fields = extract_fields(blocks, contact.language, options.ner, options.entries)
    deadline.check("field extraction")
    # "Present" ends at today only here, at the API edge; assemble itself takes the date it is given
    resume = assemble(doc, blocks, contact, fields, today=date.today())
    meta = resume.meta
    meta.format = doc.format
    meta.pages = len(doc.pages)
    meta.ocr_used = doc.ocr_used
    meta.ocr_confidence = doc.ocr_confidence
    meta.filename = filename
    meta.language = contact.language
    if options.evidence:
        from .evidence import locate  # only for the option: most parses never load it

        resume.evidence = locate(doc, blocks, resume)
    meta.elapsed_ms = round((time.perf_counter() - started) * 1000, 3)
    return resume


_WARM_UP_TEXT = """Alex Morgan
Software Engineer
Berlin, Germany | alex.morgan@example.org | +49 30 1234567

EXPERIENCE
Software Engineer, Example GmbH, Berlin
Jan 2020 - Present
• Built Python services on Kubernetes

EDUCATION
MSc Computer Science, Technical University of Munich, 2016 - 2018

SKILLS
Python, SQL, Docker

LANGUAGES
German (native), English (fluent)
"""


def warm_up(options: ParseOptions | None = None) -> None:
    """Load every lazily built resource (lexicons, gazetteer, skills matcher) now rather than in the first parse.

    Worker processes call it before they take documents, so one-time loading never counts against a
    document's time limit."""
    parse_text(_WARM_UP_TEXT, options=options)
    # the libraries of the two commonest formats (pypdfium2, PIL, python-docx, lxml): about 120 ms and 12 MB
    # that a worker's first PDF and first DOCX would pay otherwise
    from .extract import docx, pdf  # noqa: F401

