"""Exports of the synthetic fixture set: of every expected record and of every parsed fixture file."""

from __future__ import annotations

import base64
import json
from functools import cache
from typing import Any

import pytest

import resumeparser
from resumeparser import ResumeParserError
from resumeparser.export import EXPORT_FORMATS, MissingRequiredField, export
from resumeparser.models import ParseWarning, Resume

from .conftest import FIXTURES
from .export_schemas import blank_strings, errors

GENERATED = FIXTURES / "generated"
MANIFEST: list[dict[str, Any]] = (
    json.loads((GENERATED / "manifest.json").read_text("utf-8")) if (GENERATED / "manifest.json").is_file() else []
)
# Formats read without OCR (OCR'd images and scans cost seconds a page and add nothing to an export test).
PARSED_FORMATS = ("txt", "pdf", "docx", "doc", "rtf", "odt", "html")
PARSED = [(row, fmt) for row in MANIFEST for fmt in PARSED_FORMATS if fmt in row["files"]]


def expected(row: dict[str, Any]) -> Resume:
    return Resume.model_validate_json((GENERATED / row["expected"]).read_text("utf-8"))


@cache
def parsed(rel: str) -> Resume:
    return resumeparser.parse(GENERATED / rel)


def all_exports(resume: Resume, rel: str) -> dict[str, dict[str, Any]]:
    """Every format, with the context a caller would give: the file, a stored copy's URL and Comeet's ids."""
    out = {}
    for fmt in EXPORT_FORMATS:
        context: dict[str, Any] = {"file": GENERATED / rel, "warnings": [], "file_url": f"https://files.example.com/{rel}"}
        if fmt == "comeet":
            context |= {"position_uid": "11.11", "partner_candidate_id": rel}
        try:
            out[fmt] = export(resume, fmt, **context)
        except MissingRequiredField:
            name = resume.name
            assert fmt == "comeet" and (name is None or len(name.full.split()) < 2), "Comeet refused a full name"
    return out


@pytest.mark.parametrize("row", MANIFEST, ids=lambda row: row["id"])
def test_exports_of_expected_records_validate_and_keep_the_record(row: dict[str, Any]) -> None:
    resume = expected(row)
    rel = row["files"]["pdf"]
    exports = all_exports(resume, rel)
    assert set(exports) == set(EXPORT_FORMATS)
    for fmt, payload in exports.items():
        assert errors(fmt, payload) == [], fmt
        assert blank_strings(payload) == [], fmt
    assert resume.name is not None

    basics = exports["jsonresume"]["basics"]
    assert basics["name"] == resume.name.full and basics["email"] == resume.emails[0]
    assert [w.get("position") for w in exports["jsonresume"]["work"]] == [w.title for w in resume.work]

    candidate = exports["workable"]["candidate"]
    assert (candidate["firstname"], candidate["lastname"]) == (resume.name.first, resume.name.last)
    assert len(candidate["experience_entries"]) == sum(1 for w in resume.work if w.title)
    assert [e["current"] for e in candidate["experience_entries"]] == [w.is_current for w in resume.work if w.title]
    assert base64.b64decode(candidate["resume"]["data"]) == (GENERATED / rel).read_bytes()

    comeet = exports["comeet"]
    assert comeet["resume"]["name"] == "resume.pdf"
    assert comeet.get("mobile_phone") == next((p.e164 for p in resume.phones if p.type == "mobile"), None)

    assert exports["occupop"].get("location_country") == (resume.location.country_code if resume.location else None)

    history = exports["cvparserpro"]["work_history"]
    assert [h["end_date"] == "present" for h in history] == [w.is_current for w in resume.work]
    assert exports["cvparserpro"]["skills"] == list(dict.fromkeys(s.name for s in resume.skills))

    assert Resume.model_validate(exports["taptalent"]["parsedData"]).work == resume.work


@pytest.mark.parametrize(("row", "fmt"), PARSED, ids=[f"{row['id']}-{fmt}" for row, fmt in PARSED])
def test_exports_of_parsed_fixtures_validate(row: dict[str, Any], fmt: str) -> None:
    rel = row["files"][fmt]
    try:
        resume = parsed(rel)
    except ResumeParserError as exc:
        if isinstance(exc.__cause__, ModuleNotFoundError):  # the format's extractor is not part of this build
            pytest.skip(f"{rel} does not parse here: {exc}")
        raise
    for export_fmt, payload in all_exports(resume, rel).items():
        assert errors(export_fmt, payload) == [], export_fmt
        assert blank_strings(payload) == [], export_fmt


def test_a_txt_fixture_reports_that_workable_does_not_take_it() -> None:
    row = MANIFEST[0] if MANIFEST else pytest.skip("no generated fixtures")
    left_out: list[ParseWarning] = []
    payload = export(expected(row), "workable", file=GENERATED / row["files"]["txt"], warnings=left_out)
    assert "resume" not in payload["candidate"]
    assert [w.code for w in left_out] == ["resume_file_left_out"]
