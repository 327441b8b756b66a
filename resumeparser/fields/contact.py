"""Contact details: name, e-mails, phones, links and profiles, validated rather than guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import phonenumbers

from ..document import Document
from ..models import Location, Name, Phone, PhoneType, Profile
from ..segment import Block

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b")
URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>()\"']+|\b(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com)/[^\s<>()\"']+",
    re.I,
)
NETWORKS = {
    "linkedin.com": "linkedin", "github.com": "github", "gitlab.com": "gitlab", "twitter.com": "twitter",
    "x.com": "twitter", "stackoverflow.com": "stackoverflow", "behance.net": "behance", "dribbble.com": "dribbble",
}
_PHONE_TYPES: dict[int, PhoneType] = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "landline",
}
_NOT_NAMES = {"resume", "curriculum vitae", "cv", "résumé"}


@dataclass
class Contact:
    name: Name | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    location: Location | None = None
    headline: str | None = None


def extract_contact(doc: Document, blocks: list[Block], region: str | None = None) -> Contact:
    text = doc.text
    emails = _unique(m.group(0).rstrip(".") for m in EMAIL.finditer(text))
    links = _unique([*(_clean_url(m.group(0)) for m in URL.finditer(text)), *doc.links])
    links = [u for u in links if "@" not in u]
    return Contact(
        name=_find_name(blocks),
        emails=emails,
        phones=_find_phones(text, region),
        links=links,
        profiles=[p for p in (profile_from_url(u) for u in links) if p is not None],
    )


def _find_name(blocks: list[Block]) -> Name | None:
    header = blocks[0].lines if blocks and blocks[0].kind == "contact" else []
    for line in header[:8]:
        text = line.text.strip()
        words = text.split()
        if not 2 <= len(words) <= 4 or text.lower() in _NOT_NAMES:
            continue
        if any(ch.isdigit() for ch in text) or "@" in text:
            continue
        if all(w[:1].isupper() for w in words):
            return Name(full=text, first=words[0], last=words[-1], middle=" ".join(words[1:-1]) or None)
    return None


def _find_phones(text: str, region: str | None) -> list[Phone]:
    phones: list[Phone] = []
    seen: set[str] = set()
    matcher = phonenumbers.PhoneNumberMatcher(text, region or "US", leniency=phonenumbers.Leniency.STRICT_GROUPING)
    for match in matcher:
        number = match.number
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 in seen:
            continue
        seen.add(e164)
        phones.append(
            Phone(
                raw=match.raw_string,
                e164=e164,
                type=_PHONE_TYPES.get(phonenumbers.number_type(number), "unknown"),
                region=phonenumbers.region_code_for_number(number),
            )
        )
    return phones


def profile_from_url(url: str) -> Profile | None:
    parsed = urlparse(url if "://" in url else "https://" + url)
    host = (parsed.hostname or "").lower().removeprefix("www.")
    network = NETWORKS.get(host)
    if network is None:
        return None
    parts = [p for p in parsed.path.split("/") if p]
    username: str | None
    if network == "linkedin" and len(parts) >= 2 and parts[0] in ("in", "pub"):
        username = parts[1]
    else:
        username = parts[0] if parts else None
    return Profile(network=network, url=url, username=username)


def _clean_url(url: str) -> str:
    url = url.rstrip(".,;:)]}")
    return url if "://" in url else "https://" + url


def _unique(items: object) -> list[str]:
    out: list[str] = []
    for item in items:  # type: ignore[attr-defined]
        if item and item.lower() not in (o.lower() for o in out):
            out.append(item)
    return out
