from __future__ import annotations

from resumeparser.document import Line
from resumeparser.fields.sections import (
    extract_awards,
    extract_certifications,
    extract_interests,
    extract_projects,
    extract_references,
    extract_volunteering,
)
from resumeparser.fields.spoken_languages import extract_languages


def lines(text: str) -> list[Line]:
    return [Line.plain(t) for t in text.splitlines()]


def test_languages_in_several_languages_with_fluency() -> None:
    got = extract_languages("Deutsch (Muttersprache)\nEspañol - C1\nMandarin: professional working proficiency\n"
                            "English (Native or Bilingual)")
    assert [(lang.code, lang.fluency) for lang in got] == [
        ("de", "Muttersprache"), ("es", "C1"), ("zh", "professional working proficiency"),
        ("en", "Native or Bilingual"),
    ]
    assert got[0].name == "German"


def test_languages_on_one_line() -> None:
    got = extract_languages("Portuguese (native), English (fluent), Français (intermediate)")
    assert [(lang.name, lang.code, lang.fluency) for lang in got] == [
        ("Portuguese", "pt", "native"), ("English", "en", "fluent"), ("French", "fr", "intermediate")]


def test_certifications_with_issuer_and_date() -> None:
    got = extract_certifications(lines("AWS Certified Solutions Architect - Amazon Web Services, 2021\n"
                                       "Certified Kubernetes Administrator (CNCF) 03/2022\n"
                                       "PMP, PMI\nSomething Certificate"))
    assert [(c.name, c.issuer, c.date) for c in got] == [
        ("AWS Certified Solutions Architect", "Amazon Web Services", "2021"),
        ("Certified Kubernetes Administrator", "CNCF", "2022-03"),
        ("PMP", "PMI", None),
        ("Something Certificate", None, None),
    ]


def test_awards_projects_volunteering_interests_references() -> None:
    (award,) = extract_awards(lines("Best Paper Award, Conference on Parsing, 2019"))
    assert (award.title, award.awarder, award.date) == ("Best Paper Award", "Conference on Parsing", "2019")

    projects = extract_projects(lines("Resume Parser: turns CVs into records\n• 40 ms a page\nChess Engine\n"
                                      "A small engine in Rust."))
    assert [(p.name, p.description, p.highlights) for p in projects] == [
        ("Resume Parser", "turns CVs into records", ["40 ms a page"]),
        ("Chess Engine", "A small engine in Rust.", []),
    ]

    (vol,) = extract_volunteering(lines("Volunteer Tutor, Springfield Youth Foundation\n2016 - 2018\n"
                                        "• Taught maths to 20 pupils"))
    assert (vol.position, vol.organization, vol.start_date, vol.end_date) == (
        "Volunteer Tutor", "Springfield Youth Foundation", "2016", "2018")
    assert vol.highlights == ["Taught maths to 20 pupils"]

    assert extract_interests("Chess, hiking; cooking\n• Jazz") == ["Chess", "hiking", "cooking", "Jazz"]
    (ref,) = extract_references(lines("Available upon request"))
    assert ref.text == "Available upon request" and ref.name is None
    refs = extract_references(lines("Mary Example\nHead of Data, Example Corp\nmary@example.org"))
    assert refs[0].name == "Mary Example" and "Example Corp" in refs[0].text


def test_certification_issuer_on_its_own_line_and_wrapped_names() -> None:
    got = extract_certifications(lines("Google UX Design Certificate\nGoogle · 2024\n"
                                       "Cloud Professional Data Platform\nEngineer\nExample Cloud · 2019\n"
                                       "PMP\nCKA\nSolutions Architect – Associate"))
    assert [(c.name, c.issuer, c.date) for c in got] == [
        ("Google UX Design Certificate", "Google", "2024"),
        ("Cloud Professional Data Platform Engineer", "Example Cloud", "2019"),
        ("PMP", None, None),
        ("CKA", None, None),
        ("Solutions Architect – Associate", None, None),
    ]
