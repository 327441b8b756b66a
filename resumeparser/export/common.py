"""What every exporter shares: the caller's context, typed errors, dates, names, phones, links and files."""

from __future__ import annotations

import base64
import calendar
import os
import re
import warnings
from dataclasses import dataclass
from typing import Any, Union
from urllib.parse import urlparse

from ..errors import (
    InvalidExportContext,
    SourceNotFound,
)
from ..models import Name, ParseWarning, Phone, Resume

FileSource = Union[str, "os.PathLike[str]", bytes]
Payload = dict[str, Any]


class ExportWarning(UserWarning):
    """Something was left out of an export; emitted when the caller passes no `warnings` list."""


@dataclass(frozen=True)
class Context:
    """What the caller knows beyond the record. Every exporter receives the same context and reads what it needs."""

    file: FileSource | None = None
    """The original resume file (a path or its bytes), for the base64 resume of Workable and Comeet."""
    filename: str | None = None
    """The file's name; defaults to the path's base name, then to `resume.meta.filename`."""
    file_url: str | None = None
    """Where the caller stored the file: Occupop `file_url`, TapTalent `resumeUrl`, Workable `resume_url`."""
    source: str | None = None
    """Occupop `source`."""
    position_uid: str | None = None
    """Comeet: the position the candidate applies to (required by Comeet)."""
    partner_candidate_id: str | None = None
    """Comeet: the candidate's id in the caller's system (required by Comeet)."""
    warnings: list[ParseWarning] | None = None
    """A list that receives a `ParseWarning` for everything left out; without it, `ExportWarning`s are emitted."""


CONTEXT_KEYS = frozenset(Context.__dataclass_fields__)


def make_context(context: dict[str, Any]) -> Context:
    unknown = sorted(set(context) - CONTEXT_KEYS)
    if unknown:
        raise InvalidExportContext(f"unknown context key(s) {unknown}; known: {sorted(CONTEXT_KEYS)}")
    file = context.get("file")
    if isinstance(file, (bytearray, memoryview)):
        context = {**context, "file": bytes(file)}
    elif file is not None and not isinstance(file, (str, os.PathLike, bytes)):
        raise InvalidExportContext(f"file must be a path or the file's bytes, not {type(file).__name__}")
    # ids may come as numbers; the systems take strings, and a blank one is no id
    for key in ("position_uid", "partner_candidate_id", "source", "file_url", "filename"):
        if context.get(key) is not None:
            context = {**context, key: text(str(context[key]))}
    return Context(**context)


def warn(ctx: Context, code: str, message: str, field: str | None = None) -> None:
    """Report something left out of a payload, to the caller's list or as a Python warning."""
    if ctx.warnings is not None:
        ctx.warnings.append(ParseWarning(code=code, message=message, field=field))
    else:
        warnings.warn(f"{code}: {message}", ExportWarning, stacklevel=5)  # the caller of export()


def compact(payload: Payload) -> Payload:
    """Leave out what is unknown: None, blank strings, empty lists and objects, also as items of lists."""
    out: Payload = {}
    for key, value in payload.items():
        value = _clean(value)
        if isinstance(value, list):
            value = [item for item in map(_clean, value) if not _empty(item)]
        if not _empty(value):
            out[key] = value
    return out


def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def text(value: str | None) -> str | None:
    """A stripped string, or None for a missing or blank one (never an empty string)."""
    if value is None:
        return None
    value = value.strip()
    return value or None


# -- dates: the record keeps partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) --------------------------------------


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def first_day(date: str | None) -> str | None:
    """YYYY-MM-DD for a start: a missing month or day becomes the first (2019 -> 2019-01-01)."""
    return _full_date(date, last=False)


def last_day(date: str | None) -> str | None:
    """YYYY-MM-DD for an end: a missing month or day becomes the last (2019 -> 2019-12-31, 2020-02 -> 2020-02-29)."""
    return _full_date(date, last=True)


def _full_date(date: str | None, *, last: bool) -> str | None:
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if last else 1)
    days = _MONTH_DAYS[month - 1] + (month == 2 and calendar.isleap(year))
    # a day past the month's end (a slip the partial-date pattern lets through) becomes its last day
    day = min(parts[2], days) if len(parts) > 2 else (days if last else 1)
    return f"{year:04d}-{month:02d}-{day:02d}"


def year_month(date: str | None) -> str | None:
    """YYYY-MM, or YYYY when the resume gave only the year (a month is never invented)."""
    return date[:7] if date else None


def year(date: str | None) -> str | None:
    return date[:4] if date else None


# -- people --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameParts:
    full: str | None
    first: str | None
    middle: str | None
    last: str | None


def name_parts(name: Name | None) -> NameParts:
    """The record's name parts; when the parser gave only the full name, its first and last words."""
    if name is None or not text(name.full):
        return NameParts(None, None, None, None)
    full = " ".join(name.full.split())
    first, middle, last = text(name.first), text(name.middle), text(name.last)
    if first is None and last is None:
        words = full.split()
        first = words[0]
        last = words[-1] if len(words) > 1 else None
        middle = " ".join(words[1:-1]) or None
    return NameParts(full, first, middle, last)


def phone_text(phone: Phone) -> str | None:
    """E.164 when the number was validated (unambiguous for any system), else as written."""
    return phone.e164 or text(phone.raw)


def first_phone(resume: Resume, *types: str) -> str | None:
    """The first phone of one of these types (any type when none is given)."""
    for phone in resume.phones:
        number = phone_text(phone)
        if number and (not types or phone.type in types):
            return number
    return None


def first_email(resume: Resume) -> str | None:
    return resume.emails[0] if resume.emails else None


# -- links ---------------------------------------------------------------------------------------------------------


def absolute_url(url: str) -> str | None:
    """The URL with a scheme (https:// added to a bare host), or None when it is no web address."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    if "://" not in url:
        if re.match(r"^[A-Za-z][\w+.-]*:(?!\d)", url):  # another scheme (mailto:, tel:), not host:port
            return None
        url = "https://" + url
    try:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname or "." not in parsed.hostname:
            return None
    except ValueError:  # an unclosed IPv6 bracket and the like: not a URL
        return None
    if parsed.username is not None:  # user@host is an e-mail address, not a site
        return None
    return url


def profile_url(resume: Resume, network: str) -> str | None:
    for profile in resume.profiles:
        if profile.network == network:
            return absolute_url(profile.url)
    return None


def _bare(url: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", url.strip().lower()).rstrip("/")


def other_links(resume: Resume) -> list[str]:
    """Every link that is no social profile, as absolute URLs, in the order found."""
    profiles = {_bare(p.url) for p in resume.profiles}
    out: list[str] = []
    for link in resume.links:
        url = absolute_url(link)
        if url and _bare(url) not in profiles and url not in out:
            out.append(url)
    return out


def contact_links(resume: Resume) -> list[str]:
    """The candidate's own sites: non-profile links written in the contact section (all non-profile links when the
    record kept no contact section), so that a former employer's site is not taken for the candidate's."""
    links = other_links(resume)
    contact = " ".join(s.text for s in resume.sections if s.kind == "contact").lower()
    if contact:
        links = [u for u in links if _bare(u) in contact]
    return links


def personal_url(resume: Resume) -> str | None:
    links = contact_links(resume)
    return links[0] if links else None


# -- the original file ---------------------------------------------------------------------------------------------


def file_name(resume: Resume, ctx: Context) -> str | None:
    if ctx.filename:
        return os.path.basename(ctx.filename)
    if isinstance(ctx.file, (str, os.PathLike)):
        return os.path.basename(os.fspath(ctx.file))
    return resume.meta.filename


def file_extension(name: str | None) -> str:
    return os.path.splitext(name or "")[1].lower()


def file_size(ctx: Context) -> int | None:
    if ctx.file is None:
        return None
    if isinstance(ctx.file, bytes):
        return len(ctx.file)
    try:
        return os.path.getsize(ctx.file)
    except OSError as exc:
        raise SourceNotFound("the resume file given for the export cannot be read", source=str(ctx.file)) from exc


def file_base64(ctx: Context) -> str | None:
    if ctx.file is None:
        return None
    if isinstance(ctx.file, bytes):
        data = ctx.file
    else:
        try:
            with open(ctx.file, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise SourceNotFound("the resume file given for the export cannot be read", source=str(ctx.file)) from exc
    return base64.b64encode(data).decode("ascii")


def attach_file(
    resume: Resume, ctx: Context, *, system: str, extensions: frozenset[str], max_bytes: int | None = None
) -> tuple[str, str] | None:
    """(name, base64) of the original file when the system accepts it; otherwise None and a warning saying why."""
    if ctx.file is None:
        return None
    name = file_name(resume, ctx)
    if name is None:
        warn(ctx, "resume_file_left_out", f"{system} needs a file name for the resume: pass filename=", "resume")
        return None
    if file_extension(name) not in extensions:
        allowed = ", ".join(sorted(extensions))
        warn(ctx, "resume_file_left_out", f"{system} does not take {name!r} as a resume (takes {allowed})", "resume")
        return None
    size = file_size(ctx)
    if max_bytes is not None and size is not None and size > max_bytes:
        warn(
            ctx, "resume_file_too_large",
            f"{name!r} has {size} bytes, over the {max_bytes}-byte limit of {system}: the resume was left out",
            "resume",
        )
        return None
    data = file_base64(ctx)
    return (name, data) if data is not None else None


def attach_photo(resume: Resume, ctx: Context, *, max_bytes: int | None = None) -> tuple[str, str] | None:
    """(name, base64) of the candidate's photo, read from the original file when the record says it has one."""
    if resume.photo is None or ctx.file is None:
        return None
    from ..portrait import photo  # reads the picture out of the file: the record keeps only its place

    try:
        found = photo(ctx.file if isinstance(ctx.file, bytes) else os.fspath(ctx.file))
    except OSError as exc:
        raise SourceNotFound("the resume file given for the export cannot be read", source=str(ctx.file)) from exc
    if found is None:
        return None
    if max_bytes is not None and len(found.data) > max_bytes:
        warn(ctx, "photo_too_large", f"the photo has {len(found.data)} bytes, over the limit: left out", "photo")
        return None
    name = "photo.jpg" if found.format == "jpeg" else f"photo.{found.format}"
    return name, base64.b64encode(found.data).decode("ascii")


# -- text ----------------------------------------------------------------------------------------------------------


def entry_text(description: str | None, highlights: list[str]) -> str | None:
    """An entry's description followed by its highlights, one a line, for systems with a single text field."""
    lines = [line for line in (text(description), *(text(h) for h in highlights)) if line]
    return "\n".join(lines) or None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def sentences(value: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(value.split())) if s.strip()]


def unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        item = item.strip()
        if item and item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out
