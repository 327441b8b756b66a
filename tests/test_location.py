from __future__ import annotations

import pytest

from resumeparser.fields.location import find_country_codes, parse_location


@pytest.mark.parametrize(
    ("text", "city", "region", "postal", "country"),
    [
        ("San Francisco, California, United States", "San Francisco", "California", None, "US"),
        ("Austin, TX 78701", "Austin", "TX", "78701", "US"),
        ("123 Main Street, Springfield, IL 62704", "Springfield", "IL", "62704", "US"),
        ("Berlin, Germany", "Berlin", None, None, "DE"),
        ("10115 Berlin, Deutschland", "Berlin", None, "10115", "DE"),
        ("Madrid, España", "Madrid", None, None, "ES"),
        ("Bengaluru, Karnataka, India", "Bengaluru", "Karnataka", None, "IN"),
        ("Bangalore", "Bangalore", None, None, "IN"),
        ("Toronto, ON M5V 2T6, Canada", "Toronto", "ON", "M5V 2T6", "CA"),
        ("Greater Seattle Area", "Greater Seattle Area", None, None, "US"),
        ("Melbourne, VIC", "Melbourne", "VIC", None, "AU"),
        ("Amsterdam, The Netherlands", "Amsterdam", None, None, "NL"),
        ("Buffalo, New York USA 14260", "Buffalo", "New York", "14260", "US"),
        ("LOS ANGELES, CA", "Los Angeles", "CA", None, "US"),
        ("London, UK", "London", None, None, "GB"),
        ("Location: Lisboa, Portugal", "Lisboa", None, None, "PT"),
    ],
)
def test_parse_location(text: str, city: str, region: str | None, postal: str | None, country: str) -> None:
    loc = parse_location(text)
    assert loc is not None
    assert (loc.city, loc.region, loc.postal_code, loc.country_code) == (city, region, postal, country)


def test_country_only() -> None:
    loc = parse_location("United States")
    assert loc is not None and loc.city is None and loc.country_code == "US" and loc.country == "United States"


@pytest.mark.parametrize("text", ["Senior Data Engineer", "Python, Java, SQL", "Jane Doe", "jane@example.com", ""])
def test_not_a_location(text: str) -> None:
    assert parse_location(text) is None


def test_find_country_codes() -> None:
    assert find_country_codes("Based in Lyon, France; worked in Deutschland") == ["FR", "DE"]


def test_place_check_survives_empty_pieces() -> None:
    from resumeparser.fields.wordlists import is_place

    assert is_place(", Berlin")
    assert not is_place(",")
    assert is_place("Pune, Maharashtra")
