"""Web-export chrome: the navigation, badges and verification notes that job-board exports and saved web
profiles ("^ Back to Top", "Jump to Section", "Jane DOEFeatured", "Verified: Phone Number | Email - id") carry
around the resume. `normalize` drops the lines that are only chrome and cuts badges off the end of a line, so
no field extractor ever reads them as a name, a skill or a place. The words are data (`data/web_chrome.json`).
"""

from __future__ import annotations

import re
from functools import cache

from .datafiles import read_json

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def _fold(text: str) -> str:
    return " ".join(_EDGE.sub("", text.lower()).split())


@cache
def _data() -> dict[str, frozenset[str]]:
    raw = read_json("web_chrome.json")
    return {key: frozenset(value) for key, value in raw.items() if not key.startswith("_")}


@cache
def _badge_pattern() -> re.Pattern[str]:
    badges = sorted(_data()["badges"], key=len, reverse=True)
    words = "|".join(r"\s+".join(re.escape(w.title()) for w in b.split()) for b in badges)
    # glued at a change of case ("DOEFeatured", "DoeVerified") or after a space at the end of a short line
    return re.compile(rf"(?:(?<=[A-Z])|(?<=[a-z])(?=[A-Z])|\s+)(?:{words})$")


def is_chrome_line(text: str) -> bool:
    """The whole line is navigation or a verification note: nothing of the candidate's."""
    folded = _fold(text)
    if not folded:
        return False
    data = _data()
    if folded in data["navigation"]:
        return True
    head, _, rest = folded.partition(" ")
    if head.rstrip(":") == "verified" and rest:
        parts = [p for p in re.split(r"[\s|,:/&-]+", rest) if p]
        return all(p in data["verified_fields"] or p in {w for f in data["verified_fields"] for w in f.split()}
                   for p in parts)
    return False


def strip_badges(text: str) -> str:
    """ "Jane DOEFeatured" -> "Jane DOE"; a badge alone at the end of a line of up to six words goes too."""
    if len(text.split()) > 6:
        return text
    stripped = _badge_pattern().sub("", text)
    return stripped if stripped.strip() else text
