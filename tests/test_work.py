from __future__ import annotations

from resumeparser.document import Document
from resumeparser.fields.work import extract_work
from resumeparser.models import WorkEntry
from resumeparser.normalize import normalize


def work(text: str) -> list[WorkEntry]:
    doc = normalize(Document.from_text(text))
    return [entry for entry, _ in extract_work(doc.lines)]


def roles(text: str) -> list[tuple[str | None, str | None, str | None, str | None, bool]]:
    return [(w.title, w.company, w.start_date, w.end_date, w.is_current) for w in work(text)]


def test_title_at_company_and_bullets() -> None:
    (entry,) = work("Platform Engineer at Umbrella Logistics\nJan 2019 - Present\n• Built the CI pipeline\n"
                    "• Cut build times by 40%\n  across all teams\n")
    assert (entry.title, entry.company, entry.start_date, entry.is_current) == (
        "Platform Engineer", "Umbrella Logistics", "2019-01", True)
    assert entry.highlights == ["Built the CI pipeline", "Cut build times by 40% across all teams"]
    assert entry.end_date is None


def test_company_dash_title_and_pipe_line() -> None:
    text = "Hooli Inc — Product Manager\n03/2017 - 05/2019\n\nSenior Engineer | Vandelay Industries | 2019 - 2021\n"
    assert roles(text) == [
        ("Product Manager", "Hooli Inc", "2017-03", "2019-05", False),
        ("Senior Engineer", "Vandelay Industries", "2019", "2021", False),
    ]


def test_title_company_city_on_one_line() -> None:
    (entry,) = work("Senior Engineer, Initrode Corp, Berlin\n2015 - 2018\nKept the billing system alive.\n")
    assert (entry.title, entry.company) == ("Senior Engineer", "Initrode Corp")
    assert entry.location is not None and entry.location.city == "Berlin"
    assert entry.description == "Kept the billing system alive."


def test_several_roles_under_one_company() -> None:
    text = (
        "Stark Industries GmbH\n"
        "Lead Developer  Jan 2020 - Present\n"
        "• Led a team of five\n"
        "Software Developer  Jun 2017 - Dec 2019\n"
        "• Wrote the scheduler\n"
        "\n"
        "Data Analyst\n"
        "Wayne Enterprises\n"
        "2015 - 2017\n"
    )
    assert roles(text) == [
        ("Lead Developer", "Stark Industries GmbH", "2020-01", None, True),
        ("Software Developer", "Stark Industries GmbH", "2017-06", "2019-12", False),
        ("Data Analyst", "Wayne Enterprises", "2015", "2017", False),
    ]


def test_company_first_layout_is_learned_from_the_clear_entries() -> None:
    # company line first in every entry; "Pharmacist" is not in the title list, the other entries decide
    text = (
        "Globex Corporation\nSoftware Engineer\nMarch 2019 - Present (4 years)\n\n"
        "Initech LLC\nBusiness Analyst\nJune 2016 - February 2019\n\n"
        "Duff Brewery\nBrewmaster Apprentice\nJanuary 2014 - May 2016\n"
    )
    got = roles(text)
    assert [(t, c) for t, c, *_ in got] == [
        ("Software Engineer", "Globex Corporation"),
        ("Business Analyst", "Initech LLC"),
        ("Brewmaster Apprentice", "Duff Brewery"),
    ]


def test_group_header_with_duration_line() -> None:
    text = (
        "Cyberdyne Systems\n5 years 2 months\n"
        "Research Scientist\nJanuary 2020 - Present\nSan Francisco, California\n\n"
        "Research Intern\nJune 2018 - December 2019\n"
    )
    got = work(text)
    assert [(w.title, w.company) for w in got] == [
        ("Research Scientist", "Cyberdyne Systems"), ("Research Intern", "Cyberdyne Systems")]
    assert got[0].location is not None and got[0].location.raw == "San Francisco, California"


def test_date_first_then_title_and_company() -> None:
    assert roles("2012 - 2014\nJunior Developer\nMassive Dynamic Ltd\n• Fixed bugs\n") == [
        ("Junior Developer", "Massive Dynamic Ltd", "2012", "2014", False)]


def test_employment_type_is_read_and_removed_from_the_title() -> None:
    (entry,) = work("Data Engineer (Contract), Soylent Corp\nFeb 2021 - Aug 2021\n")
    assert entry.employment_type == "contract"
    assert (entry.title, entry.company) == ("Data Engineer", "Soylent Corp")


def test_wrapped_title_is_one_title() -> None:
    (entry,) = work("Tyrell Corporation\nAssociate Director, Clinical Information &\nCommunication, Medical Affairs\n"
                    "July 2021 - May 2022\n")
    assert entry.title == "Associate Director, Clinical Information & Communication, Medical Affairs"
    assert entry.company == "Tyrell Corporation"


def test_a_year_in_a_sentence_is_no_role() -> None:
    assert work("In 2019 I organised a charity run that raised money for the local school and library.\n") == []


def test_titles_in_other_languages() -> None:
    text = ("Softwareentwickler bei Morgenrot Software GmbH\n03/2018 - 07/2021\n"
            "Ingeniera de Datos, Solano Digital S.L.\nenero 2015 - marzo 2018\n"
            "Chargée de marketing chez Lumière Conseil\njuin 2012 à août 2014\n")
    assert [(t, c) for t, c, *_ in roles(text)] == [
        ("Softwareentwickler", "Morgenrot Software GmbH"),
        ("Ingeniera de Datos", "Solano Digital S.L."),
        ("Chargée de marketing", "Lumière Conseil"),
    ]


def test_a_range_wrapped_over_two_lines_is_one_role() -> None:
    # a narrow side column prints "04/2021 - New York," over "05/2021 NY": one range, not a second role
    text = ("Contract iOS Engineer\nFitness AI\n04/2021 - New York,\n• •\n05/2021 NY\n• Improved the code structure\n"
            "\nPrincipal iOS Engineer\nCameo\n10/2020 - New York,\n• •\n03/2021 NY\n• Led the app team\n"
            "\nLead Developer\nSalido Inc.\n08/2018 - Remote\nPresent\n• Built the ordering app\n")
    assert roles(text) == [
        ("Contract iOS Engineer", "Fitness AI", "2021-04", "2021-05", False),
        ("Principal iOS Engineer", "Cameo", "2020-10", "2021-03", False),
        ("Lead Developer", "Salido Inc.", "2018-08", None, True),
    ]
    assert work(text)[0].highlights == ["Improved the code structure"]


def test_a_later_date_line_of_its_own_is_no_wrapped_end_when_the_range_is_closed() -> None:
    text = "Engineer\nAcme Corp\n04/2021 - 06/2021\n\nAnalyst\nBeta Ltd\n05/2019 - 03/2021\n"
    assert [(r[0], r[2], r[3]) for r in roles(text)] == [("Engineer", "2021-04", "2021-06"),
                                                          ("Analyst", "2019-05", "2021-03")]
