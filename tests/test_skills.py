from __future__ import annotations

from resumeparser.document import Line
from resumeparser.fields.skills import extract_skills, section_items
from resumeparser.segment import Block


def block(kind: str, text: str) -> Block:
    return Block(kind=kind, heading=kind.upper(), lines=[Line.plain(t) for t in text.splitlines()])  # type: ignore[arg-type]


def names(blocks: list[Block]) -> list[str]:
    return [s.name for s in extract_skills(blocks)]


def test_aliases_are_normalised() -> None:
    got = names([block("skills", "JS, k8s, MS Excel, Postgres, Golang")])
    assert got == ["JavaScript", "Kubernetes", "Microsoft Excel", "PostgreSQL", "Go"]


def test_unknown_items_of_the_skills_section_are_kept() -> None:
    got = extract_skills([block("skills", "Frobnication, Python (5 years), Advanced SQL")])
    assert [(s.name, s.raw) for s in got] == [("Frobnication", "Frobnication"), ("Python", "Python"), ("SQL", "SQL")]


def test_categories_from_labelled_lines() -> None:
    assert section_items("Languages: Python, C++\nTools: Docker") == [
        ("Python", "Languages"), ("C++", "Languages"), ("Docker", "Tools")]


def test_skills_in_the_text_list_their_sections() -> None:
    blocks = [block("skills", "Python"), block("experience", "Built services in Python and Kubernetes on AWS.")]
    got = {s.name: s.sources for s in extract_skills(blocks)}
    assert got["Python"] == ["skills", "experience"]
    assert got["Kubernetes"] == ["experience"]
    assert got["Amazon Web Services"] == ["experience"]


def test_ambiguous_names_need_a_cue() -> None:
    prose = block("experience", "We had to go to the client. Sales grew in R and D. Reports in excel.")
    assert not {"Go", "R", "C", "Microsoft Excel"} & set(names([prose]))
    coded = block("experience", "Wrote firmware in C and C++ for sensors; statistics in R and SAS.")
    assert {"C", "C++", "R"} <= set(names([coded]))


def test_common_words_in_prose_are_not_skills() -> None:
    got = names([block("summary", "Leadership and communication are my strengths; I love design and Science.")])
    assert got == []


def test_trailing_paragraph_of_unknown_items_is_dropped() -> None:
    got = names([block("skills", "Python\nDocker\n\nJane Example\nSpringfield, Oregon")])
    assert got == ["Python", "Docker"]
