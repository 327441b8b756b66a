"""Work history: one entry per role, title and company told apart by evidence rather than by line order.

Evidence for a title: the job-title lexicon (the whole part, or its head noun: engineer, manager...).
Evidence for a company: organisation suffixes and words (Inc, GmbH, Ltd, Solutions, Bank...), an "at"/"@"
before it, or being the group header above several roles. A part that is a known place is the location.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..document import Line
from ..models import Location, WorkEntry
from .entries import RawEntry, body_text, split_entries
from .location import parse_location
from .wordlists import (
    company_words,
    is_place,
    job_titles,
    norm,
    places,
    school_words,
    title_heads,
    title_heads_intl,
    title_words,
)

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


def employment_type(text: str) -> tuple[str | None, str]:
    """ "Software Engineer (Full-time)", "Designer, Freelance" -> the type and the title without it; a type that
    is part of the title ("Contract Manager", "Intern") stays."""
    found = _ETYPE_TAIL.search(text)
    if found is None:
        return None, text
    rest = _clean_piece(text[: found.start()] + text[found.end() :])
    return (EMPLOYMENT_TYPES[(found.group(1) or found.group(2)).lower()], rest) if rest else (None, text)


_ETYPES = "|".join(sorted(map(re.escape, EMPLOYMENT_TYPES), key=len, reverse=True))
_ETYPE_TAIL = re.compile(rf"\(\s*({_ETYPES})\s*\)|\s*(?:[,|·]|\s[-–—])\s*({_ETYPES})\s*$", re.I)


@dataclass
class Part:
    text: str
    title: float
    company: float
    place: bool
    order: int
    line: int


# memoised: the rules, the tagger's features and the selector ask the same lines again (pure, data fixed)
@lru_cache(maxsize=8192)
def title_score(text: str) -> float:
    """0 (no evidence) to 3 (a known title); a long title is judged by its first comma piece."""
    score = _title_score(text)
    head = re.split(r"[,(]", text, maxsplit=1)[0]
    if score < 2 and head != text:
        score = max(score, _title_score(head))
    return score


def _title_score(text: str) -> float:
    key = re.sub(r"\s+(?:i{1,3}|iv|v|[1-5])$", "", norm(text))  # "Scientist II", "Engineer 2"
    if not key or any(map(str.isdigit, key)):
        return 0.0
    words = re.findall(r"[\w+#-]+", key)
    if not words or len(words) > 10:
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
    if score == 0 and len(words) == 1 and re.search(r"(?:ist|ian)$", words[0]):  # pharmacist, librarian
        score = 1.0
    if score < 2:
        # other languages: "Ingeniero de Datos", "Chargée de marketing", "Softwareentwickler" (compound)
        intl = title_heads_intl()
        if any(w in intl for w in words) or any(len(w) > 8 and w.endswith(_COMPOUND_HEADS) for w in words):
            score = 2.0
    return score


_COMPOUND_HEADS = ("entwickler", "entwicklerin", "ingenieur", "ingenieurin", "leiter", "leiterin", "berater",
                   "beraterin", "manager", "referent", "referentin", "architekt", "analyst")


@lru_cache(maxsize=8192)
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


def join_wrapped(lines: list[str]) -> list[str]:
    """Header lines that wrap ("Director, Medical Information &" / "Communication") become one line."""
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1]
            wrapped = (
                re.search(r"(?:[&,/(\-–]|\b(?:of|and|for|the|in|at|to|y|und|et|de))$", prev, re.I)
                or line[:1].islower()
                or line[:1] == ")"
                or prev.count("(") > prev.count(")")
                or (len(prev) >= 55 and len(line.split()) <= 2 and title_score(prev) > 0 and not company_score(line))
            )
            if wrapped:
                out[-1] = f"{prev} {line}"
                continue
        out.append(line)
    return out


def _clean_piece(piece: str) -> str:
    piece = piece.strip(" ,;:-–—")
    # keep balanced parentheses: "Center for Biotechnology Information (NCBI)"
    while piece.startswith("(") and piece.count("(") > piece.count(")"):
        piece = piece[1:].strip()
    while piece.endswith(")") and piece.count(")") > piece.count("("):
        piece = piece[:-1].strip()
    if piece.startswith("(") and piece.endswith(")") and piece.count("(") == 1:
        piece = piece[1:-1].strip()
    return piece


def _split_line(line: str) -> list[tuple[str, bool]]:
    """(piece, introduced by "at"/"@"). "X at Y" splits only where X reads as a title."""
    out: list[tuple[str, bool]] = []
    pos = 0
    hint = False
    for m in _SPLIT.finditer(line):
        is_at = bool(re.fullmatch(r"\s+(?:at|chez|bei|en)\s+|\s*@\s*", m.group(0), re.I))
        left = line[pos : m.start()]
        if is_at and "@" not in m.group(0) and title_score(left) == 0 and company_score(left) > 0:
            continue  # "Computational Biology Laboratory at University of X" is one name
        out.append((left, hint))
        hint = is_at
        pos = m.end()
    out.append((line[pos:], hint))
    return out


NerHints = Mapping[str, str]
"""Folded entity text -> TITLE or COMPANY, from the NER model over the entries' header lines."""
_NER_BOOST = 1.5


def _ner_label(piece: str, hints: NerHints | None) -> str | None:
    if not hints:
        return None
    return hints.get(" ".join(piece.lower().split()))


def _parts(lines: list[str], comma: bool, hints: NerHints | None = None) -> tuple[list[Part], list[str], str | None]:
    parts: list[Part] = []
    locations: list[str] = []
    etype: str | None = None
    order = 0
    for line_no, line in enumerate(join_wrapped(lines)):
        for piece, hint in _split_line(line):
            piece = _clean_piece(piece)
            if not piece:
                continue
            m = _ETYPE_RE.fullmatch(piece)
            if m and title_score(piece) < 2:
                etype = EMPLOYMENT_TYPES[m.group(1).lower()]
                continue
            found = _ETYPE_RE.search(piece)
            if found and found.group(0).startswith("("):
                etype = EMPLOYMENT_TYPES[found.group(1).lower()]
                piece = _clean_piece(piece[: found.start()] + piece[found.end() :])
            for sub in _comma_split(piece, comma):
                if is_place(sub):
                    locations.append(sub)
                    continue
                company = company_score(sub) + (3.0 if hint else 0.0)
                title = title_score(sub)
                label = _ner_label(sub, hints)  # the model's reading is one more piece of evidence
                if label == "TITLE":
                    title += _NER_BOOST
                elif label == "COMPANY":
                    company += _NER_BOOST
                parts.append(Part(sub, title, company, False, order, line_no))
                order += 1
    return parts, locations, etype


_CAMPUS = re.compile(r"\b(?:university|universidad|université|universität|universidade) of [\w ]+$", re.I)


def _comma_split(piece: str, split: bool) -> list[str]:
    """Peel places off "Acme Corp, Berlin"; with `split`, also "Senior Engineer, Acme Corp"."""
    subs = [s.strip() for s in re.split(r",(?![^()]*\))", piece) if s.strip()]  # not inside brackets
    if len(subs) == 1:
        return subs
    out: list[str] = []
    while len(subs) > 1 and is_place(subs[-1]) and not _CAMPUS.search(subs[-2]):
        out.insert(0, subs.pop())
    if len(subs) > 1 and is_place(", ".join(subs[-2:])) and not _CAMPUS.search(subs[-3] if len(subs) > 2 else ""):
        out.insert(0, ", ".join(subs[-2:]))
        subs = subs[:-2]
    if not subs:
        return out
    if not split:
        return [", ".join(subs), *out]
    # a company-like piece splits the rest; a run of title-like pieces stays one title
    merged: list[str] = []
    for s in subs:
        ts = title_score(s)
        if merged and title_score(merged[-1]) > 0 and company_score(merged[-1]) < 2 and (
            ts >= 2 or (ts > 0 and not company_score(s))
        ):
            merged[-1] = f"{merged[-1]}, {s}"
        elif merged and _CAMPUS.search(merged[-1]) and (is_place(s) or company_score(s)):
            merged[-1] = f"{merged[-1]}, {s}"  # "University of California, San Francisco"
        elif merged and not company_score(s) and ts == 0 and title_score(merged[-1]) > 0 and s[:1].islower():
            merged[-1] = f"{merged[-1]}, {s}"
        else:
            merged.append(s)
    return merged + out


@dataclass
class Classified:
    title: str | None
    company: str | None
    locations: list[str]
    employment_type: str | None
    evidence: float
    company_above: bool
    """The company is on a line above the title (it may head several roles)."""
    order: int
    """+1 title before company, -1 company before title, 0 unknown; only where both had evidence."""
    from_group: bool = False
    """The company is the group header (own or inherited), not a part of this entry's header."""


def _choose(parts: list[Part], group: str | None, prior: float) -> tuple[Part | None, Part | None]:
    if len(parts) == 1:
        p = parts[0]
        return (p, None) if group or p.title >= p.company else (None, p)
    best = -99.0
    title = company = None
    for a in parts:
        for b in parts:
            if a is b:
                continue
            # a mild prior on the order; the section's other entries set its direction
            score = a.title + b.company + (prior if a.order < b.order else -prior) - 0.5 * a.company - 0.5 * b.title
            if score > best:
                best, title, company = score, a, b
    return title, company


def classify(
    entry: RawEntry, prior: float = 0.3, inherited: str | None = None, hints: NerHints | None = None
) -> Classified:
    """Title, company, locations, employment type and evidence (0..1) of one entry's header.

    `inherited` is the company heading the previous roles, for a header that is a single line."""
    own_group = entry.group if entry.group and not is_place(entry.group) else None
    group = own_group or (inherited if len(join_wrapped(entry.header)) == 1 else None)
    parts, locations, etype = _parts(entry.header, comma=False, hints=hints)
    title, company = _choose(parts, group, prior)
    one_line = len(join_wrapped(entry.header)) == 1
    if not own_group and (company is None or one_line):
        # no clear pair: try "Senior Engineer, Acme Corp" split at commas
        parts2, locations2, etype2 = _parts(entry.header, comma=True, hints=hints)
        t2, c2 = _choose(parts2, group, prior)
        score = (t2.title if t2 else 0) + (c2.company if c2 else 0)
        # taken when a company has evidence, or when title and company must share the only header line
        alone = one_line and t2 is not None and t2.title >= 2
        clear = c2 is not None and (c2.company > 0 or (alone and c2.title == 0))
        if group and c2 is not None and c2.company < 2:
            clear = False  # under an inherited company, only a clear one ("..., Acme GmbH") replaces it
        if clear and score >= (title.title if title else 0) + (company.company if company else 0):
            parts, locations, etype, title, company = parts2, locations2, etype2, t2, c2
    company_text = company.text if company else group
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
        evidence += 0.2
    if entry.tail and is_place(entry.tail):
        locations.append(entry.tail)
    order = 0
    if title and company and (
        (title.title >= 2 and company.title == 0) or (company.company >= 1.5 and title.company == 0)
    ):
        order = 1 if title.order < company.order else -1
    above = bool(company and title and company.line < title.line)
    from_group = company is None and group is not None
    return Classified(title_text, company_text, locations, etype, min(1.0, evidence), above, order, from_group)


def tail_company(tail: str | None) -> tuple[str | None, float, list[str]]:
    """The line under the date line read as "Company, City": (company, its evidence, places)."""
    if not tail:
        return None, 0.0, []
    parts, places_, _ = _parts([tail], comma=False)
    if len(parts) != 1 or parts[0].title >= 2:
        return None, 0.0, places_
    return parts[0].text, parts[0].company, places_


def make_location(raw: str) -> Location:
    """The gazetteer's reading (city, region, country code) where it knows the place, else the raw text."""
    parsed = parse_location(raw)
    if parsed is not None:
        return parsed
    pieces = [p.strip() for p in raw.split(",") if p.strip()]
    return Location(raw=raw, city=pieces[0] if pieces and norm(pieces[0]) in places() else None)


def ner_hints(raws: list[RawEntry], spec: bool | str) -> NerHints | None:
    """Run the NER model on the header lines only (not the descriptions): TITLE and COMPANY entities."""
    if spec is False:
        return None
    from ..ner import entities

    header = [text for raw in raws for text in join_wrapped(raw.header)]
    hints: dict[str, str] = {}
    for found in entities(header, spec):
        for ent in found:
            if ent.label in ("TITLE", "COMPANY"):
                hints.setdefault(" ".join(ent.text.lower().split()), ent.label)
    return hints


def extract_work(
    lines: list[Line], languages: tuple[str, ...] = ("en",), ner: bool | str = False
) -> list[tuple[WorkEntry, float]]:
    """Entries of an experience section, each with its header evidence (0..1).

    `ner`: a NER pipeline (True: the bundled one) adds its reading of the header lines as evidence."""
    raws = split_entries(lines, languages, title_like=lambda text: title_score(text) >= 2)
    hints = ner_hints(raws, ner)
    # agreement between entries: where both title and company are clear, their order tells how the
    # section is written, and that order decides the entries without evidence
    votes = sum(classify(raw, hints=hints).order for raw in raws)
    prior = 0.3 if votes >= 0 else -0.3
    out: list[tuple[WorkEntry, float]] = []
    prev_group: str | None = None
    for raw in raws:
        # a single header line under a company that headed the previous roles: one more role there
        c = classify(raw, prior, inherited=prev_group, hints=hints)
        company, evidence = c.company, c.evidence
        if company == prev_group and not raw.group:
            pass
        elif raw.group:
            prev_group = raw.group
        else:
            prev_group = company if c.company_above else None
        locations = list(c.locations)
        tail_used = False
        if raw.tail and raw.tail not in locations and (company is None or c.from_group) and not raw.group:
            # "Senior Engineer  2019 - 2021" / "Kestrel Software Inc., Denver": the company under the date line;
            # under an inherited company only when it is clearly one (Inc, GmbH...)
            name, strength, places_ = tail_company(raw.tail)
            if name and (company is None or strength >= 2):
                company, tail_used = name, True
                evidence = min(1.0, evidence + (0.3 if strength else 0.1))
                locations += places_
                prev_group = None
        description, highlights = body_text(raw.body)
        if raw.tail and not tail_used and raw.tail not in locations and not description:
            description = raw.tail
        dates = raw.dates
        entry = WorkEntry(
            title=c.title,
            company=company,
            location=make_location(locations[0]) if locations else None,
            start_date=dates.start if dates else None,
            end_date=dates.end if dates else None,
            is_current=bool(dates and dates.is_current),
            description=description,
            highlights=highlights,
            employment_type=c.employment_type,
        )
        out.append((entry, min(1.0, evidence)))
    return out
