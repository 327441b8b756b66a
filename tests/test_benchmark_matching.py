from __future__ import annotations

from benchmarks.matching import (
    Counts,
    fold,
    match_entries,
    match_lists,
    matches,
)


def test_near_miss_company_counts_and_a_wrong_one_does_not() -> None:
    assert matches("org", "Acme Corp.", "ACME Corporation")
    assert matches("org", "Globex GmbH", "Globex")
    assert matches("org", "The Rockefeller University", "Rockefeller University")
    assert not matches("org", "Acme Corp.", "Initech LLC")
    # a legal suffix alone is not a company
    assert not matches("org", "Acme Inc", "Apex Inc")


def test_titles_are_fuzzy_but_a_missing_word_is_a_miss() -> None:
    assert matches("text", "Senior Software Engineer", "Software Engineer, Senior")
    assert matches("text", "Sr. Data Analyst", "Sr Data Analyst")
    assert not matches("text", "Senior Software Engineer", "Software Engineer")


def test_accents_case_and_punctuation_are_folded() -> None:
    assert fold("José  Müller-Lüdenscheidt") == "jose muller ludenscheidt"
    assert matches("text", "Zoë Ångström", "ZOE ANGSTROM")
    assert matches("org", "Société Générale S.A.", "Societe Generale")


def test_phone_with_other_punctuation_or_prefix_counts() -> None:
    assert matches("phone", "+1 (415) 555-0100", "415.555.0100")
    assert matches("phone", "+44 20 7946 0958", "020 7946 0958")
    assert not matches("phone", "+1 (415) 555-0100", "+1 (415) 555-0199")
    assert not matches("phone", "12345", "12345")  # too short to be a number


def test_emails_exact_after_case_folding() -> None:
    assert matches("email", "Jane.Doe@Example.com ", "jane.doe@example.com")
    assert not matches("email", "jane.doe@example.com", "jane.doe@example.org")


def test_dates_compare_to_the_month_or_the_year() -> None:
    assert matches("date", "2019-03", "2019-03-14")
    assert not matches("date", "2019-03", "2019-04")
    assert matches("date", "2019", "2019-07")
    assert not matches("date", "2019", "2020")
    assert matches("date", "present", "present")
    assert not matches("date", "present", "2024-01")


def test_degrees_spell_out_abbreviations() -> None:
    assert matches("degree", "B.S.", "Bachelor of Science")
    assert matches("degree", "Ph.D.", "PhD")
    assert matches("degree", "B. Tech", "Bachelor of Technology")
    assert not matches("degree", "B.S.", "Master of Science")
    # alternatives: a parsed "degree + field" may match
    assert matches("degree", "Bachelor of Science in Biology", ("BSc", "BSc Biology"))


def test_urls_ignore_scheme_www_and_trailing_slash() -> None:
    assert matches("url", "https://www.linkedin.com/in/jdoe/", "linkedin.com/in/JDoe")
    assert not matches("url", "linkedin.com/in/jdoe", "linkedin.com/in/jdoe2")


def test_location_by_its_most_specific_expected_part() -> None:
    assert matches("location", "San Francisco|California|United States", "San Francisco|CA|")
    assert not matches("location", "San Francisco||", "|California|United States")
    assert matches("location", "||Germany", "Berlin||Germany")


def test_one_to_one_matching_does_not_double_count() -> None:
    # two parsed items similar to one expected item: one TP, one FP
    assert match_lists("org", ["Acme Corp"], ["Acme Corporation", "ACME Inc."]) == Counts(tp=1, fp=0, fn=0)
    assert match_lists("text", ["Python"], ["Python", "Python 3"]) == Counts(tp=1, fp=1, fn=0)
    # one parsed item cannot satisfy two expected ones
    assert match_lists("text", ["Python", "Python 3"], ["Python"]) == Counts(tp=1, fp=0, fn=1)


def test_maximum_matching_beats_greedy_choice() -> None:
    # "Big Data Engineer" can only pair with "Data Engineer", which is also the best partner of the first
    # expected item; a greedy choice would leave it unpaired, the maximum matching pairs both.
    expected = ["Data Engineer", "Big Data Engineer"]
    parsed = ["Data Engineer", "Data Engineers"]
    assert match_lists("text", expected, parsed) == Counts(tp=2, fp=0, fn=0)


def test_empty_and_missing_sides() -> None:
    assert match_lists("text", [], []) == Counts()
    assert Counts().f1 is None
    assert match_lists("email", ["a@b.co"], []) == Counts(fn=1)
    assert match_lists("email", [], ["a@b.co"]) == Counts(fp=1)


def test_counts_precision_recall_f1() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == 0.75
    assert c.recall == 0.6
    assert abs((c.f1 or 0) - 2 * 3 / (2 * 3 + 1 + 2)) < 1e-9
    assert Counts(1, 0, 0) + Counts(0, 2, 3) == Counts(1, 2, 3)


def test_entries_pair_first_then_compare_sub_fields() -> None:
    kinds = {"company": "org", "title": "text", "start_date": "date"}
    expected = [
        {"company": "Acme Corp", "title": "Engineer", "start_date": "2019-03"},
        {"company": "Globex", "title": "Analyst", "start_date": "2016-01"},
    ]
    parsed = [
        {"company": "Globex Ltd", "title": "Analyst", "start_date": "2016-02"},  # wrong month
        {"company": "ACME Corporation", "title": "Engineer", "start_date": "2019-03-01"},
        {"company": "Initech", "title": None, "start_date": None},  # invented entry
    ]
    counts = match_entries(kinds, expected, parsed)
    assert counts["company"] == Counts(tp=2, fp=1, fn=0)
    assert counts["title"] == Counts(tp=2, fp=0, fn=0)
    assert counts["start_date"] == Counts(tp=1, fp=1, fn=1)


def test_an_entry_is_used_once() -> None:
    kinds = {"company": "org", "title": "text"}
    expected = [{"company": "Acme", "title": "Engineer"}]
    parsed = [{"company": "Acme", "title": "Engineer"}, {"company": "Acme", "title": "Engineer"}]
    counts = match_entries(kinds, expected, parsed)
    assert counts["company"] == Counts(tp=1, fp=1, fn=0)
