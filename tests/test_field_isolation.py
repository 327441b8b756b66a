"""A bug in one field extractor costs that field, not the parse: the record comes back with a warning."""

from __future__ import annotations

from typing import Any, NoReturn

import pytest

import resumeparser
from resumeparser import assemble as assemble_module
from resumeparser.errors import ParseTimeout
from resumeparser.fields import contact as contact_module
from resumeparser.tagging import entries as tagged_entries

TEXT = """Alex Morgan
Berlin, Germany | alex.morgan@example.org | +49 30 1234567

SUMMARY
Backend engineer who likes boring, reliable systems.

EXPERIENCE
Senior Software Engineer, Initech GmbH, Berlin
Jan 2020 - Present
• Moved the monolith to Kubernetes

EDUCATION
MSc Computer Science, Technical University of Munich, 2016 - 2018

SKILLS
Python, Go, Kubernetes, PostgreSQL

LANGUAGES
German (native), English (fluent)

CERTIFICATIONS
Certified Kubernetes Administrator (CNCF), 2021

INTERESTS
Chess, cycling
"""


def _boom(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise KeyError("unexpected")


def _failed(resume: resumeparser.Resume) -> list[str | None]:
    return [w.field for w in resume.warnings if w.code == "field_failed"]


@pytest.fixture(scope="module")
def clean() -> resumeparser.Resume:
    return resumeparser.parse_text(TEXT)


def test_the_clean_parse_has_every_field(clean: resumeparser.Resume) -> None:
    assert clean.name is not None and clean.skills and clean.work and clean.education
    assert clean.languages and clean.certifications and clean.interests and clean.location
    assert _failed(clean) == []


@pytest.mark.parametrize(
    ("module", "function", "field", "attribute"),
    [
        (assemble_module, "extract_skills", "skills", "skills"),
        (tagged_entries, "work_entries", "work", "work"),
        (tagged_entries, "education_entries", "education", "education"),
        (assemble_module, "extract_languages", "languages", "languages"),
        (assemble_module, "extract_certifications", "certifications", "certifications"),
        (assemble_module, "extract_interests", "interests", "interests"),
        (assemble_module, "summary_text", "summary", "summary"),
        (contact_module, "_find_location", "location", "location"),
        (contact_module, "best_name", "name", "name"),
        (contact_module, "_find_phones", "phones", "phones"),
        (contact_module, "collect_links", "profiles", "profiles"),
    ],
)
def test_a_failing_extractor_costs_only_its_field(
    monkeypatch: pytest.MonkeyPatch, clean: resumeparser.Resume, module: Any, function: str, field: str,
    attribute: str,
) -> None:
    monkeypatch.setattr(module, function, _boom)
    resume = resumeparser.parse_text(TEXT)
    assert not getattr(resume, attribute)  # the field is empty ...
    assert _failed(resume) == [field]  # ... and named in one warning
    warning = next(w for w in resume.warnings if w.code == "field_failed")
    assert "KeyError" in warning.message
    assert resume.confidence.overall < clean.confidence.overall
    if field in resume.confidence.fields:
        assert resume.confidence.fields[field] == 0.0
    # every other field is still there
    for other in ("name", "emails", "work", "education", "skills", "languages", "certifications", "location"):
        if other != attribute:
            assert getattr(resume, other) == getattr(clean, other), other


def test_a_failure_in_one_section_block_keeps_the_other_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assemble_module, "extract_certifications", _boom)
    resume = resumeparser.parse_text(TEXT)
    assert [lang.code for lang in resume.languages] == ["de", "en"]
    assert resume.interests == ["Chess", "cycling"]
    assert not any(w.code == "no_name_found" for w in resume.warnings)


def test_a_typed_error_still_ends_the_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def late(*_args: Any, **_kwargs: Any) -> NoReturn:
        raise ParseTimeout("over the time limit")

    monkeypatch.setattr(assemble_module, "extract_skills", late)
    with pytest.raises(ParseTimeout):
        resumeparser.parse_text(TEXT)


@pytest.mark.parametrize("value", ["NY", "Ashland, KY", "Dublin", "and time/effort", "retail organization",
                                   "Involved in developing applications and services related to loan origination."])
def test_a_place_or_a_sentence_is_no_company(value: str) -> None:
    assert not assemble_module.plausible_company(value)


@pytest.mark.parametrize("value", ["Wayfair", "IBA GROUP", "Bank of America", "Deutsche Bank", "Yahoo!", "eBay"])
def test_companies_are_plausible(value: str) -> None:
    assert assemble_module.plausible_company(value)


def test_a_place_read_as_the_company_leaves_the_role_without_one() -> None:
    resume = resumeparser.parse_text("Jane Doe\njane@example.com\n\nEXPERIENCE\nMobile Engineer\nNY\n"
                                     "01/2020 - 12/2021\n• Built the app\n")
    assert resume.work and all(w.company != "NY" for w in resume.work)
