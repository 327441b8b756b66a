"""TapTalent candidate object (the `candidates` items of `GET /v1/partner/candidates/batch/:batchId`).

- name, email and phone from the record; `resumeUrl` from the caller's `file_url`; unknown values are left out.
  `id` and `createdAt` are TapTalent's own and are not sent.
- `parsedData` ("skills, experience, education, etc.") is our record's candidate data in our own JSON shape
  (schemas/resume.schema.json): everything but the contact fields already above, the document sections,
  confidence, warnings and meta; nulls and empty lists left out.
"""

from __future__ import annotations

from typing import Any

from ..models import Resume
from .common import Context, Payload, compact, first_email, first_phone, text

PARSED_FIELDS = (
    "headline", "summary", "location", "links", "profiles", "work", "education", "skills", "languages",
    "certifications", "projects", "awards", "publications", "volunteering", "interests", "references",
    "years_of_experience", "current_title", "current_company", "highest_degree_level",
)


def to_taptalent(resume: Resume, ctx: Context) -> Payload:
    # in our record's field order, so parsedData reads like the canonical JSON
    parsed = resume.model_dump(mode="json", include=set(PARSED_FIELDS), exclude_none=True)
    return compact(
        {
            "name": text(resume.name.full) if resume.name else None,
            "email": first_email(resume),
            "phone": first_phone(resume),
            "resumeUrl": ctx.file_url,
            "parsedData": _prune(parsed),
        }
    )


def _prune(value: Any) -> Any:
    """Leave out what is unknown at any depth: blank strings, empty lists and objects (nulls are already out)."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ("", [], {})}
    if isinstance(value, list):
        items = [_prune(v) for v in value]
        return [v for v in items if v not in ("", [], {})]
    if isinstance(value, str):
        return value.strip()
    return value
