"""Work history: one entry per role, title and company told apart by evidence rather than by line order.

Evidence for a title: the job-title lexicon (the whole part, or its head noun: engineer, manager...).
Evidence for a company: organisation suffixes and words (Inc, GmbH, Ltd, Solutions, Bank...), an "at"/"@"
before it, or being the group header above several roles. A part that is a known place is the location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Line
from ..models import Location, WorkEntry
from .entries import RawEntry, body_text, split_entries
from .lexicon import company_words, is_place, job_titles, norm, places, school_words, title_heads, title_words

EMPLOYMENT_TYPES = {
    "full-time": "full-time", "full time": "full-time", "fulltime": "full-time", "part-time": "part-time",
    "part time": "part-time", "contract": "contract", "contractor": "contract", "freelance": "freelance",
    "freelancer": "freelance", "self-employed": "self-employed", "self employed": "self-employed",
    "internship": "internship", "intern": "internship", "temporary": "temporary", "apprenticeship": "apprenticeship",
    "seasonal": "seasonal", "werkstudent": "part-time", "praktikum": "internship", "stage": "internship",
    "prácticas": "internship", "permanent": "full-time", "volunteer": "volunteer",
}
_ETYPE_RE = re.compile(r"\(?\b(" + "|".join(sorted(map(re.escape, EMPLOYMENT_TYPES), key=len, reverse=True))
                       + r")\b\)?", re.I)
_SPLIT = re.compile(r"\s+(?:at|@|chez|bei|en)\s+|\s*@\s*|\s+[|·•]\s+|\s*\|\s*|\s+[-–—]\s+|\t|\s{3,}", re.I)


@dataclass
class Part:
    text: str
    title: float
    company: float
    place: bool
    order: int
    line: int


def title_score(text: str) -> float:
    key = re.sub(r"\s+(?:i{1,3}|iv|v|[1-5])$", "", norm(text))  # "Scientist II", "Engineer 2"
    if not key or any(ch.isdigit() for ch in key):
        return 0.0
    words = re.findall(r"[\w+#-]+", key)
    if not words or len(words) > 9:
        return 0.0
    score = 0.0
    if key in job_titles():
        score = 3.0
    elif words[-1] in title_heads():
        score = 2.0
    elif any(w in title_heads() for w in words):
        score = 1.5
    elif any(w in title_words() for w in words):
        score = 0.5
    if " of " in f" {key} " and score < 2 and words[0] in title_heads():  # "Director of Engineering"
        score = 2.0
    return score


def company_score(text: str) -> float:
    key = norm(text).replace(",", " ")
    words = key.split()
    if not words:
        return 0.0
    cw = company_words()
    if words[-1] in cw:
        return 2.0
    if any(w in cw for w in words) or any(w in school_words() for w in words):
        return 1.5
    raw = text.strip()
    if re.fullmatch(r"[A-Z0-9&]{2,6}", raw):  # IBM, SAP, KPMG
        return 1.0
    if re.search(r"\.(?:com|io|ai|org|net|co)\b", key):
        return 1.5
    return 0.0


def _parts(lines: list[str]) -> tuple[list[Part], list[str], str | None, list[bool]]:
    parts: list[Part] = []
    locations: list[str] = []
    etype: str | None = None
    at_hint: list[bool] = []
    order = 0
    for line_no, line in enumerate(lines):
        # "Senior Engineer at Acme": the part after "at" is the company
        pieces = _SPLIT.split(line)
        hints = [False] + [bool(re.match(r"\s+(?:at|@|chez|bei)\s+|\s*@\s*", sep, re.I))
                           for sep in _SPLIT.findall(line)]
        for piece, hint in zip(pieces, hints, strict=False):
            piece = piece.strip(" ,;:-–—()")
            if not piece:
                continue
            m = _ETYPE_RE.fullmatch(piece)
            if m and title_score(piece) < 2:
                etype = EMPLOYMENT_TYPES[m.group(1).lower()]
                continue
            found = _ETYPE_RE.search(piece)
            if found and found.group(0).startswith("("):
                etype = EMPLOYMENT_TYPES[found.group(1).lower()]
                piece = (piece[: found.start()] + piece[found.end() :]).strip(" ,")
            for sub in _comma_split(piece):
                if is_place(sub):
                    locations.append(sub)
                    continue
                company = company_score(sub) + (3.0 if hint else 0.0)
                parts.append(Part(sub, title_score(sub), company, False, order, line_no))
                at_hint.append(hint)
                order += 1
    return parts, locations, etype, at_hint


def _comma_split(piece: str) -> list[str]:
    """Split "Senior Engineer, Acme Corp, Berlin" but keep "Director, Research Investigator" whole."""
    subs = [s.strip() for s in piece.split(",") if s.strip()]
    if len(subs) == 1:
        return subs
    out: list[str] = []
    # peel places off the end
    while len(subs) > 1 and is_place(subs[-1]):
        tail = subs.pop()
        out.insert(0, tail)
    if len(subs) > 1 and is_place(", ".join(subs[-2:])):
        out.insert(0, ", ".join(subs[-2:]))
        subs = subs[:-2]
    if not subs:
        return out
    # a company-like piece splits the rest; a run of title-like pieces stays one title
    merged: list[str] = []
    for s in subs:
        ts = title_score(s)
        if merged and title_score(merged[-1]) > 0 and company_score(merged[-1]) < 2 and (
            ts >= 2 or (ts > 0 and not company_score(s))
        ):
            merged[-1] = f"{merged[-1]}, {s}"
        elif merged and not company_score(s) and ts == 0 and title_score(merged[-1]) > 0 and s[:1].islower():
            merged[-1] = f"{merged[-1]}, {s}"
        else:
            merged.append(s)
    return merged + out


def classify(entry: RawEntry) -> tuple[str | None, str | None, list[str], str | None, float, bool]:
    """(title, company, locations, employment type, evidence in 0..1, company on a line above the title)."""
    parts, locations, etype, _ = _parts(entry.header)
    title: Part | None = None
    company: Part | None = None
    group = entry.group
    if group and is_place(group):
        group = None
    if len(parts) == 1:
        p = parts[0]
        if group or p.title >= p.company:
            title = p
        else:
            company = p
    elif parts:
        best = -1.0
        for a in parts:
            for b in parts:
                if a is b:
                    continue
                # a mild prior: the title comes first ("Engineer, Acme"; "Engineer at Acme")
                score = a.title + b.company + (0.3 if a.order < b.order else 0.0) - 0.5 * a.company - 0.5 * b.title
                if score > best:
                    best, title, company = score, a, b
    if group and company is None:
        company_text: str | None = group
    else:
        company_text = company.text if company else None
    title_text = title.text if title else None
    if title_text is None and etype == "internship":
        title_text = "Intern"
    evidence = 0.0
    if title and title.title >= 2:
        evidence += 0.5
    elif title and title.title > 0:
        evidence += 0.3
    if (company and company.company > 0) or (group and company is None):
        evidence += 0.5
    elif company_text:
        evidence += 0.25
    if entry.tail and is_place(entry.tail):
        locations.append(entry.tail)
    above = bool(company and title and company.line < title.line)
    return title_text, company_text, locations, etype, min(1.0, evidence), above


def make_location(raw: str) -> Location:
    pieces = [p.strip() for p in raw.split(",") if p.strip()]
    return Location(raw=raw, city=pieces[0] if pieces and norm(pieces[0]) in places() else None)


def extract_work(lines: list[Line], languages: tuple[str, ...] = ("en",)) -> list[tuple[WorkEntry, float]]:
    """Entries of an experience section, each with its header evidence (0..1)."""
    out: list[tuple[WorkEntry, float]] = []
    prev_group: str | None = None
    for raw in split_entries(lines, languages):
        title, company, locations, etype, evidence, company_above = classify(raw)
        if company is None and title and prev_group and len(raw.header) <= 1:
            # one more role under the company named above the previous one
            company, evidence = prev_group, evidence + 0.2
        elif raw.group:
            prev_group = raw.group
        else:
            # a company alone on a line above the title may head further roles
            prev_group = company if company_above else None
        description, highlights = body_text(raw.body)
        if raw.tail and not (locations and raw.tail in locations) and not description:
            description = raw.tail
        dates = raw.dates
        entry = WorkEntry(
            title=title,
            company=company,
            location=make_location(locations[0]) if locations else None,
            start_date=dates.start if dates else None,
            end_date=dates.end if dates else None,
            is_current=bool(dates and dates.is_current),
            description=description,
            highlights=highlights,
            employment_type=etype,
        )
        out.append((entry, min(1.0, evidence)))
    return out
