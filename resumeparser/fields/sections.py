"""The smaller sections: summary, certifications, projects, awards, publications, volunteering, interests,
references. Each reads its block's lines into the model of models.py."""

from __future__ import annotations

import re

from ..document import Line
from ..models import Award, Certification, Project, Publication, Reference, VolunteerEntry
from .dates import DateRange, find_date_ranges
from .entries import body_text, split_entries, strip_bullet, to_text_lines
from .work import classify

_ISSUERS = re.compile(
    r"\b(?:aws|amazon web services|microsoft|google|oracle|cisco|comptia|pmi|isc2|\(isc\)²|isaca|scrum alliance|"
    r"scrum\.org|axelos|red hat|salesforce|linux foundation|cncf|hashicorp|ibm|sap|coursera|udemy|edx|"
    r"linkedin learning|itil|vmware|databricks|snowflake|tableau|adobe|meta|hubspot)\b",
    re.I,
)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)


def summary_text(text: str) -> str | None:
    text = " ".join(text.split())
    return text or None


def _items(lines: list[Line]) -> list[str]:
    """One item per bullet or per line; a lower-case line continues the previous item."""
    items: list[str] = []
    for line in to_text_lines(lines):
        if line.blank:
            continue
        text = strip_bullet(line.text)
        if items and not line.bullet and not line.gap_before and (text[:1].islower() or items[-1].endswith((",", "&"))):
            items[-1] = f"{items[-1]} {text}"
        else:
            items.append(text)
    return [i for i in items if i]


def _take_date(text: str, languages: tuple[str, ...]) -> tuple[str, DateRange | None]:
    ranges = find_date_ranges(text, languages)
    if not ranges:
        return text, None
    r = ranges[-1]
    rest = (text[: r.start_pos] + " " + text[r.end_pos :]).strip()
    rest = re.sub(r"\(\s*\)|\s{2,}", " ", rest)
    return rest.strip(" ,;|-–—()").strip(), r


def _split_issuer(text: str) -> tuple[str, str | None]:
    """ "AWS Solutions Architect - Amazon Web Services", "PMP, PMI", "CKA (CNCF)", "Issued by X"."""
    m = re.search(r"\s*(?:issued by|by|from|[-–—|]|,|\()\s*([^,()|–—-]+?)\)?\s*$", text, re.I)
    if m and m.start() > 0:
        issuer = m.group(1).strip()
        name = text[: m.start()].strip(" ,-–—|")
        if name and issuer and len(issuer.split()) <= 6 and not re.fullmatch(r"[\d\s.]+", issuer):
            return name, issuer
    found = _ISSUERS.search(text)
    return text, found.group(0) if found else None


def extract_certifications(lines: list[Line], languages: tuple[str, ...] = ("en",)) -> list[Certification]:
    out: list[Certification] = []
    for item in _items(lines):
        url = _URL.search(item)
        if url:
            item = item.replace(url.group(0), " ").strip()
        item = re.sub(r"\b(?:credential id|license number|id)\b.*$", "", item, flags=re.I).strip(" ,;-")
        rest, rng = _take_date(item, languages)
        rest = re.sub(r"\b(?:issued|expires?|expired|valid until)\b\s*:?\s*$", "", rest, flags=re.I).strip(" ,;-")
        if not rest:
            if out and rng and out[-1].date is None:
                out[-1].date = rng.end or rng.start
            continue
        name, issuer = _split_issuer(rest)
        out.append(Certification(name=name, issuer=issuer, date=(rng.end or rng.start) if rng else None,
                                 url=url.group(0) if url else None))
    return out


def extract_awards(lines: list[Line], languages: tuple[str, ...] = ("en",)) -> list[Award]:
    out: list[Award] = []
    for item in _items(lines):
        rest, rng = _take_date(item, languages)
        if not rest:
            continue
        title, awarder = rest, None
        m = re.search(r"\s*(?:,|[-–—|]|\bfrom\b|\bby\b)\s*([^,–—|-]+)$", rest)
        if m and m.start() > 0 and len(m.group(1).split()) <= 6:
            title, awarder = rest[: m.start()].strip(), m.group(1).strip()
        out.append(Award(title=title, awarder=awarder, date=rng.start if rng else None))
    return out


def extract_publications(lines: list[Line], languages: tuple[str, ...] = ("en",)) -> list[Publication]:
    out: list[Publication] = []
    for item in _items(lines):
        url = _URL.search(item)
        text = item.replace(url.group(0), " ").strip() if url else item
        rest, rng = _take_date(text, languages)
        if not rest:
            continue
        out.append(Publication(name=rest, date=rng.start if rng else None, url=url.group(0) if url else None))
    return out


def extract_projects(lines: list[Line], languages: tuple[str, ...] = ("en",)) -> list[Project]:
    entries = split_entries(lines, languages)
    if entries:
        out = []
        for raw in entries:
            description, highlights = body_text(raw.body)
            name = " — ".join(h for h in raw.header if h) or (description or "").split(".")[0][:80]
            if not name:
                continue
            out.append(Project(name=name, description=description, highlights=highlights,
                               start_date=raw.dates.start if raw.dates else None,
                               end_date=raw.dates.end if raw.dates else None))
        return out
    # no dates: a short line starts a project, the lines under it describe it
    projects: list[Project] = []
    for line in to_text_lines(lines):
        if line.blank:
            continue
        text = strip_bullet(line.text)
        url = _URL.search(text)
        short = len(text.split()) <= 8 and not text.endswith(".")
        if short and (not line.bullet or not projects):
            name, _, desc = text.partition(":")
            projects.append(Project(name=name.strip(), description=desc.strip() or None,
                                    url=url.group(0) if url else None))
        elif projects:
            p = projects[-1]
            if line.bullet:
                p.highlights = [*p.highlights, text]
            else:
                p.description = f"{p.description} {text}" if p.description else text
        else:
            projects.append(Project(name=text[:80], description=text if len(text) > 80 else None))
    return projects


def extract_volunteering(lines: list[Line], languages: tuple[str, ...] = ("en",)) -> list[VolunteerEntry]:
    out = []
    for raw in split_entries(lines, languages):
        position, organization, _, _, _, _ = classify(raw)
        summary, highlights = body_text(raw.body)
        d = raw.dates
        out.append(VolunteerEntry(organization=organization, position=position,
                                  start_date=d.start if d else None, end_date=d.end if d else None,
                                  is_current=bool(d and d.is_current), summary=summary, highlights=highlights))
    if not out:
        for item in _items(lines):
            out.append(VolunteerEntry(summary=item))
    return out


def extract_interests(text: str) -> list[str]:
    items = re.split(r"\s*(?:[,;|\u2022\u00b7\n])\s*", text)
    return [i.strip(" .") for i in items if i.strip(" .") and len(i) <= 60]


def extract_references(lines: list[Line]) -> list[Reference]:
    items = _items(lines)
    if not items:
        return []
    on_request = r"\b(?:request|demand|available|anfrage|solicitud|demande)\b"
    if len(items) <= 2 and re.search(on_request, " ".join(items), re.I):
        return [Reference(text=" ".join(items))]
    refs: list[Reference] = []
    for item in items:
        words = item.split()
        looks_name = 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in item)
        if looks_name or not refs:
            refs.append(Reference(name=item if looks_name else None, text=item))
        else:
            refs[-1].text = f"{refs[-1].text}\n{item}"
    return refs
