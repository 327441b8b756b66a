"""One comparable shape for every source of truth and for the parser's output.

A `Record` holds flat list fields (name, email, ...) and entry lists (work, education). Converters read our
`Resume`, JSON Resume 1.0.0 (the LinkedIn set) and the dotin label sets; `compare` applies the matching rules
of `benchmarks.matching` to a pair of records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from resumeparser.models import Resume

from .matching import Counts, Entry, Value, match_entries, match_lists, match_whole_entries

FLAT_KINDS: dict[str, str] = {
    "name": "text",
    "email": "email",
    "phone": "phone",
    "location": "location",
    "profiles": "url",
    "skills": "text",
    "languages": "text",
}
ENTRY_KINDS: dict[str, dict[str, str]] = {
    "work": {"company": "org", "title": "text", "start_date": "date", "end_date": "date"},
    "education": {"institution": "org", "degree": "degree", "field_of_study": "text", "end_date": "date"},
}
WHOLE_ENTRY: dict[str, tuple[str, ...]] = {
    "work": ("company", "title", "start_date"),
    "education": ("institution", "degree"),
}
"""The sub-fields that must all match for an entry to count as right as a whole (`work.entry`)."""
ALL_FIELDS: tuple[str, ...] = (
    *FLAT_KINDS,
    *(f"{group}.{sub}" for group, subs in ENTRY_KINDS.items() for sub in subs),
    *(f"{group}.entry" for group in WHOLE_ENTRY),
)


@dataclass
class Record:
    values: dict[str, list[Value]] = field(default_factory=dict)
    entries: dict[str, list[dict[str, Value | None]]] = field(default_factory=dict)
    confidences: dict[str, list[float | None]] = field(default_factory=dict)
    """Per entry group, each parsed entry's confidence (parser output only)."""

    def flat(self, name: str) -> list[Value]:
        """The values of a field as a plain list; for "work.title" the titles of every entry."""
        if "." in name:
            group, sub = name.split(".", 1)
            return [v for e in self.entries.get(group, []) if (v := e.get(sub))]
        return self.values.get(name, [])


def kind_of(name: str) -> str:
    if "." in name:
        group, sub = name.split(".", 1)
        return ENTRY_KINDS[group][sub]
    return FLAT_KINDS[name]


def compare(expected: Record, parsed: Record, fields: Iterable[str]) -> dict[str, Counts]:
    """TP/FP/FN per field; entry sub-fields are compared within one-to-one paired entries."""
    wanted = list(fields)
    out: dict[str, Counts] = {}
    for group, kinds in ENTRY_KINDS.items():
        subs = {sub: kind for sub, kind in kinds.items() if f"{group}.{sub}" in wanted}
        if subs:
            exp: list[Entry] = list(expected.entries.get(group, []))
            got: list[Entry] = list(parsed.entries.get(group, []))
            for sub, counts in match_entries(subs, exp, got).items():
                out[f"{group}.{sub}"] = counts
        if f"{group}.entry" in wanted:
            out[f"{group}.entry"] = whole_entries(group, expected, parsed)[0]
    for name in wanted:
        if name not in out:
            out[name] = match_lists(kind_of(name), expected.flat(name), parsed.flat(name))
    return {name: out[name] for name in wanted}


def whole_entries(group: str, expected: Record, parsed: Record) -> tuple[Counts, list[bool]]:
    """Entries of a group right as a whole, and for each parsed entry whether it is right."""
    kinds = {sub: ENTRY_KINDS[group][sub] for sub in WHOLE_ENTRY[group]}
    return match_whole_entries(kinds, expected.entries.get(group, []), parsed.entries.get(group, []))


def compare_sets(expected: Mapping[str, list[Value]], parsed: Record, fields: Mapping[str, str]) -> dict[str, Counts]:
    """Set comparison for labels without entry structure: `fields` maps label -> our field name."""
    return {
        label: match_lists(kind_of(ours), expected.get(label, []), parsed.flat(ours)) for label, ours in fields.items()
    }


def _country_name(value: str | None) -> str | None:
    if value and re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        import pycountry

        country = pycountry.countries.get(alpha_2=value.strip().upper())
        if country is not None:
            return str(country.name)
    return value


def _location(city: str | None, region: str | None, country: str | None) -> str | None:
    parts = [city or "", region or "", _country_name(country) or ""]
    return "|".join(parts) if any(parts) else None


def _spellings(values: Iterable[str | None]) -> tuple[str, ...]:
    """The distinct non-empty spellings of one value (e.g. a phone as written and in E.164)."""
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _degree(degree: str | None, field_of_study: str | None) -> tuple[str, ...] | None:
    """A degree may also match as "degree + field of study" ("BSc" + "Biology" = "BSc Biology")."""
    combined = f"{degree} {field_of_study}" if degree and field_of_study else None
    return _spellings([degree, combined]) or None


def from_resume(resume: Resume) -> Record:
    rec = Record()
    rec.values["name"] = [resume.name.full] if resume.name and resume.name.full else []
    rec.values["email"] = list(resume.emails)
    rec.values["phone"] = [_spellings([p.raw, p.e164]) for p in resume.phones]
    loc = resume.location
    location = None
    if loc is not None:
        # a location with no structured part is judged by its first piece ("Austin, TX" -> "Austin") as the city
        city = loc.city or (None if (loc.region or loc.country or loc.country_code) else loc.raw.split(",")[0])
        location = _location(city, loc.region, loc.country or loc.country_code)
    rec.values["location"] = [location] if location else []
    rec.values["profiles"] = [p.url for p in resume.profiles]
    rec.values["skills"] = [_spellings([s.name, s.raw]) for s in resume.skills]
    rec.values["languages"] = [lang.name for lang in resume.languages]
    rec.entries["work"] = [
        {
            "company": w.company,
            "title": w.title,
            "start_date": w.start_date,
            "end_date": w.end_date or ("present" if w.is_current else None),
        }
        for w in resume.work
    ]
    rec.entries["education"] = [
        {
            "institution": e.institution,
            "degree": _degree(e.degree, e.field_of_study),
            "field_of_study": e.field_of_study,
            "end_date": e.end_date or ("present" if e.is_current else None),
        }
        for e in resume.education
    ]
    rec.confidences = {"work": [w.confidence for w in resume.work],
                       "education": [e.confidence for e in resume.education]}
    return rec


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else None


def from_json_resume(data: Mapping[str, Any]) -> Record:
    """JSON Resume 1.0.0 -> Record. A work entry with a start and no end is current ("present")."""
    basics = data.get("basics") or {}
    rec = Record()
    rec.values["name"] = [basics["name"]] if basics.get("name") else []
    rec.values["email"] = [basics["email"]] if basics.get("email") else []
    rec.values["phone"] = [basics["phone"]] if basics.get("phone") else []
    loc = basics.get("location") or {}
    location = _location(_get(loc, "city"), _get(loc, "region"), _get(loc, "countryCode"))
    rec.values["location"] = [location] if location else []
    rec.values["profiles"] = [p["url"] for p in basics.get("profiles") or [] if _get(p, "url")]
    rec.values["skills"] = [s["name"] for s in data.get("skills") or [] if _get(s, "name")]
    rec.values["languages"] = [s["language"] for s in data.get("languages") or [] if _get(s, "language")]
    rec.entries["work"] = [
        {
            "company": w.get("name"),
            "title": w.get("position"),
            "start_date": w.get("startDate"),
            "end_date": w.get("endDate") or ("present" if w.get("startDate") else None),
        }
        for w in data.get("work") or []
        if isinstance(w, dict)
    ]
    rec.entries["education"] = [
        {
            "institution": e.get("institution"),
            "degree": e.get("studyType"),
            "field_of_study": e.get("area"),
            "end_date": e.get("endDate"),
        }
        for e in data.get("education") or []
        if isinstance(e, dict)
    ]
    return rec


def json_resume_fields(data: Mapping[str, Any]) -> list[str]:
    """The fields a JSON Resume file speaks about: phone and languages only when it has them at all."""
    fields = [f for f in ALL_FIELDS if f not in ("phone", "languages")]
    basics = data.get("basics") or {}
    if basics.get("phone"):
        fields.append("phone")
    if data.get("languages"):
        fields.append("languages")
    return fields


# dotin label -> our field whose values it is compared with (as sets: dotin has no entry structure)
DOTIN_FIELDS: dict[str, str] = {
    "Name": "name",
    "Email Address": "email",
    "Designation": "work.title",
    "Companies worked at": "work.company",
    "College Name": "education.institution",
    "Degree": "education.degree",
    "Graduation Year": "education.end_date",
}
_YEAR = re.compile(r"(?:19|20)\d{2}")


def dotin_expected(fields: Mapping[str, list[str]]) -> dict[str, list[Value]]:
    out: dict[str, list[Value]] = {}
    for label in DOTIN_FIELDS:
        values = [" ".join(v.split()) for v in fields.get(label, []) if v.strip()]
        if label == "Graduation Year":  # "2012 to 2016" -> the last year
            values = [years[-1] for v in values if (years := _YEAR.findall(v))]
        out[label] = list(values)
    return out


def dotin_parsed(resume: Resume) -> Record:
    """Our record, with graduation years cut to the year and the current title counted as a designation."""
    rec = from_resume(resume)
    for e in rec.entries["education"]:
        end = e.get("end_date")
        e["end_date"] = end[:4] if isinstance(end, str) and _YEAR.match(end) else None
    if resume.current_title:
        rec.entries["work"].append({"title": resume.current_title})
    return rec


def strip_xml_labels(xml: str) -> str:
    """The plain text of a dotin file: tags dropped, entities decoded; control characters kept as they are."""
    import html

    body = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", xml)
    body = re.sub(r"</?cv>", "", body)
    body = re.sub(r"</?label[^>]*>", "", body)
    return html.unescape(body).strip()


def dotin_labels(xml: str) -> dict[str, list[str]]:
    """Label values straight from the XML (used when `derived/fields_by_cv.jsonl` is absent)."""
    import html

    out: dict[str, list[str]] = {}
    for kind, value in re.findall(r'<label type="([^"]+)">(.*?)</label>', xml, flags=re.S):
        value = " ".join(html.unescape(value).split())
        if value and value not in out.setdefault(kind, []):
            out[kind].append(value)
    return out
