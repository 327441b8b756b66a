from __future__ import annotations

from datetime import date

import resumeparser
from resumeparser.assemble import assemble, extract_fields
from resumeparser.document import Document
from resumeparser.fields.contact import extract_contact
from resumeparser.models import Resume
from resumeparser.normalize import normalize
from resumeparser.segment import segment

CLEAN = """Alex Morgan
alex.morgan@example.org | +44 20 7946 0958

SUMMARY
Backend engineer who likes boring, reliable systems.

EXPERIENCE
Senior Software Engineer, Initech Ltd, London
Jan 2020 - Present
• Moved the monolith to Kubernetes
Software Engineer at Globex Corporation
06/2016 - 12/2019
• Wrote Python services
Intern, Globex Corporation
Summer 2015

EDUCATION
MSc Computer Science, University of Leeds, 2014 - 2016
BSc Physics, University of York, 2011 - 2014

SKILLS
Python, Go, Kubernetes, PostgreSQL

LANGUAGES
English (native), German (B2)
"""


def record(text: str, today: date = date(2022, 1, 1)) -> Resume:
    doc = normalize(Document.from_text(text))
    blocks = segment(doc)
    return assemble(doc, blocks, extract_contact(doc, blocks), extract_fields(blocks), today=today)


def test_derived_values() -> None:
    r = record(CLEAN)
    assert (r.current_title, r.current_company) == ("Senior Software Engineer", "Initech Ltd")
    assert r.highest_degree_level == "masters"
    # 2016-06..2019-12 (43 months) + 2020-01 up to January 2022 (24) + 2015 (12): overlaps none
    assert r.years_of_experience == round((43 + 24 + 12) / 12, 1)
    assert [s.name for s in r.skills][:4] == ["Python", "Go", "Kubernetes", "PostgreSQL"]
    assert [lang.code for lang in r.languages] == ["en", "de"]
    assert r.summary == "Backend engineer who likes boring, reliable systems."
    assert r.warnings == []


def test_years_of_experience_follow_the_reference_date() -> None:
    assert record(CLEAN, date(2023, 1, 1)).years_of_experience == round((43 + 36 + 12) / 12, 1)


def test_warnings() -> None:
    text = "Some Person\n\nEXPERIENCE\nData Engineer at Hooli Inc\n2019 - 2017\n"
    r = record(text)
    codes = {w.code for w in r.warnings}
    assert {"no_email_found", "date_range_reversed"} <= codes
    assert r.years_of_experience is None  # a reversed range is not counted
    r2 = record("Some Person\nsome@example.org\n\nEXPERIENCE\nI like computers a lot.\n")
    assert "no_work_entries" in {w.code for w in r2.warnings}


def test_confidence_is_lower_for_a_poor_parse() -> None:
    good = record(CLEAN)
    poor = record("curriculum\nsome words here\nand more words 2019\n")
    assert good.confidence.overall > 0.7
    assert poor.confidence.overall < 0.3
    assert good.confidence.fields["work"] > 0.7
    assert all(w.confidence is not None and 0 <= w.confidence <= 1 for w in good.work)


def test_parse_text_fills_every_section() -> None:
    r = resumeparser.parse_text(CLEAN)
    assert len(r.work) == 3 and len(r.education) == 2
    assert r.work[2].title == "Intern" and r.work[2].start_date == "2015"
    assert r.years_of_experience is not None and r.years_of_experience > 0


def test_a_job_title_taken_for_a_heading_stays_in_the_experience() -> None:
    from resumeparser.document import Line
    from resumeparser.segment import Block

    blocks = [
        Block(kind="experience", heading="Experience",
              lines=[Line.plain(t) for t in ["Umbrella Corp", "Events Manager", "June 2022 - Present"]]),
        Block(kind="projects", heading="Academic Projects and Events Manager",
              lines=[Line.plain(t) for t in ["August 2020 - June 2022", "", "Globex Inc", "Event Coordinator",
                                             "October 2018 - May 2020"]]),
    ]
    fields = extract_fields(blocks)
    assert [(w.title, w.start_date) for w in fields.work] == [
        ("Events Manager", "2022-06"), ("Academic Projects and Events Manager", "2020-08"),
        ("Event Coordinator", "2018-10")]
    assert fields.projects == []


def test_roles_and_degrees_without_headings() -> None:
    text = ("Pat Example\npat@example.org\n"
            "Senior Accountant at Hooli Inc\n2019 - Present\n• Closed the books\n"
            "Accountant at Initech LLC\n2015 - 2019\n"
            "MSc Accounting, University of Leeds, 2013 - 2015\n")
    r = record(text)
    assert [(w.title, w.company) for w in r.work] == [("Senior Accountant", "Hooli Inc"), ("Accountant", "Initech LLC")]
    assert [(e.degree, e.institution) for e in r.education] == [("MSc", "University of Leeds")]
    assert all(w.confidence is not None and w.confidence < 0.95 for w in r.work)  # no heading to go by


def test_low_ocr_confidence_lowers_the_overall_confidence() -> None:
    doc = normalize(Document.from_text(CLEAN))
    blocks = segment(doc)
    clean = assemble(doc, blocks, extract_contact(doc, blocks), extract_fields(blocks), today=date(2022, 1, 1))
    for page in doc.pages:
        page.ocr, page.ocr_confidence = True, 0.4
    scanned = assemble(doc, blocks, extract_contact(doc, blocks), extract_fields(blocks), today=date(2022, 1, 1))
    assert scanned.confidence.overall < clean.confidence.overall
