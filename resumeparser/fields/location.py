"""Places: parse "City, Region, Country" shapes against a compact GeoNames table (`data/gazetteer.json.gz`).

The table is built by `scripts/build_gazetteer.py` (cities above 15,000 people, countries, US states). A city
written with a known region or postal code is kept even when it is too small to be in the table.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..models import Location


@dataclass(frozen=True)
class City:
    name: str
    country: str
    admin1: str
    population: int


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, tuple[str, str]]
    """folded name or alias or ISO3 -> (ISO2, English name)"""
    country_names: dict[str, str]
    """ISO2 -> English name"""
    states: dict[str, tuple[str, str]]
    """folded US state name or code -> (code, name)"""
    cities: dict[str, list[City]]
    """folded primary name -> cities, most populous first"""
    alternates: dict[str, list[City]]


_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower case, accents and punctuation removed: the key places are looked up by."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


@cache
def gazetteer() -> Gazetteer:
    raw = resources.files(__package__).joinpath("../data/gazetteer.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    countries: dict[str, tuple[str, str]] = {}
    names: dict[str, str] = {}
    for iso2, name, iso3, aliases in data["countries"]:
        names[iso2] = name
        for alias in [name, iso3, *aliases]:
            countries.setdefault(fold(alias), (iso2, name))
    states = {}
    for code, name in data["us_states"]:
        states[fold(name)] = (code, name)
        states[fold(code)] = (code, name)
    cities: dict[str, list[City]] = {}
    alternates: dict[str, list[City]] = {}
    for name, country, admin1, population, alts in data["cities"]:
        city = City(name, country, admin1, population)
        cities.setdefault(fold(name), []).append(city)
        for alt in alts:
            alternates.setdefault(fold(alt), []).append(city)
    for table in (cities, alternates):
        for key in table:
            table[key].sort(key=lambda c: -c.population)
    return Gazetteer(countries, names, states, cities, alternates)


_POSTAL = re.compile(
    r"\b(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|\d{4,6}|\d{2}-\d{3}|\d{3} ?\d{2})\b"
)
_AREA = re.compile(r"^(?:greater\s+)?(.+?)(?:\s+bay)?(?:\s+metropolitan|\s+metro)?\s+area$", re.I)
_STREET = re.compile(
    r"\d+.*\b(?:st|street|ave|avenue|road|rd|blvd|lane|ln|drive|dr|way|calle|rue|straße|strasse|str|via|rua|"
    r"avenida|plaza|platz|weg|laan|straat|box|apt|suite)\b|\b(?:calle|rue|via|rua|avenida|po box)\b",
    re.I,
)
_LABEL = re.compile(
    r"^(?:location|address|adresse|address line|residence|based in|lives in|city|ciudad|dirección|direccion|"
    r"domicilio|wohnort|anschrift|adresse|endereço|endereco|indirizzo|residenza|woonplaats|adres)\s*[:\-]?\s+",
    re.I,
)


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


def _city(name: str, country: str | None, state: str | None) -> City | None:
    gaz = gazetteer()
    key = fold(name)
    for table in (gaz.cities, gaz.alternates):
        options = table.get(key, [])
        if country:
            options = [c for c in options if c.country == country]
        if state:
            options = [c for c in options if c.admin1 == state] or ([] if country == "US" else options)
        if options:
            return options[0]
    return None


def parse_location(text: str) -> Location | None:
    """A Location from text such as "Berlin, Germany", "Austin, TX 78701", "75001 Paris, France",
    "Greater Seattle Area"; None when nothing in it is a known place or a place-shaped phrase."""
    raw = " ".join(text.split()).strip(" ,.;|")
    raw = _LABEL.sub("", _LABEL.sub("", raw))  # "Location: Based in Durham, NC"
    if not raw or len(raw) > 120 or "@" in raw or "://" in raw:
        return None
    gaz = gazetteer()
    parts = [p.strip() for p in re.split(r",|\s[-–|/]\s|;", raw) if p.strip()]
    if not parts or len(parts) > 6:
        return None
    postal: str | None = None
    street: str | None = None
    country: tuple[str, str] | None = None
    state: tuple[str, str] | None = None
    region_text: str | None = None
    city_text: str | None = None
    city: City | None = None

    # country: the last part when it names one ("Buffalo, New York USA" ends in one too)
    words = parts[-1].split()
    for size in (2, 1):
        if len(parts) > 1 and len(words) > size and country_of(" ".join(words[-size:])):
            parts[-1:] = [" ".join(words[:-size]), " ".join(words[-size:])]
            break
    last_hit = country_of(parts[-1])
    if last_hit and not (len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) == 2 and
                         fold(parts[-1]) in gaz.states):
        country = last_hit
        parts = parts[:-1]
    # postal code and state code inside the remaining parts ("TX 78701", "10115 Berlin")
    cleaned: list[str] = []
    for part in parts:
        m = _POSTAL.search(part)
        if m and len(part) > len(m.group(0)) and not _STREET.search(part):
            postal = m.group(0)
            part = (part[: m.start()] + part[m.end() :]).strip(" ,")
        elif m and part == m.group(0) and cleaned:
            postal = m.group(0)
            continue
        if part:
            cleaned.append(part)
    parts = cleaned
    if parts and _STREET.search(parts[0]) and len(parts) > 1:
        street = parts.pop(0)
    if not parts and country is None:
        return None
    known_at = next((i for i, p in enumerate(parts) if len(parts) >= 2 and _city(p, country[0] if country else None,
                                                                          None)), None)
    if known_at is not None and known_at < len(parts) - 1 and state is None:
        # "Bengaluru, Karnataka, Karnataka", "Sale, Manchester": the first known city, what follows is the region
        tail = parts[known_at + 1 :]
        hit = gaz.states.get(fold(tail[-1])) if country is None or country[0] == "US" else None
        if hit and (len(tail[-1]) > 2 or tail[-1].isupper() or tail[-1].istitle()):
            state = hit
            country = country or ("US", gaz.country_names["US"])
        else:
            region_text = tail[0]
        if known_at:
            street = street or ", ".join(parts[:known_at])
        parts = [parts[known_at]]
    if parts:
        # region: a US state (name or code) after the city
        if len(parts) >= 2 and (country is None or country[0] == "US"):
            hit = gaz.states.get(fold(parts[-1]))
            if hit and (len(parts[-1]) > 2 or parts[-1].isupper() or parts[-1].istitle()):
                state = hit
                parts = parts[:-1]
                country = country or ("US", gaz.country_names["US"])
        if len(parts) >= 2 and state is None:
            region_text = parts[-1]
            parts = parts[:-1]
        city_text = parts[-1] if parts else None
        if len(parts) > 1 and street is None:
            street = ", ".join(parts[:-1])
    if city_text:
        area = _AREA.match(city_text)
        lookup_name = area.group(1) if area else city_text
        city = _city(lookup_name, country[0] if country else None, state[0] if state else None)
        if city is None and region_text and country is None:
            # "Madrid, Spain"-like lines parsed as city + region: retry with the region as a country
            hit = country_of(region_text)
            if hit:
                country, region_text = hit, None
                city = _city(lookup_name, country[0], None)
        if city is None and not state and not country and not postal:
            only_country = country_of(city_text)
            if only_country:
                return Location(raw=raw, country_code=only_country[0], country=only_country[1])
            if gaz.states.get(fold(city_text)) and len(city_text) > 2:
                _code, name = gaz.states[fold(city_text)]
                return Location(raw=raw, region=name, country_code="US", country=gaz.country_names["US"])
            return None
        if city is None and not _place_shaped(city_text):
            return None
        if city is not None:
            if country is None:
                country = (city.country, gaz.country_names.get(city.country, city.country))
            if state is None and city.country == "US" and city.admin1 and region_text is None:
                state = gaz.states.get(fold(city.admin1))
            city_name = city_text if area else city.name  # the table's name: "Bangalore" -> "Bengaluru"
        else:
            city_name = city_text
    else:
        city_name = None
    region = state[1] if state else region_text
    return Location(
        raw=raw,
        street=street,
        city=city_name,
        region=region,
        postal_code=postal,
        country_code=country[0] if country else None,
        country=country[1] if country else None,
    )


def _place_shaped(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(ch.isdigit() for ch in text)
