"""Education: one entry per degree, with institution, degree as written and its level, field, dates, grade."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Line
from ..models import DEGREE_RANK, DegreeLevel, EducationEntry
from .dates import DateRange, find_date_ranges
from .entries import strip_bullet, to_text_lines
from .lexicon import degree_patterns, is_place, norm, school_words
from .work import make_location

GRADE_RE = re.compile(
    r"\b(?:c?gpa|grade|note|nota|cgpa|score|percentage)\s*[:\-]?\s*\d+(?:[.,]\d+)?\s*(?:/\s*\d+(?:[.,]\d+)?|%)?"
    r"|\b\d+(?:\.\d+)?\s*/\s*(?:4|5|10)(?:\.0+)?\b|\b\d{2}(?:\.\d+)?\s*%"
    r"|\b(?:first|second|third|upper second|lower second)[- ]class(?: honou?rs)?(?: \(?\d:\d\)?)?"
    r"|\b(?:summa|magna)? ?cum laude\b|\bwith (?:high |highest )?(?:distinction|honou?rs|merit)\b"
    r"|\bdistinction\b|\b2:[12]\b",
    re.I,
)
_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s+[-–—]\s+|\s*\|\s*|\t|\s{3,}")


@dataclass
class _Draft:
    institution: str | None = None
    degree: str | None = None
    level: DegreeLevel | None = None
    field_of_study: str | None = None
    dates: DateRange | None = None
    grade: str | None = None
    location: str | None = None
    extra: list[str] = field(default_factory=list)
    evidence: float = 0.0


def find_degree(text: str) -> tuple[str, DegreeLevel, int, int] | None:
    """The first degree named in the text: (as written, level, start, end)."""
    best: tuple[str, DegreeLevel, int, int] | None = None
    for pattern, level in degree_patterns():
        for m in pattern.finditer(text):
            written = m.group(0).strip()
            letters = re.sub(r"[^A-Za-z]", "", written)
            # "BA", "MS", "BE" only in capitals (never the words "be", "ma", "as"); "PhD", "BSc" have two capitals
            if "." not in written and len(letters) <= 4 and sum(c.isupper() for c in letters) < 2:
                continue
            if best is None or m.start() < best[2] or (m.start() == best[2] and m.end() > best[3]):
                best = (written, level, m.start(), m.end())  # type: ignore[assignment]
            break
    return best


def has_school(text: str) -> bool:
    words = set(re.findall(r"[^\W\d_]+", norm(text)))
    return bool(words & school_words()) and len(text) <= 120


def _field_after(text: str) -> str | None:
    """ "in Computer Science", ", Biochemistry", "of Science in X", " Computer Science" -> the field."""
    subject = r"science|arts|engineering|technology|business administration"
    text = re.sub(rf"^\s*(?:of\s+(?:{subject})\s+)?", "", text, flags=re.I)
    text = re.sub(r"^\s*(?:\(|,|in|en|em|in der|im|of|:|-|–)\s+", "", text, flags=re.I).strip()
    text = re.split(r"\s*(?:[·|(]|\s[-–—]\s|,\s*(?=\D*\b(?:19|20)\d\d)|\bat\b|\bfrom\b)", text)[0]
    text = text.strip(" ,.;:-–")
    if not text or len(text) > 80 or has_school(text) or is_place(text):
        return None
    return text if re.search(r"[A-Za-z]{3,}", text) else None


def _read_line(draft: _Draft, text: str, languages: tuple[str, ...]) -> None:
    rest = text
    for rng in find_date_ranges(text, languages):
        if draft.dates is None or (rng.end and not draft.dates.end):
            draft.dates = rng
        rest = rest.replace(text[rng.start_pos : rng.end_pos], " ")
    g = GRADE_RE.search(rest)
    if g and draft.grade is None:
        draft.grade = g.group(0).strip(" ,;")
        rest = rest.replace(g.group(0), " ")
    rest = re.sub(r"\(\s*\)", " ", rest)
    pieces = [p.strip(" ,;:()") for p in _SEPARATORS.split(rest)]
    subs = [s.strip(" ;:()") for p in pieces for s in p.split(",") if s.strip(" ;:()")]
    want_field = False
    for n, sub in enumerate(subs):
        d = find_degree(sub)
        if d and draft.degree is None:
            written, level, start, end = d
            # "Bachelor of Science in Physics" -> degree + field; "B.S, Biochemistry" -> the next piece
            draft.degree, draft.level = written.strip(" ,"), level
            draft.field_of_study = draft.field_of_study or _field_after(sub[end:])
            want_field = draft.field_of_study is None
            before = sub[:start].strip(" ,")
            if before and has_school(before):
                draft.institution = draft.institution or before
            continue
        if has_school(sub) and draft.institution is None:
            draft.institution = sub
        elif is_place(sub) or (draft.location and n and is_place(f"{subs[n - 1]}, {sub}")):
            draft.location = f"{draft.location}, {sub}" if draft.location else sub
        elif want_field and _field_after(sub):
            draft.field_of_study = _field_after(sub)
        else:
            draft.extra.append(sub)
        want_field = False


def extract_education(lines: list[Line], languages: tuple[str, ...] = ("en",)) -> list[tuple[EducationEntry, float]]:
    drafts: list[_Draft] = []
    cur = _Draft()
    for line in to_text_lines(lines):
        if line.blank:
            continue
        text = strip_bullet(line.text)
        has_deg = find_degree(text) is not None
        school = has_school(text)
        # a new degree or a second school starts the next entry
        starts_new = (has_deg and (cur.degree is not None or (cur.institution is not None and cur.dates is not None)))
        starts_new = starts_new or (school and cur.institution is not None and not has_deg)
        if not starts_new and line.gap_before and (cur.degree or cur.institution) and (cur.dates or cur.extra):
            starts_new = True
        if starts_new:
            drafts.append(cur)
            cur = _Draft()
        _read_line(cur, text, languages)
    drafts.append(cur)
    out: list[tuple[EducationEntry, float]] = []
    for d in drafts:
        if d.institution is None and d.extra and (d.degree or d.dates):
            # an unknown school name ("Coursera", "ABC Academy"): the first short capitalised leftover
            cand = next((e for e in d.extra if e[:1].isupper() and len(e.split()) <= 8), None)
            if cand:
                d.institution = cand
                d.extra.remove(cand)
        if d.degree and d.field_of_study is None and d.extra:
            cand = next((e for e in d.extra if len(e.split()) <= 8 and not GRADE_RE.search(e)), None)
            if cand and cand != d.institution:
                d.field_of_study = cand
                d.extra.remove(cand)
        if not (d.institution or d.degree):
            continue
        evidence = (0.4 if d.degree else 0.0) + (0.4 if d.institution and has_school(d.institution) else 0.15
                                                 if d.institution else 0.0) + (0.2 if d.dates else 0.0)
        entry = EducationEntry(
            institution=d.institution,
            degree=d.degree,
            degree_level=d.level,
            field_of_study=d.field_of_study,
            start_date=d.dates.start if d.dates and (d.dates.end or d.dates.is_current) else None,
            end_date=d.dates.end if d.dates and d.dates.end else (
                d.dates.start if d.dates and not d.dates.is_current else None),
            is_current=bool(d.dates and d.dates.is_current),
            grade=d.grade,
            location=make_location(d.location) if d.location else None,
            description=" ".join(e for e in d.extra if e != d.field_of_study) or None,
        )
        out.append((entry, evidence))
    return out


def highest_level(entries: list[EducationEntry]) -> DegreeLevel | None:
    best: DegreeLevel | None = None
    for entry in entries:
        level = entry.degree_level
        if level is not None and (best is None or DEGREE_RANK[level] > DEGREE_RANK[best]):
            best = level
    return best
