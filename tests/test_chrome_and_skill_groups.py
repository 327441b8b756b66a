"""Web-export chrome stays out of the fields; a skills section's labelled groups are groups of skills."""

from __future__ import annotations

import pytest

import resumeparser
from resumeparser.chrome import is_chrome_line, strip_badges
from resumeparser.export import export
from resumeparser.fields.skills import not_a_skill

PROFILE = """Jane DOEFeatured
^ Back to Top
Jump to Section
Verified: Phone Number | Email - id
jane.doe@example.com | +91 98450 12345
Pref. Location: Bangalore, Mumbai
Current Location: Pune

SUMMARY
Data engineer who builds reliable pipelines.

EXPERIENCE
Data Engineer, Initech, Pune
Jan 2020 - Present
• Built Spark and Airflow pipelines on AWS

SKILLS
Languages: Go, Python, SQL
Cloud: AWS, GCP
Tools: Docker, Kubernetes
I am a quick learner and enjoy working in teams.
^ Back to Top

LANGUAGES
English (fluent), Hindi (native)
"""


@pytest.fixture(scope="module")
def profile() -> resumeparser.Resume:
    return resumeparser.parse_text(PROFILE)


def test_chrome_is_not_the_name_a_skill_or_the_location(profile: resumeparser.Resume) -> None:
    assert profile.name is not None and profile.name.full == "Jane Doe"
    names = [s.name.lower() for s in profile.skills]
    assert not any("top" in n or "section" in n or "verified" in n or "learner" in n for n in names)
    # a preferred location is not where the candidate lives
    assert profile.location is not None and profile.location.city == "Pune"


def test_a_languages_label_over_programming_languages_is_a_skills_group(profile: resumeparser.Resume) -> None:
    groups = {s.name: s.category for s in profile.skills if "skills" in s.sources}
    assert groups["Go"] == groups["Python"] == "Languages"
    assert groups["Docker"] == "Tools"
    assert [lang.code for lang in profile.languages] == ["en", "hi"]
    assert [s.kind for s in profile.sections].count("languages") == 1


def test_a_languages_label_over_spoken_languages_gives_languages() -> None:
    resume = resumeparser.parse_text("Jane Doe\njane@example.com\n\nSKILLS\nTools: Docker, Git\n"
                                     "Languages: English, German\n")
    assert [lang.code for lang in resume.languages] == ["en", "de"]
    assert {s.name for s in resume.skills} == {"Docker", "Git"}


def test_jsonresume_skills_are_the_declared_groups(profile: resumeparser.Resume) -> None:
    skills = export(profile, "jsonresume")["skills"]
    assert skills[0] == {"name": "Languages", "keywords": ["Go", "Python", "SQL"]}
    assert {"name": "Tools", "keywords": ["Docker", "Kubernetes"]} in skills
    # found only in the experience section: in the native record with its source, not among the declared skills
    spark = next(s for s in profile.skills if s.name == "Apache Spark")
    assert spark.sources == ["experience"]
    assert all("Apache Spark" not in (g.get("keywords") or [g["name"]]) for g in skills)


@pytest.mark.parametrize(
    "line", ["^ Back to Top", "Jump to Section", "Verified: Phone Number | Email - id", "» Skip to content", "PRINT"]
)
def test_navigation_lines_are_chrome(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line", ["Back-end development", "Verified AWS architect", "Top Performer Award 2019", "Jane Doe"]
)
def test_resume_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)


def test_badges_come_off_the_end_of_a_short_line() -> None:
    assert strip_badges("Jane DOEFeatured") == "Jane DOE"
    assert strip_badges("Jane Doe Verified") == "Jane Doe"
    assert strip_badges("Featured") == "Featured"
    assert strip_badges("Worked on the products that were featured in the press and more").endswith("more")


@pytest.mark.parametrize("item", ["Professional Summary", "Pref. Location", "^ Back to Top",
                                  "I am a quick learner and enjoy working in teams."])
def test_headings_labels_chrome_and_sentences_are_not_skills(item: str) -> None:
    assert not_a_skill(item)


@pytest.mark.parametrize("item", ["Python", "Project Management", "Type 96 words per minute", "Microsoft Office"])
def test_skills_are_skills(item: str) -> None:
    assert not not_a_skill(item)
