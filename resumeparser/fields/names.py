"""The candidate's name: scored among the header's lines, never the first line taken blindly.

A line is a candidate when it has a person-name shape (two to five capitalised words, particles such as "van der"
and "de la" allowed, no digits) and is not a document title, a heading, a job title, an organisation or a place.
Candidates score for a large font, an early position, a "Name:" label and a match with an e-mail's local part.
nameparser splits the winner into first / middle / last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nameparser import HumanName

from ..datafiles import read_json
from ..document import Line
from ..models import Name
from ..normalize import strip_accents
from .lexicon import pattern
from .lexicon import words as label_words
from .location import fold, gazetteer, parse_location

_TITLES = r"^(?:<<name_titles>>)\.?\s+"
_LABEL = r"^(?:(?:<<name_labels>>)\s*[:\-]?|(?:<<document_titles>>)\s+(?:<<of>>))\s+"
# where a labelled name ends when the next label follows on the same line
_NEXT_LABEL = r"\s+(?:<<field_labels>>)\b.*$"
_SPLIT = re.compile(r"\s+[|•·–—]\s+|\s+-\s+|\t|\s{3,}")
_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]{0,5}\.?){1,4}(?:\s*\(.*\))?$")
_WORD = re.compile(r"^(?:[^\W\d_][^\W\d_'’.\-]*(?:['’.\-][^\W\d_]+)*\.?|[^\W\d_]\.)$")


@dataclass(frozen=True)
class NameCandidate:
    text: str
    """The name as it will be reported (order fixed for "DOE, Jane", credentials removed)."""
    score: float


def _particles() -> frozenset[str]:
    return label_words("name_particles")


def _credentials() -> frozenset[str]:
    return label_words("credentials")


@cache
def _stop_words() -> frozenset[str]:
    raw = read_json("not_names.json")
    words: set[str] = set()
    for key, group in raw.items():
        if isinstance(group, list) and key != "but_names":
            words.update(_fold(w) for w in group)
    headings = read_json("headings.json")
    for kind, by_language in headings.items():
        if not kind.startswith("_"):
            for phrases in by_language.values():
                words.update(w for p in phrases for w in _fold(p).split() if len(w) > 3)
    return frozenset(words - _particles() - {_fold(w) for w in raw["but_names"]})


def _fold(text: str) -> str:
    return strip_accents(text).lower().strip(".,:;")


def clean_name_text(text: str) -> tuple[str, bool] | None:
    """The name written in a header line or segment, and whether it was labelled ("Name: ..."). None when
    the text is not name-shaped."""
    text = " ".join(text.split()).strip(" ,;:|#*_>")
    if "," in text and _is_place(text):
        return None  # "Harrisburg, Pennsylvania" is not "DOE, Jane"
    labelled = bool(pattern(_LABEL).match(text))
    if labelled:
        text = pattern(_NEXT_LABEL).sub("", pattern(_LABEL).sub("", text))
    titled = bool(pattern(_TITLES).match(text))
    text = pattern(_TITLES).sub("", text)
    text = _drop_credentials(text)
    if "," in text:
        head, _, tail = (p.strip() for p in text.partition(","))
        tail_parts = [p.strip() for p in tail.split(",")]
        if all(_CREDENTIAL.match(p) and len(p.split()) <= 2 and not _is_name_word(p, strict=True) for p in tail_parts):
            text = head  # "Jane Doe, PhD, MBA"
        elif (len(tail_parts) == 1 and len(head.split()) <= 2 and len(tail.split()) <= 3
              and (len(head.split()) == 1 or head.isupper()) and _shape(f"{tail} {head}")):
            text = f"{tail} {head}"  # "DOE, Jane", "Doe, Jane Ann"
        elif _shape(head, allow_single=titled or labelled):
            text = head  # "Jane Doe, Fashion Designer"
        else:
            return None
    if not _shape(text, allow_single=True):
        return None
    words = text.split()
    if len(words) >= 2 and re.fullmatch(r"[A-Z]{2,3}", words[-1]) and _is_place(" ".join(words[:-1])):
        return None  # "San Francisco CA"
    return text, labelled or titled


def _drop_credentials(text: str) -> str:
    """"Durgan B.E.(CIVIL)" -> "Durgan"; "Jane Doe PhD" -> "Jane Doe"."""
    words = text.split()
    while len(words) > 1:
        last = re.sub(r"\(.*\)$", "", words[-1])
        # written as a credential: capitals ("MA"), dots ("M.A.") or two capitals ("PhD"); "Jack Ma" keeps "Ma"
        written_so = last.isupper() or "." in last or sum(ch.isupper() for ch in last) >= 2
        if re.sub(r"[.\s]", "", last).lower() in _credentials() and written_so:
            words.pop()
        else:
            break
    return " ".join(words)


def _leading_name(segment: str) -> tuple[str, bool] | None:
    """The name at the start of a line that goes on with something else: "Jane Doe 12 Main Street",
    "Allen King ESB Integration Developer"."""
    words = segment.split()
    stop = _stop_words()
    for k in (4, 3, 2):
        if len(words) <= k:
            continue
        nxt = words[k]
        if nxt[:1].isdigit() or (nxt.isupper() and len(nxt) >= 2) or _fold(nxt) in stop:
            found = clean_name_text(" ".join(words[:k]))
            if found is not None and len(found[0].split()) >= 2:
                return found
    return None


def _is_place(text: str) -> bool:
    """A known city with its region or country: "Harrisburg, Pennsylvania", "San Francisco CA"."""
    loc = parse_location(text)
    return loc is not None and loc.city is not None and fold(loc.city) in gazetteer().cities


def _is_name_word(word: str, *, strict: bool = False) -> bool:
    if _fold(word) in _particles() and not strict:
        return True
    first = word[:1]
    caseless = first.isalpha() and not first.isupper() and not first.islower()  # 王, محمد
    return bool(_WORD.match(word)) and (first.isupper() or caseless)


def _shape(text: str, *, allow_single: bool = False) -> bool:
    core = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip()  # "Jane Sant (Petersen)"
    words = core.split()
    if not words or len(words) > 5 or len(core) > 50:
        return False
    if len(words) == 1 and not allow_single:
        return False
    if any(ch.isdigit() for ch in text) or "@" in text or "/" in text:
        return False
    if not all(_is_name_word(w) for w in words):
        return False
    if _fold(words[0]) in _particles() and len(words) > 1 and words[0].islower():
        return False
    stop = _stop_words()
    return not any(_fold(w) in stop for w in words) and _fold(core) not in stop


def pretty(text: str) -> str:
    """All-capitals names in title case (particles lower-case); mixed case kept as written."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and not all(ch.isupper() for ch in letters):
        # "Jane DOE": only the capitalised words change
        # a word counts as capitals when every letter is one (str.isupper also passes "Rª": ª has no case)
        return " ".join(pretty(w) if len(w) > 2 and all(ch.isupper() for ch in w if ch.isalpha()) else w
                        for w in text.split())
    if letters:
        name = HumanName(text)
        name.capitalize(force=True)
        out = str(name)
        words = [w.lower() if w.lower() in _particles() and i else w for i, w in enumerate(out.split())]
        return " ".join(words) if out else text
    return text


def to_name(text: str, language: str | None = None) -> Name:
    """Split a name; in Spanish a person has two surnames ("Javier Prieto Lozano": last "Prieto Lozano")."""
    full = pretty(text)
    core = re.sub(r"\s*\([^)]*\)\s*$", "", full)
    words = core.split()
    plain = not any(_fold(w) in _particles() or w.endswith(".") for w in words)
    if language == "es" and 3 <= len(words) <= 4 and plain:
        return Name(full=full, first=" ".join(words[:-2]), middle=None, last=" ".join(words[-2:]))
    parsed = HumanName(core)
    first = parsed.first or None
    last = " ".join(p for p in (parsed.last, parsed.suffix) if p) or None
    if first and not last and len(full.split()) == 1:
        first, last = None, first
    return Name(full=full, first=first, middle=parsed.middle or None, last=last)


def _email_affinity(text: str, locals_: list[str]) -> float:
    words = [_fold(w) for w in re.findall(r"[^\W\d_]{2,}", text)]
    best = 0.0
    for local in locals_:
        local = _fold(local)
        hits = sum(1 for w in words if len(w) >= 3 and w in local)
        initials = "".join(w[0] for w in words)
        if hits >= 2 or (hits == 1 and len(words) <= 3):
            best = max(best, 0.5 + 0.5 * hits / max(1, len(words)))
        elif len(initials) >= 2 and (
            local.startswith(initials) or any(local.startswith(initials[0] + w) for w in words[1:])
        ):
            best = max(best, 0.4)
    return best


def best_name(
    lines: list[Line], emails: list[str], *, max_lines: int = 12, language: str | None = None
) -> tuple[Name, float] | None:
    """The best name and a confidence in 0..1 (an early line alone ~0.75; with a large font or a matching
    e-mail ~0.95; a single word or a name cut from a longer line less)."""
    candidates: list[NameCandidate] = []
    sizes = sorted({ln.font_size for ln in lines[:40] if ln.font_size}, reverse=True)
    body_size = _median([ln.font_size for ln in lines if ln.font_size])
    locals_ = [e.split("@", 1)[0] for e in emails]
    seen = 0
    for line in lines:
        if not line.text:
            continue
        seen += 1
        if seen > max_lines:
            break
        segments = [s for s in _SPLIT.split(line.text) if s.strip()]
        for position, segment in enumerate(segments[:3]):
            cleaned = clean_name_text(segment)
            penalty = 0.0
            if cleaned is None:
                cleaned, penalty = _leading_name(segment), 0.3
            if cleaned is None or (len(cleaned[0].split()) == 1 and not cleaned[1] and seen > 4):
                continue
            text, labelled = cleaned
            if parse_location(text) is not None and not labelled:
                continue
            score = 1.0 - 0.07 * (seen - 1) - 0.15 * position - penalty
            if len(text.split()) == 1 and not labelled:
                score -= 0.7  # a single word is a name only when nothing better is there
            size = line.font_size
            if size and sizes and size == sizes[0] and (body_size is None or size > body_size * 1.15):
                score += 1.0
            elif size and body_size and size > body_size * 1.15:
                score += 0.4
            if labelled:
                score += 1.5
            score += _email_affinity(text, locals_)
            if len(text.split()) >= 4:
                score -= 0.2
            if line.bold:
                score += 0.1
            candidates.append(NameCandidate(text, score))
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: -c.score)
    best = ranked[0]
    margin = best.score - ranked[1].score if len(ranked) > 1 else 1.0
    confidence = 0.45 + 0.3 * min(best.score, 1.6) - (0.1 if margin < 0.1 else 0.0)
    return to_name(best.text, language), round(max(0.05, min(0.98, confidence)), 2)


def _median(values: list[float | None]) -> float | None:
    clean = sorted(v for v in values if v)
    return clean[len(clean) // 2] if clean else None
