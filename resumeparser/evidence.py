"""Evidence: where each value of the record was read in the document (page, box, text, line, section).

The field extractors return values, not positions, so each value is located afterwards in the normalised
document the extractors read: first in the lines of the sections it was read from (a work entry's title in the
experience section, after the entry before it), then anywhere. A line is matched on its words as the extractor
positioned them (`Line.words`), so the box is the union of the words that carry the value, not the whole line;
a line without words (TXT, RTF, DOC, DOCX, ODT, HTML) gives the line number and its text, and no box.

Matching is case-insensitive and must start and end at word boundaries; when the exact text is not there, the
letters and digits alone are compared ("Kestrel Software Inc" finds "Kestrel Software, Inc."). A value that
wraps onto a second line is matched over the two lines joined. Dates are found as the date range on or near the
entry's lines whose parsed start and end are the entry's, near its parts found after the entry before it first
(a company line shared by several roles is above the later ones).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from .document import BBox, Document, Line
from .fields.dates import DateRange, date_languages, find_date_ranges
from .models import Evidence, EvidenceKind, Location, Resume, SectionKind
from .normalize import normalize_text
from .segment import Block

_NEAR = 6
"""Lines after an entry's anchor searched first for its other parts (company, dates)."""


@dataclass(slots=True)
class _Row:
    """One line of the document, with the text it is matched on and the boxes of that text's words."""

    number: int
    line: Line
    section: SectionKind | None
    text: str = ""
    """The words joined by single spaces (lines with geometry), else the line's text."""
    boxes: list[tuple[int, int, BBox]] = field(default_factory=list)
    """(start, end, box) of each word in `text`."""
    lower: str = ""
    key: str = ""
    """Letters and digits of `text`, folded (lower case, no accents)."""
    key_pos: list[int] = field(default_factory=list)
    """Position in `text` of each character of `key`."""


@dataclass(slots=True)
class _Hit:
    rows: list[_Row]
    start: int
    end: int
    """Offsets in the joined text of `rows` (single-row hits: in the row's text)."""


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower() if ch.isalnum() else ""
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def _key(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        for c in folded:
            chars.append(c)
            pos.append(i)
    return "".join(chars), pos


@lru_cache(maxsize=4096)
def _value_key(value: str) -> str:
    """A value's letters and digits, folded: looked up in many lines, so made once."""
    return _key(value)[0]


def _boundary(text: str, start: int, end: int) -> bool:
    """A match that starts and ends at word edges (not "Go" inside "Google")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    return not (before.isalnum() and first.isalnum()) and not (after.isalnum() and last.isalnum())


def _find(text: str, lower: str, key: str, key_pos: list[int], value: str, exact: bool) -> tuple[int, int] | None:
    """(start, end) of `value` in `text` at word edges: `exact` as written (any case), else on letters and digits
    alone."""
    if exact:
        needle = value.strip().lower()
        if needle and len(lower) == len(text):
            at = lower.find(needle)
            while at >= 0:
                if _boundary(text, at, at + len(needle)):
                    return at, at + len(needle)
                at = lower.find(needle, at + 1)
        return None
    value_key = _value_key(value)
    if not value_key:
        return None
    at = key.find(value_key)
    while at >= 0:
        start, end = key_pos[at], key_pos[at + len(value_key) - 1] + 1
        if _boundary(text, start, end):
            return start, end
        at = key.find(value_key, at + 1)
    return None


class _Joined:
    """Strings joined by newlines, so the few that hold a value are found with `str.find` over the whole
    document instead of one search per line."""

    def __init__(self, parts: list[str]) -> None:
        self.text = "\n".join(parts)
        self.starts: list[int] = []
        at = 0
        for part in parts:
            self.starts.append(at)
            at += len(part) + 1

    def holding(self, needle: str) -> set[int]:
        """Indices of the strings that hold `needle`: every one that does (and, when the needle spans a newline,
        one that does not, which the search of that string then rejects)."""
        out: set[int] = set()
        at = self.text.find(needle) if needle else -1
        while at >= 0:
            out.add(bisect_right(self.starts, at) - 1)
            at = self.text.find(needle, at + 1)
        return out


class Locator:
    """Finds values in one normalised document, section by section."""

    def __init__(self, doc: Document, blocks: list[Block]) -> None:
        sections = _sections(doc, blocks)
        self.rows: list[_Row] = []
        for number, line in enumerate(doc.lines, start=1):
            row = _Row(number=number, line=line, section=sections.get(id(line)))
            if line.words:
                parts: list[str] = []
                at = 0
                for word, box in line.words:
                    text = normalize_text(word)
                    if not text:
                        continue
                    if parts:
                        at += 1
                    row.boxes.append((at, at + len(text), box))
                    parts.append(text)
                    at += len(text)
                row.text = " ".join(parts)
            else:
                row.text = line.text
            row.lower = row.text.lower()
            row.key, row.key_pos = _key(row.text)
            self.rows.append(row)
        self._pairs: dict[int, tuple[str, str, str, list[int]] | None] = {}
        # the lower-case and folded forms of every line, and of every line joined with the next (the folded form
        # of two lines joined by a space is theirs end to end: a space has no letters or digits)
        self._lower = _Joined([row.lower for row in self.rows])
        self._keys = _Joined([row.key for row in self.rows])
        pairs = [(row, self._next(index)) for index, row in enumerate(self.rows)]
        self._pair_lower = _Joined([
            f"{row.text} {second.text}".lower() if row.text and second is not None else "" for row, second in pairs])
        self._pair_keys = _Joined([
            row.key + second.key if row.text and second is not None else "" for row, second in pairs])
        self.by_section: dict[SectionKind, list[int]] = {}
        for index, row in enumerate(self.rows):
            if row.section is not None:
                self.by_section.setdefault(row.section, []).append(index)

    def candidates(self, sections: Iterable[SectionKind], after: int = 0) -> list[int]:
        """Row indices to search, best first: each section's rows from `after` on, in the sections' order, then
        their rows before `after`, then every other row."""
        wanted = [self.by_section.get(s, []) for s in dict.fromkeys(sections)]
        order = [i for rows in wanted for i in rows if i >= after]
        order.extend(i for rows in wanted for i in rows if i < after)
        order.extend(range(len(self.rows)))
        return list(dict.fromkeys(order))

    def around(self, anchor: int, floor: int, sections: Iterable[SectionKind]) -> list[int]:
        """Rows near an entry's anchor first (the anchor, the lines after it, the line before; none before
        `floor`), then `candidates`."""
        near = [*range(anchor, min(anchor + _NEAR + 1, len(self.rows))), anchor - 1]
        return list(dict.fromkeys([*(i for i in near if i >= max(floor, 0)), *self.candidates(sections, floor)]))

    def find(self, value: str | None, order: list[int]) -> _Hit | None:
        """The first of the rows in `order` that holds `value` as written, else on its letters and digits alone,
        else over a line and the next."""
        if not value or not value.strip():
            return None
        needle, value_key = value.strip().lower(), _value_key(value)
        for exact in (True, False):
            holding = self._lower.holding(needle) if exact else self._keys.holding(value_key)
            for index in [i for i in order if i in holding]:
                row = self.rows[index]
                if row.text:
                    span = _find(row.text, row.lower, row.key, row.key_pos, value, exact)
                    if span is not None:
                        return _Hit([row], *span)
        # wrapped onto the next line of the same column and page (a bullet-only line between may be skipped)
        holding = self._pair_lower.holding(needle) | self._pair_keys.holding(value_key)
        for index in [i for i in order if i in holding]:
            pair = self._pair(index)
            if pair is None:
                continue
            text, lower, key, pos = pair
            first = self.rows[index]
            for exact in (True, False):
                span = _find(text, lower, key, pos, value, exact)
                if span is not None and span[0] < len(first.text) < span[1]:
                    second = self._next(index)
                    assert second is not None
                    return _Hit([first, second], *span)
        return None

    def _pair(self, index: int) -> tuple[str, str, str, list[int]] | None:
        """A line joined with the line that continues it, with its lower-case and folded forms: made once per
        line, when a value not found on one line is in the joined text of this pair."""
        if index not in self._pairs:
            first, second = self.rows[index], self._next(index)
            if not first.text or second is None:
                self._pairs[index] = None
            else:
                text = f"{first.text} {second.text}"
                self._pairs[index] = (text, text.lower(), *_key(text))
        return self._pairs[index]

    def _next(self, index: int) -> _Row | None:
        """The line that continues this one: the next with letters or digits, in the same column and page."""
        row = self.rows[index]
        for other in self.rows[index + 1:index + 3]:
            if other.line.page != row.line.page or other.line.column != row.line.column:
                return None
            if other.key:
                return other
        return None

    def find_in_row(self, value: str, index: int) -> _Hit | None:
        return self.find(value, [index]) if 0 <= index < len(self.rows) else None

    def index(self, hit: _Hit) -> int:
        return hit.rows[0].number - 1


def _sections(doc: Document, blocks: list[Block]) -> dict[int, SectionKind]:
    """Section of each line of the document (by identity; a line the segmenter rewrote by its page and box)."""
    out: dict[int, SectionKind] = {}
    by_place: dict[tuple[int, BBox], SectionKind] = {}
    by_text: dict[str, SectionKind] = {}
    for block in blocks:
        lines = [block.heading_line] if block.heading_line is not None else []
        for line in [*lines, *block.lines]:
            out[id(line)] = block.kind
            if line.bbox is not None:
                by_place.setdefault((line.page, line.bbox), block.kind)
            if line.text:
                by_text.setdefault(line.text, block.kind)
    for line in doc.lines:
        if id(line) in out:
            continue
        kind = by_place.get((line.page, line.bbox)) if line.bbox is not None else None
        kind = kind or by_text.get(line.text)
        if kind is None and block_heading(blocks, line.text):
            kind = block_heading(blocks, line.text)
        if kind is not None:
            out[id(line)] = kind
    return out


def block_heading(blocks: list[Block], text: str) -> SectionKind | None:
    for block in blocks:
        if block.heading and block.heading == text:
            return block.kind
    return None


class _Builder:
    def __init__(self, doc: Document, locator: Locator) -> None:
        self.doc = doc
        self.locator = locator
        self.out: list[Evidence] = []
        self.scale = {p.number: p.pixels_per_point for p in doc.pages}

    def add(self, path: str, kind: EvidenceKind, value: str | None, hit: _Hit | None) -> Evidence:
        ev = self.evidence(path, kind, value, hit)
        self.out.append(ev)
        return ev

    def evidence(self, path: str, kind: EvidenceKind, value: str | None, hit: _Hit | None) -> Evidence:
        if hit is None:
            return Evidence(field=path, kind=kind, text=value)
        rows = hit.rows
        joined = " ".join(r.text for r in rows)
        boxes: list[BBox] = []
        offset = 0
        for row in rows:
            for start, end, box in row.boxes:
                if min(end + offset, hit.end) > max(start + offset, hit.start):
                    boxes.append(_trim(row.text, start, end, box, hit.start - offset, hit.end - offset))
            offset += len(row.text) + 1
        page = rows[0].line.page
        bbox = _union(boxes) if boxes else None
        if bbox is None and all(r.line.bbox is not None for r in rows) and not any(r.boxes for r in rows):
            bbox = _union([r.line.bbox for r in rows if r.line.bbox is not None])
        unit: Literal["pt", "px"] | None = None
        if bbox is not None:
            unit = "pt"
            scale = self.scale.get(page)
            if scale:
                bbox = (bbox[0] * scale, bbox[1] * scale, bbox[2] * scale, bbox[3] * scale)
                unit = "px"
            bbox = (round(bbox[0], 2), round(bbox[1], 2), round(bbox[2], 2), round(bbox[3], 2))
        return Evidence(
            field=path, kind=kind, text=joined[hit.start:hit.end], page=page, bbox=bbox, unit=unit,
            lines=[r.number for r in rows], line_text="\n".join(r.line.text for r in rows),
            section=rows[0].section, found=True,
        )

    def group(self, path: str, kind: EvidenceKind, parts: list[Evidence]) -> None:
        """The evidence of a whole entry, before its parts: the union of its parts on the first part's page."""
        at = min((i for i, ev in enumerate(self.out) if any(ev is p for p in parts)), default=len(self.out))
        self.out.insert(at, self._group(path, kind, parts))

    def _group(self, path: str, kind: EvidenceKind, parts: list[Evidence]) -> Evidence:
        found = [p for p in parts if p.found]
        if not found:
            return Evidence(field=path, kind=kind)
        page = found[0].page
        same = [p for p in found if p.page == page]
        boxes = [p.bbox for p in same if p.bbox is not None]
        lines = sorted({n for p in same for n in p.lines})
        rows = [self.locator.rows[n - 1] for n in lines]
        return Evidence(
            field=path, kind=kind, text=" | ".join(p.text for p in same if p.text), page=page,
            bbox=_union(boxes) if boxes else None, unit=same[0].unit if boxes else None, lines=lines,
            line_text="\n".join(r.line.text for r in rows), section=same[0].section, found=True,
        )


def _trim(text: str, start: int, end: int, box: BBox, hit_start: int, hit_end: int) -> BBox:
    """A word's box without the punctuation the value leaves out ("Computer Science," for "Computer Science"):
    the word's width shared out by characters, trimmed only where one or two non-alphanumerics are left over."""
    x0, top, x1, bottom = box
    chars = end - start
    if chars <= 0:
        return box
    share = (x1 - x0) / chars
    after = text[hit_end:end] if hit_end < end else ""
    before = text[start:hit_start] if hit_start > start else ""
    if after and len(after) <= 2 and not any(ch.isalnum() for ch in after):
        x1 -= 0.8 * share * len(after)
    if before and len(before) <= 2 and not any(ch.isalnum() for ch in before):
        x0 += 0.8 * share * len(before)
    return x0, top, x1, bottom


def _union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _url_variants(url: str) -> list[str]:
    bare = url.split("://", 1)[-1]
    out = [url, bare, bare.removeprefix("www."), bare.rstrip("/"), bare.removeprefix("www.").rstrip("/")]
    if bare.startswith("mailto:"):
        out.append(bare[7:])
    return list(dict.fromkeys(v for v in out if v))


def locate(doc: Document, blocks: list[Block], resume: Resume) -> list[Evidence]:
    """The evidence of every value of `resume`, read from `doc` (the normalised document) and its blocks."""
    loc = Locator(doc, blocks)
    b = _Builder(doc, loc)
    header: list[SectionKind] = ["contact"]
    languages = date_languages(resume.meta.language)

    if resume.name is not None:
        hit = loc.find(resume.name.full, loc.candidates(header))
        if hit is None and resume.name.first and resume.name.last:
            hit = loc.find(f"{resume.name.last} {resume.name.first}", loc.candidates(header))
        b.add("name", "name", resume.name.full, hit)
    if resume.headline:
        b.add("headline", "headline", resume.headline, loc.find(resume.headline, loc.candidates(header)))
    for n, email in enumerate(resume.emails):
        b.add(f"emails[{n}]", "email", email, loc.find(email, loc.candidates(header)))
    for n, phone in enumerate(resume.phones):
        b.add(f"phones[{n}]", "phone", phone.raw, loc.find(phone.raw, loc.candidates(header)))
    if resume.location is not None:
        b.add("location", "location", resume.location.raw, loc.find(resume.location.raw, loc.candidates(header)))
    for n, url in enumerate(resume.links):
        b.add(f"links[{n}]", "link", url, _find_link(loc, url))
    for n, profile in enumerate(resume.profiles):
        hit = _find_link(loc, profile.url)
        if hit is None and profile.username:
            hit = loc.find(profile.username, loc.candidates(header))
        b.add(f"profiles[{n}]", "profile", profile.url, hit)

    cursor = 0
    for n, job in enumerate(resume.work):
        cursor = _locate_entry(b, loc, f"work[{n}]", "work", ["experience", "other", "contact"], cursor, languages,
                               [("title", "title", job.title), ("company", "company", job.company)],
                               (job.start_date, job.end_date, job.is_current), job.location)
    cursor = 0
    for n, edu in enumerate(resume.education):
        cursor = _locate_entry(b, loc, f"education[{n}]", "education", ["education", "other", "contact"], cursor,
                               languages,
                               [("institution", "institution", edu.institution), ("degree", "degree", edu.degree),
                                ("field_of_study", "field_of_study", edu.field_of_study)],
                               (edu.start_date, edu.end_date, edu.is_current), None)

    cursor = 0
    for n, skill in enumerate(resume.skills):
        sections: list[SectionKind] = list(dict.fromkeys([*skill.sources, "skills"]))
        hit = loc.find(skill.raw, loc.candidates(sections, cursor)) or loc.find(skill.name, loc.candidates(sections))
        if hit is not None and hit.rows[0].section == "skills":
            cursor = loc.index(hit)
        b.add(f"skills[{n}]", "skill", skill.raw, hit)
    for n, language in enumerate(resume.languages):
        order = loc.candidates(["languages", "skills"])
        hit = loc.find(language.raw, order) if language.raw else None
        b.add(f"languages[{n}]", "language", language.raw or language.name, hit or loc.find(language.name, order))
    for n, cert in enumerate(resume.certifications):
        hit = loc.find(cert.name, loc.candidates(["certifications"]))
        b.add(f"certifications[{n}]", "certification", cert.name, hit)
    return b.out


def _locate_entry(b: _Builder, loc: Locator, key: str, kind: EvidenceKind, sections: list[SectionKind], cursor: int,
                  languages: tuple[str, ...], values: list[tuple[str, EvidenceKind, str | None]],
                  dates: tuple[str | None, str | None, bool], location: Location | None) -> int:
    """One work or education entry: its values (each after the first near the first found), its date range near
    them, its location; returns where the next entry's search starts."""
    order = loc.candidates(sections, cursor)
    parts: list[Evidence] = []
    anchors: list[int] = []
    for name, value_kind, value in values:
        if not value:
            continue
        hit = loc.find(value, order if not anchors else loc.around(anchors[0], cursor, sections))
        if hit is not None:
            anchors.append(loc.index(hit))
        parts.append(b.add(f"{key}.{name}", value_kind, value, hit))
    start, end, current = dates
    nearby = _anchors(anchors, cursor)
    found = next((d for at in nearby if (d := _find_dates(loc, at, start, end, current, languages)) is not None), None)
    if found is not None or start or end:
        parts.append(b.add(f"{key}.dates", "dates", None, found))
    if location is not None:
        near = loc.around(nearby[0], cursor, sections)
        parts.append(b.add(f"{key}.location", "location", location.raw, loc.find(location.raw, near)))
    b.group(key, kind, parts)
    return _after(parts, cursor)


def _anchors(anchors: list[int], cursor: int) -> list[int]:
    """Where an entry's other parts (dates, location) are searched, best first: its parts found after the entry
    before it, then those above it (a company line printed once over several roles is above the later roles, and
    their dates are near their titles, not near it); the cursor when no part was found."""
    below = sorted(a for a in anchors if a >= cursor)
    above = sorted(a for a in anchors if a < cursor)
    return [*below, *above] or [cursor]


def _after(parts: list[Evidence], cursor: int) -> int:
    """Where the next entry's search starts: after the last line this entry was found on (row index)."""
    lines = [n for p in parts if p.found for n in p.lines]
    return max(cursor, max(lines)) if lines else cursor


def _find_link(loc: Locator, url: str) -> _Hit | None:
    order = loc.candidates(["contact"])
    for variant in _url_variants(url):
        hit = loc.find(variant, order)
        if hit is not None:
            return hit
    for index in order:  # a link annotation over other text ("LinkedIn", an icon): its line
        row = loc.rows[index]
        if url in row.line.links and row.text:
            return _Hit([row], 0, len(row.text))
    return None


def _find_dates(
    loc: Locator, anchor: int, start: str | None, end: str | None, current: bool, languages: tuple[str, ...]
) -> _Hit | None:
    """The date range on the entry's lines (from the line before its anchor) whose start and end are the entry's."""
    if not (start or end):
        return None

    def same(found: DateRange) -> bool:
        if found.start == start and (found.end == end or (current and found.is_current)):
            return True
        if start is None:  # only an end ("2017"): a single date
            return found.start == end and found.end is None
        return end is None and not current and found.start == start
    for index in [*range(anchor, min(anchor + _NEAR + 1, len(loc.rows))), *range(max(anchor - 2, 0), anchor)]:
        line = loc.rows[index].line
        text = line.text
        if not text or not any(ch.isdigit() for ch in text):
            continue
        for found in find_date_ranges(text, languages):
            if same(found):
                hit = loc.find_in_row(text[found.start_pos:found.end_pos], index)
                if hit is not None:
                    return hit
    return None
