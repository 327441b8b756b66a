from __future__ import annotations

import resumeparser
from resumeparser.document import Document
from resumeparser.fields.education import extract_education, find_degree, highest_level
from resumeparser.models import EducationEntry
from resumeparser.normalize import normalize


def education(text: str) -> list[EducationEntry]:
    doc = normalize(Document.from_text(text))
    return [entry for entry, _ in extract_education(doc.lines)]


def test_one_line_entries() -> None:
    got = education("MSc Computer Science, University of Lisbon, 2014 - 2016\n"
                    "BSc Mathematics, University of Minho, 2011 - 2014\n")
    assert [(e.degree, e.degree_level, e.field_of_study, e.institution, e.start_date, e.end_date) for e in got] == [
        ("MSc", "masters", "Computer Science", "University of Lisbon", "2014", "2016"),
        ("BSc", "bachelors", "Mathematics", "University of Minho", "2011", "2014"),
    ]
    assert highest_level(got) == "masters"


def test_degree_in_field_grade_and_honours() -> None:
    (e,) = education("Bachelor of Science in Physics\nState Institute of Technology, Boston\n"
                     "2008 - 2012 | GPA: 3.8/4.0\n")
    assert (e.degree, e.field_of_study, e.institution) == ("Bachelor of Science", "Physics",
                                                          "State Institute of Technology")
    assert e.grade == "GPA: 3.8/4.0"
    assert e.location is not None and e.location.city == "Boston"


def test_abbreviation_after_the_degree_stays_with_it() -> None:
    got = education("Northfield University\nDoctor of Philosophy - PhD, Neuroscience · (2019 - 2024)\n\n"
                    "Southfield College\nBachelor of Arts (B.A.), History · (2014 - 2018)\n")
    assert [(e.institution, e.degree, e.degree_level, e.field_of_study) for e in got] == [
        ("Northfield University", "Doctor of Philosophy - PhD", "doctorate", "Neuroscience"),
        ("Southfield College", "Bachelor of Arts (B.A.)", "bachelors", "History"),
    ]


def test_school_name_without_a_school_word_above_the_degree() -> None:
    got = education("Lakeside Prep\nHigh School Diploma · (2010 - 2014)\nRiverside Polytechnic\nB.Tech, Mechanics\n")
    assert [(e.institution, e.degree_level) for e in got] == [("Lakeside Prep", "high_school"),
                                                               ("Riverside Polytechnic", "bachelors")]


def test_german_and_french_degrees() -> None:
    got = education("Technische Universität Dresden\nDiplom-Ingenieur, Maschinenbau, 2005\n\n"
                    "Abitur, Gymnasium am Markt, 1999\n\nÉcole Centrale de Lyon\nBaccalauréat, 1995\n")
    assert [(e.institution, e.degree_level, e.end_date) for e in got] == [
        ("Technische Universität Dresden", "masters", "2005"),
        ("Gymnasium am Markt", "high_school", "1999"),
        ("École Centrale de Lyon", "high_school", "1995"),
    ]


def test_short_degree_words_need_capitals() -> None:
    assert find_degree("to be or not to be") is None
    assert find_degree("BE in Electronics") is not None
    assert find_degree("MBA") is not None
    d = find_degree("PhD")
    assert d is not None and d[1] == "doctorate"


def test_place_check_with_a_slash_or_a_leading_comma() -> None:
    from resumeparser.fields.wordlists import is_place

    assert is_place("Pune/Maharashtra") and is_place(", Pune, Maharashtra") and not is_place("Pune/ xyz abc")
    text = ("Jane Doe\njane@example.com\n\nEDUCATION\nBSc Physics, University of Pune, Pune/Maharashtra, 2015 - 2019\n"
            ", Pune/Maharashtra\n")
    education = resumeparser.parse_text(text).education
    assert education and education[0].degree == "BSc" and education[0].field_of_study == "Physics"
