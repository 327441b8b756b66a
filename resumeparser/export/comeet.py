"""Comeet candidate (`POST https://api.comeet.co/candidates`).

- `position_uid` and `partner_candidate_id` come from the caller (Comeet requires them): missing, they raise
  `InvalidExportContext`. Comeet also requires first and last name: a record without them raises
  `MissingRequiredField`, since no value may be invented.
- Phones by type: the first mobile number is `mobile_phone`, the first landline (or number of unknown type) is
  `phone`.
- The resume goes as `{name, file}` (base64) when the original file is given, its type is one Comeet allows, and
  it is within the 6 MB limit (read as 6,000,000 bytes, the stricter reading). Otherwise it is left out (the rest
  of the candidate is still valid) and a `resume_file_too_large` / `resume_file_left_out` warning says so.
- `picture` ("Profile photo", `{file, name}`): the portrait photo the record reports, read from the original file.
"""

from __future__ import annotations

from ..errors import InvalidExportContext, MissingRequiredField
from ..models import Resume
from .common import (
    Context,
    Payload,
    absolute_url,
    attach_file,
    attach_photo,
    compact,
    contact_links,
    first_email,
    first_phone,
    name_parts,
    profile_url,
)

MAX_FILE_BYTES = 6_000_000
# The file types the page allows for `resume` and `files`.
FILE_TYPES = frozenset(
    "jpeg jpg tiff tif png gif bmp jfif ico xlsx zip pptx msg rar xls csv gsheet xml 7z txt gz gdoc ppsx ppt ics "
    "html htm eml dwg gl cs css py java json mp3 mp4 psd odt pem cpp swf apk sql mov dash p7s dat ipynb pdf doc "
    "docx rtf log pages".split()
)


def to_comeet(resume: Resume, ctx: Context) -> Payload:
    for key in ("position_uid", "partner_candidate_id"):
        if not getattr(ctx, key):
            raise InvalidExportContext(f"Comeet requires {key}: pass {key}=... to export()")
    name = name_parts(resume.name)
    if name.first is None or name.last is None:
        raise MissingRequiredField("Comeet requires a first and a last name, and the record has none")
    linkedin = profile_url(resume, "linkedin")
    payload: Payload = {
        "position_uid": ctx.position_uid,
        "partner_candidate_id": ctx.partner_candidate_id,
        "first_name": name.first,
        "middle_name": name.middle,
        "last_name": name.last,
        "email": first_email(resume),
        "phone": first_phone(resume, "landline", "unknown"),
        "mobile_phone": first_phone(resume, "mobile"),
        "linkedin_url": linkedin,
        "links": [{"url": url} for url in _links(resume, linkedin)],
        "address": _address(resume),
    }
    attached = attach_file(
        resume, ctx, system="Comeet", extensions=frozenset("." + t for t in FILE_TYPES), max_bytes=MAX_FILE_BYTES
    )
    if attached is not None:
        payload["resume"] = {"name": attached[0], "file": attached[1]}
    picture = attach_photo(resume, ctx, max_bytes=MAX_FILE_BYTES)
    if picture is not None:
        payload["picture"] = {"file": picture[1], "name": picture[0]}
    return compact(payload)


def _links(resume: Resume, linkedin: str | None) -> list[str]:
    """Profiles other than LinkedIn (it has its own field), then the candidate's own sites."""
    profiles = [absolute_url(p.url) for p in resume.profiles]
    urls = [u for u in [*profiles, *contact_links(resume)] if u and u != linkedin]
    return list(dict.fromkeys(urls))


def _address(resume: Resume) -> Payload | None:
    location = resume.location
    if location is None:
        return None
    return compact(
        {
            "country": location.country_code,
            "city": location.city,
            "state": location.region,
            "zip": location.postal_code,
            "street": location.street,
        }
    )
