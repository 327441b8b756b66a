"""Checks of what a request brings, before anything is stored: uploaded files and URLs.

Every file of a request and every URL is checked first; a request with one bad item is refused whole, so the
database and the file store are unchanged by it.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..detect import detect_format
from ..errors import BlockedUrl, ResumeParserError
from ..fetch import MAX_URL_CHARS, blocked_reason, check_url
from .errors import ApiError, validation_error

ACCEPTED_SUFFIXES = (".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt", ".rtf")
"""CV Parser Pro: PDF, DOCX, DOC, PNG, JPG, TIFF, TXT, RTF."""
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes
    suffix: str


def check_upload(filename: str | None, handle: BinaryIO, max_bytes: int) -> Upload:
    """A file of the accepted types under the size limit, or 413 / 415 / 400."""
    name = os.path.basename((filename or "").replace("\\", "/")) or "resume"
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    if size > max_bytes:
        raise ApiError(
            413, "file_too_large", f"{name} is {size} bytes, over the limit of {max_bytes} bytes per file",
            [{"filename": name, "size": size, "limit": max_bytes}],
        )
    suffix = os.path.splitext(name)[1].lower()
    if suffix and suffix not in ACCEPTED_SUFFIXES:
        raise _unsupported(name, f"files of type {suffix} are not accepted")
    data = handle.read()
    if not data.strip():
        raise validation_error(f"{name} is empty", [{"field": "files", "filename": name, "issue": "empty file"}])
    try:
        detected = detect_format(data, name)
    except ResumeParserError as exc:
        raise _unsupported(name, exc.message) from exc
    if detected == "image" and not data.startswith(_IMAGE_MAGIC):
        raise _unsupported(name, "images are accepted as PNG, JPG or TIFF")
    if detected not in ("pdf", "docx", "doc", "image", "txt", "rtf"):
        raise _unsupported(name, f"a {detected.upper()} file is not among the accepted types")
    return Upload(name, data, suffix if suffix else _suffix_for(detected, data))


def _suffix_for(detected: str, data: bytes) -> str:
    if detected == "image":
        return ".png" if data.startswith(b"\x89PNG") else ".jpg" if data.startswith(b"\xff\xd8") else ".tiff"
    return "." + detected


def _unsupported(name: str, reason: str) -> ApiError:
    return ApiError(
        415,
        "unsupported_media_type",
        f"{name}: {reason}; accepted: PDF, DOCX, DOC, PNG, JPG, TIFF, TXT, RTF",
        [{"filename": name, "issue": reason}],
    )


def internal_host(host: str) -> str | None:
    """Why a host named in a URL is private or internal, judged without a DNS lookup; None if it may be public.
    Names are resolved (and checked again, address by address) when the URL is fetched."""
    host = host.strip("[]").lower().rstrip(".")
    try:
        return blocked_reason(ipaddress.ip_address(host))
    except ValueError:
        pass
    if host == "localhost" or host.endswith(_INTERNAL_SUFFIXES) or "." not in host:
        return "an internal host name"
    return None


def check_urls(value: Any, field: str, max_count: int, *, allow_private: bool) -> list[str]:
    """A list of 1 to `max_count` http(s) URLs of at most 2,048 characters on public hosts, or 400."""
    if value is None:
        raise validation_error(f"{field} must be provided", [{"field": field, "issue": "required"}])
    if not isinstance(value, list):
        raise validation_error(f"{field} must be an array", [{"field": field, "issue": "not an array"}])
    if not value:
        raise validation_error(f"{field} cannot be empty", [{"field": field, "issue": "empty"}])
    if len(value) > max_count:
        raise validation_error(
            f"{field} has {len(value)} URLs; at most {max_count} are accepted per request",
            [{"field": field, "issue": f"more than {max_count} items", "count": len(value)}],
        )
    problems: list[dict[str, Any]] = []
    for index, url in enumerate(value):
        where = f"{field}[{index}]"
        if not isinstance(url, str) or not url.strip():
            problems.append({"field": where, "issue": "must be a non-empty string"})
            continue
        url = url.strip()
        if len(url) > MAX_URL_CHARS:
            problems.append({"field": where, "issue": f"longer than {MAX_URL_CHARS} characters"})
            continue
        try:
            _, host, _ = check_url(url)
        except BlockedUrl as exc:
            problems.append({"field": where, "issue": exc.message})
            continue
        reason = None if allow_private else internal_host(host)
        if reason:
            problems.append({"field": where, "issue": f"not a publicly accessible URL: {host} is {reason}"})
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise validation_error(f"{first['field']}: {first['issue']}{more}", problems)
    return [u.strip() for u in value]
