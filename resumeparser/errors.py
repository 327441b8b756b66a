"""One exception family. Every error carries a stable machine-readable `code`."""

from __future__ import annotations

from typing import ClassVar


class ResumeParserError(Exception):
    """Base of every error the parser raises on purpose."""

    code: ClassVar[str] = "error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.code}: {self.message}"

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "source": self.source}


class UnsupportedFormat(ResumeParserError):
    code = "unsupported_format"


class FileTooLarge(ResumeParserError):
    """The input, or what it expands to (pages, pixels, zip members, text), is over a limit."""

    code = "file_too_large"


class EncryptedDocument(ResumeParserError):
    code = "encrypted_document"


class CorruptDocument(ResumeParserError):
    code = "corrupt_document"


class EmptyDocument(ResumeParserError):
    code = "empty_document"


class OcrUnavailable(ResumeParserError):
    code = "ocr_unavailable"


class ParseTimeout(ResumeParserError):
    code = "timeout"


class SourceNotFound(ResumeParserError):
    """The path does not exist or cannot be opened."""

    code = "file_not_found"


class FetchFailed(ResumeParserError):
    code = "fetch_failed"


class BlockedUrl(ResumeParserError):
    code = "blocked_url"


class NerUnavailable(ResumeParserError):
    """The requested spaCy pipeline is not installed or cannot be loaded."""

    code = "ner_unavailable"


class ExportError(ResumeParserError):
    code = "export_failed"


class UnknownExportFormat(ExportError):
    code = "unknown_export_format"


class InvalidExportContext(ExportError):
    """A context value the target system requires is missing, or a context key is unknown."""

    code = "invalid_export_context"


class MissingRequiredField(ExportError):
    """The record lacks a value the target system requires (e.g. Comeet's last name)."""

    code = "missing_required_field"


ERROR_CODES: tuple[str, ...] = tuple(
    cls.code
    for cls in (
        UnsupportedFormat,
        FileTooLarge,
        EncryptedDocument,
        CorruptDocument,
        EmptyDocument,
        OcrUnavailable,
        ParseTimeout,
        SourceNotFound,
        FetchFailed,
        BlockedUrl,
        NerUnavailable,
        UnknownExportFormat,
        InvalidExportContext,
        MissingRequiredField,
    )
)
