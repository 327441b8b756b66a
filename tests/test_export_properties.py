"""Any valid record, however odd, exports to payloads that validate and carry no blank strings."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumeparser.export import EXPORT_FORMATS, MissingRequiredField, export
from resumeparser.models import (
    Certification,
    EducationEntry,
    Language,
    Location,
    Name,
    ParseWarning,
    Phone,
    Profile,
    Resume,
    Section,
    Skill,
    WorkEntry,
)

from .export_schemas import blank_strings, errors

words = st.text(alphabet=st.sampled_from("abcXYZ éñ-.'/ \t"), max_size=12)
maybe = st.none() | words
partial_dates = st.builds(
    lambda y, m, d: f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else ""),
    st.integers(1, 2999), st.none() | st.integers(1, 12), st.none() | st.integers(1, 31),
)
dates = st.none() | partial_dates
urls = st.sampled_from([
    "https://linkedin.com/in/x", "linkedin.com/in/y", "https://github.com/z", "janedoe.dev", "mailto:a@b.org",
    "not a url", "http://localhost", "https://example.com/a b", "www.example.org/cv", "", "ftp://x.org",
])
phones = st.builds(
    Phone, raw=words, e164=st.none() | st.from_regex(r"\+[1-9]\d{6,12}", fullmatch=True),
    type=st.sampled_from(["mobile", "landline", "unknown"]),
)
locations = st.builds(
    Location, raw=words, street=maybe, city=maybe, region=maybe, postal_code=maybe,
    country_code=st.none() | st.from_regex(r"[A-Z]{2}", fullmatch=True), country=maybe,
)
records = st.builds(
    Resume,
    name=st.none() | st.builds(Name, full=words, first=maybe, middle=maybe, last=maybe),
    headline=maybe,
    summary=maybe,
    emails=st.lists(st.sampled_from(["a@example.org", "b.c@example.com"]), max_size=2),
    phones=st.lists(phones, max_size=3),
    location=st.none() | locations,
    links=st.lists(urls, max_size=4),
    profiles=st.lists(
        st.builds(Profile, network=st.sampled_from(["linkedin", "github", "gitlab", "twitter", "x"]), url=urls,
                  username=maybe),
        max_size=3,
    ),
    work=st.lists(
        st.builds(WorkEntry, title=maybe, company=maybe, location=st.none() | locations, start_date=dates,
                  end_date=dates, is_current=st.booleans(), description=maybe, highlights=st.lists(words, max_size=2),
                  industry=maybe),
        max_size=3,
    ),
    education=st.lists(
        st.builds(EducationEntry, institution=maybe, degree=maybe, field_of_study=maybe, start_date=dates,
                  end_date=dates, is_current=st.booleans(), grade=maybe),
        max_size=2,
    ),
    skills=st.lists(st.builds(Skill, name=words, raw=words), max_size=3),
    languages=st.lists(st.builds(Language, name=words, fluency=maybe), max_size=2),
    certifications=st.lists(st.builds(Certification, name=words, issuer=maybe, date=dates, url=st.none() | urls),
                            max_size=2),
    interests=st.lists(words, max_size=2),
    sections=st.lists(st.builds(Section, heading=st.none(), kind=st.just("contact"), text=words), max_size=1),
    years_of_experience=st.none() | st.floats(0, 60),
    current_title=maybe,
    current_company=maybe,
    warnings=st.lists(st.builds(ParseWarning, code=st.just("x"), message=words), max_size=1),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_every_record_exports_to_valid_payloads(resume: Resume) -> None:
    for fmt in EXPORT_FORMATS:
        context: dict[str, Any] = {"warnings": [], "file": b"%PDF-1.4", "filename": "cv.pdf"}
        if fmt == "comeet":
            context |= {"position_uid": "11.11", "partner_candidate_id": "c-42"}
        try:
            payload = export(resume, fmt, **context)
        except MissingRequiredField:
            assert fmt == "comeet"  # the one system that requires a name we may lack
            continue
        assert blank_strings(payload) == [], fmt
        assert errors(fmt, payload) == [], fmt
