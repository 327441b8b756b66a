"""The label words of a resume's header ("Phone:", "Mobile", "Name:", "Current Location", "Mr", name particles;
`data/labels.json`) and the regular expressions built from them, loaded once."""

from __future__ import annotations

import re
from functools import cache

from ..datafiles import read_json


@cache
def _labels() -> dict[str, list[str]]:
    raw = read_json("labels.json")
    return {key: value for key, value in raw.items() if not key.startswith("_")}


def words(key: str) -> frozenset[str]:
    return frozenset(_labels()[key])


@cache
def pattern(template: str, flags: int = re.I) -> re.Pattern[str]:
    """A compiled template whose `<<key>>` parts become an alternation of that key's words, longest first,
    with any spacing between the words of a phrase."""
    def alternation(match: re.Match[str]) -> str:
        items = sorted(_labels()[match.group(1)], key=len, reverse=True)
        return "|".join(r"\s+".join(re.escape(w) for w in item.split()) for item in items)

    return re.compile(re.sub(r"<<(\w+)>>", alternation, template), flags)
