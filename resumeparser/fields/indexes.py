"""Lookup tables derived from the shipped word lists once, at build time, and loaded in milliseconds at run time.

Built by `scripts/build_indexes.py` from the source files in `resumeparser/data/` (and, for language names,
pycountry's ISO 639 tables); `tests/test_indexes.py` checks the shipped files are what the script makes now.

- `skills_index.json.gz`: each skill and alias as its tokens (the tokenizer's, joined by one space);
- `job_titles_index.json.gz`: the job titles in `wordlists.norm` form, and their head words;
- `gazetteer_index.json.gz`: `location.fold` of the names, codes and aliases in the gazetteer and `regions.json`
  whose key is more than their lower case, and the place names in `wordlists.norm` form;
- `title_skill_words.json.gz`: the words used in two or more job titles, skills or aliases (a name has at most
  one of them);
- `language_names.json`: language name (English, six translations, autonyms) -> ISO 639-1 code, and each code's
  English name.

Each `compute_*` function makes a table from its sources; each loader reads the shipped table.
"""

from __future__ import annotations

import gettext
import gzip
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from ..datafiles import gc_paused, read_bytes, read_json, read_rows

SKILLS_INDEX = "skills_index.json.gz"
JOB_TITLES_INDEX = "job_titles_index.json.gz"
GAZETTEER_INDEX = "gazetteer_index.json.gz"
TITLE_SKILL_WORDS = "title_skill_words.json.gz"
LANGUAGE_NAMES = "language_names.json"

_PLAIN = re.compile(r"[a-z]+( [a-z]+)*")


# --- computed from the sources (build time) -------------------------------------------------------------------


def compute_skills_index() -> dict[str, Any]:
    """Token sequences of the skills and aliases. Plain lower-case words split on spaces, as the tokenizer
    splits them; anything else ("c++", "node.js", "5g") goes through the tokenizer."""
    from .tokenizer import english
    from .wordlists import skill_aliases, skills

    phrases = skills() | set(skill_aliases())
    tokenizer = english()
    index = {tuple(p.split()) for p in phrases if _PLAIN.fullmatch(p)}
    index |= {tuple(t.lower_ for t in tokenizer(p)) for p in phrases if not _PLAIN.fullmatch(p)}
    joined = sorted(" ".join(p) for p in index)
    if any(len(p) != len(" ".join(p).split(" ")) for p in index):
        raise ValueError("a skill token holds a space: the one-space join would not round-trip")
    return {"_source": "skills.txt.gz and skill_aliases.tsv, tokenized; built by scripts/build_indexes.py",
            "phrases": joined}


def compute_job_titles_index() -> dict[str, Any]:
    from .wordlists import norm

    titles = {norm(t) for t in read_rows("job_titles.txt.gz")}
    counts = Counter(t.rsplit(" ", 1)[-1] for t in titles if " " in t)
    heads = {w for w, n in counts.items() if n >= 25 and len(w) > 2}
    heads -= {"hand", "man", "machine", "operator", "worker", "tender", "helper", "feeder", "services", "service"}
    heads |= {"intern", "trainee", "founder", "co-founder", "cofounder", "ceo", "cto", "cfo", "coo", "vp", "lead",
              "head", "fellow", "researcher", "postdoc", "owner", "partner", "president", "freelancer", "chair"}
    return {"_source": "job_titles.txt.gz in wordlists.norm form; built by scripts/build_indexes.py",
            "titles": sorted(titles), "heads": sorted(heads)}


def compute_title_skill_words() -> dict[str, Any]:
    from .wordlists import norm, skill_aliases, skills

    counts: Counter[str] = Counter()
    titles = {norm(t) for t in read_rows("job_titles.txt.gz")}
    for phrase in (*titles, *skills(), *skill_aliases()):
        counts.update(set(phrase.split()))
    return {"_source": "job_titles.txt.gz, skills.txt.gz and skill_aliases.tsv: words in two or more of them; "
                       "built by scripts/build_indexes.py",
            "words": sorted(w for w, n in counts.items() if n >= 2 and len(w) >= 2)}


def compute_gazetteer_index() -> dict[str, Any]:
    from .location import fold
    from .wordlists import norm

    data = read_json("gazetteer.json.gz")
    names: set[str] = set()
    places: set[str] = set()
    for _iso2, name, iso3, aliases in data["countries"]:
        names.update([name, iso3, *aliases])
        places.update([name, *aliases])
    for code, name in data["us_states"]:
        names.update([name, code])
        places.add(name)
    for country, rows in read_json("regions.json").items():
        if not country.startswith("_"):
            for row in rows:
                names.update(row)
    min_population = _place_min_population()
    for name, _country, _admin1, population, alts in data["cities"]:
        names.update([name, *alts])
        if population >= min_population:
            places.update([name, *alts])
    folded = {n: fold(n) for n in sorted(names)}
    return {"_source": "gazetteer.json.gz (GeoNames, CC BY 4.0) and regions.json; built by scripts/build_indexes.py",
            "sources_sha256": _gazetteer_sources_digest(),
            "folded": {n: key for n, key in folded.items() if key != n.lower()},
            "places": sorted({norm(p) for p in places})}


def _gazetteer_sources_digest(gazetteer: bytes | None = None) -> str:
    """`gazetteer`: the decompressed gazetteer when the caller has read it already (else read here)."""
    gazetteer = read_bytes("gazetteer.json.gz") if gazetteer is None else gazetteer
    return hashlib.sha256(gazetteer + read_bytes("regions.json")).hexdigest()


def _place_min_population() -> int:
    from .location import PLACE_MIN_POPULATION

    return PLACE_MIN_POPULATION


def compute_language_names() -> dict[str, Any]:
    import pycountry

    from .spoken_languages import EXTRA_NAMES, clean_name

    out: dict[str, str] = {}
    langs = [lang for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    for lang in langs:
        for name in str(lang.name).split(";"):
            out.setdefault(clean_name(name), lang.alpha_2)
    for locale in ("de", "es", "fr", "pt", "it", "nl"):
        try:
            tr = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for lang in langs:
            out.setdefault(clean_name(tr.gettext(lang.name)), lang.alpha_2)
    for lang in langs:  # autonyms: "Deutsch", "Español", "Français", "Nederlands"
        if not os.path.exists(os.path.join(pycountry.LOCALES_DIR, lang.alpha_2, "LC_MESSAGES", "iso639-3.mo")):
            continue
        try:
            tr = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[lang.alpha_2])
        except OSError:
            continue
        out.setdefault(clean_name(tr.gettext(lang.name)), lang.alpha_2)
    out.update(EXTRA_NAMES)
    out.pop("", None)
    english = {str(lang.alpha_2): str(lang.name).split(";")[0] for lang in langs}
    return {"_source": "pycountry's ISO 639 names and translations (Debian iso-codes, LGPL-2.1) plus EXTRA_NAMES "
                       "of fields/spoken_languages.py; built by scripts/build_indexes.py",
            "names": out, "english": dict(sorted(english.items()))}


def build() -> dict[str, bytes]:
    """File name -> the bytes to ship (deterministic: sorted keys, gzip without a time stamp)."""
    tables = {
        SKILLS_INDEX: compute_skills_index(),
        JOB_TITLES_INDEX: compute_job_titles_index(),
        GAZETTEER_INDEX: compute_gazetteer_index(),
        TITLE_SKILL_WORDS: compute_title_skill_words(),
        LANGUAGE_NAMES: compute_language_names(),
    }
    out = {}
    for name, table in tables.items():
        raw = (json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
        out[name] = gzip.compress(raw, compresslevel=9, mtime=0) if name.endswith(".gz") else raw
    return out


# --- loaded from the shipped files (run time) ----------------------------------------------------------------


def _split_all(joined: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(p.split(" ")) for p in joined)


@cache
@gc_paused
def skill_phrases() -> frozenset[tuple[str, ...]]:
    return _split_all(read_json(SKILLS_INDEX)["phrases"])


@cache
def _job_titles() -> dict[str, list[str]]:
    data: dict[str, list[str]] = read_json(JOB_TITLES_INDEX)
    return data


@cache
def job_titles() -> frozenset[str]:
    return frozenset(_job_titles()["titles"])


@cache
def title_heads() -> frozenset[str]:
    return frozenset(_job_titles()["heads"])


@cache
def title_skill_words() -> frozenset[str]:
    return frozenset(read_json(TITLE_SKILL_WORDS)["words"])


@cache
def _gazetteer_index() -> dict[str, Any]:
    data: dict[str, Any] = read_json(GAZETTEER_INDEX)
    return data


def gazetteer_key_function(fold: Callable[[str], str], gazetteer: bytes | None = None) -> Callable[[str], str]:
    """`fold` for the names of the gazetteer and regions.json, from the table made at build time.

    The table holds the names whose key is not just their lower case; it stands only while the sources are the
    ones it was made from (their digest), else this is `fold` itself. `gazetteer`: the decompressed gazetteer,
    when the caller has read it (it is not decompressed twice)."""
    index = _gazetteer_index()
    if index["sources_sha256"] != _gazetteer_sources_digest(gazetteer):
        return fold
    folded: dict[str, str] = index["folded"]

    def key_of(text: str) -> str:
        return folded[text] if text in folded else text.lower()

    return key_of


@cache
def place_keys() -> tuple[str, ...]:
    """The gazetteer's place names in `wordlists.norm` form."""
    return tuple(_gazetteer_index()["places"])


@cache
def _language_names() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = read_json(LANGUAGE_NAMES)
    return data


def language_names() -> dict[str, str]:
    return _language_names()["names"]


def english_language_names() -> dict[str, str]:
    return _language_names()["english"]
