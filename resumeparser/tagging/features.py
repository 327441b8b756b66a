"""Features of a section's lines and of a header line's tokens, for the entry tagger.

Data in, data out: a section (its kind and `Line`s) becomes one feature dict per line, and a line's text one
feature dict per token. The rules' lexicons (job titles, company words, schools, degrees, places, dates) are
features here, next to layout (font size and weight relative to the section's body, indentation, gaps) and
text shape, so the model learns how far to trust each of them on a given layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from ..document import Line
from ..fields.dates import DateRange, find_date_ranges, month_names
from ..fields.education import extract_education, find_degree, has_school
from ..fields.entries import BULLET_RE, DURATION_RE, PAREN_DURATION, clean_markup
from ..fields.wordlists import company_words, is_place, job_titles, norm, school_words, title_heads, title_words
from ..fields.work import company_score, extract_work, title_score
from ..models import EducationEntry, WorkEntry

Features = list[str]
"""A line's or token's attributes, each present with weight 1 (CRFsuite's string form)."""

TOKEN_RE = re.compile(r"[^\W_](?:[\w.'’&+#/-]*[\w+#.])?|[^\w\s]", re.U)
_SEPARATOR_WORDS = {"at", "@", "|", "-", "–", "—", ",", "·", "•", "/", "as", "en", "chez", "bei", "bij", "presso",
                    "em", "in", ":", ";", "(", ")"}
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@dataclass(frozen=True, slots=True)
class SectionLine:
    """One non-empty line of a section, with what the features need from its layout."""

    text: str
    size: float | None
    bold: bool
    italic: bool
    x0: float | None
    x1: float | None
    gap: float
    """Space above the line in units of the section's typical line height (1.0 after a blank line)."""
    page: int
    breaks: tuple[int, ...] = ()
    """Where in `text` a new span starts (another text run, font or style): a cue that a value ends there."""


def _span_breaks(line: Line, text: str) -> tuple[int, ...]:
    """The offsets in the line's text where its second and later spans begin; none when cleaning the markup
    changed the text (the offsets would not hold)."""
    if text != line.text.strip():
        return ()
    starts, pos = [], 0
    for span in line.spans:
        if not span.text:
            continue
        lead = len(span.text) - len(span.text.lstrip())
        starts.append(pos + lead)
        pos += len(span.text) + 1
    first = min(starts, default=0)
    return tuple(sorted({p - first for p in starts if p > first}))


def section_lines(lines: list[Line]) -> list[SectionLine]:
    """The section's non-empty lines, cleaned of markup, with their gaps; blank lines become gaps."""
    heights = [ln.bbox[3] - ln.bbox[1] for ln in lines if ln.bbox and ln.text]
    typical = median(heights) if heights else None
    out: list[SectionLine] = []
    prev: Line | None = None
    blank = False
    for ln in lines:
        text = clean_markup(ln.text.strip())
        if not text:
            blank = True
            continue
        gap = 1.0 if blank else 0.0
        if prev is not None and typical and ln.bbox and prev.bbox and ln.page == prev.page:
            gap = max(gap, (ln.bbox[1] - prev.bbox[3]) / typical)
        spans = [s for s in ln.spans if s.text.strip()]
        italic = bool(spans) and all(s.italic for s in spans)
        out.append(SectionLine(text=text, size=ln.font_size, bold=ln.bold, italic=italic,
                               x0=ln.bbox[0] if ln.bbox else None, x1=ln.bbox[2] if ln.bbox else None,
                               gap=gap, page=ln.page, breaks=_span_breaks(ln, text)))
        prev, blank = ln, False
    return out


Marks = list[list[tuple[str, int, int]]]
"""Per section line: (field, start, end) character spans where the hand-written rules read a value."""


RuleEntries = list[tuple[WorkEntry, float]] | list[tuple[EducationEntry, float]]


def rule_entries(kind: str, lines: list[Line], languages: tuple[str, ...] = ("en",)) -> RuleEntries:
    """The hand-written rules' reading of the section (`fields/work.py`, `fields/education.py`)."""
    return extract_work(lines, languages) if kind == "work" else extract_education(lines, languages)


def rule_marks(sec: list[SectionLine], found: RuleEntries, dates: DateCache | tuple[str, ...] = ("en",)) -> Marks:
    """Where the rules read title, company, institution, degree, location and the dates they anchored an entry
    on: one more piece of evidence for the model, which learns how far to trust it on a given layout."""
    if not isinstance(dates, DateCache):
        dates = DateCache(dates)
    values: list[tuple[str, str]] = []
    starts: set[str] = set()
    for entry, _ in found:
        if isinstance(entry, WorkEntry):
            values += [("TITLE", entry.title or ""), ("COMPANY", entry.company or ""),
                       ("LOCATION", entry.location.raw if entry.location else "")]
            starts.add(entry.start_date or "")
        else:
            values += [("INSTITUTION", entry.institution or ""), ("DEGREE", entry.degree or ""),
                       ("AREA", entry.field_of_study or "")]
            starts.add(entry.start_date or entry.end_date or "")
    marks: Marks = [[] for _ in sec]
    texts = [ln.text for ln in sec]
    starts.discard("")
    if starts:  # the date range the rules anchored an entry on
        for i, text in enumerate(texts):
            for r in dates(text):
                if (r.start or r.end) in starts:
                    marks[i].append(("DATES", r.start_pos, r.end_pos))
    for name, value in values:
        if len(value) < 2:
            continue
        for i, text in enumerate(texts):
            at = text.find(value)
            if at >= 0:
                marks[i].append((name, at, at + len(value)))
            elif len(text) >= 4 and text in value:  # one line of a value the rules joined from wrapped lines
                marks[i].append((name, 0, len(text)))
    return marks


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for n, edge in enumerate(edges):
        if value < edge:
            return str(n)
    return str(len(edges))


_SHAPE = str.maketrans({**{c: "A" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
                        **{c: "a" for c in "abcdefghijklmnopqrstuvwxyz"}, **{c: "9" for c in "0123456789"}})


def _shape(word: str) -> str:
    """ "Acme" -> "Aaa", "2019" -> "99", "B.Sc." -> "A.Aa.": case, digits and punctuation, runs cut to two."""
    out: list[str] = []
    for ch in word.translate(_SHAPE)[:12]:
        if not (len(out) >= 2 and out[-1] == ch and out[-2] == ch):
            out.append(ch)
    return "".join(out)[:6]


class DateCache:
    """Each text's date ranges, found once per section (line and token features both ask)."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages
        self.found: dict[str, list[DateRange]] = {}

    def __call__(self, text: str) -> list[DateRange]:
        ranges = self.found.get(text)
        if ranges is None:
            ranges = self.found[text] = find_date_ranges(text, self.languages)
        return ranges


def _date_feature(text: str, dates: DateCache) -> tuple[str, int, int]:
    """Where the line's date range sits (none / all / start / end / inside) and its span."""
    ranges = dates(text)
    if not ranges:
        return "none", 0, 0
    best = max(ranges, key=lambda r: (r.end is not None or r.is_current, r.end_pos - r.start_pos))
    # "Jan 2020 - Present (5 years 6 months)": the duration is part of the dates
    rest = PAREN_DURATION.sub("", text[: best.start_pos] + text[best.end_pos :]).strip(" ,|-–—()·•:")
    if not rest:
        where = "all"
    elif best.start_pos <= 3:
        where = "start"
    elif best.end_pos >= len(text.rstrip(" )")) - 2:
        where = "end"
    else:
        where = "inside"
    kind = "range" if (best.end is not None or best.is_current) else "single"
    return f"{where}:{kind}", best.start_pos, best.end_pos


def line_features(kind: str, lines: list[SectionLine], dates: DateCache | tuple[str, ...] = ("en",),
                  marks: Marks | None = None) -> list[Features]:
    """One feature list per line; each also carries its neighbours' main features (prefixes -2: to +2:)."""
    if not isinstance(dates, DateCache):
        dates = DateCache(dates)
    sizes = [ln.size for ln in lines if ln.size]
    body = median(sizes) if sizes else None
    lefts = [ln.x0 for ln in lines if ln.x0 is not None]
    left = min(lefts) if lefts else None
    rights = [ln.x1 for ln in lines if ln.x1 is not None]
    right = max(rights) if rights else None
    bold_share = sum(ln.bold for ln in lines) / len(lines) if lines else 0.0
    own = [_own_features(ln, body, left, right, bold_share, dates) for ln in lines]
    for i, found in enumerate(marks or []):
        own[i][0].extend(sorted({"rule=" + name for name, _, _ in found}))
    out: list[Features] = []
    n = len(own)
    for i, (main, extra) in enumerate(own):
        f = ["bias", "kind=" + kind, *main, *extra]
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                prefix = f"{off}:"
                f.extend(prefix + key for key in own[j][0])
            else:
                f.append(f"{off}:edge")
        out.append(f)
    return out


def _own_features(ln: SectionLine, body: float | None, left: float | None, right: float | None,
                  bold_share: float, dates: DateCache) -> tuple[list[str], list[str]]:
    """(features the neighbours see too, the line's own words and details)."""
    text = ln.text
    words = text.split()
    main: list[str] = []
    extra: list[str] = []
    if BULLET_RE.match(text):
        main.append("bullet")
        text = BULLET_RE.sub("", text).strip()
    main.append("len=" + _bucket(len(words), (2, 3, 5, 8, 12, 20)))
    where, start, end = _date_feature(text, dates)
    main.append("date=" + where)
    rest = PAREN_DURATION.sub("", text[:start] + " " + text[end:]).strip() if where != "none" else text
    if DURATION_RE.match(text):
        main.append("duration")
    if re.search(r"[.!?;]$", text) and len(words) > 4:
        main.append("sentence")
    # a line wrapped inside one value: it ends on a connector, or the next one starts in lower case
    if _OPEN_END.search(text):
        main.append("open_end")
    if text[:1].islower():
        main.append("lower_start")
    if rest:
        main.append("title=" + _bucket(title_score(rest), (0.4, 1.0, 1.6, 2.5)))
        main.append("company=" + _bucket(company_score(rest), (0.5, 1.2, 1.8)))
        if is_place(rest):
            main.append("place=1")
        elif _has_place_part(rest):
            main.append("place=p")
        elif len(words) > 1 and (is_place(words[-1].strip(",")) or is_place(" ".join(words[-2:]).strip(","))):
            main.append("place=tail")
    if find_degree(text):
        main.append("degree")
    if has_school(text):
        main.append("school")
    for sep, name in _SEPARATORS:
        if sep in text:
            extra.append("sep:" + name)
    letters = "".join(filter(str.isalpha, text))  # map/filter: no Python step per character
    if letters:
        upper = sum(map(str.isupper, letters)) / len(letters)
        extra.append("caps=" + _bucket(upper, (0.15, 0.5, 0.9)))
    if words:
        caps_words = sum(1 for w in words if w[:1].isupper())
        extra.append("titlecase=" + _bucket(caps_words / len(words), (0.3, 0.6, 0.9)))
    if _URLISH.search(text):
        extra.append("url")
    if any(map(str.isdigit, rest)):
        extra.append("digits")
    main.append("size=" + (_bucket(ln.size / body, (0.92, 1.04, 1.2)) if ln.size and body else "-"))
    main.append("bold=" + ("1" if ln.bold else "0") + ("m" if bold_share > 0.5 else ""))
    if ln.italic:
        main.append("italic")
    if ln.x0 is not None and left is not None and body:
        main.append("indent=" + _bucket((ln.x0 - left) / body, (0.5, 2.0, 6.0)))
    if ln.x1 is not None and right is not None and body and right - ln.x1 < body:
        extra.append("right")
    main.append("gap=" + _bucket(ln.gap, (0.3, 0.8, 1.5)))
    toks = [t.lower() for t in TOKEN_RE.findall(rest)]  # the texts of tokens(rest)
    if len(toks) <= 10:
        extra.extend("w=" + w for w in toks if w.isalpha() and len(w) > 1)
    if toks:
        extra.append("first=" + toks[0])
        extra.append("last=" + toks[-1])
    return main, extra



_SEPARATORS = ((" at ", "at"), (" @ ", "at"), ("|", "pipe"), (" – ", "dash"), (" - ", "dash"), (" — ", "dash"),
               (",", "comma"), ("·", "dot"), (" as ", "as"), ("(", "paren"), (":", "colon"))
_OPEN_END = re.compile(r"(?:[&,/+]|\b(?:and|of|for|the|in|at|de|del|des|du|und|für|et|y|e|di|van|voor))$", re.I)
_URLISH = re.compile(r"https?://|www\.|\.com\b|@")


def _has_place_part(text: str) -> bool:
    pieces = [p.strip() for p in re.split(r"[,|·•]|\s[-–—]\s", text) if p.strip()]
    return len(pieces) > 1 and any(is_place(p) for p in pieces)


_TOKEN_FLAGS = ("sep", "in_date", "in_place", "in_title", "title_head", "company_word", "school_word", "in_degree")


def token_features(text: str, toks: list[Token], line_label: str, dates: DateCache | tuple[str, ...] = ("en",),
                   marks: list[tuple[str, int, int]] | None = None, kind: str = "work",
                   breaks: tuple[int, ...] = ()) -> list[Features]:
    """One feature list per token of a header line; the line's own label (from the line model) is one.
    `breaks`: where the line's spans begin (`SectionLine.breaks`)."""
    if not isinstance(dates, DateCache):
        dates = DateCache(dates)
    months = month_names()
    heads, twords = title_heads(), title_words()
    cwords, swords = company_words(), school_words()
    lower = [t.text.lower() for t in toks]
    inside_title = _lexicon_cover(lower, job_titles())
    spans = [(r.start_pos, r.end_pos) for r in dates(text)]
    place_cover = _place_cover(text, toks)
    degree = find_degree(text)
    n = len(toks)
    flags: list[list[str]] = []
    for i, (tok, w) in enumerate(zip(toks, lower, strict=True)):
        fl: list[str] = []
        if w in _SEPARATOR_WORDS:
            fl.append("sep")
        if any(s <= tok.start and tok.end <= e for s, e in spans):
            fl.append("in_date")
        if place_cover[i]:
            fl.append("in_place")
        if inside_title[i]:
            fl.append("in_title")
        if w in heads:
            fl.append("title_head")
        key = norm(w)
        if key in cwords:
            fl.append("company_word")
        if key in swords:
            fl.append("school_word")
        if degree and tok.start >= degree[2] and tok.end <= degree[3]:
            fl.append("in_degree")
        for name, start, end in marks or ():
            if start <= tok.start and tok.end <= end:
                fl.append("rule=" + name)
        if i and tok.start in breaks:
            fl.append("span_start")
        flags.append(fl)
    out: list[Features] = []
    line = "line=" + line_label
    for i, (tok, w) in enumerate(zip(toks, lower, strict=True)):
        f = ["bias", "kind=" + kind, line, "w=" + w, "shape=" + _shape(tok.text), "pos=" + _bucket(i / max(1, n - 1),
                                                                               (0.01, 0.34, 0.67, 0.99)), *flags[i]]
        if w in months or w.rstrip(".") in months:
            f.append("month")
        if _YEAR.match(w):
            f.append("year")
        if w in twords:
            f.append("title_word")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                prefix = f"{off}:"
                f.append(prefix + "w=" + lower[j])
                f.extend(prefix + flag for flag in flags[j])
            else:
                f.append(f"{off}:edge")
        out.append(f)
    return out


def _lexicon_cover(words: list[str], lexicon: frozenset[str]) -> list[bool]:
    """Tokens inside the longest known job title (2 to 6 words) found in the line."""
    cover = [False] * len(words)
    for i in range(len(words)):
        for j in range(min(len(words), i + 6), i + 1, -1):
            if " ".join(words[i:j]) in lexicon:
                for k in range(i, j):
                    cover[k] = True
                break
    return cover


def _place_cover(text: str, toks: list[Token]) -> list[bool]:
    """Tokens of a piece (between separators) that is a known place, or of a place that ends a piece
    without a separator ("Zenith Telecom Group Melbourne")."""
    cover = [False] * len(toks)
    pos = 0
    for piece in re.split(r"([,|·•()]|\s[-–—]\s)", text):
        start, pos = pos, pos + len(piece)
        inside = [k for k, t in enumerate(toks) if start <= t.start and t.end <= pos]
        if not piece.strip() or len(piece) >= 60 or not inside:
            continue
        if is_place(piece.strip()):
            for k in inside:
                cover[k] = True
            continue
        for size in (3, 2, 1):  # the longest known place at the piece's end
            tail = inside[-size:]
            if len(tail) == size and len(inside) > size:
                words = text[toks[tail[0]].start : toks[tail[-1]].end]
                if words[:1].isupper() and is_place(words):
                    for k in tail:
                        cover[k] = True
                    break
    return cover
