"""Dates and date ranges as resumes write them, to partial ISO strings that keep the text's precision.

The common shapes are parsed here ("Jan 2019 - Present", "03/2017 - 05/2019", "2015-18", "since 2020",
month names in seven languages); dateparser only sees a short "word year" candidate the own parser could not
read, always with explicit languages, and never the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

from ..datafiles import read_rows

MIN_YEAR, MAX_YEAR = 1950, 2039
PRESENT_WORDS = (
    "present|pres|current|currently|now|today|ongoing|till date|to date|date|actualidad|presente|actual|hoy|"
    "heute|aktuell|jetzt|derzeit|dato|présent|aujourd'hui|maintenant|en cours|atual|atualmente|"
    "oggi|attuale|in corso|heden|nu|huidig"
)
SINCE_WORDS = r"since|from|seit|ab|desde|depuis|dal|dall'|sinds|vanaf|a partir de"
SEASONS = r"spring|summer|fall|autumn|winter|primavera|verano|été|printemps|automne|hiver|sommer|herbst|frühling"
_YEAR = r"(?:19[5-9]\d|20[0-3]\d)"


@dataclass(frozen=True)
class DateRange:
    start: str | None
    end: str | None
    is_current: bool
    start_pos: int
    end_pos: int
    """Character offsets of the whole match in the text it was found in."""

    @property
    def precision_month(self) -> bool:
        return bool(self.start and len(self.start) >= 7)


OWN_LANGUAGES = frozenset({"en", "es", "fr", "de", "pt", "it", "nl"})
"""The languages of the month table (data/months.tsv); dates in others go to dateparser."""


@cache
def month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for row in read_rows("months.tsv"):
        number, words = row.split("\t")
        for word in words.split():
            names.setdefault(word, int(number))
    return names


def date_languages(language: str | None) -> tuple[str, ...]:
    """Languages handed to dateparser: only for a language the own month table does not cover."""
    if language and language not in OWN_LANGUAGES:
        return (language, "en")
    return ("en",)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted((re.escape(m) for m in month_names()), key=len, reverse=True))
    # one point in time: "Jan 2019", "January, 2019", "enero de 2019", "03/2017", "2017.03", "2017-03", "Summer 2015",
    # "01.03.2017", or a bare year
    point = (
        rf"(?:(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
        rf"|(?:\d{{1,2}}\.?\s+)?(?:{months})\.?,?\s*(?:de\s+|of\s+)?{_YEAR}"
        rf"|(?:{SEASONS})\s+{_YEAR}"
        rf"|(?:\d{{1,2}}[./-])?\d{{1,2}}[./-]{_YEAR}"
        rf"|{_YEAR}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?![\d])"  # ISO 8601 with a day: "2018-12-01"
        rf"|{_YEAR}[./-](?:0?[1-9]|1[0-2])(?![\d])"
        rf"|(?:{months})\.?\s*'\d{{2}}"
        rf"|{_YEAR})"
    )
    end = rf"(?:{point}|(?:{PRESENT_WORDS})\b|\d{{2}}\b)"
    # "t o": a letter-spaced "to" (small capitals with tracking) read as two letters
    sep = r"\s*(?:--|-|–|—|~|→|to|t o|till|until|through|thru|bis|à|au|a|al|hasta|até|tot|t/m|-\s*to)\s*"
    onward = r"\s+(?P<onward>onwards?|and ongoing)"
    # "08/20 - Present", "06/16 - 12/16": month and two-digit year, taken only as a range ("10/10" alone is a score)
    mmyy = r"(?:0?[1-9]|1[0-2])/\d{2}(?![\d/])"
    rng = re.compile(
        rf"(?<![\w/.-])(?:(?P<since>{SINCE_WORDS})\s+)?"
        rf"(?:(?P<start>{point})(?:{sep}(?P<end>{end})|{onward})?"
        rf"|(?P<mstart>{mmyy}){sep}(?P<mend>{mmyy}|(?:{PRESENT_WORDS})\b))(?![\w%])",
        re.I,
    )
    single = re.compile(rf"^\s*(?P<point>{point})\s*$", re.I)
    # phone-like digit runs: 9+ digits in groups, masked before looking for dates
    phone = re.compile(r"\+?\(?\d[\d\s().-]{7,}\d")
    return rng, single, phone


def parse_date(text: str, languages: tuple[str, ...] = ("en",)) -> str | None:
    """One point in time -> "YYYY" or "YYYY-MM" (or None). Never fills a day or month the text lacked."""
    text = text.strip().strip("()[],;")
    if not text:
        return None
    _, single, _ = _patterns()
    if single.match(text):
        return _point(text)
    return _dateparser_point(text, languages)


def is_present(text: str) -> bool:
    return re.fullmatch(rf"\s*(?:{PRESENT_WORDS})\s*\.?\s*", text, re.I) is not None


def find_date_ranges(text: str, languages: tuple[str, ...] = ("en",)) -> list[DateRange]:
    """Date ranges and single dates in one line, in order. "Present" and "since 2020" set is_current."""
    masked, found = _own_date_ranges(text)
    out = list(found)
    if languages != ("en",) and all(not r.precision_month for r in out):
        # month words of a language the own table lacks ("styczeń 2019"): dateparser, on the short candidates only
        better = _dateparser_candidates(masked, languages)
        if better and better[0].precision_month:
            return better
    return out


@lru_cache(maxsize=4096)
def _own_date_ranges(text: str) -> tuple[str, tuple[DateRange, ...]]:
    """The text with phone-like runs masked, and the ranges the own patterns find in it. Remembered per line
    (a pure function of the text; the entry, education and section readers ask about the same lines)."""
    rng, _, phone = _patterns()
    masked = phone.sub(lambda m: "#" * len(m.group(0)) if _looks_like_phone(m.group(0)) else m.group(0), text)
    out: list[DateRange] = []
    for m in rng.finditer(masked):
        if m.group("mstart"):
            mend = m.group("mend")
            current = is_present(mend)
            out.append(DateRange(_month_year(m.group("mstart")), None if current else _month_year(mend), current,
                                 m.start(), m.end()))
            continue
        start = _point(m.group("start"))
        if start is None:
            continue
        end_text = m.group("end")
        end: str | None = None
        current = False
        if end_text:
            if is_present(end_text):
                current = True
            elif re.fullmatch(r"\d{2}", end_text):
                end = _two_digit_end(start, end_text)
                if end is None:
                    continue
            else:
                end = _point(end_text)
        elif m.group("since") or m.group("onward"):
            current = True
        out.append(DateRange(start, end, current, m.start(), m.end()))
    return masked, tuple(out)


_OPEN_DASH = re.compile(r"\s*(?:[-–—]|to\b)", re.I)


def is_open(text: str, rng: DateRange) -> bool:
    """The range found in `text` has a start and a dash after it but no end ("04/2021 - New York,"): its end was
    wrapped onto a later line, as narrow side columns print it."""
    return rng.end is None and not rng.is_current and _OPEN_DASH.match(text, rng.end_pos) is not None


def wrapped_end(text: str, languages: tuple[str, ...] = ("en",)) -> DateRange | None:
    """The date a short line opens with when that can be a wrapped range's end: one point and no range
    ("05/2021 NY"), or a word for now ("Present (Remote)", then `is_current`); a few words may follow (a place)."""
    now = re.match(rf"\s*(?:{PRESENT_WORDS})\b", text, re.I)
    if now:
        found = DateRange(None, None, True, now.start(), now.end())
    else:
        ranges = find_date_ranges(text, languages)
        if len(ranges) != 1 or ranges[0].end is not None or ranges[0].is_current or ranges[0].start_pos > 2:
            return None
        found = ranges[0]
    return found if len(text[found.end_pos :].split()) <= _WRAPPED_END_WORDS else None


_WRAPPED_END_WORDS = 3


def closed_by(rng: DateRange, end: DateRange) -> DateRange | None:
    """An open range closed by a wrapped end (a date not before its start, or now)."""
    if end.is_current:
        return replace(rng, is_current=True)
    if not rng.start or not end.start:
        return None
    if end.start[: len(rng.start)] < rng.start[: len(end.start)]:
        return None
    return replace(rng, end=end.start)


def _looks_like_phone(run: str) -> bool:
    digits = re.sub(r"\D", "", run)
    if len(digits) < 9:
        return False
    groups = re.findall(r"\d+", run)
    # "2015 - 2018", "03/2017 - 05/2019", "2017.03-2019.05" are dates, not phones
    return not all(len(g) <= 2 or re.fullmatch(_YEAR, g) for g in groups)


def _month_year(text: str) -> str:
    """ "08/20" -> "2020-08" (a two-digit year up to 39 is in the 2000s, as for "Jan '19")."""
    month, yy = (int(n) for n in text.split("/"))
    return f"{2000 + yy if yy <= 39 else 1900 + yy}-{month:02d}"


def _point(text: str) -> str | None:
    text = text.strip().lower().replace("'", "'")
    m = re.search(_YEAR, text)
    if m is None:
        m2 = re.search(r"'(\d{2})$", text)
        if m2 is None:
            return None
        yy = int(m2.group(1))
        year = 2000 + yy if yy <= 39 else 1900 + yy
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        month = _month_word(text[: m2.start()])
        return f"{year}-{month:02d}" if month else str(year)
    found = m.group(0)
    before, after = text[: m.start()], text[m.end() :]
    # "2017.03" / "2017-03"
    m_after = re.match(r"[./-](\d{1,2})$", after) or re.match(r"-(\d{1,2})-\d{1,2}$", after)  # "2018-12-01" too
    if m_after and 1 <= int(m_after.group(1)) <= 12:
        return f"{found}-{int(m_after.group(1)):02d}"
    # "03/2017", "01.03.2017", "3/15/2017" (US day in the middle): the month is the number that can be one
    nums = [int(n) for n in re.findall(r"\d{1,2}(?=[./-])", before)]
    if nums:
        if len(nums) == 2:
            a, b = nums
            month = b if b <= 12 else a
            if a <= 12 and b > 12:
                month = a
            return f"{found}-{month:02d}" if 1 <= month <= 12 else found
        return f"{found}-{nums[0]:02d}" if 1 <= nums[0] <= 12 else found
    month = _month_word(before)
    return f"{found}-{month:02d}" if month else found


def _month_word(text: str) -> int | None:
    names = month_names()
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if word in names:
            return names[word]
    return None


def _two_digit_end(start: str, yy: str) -> str | None:
    """ "2015-18" -> 2018; the end must come after the start within the same century step."""
    century = int(start[:4]) // 100 * 100
    year = century + int(yy)
    if year < int(start[:4]):
        year += 100
    return str(year) if year - int(start[:4]) <= 20 and year <= MAX_YEAR else None


@cache
def _dateparser_settings() -> dict[str, object]:
    return {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"], "STRICT_PARSING": False}


def _dateparser_point(text: str, languages: tuple[str, ...]) -> str | None:
    """Only for a short candidate the own parser did not read (another language's month word)."""
    if len(text) > 30 or not re.search(_YEAR, text):
        return None
    import dateparser  # deferred: about 0.2 s to import, and most resumes never need it

    parsed = dateparser.parse(text, languages=list(languages), settings=_dateparser_settings())
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    has_month = re.search(r"[^\W\d_]{3,}", text) is not None or re.search(r"\d{1,2}[./-]\d{4}", text) is not None
    return f"{parsed.year}-{parsed.month:02d}" if has_month else str(parsed.year)


def _dateparser_candidates(text: str, languages: tuple[str, ...]) -> list[DateRange]:
    out = []
    pieces = list(re.finditer(rf"[^\W\d_]+\.?\s+{_YEAR}", text))
    points = [(m, _dateparser_point(m.group(0), languages)) for m in pieces]
    points = [(m, p) for m, p in points if p]
    if len(points) >= 2:
        (m1, p1), (m2, p2) = points[:2]
        if re.fullmatch(r"\s*\S{1,5}\s*", text[m1.end() : m2.start()]):
            return [DateRange(p1, p2, False, m1.start(), m2.end())]
    for m, p in points[:1]:
        out.append(DateRange(p, None, False, m.start(), m.end()))
    return out


def to_months(value: str, *, end: bool) -> int:
    """A partial date as a month count; a bare year starts in January and ends in December."""
    year = int(value[:4])
    month = int(value[5:7]) if len(value) >= 7 else (12 if end else 1)
    return year * 12 + month - 1


def years_of_experience(intervals: list[tuple[str, str | None, bool]], today: date) -> float | None:
    """Total years covered by (start, end, is_current) intervals, overlaps counted once.

    Whole months: a year-only start is January, a year-only end December (inclusive), a written end month is
    included; a current role runs up to the month of `today` (exclusive). Rounded to one decimal."""
    spans: list[tuple[int, int]] = []  # [first month, month after the last)
    now = today.year * 12 + today.month - 1
    for start, end, current in intervals:
        a = to_months(start, end=False)
        if current:
            b = now
        elif end:
            b = to_months(end, end=True) + 1
        else:
            b = to_months(start, end=True) + 1  # a single date: that month, or that year
        b = min(b, now)
        if b > a:
            spans.append((a, b))
    if not spans:
        return None
    spans.sort()
    total = 0
    cur_a, cur_b = spans[0]
    for a, b in spans[1:]:
        if a <= cur_b:
            cur_b = max(cur_b, b)
        else:
            total += cur_b - cur_a
            cur_a, cur_b = a, b
    total += cur_b - cur_a
    return round(total / 12, 1)
