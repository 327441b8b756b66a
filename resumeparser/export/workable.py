"""Workable candidate (`PATCH /candidates/:id`, and the `candidate` object of a new candidate).

- Dates are YYYY-MM-DD. A start missing its month or day takes the first (2019 -> 2019-01-01, 2019-03 ->
  2019-03-01); an end takes the last (2019 -> 2019-12-31, 2019-03 -> 2019-03-31), so the span covers the whole
  period the resume names and a same-year start and end stay in order. A current job has no end_date.
- Workable replaces the array fields wholesale, so unknown values are left out rather than sent as null.
- Entries missing what Workable requires (education `school`, experience `title`) are left out with a warning;
  social profiles only for Workable's own network types, one per type.
- The resume goes as `{name, data}` (base64) when the original file is given and is .pdf, .doc, .docx or .rtf
  (the types the page accepts); otherwise `resume_url` when a file URL is given.
- `image` (`{name, data}`, base64): the portrait photo the record reports, read from the original file.
"""

from __future__ import annotations

from ..models import Resume
from .common import (
    Context,
    Payload,
    absolute_url,
    attach_file,
    attach_photo,
    compact,
    entry_text,
    first_day,
    first_email,
    first_phone,
    last_day,
    name_parts,
    text,
    unique,
    warn,
)

RESUME_TYPES = frozenset({".pdf", ".doc", ".docx", ".rtf"})
# The `type` values the API accepts for a social profile, as its page lists them.
SOCIAL_TYPES = frozenset(
    "academiaedu angellist behance bitbucket blogger crunchbase dandyid delicious deviantart digg doyoubuzz dribble "
    "dribbble econsultancy facebook flavorsme flickr fullcontact getglue gist github goodreads googleplus gravatar "
    "hackernews hiim klout lanyrd linkedin myspace ohloh orkut pinterest quora reddit scribd skype slideshare "
    "stackexchange stackoverflow tumblr twitter typepad vk wordpress xing".split()
)


def to_workable(resume: Resume, ctx: Context) -> Payload:
    name = name_parts(resume.name)
    candidate: Payload = {
        "name": name.full,
        "firstname": name.first,
        "lastname": name.last,
        "email": first_email(resume),
        "headline": resume.headline,
        "summary": resume.summary,
        "address": resume.location.raw if resume.location else None,
        "phone": first_phone(resume),
        "education_entries": _education(resume, ctx),
        "experience_entries": _experience(resume, ctx),
        "skills": unique([s.name for s in resume.skills]),
        "social_profiles": _social_profiles(resume),
    }
    attached = attach_file(resume, ctx, system="Workable", extensions=RESUME_TYPES)
    if attached is not None:
        candidate["resume"] = {"name": attached[0], "data": attached[1]}
    elif ctx.file_url:
        candidate["resume_url"] = ctx.file_url
    image = attach_photo(resume, ctx)
    if image is not None:
        candidate["image"] = {"name": image[0], "data": image[1]}
    return {"candidate": compact(candidate)}


def _education(resume: Resume, ctx: Context) -> list[Payload]:
    entries = []
    for e in resume.education:
        if not text(e.institution):
            warn(ctx, "entry_left_out", f"Workable needs a school: education entry {e.degree!r} left out", "education")
            continue
        entries.append(
            compact(
                {
                    "school": e.institution,
                    "degree": e.degree,
                    "field_of_study": e.field_of_study,
                    "start_date": first_day(e.start_date),
                    "end_date": None if e.is_current else last_day(e.end_date),
                }
            )
        )
    return entries


def _experience(resume: Resume, ctx: Context) -> list[Payload]:
    entries = []
    for w in resume.work:
        if not text(w.title):
            warn(ctx, "entry_left_out", f"Workable needs a title: experience at {w.company!r} left out", "work")
            continue
        entries.append(
            compact(
                {
                    "title": w.title,
                    "summary": entry_text(w.description, w.highlights),
                    "company": w.company,
                    "industry": w.industry,
                    "start_date": first_day(w.start_date),
                    "end_date": None if w.is_current else last_day(w.end_date),
                }
            )
            | {"current": w.is_current}
        )
    return entries


def _social_profiles(resume: Resume) -> list[Payload]:
    out: list[Payload] = []
    for p in resume.profiles:
        url = absolute_url(p.url)
        if p.network not in SOCIAL_TYPES or url is None or any(o["type"] == p.network for o in out):
            continue
        out.append(compact({"type": p.network, "username": p.username, "url": url}))
    return out
