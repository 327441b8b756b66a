"""The candidate's name: scored among the header's lines, never the first line taken blindly.

A line is a candidate when it has a person-name shape (two to five capitalised words, particles such as "van der"
and "de la" allowed, no digits) and is not a document title, a heading, a job title, an organisation or a place.
Candidates score for a large font, an early position, a "Name:" label and a match with an e-mail's local part.
nameparser splits the winner into first / middle / last.

No name is better than an invented one: anonymised resumes have none, and their first line is then a job title,
a heading or a skill. So a candidate must also look like a person's name (`person_like`: no skill phrase, no
known job title, no organisation or school word at its end, not two or more words of the title and skill
vocabulary, no place of two words or more) and be corroborated by at least one cue: a "Name:" label, a match
with an e-mail's local part, the largest font of the header (above the body's), or an early line that holds
nothing else. A name with only the weakest of these cues gets a low confidence.
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
from . import indexes
from .label_words import pattern
from .label_words import words as label_words
from .location import fold, gazetteer, parse_location
from .wordlists import company_words, job_titles, school_words, skill_aliases, skills, title_heads_intl

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
    strong: bool = False
    """Corroborated by a label, an e-mail or the font, not only by its place."""


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
    text = " ".join(text.split()).strip(" ,;:|#*_>\"“”«»")
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


def _unspaced_script(text: str) -> bool:
    """Chinese, Japanese, Korean, Thai: whole names are written without a space."""
    return len(text) >= 2 and all(
        "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"
        or "\u0e00" <= ch <= "\u0e7f" for ch in text
    )


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


@cache
def _vocabulary() -> frozenset[str]:
    """Words used in two or more known job titles or skills ("analysis", "healthcare", "office"): a name has at
    most one of them ("Jason Miller", "Elisa Park"), a title, a skill or a company usually more."""
    return indexes.title_skill_words() - _particles()


@cache
def _skill_phrases() -> frozenset[str]:
    return frozenset(p for p in (*skills(), *skill_aliases()) if " " in p or "-" in p)


def _is_place_phrase(words: list[str]) -> bool:
    """A region, a country or a large city of two or three words inside ("Tamil Nadu", "New York"); not one that
    starts with a particle, which is how many surnames read ("de la Cruz")."""
    gaz = gazetteer()
    for size in (3, 2):
        for i in range(len(words) - size + 1):
            if words[i] in _particles():
                continue
            phrase = " ".join(words[i : i + size])
            cities = gaz.cities.get(phrase) or []
            if phrase in gaz.regions or phrase in gaz.countries or (cities and cities[0].population >= 100_000):
                return True
    return False


def person_like(text: str, *, vouched: bool = False) -> bool:
    """Whether a name-shaped text can be a person's name rather than a title, a skill, an organisation or a place
    ("Financial Accountant", "Usability Testing", "Microsoft Office", "Gladstone Institutes", "Tamil Nadu").
    `vouched`: the e-mail address holds the words, so common words may be a name ("Tom Baker", tom@...)."""
    words = [w for w in (_fold(w) for w in re.sub(r"\([^)]*\)", " ", text).split()) if w]
    core = [w for w in words if w not in _particles()]
    if not core:
        return False
    key = " ".join(words)
    if len(core) == 1 and (core[0] in _credentials() or core[0] in label_words("name_titles")):
        return False  # "PhD", "Ms"
    if key in job_titles() or (len(words) >= 2 and words[0] in title_heads_intl()):
        return False  # "Team Member"; "Analista Financiero", "Responsable de ..." (titles that start with the head)
    phrases = _skill_phrases()
    for size in (3, 2):
        if any(" ".join(words[i : i + size]) in phrases for i in range(len(words) - size + 1)):
            return False  # "Microsoft Office", "Usability Testing"
    if words[-1] in company_words() or words[-1] in school_words():
        return False
    raw_words = text.split()
    street = label_words("street_words")
    if any(w.endswith(".") and _fold(w) in street for w in raw_words):
        return False  # "Warren Ave.", "West St."
    if any(len(w) == 2 and w.isupper() and gazetteer().regions.get(w.lower()) and _fold(w) not in _particles()
           for w in raw_words):
        return False  # "GA Sometown"
    if any(w in label_words("name_labels") for w in words):
        return False  # "Vita I. Name"
    vocabulary = _vocabulary()
    common = sum(1 for w in core if w in vocabulary)
    if (common >= 2 and not vouched) or (common == len(core) and key in skills()):
        return False  # "Variance Analysis", "Kotlin Firebase", "Python"
    return not _is_place_phrase(words)


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


_EARLY = 3
_STREET_LINE = r"^\d+[\w/-]*\s.*\b(?:<<street_words>>)\b"
"""How many of the header's first lines count as the top of the document."""


def _without_trailing_city(text: str) -> str:
    """"JANE DOE Atlanta" -> "JANE DOE": a city written in another case after a name in capitals (or the other
    way round). "Jane Austin" stays: without the change of case, a city's name is also a surname."""
    words = text.split()
    for size in (2, 1):
        head, tail = words[:-size], words[-size:]
        if len(head) < 2 or all(w.isupper() for w in head) == all(w.isupper() for w in tail):
            continue
        cities = gazetteer().cities.get(fold(" ".join(tail))) or []
        if cities and cities[0].population >= 100_000:
            return " ".join(head)
    return text


def _contact_like(text: str) -> bool:
    """An e-mail, a phone number, or a street address or a place: what follows a name in a header."""
    if "@" in text or len(re.sub(r"\D", "", text)) >= 7 or pattern(_STREET_LINE).match(text):
        return True
    loc = parse_location(re.split(r"\s+[|•·]\s+", text)[0])
    return loc is not None and bool(loc.street or loc.postal_code or (loc.city and (loc.region or loc.country)))


def _is_label_line(text: str, *, after: bool = False) -> bool:
    """A name label with nothing after it ("Name:", "3. Full name", "NAME"), or a lone ":" right after one."""
    text = re.sub(r"^\d{1,2}[.)]\s*", "", text.strip())
    if after and text in (":", "-", "–"):
        return True
    return bool(pattern(r"^(?:<<name_labels>>)\s*[:\-]?$").match(text))


def best_name(
    lines: list[Line], emails: list[str], *, max_lines: int = 12, language: str | None = None
) -> tuple[Name, float] | None:
    """The best name and a confidence in 0..1 (an early line alone ~0.75; with a large font or a matching
    e-mail ~0.95; a single word or a name cut from a longer line less)."""
    candidates: list[NameCandidate] = []
    sizes = sorted({ln.font_size for ln in lines[:40] if ln.font_size}, reverse=True)
    if sizes and sum(1 for ln in lines[:40] if ln.font_size == sizes[0]) > 2:
        sizes = []  # the largest font is the headings', not a name's: it vouches for nothing
    body_size = _median([ln.font_size for ln in lines if ln.font_size])
    locals_ = [e.split("@", 1)[0] for e in emails]
    seen = 0
    label_above = False  # the line before was a name label alone ("Name:", "NAME" / ":"), as in forms and tables
    texts = [ln for ln in lines if ln.text]
    for index, line in enumerate(texts):
        seen += 1
        if seen > max_lines and not (line.font_size and sizes and line.font_size == sizes[0]
                                     and body_size and line.font_size > body_size * 1.3):
            continue  # past the header's first lines only the largest font is still looked at
        segments = [s for s in _SPLIT.split(line.text) if s.strip()]
        after_label, label_above = label_above, _is_label_line(line.text, after=label_above)
        for position, segment in enumerate(segments[:3]):
            cleaned = clean_name_text(segment)
            if cleaned is not None and after_label and position == 0:
                cleaned = (cleaned[0], True)
            penalty = 0.0
            if cleaned is None:
                cleaned, penalty = _leading_name(segment), 0.3
                if cleaned is not None and any(_fold(w) in _vocabulary() for w in cleaned[0].split()):
                    continue  # cut from a longer line, it must be plainly a name: not "ESB Integration" (Developer)
            if cleaned is None or (len(cleaned[0].split()) == 1 and not cleaned[1] and seen > 4):
                continue
            text, labelled = cleaned
            text = _without_trailing_city(text)
            affinity = _email_affinity(text, locals_)
            if (parse_location(text) is not None and not labelled) or not person_like(text, vouched=affinity >= 0.5):
                continue
            place = parse_location(segment) if text != segment else None
            if place is not None and (place.postal_code or place.street) and not labelled:
                continue  # "Oakleigh Vic, 3166"
            # one word: a name only with a label or the e-mail, unless written in a script without spaces (王小明)
            single = len(text.split()) == 1 and not _unspaced_script(text)
            score = 1.0 - 0.07 * (seen - 1) - 0.15 * position - penalty
            if single and not labelled:
                score -= 0.7  # a single word is a name only when nothing better is there
            size = line.font_size
            largest = bool(size and sizes and size == sizes[0] and (body_size is None or size > body_size * 1.15))
            larger = bool(size and body_size and size > body_size * 1.15)
            if largest:
                score += 1.0
            elif larger:
                score += 0.4
            if labelled:
                score += 1.5
            score += affinity
            if len(text.split()) >= 4:
                score -= 0.2
            if line.bold:
                score += 0.1
            # corroboration: a label, the e-mail, the header's largest font, or an early line that is nothing else
            strong = labelled or affinity > 0 or (largest and not single and position == 0)
            alone = position == 0 and len(segments) == 1 and penalty == 0
            first = seen == 1 and position == 0  # the document's first words: "Jane Doe - Email me on ..."
            below = texts[index + 1] if index + 1 < len(texts) else None
            # a line of its own right above the contact details: "Jane Doe" / "12 Main Street" or "jane@..."
            above = texts[index - 1] if index > 0 else None
            above_contact = alone and any(
                other is not None and other.column == line.column and _contact_like(other.text)
                for other in (below, above)
            )
            weak = not single and (first or above_contact or (seen <= _EARLY and (alone or (larger and position == 0))))
            if strong or weak:
                candidates.append(NameCandidate(text, score, strong))
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: -c.score)
    best = ranked[0]
    margin = best.score - ranked[1].score if len(ranked) > 1 else 1.0
    confidence = 0.45 + 0.3 * min(best.score, 1.6) - (0.1 if margin < 0.1 else 0.0)
    if not best.strong:
        confidence = min(confidence, 0.6)  # only its place vouches for it
    return to_name(best.text, language), round(max(0.05, min(0.98, confidence)), 2)


def _median(values: list[float | None]) -> float | None:
    clean = sorted(v for v in values if v)
    return clean[len(clean) // 2] if clean else None
