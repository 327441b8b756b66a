"""Assemble the record from segmented blocks and extracted fields: derived values, confidence, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .document import Document, Line
from .fields import confidence as conf
from .fields.contact import Contact
from .fields.dates import years_of_experience
from .fields.education import extract_education, highest_level
from .fields.languages import extract_languages
from .fields.lexicon import skill_aliases
from .fields.lexicon import skills as taxonomy
from .fields.sections import (
    extract_awards,
    extract_certifications,
    extract_interests,
    extract_projects,
    extract_publications,
    extract_references,
    extract_volunteering,
    summary_text,
)
from .fields.skills import extract_skills
from .fields.work import extract_work
from .models import (
    Award,
    Certification,
    Confidence,
    EducationEntry,
    Language,
    ParseWarning,
    Project,
    Publication,
    Reference,
    Resume,
    Section,
    Skill,
    VolunteerEntry,
    WorkEntry,
)
from .segment import Block

_OWN_DATE_LANGUAGES = {"en", "es", "fr", "de", "pt", "it", "nl"}


@dataclass
class Fields:
    """What the field extractors read from the blocks, before the record is put together."""

    summary: str | None = None
    work: list[WorkEntry] = field(default_factory=list)
    education: list[EducationEntry] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    certifications: list[Certification] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    volunteering: list[VolunteerEntry] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


def date_languages(language: str | None) -> tuple[str, ...]:
    """Languages handed to dateparser: only for a language the own month table does not cover."""
    if language and language not in _OWN_DATE_LANGUAGES:
        return (language, "en")
    return ("en",)


def _lines(blocks: list[Block], kind: str) -> tuple[list[Line], bool]:
    lines: list[Line] = []
    by_heading = False
    for block in blocks:
        if block.kind == kind:
            if lines:
                lines.append(Line.plain("", page=block.lines[0].page if block.lines else 1))
            lines.extend(block.lines)
            by_heading = by_heading or block.heading is not None
    return lines, by_heading


def extract_fields(blocks: list[Block], language: str | None = None) -> Fields:
    languages = date_languages(language)
    out = Fields()
    texts = [b.text for b in blocks if b.kind == "summary" and b.text]
    out.summary = summary_text(" ".join(texts)) if texts else None

    lines, by_heading = _lines(blocks, "experience")
    work = extract_work(lines, languages) if lines else []
    out.work = []
    for entry, evidence in work:
        entry.confidence = conf.work_entry_confidence(entry, evidence, by_heading)
        out.work.append(entry)

    lines, by_heading = _lines(blocks, "education")
    for edu, evidence in extract_education(lines, languages) if lines else []:
        edu.confidence = conf.education_entry_confidence(edu, evidence, by_heading)
        out.education.append(edu)

    out.skills = extract_skills(blocks)
    known = sum(1 for s in out.skills if s.name.lower() in skill_aliases() or s.name.lower() in taxonomy())
    out.scores["skills"] = conf.skills_confidence(out.skills, known, any(b.kind == "skills" for b in blocks))

    for block in blocks:
        if not block.text:
            continue
        if block.kind == "languages":
            out.languages.extend(extract_languages(block.text))
        elif block.kind == "certifications":
            out.certifications.extend(extract_certifications(block.lines, languages))
        elif block.kind == "projects":
            out.projects.extend(extract_projects(block.lines, languages))
        elif block.kind == "awards":
            out.awards.extend(extract_awards(block.lines, languages))
        elif block.kind == "publications":
            out.publications.extend(extract_publications(block.lines, languages))
        elif block.kind == "volunteering":
            out.volunteering.extend(extract_volunteering(block.lines, languages))
        elif block.kind == "interests":
            out.interests.extend(extract_interests(block.text))
        elif block.kind == "references":
            out.references.extend(extract_references(block.lines))
    return out


def current_role(work: list[WorkEntry]) -> WorkEntry | None:
    """The current role (latest start among current ones), else the one that ended last."""
    current = [w for w in work if w.is_current]
    if current:
        return max(current, key=lambda w: w.start_date or "")
    dated = [w for w in work if w.end_date or w.start_date]
    if dated:
        return max(dated, key=lambda w: (w.end_date or w.start_date or "", w.start_date or ""))
    return work[0] if work else None


def assemble(
    doc: Document, blocks: list[Block], contact: Contact, fields: Fields | None = None, today: date | None = None
) -> Resume:
    """The record. `today` ends current roles for years of experience (the caller passes it; default: today)."""
    fields = fields if fields is not None else extract_fields(blocks)
    today = today or date.today()
    warnings = [ParseWarning(code=code, message=message) for code, message in doc.warnings]
    warnings.extend(_warnings(contact, fields, blocks, today))

    role = current_role(fields.work)
    intervals = [(w.start_date, w.end_date, w.is_current) for w in fields.work if w.start_date]
    valid = [(s, e, c) for s, e, c in intervals if not (e and e < s)]
    header_lines = len(blocks[0].lines) if blocks and blocks[0].kind == "contact" else 0
    scores = {
        "name": conf.name_confidence(contact.name, contact.emails, header_lines),
        "emails": 1.0 if contact.emails else 0.0,
        "phones": conf.phones_confidence(contact.phones),
        "work": round(conf.mean([w.confidence or 0.0 for w in fields.work]), 3),
        "education": round(conf.mean([e.confidence or 0.0 for e in fields.education]), 3),
        "skills": fields.scores.get("skills", 0.0),
    }
    if fields.work:
        scores["dates"] = round(conf.mean([conf.date_quality(w.start_date, w.end_date, w.is_current)
                                           for w in fields.work]), 3)
    if fields.languages:
        scores["languages"] = 0.9
    if fields.summary:
        scores["summary"] = 0.9 if any(b.kind == "summary" and b.heading for b in blocks) else 0.5
    issues = sum(1 for w in warnings if w.code not in ("no_email_found",))
    overall = conf.overall(scores, doc.ocr_confidence, issues)
    return Resume(
        name=contact.name,
        headline=contact.headline,
        location=contact.location,
        summary=fields.summary,
        emails=contact.emails,
        phones=contact.phones,
        links=contact.links,
        profiles=contact.profiles,
        work=fields.work,
        education=fields.education,
        skills=fields.skills,
        languages=fields.languages,
        certifications=fields.certifications,
        projects=fields.projects,
        awards=fields.awards,
        publications=fields.publications,
        volunteering=fields.volunteering,
        interests=fields.interests,
        references=fields.references,
        sections=[Section(heading=b.heading, kind=b.kind, text=b.text) for b in blocks if b.text],
        years_of_experience=years_of_experience(valid, today) if valid else None,
        current_title=role.title if role else None,
        current_company=role.company if role else None,
        highest_degree_level=highest_level(fields.education),
        confidence=Confidence(overall=overall, fields=scores),
        warnings=warnings,
    )


def _warnings(contact: Contact, fields: Fields, blocks: list[Block], today: date) -> list[ParseWarning]:
    out: list[ParseWarning] = []
    if contact.name is None:
        out.append(ParseWarning(code="no_name_found", message="no candidate name was found", field="name"))
    if not contact.emails:
        out.append(ParseWarning(code="no_email_found", message="no e-mail address was found", field="emails"))
    if not fields.work:
        has_section = any(b.kind == "experience" and b.text for b in blocks)
        out.append(ParseWarning(
            code="no_work_entries",
            message="an experience section was found but no dated roles in it" if has_section
            else "no work history was found",
            field="work",
        ))
    now = f"{today.year}-{today.month:02d}"
    ranges = [("work", n, w.start_date, w.end_date) for n, w in enumerate(fields.work)]
    ranges += [("education", n, e.start_date, e.end_date) for n, e in enumerate(fields.education)]
    for kind, n, start, end in ranges:
        if start and end and end < start:
            out.append(ParseWarning(code="date_range_reversed", field=f"{kind}[{n}]",
                                    message=f"the range ends ({end}) before it starts ({start})"))
        if kind == "work" and start and start[: len(now)] > now[: len(start)]:
            out.append(ParseWarning(code="date_in_future", field=f"{kind}[{n}]",
                                    message=f"the role starts in the future ({start})"))
    for i, entry in enumerate(fields.work):
        if entry.title is None and entry.company is None:
            out.append(ParseWarning(code="work_entry_unlabelled", field=f"work[{i}]",
                                    message="a dated role with neither title nor company"))
    return out
