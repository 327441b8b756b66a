"""No invented names: a name must look like a person's name and be corroborated, else it is null."""

from __future__ import annotations

import pytest

import resumeparser
from resumeparser.document import Document, Line, Page, Span
from resumeparser.fields.names import best_name, person_like
from resumeparser.pipeline import parse_document

BODY = """
PROFESSIONAL SUMMARY
Accountant with eight years of experience in audit and reporting.

EXPERIENCE
Financial Accountant, Acme Corp, Chicago
Jan 2019 - Present
• Closed the books every month

SKILLS
Microsoft Office, Excel, SAP
"""


@pytest.mark.parametrize(
    "first_lines",
    [
        "Financial Accountant",  # a job title
        "Professional Summary",  # a heading
        "Microsoft Office",  # a skill
        "Usability Testing | Variance Analysis",
        "Tamil Nadu, India",  # a place
        "Gladstone Institutes",  # an organisation
        "PhD",
    ],
)
def test_an_anonymised_resume_gets_no_name(first_lines: str) -> None:
    resume = resumeparser.parse_text(first_lines + "\n" + BODY)
    assert resume.name is None
    assert any(w.code == "no_name_found" and w.field == "name" for w in resume.warnings)
    assert resume.confidence.fields.get("name", 0.0) < 0.5


@pytest.mark.parametrize(
    "text",
    ["Financial Accountant", "Usability Testing", "Microsoft Office", "Team Member", "Analista Financiero",
     "Kotlin Firebase", "Warren Ave.", "GA Sometown"],
)
def test_titles_skills_places_and_organisations_are_not_person_like(text: str) -> None:
    assert not person_like(text)


@pytest.mark.parametrize(
    "text", ["Jane Doe", "Bruno Bronosky", "Elisa Park", "José de la Cruz Núñez", "Thijs van der Berg", "Jason Miller"]
)
def test_names_are_person_like(text: str) -> None:
    assert person_like(text)


def test_common_words_make_a_name_only_when_the_email_vouches() -> None:
    assert not person_like("Tom Baker")
    assert person_like("Tom Baker", vouched=True)
    resume = resumeparser.parse_text("Senior Data Engineer\nTom Baker\ntom.baker@example.com\n" + BODY)
    assert resume.name is not None and resume.name.full == "Tom Baker"


def test_a_name_alone_on_the_first_line() -> None:
    resume = resumeparser.parse_text("Jane Doe\n" + BODY)
    assert resume.name is not None and resume.name.full == "Jane Doe"


def test_a_labelled_name_and_a_label_on_the_line_above() -> None:
    resume = resumeparser.parse_text("CURRICULUM VITAE\nName: Priya Raman\n" + BODY)
    assert resume.name is not None and resume.name.full == "Priya Raman"
    resume = resumeparser.parse_text("CURRICULUM VITAE\nPersonal Particulars\nOffice use only\nName:\nPriya Raman\n"
                                     + BODY)
    assert resume.name is not None and resume.name.full == "Priya Raman"


def test_a_name_far_down_is_corroborated_by_the_contact_lines_next_to_it() -> None:
    head = "Sample resume\nMarketing\nDo not copy this sample.\nUse it for ideas.\nKim Kreiger\n790 Brown St\n"
    assert (r := resumeparser.parse_text(head + BODY)).name is not None and r.name.full == "Kim Kreiger"
    # the same line with nothing next to it that vouches for it, far from the top: no name
    head = "Sample resume\nMarketing\nDo not copy this sample.\nUse it for ideas.\nKim Kreiger\nObjective\n"
    assert resumeparser.parse_text(head + BODY).name is None


def _line(text: str, size: float, bold: bool = False) -> Line:
    return Line(spans=[Span(text=text, font_size=size, bold=bold)])


def test_the_largest_font_corroborates_a_name_but_not_a_title_in_it() -> None:
    lines = [_line("Contact", 10), _line("jane@example.org", 10), _line("Berlin", 10), _line("Skills", 10),
             _line("Jane Doe", 24, bold=True), _line("Engineer at Initech", 10)]
    found = best_name(lines, [])
    assert found is not None and found[0].full == "Jane Doe" and found[1] >= 0.7
    lines[4] = _line("Financial Accountant", 24, bold=True)
    assert best_name(lines, []) is None


def test_a_name_vouched_only_by_its_place_has_a_lower_confidence() -> None:
    weak = best_name([Line.plain("Jane Doe"), Line.plain("Engineer")], [])
    strong = best_name([Line.plain("Jane Doe"), Line.plain("jane.doe@example.com")], ["jane.doe@example.com"])
    assert weak is not None and strong is not None
    assert weak[1] <= 0.6 < strong[1]


def test_parse_document_takes_an_extracted_document() -> None:
    doc = Document(pages=[Page(number=1, lines=[Line.plain(t) for t in ("Jane Doe", *BODY.splitlines())])],
                   format="txt")
    resume = parse_document(doc)
    assert resume.name is not None and resume.name.full == "Jane Doe"
    assert resume.work and resume.work[0].company == "Acme Corp"
