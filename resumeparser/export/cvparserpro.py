"""CV Parser Pro candidate object (`GET /v1/candidates/{id}` shape), as our parse of the resume fills it.

- Its object has a fixed shape with null for what is unknown (its page shows `"parsing_errors": null`), so every
  field is present: null for an unknown value, an empty list for no items. `id`, `source`, `tags`, `jobs`,
  `created_at` and `parsed_at` belong to the system and are not sent.
- work_history dates are "YYYY-MM" as on the page; a year alone stays "YYYY" (a month is never invented);
  a current job ends "present". Education years are "YYYY" strings.
- years_of_experience is a whole number of years (rounded down, as the page's integers suggest).
- ai_summary is extractive, never written: the first sentences of the summary, else the headline and the current
  role.
"""

from __future__ import annotations

import math

from ..models import Resume
from .common import (
    Context,
    Payload,
    entry_text,
    file_name,
    first_email,
    first_phone,
    personal_url,
    profile_url,
    sentences,
    text,
    unique,
    year,
    year_month,
)

SUMMARY_SENTENCES = 3
SUMMARY_CHARS = 500


def to_cvparserpro(resume: Resume, ctx: Context) -> Payload:
    years = resume.years_of_experience
    return {
        "full_name": text(resume.name.full) if resume.name else None,
        "email": first_email(resume),
        "phone": first_phone(resume),
        "location": text(resume.location.raw) if resume.location else None,
        "current_title": text(resume.current_title),
        "years_of_experience": math.floor(years) if years is not None else None,
        "skills": unique([s.name for s in resume.skills]),
        "languages": unique([lang.name for lang in resume.languages]),
        "work_history": [
            {
                "company": text(w.company),
                "title": text(w.title),
                "start_date": year_month(w.start_date),
                "end_date": "present" if w.is_current else year_month(w.end_date),
                "is_current": w.is_current,
                "description": entry_text(w.description, w.highlights),
            }
            for w in resume.work
        ],
        "education": [
            {
                "institution": text(e.institution),
                "degree": text(e.degree),
                "field": text(e.field_of_study),
                "start_year": year(e.start_date),
                "end_year": None if e.is_current else year(e.end_date),
            }
            for e in resume.education
        ],
        "certifications": [
            {"name": c.name.strip(), "issuer": text(c.issuer), "date": c.date}
            for c in resume.certifications
            if text(c.name)
        ],
        "linkedin_url": profile_url(resume, "linkedin"),
        "github_url": profile_url(resume, "github"),
        "portfolio_url": personal_url(resume),
        "ai_summary": extractive_summary(resume),
        "original_filename": file_name(resume, ctx),
        "parsing_status": "completed",
        "parsing_confidence": resume.confidence.overall,
        "parsing_errors": unique([text(w.message) or w.code for w in resume.warnings]) or None,
    }


def extractive_summary(resume: Resume) -> str | None:
    """Sentences taken from the resume itself: the summary's first few, else the headline and current role."""
    source = text(resume.summary) or next(
        (text(s.text) for s in resume.sections if s.kind == "summary" and text(s.text)), None
    )
    if source:
        picked: list[str] = []
        for sentence in sentences(source)[:SUMMARY_SENTENCES]:
            if picked and len(" ".join([*picked, sentence])) > SUMMARY_CHARS:
                break
            picked.append(sentence)
        return " ".join(picked)
    parts = [text(resume.headline)]
    title, company = text(resume.current_title), text(resume.current_company)
    role = f"{title} at {company}" if title and company else title
    if role and not (parts[0] and role.lower() in parts[0].lower()):
        parts.append(role)
    return ". ".join(p for p in parts if p) or None
