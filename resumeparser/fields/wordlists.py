"""The vocabularies that tell fields apart (job titles and their head nouns, company, school and degree words, skills
and aliases, places), each read once per process (sources in resumeparser/data/SOURCES.md)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..datafiles import read_rows
from . import indexes


# memoised: the rules, the tagger's features and the selector ask the same lines again (pure, data fixed)
@lru_cache(maxsize=16384)
def norm(text: str) -> str:
    """Lower-case, dots dropped, spaces collapsed: the lookup key of every list."""
    return " ".join(re.sub(r"[.\u00b7]", "", text.lower()).replace("&", " and ").split())


def job_titles() -> frozenset[str]:
    """The job titles in `norm` form (precomputed: `indexes.compute_job_titles_index`)."""
    return indexes.job_titles()


def title_heads() -> frozenset[str]:
    """Last words shared by many titles (engineer, manager, analyst...): a title's head noun."""
    return indexes.title_heads()


@cache
def title_heads_intl() -> frozenset[str]:
    return frozenset(norm(w) for w in read_rows("title_heads_intl.txt"))


@cache
def title_words() -> frozenset[str]:
    """Words typical of titles in any position ("senior", "software", "of" is not one)."""
    return frozenset({"senior", "junior", "sr", "jr", "principal", "staff", "chief", "head", "lead", "assistant",
                      "associate", "deputy", "executive", "vice", "intern", "trainee", "graduate"})


@cache
def company_words() -> frozenset[str]:
    return frozenset(norm(w) for w in read_rows("company_words.txt"))


@cache
def school_words() -> frozenset[str]:
    return frozenset(norm(w) for w in read_rows("school_words.txt") if not w.isupper())


@cache
def school_acronyms() -> frozenset[str]:
    return frozenset(w.strip() for w in read_rows("school_words.txt") if w.isupper())


@cache
def places() -> frozenset[str]:
    """Place names from the contact gazetteer, in this module's lookup form; "Remote" stands where a place would."""
    return frozenset(indexes.place_keys()) | {"remote"}


@cache
def degree_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for row in read_rows("degrees.tsv"):
        pattern, level = row.split("\t")
        out.append((re.compile(rf"(?<![\w.])(?:{pattern})(?![\w])", re.I), level.strip()))
    return tuple(out)


@cache
def skills() -> frozenset[str]:
    return frozenset(read_rows("skills.txt.gz"))


@cache
def skill_aliases() -> dict[str, tuple[str, bool]]:
    """alias (lower-case) -> (canonical name, ambiguous)."""
    out: dict[str, tuple[str, bool]] = {}
    for row in read_rows("skill_aliases.tsv"):
        canonical, aliases, *rest = row.split("\t")
        ambiguous = bool(rest and rest[0].strip() == "ambiguous")
        for alias in [canonical.lower(), *aliases.split("|")]:
            out[alias.strip().lower()] = (canonical, ambiguous)
    return out


@lru_cache(maxsize=8192)
def is_place(text: str) -> bool:
    """ "Berlin", "San Francisco, California, United States", "Austin, TX": every piece a known place or a code."""
    raw = [p for p in re.split(r",|/", text) if p.strip()]
    pieces = [norm(p) for p in raw]
    if not pieces or len(text) > 60:
        return False
    known = places()
    if all(p in known or re.fullmatch(r"[a-z]{2}", p) for p in pieces) and any(p in known for p in pieces):
        return True
    # "Pune, Maharashtra": a known city first, then a region the list lacks (its words capitalised)
    return 1 < len(pieces) <= 3 and pieces[0] in known and all(len(p.split()) <= 2 for p in pieces[1:]) and all(
        w[:1].isupper() for w in raw[1].split()
    )
