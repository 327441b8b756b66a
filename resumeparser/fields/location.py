"""Places: parse "City, Region, Country" shapes against a compact GeoNames table (`data/gazetteer.json.gz`).

The table is built by `scripts/build_gazetteer.py` (cities above 15,000 people, countries, US states). A city
written with a known region or postal code is kept even when it is too small to be in the table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..datafiles import gc_paused, read_bytes, read_json
from ..models import Location
from ..normalize import strip_accents
from .indexes import gazetteer_key_function
from .label_words import pattern


class City(NamedTuple):  # a tuple: the gazetteer makes 34,000 of them at start-up, a frozen dataclass 2x slower
    name: str
    country: str
    admin1: str
    population: int


@dataclass(frozen=True)
class Region:
    country: str
    code: str
    name: str


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, tuple[str, str]]
    """folded name or alias or ISO3 -> (ISO2, English name)"""
    country_names: dict[str, str]
    """ISO2 -> English name"""
    regions: dict[str, list[Region]]
    """folded name or code -> regions (US states first)"""
    cities: dict[str, list[City]]
    """folded primary name -> cities, most populous first"""
    alternates: dict[str, list[City]]
    place_names: frozenset[str]
    """Names as written of the cities of PLACE_MIN_POPULATION or more (and their alternate names), countries
    (and their aliases) and US states: what can stand as a place on a job or school line."""


PLACE_MIN_POPULATION = 50_000
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower case, accents and punctuation removed: the key places are looked up by."""
    return " ".join(_NON_WORD.sub(" ", strip_accents(text).lower()).split())


@cache
@gc_paused
def gazetteer() -> Gazetteer:
    raw = read_bytes("gazetteer.json.gz")
    data = json.loads(raw)
    key_of = gazetteer_key_function(fold, raw)  # fold() of the names below, computed at build time
    countries: dict[str, tuple[str, str]] = {}
    names: dict[str, str] = {}
    place_names: set[str] = set()
    for iso2, name, iso3, aliases in data["countries"]:
        names[iso2] = name
        place_names.update([name, *aliases])
        for alias in [name, iso3, *aliases]:
            countries.setdefault(key_of(alias), (iso2, name))
    regions: dict[str, list[Region]] = {}
    for code, name in data["us_states"]:
        place_names.add(name)
        for key in (name, code):
            regions.setdefault(key_of(key), []).append(Region("US", code, name))
    for country, rows in read_json("regions.json").items():
        if country.startswith("_"):
            continue
        for code, name, *aliases in rows:
            for key in (name, code, *aliases):
                regions.setdefault(key_of(key), []).append(Region(country, code, name))
    cities: dict[str, list[City]] = {}
    alternates: dict[str, list[City]] = {}
    for name, country, admin1, population, alts in data["cities"]:
        city = City(name, country, admin1, population)
        if population >= PLACE_MIN_POPULATION:
            place_names.update([name, *alts])
        cities.setdefault(key_of(name), []).append(city)
        for alt in alts:
            alternates.setdefault(key_of(alt), []).append(city)
    for table in (cities, alternates):
        for found in table.values():
            if len(found) > 1:
                found.sort(key=lambda c: -c.population)
    return Gazetteer(countries, names, regions, cities, alternates, frozenset(place_names))


_POSTAL = re.compile(
    r"\b(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|\d{4,6}|\d{2}-\d{3}|\d{3} ?\d{2})\b"
)
_AREA = re.compile(r"^(?:greater\s+)?(.+?)(?:\s+bay)?(?:\s+metropolitan|\s+metro)?\s+area$", re.I)
_STREET = r"\d+.*\b(?:<<street_words>>)\b|\b(?:<<street_starts>>)\b"
_LABEL = r"^(?:<<location_labels>>)\s*[:\-]?\s+"


def country_of(text: str) -> tuple[str, str] | None:
    """(ISO2, English name) when the whole text names a country."""
    return gazetteer().countries.get(fold(text))


def find_country_codes(text: str) -> list[str]:
    """ISO2 codes of the countries named anywhere in the text (whole words, names of two or more letters)."""
    gaz = gazetteer()
    found: list[str] = []
    words = fold(text).split()
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            hit = gaz.countries.get(phrase)
            if hit and (size > 1 or len(phrase) > 3) and hit[0] not in found:
                found.append(hit[0])
    return found


def _city(name: str, country: str | None, region: Region | None) -> City | None:
    gaz = gazetteer()
    key = fold(name)
    for table in (gaz.cities, gaz.alternates):
        options = table.get(key, [])
        if country:
            options = [c for c in options if c.country == country]
        if region is not None and region.country == "US":
            options = [c for c in options if c.admin1 == region.code]
        if options:
            return options[0]
    return None


def region_of(text: str, country: str | None = None) -> Region | None:
    """A state or province named by the text; an abbreviation ("TX", "ON") only when written in capitals."""
    text = text.strip()
    options = gazetteer().regions.get(fold(text), [])
    if country:
        options = [r for r in options if r.country == country]
    if len(text) <= 3 and not (text.isupper() or (text.istitle() and any(r.country == "US" for r in options))):
        return None
    return options[0] if options else None


def parse_location(text: str) -> Location | None:
    """A Location from text such as "Berlin, Germany", "Austin, TX 78701", "75001 Paris, France",
    "Greater Seattle Area"; None when nothing in it is a known place or a place-shaped phrase."""
    raw = " ".join(text.split()).strip(" ,.;|")
    raw = pattern(_LABEL).sub("", pattern(_LABEL).sub("", raw))  # "Location: Based in Durham, NC"
    if not raw or len(raw) > 120 or "@" in raw or "://" in raw:
        return None
    parts = [p.strip() for p in re.split(r",|\s[-–|/]\s|;|\s\(|\)", raw) if p.strip()]
    if not parts or len(parts) > 8:
        return None
    postal: str | None = None
    street: str | None = None
    country: tuple[str, str] | None = None
    region: Region | None = None
    region_text: str | None = None

    # a ZIP code after the country: "Buffalo, New York USA 14260-7015"
    tail = _POSTAL.search(parts[-1])
    if len(parts) > 1 and tail and tail.end() == len(parts[-1]) and tail.start() > 0:
        postal = tail.group(0)
        parts[-1] = parts[-1][: tail.start()].strip(" ,-")
    # country: the last part when it names one ("Buffalo, New York USA" ends in one too)
    words = parts[-1].split()
    for size in (2, 1):
        if country_of(parts[-1]):
            break
        if len(parts) > 1 and len(words) > size and country_of(" ".join(words[-size:])):
            parts[-1:] = [" ".join(words[:-size]), " ".join(words[-size:])]
            break
    last_hit = country_of(parts[-1])
    if last_hit and not (len(parts) > 1 and len(parts[-1]) <= 3 and region_of(parts[-1], "US")):  # "Austin, CA"
        country = last_hit
        parts = parts[:-1]
    elif (iso := _iso_code(parts)) is not None:  # "Delft, NL", "Colorado, US", "Tehran IR"
        country, parts = iso
    # postal codes ("TX 78701", "10115 Berlin")
    cleaned: list[str] = []
    for part in parts:
        m = _POSTAL.search(part)
        if m and len(part) > len(m.group(0)) and not pattern(_STREET).search(part):
            postal = m.group(0)
            part = (part[: m.start()] + part[m.end() :]).strip(" ,-")
        elif m and part == m.group(0) and cleaned:
            postal = m.group(0)
            continue
        if part:
            cleaned.append(part)
    parts = cleaned
    if parts and len(parts) > 1 and pattern(_STREET).search(parts[0]):
        street = parts.pop(0)
    if not parts:
        return _country_only(raw, country, postal)
    code = country[0] if country else None

    # the city: the first part the table knows; what follows is the region
    at = next((i for i, p in enumerate(parts) if _city(_area_name(p), code, None)), None)
    if at is None:
        # no known city: "Springfield, IL" (a region vouches for it), or a region or country alone
        if len(parts) >= 2 and region_of(parts[-1], code):
            at = len(parts) - 2
        elif len(parts) == 1:
            hit = region_of(parts[0], code)
            if hit is not None and len(parts[0]) > 3:
                return _make(raw, None, None, parts[0], postal, _country(hit.country))
            only = country_of(parts[0])
            if only and country is None:
                return _make(raw, None, None, None, postal, only)
            if not (country or postal) or not _place_shaped(parts[0]):
                return _country_only(raw, country, postal)
            at = 0
        else:
            at = len(parts) - 2 if len(parts) >= 2 else 0
            if not (country or postal):
                return None
    city_text = parts[at]
    if at > 0:
        street = ", ".join([*(p for p in [street] if p), *parts[:at]])
    for part in parts[at + 1 :]:
        hit = _region_for_city(part, code, _area_name(city_text))
        if hit is not None:
            region, region_text = hit, part
            break
        region_text = region_text or part
    if region_text is not None and region is None and (len(region_text.split()) > 3 or re.search(r"\d", region_text)):
        region_text = None  # not a region: the rest of a line ("Lyon, France Responsable Marketing ...")
    if region is not None and country is None and _elsewhere(_area_name(city_text), region):
        country = None  # "Chennai, TN" read as Tennessee: a city known only in other countries gets no country
    elif region is not None:
        country = country or _country(region.country)
        code = country[0] if country else None
    if country is None and region_text and country_of(region_text):
        country, region_text = country_of(region_text), None  # "Madrid, Spain"
        code = country[0] if country else None
    city = _city(_area_name(city_text), code, region)
    if city is None and region is None and _city(_area_name(city_text), code, None):
        city = _city(_area_name(city_text), code, None)
    if city is None and not _place_shaped(city_text):
        return None
    if city is not None:
        country = country or _country(city.country)
    # city and region as written (the record keeps what the resume says; the country is given canonically)
    name = city_text.title() if city_text.isupper() and len(city_text) > 3 else city_text
    return _make(raw, street, name, region_text, postal, country)


def _region_for_city(text: str, country: str | None, city: str) -> Region | None:
    """The region a part names; of several with that name or code ("TN": Tennessee, Tamil Nadu), the one where
    the city is."""
    first = region_of(text, country)
    if first is None or len(text.strip()) > 3:
        return first
    options = [r for r in gazetteer().regions.get(fold(text), []) if country is None or r.country == country]
    for option in options:
        found = _city(city, option.country, option)
        if found is not None and (option.country != "US" or found.admin1 == option.code):
            return option
    return first


def _elsewhere(city: str, region: Region) -> bool:
    """The city is a known one, but not in the region's country (nor, for a US state, in that state)."""
    gaz = gazetteer()
    options = gaz.cities.get(fold(city), []) or gaz.alternates.get(fold(city), [])
    if not options or options[0].population < 100_000:
        return False
    if region.country == "US":
        return not any(c.country == "US" and c.admin1 == region.code for c in options)
    return not any(c.country == region.country for c in options)


def _iso_code(parts: list[str]) -> tuple[tuple[str, str], list[str]] | None:
    """A two-letter ISO country code at the end ("Delft, NL", "Morrison, Colorado, US", "Tehran IR"), taken when
    the places before it are in that country. A code that is also a region's ("NL" is Nagaland, "CA" California,
    "IN" Indiana) is the country only when the city is known there and not in that region: a wrong country is
    worse than none."""
    gaz = gazetteer()
    last = parts[-1]
    words = last.split()
    if len(parts) == 1 and len(words) >= 2 and re.fullmatch(r"[A-Z]{2}", words[-1]):
        code, rest = words[-1], [" ".join(words[:-1])]  # "Tehran IR": only a known city of that country
        if code in gaz.country_names and _city(rest[0], code, None) is not None:
            return (code, gaz.country_names[code]), rest
        return None
    if len(parts) < 2 or not re.fullmatch(r"[A-Z]{2}", last) or last not in gaz.country_names:
        return None
    rest = parts[:-1]
    in_country = any(_city(_area_name(p), last, None) or region_of(p, last) for p in rest)
    as_region = region_of(last)
    if as_region is not None:
        in_region = any(
            (c := _city(_area_name(p), as_region.country, as_region)) is not None
            and (as_region.country != "US" or c.admin1 == as_region.code) for p in rest
        )
        if in_region or not in_country:
            return None  # "Austin, TX", "Kohima, NL": the region reading stands
    if not in_country and len(rest) > 1:
        return None
    return (last, gaz.country_names[last]), rest


def _area_name(text: str) -> str:
    area = _AREA.match(text)
    return area.group(1) if area else text


def _country(code: str) -> tuple[str, str]:
    return code, gazetteer().country_names.get(code, code)


def _country_only(raw: str, country: tuple[str, str] | None, postal: str | None) -> Location | None:
    return _make(raw, None, None, None, postal, country) if country else None


def _make(raw: str, street: str | None, city: str | None, region: str | None, postal: str | None,
          country: tuple[str, str] | None) -> Location:
    return Location(
        raw=raw,
        street=street,
        city=city,
        region=region,
        postal_code=postal,
        country_code=country[0] if country else None,
        country=country[1] if country else None,
    )


def _place_shaped(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(ch.isdigit() for ch in text)
