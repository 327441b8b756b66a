"""Contact details: name, e-mails, phones, links and profiles, location and headline, validated rather than guessed.

The header (the `contact` blocks: the text before the first heading and a "Contact" section, in a sidebar too)
is searched first; the rest of the document only for e-mails, links and phones the header lacks, never in the
references section (those belong to referees) and never for the location (a company's city is not the
candidate's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers

from ..document import Document, Line
from ..models import Location, Name, Phone, PhoneType, Profile
from ..segment import Block, date_range, heading_kind
from .document_language import detect_language
from .isolate import Failures, FieldFailure
from .label_words import pattern
from .links import URL, collect_links, find_urls, profile_from_url, unique
from .location import find_country_codes, gazetteer, parse_location
from .names import best_name, clean_name_text

__all__ = ["Contact", "extract_contact", "profile_from_url"]

EMAIL = re.compile(r"(?<![\w.+'-])[\w+-](?:[\w.+-]|'(?=\w))*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b")
_COMMON_TLDS = {"com", "org", "net", "edu", "gov", "mil", "int", "io", "co", "info", "biz", "me", "dev", "ai", "app"}
_PHONE_TYPES: dict[int, PhoneType] = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "landline",
}
_MOBILE_LABEL = r"\b(?:<<phone_mobile>>)\b\.?\s*[:.)\-]?\s*$"
_LANDLINE_LABEL = r"\b(?:<<phone_landline>>)\b\.?\s*[:.)\-]?\s*$"
_PHONE_LABEL = r"(?:<<phone>>)\.?\s*(?:no\.?|number|nr\.?|#)?\s*[:.\-]?\s*$"
_PHONE_SHAPE = re.compile(
    r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}(?![\w/])"
)
_MONTH_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", re.I)
_DATE_LIKE = re.compile(
    r"^\s*\(?(?:19|20)\d\d\)?\s*[-–/.]\s*(?:\d{1,2}[/.])?(?:19|20)?\d\d\s*$"  # 2015-2018, 2017 - 12/2018
    r"|^\s*\d{1,2}[/.]\d{4}\s*[-–]"  # 03/2017 - ...
    r"|(?:19|20)\d\d\s*[-–]\s*\d{1,2}[/.](?:19|20)\d\d"
    r"|^\s*\d{1,2}[./]\d{1,2}[./](?:19|20)?\d\d\s*$"  # 10.05.1975
    r"|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d",
)
_CONNECTOR_END = re.compile(r"(?:\b(?:at|and|of|for|in|with|bei|en|chez|presso|em|bij|y|e|und|et|&)|[,&|/\-–])$", re.I)
_RELOCATE = r"\b(?:<<relocation>>)\b"
# country domains sold as generic names (.co, .io, .me, .ai ...) say nothing about where a person lives
_VANITY_TLDS = {"CO", "IO", "ME", "AI", "TV", "LY", "FM", "GG", "SH", "AC", "TO", "CC", "WS", "LA", "SO", "VC",
                "AG", "BZ", "NU", "TK", "ST", "IM", "AM", "GL", "CD", "DJ", "MS", "PW", "VG"}
_PERSONAL = r"^(?:<<personal>>)\b"
_TITLE_LINE = r"^\W*(?:<<document_titles>>)\W*$"


@dataclass
class Contact:
    name: Name | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    location: Location | None = None
    headline: str | None = None
    language: str | None = None
    """ISO 639-1 code of the document's language (`fields.document_language.detect_language`), for `Meta.language`."""
    confidence: dict[str, float] = field(default_factory=dict)
    """Per field, 0..1: name, emails, phones, location, headline (only for fields that were found)."""
    failures: list[FieldFailure] = field(default_factory=list)
    """Fields whose extractor failed (`fields.isolate`): left empty, reported as `field_failed`."""


def extract_contact(doc: Document, blocks: list[Block], region: str | None = None) -> Contact:
    failures = Failures()
    run = failures.run
    header = _header_lines(doc, blocks)
    elsewhere = [ln for b in blocks if b.kind not in ("contact", "references") for ln in b.lines]
    header_text = "\n".join(_joined_texts(header))
    other_text = "\n".join(_joined_texts(elsewhere))
    targets = [*doc.links, *(u for ln in doc.lines for u in ln.links)]

    emails: list[str] = run(
        "emails", lambda: unique([*_emails(header_text), *_mailtos(targets)]) or _emails(other_text), []
    )
    no_links: tuple[list[str], list[Profile]] = ([], [])
    links, profiles = run("profiles", lambda: collect_links(
        header_text, other_text, [u for ln in header for u in ln.links], targets, emails
    ), no_links)
    language = run("language", lambda: detect_language(doc.text), None)
    name_lines: list[Line] = run("name", lambda: _name_lines(doc, blocks), [])
    scored = run("name", lambda: best_name(name_lines, emails, language=language), None)
    name = scored[0] if scored else None
    location = run("location", lambda: _find_location(header, name) or _find_location(
        _near_contact_details(doc, blocks, header), name), None)
    phones: list[Phone] = run(
        "phones", lambda: _phones(header_text, other_text, _regions(location, header_text, region, emails)), []
    )
    headline = run("headline", lambda: _find_headline(name_lines, name, location), None)
    return Contact(
        name=name,
        emails=emails,
        phones=phones,
        links=links,
        profiles=profiles,
        location=location,
        headline=headline,
        language=language,
        confidence=_confidence(scored[1] if scored else None, emails, phones, location, headline),
        failures=failures.items,
    )


def _phones(header_text: str, other_text: str, regions: list[str]) -> list[Phone]:
    """The header's numbers; the rest of the document's only when the header has none."""
    return _find_phones(header_text, regions, shaped_fallback=True) or _find_phones(
        other_text, regions, shaped_fallback=False
    )


def _confidence(name: float | None, emails: list[str], phones: list[Phone], location: Location | None,
                headline: str | None) -> dict[str, float]:
    out: dict[str, float] = {}
    if name is not None:
        out["name"] = name
    if emails:
        out["emails"] = 0.99
    if phones:
        # every number validated by phonenumbers, or one only shaped like a phone
        valid = all(p.e164 and phonenumbers.is_valid_number(phonenumbers.parse(p.e164)) for p in phones)
        out["phones"] = 0.95 if valid else 0.6
    if location is not None:
        out["location"] = 0.9 if location.city and location.country_code else 0.7 if location.city else 0.6
    if headline:
        out["headline"] = 0.7
    return out


# ---------------------------------------------------------------- where to look


def _header_lines(doc: Document, blocks: list[Block]) -> list[Line]:
    lines = [ln for b in blocks if b.kind == "contact" for ln in b.lines]
    if not lines:  # the document starts with a heading: its first lines are still the best place to look
        lines = [ln for ln in doc.lines if ln.text][:8]
    return lines


def _name_lines(doc: Document, blocks: list[Block]) -> list[Line]:
    """Lines where the name may be: the untitled header first, then a titled contact section, then the top."""
    lines: list[Line] = []
    for block in blocks:
        if block.kind == "contact" and block.heading is None:
            lines += block.lines
    for block in blocks:
        if block.kind == "contact" and block.heading is not None:
            lines += block.lines
    top = [ln for ln in doc.lines if ln.text][:6]
    lines += [ln for ln in top if all(ln is not other for other in lines)]
    lines += [ln for ln in _largest_on_first_page(doc) if all(ln is not other for other in lines)]
    return [ln for ln in lines if ln.text and not pattern(_TITLE_LINE).match(ln.text)]


def _largest_on_first_page(doc: Document) -> list[Line]:
    """The line or two in the first page's largest font, when it stands well above the body's: where a layout
    puts the name (a second column, below a sidebar) the reading order may not bring it to the top."""
    first = [ln for ln in doc.lines if ln.page == 1 and ln.text]
    sizes = sorted(ln.font_size for ln in first if ln.font_size)
    if not sizes:
        return []
    body, top = sizes[len(sizes) // 2], sizes[-1]
    largest = [ln for ln in first if ln.font_size == top]
    return largest if top > body * 1.3 and len(largest) <= 2 else []


_CLUSTER_KINDS = {"contact", "summary", "other"}


def _near_contact_details(doc: Document, blocks: list[Block], header: list[Line]) -> list[Line]:
    """Lines of the first page next to an e-mail or a phone outside the header: contact details set under an
    "About" heading or in a sidebar section. Never the lines of an experience, education or references block
    (a company's or a referee's city is not the candidate's)."""
    allowed = {id(ln) for b in blocks if b.kind in _CLUSTER_KINDS for ln in b.lines}
    taken = {id(ln) for ln in header}
    lines = [ln for ln in doc.lines if ln.page == 1 and ln.text]
    near: list[Line] = []
    for i, line in enumerate(lines):
        if id(line) in taken or id(line) not in allowed:
            continue
        if "@" in line.text or _PHONE_SHAPE.search(line.text):
            for other in lines[max(0, i - 3) : i + 4]:
                if id(other) in allowed and id(other) not in taken and all(other is not n for n in near):
                    near.append(other)
    return near


def _joined_texts(lines: list[Line]) -> list[str]:
    """Line texts, with an e-mail or URL that wrapped onto the next line joined back ("x@y.ed" + "u")."""
    out: list[str] = []
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            continue
        text = line.text
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        last = text.split()[-1] if text.split() else ""
        first, _, rest = nxt.partition(" ")
        wraps = ("@" in last or "://" in last or last.lower().startswith("www.") or "linkedin.com" in last.lower())
        if wraps and first and not re.search(r"[\s(]", first) and re.fullmatch(r"[\w.\-/@%]+", first):
            if last.endswith(("/", "-", ".", "@", "_")) or (
                first.islower() and len(first) <= 6 and not rest and not _complete_host(last)
            ):
                out.append(text + first + (" " + rest if rest else ""))
                skip = True
                continue
        out.append(text)
    return out


def _complete_host(token: str) -> bool:
    """Whether an address or URL already ends in a real top-level domain ("x@y.net" yes, "x@ucsf.ed" no)."""
    host = re.split(r"[@/]", token.split("://")[-1])[-1] if "@" in token else token.split("://")[-1].split("/")[0]
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    return tld in _COMMON_TLDS or (len(tld) == 2 and tld.upper() in gazetteer().country_names) or tld == "uk"


# ---------------------------------------------------------------- e-mails


def _emails(text: str) -> list[str]:
    found = []
    for m in EMAIL.finditer(text):
        email = m.group(0).rstrip(".")
        # a label glued to the address where a tab was lost ("E-mailjane@x.com"); "emailme@x.com" is an address
        email = re.sub(r"^e-mail(?=[\w.+-]+@)", "", email, flags=re.I)
        found.append(email)
    return unique(found)


def _mailtos(targets: list[str]) -> list[str]:
    out = []
    for t in targets:
        if t.lower().startswith("mailto:"):
            address = t[7:].split("?", 1)[0].strip()
            if EMAIL.fullmatch(address):
                out.append(address)
    return out


# ---------------------------------------------------------------- phones


def _regions(location: Location | None, header_text: str, default: str | None, emails: list[str]) -> list[str]:
    """Where numbers without a country code are read: the candidate's location, countries named in the header,
    the country domain of an e-mail (".de", ".co.uk"), the caller's default, then US."""
    regions: list[str] = []
    if location is not None and location.country_code:
        regions.append(location.country_code)
    regions += [c for c in find_country_codes(header_text) if phonenumbers.country_code_for_region(c)]
    for email in emails:
        tld = email.rsplit(".", 1)[-1].upper()
        tld = "GB" if tld == "UK" else tld
        if len(tld) == 2 and tld not in _VANITY_TLDS and phonenumbers.country_code_for_region(tld):
            regions.append(tld)
    if default:
        regions.append(default.upper())
    regions.append("US")
    return unique(regions)


def _find_phones(text: str, regions: list[str], *, shaped_fallback: bool) -> list[Phone]:
    phones: list[Phone] = []
    seen: set[str] = set()

    def add(raw: str, number: phonenumbers.PhoneNumber, start: int) -> None:
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 in seen or not re.fullmatch(r"\+[1-9]\d{4,14}", e164):
            return
        seen.add(e164)
        before = text[max(0, start - 25) : start]
        kind = _PHONE_TYPES.get(phonenumbers.number_type(number), "unknown")
        if kind == "unknown" and pattern(_MOBILE_LABEL).search(before):
            kind = "mobile"
        elif kind == "unknown" and pattern(_LANDLINE_LABEL).search(before):
            kind = "landline"
        phones.append(Phone(raw=raw.strip(), e164=e164, type=kind,
                            region=phonenumbers.region_code_for_number(number)))

    text = _mask_dates(text)
    for region in regions[:3] or ["US"]:  # the next guess only when the first one validates nothing
        matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.STRICT_GROUPING)
        for match in matcher:
            if _plausible(match.raw_string, text, match.start, match.end):
                add(match.raw_string, match.number, match.start)
        if phones:
            break
    if phones or not shaped_fallback:
        return phones
    # Numbers phonenumbers cannot validate (fictional 555 numbers, unknown ranges): phone-shaped and in the header
    for m in _PHONE_SHAPE.finditer(text):
        raw = m.group(0)
        if not _plausible(raw, text, m.start(), m.end()):
            continue
        labelled = bool(pattern(_PHONE_LABEL).search(text[max(0, m.start() - 25) : m.start()]))
        grouped = bool(re.search(r"\(\d{3}\)|\d{3}[\s.-]\d{3}[\s.-]\d{4}|^\+", raw))
        if not (labelled or grouped):
            continue
        try:
            number = phonenumbers.parse(raw, regions[0] if regions else "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            add(raw, number, m.start())
    return phones


def _mask_dates(text: str) -> str:
    """Date ranges blanked out (same length, so offsets hold): next to a number they hide it from the matcher,
    and on their own they are never phones."""
    text = date_range().sub(lambda m: " " * len(m.group(0)), text)
    return re.sub(r"(?<![\d+(-])(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d(?![\d-])", lambda m: " " * len(m.group(0)), text)


def _plausible(raw: str, text: str, start: int, end: int) -> bool:
    """Guards against dates and years that a matcher can take for numbers."""
    digits = re.sub(r"\D", "", raw)
    if not 7 <= len(digits) <= 15 or _DATE_LIKE.search(raw):
        return False
    around = text[max(0, start - 12) : start] + " " + text[end : end + 12]
    if re.search(r"(?:19|20)\d\d\s*[-–]\s*$", text[max(0, start - 10) : start]):
        return False  # the tail of a date range: "2012 - 2015 ..." never starts a phone
    if _MONTH_BEFORE.search(text[max(0, start - 10) : start]):
        return False
    years = re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", raw)
    return not (len(years) >= 2 and len(digits) <= 8) and "/" not in around.strip()[:1]


# ---------------------------------------------------------------- location


def _find_location(header: list[Line], name: Name | None) -> Location | None:
    best: tuple[float, Location] | None = None
    name_key = name.full.lower() if name else None
    for index, text in enumerate(_joined_texts(header)[:40]):
        if not text or pattern(_RELOCATE).search(text):
            continue
        labelled = bool(re.match(r"^(?:location|address|adresse|dirección|direccion|wohnort|anschrift|endereço|"
                                 r"indirizzo|adres|based in|residence)\b", text, re.I)
                       or pattern(r"^(?:<<location_labels>>)\s*[:\-]").match(text))
        # contact details on the same line are separators: "12 Main St, Springfield, IL | 555-0100 | a@b.c"
        stripped = _PHONE_SHAPE.sub(" | ", URL.sub(" | ", EMAIL.sub(" | ", text)))
        pieces = [s for s in re.split(r"\s*[|•·\t♦►▪●○◆◇■□★☆✦➤→\x80-\x9f]\s*|\s{3,}", stripped) if s.strip(" ,;")]
        pieces = [s.strip(" ,;") for s in pieces]
        dashed = [s for p in pieces for s in re.split(r"\s+[-–—]\s+", p) if s.strip()]
        segments = [*dashed, *pieces, text]  # the smallest piece that parses is the raw text kept
        for segment in unique(segments):
            if "@" in segment or "://" in segment or "www." in segment.lower() or len(re.sub(r"\D", "", segment)) > 16:
                continue
            if _PHONE_SHAPE.search(segment) or date_range().search(segment) or re.search(r"\b(?:19|20)\d\d\b", segment):
                continue  # a phone, a date or a year: "TAFE, Australia 1988" is a school's line
            if segment.rstrip().endswith(":") or pattern(_PHONE_LABEL).search(segment):
                continue  # a label: "Mobile:" is not Mobile, Alabama
            after_name = bool(name_key and segment.lower().startswith(name_key + " "))
            if after_name:
                segment = segment[len(name_key or "") + 1 :]  # "JANE DOE Atlanta"
            if (name_key and segment.lower() == name_key) or heading_kind(segment) is not None:
                continue
            loc = parse_location(segment)
            if loc is None:
                continue
            score = 1.0 - 0.03 * index + (2.0 if labelled else 0.0)
            score += 0.6 if loc.city and loc.country_code else 0.3 if loc.city else 0.0
            score += 0.2 if loc.postal_code or loc.region else 0.0
            if loc.street and not re.search(r"\d", loc.street):
                score -= 0.8  # words before the city that are no address: "Scholar at University of Nevada, Reno"
            if "," not in segment and not labelled:
                # a single word or phrase is a place only when the table knows it well
                if loc.city and not _well_known(loc.city) and "area" not in segment.lower():
                    continue
                if loc.city and clean_name_text(segment) is not None and index < 2 and not after_name:
                    continue
                score -= 0.3
            if best is None or score > best[0]:
                best = (score, loc)
    return best[1] if best else None


def _well_known(city: str) -> bool:
    options = gazetteer().cities.get(city.lower()) or []
    return bool(options) and options[0].population >= 100_000


# ---------------------------------------------------------------- headline


def _find_headline(lines: list[Line], name: Name | None, location: Location | None) -> str | None:
    if name is None:
        return None
    index = next((i for i, ln in enumerate(lines) if _has_name(ln.text, name)), None)
    if index is None:
        return None
    name_line = lines[index]
    # "Jane Doe | Data Engineer"
    for segment in re.split(r"\s+[|•·–—]\s+|\s+-\s+", name_line.text)[1:]:
        if _title_like(segment) and len(segment.split()) >= 2:  # not a credential: "Jane Doe - SHRM-CP"
            return segment.strip()
    for j in range(index + 1, min(index + 3, len(lines))):
        line = lines[j]
        if line.column != name_line.column or line.page != name_line.page:
            break
        text = line.text
        if not _title_like(text) or (location is not None and text.strip() == location.raw) or _has_name(text, name):
            continue
        place = parse_location(text)
        if place is not None and place.street is None and (place.city or place.country_code):
            continue  # "Reno, Nevada" (but "Scholar at University of Nevada, Reno" is a title)
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        if nxt is not None and nxt.column == line.column and _CONNECTOR_END.search(text) and _title_like(nxt.text):
            text = f"{text} {nxt.text}"
        return text.strip()
    return None


def _has_name(text: str, name: Name) -> bool:
    folded = " ".join(text.lower().split())
    if name.full.lower() in folded:
        return True
    if "@" in text or find_urls(text):
        return False  # "jane.doe@example.com" holds both names but is not the name line
    return bool(name.last and name.first and name.last.lower() in folded and name.first.lower() in folded)


def _title_like(text: str) -> bool:
    text = text.strip()
    words = text.split()
    if not words or len(words) > 14 or text.endswith((".", ":")):
        return False
    if EMAIL.search(text) or find_urls(text, bare_domains=False) or sum(ch.isdigit() for ch in text) > 4:
        return False  # "Postdoc @ Gladstone" and "at Kindred.ai" are fine, an address or a URL is not
    if re.search(r"\b(?:19|20)\d\d\b", text) or re.match(r"^[\w ]{2,25}:", text) or pattern(_PERSONAL).match(text):
        return False  # "Updated January 2017", "Phone: ...", "Nationality American"
    return heading_kind(text) is None and any(ch.isalpha() for ch in text)
