"""Exports: the exact payload of a known record for each system, the schemas, and the edge cases."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

import resumeparser
from resumeparser import ResumeParserError
from resumeparser.export import (
    EXPORT_FORMATS,
    ExportWarning,
    InvalidExportContext,
    MissingRequiredField,
    UnknownExportFormat,
    export,
)
from resumeparser.export.common import first_day, last_day
from resumeparser.models import Location, Name, ParseWarning, Phone, Resume, WorkEntry

from .export_records import LANDLINE, MOBILE, full_resume
from .export_schemas import blank_strings, errors

COMEET = {"position_uid": "11.11", "partner_candidate_id": "c-42"}
SUMMARY = (
    "Data engineer with nine years of experience building batch and streaming pipelines. "
    "Led migrations to Spark on Kubernetes. Mentors junior engineers. Speaks at meetups."
)


def run(resume: Resume, fmt: str, **context: Any) -> tuple[dict[str, Any], list[ParseWarning]]:
    left_out: list[ParseWarning] = []
    if fmt == "comeet":
        context = COMEET | context
    payload = export(resume, fmt, warnings=left_out, **context)
    return payload, left_out


def test_formats_and_public_api() -> None:
    assert EXPORT_FORMATS == ("jsonresume", "workable", "comeet", "occupop", "cvparserpro", "taptalent")
    assert resumeparser.export is export and "export" in resumeparser.__all__


def test_jsonresume_of_a_full_record() -> None:
    payload, left_out = run(full_resume(), "jsonresume")
    assert left_out == []
    assert payload == {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {
            "name": "Jane Q. Doe",
            "label": "Senior Data Engineer",
            "email": "jane.doe@example.org",
            "phone": "+351912345678",
            "url": "https://janedoe.dev",
            "summary": SUMMARY,
            "location": {
                "address": "Rua Augusta 10", "postalCode": "1100-053", "city": "Lisboa", "countryCode": "PT",
                "region": "Lisboa",
            },
            "profiles": [
                {"network": "LinkedIn", "username": "janeqdoe", "url": "https://linkedin.com/in/janeqdoe"},
                {"network": "GitHub", "username": "janeqdoe", "url": "https://github.com/janeqdoe"},
                {"network": "GitLab", "username": "jqd", "url": "https://gitlab.com/jqd"},
            ],
        },
        "work": [
            {
                "name": "Northwind Analytics", "position": "Senior Data Engineer", "location": "Lisbon, Portugal",
                "startDate": "2021-03", "summary": "Owns the data platform.",
                "highlights": ["Moved nightly ETL to Spark.", "Cut storage costs by 30%."],
            },
            {"name": "Contoso Retail", "position": "Data Engineer", "startDate": "2016-06", "endDate": "2021-02"},
            {"name": "Fabrikam", "position": "Analyst", "startDate": "2014", "endDate": "2015"},
            {"name": "Tailspin Toys", "startDate": "2013-07", "endDate": "2013-09"},
        ],
        "volunteer": [{"organization": "Code Club", "position": "Mentor", "startDate": "2018"}],
        "education": [
            {
                "institution": "University of Porto", "area": "Computer Science", "studyType": "MSc Computer Science",
                "startDate": "2014", "endDate": "2016", "score": "18/20",
            },
            {
                "institution": "University of Coimbra", "area": "Mathematics", "studyType": "BSc",
                "startDate": "2011-09", "endDate": "2014-06-30",
            },
            {"studyType": "Online course in statistics", "endDate": "2020"},
        ],
        "awards": [
            {"title": "Engineer of the Year", "date": "2022", "awarder": "Northwind", "summary": "For the migration."}
        ],
        "certificates": [
            {"name": "AWS Certified Data Engineer", "date": "2022-05", "issuer": "Amazon Web Services"},
            {"name": "CKAD", "url": "https://cncf.io/ckad"},
        ],
        "publications": [{"name": "Streaming at scale", "publisher": "Data Journal", "releaseDate": "2020-11"}],
        "skills": [{"name": "Python"}, {"name": "data", "keywords": ["Apache Spark"]}],  # the declared skills, by group
        "languages": [{"language": "Portuguese", "fluency": "Native"}, {"language": "English", "fluency": "Fluent"}],
        "interests": [{"name": "Sailing"}, {"name": "Chess"}],
        "references": [{"name": "John Roe", "reference": "Available on request."}],
        "projects": [
            {
                "name": "tidyflow", "description": "An Airflow plugin.", "highlights": ["200 stars"],
                "startDate": "2019", "url": "https://github.com/janeqdoe/tidyflow",
            }
        ],
    }
    assert errors("jsonresume", payload) == []


def test_workable_of_a_full_record(tmp_path: Path) -> None:
    pdf = tmp_path / "Jane Doe CV.pdf"
    pdf.write_bytes(b"%PDF-1.4 not really a resume")
    payload, left_out = run(full_resume(), "workable", file=pdf)
    assert payload == {
        "candidate": {
            "name": "Jane Q. Doe",
            "firstname": "Jane",
            "lastname": "Doe",
            "email": "jane.doe@example.org",
            "headline": "Senior Data Engineer",
            "summary": SUMMARY,
            "address": "Rua Augusta 10, 1100-053 Lisboa, Portugal",
            "phone": "+351912345678",
            "education_entries": [
                {
                    "school": "University of Porto", "degree": "MSc Computer Science",
                    "field_of_study": "Computer Science", "start_date": "2014-01-01", "end_date": "2016-12-31",
                },
                {
                    "school": "University of Coimbra", "degree": "BSc", "field_of_study": "Mathematics",
                    "start_date": "2011-09-01", "end_date": "2014-06-30",
                },
            ],
            "experience_entries": [
                {
                    "title": "Senior Data Engineer",
                    "summary": "Owns the data platform.\nMoved nightly ETL to Spark.\nCut storage costs by 30%.",
                    "company": "Northwind Analytics", "industry": "Analytics", "start_date": "2021-03-01",
                    "current": True,
                },
                {
                    "title": "Data Engineer", "company": "Contoso Retail", "start_date": "2016-06-01",
                    "end_date": "2021-02-28", "current": False,
                },
                {
                    "title": "Analyst", "company": "Fabrikam", "start_date": "2014-01-01", "end_date": "2015-12-31",
                    "current": False,
                },
            ],
            "skills": ["Python", "Apache Spark"],
            "social_profiles": [
                {"type": "linkedin", "username": "janeqdoe", "url": "https://linkedin.com/in/janeqdoe"},
                {"type": "github", "username": "janeqdoe", "url": "https://github.com/janeqdoe"},
            ],
            "resume": {"name": "Jane Doe CV.pdf", "data": base64.b64encode(pdf.read_bytes()).decode()},
        }
    }
    # what Workable cannot take is reported, not dropped silently
    assert [(w.code, w.field) for w in left_out] == [("entry_left_out", "education"), ("entry_left_out", "work")]
    assert errors("workable", payload) == []


def test_comeet_of_a_full_record() -> None:
    data = b"{\\rtf1 resume}"
    payload, left_out = run(full_resume(), "comeet", file=data, filename="jane.rtf")
    assert left_out == []
    assert payload == {
        "position_uid": "11.11",
        "partner_candidate_id": "c-42",
        "first_name": "Jane",
        "middle_name": "Q.",
        "last_name": "Doe",
        "email": "jane.doe@example.org",
        "phone": "+351211234567",
        "mobile_phone": "+351912345678",
        "linkedin_url": "https://linkedin.com/in/janeqdoe",
        # profiles but LinkedIn, then the candidate's own site; not the employer's site found elsewhere
        "links": [{"url": "https://github.com/janeqdoe"}, {"url": "https://gitlab.com/jqd"},
                  {"url": "https://janedoe.dev"}],
        "address": {
            "country": "PT", "city": "Lisboa", "state": "Lisboa", "zip": "1100-053", "street": "Rua Augusta 10",
        },
        "resume": {"name": "jane.rtf", "file": base64.b64encode(data).decode()},
    }
    assert errors("comeet", payload) == []


def test_occupop_of_a_full_record() -> None:
    payload, _ = run(full_resume(), "occupop", file_url="https://storage.example.com/cv/123", source="Acme website")
    assert payload == {
        "email": "jane.doe@example.org",
        "first_name": "Jane",
        "last_name": "Doe",
        "landline": "+351211234567",
        "linkedin": "https://linkedin.com/in/janeqdoe",
        "profile": SUMMARY,
        "location_city": "Lisboa",
        "location_state": "Lisboa",
        "location_country": "PT",
        "source": "Acme website",
        "file_name": "jane_doe.pdf",
        "file_url": "https://storage.example.com/cv/123",
    }
    assert errors("occupop", payload) == []


def test_cvparserpro_of_a_full_record() -> None:
    payload, _ = run(full_resume(), "cvparserpro")
    assert payload == {
        "full_name": "Jane Q. Doe",
        "email": "jane.doe@example.org",
        "phone": "+351912345678",
        "location": "Rua Augusta 10, 1100-053 Lisboa, Portugal",
        "current_title": "Senior Data Engineer",
        "years_of_experience": 9,
        "skills": ["Python", "Apache Spark"],
        "languages": ["Portuguese", "English"],
        "work_history": [
            {
                "company": "Northwind Analytics", "title": "Senior Data Engineer", "start_date": "2021-03",
                "end_date": "present", "is_current": True,
                "description": "Owns the data platform.\nMoved nightly ETL to Spark.\nCut storage costs by 30%.",
            },
            {
                "company": "Contoso Retail", "title": "Data Engineer", "start_date": "2016-06", "end_date": "2021-02",
                "is_current": False, "description": None,
            },
            {
                "company": "Fabrikam", "title": "Analyst", "start_date": "2014", "end_date": "2015",
                "is_current": False, "description": None,
            },
            {
                "company": "Tailspin Toys", "title": None, "start_date": "2013-07", "end_date": "2013-09",
                "is_current": False, "description": None,
            },
        ],
        "education": [
            {
                "institution": "University of Porto", "degree": "MSc Computer Science", "field": "Computer Science",
                "start_year": "2014", "end_year": "2016",
            },
            {
                "institution": "University of Coimbra", "degree": "BSc", "field": "Mathematics",
                "start_year": "2011", "end_year": "2014",
            },
            {
                "institution": None, "degree": "Online course in statistics", "field": None, "start_year": None,
                "end_year": "2020",
            },
        ],
        "certifications": [
            {"name": "AWS Certified Data Engineer", "issuer": "Amazon Web Services", "date": "2022-05"},
            {"name": "CKAD", "issuer": None, "date": None},
        ],
        "linkedin_url": "https://linkedin.com/in/janeqdoe",
        "github_url": "https://github.com/janeqdoe",
        "portfolio_url": "https://janedoe.dev",
        # the summary's first three sentences, word for word
        "ai_summary": (
            "Data engineer with nine years of experience building batch and streaming pipelines. "
            "Led migrations to Spark on Kubernetes. Mentors junior engineers."
        ),
        "original_filename": "jane_doe.pdf",
        "parsing_status": "completed",
        "parsing_confidence": 0.87,
        "parsing_errors": ["one date could not be read"],
    }
    assert errors("cvparserpro", payload) == []


def test_taptalent_of_a_full_record() -> None:
    resume = full_resume()
    payload, _ = run(resume, "taptalent", file_url="https://storage.example.com/cv/123")
    parsed = payload.pop("parsedData")
    assert payload == {
        "name": "Jane Q. Doe",
        "email": "jane.doe@example.org",
        "phone": "+351912345678",
        "resumeUrl": "https://storage.example.com/cv/123",
    }
    assert list(parsed) == [
        "headline", "summary", "location", "links", "profiles", "work", "education", "skills", "languages",
        "certifications", "projects", "awards", "publications", "volunteering", "interests", "references",
        "years_of_experience", "current_title", "current_company", "highest_degree_level",
    ]
    assert parsed["work"][0] == {
        "title": "Senior Data Engineer", "company": "Northwind Analytics",
        "location": {"raw": "Lisbon, Portugal", "city": "Lisbon", "country_code": "PT"},
        "start_date": "2021-03", "is_current": True, "description": "Owns the data platform.",
        "highlights": ["Moved nightly ETL to Spark.", "Cut storage costs by 30%."], "industry": "Analytics",
    }
    assert parsed["skills"][1] == {
        "name": "Apache Spark", "raw": "Spark", "category": "data", "sources": ["skills", "experience"]
    }
    assert parsed["years_of_experience"] == 9.6
    # parsedData is our own record's shape: it loads back as its parts
    assert Resume.model_validate(parsed).work == resume.work
    assert errors("taptalent", {**payload, "parsedData": parsed}) == []


# -- edge cases ----------------------------------------------------------------------------------------------------


def test_first_and_last_day_rules() -> None:
    assert [first_day(d) for d in ("2019", "2019-03", "2019-03-14", None)] == [
        "2019-01-01", "2019-03-01", "2019-03-14", None,
    ]
    assert [last_day(d) for d in ("2019", "2019-04", "2020-02", "2019-02", "2019-03-14", None)] == [
        "2019-12-31", "2019-04-30", "2020-02-29", "2019-02-28", "2019-03-14", None,
    ]


def test_no_name() -> None:
    resume = Resume(emails=["someone@example.org"], phones=[MOBILE])
    for fmt in ("jsonresume", "workable", "occupop", "cvparserpro", "taptalent"):
        payload, _ = run(resume, fmt)
        assert errors(fmt, payload) == [], fmt
    assert run(resume, "jsonresume")[0] == {"$schema": export(resume, "jsonresume")["$schema"],
                                           "basics": {"email": "someone@example.org", "phone": "+351912345678"}}
    assert run(resume, "workable")[0] == {"candidate": {"email": "someone@example.org", "phone": "+351912345678"}}
    assert run(resume, "occupop")[0] == {"email": "someone@example.org", "landline": "+351912345678"}
    assert run(resume, "cvparserpro")[0]["full_name"] is None
    assert "name" not in run(resume, "taptalent")[0]
    with pytest.raises(MissingRequiredField) as caught:
        run(resume, "comeet")
    assert caught.value.code == "missing_required_field"


def test_a_single_word_name_has_no_last_name() -> None:
    resume = Resume(name=Name(full="Cher"))
    assert run(resume, "workable")[0] == {"candidate": {"name": "Cher", "firstname": "Cher"}}
    assert run(resume, "occupop")[0] == {"first_name": "Cher"}
    with pytest.raises(MissingRequiredField):
        run(resume, "comeet")


def test_full_name_only_is_split_into_first_middle_last() -> None:
    resume = Resume(name=Name(full="Maria  da Silva Santos"))
    payload, _ = run(resume, "comeet")
    assert (payload["first_name"], payload["middle_name"], payload["last_name"]) == ("Maria", "da Silva", "Santos")


def test_year_only_dates() -> None:
    resume = Resume(work=[WorkEntry(title="Analyst", company="Fabrikam", start_date="2019", end_date="2019")])
    assert run(resume, "workable")[0]["candidate"]["experience_entries"] == [
        {"title": "Analyst", "company": "Fabrikam", "start_date": "2019-01-01", "end_date": "2019-12-31",
         "current": False}
    ]
    history = run(resume, "cvparserpro")[0]["work_history"]
    assert (history[0]["start_date"], history[0]["end_date"]) == ("2019", "2019")
    assert run(resume, "jsonresume")[0]["work"] == [
        {"name": "Fabrikam", "position": "Analyst", "startDate": "2019", "endDate": "2019"}
    ]
    for fmt in ("jsonresume", "workable", "cvparserpro"):
        assert errors(fmt, run(resume, fmt)[0]) == [], fmt


def test_current_job_has_no_end_date() -> None:
    # an end date next to "current" (a parser slip) must not reach a system as a second truth
    resume = Resume(work=[WorkEntry(title="Lead", start_date="2022-05", end_date="2023", is_current=True)])
    assert run(resume, "workable")[0]["candidate"]["experience_entries"] == [
        {"title": "Lead", "start_date": "2022-05-01", "current": True}
    ]
    entry = run(resume, "cvparserpro")[0]["work_history"][0]
    assert (entry["start_date"], entry["end_date"], entry["is_current"]) == ("2022-05", "present", True)
    assert run(resume, "jsonresume")[0]["work"] == [{"position": "Lead", "startDate": "2022-05"}]


@pytest.mark.parametrize(
    ("phones", "expected"),
    [
        ([MOBILE], {"mobile_phone": "+351912345678"}),
        ([LANDLINE], {"phone": "+351211234567"}),
        ([Phone(raw="555 0100", type="unknown")], {"phone": "555 0100"}),
        ([MOBILE, LANDLINE], {"phone": "+351211234567", "mobile_phone": "+351912345678"}),
    ],
)
def test_comeet_phone_by_type(phones: list[Phone], expected: dict[str, str]) -> None:
    payload, _ = run(Resume(name=Name(full="Jane Doe"), phones=phones), "comeet")
    assert {k: v for k, v in payload.items() if k in ("phone", "mobile_phone")} == expected
    assert errors("comeet", payload) == []


def test_comeet_leaves_out_a_resume_over_6_mb(tmp_path: Path) -> None:
    resume = Resume(name=Name(full="Jane Doe"))
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF" + b"0" * 6_000_000)
    payload, left_out = run(resume, "comeet", file=big)
    assert "resume" not in payload
    assert [w.code for w in left_out] == ["resume_file_too_large"]
    assert "6000004 bytes" in left_out[0].message
    assert errors("comeet", payload) == []
    # without a list to report to, a Python warning says so
    with pytest.warns(ExportWarning, match="resume_file_too_large") as caught:
        export(resume, "comeet", file=big, **COMEET)
    assert caught[0].filename == __file__  # pointing at the caller's line
    # at the limit it goes
    payload, left_out = run(resume, "comeet", file=b"0" * 6_000_000, filename="cv.pdf")
    assert left_out == [] and len(payload["resume"]["file"]) == 8_000_000
    assert errors("comeet", payload) == []


def test_comeet_requires_its_context() -> None:
    resume = Resume(name=Name(full="Jane Doe"))
    with pytest.raises(InvalidExportContext, match="position_uid"):
        export(resume, "comeet", partner_candidate_id="c-42")
    with pytest.raises(InvalidExportContext, match="partner_candidate_id"):
        export(resume, "comeet", position_uid="11.11", partner_candidate_id="  ")
    payload = export(resume, "comeet", position_uid=1111, partner_candidate_id=42)
    assert (payload["position_uid"], payload["partner_candidate_id"]) == ("1111", "42")


def test_file_types_each_system_refuses_are_left_out_with_a_warning() -> None:
    resume = Resume(name=Name(full="Jane Doe"))
    payload, left_out = run(resume, "workable", file=b"plain text", filename="cv.txt",
                            file_url="https://storage.example.com/cv.txt")
    assert "resume" not in payload["candidate"]
    assert payload["candidate"]["resume_url"] == "https://storage.example.com/cv.txt"
    assert [w.code for w in left_out] == ["resume_file_left_out"]
    payload, left_out = run(resume, "comeet", file=b"RIFF....WEBP", filename="photo.webp")
    assert "resume" not in payload and [w.code for w in left_out] == ["resume_file_left_out"]
    # bytes without any name cannot be named for the system
    payload, left_out = run(resume, "comeet", file=b"%PDF-1.4")
    assert "resume" not in payload and [w.code for w in left_out] == ["resume_file_left_out"]


def test_file_given_as_a_file_object_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(b"%PDF-1.4")
    with open(path, "rb") as handle, pytest.raises(InvalidExportContext, match="path or the file's bytes"):
        export(Resume(), "workable", file=handle)
    payload = export(Resume(), "workable", file=bytearray(b"%PDF-1.4"), filename="cv.pdf")
    assert payload["candidate"]["resume"] == {"name": "cv.pdf", "data": base64.b64encode(b"%PDF-1.4").decode()}


def test_missing_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(ResumeParserError) as caught:
        export(Resume(name=Name(full="Jane Doe")), "workable", file=tmp_path / "gone.pdf")
    assert caught.value.code == "file_not_found"


def test_unknown_format_and_context_key_are_typed_errors() -> None:
    with pytest.raises(UnknownExportFormat) as caught:
        export(Resume(), "lever")
    assert caught.value.code == "unknown_export_format"
    with pytest.raises(InvalidExportContext, match="position"):
        export(Resume(), "jsonresume", position="11.11")


def test_blank_values_never_become_empty_strings() -> None:
    resume = Resume(
        name=Name(full="Jane Doe", first="Jane", middle=" ", last="Doe"),
        headline="  ",
        summary="",
        location=Location(raw="Lisbon", city=" "),
        phones=[Phone(raw="  ", type="unknown")],
        work=[WorkEntry(title="Analyst", company=" ", description="  ")],
        interests=[" "],
    )
    for fmt in EXPORT_FORMATS:
        payload, _ = run(resume, fmt)
        assert blank_strings(payload) == [], fmt
        assert errors(fmt, payload) == [], fmt


def test_links_without_a_scheme_become_absolute_and_non_web_links_are_dropped() -> None:
    resume = Resume(
        name=Name(full="Jane Doe"),
        links=["janedoe.dev", "mailto:jane@example.org", "ftp://files.example.org/cv", "not a url"],
    )
    assert run(resume, "jsonresume")[0]["basics"]["url"] == "https://janedoe.dev"
    assert run(resume, "comeet")[0]["links"] == [{"url": "https://janedoe.dev"}]


def test_workable_social_profiles_only_of_its_types_one_per_type() -> None:
    resume = full_resume()
    resume.profiles = [*resume.profiles, resume.profiles[1].model_copy(update={"url": "https://github.com/other"})]
    types = [p["type"] for p in run(resume, "workable")[0]["candidate"]["social_profiles"]]
    assert types == ["linkedin", "github"]  # gitlab is no Workable type; the second github is dropped


def test_cvparserpro_summary_falls_back_to_headline_and_current_role() -> None:
    resume = Resume(headline="Data engineer", current_title="Staff Engineer", current_company="Northwind")
    assert run(resume, "cvparserpro")[0]["ai_summary"] == "Data engineer. Staff Engineer at Northwind"
    resume = Resume(headline="Staff Engineer at Northwind", current_title="Staff Engineer")
    assert run(resume, "cvparserpro")[0]["ai_summary"] == "Staff Engineer at Northwind"
    assert run(Resume(), "cvparserpro")[0]["ai_summary"] is None


def test_an_empty_record_exports_to_valid_payloads() -> None:
    for fmt in ("jsonresume", "workable", "occupop", "cvparserpro", "taptalent"):
        payload, _ = run(Resume(), fmt)
        assert errors(fmt, payload) == [], fmt
    assert run(Resume(), "workable")[0] == {"candidate": {}}
    assert run(Resume(), "occupop")[0] == {}


@pytest.mark.parametrize(
    ("fmt", "payload", "complaint"),
    [
        ("workable", {"candidate": {"education_entries": [{"school": "X", "start_date": "2019-03"}]}}, "match"),
        ("workable", {"candidate": {"social_profiles": [{"type": "gitlab", "url": "https://gitlab.com/x"}]}}, "gitlab"),
        ("workable", {"candidate": {"experience_entries": [{"company": "X"}]}}, "'title' is a required property"),
        ("workable", {"candidate": {"resume": {"name": "cv.txt", "data": "eA=="}}}, "does not match"),
        ("comeet", {"position_uid": "1", "partner_candidate_id": "2", "first_name": "A"}, "'last_name' is a required"),
        ("comeet", {**COMEET, "first_name": "A", "last_name": "B", "address": {"country": "Portugal"}}, "match"),
        ("comeet", {**COMEET, "first_name": "A", "last_name": "B", "links": [{"url": "janedoe.dev"}]}, "uri"),
        ("occupop", {"location_country": "Portugal"}, "does not match"),
        ("occupop", {"first_name": ""}, "should be non-empty"),
        ("occupop", {"phone": "+351211234567"}, "Additional properties"),
        ("cvparserpro", {"work_history": [{"is_current": False, "end_date": "present"}]}, "should not be valid"),
        ("cvparserpro", {"years_of_experience": 9.6}, "is not of type"),
        ("taptalent", {"parsedData": []}, "is not of type 'object'"),
        ("jsonresume", {"work": [{"startDate": "March 2019"}]}, "does not match"),
    ],
)
def test_schemas_reject_what_the_systems_would_refuse(fmt: str, payload: dict[str, Any], complaint: str) -> None:
    found = errors(fmt, payload)
    assert len(found) == 1 and complaint in found[0], found
