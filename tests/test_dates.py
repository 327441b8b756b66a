from __future__ import annotations

from datetime import date

import pytest

from resumeparser.fields.dates import find_date_ranges, parse_date, years_of_experience


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("Jan 2019 – Present", "2019-01", None, True),
        ("January 2019 - Current", "2019-01", None, True),
        ("03/2017 - 05/2019", "2017-03", "2019-05", False),
        ("2015–18", "2015", "2018", False),
        ("2015 - 2018", "2015", "2018", False),
        ("since 2020", "2020", None, True),
        ("2019 - now", "2019", None, True),
        ("Mar. 2019 to Aug 2020", "2019-03", "2020-08", False),
        ("enero 2019 - actualidad", "2019-01", None, True),
        ("seit 2020", "2020", None, True),
        ("März 2018 – heute", "2018-03", None, True),
        ("juin 2016 à août 2018", "2016-06", "2018-08", False),
        ("setembro 2014 - atual", "2014-09", None, True),
        ("gennaio 2010 - dicembre 2012", "2010-01", "2012-12", False),
        ("mei 2011 - heden", "2011-05", None, True),
        ("Jun '18 - Present", "2018-06", None, True),
        ("September 2017 onwards", "2017-09", None, True),
        ("01.03.2017 - 31.12.2019", "2017-03", "2019-12", False),
        ("2017.03 - 2019.11", "2017-03", "2019-11", False),
        ("January 25, 2017 - March 3rd, 2019", "2017-01", "2019-03", False),
        ("2020-08-01 — 2023-12-15", "2020-08", "2023-12", False),
        ("2019-03-15 - Present", "2019-03", None, True),
        ("2025 – Pres", "2025", None, True),
        ("Mar 2021 - Pres.", "2021-03", None, True),
    ],
)
def test_ranges(text: str, start: str, end: str | None, current: bool) -> None:
    found = find_date_ranges(text)
    assert len(found) == 1
    assert (found[0].start, found[0].end, found[0].is_current) == (start, end, current)


def test_range_inside_a_line_keeps_offsets() -> None:
    line = "Senior Engineer | Acme | 2019 - 2021"
    (r,) = find_date_ranges(line)
    assert line[r.start_pos : r.end_pos] == "2019 - 2021"


@pytest.mark.parametrize(
    "text",
    ["improved throughput by 31%", "8 years of experience", "+1 (415) 555-2017", "Tel: 030 2019 4455", "ISO 9001"],
)
def test_not_dates(text: str) -> None:
    assert find_date_ranges(text) == []


def test_single_points_keep_their_precision() -> None:
    assert parse_date("Summer 2015") == "2015"
    assert parse_date("2017.03") == "2017-03"
    assert parse_date("Sept 2015") == "2015-09"
    assert parse_date("2019") == "2019"
    assert parse_date("hello") is None


def test_other_languages_go_to_dateparser_only_when_asked() -> None:
    assert [r.start for r in find_date_ranges("styczeń 2019")] == ["2019"]  # only the year without the language
    found = find_date_ranges("styczeń 2019 - marzec 2020", languages=("pl", "en"))
    assert found and found[0].start == "2019-01" and found[0].end == "2020-03"


def test_years_of_experience_counts_overlaps_once() -> None:
    today = date(2021, 1, 15)
    # 2015-01..2018-12 and 2017-01..2019-06 overlap: 54 months; 2020-01 up to January 2021: 12 months
    intervals = [("2015", "2018", False), ("2017-01", "2019-06", False), ("2020-01", None, True)]
    assert years_of_experience(intervals, today) == round(66 / 12, 1)
    assert years_of_experience([("2019-01", "2019-03", False)], today) == round(3 / 12, 1)
    assert years_of_experience([], today) is None


def test_current_roles_end_at_the_given_date() -> None:
    assert years_of_experience([("2020-01", None, True)], date(2023, 1, 1)) == 3.0
    assert years_of_experience([("2020-01", None, True)], date(2021, 1, 20)) == 1.0
    assert years_of_experience([("2030", "2031", False)], date(2021, 1, 1)) is None  # the future does not count


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("08/20 – Present", "2020-08", None, True),
        ("06/16 - 12/16", "2016-06", "2016-12", False),
        ("07/99 -- 06/01", "1999-07", "2001-06", False),
        ("2015 -- 2018", "2015", "2018", False),
    ],
)
def test_month_and_two_digit_year_ranges(text: str, start: str, end: str | None, current: bool) -> None:
    [found] = find_date_ranges(text)
    assert (found.start, found.end, found.is_current) == (start, end, current)


@pytest.mark.parametrize("text", ["rated 10/10 by users", "served 24/7 clients", "a 3/4 time role"])
def test_a_lone_fraction_is_no_date(text: str) -> None:
    assert find_date_ranges(text) == []


def test_iso_dates_with_a_day_keep_the_month() -> None:
    from resumeparser.fields.dates import find_date_ranges

    found = find_date_ranges("Issoft Solutions 2018-05-01 — 2018-11-15")
    assert [(r.start, r.end) for r in found] == [("2018-05", "2018-11")]


def test_a_letter_spaced_to_separates_a_range() -> None:
    # small capitals with tracking come out of a PDF as "t o"
    (found,) = find_date_ranges("2019 t o 2020-06")
    assert (found.start, found.end) == ("2019", "2020-06")
    (current,) = find_date_ranges("2021 t o Aujourd'hui", ("fr",))
    assert current.start == "2021" and current.is_current
