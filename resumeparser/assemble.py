"""Assemble the record from segmented blocks and extracted fields: derived values, confidence, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from .document import Document, Line
from .fields import confidence as conf
from .fields.contact import Contact
from .fields.dates import date_languages, years_of_experience
from .fields.education import extract_education, find_degree, has_school, highest_level
from .fields.isolate import Failures
from .fields.location import parse_location, region_of
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
from .fields.spoken_languages import extract_languages
from .fields.wordlists import is_place, skill_aliases
from .fields.wordlists import skills as taxonomy
from .fields.work import extract_work, title_score
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
from .segment import Block, heading_kind
from .tagging import entries as tagged
from .tagging import model as tagger


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
    failures: Failures = field(default_factory=Failures)
    """Fields whose extractor failed: left empty, reported as `field_failed`."""


def _lines(blocks: list[Block]) -> list[Line]:
    lines: list[Line] = []
    for block in blocks:
        if lines:  # a break between blocks
            lines.append(Line.plain("", page=block.lines[0].page if block.lines else 1))
        lines.extend(block.lines)
    return lines


def experience_blocks(blocks: list[Block]) -> list[tuple[Block, list[Line]]]:
    """Experience blocks, and a block right after one whose "heading" reads as a job title
    ("Academic Projects and Events Manager" taken for a projects heading): its heading is a role's line."""
    out: list[tuple[Block, list[Line]]] = []
    previous_was_experience = False
    for block in blocks:
        if block.kind == "experience":
            out.append((block, block.lines))
            previous_was_experience = True
        elif (previous_was_experience and block.heading and block.kind not in _KEEP_APART
              and title_score(block.heading) >= 2):
            out.append((block, [Line.plain(block.heading, page=block.lines[0].page if block.lines else 1),
                                *block.lines]))
        else:
            previous_was_experience = False
    return out


# sections whose own extractor always wins over an experience reading
_KEEP_APART = {"education", "skills", "languages", "contact", "summary"}
# blocks searched for dated roles when no experience section was found
_FALLBACK_KINDS = {"contact", "other", "certifications", "awards", "projects", "publications", "interests"}


def _fallback_work(
    blocks: list[Block], languages: tuple[str, ...], ner: bool | str = False
) -> tuple[Block, list[tuple[WorkEntry, float]]] | None:
    """No experience section: a block holding at least two roles with a title and some evidence is one.

    Without a heading to go by, a dated line naming a degree (education) or with a single date (a
    certificate) is not taken for a role."""
    for block in blocks:
        if block.kind not in _FALLBACK_KINDS or not block.lines:
            continue
        found = [
            (w, e) for w, e in extract_work(block.lines, languages, ner)
            if (w.end_date or w.is_current) and not find_degree(f"{w.title} | {w.company}")
        ]
        good = [(w, e) for w, e in found if w.title and w.company and e >= 0.5]
        if len(good) >= 2 and len(good) >= 0.6 * len(found):
            return block, good
    return None


def _fallback_education(blocks: list[Block], languages: tuple[str, ...]) -> list[tuple[EducationEntry, float]]:
    """No education section: entries naming both a degree and a school, from the blocks without a heading."""
    lines = _lines([b for b in blocks if b.kind in ("contact", "other")])
    if not has_line_structure(lines):
        return []  # text without its line breaks: no line structure to read entries from
    found = extract_education(lines, languages)
    return [
        (e, ev) for e, ev in found
        if e.degree and e.institution and has_school(e.institution) and (e.end_date or e.start_date)
        and len(e.institution.split()) <= 8
    ]


def work_lines(blocks: list[Block]) -> list[Line]:
    """The lines of the experience sections, a blank line between sections."""
    return [line for _, block_lines in experience_blocks(blocks) for line in [*block_lines, Line.plain("")]]


def education_lines(blocks: list[Block]) -> list[Line]:
    return _lines([b for b in blocks if b.kind == "education"])


def extract_fields(
    blocks: list[Block], language: str | None = None, ner: bool | str = False, entries: str = "model"
) -> Fields:
    """Every field from the blocks; each extractor isolated (`fields.isolate`), so one that fails costs its field.

    `entries`: "model" reads work and education entries with the trained tagger (the rules where it finds
    none), "rules" with the hand-written rules alone."""
    languages = date_languages(language)
    out = Fields()
    run = out.failures.run
    texts = [b.text for b in blocks if b.kind == "summary" and b.text]
    out.summary = run("summary", lambda: summary_text(" ".join(texts)) if texts else None, None)
    use_model = entries == "model" and ner is False and tagger.available()

    no_work: tuple[list[tuple[WorkEntry, float]], set[int], bool] = ([], set(), False)
    work, used, by_heading = run("work", lambda: _work(blocks, languages, ner, use_model), no_work)
    for entry, evidence in work:
        if entry.company and not plausible_company(entry.company):
            entry.company = None
        entry.confidence = conf.work_entry_confidence(entry, evidence, by_heading)
        out.work.append(entry)

    education = [b for b in blocks if b.kind == "education"]
    found: list[tuple[EducationEntry, float]] = run(
        "education",
        lambda: _education(blocks, languages, use_model),
        [],
    )
    for edu, evidence in found:
        edu.confidence = conf.education_entry_confidence(edu, evidence, any(b.heading for b in education))
        out.education.append(edu)

    out.skills = run("skills", lambda: extract_skills(blocks), [])
    out.skills, spoken = spoken_language_groups(out.skills)
    out.languages.extend(spoken)
    known = sum(1 for s in out.skills if s.name.lower() in skill_aliases() or s.name.lower() in taxonomy())
    out.scores["skills"] = conf.skills_confidence(out.skills, known, any(b.kind == "skills" for b in blocks))

    for block in blocks:
        if not block.text or id(block) in used:
            continue
        kind = block.kind
        if kind == "languages":
            out.languages.extend(run(kind, partial(extract_languages, block.text), []))
        elif kind == "certifications":
            out.certifications.extend(run(kind, partial(extract_certifications, block.lines, languages), []))
        elif kind == "projects":
            out.projects.extend(run(kind, partial(extract_projects, block.lines, languages), []))
        elif kind == "awards":
            out.awards.extend(run(kind, partial(extract_awards, block.lines, languages), []))
        elif kind == "publications":
            out.publications.extend(run(kind, partial(extract_publications, block.lines, languages), []))
        elif kind == "volunteering":
            out.volunteering.extend(run(kind, partial(extract_volunteering, block.lines, languages), []))
        elif kind == "interests":
            out.interests.extend(run(kind, partial(extract_interests, block.text), []))
        elif kind == "references":
            out.references.extend(run(kind, partial(extract_references, block.lines), []))
    seen: set[str] = set()
    unique_languages = []
    for lang in out.languages:  # a "Languages:" group of the skills section and a languages section may repeat
        key = lang.code or lang.name.lower()
        if key not in seen:
            seen.add(key)
            unique_languages.append(lang)
    out.languages = unique_languages
    return out


def plausible_company(text: str) -> bool:
    """Whether a value read as a company can be one: not a place alone ("NY", "Ashland, KY", "Dublin") and not a
    sentence of the description ("Involved in developing applications and services ..."). The same role then
    keeps its title and dates without an invented employer, in whichever format the layout put it."""
    value = text.strip()
    if region_of(value) is not None or is_place(value):
        return False
    place = parse_location(value) if "," in value else None
    if place is not None and place.city and place.street is None and (place.region or place.country_code):
        return False
    words = value.split()
    if words and words[0] in _CONNECTORS:
        return False  # the tail of a sentence: "and time/effort"
    if len(words) >= 2 and not any(ch.isupper() for ch in value):
        return False  # prose in lower case: "retail organization"
    return len(words) < 10 and not (value.endswith(".") and len(words) >= 6)


_CONNECTORS = frozenset({"and", "or", "with", "for", "of", "the", "to", "in", "on", "by", "as", "a", "an"})


def spoken_language_groups(skills: list[Skill]) -> tuple[list[Skill], list[Language]]:
    """A "Languages:" group of the skills section that names spoken languages ("Languages: English, Hindi") is the
    candidate's languages; one over programming languages ("Languages: Go, Python") stays a group of skills."""
    groups: dict[str, list[Skill]] = {}
    for skill in skills:
        if skill.category and heading_kind(skill.category) == "languages" and "skills" in skill.sources:
            groups.setdefault(skill.category, []).append(skill)
    moved: set[int] = set()
    spoken: list[Language] = []
    for members in groups.values():
        found = [extract_languages(s.raw) for s in members]
        if all(len(f) == 1 for f in found):
            spoken.extend(f[0] for f in found)
            moved.update(id(s) for s in members)
    return [s for s in skills if id(s) not in moved], spoken


def has_line_structure(lines: list[Line]) -> bool:
    """Whether entries can be read line by line: not text that lost its line breaks, where the median line runs
    past 100 characters."""
    sizes = sorted(len(line.text) for line in lines if line.text)
    return bool(sizes) and sizes[len(sizes) // 2] <= 100


def _education(blocks: list[Block], languages: tuple[str, ...], use_model: bool) -> list[tuple[EducationEntry, float]]:
    """The education section's entries (the tagger's, else the rules'), or degrees found outside one."""
    if not any(b.kind == "education" for b in blocks):
        return _fallback_education(blocks, languages)
    lines = education_lines(blocks)
    if use_model and has_line_structure(lines):
        return tagged.education_entries(lines, languages)
    return extract_education(lines, languages)


def _work(
    blocks: list[Block], languages: tuple[str, ...], ner: bool | str, use_model: bool = False
) -> tuple[list[tuple[WorkEntry, float]], set[int], bool]:
    """(roles with their evidence, ids of the non-experience blocks they were read from, found under a heading).
    Evidence is the tagger's confidence where it read the roles, the rules' header evidence elsewhere."""
    taken = experience_blocks(blocks)
    lines = work_lines(blocks)
    work: list[tuple[WorkEntry, float]] = []
    if lines and use_model and has_line_structure(lines):
        work = tagged.work_entries(lines, languages)
    elif lines:
        work = extract_work(lines, languages, ner)
    by_heading = any(b.heading is not None for b, _ in taken)
    used = {id(b) for b, _ in taken if b.kind != "experience"}
    if not work:
        fallback = _fallback_work(blocks, languages, ner)
        if fallback is not None:
            block, work = fallback
            by_heading = False
            if block.kind != "contact":
                used.add(id(block))
    return work, used, by_heading


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
    # the contact stage scores its own evidence; where both stages score a field, take the mean
    for key, value in contact.confidence.items():
        scores[key] = round((scores[key] + value) / 2, 3) if key in scores else value
    if fields.languages:
        scores["languages"] = 0.9
    if fields.summary:
        scores["summary"] = 0.9 if any(b.kind == "summary" and b.heading for b in blocks) else 0.5
    failed = [*contact.failures, *fields.failures.items]
    for failure in failed:
        scores[failure.field] = 0.0  # the field was not read, whatever its extractor had found before failing
    issues = sum(1 for w in warnings if w.code not in ("no_email_found",))
    overall = conf.overall(scores, doc.ocr_confidence, issues, failed=len({f.field for f in failed}))
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
    failed = [*contact.failures, *fields.failures.items]
    for failure in failed:
        out.append(ParseWarning(code="field_failed", field=failure.field,
                                message=f"the {failure.field} extractor failed ({failure.error}); the field is empty"))
    lost = {f.field for f in failed}
    if contact.name is None and "name" not in lost:
        out.append(ParseWarning(code="no_name_found", message="no candidate name was found", field="name"))
    if not contact.emails and "emails" not in lost:
        out.append(ParseWarning(code="no_email_found", message="no e-mail address was found", field="emails"))
    if not fields.work and "work" not in lost:
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
