"""Education: one entry per degree, with institution, degree as written and its level, field, dates, grade."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Line
from ..models import DEGREE_RANK, DegreeLevel, EducationEntry
from .dates import DateRange, find_date_ranges
from .entries import TextLine, strip_bullet, to_text_lines
from .wordlists import degree_patterns, is_place, norm, school_acronyms, school_words
from .work import make_location

GRADE_RE = re.compile(
    r"\b(?:c?gpa|grade|note|nota|cgpa|score|percentage|abschlussnote|moyenne|voto)(?:\s+(?:media|finale|final))?"
    r"\s*[:\-]?\s*\d+(?:[.,]\d+)?\s*(?:/\s*\d+(?:[.,]\d+)?|%)?"
    r"|\b\d+(?:\.\d+)?\s*/\s*(?:4|5|10)(?:\.0+)?\b|\b\d{2}(?:\.\d+)?\s*%"
    r"|\b(?:first|second|third|upper second|lower second)[- ]class(?: honou?rs)?(?: \(?\d:\d\)?)?"
    r"|\b(?:summa|magna)? ?cum laude\b|\bwith (?:high |highest )?(?:distinction|honou?rs|merit)\b"
    r"|\bdistinction\b|\b2:[12]\b",
    re.I,
)
_DEGREE_TAIL = re.compile(r"\s*(?:-\s*([A-Z][\w.]{1,10})(?![\w.])|\(([^)]{1,20})\))")
_WRAP_END = re.compile(r"(?:\b(?:of|de|del|da|do|di|der|für|and|und|y|et|e|&)|[,&-])$", re.I)
_HONOURS = re.compile(r"\bhon(?:ou?rs|s)\b", re.I)
_CAMPUS = re.compile(r"\b(?:university|universidad|université|universität|universidade) of [\w ]+$", re.I)
_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s+[-–—]\s+|\s*[|;]\s*|\t|\s{3,}")


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
    last_line_extra: str | None = None
    """The last line read, when all of it was left over (a school name the word list lacks)."""


# memoised: the rules, the tagger's features and the selector ask the same lines again (pure, data fixed)
@lru_cache(maxsize=8192)
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


@lru_cache(maxsize=8192)
def has_school(text: str) -> bool:
    if len(text) > 120:
        return False
    words = set(re.findall(r"[^\W\d_]+", norm(text)))
    return bool(words & school_words()) or bool(set(re.findall(r"\b[A-Z]{2,5}\b", text)) & school_acronyms())


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
    pieces = [p.strip(" ,;:") for p in _SEPARATORS.split(rest)]
    # "Doctor of Philosophy - PhD, Neuroscience": the abbreviation after the dash stays with the degree
    joined: list[str] = []
    for piece in pieces:
        if joined and find_degree(joined[-1]) and (d := find_degree(piece)) and d[2] == 0 and len(d[0]) <= 8:
            joined[-1] = f"{joined[-1]} - {piece}"
        else:
            joined.append(piece)
    subs = [s.strip(" ;:") for p in joined for s in p.split(",") if s.strip(" ;:()")]
    subs = [s[1:-1] if s.startswith("(") and s.endswith(")") else s for s in subs]
    want_field = False
    for n, sub in enumerate(subs):
        d = find_degree(sub)
        if d and d[1] == "high_school" and d[2] > 0 and has_school(sub):
            d = None  # "George Washington High School" names the school
        if d and draft.degree is None:
            written, level, start, end = d
            written = written.strip(" ,")
            end = start + len(written)
            # "Doctor of Philosophy - PhD", "Bachelor of Science (B.Sc.)", "BA (Honors)": all of it as written
            ext = _DEGREE_TAIL.match(sub[end:])
            if ext and (find_degree(ext.group(1) or ext.group(2) or "") or _HONOURS.search(ext.group(0))):
                written, end = written + ext.group(0).rstrip(), end + len(ext.group(0))
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
        elif draft.institution == subs[n - 1] and _CAMPUS.search(draft.institution or "") and is_place(sub):
            draft.institution = f"{draft.institution}, {sub}"  # "University of California, Berkeley"
        elif is_place(sub) or (draft.location and n and is_place(f"{subs[n - 1]}, {sub}")):
            draft.location = f"{draft.location}, {sub}" if draft.location else sub
        elif want_field and _field_after(sub):
            draft.field_of_study = _field_after(sub)
        else:
            draft.extra.append(sub)
        want_field = False


def read_degree(text: str) -> tuple[str | None, DegreeLevel | None, str | None]:
    """A degree line read alone: (degree as written, its level, field of study)."""
    draft = _Draft()
    _read_line(draft, text, ("en",))
    return draft.degree, draft.level, draft.field_of_study


def _join_wrapped(lines: list[TextLine]) -> list[TextLine]:
    """ "Universidad Nacional Autónoma de" + "México": a name cut after a preposition is one line."""
    out: list[TextLine] = []
    for line in lines:
        if out and not line.gap_before and _WRAP_END.search(out[-1].text):
            out[-1] = TextLine(text=f"{out[-1].text} {line.text}", blank=False, bullet=out[-1].bullet,
                               gap_before=out[-1].gap_before, bold=out[-1].bold)
        else:
            out.append(line)
    return out


def _without(text: str, ranges: list[DateRange]) -> str:
    for r in reversed(ranges):
        text = text[: r.start_pos] + " " + text[r.end_pos :]
    return text


def extract_education(lines: list[Line], languages: tuple[str, ...] = ("en",)) -> list[tuple[EducationEntry, float]]:
    drafts: list[_Draft] = []
    cur = _Draft()
    for line in _join_wrapped(to_text_lines(lines)):
        text = strip_bullet(line.text)
        has_deg = find_degree(text) is not None
        school = has_school(text)
        ranges = find_date_ranges(text, languages)
        only_date = bool(ranges) and not re.search(r"[^\W\d_]{3,}", _without(text, ranges))
        complete = bool((cur.degree or cur.institution) and cur.dates)
        # a new degree, a second school, or anything after a finished entry starts the next entry
        starts_new = has_deg and (
            cur.degree is not None or (cur.institution is not None and cur.dates is not None and line.gap_before)
        )
        starts_new = starts_new or (school and cur.institution is not None and not has_deg)
        # a school after a finished entry whose school name was a leftover line ("Lakeside Prep")
        starts_new = starts_new or (school and cur.institution is None and bool(cur.degree and cur.dates and cur.extra))
        starts_new = starts_new or (line.gap_before and complete and not only_date)
        carried = None
        if starts_new:
            if has_deg and not school and cur.last_line_extra and cur.extra and cur.extra[-1] == cur.last_line_extra:
                carried = cur.extra.pop()  # "UC Santa Barbara" above "Bachelor of Science"
            drafts.append(cur)
            cur = _Draft(extra=[carried] if carried else [])
        before = len(cur.extra)
        _read_line(cur, text, languages)
        added = cur.extra[before:]
        cur.last_line_extra = ", ".join(added) if added and len(added) == 1 and added[0] == text.strip() else None
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
            description=", ".join(e for e in d.extra if e != d.field_of_study) or None,
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
