"""Matching rules: when does a parsed value count as the expected one.

The same rules apply to every system and every dataset:

- Folding (every text): Unicode NFKD with accents dropped, lower case, "&" read as "and", dots and apostrophes
  removed ("B.Sc." -> "bsc", "O'Neil" -> "oneil"), any other punctuation read as a space, spaces collapsed.
- Names, titles, skills, languages, fields of study: fuzzy, `rapidfuzz.fuzz.token_sort_ratio` of the folded
  texts >= `THRESHOLD` (85). Token order does not matter; a missing word usually does
  ("Software Engineer" vs "Senior Software Engineer" scores 83: no match).
- Companies and institutions: the same, after dropping a leading "the" and legal-form suffixes
  (Inc, Ltd, LLC, GmbH, S.A., Corp, Corporation, Pvt, Limited, PLC, AG, ...), so "Acme Corp." = "ACME Corporation".
- Degrees: the same, after common abbreviations are spelled out ("B.S." and "BSc" -> "bachelor of science",
  "Ph.D." -> "doctor of philosophy"); a parsed degree may also match through "degree + field of study".
- E-mails: exact after folding case and surrounding spaces.
- Phones: digits only; equal when the last N digits agree, N = min(10, both lengths), N >= 7 (so a national
  number matches its international form).
- URLs/profiles: exact after dropping scheme, "www.", query, fragment and trailing "/", case folded.
- Dates: to the month when both sides have a month, else to the year; "present" matches only "present".
- Locations: the most specific part the expected location has (city, else region, else country) must match
  the same part of the parsed one (fuzzy as above).
- Lists: one to one. A maximum matching pairs expected and parsed items (each used at most once); matched pairs
  are true positives, unmatched parsed items false positives, unmatched expected items false negatives.
  Duplicates (same folded text) are collapsed on both sides first.
- Entries (work, education): entries are paired one to one first (greedy on the number of agreeing sub-fields,
  ties by text similarity; a pair needs at least one agreeing sub-field); then each sub-field of a pair is a TP
  when both agree, FP + FN when both are present and disagree, FP or FN when one side is missing; the
  sub-fields of an unpaired entry are all FP (parsed) or FN (expected).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

THRESHOLD = 85.0

Value = str | tuple[str, ...]  # a value, or alternative spellings of one value (any may match)
UNSCORED = "\x00unscored"
"""An expected entry's value that the answer leaves open (the document does not show it): never counted."""
Entry = Mapping[str, Value | None]


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    @property
    def empty(self) -> bool:
        return not (self.tp or self.fp or self.fn)


# --- folding ------------------------------------------------------------------------------------------------

_JOINERS = re.compile(r"[.'’`´]")
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
ORG_SUFFIXES = frozenset(
    "inc incorporated ltd limited llc llp lp plc gmbh ag sa sas sarl srl spa bv nv oy ab as pty pvt private "
    "corp corporation co company kg kgaa se sl".split()
)
DEGREE_ALIASES: dict[str, str] = {
    "bs": "bachelor of science",
    "bsc": "bachelor of science",
    "ba": "bachelor of arts",
    "be": "bachelor of engineering",
    "beng": "bachelor of engineering",
    "btech": "bachelor of technology",
    "bcom": "bachelor of commerce",
    "bca": "bachelor of computer applications",
    "bba": "bachelor of business administration",
    "ms": "master of science",
    "msc": "master of science",
    "ma": "master of arts",
    "meng": "master of engineering",
    "me": "master of engineering",
    "mtech": "master of technology",
    "mca": "master of computer applications",
    "mba": "master of business administration",
    "phd": "doctor of philosophy",
    "dphil": "doctor of philosophy",
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("&", " and ")
    text = _PUNCT.sub(" ", _JOINERS.sub("", text))
    return _SPACES.sub(" ", text).strip()


def fold_org(text: str) -> str:
    words = fold(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def fold_degree(text: str) -> str:
    words = fold(text).split()
    # "b s" (from "B. S.") and "b tech" read as one abbreviation
    if len(words) >= 2 and len(words[0]) == 1 and words[0] + words[1] in DEGREE_ALIASES:
        words = [words[0] + words[1], *words[2:]]
    if words and words[0] in DEGREE_ALIASES:
        words = [*DEGREE_ALIASES[words[0]].split(), *words[1:]]
    return " ".join(words)


# --- value comparators: each returns a similarity in [0, 100]; >= THRESHOLD is a match -----------------------


def _fuzzy(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return 100.0 if a == b else float(fuzz.token_sort_ratio(a, b))


def text_similarity(a: str, b: str) -> float:
    return _fuzzy(fold(a), fold(b))


def org_similarity(a: str, b: str) -> float:
    return _fuzzy(fold_org(a), fold_org(b))


def degree_similarity(a: str, b: str) -> float:
    return _fuzzy(fold_degree(a), fold_degree(b))


def email_similarity(a: str, b: str) -> float:
    return 100.0 if a.strip().lower() == b.strip().lower() and a.strip() else 0.0


def phone_digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def phone_similarity(a: str, b: str) -> float:
    da, db = phone_digits(a), phone_digits(b)
    n = min(10, len(da), len(db))
    return 100.0 if n >= 7 and da[-n:] == db[-n:] else 0.0


def normalize_url(url: str) -> str:
    url = url.strip().lower()
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url)
    url = re.sub(r"^www\.", "", url)
    url = re.split(r"[?#]", url, maxsplit=1)[0]
    return url.rstrip("/")


def url_similarity(a: str, b: str) -> float:
    na, nb = normalize_url(a), normalize_url(b)
    return 100.0 if na and na == nb else 0.0


_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?")


def date_similarity(a: str, b: str) -> float:
    a, b = a.strip().lower(), b.strip().lower()
    if a == "present" or b == "present":
        return 100.0 if a == b else 0.0
    ma, mb = _DATE.match(a), _DATE.match(b)
    if not ma or not mb or ma.group(1) != mb.group(1):
        return 0.0
    if ma.group(2) and mb.group(2):
        return 100.0 if ma.group(2) == mb.group(2) else 0.0
    return 100.0


def location_similarity(expected: str, parsed: str) -> float:
    """Locations are "city|region|country" strings; the expected one's most specific part decides."""
    exp_parts = [*expected.split("|"), "", ""][:3]
    got_parts = [*parsed.split("|"), "", ""][:3]
    for exp, got in zip(exp_parts, got_parts, strict=True):
        if exp.strip():
            return text_similarity(exp, got)
    return 0.0


Similarity = Callable[[str, str], float]
KINDS: dict[str, Similarity] = {
    "text": text_similarity,
    "org": org_similarity,
    "degree": degree_similarity,
    "email": email_similarity,
    "phone": phone_similarity,
    "url": url_similarity,
    "date": date_similarity,
    "location": location_similarity,
}
# The canonical key used to collapse duplicates within one side of a list.
_KEYS: dict[str, Callable[[str], str]] = {
    "org": fold_org,
    "degree": fold_degree,
    "phone": phone_digits,
    "url": normalize_url,
    "email": lambda s: s.strip().lower(),
    "date": lambda s: s.strip().lower(),
    "location": lambda s: "|".join(fold(p) for p in s.split("|")),
}


def _alternatives(value: Value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value


def similarity(kind: str, expected: Value, parsed: Value) -> float:
    """Best similarity over the alternative spellings of both values."""
    compare = KINDS[kind]
    return max(
        (compare(e, p) for e in _alternatives(expected) for p in _alternatives(parsed)),
        default=0.0,
    )


def matches(kind: str, expected: Value, parsed: Value) -> bool:
    return similarity(kind, expected, parsed) >= THRESHOLD


def dedupe(kind: str, values: Iterable[Value]) -> list[Value]:
    key = _KEYS.get(kind, fold)
    seen: set[str] = set()
    out: list[Value] = []
    for value in values:
        k = key(_alternatives(value)[0])
        if k and k not in seen:
            seen.add(k)
            out.append(value)
    return out


# --- one-to-one matching -------------------------------------------------------------------------------------


def max_matching(edges: Sequence[Sequence[int]], n_right: int) -> list[int | None]:
    """Maximum bipartite matching (augmenting paths): for each left node, its right partner or None.

    `edges[i]` lists the right nodes left node i may pair with, best first.
    """
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            current = owner[j]
            if current is None or augment(current, seen):
                owner[j] = i
                return True
        return False

    for left in range(len(edges)):
        augment(left, set())
    partner: list[int | None] = [None] * len(edges)
    for right, left_node in enumerate(owner):
        if left_node is not None:
            partner[left_node] = right
    return partner


def match_lists(kind: str, expected: Iterable[Value], parsed: Iterable[Value]) -> Counts:
    """TP/FP/FN of a list field, each expected item used at most once."""
    exp = dedupe(kind, expected)
    got = dedupe(kind, parsed)
    edges: list[list[int]] = []
    for e in exp:
        scored = [(similarity(kind, e, p), j) for j, p in enumerate(got)]
        edges.append([j for s, j in sorted(scored, key=lambda t: (-t[0], t[1])) if s >= THRESHOLD])
    tp = sum(1 for j in max_matching(edges, len(got)) if j is not None)
    return Counts(tp=tp, fp=len(got) - tp, fn=len(exp) - tp)


def match_entries(kinds: Mapping[str, str], expected: Sequence[Entry], parsed: Sequence[Entry]) -> dict[str, Counts]:
    """Per sub-field TP/FP/FN of entry lists (work, education); `kinds` maps sub-field -> comparator kind."""

    def agreeing(e: Entry, p: Entry) -> tuple[int, float]:
        hits, sim = 0, 0.0
        for field, kind in kinds.items():
            ev, pv = e.get(field), p.get(field)
            if ev and pv and ev != UNSCORED:
                s = similarity(kind, ev, pv)
                hits += s >= THRESHOLD
                sim += s
        return hits, sim

    pairs = []
    for i, e in enumerate(expected):
        for j, p in enumerate(parsed):
            hits, sim = agreeing(e, p)
            if hits:
                pairs.append((hits, sim, i, j))
    pairs.sort(key=lambda t: (-t[0], -t[1], t[2], t[3]))
    used_e: set[int] = set()
    used_p: set[int] = set()
    paired: list[tuple[Entry, Entry]] = []
    for _, _, i, j in pairs:
        if i not in used_e and j not in used_p:
            used_e.add(i)
            used_p.add(j)
            paired.append((expected[i], parsed[j]))
    counts = {field: Counts() for field in kinds}
    for field, kind in kinds.items():
        tp = fp = fn = 0
        for e, p in paired:
            ev, pv = e.get(field), p.get(field)
            if ev == UNSCORED:
                continue
            if ev and pv and matches(kind, ev, pv):
                tp += 1
            else:
                fp += bool(pv)
                fn += bool(ev)
        fn += sum(1 for i, e in enumerate(expected) if i not in used_e and e.get(field) not in (None, "", UNSCORED))
        fp += sum(1 for j, p in enumerate(parsed) if j not in used_p and p.get(field))
        counts[field] = Counts(tp, fp, fn)
    return counts


def entry_matches(kinds: Mapping[str, str], e: Entry, p: Entry) -> bool:
    """The parsed entry is the expected one: every scored sub-field the answer has matches."""
    scored = [(f, k) for f, k in kinds.items() if e.get(f) and e.get(f) != UNSCORED]
    return bool(scored) and all(p.get(f) and matches(k, e[f], p[f]) for f, k in scored)  # type: ignore[arg-type]


def match_whole_entries(kinds: Mapping[str, str], expected: Sequence[Entry], parsed: Sequence[Entry]
                        ) -> tuple[Counts, list[bool]]:
    """Entries right as a whole (one to one), and for each parsed entry whether it was one of them."""
    edges = [[j for j, p in enumerate(parsed) if entry_matches(kinds, e, p)] for e in expected]
    partner = max_matching(edges, len(parsed))
    right = [False] * len(parsed)
    for j in partner:
        if j is not None:
            right[j] = True
    tp = sum(right)
    return Counts(tp=tp, fp=len(parsed) - tp, fn=len(expected) - tp), right
