from __future__ import annotations

import pytest

import resumeparser
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


# ---------------------------------------------------------------- header locations and country codes


@pytest.mark.parametrize(
    ("text", "city", "code"),
    [
        ("Portland, OR", "Portland", "US"),
        ("Saint-Petersburg, Russia", "Saint-Petersburg", "RU"),
        ("Islamabad, Pakistan", "Islamabad", "PK"),
        ("Dublin, Ireland", "Dublin", "IE"),
        ("Manchester, UK", "Manchester", "GB"),
        ("Delft, NL", "Delft", "NL"),  # NL is also Nagaland's code: the Dutch city is not in India
        ("Chennai, TN", "Chennai", "IN"),  # TN: Tamil Nadu here, not Tennessee
        ("Austin, TX", "Austin", "US"),
        ("Toronto, CA", "Toronto", "CA"),
        ("Los Angeles, CA", "Los Angeles", "US"),
        ("Tehran IR", "Tehran", "IR"),
        ("11838 W Marlowe Ave, Morrison, 80465, Colorado, US", "Morrison", "US"),
    ],
)
def test_header_locations_and_their_country(text: str, city: str, code: str) -> None:
    loc = parse_location(text)
    assert loc is not None and loc.city == city and loc.country_code == code


def test_a_name_glued_to_the_city_is_cut_from_both() -> None:
    resume = resumeparser.parse_text("JANE DOE Atlanta\njane@example.com | 404-555-0100\n\nEXPERIENCE\n"
                                     "Engineer, Acme, Boston\n2019 - 2020\n")
    assert resume.name is not None and resume.name.full == "Jane Doe"
    assert resume.location is not None and resume.location.city == "Atlanta" and resume.location.country_code == "US"


def test_contact_details_under_a_heading_give_the_location() -> None:
    text = ("Giovanny Example\n\nABOUT\n• Mérida, Yucatán. México\n• giovanny@example.com\n• +52 999 145 4542\n\n"
            "EXPERIENCE\nDeveloper, Acme, Monterrey, Mexico\n2019 - 2020\n")
    resume = resumeparser.parse_text(text)
    assert resume.location is not None and resume.location.city == "Mérida" and resume.location.country_code == "MX"
