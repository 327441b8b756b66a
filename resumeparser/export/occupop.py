"""Occupop candidate for a live job (`POST /rest/jobs/{job_uuid}/candidates`).

- `landline` is Occupop's one phone field (its form labels it "Phone"): the first landline, else the first number.
- `profile` (the form's free text) takes the summary; `location_country` the ISO 3166-1 alpha-2 code ("acronym").
- The file is uploaded by the caller to Occupop's signed URL first: `file_name` and `file_url` are sent only when
  the caller gives `file_url`; `source` comes from the caller too.
- Unknown values are left out.
"""

from __future__ import annotations

from ..models import Resume
from .common import Context, Payload, compact, file_name, first_email, first_phone, name_parts, profile_url


def to_occupop(resume: Resume, ctx: Context) -> Payload:
    name = name_parts(resume.name)
    location = resume.location
    return compact(
        {
            "email": first_email(resume),
            "first_name": name.first,
            "last_name": name.last,
            "landline": first_phone(resume, "landline") or first_phone(resume),
            "linkedin": profile_url(resume, "linkedin"),
            "profile": resume.summary,
            "location_city": location.city if location else None,
            "location_state": location.region if location else None,
            "location_country": location.country_code if location else None,
            "source": ctx.source,
            "file_name": file_name(resume, ctx) if ctx.file_url else None,
            "file_url": ctx.file_url,
        }
    )
