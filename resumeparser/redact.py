"""Redaction for blind hiring: the anonymised record (`redact`) and a redacted copy of the document
(`redact_document`).

What goes, by category (`keep` names the categories to leave in; docs/redact.md has the full list):

    name       the candidate's name, and referees' names
    emails     e-mail addresses
    phones     phone numbers
    address    street and postal code
    links      links, social profiles and their usernames, project/certificate/publication URLs
    photo      the portrait photo
    personal   date of birth, gender, marital status, nationality (where the text writes them)
    employers  companies and volunteering organisations (kept by default)
    schools    institutions of the education entries (kept by default)
    location   city, region and country (kept by default)

The record's strings of the removed categories are also scrubbed wherever they recur in free text (headline,
summary, descriptions, highlights, sections, warnings), with a placeholder such as `[name]` or `[email]`.

The document: each PDF page is rendered, every place where one of those strings is written is found (PDFium's
characters; Tesseract's word boxes on scanned pages and large pictures) and filled black with the photo, and
the pages are saved as an image-only PDF, so no text layer, metadata or link survives. Images (PNG, JPEG, ...)
go the same way through OCR. DOCX gives a DOCX copy with the strings replaced, links, pictures of the candidate
and document properties removed; every other format gives the redacted plain text.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import FileTooLarge, OcrUnavailable
from .load import Source, read_source
from .models import Resume
from .options import DEFAULT_OPTIONS, Deadline, ParseOptions

CATEGORIES = ("name", "emails", "phones", "address", "links", "photo", "personal", "employers", "schools", "location")
DEFAULT_KEEP = frozenset({"employers", "schools", "location"})
"""Kept unless the caller says otherwise: employers, schools, and the city, region and country."""

PLACEHOLDERS = {
    "name": "[name]", "emails": "[email]", "phones": "[phone]", "address": "[address]", "links": "[link]",
    "personal": "[redacted]", "employers": "[employer]", "schools": "[school]", "location": "[location]",
}

_PERSONAL_LABELS = (
    r"date\s+of\s+birth|birth\s*date|d\.?o\.?b\.?|age|gender|sex|marital\s+status|civil\s+status|"
    r"nationality|citizenship|place\s+of\s+birth|geburtsdatum|geburtsort|geschlecht|familienstand|"
    r"staatsangeh\w+|nationalit\w+|fecha\s+de\s+nacimiento|lugar\s+de\s+nacimiento|nacionalidad|sexo|"
    r"g[ée]nero|estado\s+civil|edad|date\s+de\s+naissance|lieu\s+de\s+naissance|sexe|"
    r"situation\s+(?:familiale|de\s+famille)|alter"
)
PERSONAL_LINE = re.compile(
    rf"(?im)\b(?:(?:{_PERSONAL_LABELS})\s*[:\-–]|born|geboren(?:\s+am)?|n[ée]e?\s+le|nacid[oa]\s+el)\s*"
    r"([^\s|•;][^\n|•;]*)"
)
"""A personal detail written as "Label: value" ("born 3 May 1990", "geboren am ..." without the colon); the value,
to the end of its line or item, goes."""

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>()\"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|dev|me|co|info|app|"
    r"page|site|xyz|ai|de|fr|es|uk|nl|in|br|mx|ca|au)/[^\s<>()\"']*|"
    r"(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|io|dev|me|info|app|page|site|xyz)\b(?![@.\w-])"
)


def _norm_keep(keep: Iterable[str] | str | None) -> frozenset[str]:
    if keep is None:
        return DEFAULT_KEEP
    if isinstance(keep, str):
        keep = [k for k in re.split(r"[,\s]+", keep) if k]
    chosen = frozenset(keep)
    unknown = sorted(chosen - set(CATEGORIES))
    if unknown:
        raise ValueError(f"unknown redaction categories {unknown}; known: {', '.join(CATEGORIES)}")
    return chosen


# -- the strings to remove -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A string of the record to remove wherever it is written: matched on letters and digits only, ignoring case,
    accents, spaces and punctuation (`by_digits`: on digits only, for phone numbers)."""

    text: str
    category: str
    by_digits: bool = False


def pii_terms(resume: Resume, keep: Iterable[str] | str | None = None) -> list[Term]:
    """The record's strings of every category not kept, longest first. A string that is also a kept category's
    (a username that is the kept name run together) is not removed."""
    kept = _norm_keep(keep)
    terms: list[Term] = []

    def add(category: str, *values: str | None, digits: bool = False) -> None:
        for value in values:
            value = (value or "").strip()
            key = _digits(value) if digits else _squash(value)
            if len(key) >= (6 if digits else 2):
                terms.append(Term(value, category, digits))

    if resume.name is not None:
        name = resume.name
        add("name", name.full, name.first, name.last, *name.full.split())
        if name.first and name.last:  # "Marta Quintana" of "Marta Quintana Ruiz", and without the middle name
            add("name", f"{name.first} {name.last}", f"{name.first} {name.last.split()[0]}")
    add("name", *(r.name for r in resume.references))
    add("emails", *resume.emails)
    for email in resume.emails:  # the mailbox part often is the candidate's user name elsewhere too
        local = email.split("@", 1)[0]
        if len(_squash(local)) >= 4:
            add("emails", local)
    for phone in resume.phones:
        add("phones", phone.raw, _national(phone.e164), phone.e164, digits=True)
    for profile in resume.profiles:
        add("links", profile.url, _bare_url(profile.url), profile.username)
    for link in resume.links:
        add("links", link, _bare_url(link))
    for url in [*(c.url for c in resume.certifications), *(p.url for p in resume.projects),
                *(p.url for p in resume.publications)]:
        if url:
            add("links", url, _bare_url(url))
    locations = [resume.location, *(w.location for w in resume.work), *(e.location for e in resume.education)]
    for loc in locations:
        if loc is not None:
            add("address", loc.street, loc.postal_code)
            add("location", loc.city, loc.region, loc.country, loc.raw)
    add("employers", *(w.company for w in resume.work), resume.current_company,
        *(v.organization for v in resume.volunteering))
    add("schools", *(e.institution for e in resume.education))
    def key(term: Term) -> tuple[str, bool]:
        return (_digits(term.text) if term.by_digits else _squash(term.text)), term.by_digits

    protected = {key(t) for t in terms if t.category in kept}
    unique: dict[tuple[str, bool], Term] = {}
    for term in terms:
        if term.category not in kept and key(term) not in protected:
            unique.setdefault(key(term), term)
    return sorted(unique.values(), key=lambda t: -len(t.text))


def _national(e164: str | None) -> str | None:
    if not e164:
        return None
    import phonenumbers

    try:
        return str(phonenumbers.parse(e164).national_number)
    except phonenumbers.NumberParseException:
        return None


def _bare_url(url: str) -> str:
    return re.sub(r"(?i)^(?:[a-z][\w+.-]*://)?(?:www\.)?", "", url.strip()).rstrip("/")


def _fold(ch: str) -> str:
    """A character without accents, lower case ('É' -> 'e', 'ß' -> 'ss')."""
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).casefold()


def _squash(text: str) -> str:
    return "".join(c for c in _fold(text) if c.isalnum())


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit() and c.isascii())


# -- finding the strings in a text ---------------------------------------------------------------------------------

_MAX_GAP = 3
"""Characters other than letters and digits allowed between two matched ones (", ", " - ", "\\r\\n"); a run of
white space counts as one and a soft hyphen as none, since some PDF producers write a space as "\\t\\r \\xa0"
and a hyphen as "-\\xad"."""
_SPACE_RUN = re.compile(r"\s+")


def _gap_length(gap: str) -> int:
    return len(_SPACE_RUN.sub(" ", gap.replace("\xad", "")))


class TextIndex:
    """A text projected onto its letters and digits (folded) and onto its digits, each kept with the position of
    every character in the text, so a term found in a projection maps back to the characters it was read from."""

    def __init__(self, text: str) -> None:
        self.text = text
        alnum: list[str] = []
        alnum_pos: list[int] = []
        digits: list[str] = []
        digit_pos: list[int] = []
        for position, ch in enumerate(text):
            for folded in _fold(ch):
                if folded.isalnum():
                    alnum.append(folded)
                    alnum_pos.append(position)
            if ch.isdigit() and ch.isascii():
                digits.append(ch)
                digit_pos.append(position)
        self._alnum, self._alnum_pos = "".join(alnum), alnum_pos
        self._digits, self._digit_pos = "".join(digits), digit_pos

    def find(self, term: Term) -> Iterator[tuple[int, int]]:
        """(first, last) character positions of every place the term is written, as whole words."""
        key = _digits(term.text) if term.by_digits else _squash(term.text)
        hay, positions = (self._digits, self._digit_pos) if term.by_digits else (self._alnum, self._alnum_pos)
        if not key:
            return
        start = hay.find(key)
        while start >= 0:
            span = positions[start: start + len(key)]
            if self._tight(span, term.by_digits) and self._bounded(span[0], span[-1], term.by_digits):
                yield span[0], span[-1]
            start = hay.find(key, start + 1)

    def _tight(self, span: list[int], by_digits: bool) -> bool:
        for a, b in itertools.pairwise(span):
            gap = self.text[a + 1: b]
            if len(gap) > 8 * _MAX_GAP or _gap_length(gap) > _MAX_GAP or (by_digits and any(c.isalnum() for c in gap)):
                return False
        return True

    def _bounded(self, first: int, last: int, by_digits: bool) -> bool:
        before = self.text[first - 1] if first > 0 else " "
        after = self.text[last + 1] if last + 1 < len(self.text) else " "
        if by_digits:
            return not before.isdigit() and not after.isdigit()
        return not before.isalnum() and not after.isalnum()


def pii_spans(text: str, terms: Sequence[Term], index: TextIndex | None = None, *,
              patterns: bool = True, keep: frozenset[str] = DEFAULT_KEEP,
              region: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, category) of every place in `text` to remove: the terms, and with `patterns` also any e-mail
    address, URL, phone number and personal detail ("Date of birth: ...") of a removed category. End exclusive."""
    index = index or TextIndex(text)
    spans = [(first, last + 1, term.category) for term in terms for first, last in index.find(term)]
    if patterns:
        if "emails" not in keep:
            spans += [(m.start(), m.end(), "emails") for m in _EMAIL.finditer(text)]
        if "links" not in keep:
            spans += [(m.start(), m.end(), "links") for m in _URL.finditer(text)]
        if "personal" not in keep:
            spans += [(m.start(1), m.start(1) + len(m.group(1).rstrip()), "personal")
                      for m in PERSONAL_LINE.finditer(text)]
        if "phones" not in keep:
            spans += _phone_spans(text, region)
    return _merge(spans)


def _phone_spans(text: str, region: str | None) -> list[tuple[int, int, str]]:
    import phonenumbers

    out = []
    try:
        strict = phonenumbers.Leniency.STRICT_GROUPING
        for match in phonenumbers.PhoneNumberMatcher(text, region or "US", leniency=strict):
            out.append((match.start, match.end, "phones"))
    except Exception:  # phonenumbers on odd text: the record's own numbers are still matched as terms
        return []
    return out


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for start, end, category in sorted(spans, key=lambda s: (s[0], -s[1])):  # the longest span names the category
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end, out[-1][2])
            continue
        out.append((start, end, category))
    return out


def scrub(text: str, terms: Sequence[Term], *, keep: frozenset[str] = DEFAULT_KEEP, region: str | None = None) -> str:
    """The text with every place to remove replaced by its category's placeholder."""
    if not text:
        return text
    spans = pii_spans(text, terms, keep=keep, region=region)
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end, category in spans:
        parts.append(text[last:start])
        parts.append(PLACEHOLDERS.get(category, "[redacted]"))
        last = end
    parts.append(text[last:])
    return "".join(parts)


# -- the record ----------------------------------------------------------------------------------------------------

_NOT_TEXT = frozenset({
    "start_date", "end_date", "date", "country_code", "code", "network", "type", "kind", "degree_level", "sources",
    "parser_version", "format", "language", "e164", "is_current", "confidence", "field", "category",
})
"""Keys whose values are codes, dates or flags, never free text."""


_FIELDS = {
    "name": ("name",),
    "emails": ("emails",),
    "phones": ("phones",),
    "links": ("links", "profiles", "url"),
    "employers": ("company", "current_company", "organization"),
    "schools": ("institution",),
}
"""The record's keys that hold a category's values; a kept category's keys are not scrubbed (so a profile username
that is the name run together does not mask a kept name). With `name` kept, the `name` of skills, languages and
the like is left as it is too."""


def redact(resume: Resume, keep: Iterable[str] | str | None = None) -> Resume:
    """The anonymised record: every category not in `keep` (default: employers, schools and location are kept)
    removed from its fields and scrubbed from the free text. The original is not changed."""
    kept = _norm_keep(keep)
    terms = pii_terms(resume, kept)
    region = next((p.region for p in resume.phones if p.region), None) or (
        resume.location.country_code if resume.location else None)
    data = resume.model_dump(mode="json")
    data.pop("confidence", None)
    meta = data.pop("meta")

    protected = {key for category, keys in _FIELDS.items() if category in kept for key in keys}

    def walk(value: Any, key: str | None = None) -> Any:
        if key in _NOT_TEXT or key in protected:  # a kept category's own fields stay as they are
            return value
        if isinstance(value, str):
            return scrub(value, terms, keep=kept, region=region)
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        return value

    data = walk(data)
    if "name" not in kept:
        data["name"] = None
        for ref in data["references"]:
            ref["name"] = None
    if "emails" not in kept:
        data["emails"] = []
    if "phones" not in kept:
        data["phones"] = []
    if "links" not in kept:
        data["links"], data["profiles"] = [], []
        for part in ("certifications", "projects", "publications"):
            for entry in data[part]:
                entry["url"] = None
    if "photo" not in kept:
        data.pop("photo", None)
        data.pop("has_photo", None)
    if "employers" not in kept:
        data["current_company"] = None
        for work in data["work"]:
            work["company"] = None
        for entry in data["volunteering"]:
            entry["organization"] = None
    if "schools" not in kept:
        for entry in data["education"]:
            entry["institution"] = None
    data["location"] = _location(data["location"], kept)
    for entry in [*data["work"], *data["education"]]:
        entry["location"] = _location(entry["location"], kept)
    out = Resume.model_validate(data)
    out.confidence = resume.confidence.model_copy(deep=True)
    out.meta = resume.meta.model_copy(update={"filename": meta["filename"] if "name" in kept else None})
    return out


def _holds_removed(loc: dict[str, Any]) -> bool:
    """Whether the raw text still holds a part that was removed (it is written again then)."""
    raw = _squash(loc.get("raw") or "")
    kept = {_squash(loc.get(k) or "") for k in ("city", "region", "country", "country_code", "street", "postal_code")}
    rest = raw
    for part in sorted(kept, key=len, reverse=True):
        if part:
            rest = rest.replace(part, "")
    return bool(rest)


def _location(loc: dict[str, Any] | None, kept: frozenset[str]) -> dict[str, Any] | None:
    if loc is None:
        return None
    if "address" not in kept:
        loc["street"] = loc["postal_code"] = None
    if "location" not in kept:
        loc["city"] = loc["region"] = loc["country"] = loc["country_code"] = None
    if ("address" in kept and "location" in kept) or not _holds_removed(loc):
        return loc
    parts = [loc.get(k) for k in ("street", "postal_code", "city", "region", "country")]
    raw = ", ".join(p for p in parts if p)
    if not raw:
        return None
    loc["raw"] = raw  # the raw text may hold the street: written again from what is kept
    return loc


# -- the document --------------------------------------------------------------------------------------------------


@dataclass
class RedactedDocument:
    """A redacted copy of a document: its bytes, their format (pdf, docx or txt) and the redacted record."""

    data: bytes
    format: str
    record: Resume
    boxes: int = 0
    """Areas filled black (PDF and images) or strings replaced (DOCX, text)."""
    pages: int = 0
    ocr_pages: list[int] = field(default_factory=list)
    """Pages read with Tesseract to find what to fill."""

    @property
    def extension(self) -> str:
        return "." + self.format

    def save(self, path: str | os.PathLike[str]) -> None:
        with open(path, "wb") as handle:
            handle.write(self.data)


def redact_document(
    source: Source,
    *,
    filename: str | None = None,
    keep: Iterable[str] | str | None = None,
    options: ParseOptions | None = None,
    resume: Resume | None = None,
    dpi: int = 200,
    ocr: str = "auto",
) -> RedactedDocument:
    """Parse the document (or take its `resume`) and write a redacted copy (see the module's docstring).

    `ocr`: "auto" reads with Tesseract the pages the parser read by OCR and pages with a large picture, "always"
    every page, "never" none (then only the text layer is searched)."""
    from .detect import detect_format
    from .pipeline import parse
    from .portrait import photo_image

    options = options or DEFAULT_OPTIONS
    kept = _norm_keep(keep)
    data, filename = read_source(source, options.limits, filename)
    if resume is None:
        resume = parse(data, filename=filename, options=options)
    record = redact(resume, kept)
    terms = pii_terms(resume, kept)
    region = next((p.region for p in resume.phones if p.region), None) or (
        resume.location.country_code if resume.location else None)
    fmt = detect_format(data, filename)
    photo = photo_image(data, fmt) if "photo" not in kept and fmt in ("pdf", "docx", "odt") else None
    deadline = Deadline(options.limits.timeout_seconds)
    if fmt == "pdf":
        return _redact_pdf(data, record, terms, kept, region, photo, options, deadline, dpi, ocr)
    if fmt == "image":
        return _redact_image(data, record, terms, kept, region, options, deadline)
    if fmt == "docx":
        return _redact_docx(data, record, terms, kept, region, photo)
    from .pipeline import read_document

    doc = read_document(data, filename=filename, options=options)
    text = doc.text
    spans = pii_spans(text, terms, keep=kept, region=region)
    text = scrub(text, terms, keep=kept, region=region)
    return RedactedDocument(text.encode("utf-8"), "txt", record, boxes=len(spans), pages=len(doc.pages))


Box = tuple[float, float, float, float]


def _redact_pdf(data: bytes, record: Resume, terms: list[Term], kept: frozenset[str], region: str | None,
                photo: Any, options: ParseOptions, deadline: Deadline, dpi: int, ocr: str) -> RedactedDocument:
    import pypdfium2 as pdfium

    from .extract.ocr import tesseract_available
    from .extract.pdf import _PDFIUM_LOCK, _image_share

    scale = dpi / 72.0
    images = []
    boxes = 0
    ocr_pages: list[int] = []
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
    try:
        with _PDFIUM_LOCK:
            count = len(pdf)
        for index in range(count):
            deadline.check("redaction")
            with _PDFIUM_LOCK:
                page = pdf[index]
                try:
                    width, height = page.get_size()
                    if width * scale * height * scale > options.limits.max_image_pixels:
                        raise FileTooLarge(f"page {index + 1} is too large to render for redaction")
                    image = page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
                    textpage = page.get_textpage()
                    try:
                        found, chars = _text_layer_boxes(textpage, height, terms, kept, region)
                    finally:
                        textpage.close()
                    picture_share = _image_share(page, width * height)
                finally:
                    page.close()
            rects = [_scaled(b, scale) for b in found]
            wants_ocr = ocr == "always" or (ocr == "auto" and (chars < 20 or picture_share > 0.1))
            if wants_ocr and tesseract_available():
                rects += _ocr_boxes(image, terms, kept, region, options, deadline, dpi)
                ocr_pages.append(index + 1)
            if photo is not None and index == 0 and photo.info.box is not None:
                rects.append(_scaled(tuple(photo.info.box), scale, pad=1.0))
            boxes += len(rects)
            _fill(image, rects)
            images.append(image)
    finally:
        with _PDFIUM_LOCK:
            pdf.close()
    return RedactedDocument(_image_pdf(images, dpi), "pdf", record, boxes=boxes, pages=len(images),
                            ocr_pages=ocr_pages)


def _text_layer_boxes(textpage: Any, page_height: float, terms: list[Term], kept: frozenset[str],
                      region: str | None) -> tuple[list[Box], int]:
    """Boxes (top-left origin, points) of the characters of every place to remove, one box per run on a line;
    and the number of visible characters of the page."""
    import pypdfium2.raw as raw

    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    chars = []
    for i in range(max(count, 0)):
        code = raw.FPDFText_GetUnicode(handle, i)
        chars.append(chr(code) if 0 < code < 0x110000 else " ")
    text = "".join(c if c != "\ufffe" else "-" for c in chars)
    visible = sum(1 for c in text if not c.isspace())
    boxes: list[Box] = []
    for start, end, _ in pii_spans(text, terms, keep=kept, region=region):
        run: list[float] | None = None
        for i in range(start, end):
            try:
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
            except Exception:
                continue
            if right <= left or top <= bottom or text[i].isspace():
                continue
            box = [left, page_height - top, right, page_height - bottom]
            if run is not None and abs(box[1] - run[1]) < 0.5 * (run[3] - run[1]) and box[0] >= run[0] - 1:
                run[0], run[1] = min(run[0], box[0]), min(run[1], box[1])
                run[2], run[3] = max(run[2], box[2]), max(run[3], box[3])
                continue
            if run is not None:
                boxes.append((run[0], run[1], run[2], run[3]))
            run = box
        if run is not None:
            boxes.append((run[0], run[1], run[2], run[3]))
    return boxes, visible


def _scaled(box: Sequence[float], scale: float, pad: float = 1.5) -> Box:
    x0, top, x1, bottom = box
    return ((x0 - pad) * scale, (top - pad) * scale, (x1 + pad) * scale, (bottom + pad) * scale)


def _ocr_boxes(image: Any, terms: list[Term], kept: frozenset[str], region: str | None, options: ParseOptions,
               deadline: Deadline, dpi: float) -> list[Box]:
    """Word boxes (pixels) of the words Tesseract reads where a place to remove is written."""
    from .extract.ocr import ocr_words

    words, _ = ocr_words(image, options, deadline, dpi=dpi)
    text_parts: list[str] = []
    owner: list[int] = []
    for number, word in enumerate(words):
        if text_parts:
            text_parts.append(" ")
            owner.append(-1)
        text_parts.append(word.text)
        owner.extend([number] * len(word.text))
    text = "".join(text_parts)
    hit: set[int] = set()
    for start, end, _ in pii_spans(text, terms, keep=kept, region=region):
        hit.update(owner[i] for i in range(start, end) if owner[i] >= 0)
    pad = dpi / 72.0 * 1.5
    return [(words[i].x0 - pad, words[i].top - pad, words[i].x1 + pad, words[i].bottom + pad) for i in sorted(hit)]


def _fill(image: Any, rects: Iterable[Box]) -> None:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    for x0, top, x1, bottom in rects:
        draw.rectangle((x0, top, x1, bottom), fill=(0, 0, 0))


def _image_pdf(images: list[Any], dpi: float) -> bytes:
    """Pages as pictures only: no text layer, no links, no metadata of the original."""
    out = io.BytesIO()
    first, rest = images[0], images[1:]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=float(dpi), quality=85,
               title="", author="", subject="", keywords="", creator="", producer="")
    return out.getvalue()


def _redact_image(data: bytes, record: Resume, terms: list[Term], kept: frozenset[str], region: str | None,
                  options: ParseOptions, deadline: Deadline) -> RedactedDocument:
    from PIL import Image, ImageOps

    from .extract.ocr import tesseract_available

    if not tesseract_available():
        raise OcrUnavailable("redacting an image needs Tesseract to find the text on it")
    with Image.open(io.BytesIO(data)) as source:
        image = ImageOps.exif_transpose(source).convert("RGB")
        dpi_info = source.info.get("dpi")
    dpi = float(dpi_info[0]) if isinstance(dpi_info, tuple) and dpi_info and dpi_info[0] else 0.0
    rects = _ocr_boxes(image, terms, kept, region, options, deadline, dpi or max(image.size) / 11.0)
    _fill(image, rects)
    return RedactedDocument(_image_pdf([image], dpi or max(image.size) / 11.0), "pdf", record, boxes=len(rects),
                            pages=1, ocr_pages=[1])


# -- DOCX ----------------------------------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT_PARTS = re.compile(r"word/(document\d*|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
_CORE_CLEARED = ("creator", "lastModifiedBy", "title", "subject", "keywords", "description")


def _redact_docx(data: bytes, record: Resume, terms: list[Term], kept: frozenset[str], region: str | None,
                 photo: Any) -> RedactedDocument:
    from lxml import etree

    replaced = 0
    out = io.BytesIO()
    black: bytes | None = _black_png(photo) if photo is not None else None
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            name = info.filename
            if _TEXT_PARTS.fullmatch(name):
                root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, huge_tree=True))
                replaced += _scrub_paragraphs(root, terms, kept, region)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif name.endswith(".rels") and "links" not in kept:
                content = _unlink(content)
            elif name == "docProps/core.xml":
                content = _clear_core(content)
            elif photo is not None and black is not None and content == photo.data:
                content, replaced = black, replaced + 1
            dst.writestr(info, content)
    return RedactedDocument(out.getvalue(), "docx", record, boxes=replaced, pages=0)


def _scrub_paragraphs(root: Any, terms: list[Term], kept: frozenset[str], region: str | None) -> int:
    """Scrub each paragraph's text across its runs: the scrubbed text goes into the paragraph's first text
    element and the others are emptied (the paragraph keeps its first run's formatting)."""
    count = 0
    for par in root.iter(f"{{{_W}}}p"):
        texts = [t for t in par.iter(f"{{{_W}}}t") if _owner_paragraph(t) is par]
        if not texts:
            continue
        whole = "".join(t.text or "" for t in texts)
        cleaned = scrub(whole, terms, keep=kept, region=region)
        if cleaned == whole:
            continue
        count += 1
        texts[0].text = cleaned
        texts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        for t in texts[1:]:
            t.text = ""
    for instr in root.iter(f"{{{_W}}}instrText"):  # HYPERLINK "mailto:..." field codes
        if instr.text:
            instr.text = scrub(instr.text, terms, keep=kept, region=region)
    return count


def _owner_paragraph(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != f"{{{_W}}}p":
        parent = parent.getparent()
    return parent


def _unlink(content: bytes) -> bytes:
    """Relationships with every external target (hyperlinks, linked pictures) pointed nowhere."""
    from lxml import etree

    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False))
    for rel in root:
        if rel.get("TargetMode") == "External":
            rel.set("Target", "https://redacted.invalid/")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _clear_core(content: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False))
    for element in root:
        if etree.QName(element).localname in _CORE_CLEARED:
            element.text = ""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _black_png(photo: Any) -> bytes:
    from PIL import Image

    width = photo.info.pixel_width or 64
    height = photo.info.pixel_height or 64
    out = io.BytesIO()
    fmt = "JPEG" if photo.format == "jpeg" else "PNG"
    Image.new("RGB", (width, height), (0, 0, 0)).save(out, format=fmt)
    return out.getvalue()


def redacted_name(path: str, fmt: str) -> str:
    """cv.pdf -> cv.redacted.pdf; a DOCX gives .docx, other formats without pages .txt."""
    stem = os.path.splitext(path)[0]
    return f"{stem}.redacted.{fmt}"


__all__ = [
    "CATEGORIES",
    "DEFAULT_KEEP",
    "RedactedDocument",
    "Term",
    "pii_terms",
    "redact",
    "redact_document",
    "scrub",
]
