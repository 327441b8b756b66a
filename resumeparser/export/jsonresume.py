"""JSON Resume 1.0.0 (https://jsonresume.org/schema): the open resume format many themes and tools read.

Its dates are partial ISO dates like ours, so they pass through unchanged; a current entry has no endDate.
Unknown values are left out, and so are empty lists.
"""

from __future__ import annotations

from ..models import Location, Resume
from .common import Context, Payload, absolute_url, compact, first_email, first_phone, personal_url, text

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"

# How the networks are usually spelled in JSON Resume files ("e.g. Facebook or Twitter"); others keep our id.
NETWORK_NAMES = {
    "linkedin": "LinkedIn", "github": "GitHub", "gitlab": "GitLab", "twitter": "Twitter",
    "stackoverflow": "Stack Overflow", "behance": "Behance", "dribbble": "Dribbble", "facebook": "Facebook",
}


def to_jsonresume(resume: Resume, ctx: Context) -> Payload:
    return compact(
        {
            "$schema": SCHEMA_URL,
            "basics": _basics(resume),
            "work": [
                compact(
                    {
                        "name": w.company,
                        "position": w.title,
                        "location": w.location.raw if w.location else None,
                        "startDate": _date(w.start_date),
                        "endDate": None if w.is_current else _date(w.end_date),
                        "summary": w.description,
                        "highlights": w.highlights,
                    }
                )
                for w in resume.work
            ],
            "volunteer": [
                compact(
                    {
                        "organization": v.organization,
                        "position": v.position,
                        "startDate": _date(v.start_date),
                        "endDate": None if v.is_current else _date(v.end_date),
                        "summary": v.summary,
                        "highlights": v.highlights,
                    }
                )
                for v in resume.volunteering
            ],
            "education": [
                compact(
                    {
                        "institution": e.institution,
                        "area": e.field_of_study,
                        "studyType": e.degree,
                        "startDate": _date(e.start_date),
                        "endDate": None if e.is_current else _date(e.end_date),
                        "score": e.grade,
                    }
                )
                for e in resume.education
            ],
            "awards": [
                compact({"title": a.title, "date": _date(a.date), "awarder": a.awarder, "summary": a.summary})
                for a in resume.awards
            ],
            "certificates": [
                compact({"name": c.name, "date": _date(c.date), "issuer": c.issuer, "url": _url(c.url)})
                for c in resume.certifications
            ],
            "publications": [
                compact(
                    {
                        "name": p.name,
                        "publisher": p.publisher,
                        "releaseDate": _date(p.date),
                        "url": _url(p.url),
                        "summary": p.summary,
                    }
                )
                for p in resume.publications
            ],
            "skills": _skills(resume),
            "languages": [compact({"language": lang.name, "fluency": lang.fluency}) for lang in resume.languages],
            "interests": [{"name": i.strip()} for i in resume.interests if text(i)],
            "references": [compact({"name": r.name, "reference": r.text}) for r in resume.references],
            "projects": [
                compact(
                    {
                        "name": p.name,
                        "description": p.description,
                        "highlights": p.highlights,
                        "startDate": _date(p.start_date),
                        "endDate": _date(p.end_date),
                        "url": _url(p.url),
                    }
                )
                for p in resume.projects
            ],
        }
    )


def _skills(resume: Resume) -> list[Payload]:
    """The declared skills: the skills section's groups as `{name: label, keywords: [...]}`, its ungrouped items
    as `{name: skill}`, in the order written. Skills found only in other sections stay in the native record,
    with their `sources`."""
    out: list[Payload] = []
    groups: dict[str, Payload] = {}
    seen: set[str] = set()
    for skill in resume.skills:
        if "skills" not in skill.sources or skill.name.lower() in seen:
            continue
        seen.add(skill.name.lower())
        if skill.category:
            group = groups.get(skill.category)
            if group is None:
                group = groups[skill.category] = {"name": skill.category, "keywords": []}
                out.append(group)
            group["keywords"].append(skill.name)
        else:
            out.append({"name": skill.name})
    return out


def _basics(resume: Resume) -> Payload:
    return compact(
        {
            "name": resume.name.full if resume.name else None,
            "label": resume.headline,
            "email": first_email(resume),
            "phone": first_phone(resume),
            "url": personal_url(resume),
            "summary": resume.summary,
            "location": _location(resume.location),
            "profiles": [
                compact(
                    {
                        "network": NETWORK_NAMES.get(p.network, p.network),
                        "username": p.username,
                        "url": absolute_url(p.url),
                    }
                )
                for p in resume.profiles
            ],
        }
    )


def _location(location: Location | None) -> Payload | None:
    if location is None:
        return None
    parts = [location.street, location.city, location.region, location.postal_code, location.country_code]
    return compact(
        {
            # JSON Resume's address is the street address; a location we could not split keeps its text there.
            "address": location.street if any(parts) else location.raw,
            "postalCode": location.postal_code,
            "city": location.city,
            "countryCode": location.country_code,
            "region": location.region,
        }
    )


def _url(url: str | None) -> str | None:
    return absolute_url(url) if url else None


def _date(date: str | None) -> str | None:
    """Our partial dates are JSON Resume's; its pattern only takes years 1000-2999, so others are left out."""
    return date if date and date[0] in "12" else None
